"""The reveal page of `spse_manual` (served by the viewer at `/s/<token>`, linked from form 7):
the Admin PPE asks for the temporary password of one application's account and sees it once,
with its number (`sandi_ke`), as `berkas akun sandi` shows it. The page only asks; the running
service decides (berkas/procedure/spse.py: reveal) and keeps the password in memory only. A GET
never reveals anything (a link preview or prefetch cannot spend the one showing); the POST does.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Callable
from urllib.parse import parse_qs

from berkas.accounts.desk import DeskAnswer

Revealer = Callable[[str, str, bool], DeskAnswer]  # (registration, username, new) -> answer

STYLE = ("body{font-family:sans-serif;margin:2em;color:#222;max-width:50em}"
         "code{font-size:1.6em;background:#eee;padding:.2em .4em;user-select:all}"
         "label{display:block;margin:.6em 0}.galat{color:#a00}")
CSP = ("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
       "style-src 'sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
       + "'")


def _page(registration: str, body: str) -> bytes:
    title = f"Kata sandi sementara {html.escape(registration)}"
    return ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"robots\" content=\"noindex\"><title>{title}</title>"
            f"<style>{STYLE}</style></head><body><h1>{title}</h1>{body}</body></html>\n"
            ).encode()


def _form(new_checked: bool, ask_name: bool = True) -> str:
    checked = " checked" if new_checked else ""
    name = ("<label>Nama pengguna (Admin PPE) <input name=\"nama_pengguna\" required "
            "autocomplete=\"username\"></label>") if ask_name else ""
    return ("<form method=\"post\">" + name +
            f"<label><input type=\"checkbox\" name=\"baru\" value=\"1\"{checked}> Buat kata "
            "sandi baru (kata sandi yang ditampilkan sebelumnya tidak berlaku lagi)</label>"
            "<button type=\"submit\">Tampilkan kata sandi</button></form>")


def ask_page(registration: str, ask_name: bool = True) -> bytes:
    """`ask_name` False behind the staff login: the person is the logged-in account."""
    return _page(registration, (
        "<p>Kata sandi sementara akun Admin Agency permohonan ini dibuat saat Anda meminta dan "
        "hanya ditampilkan <strong>sekali</strong>. Atur kata sandi tersebut di SPSE (reset "
        "password, wajib diganti saat pertama kali masuk), lalu isikan nomornya (sandi_ke) "
        "pada isian langkah 7. Email informasi akun dikirim seketika dengan kata sandi itu.</p>"
        + _form(False, ask_name)))


def answer_page(registration: str, answer: DeskAnswer, ask_name: bool = True
                ) -> tuple[int, bytes]:
    """(HTTP status, page) for the service's answer."""
    if answer.code == 0 and answer.password is not None:
        secret = html.escape(answer.password.get_secret_value())
        return 200, _page(registration, (
            f"<p>Kata sandi ke-{answer.sandi_ke}:</p><p><code>{secret}</code></p>"
            "<p>Halaman ini tidak dapat dibuka ulang untuk kata sandi yang sama. Atur kata sandi "
            "di SPSE, lalu pada isian langkah 7 isikan <strong>sandi_ke = "
            f"{answer.sandi_ke}</strong> dan nyatakan kata sandi telah diatur di SPSE.</p>"))
    status = 409 if answer.code == 3 else 403
    return status, _page(registration, (
        f"<p class=\"galat\">{html.escape(answer.message)}</p>"
        + (_form(True, ask_name) if answer.code == 3 else "")))


def parse_form(body: bytes) -> tuple[str, bool]:
    """(username, new) from the POSTed form."""
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
    username = (fields.get("nama_pengguna") or [""])[0].strip()
    return username, (fields.get("baru") or [""])[0] == "1"
