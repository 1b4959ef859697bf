"""The staff UI's login page (`/masuk`), in formal Bahasa Indonesia, with no script and a
Content-Security-Policy that allows only its own style."""

from __future__ import annotations

import base64
import hashlib
import html

_STYLE = ("body{font-family:sans-serif;background:#f4f5f7;color:#222;margin:0}"
          "main{max-width:22em;margin:12vh auto;background:#fff;padding:2em;border-radius:6px;"
          "box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.3em;margin-top:0}"
          "label{display:block;margin-top:1em;font-weight:bold}"
          "input{width:100%;box-sizing:border-box;padding:.5em;margin-top:.3em;font-size:1em}"
          "button{margin-top:1.5em;width:100%;padding:.6em;font-size:1em;background:#1d4ed8;"
          "color:#fff;border:0;border-radius:4px;cursor:pointer}"
          ".galat{background:#fee2e2;color:#991b1b;padding:.6em;border-radius:4px}"
          ".info{color:#555;font-size:.9em}")
CSP = ("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
       "style-src 'sha256-" + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
       + "'")


def page(title: str, *, error: str | None = None, next_path: str = "/",
         notice: str | None = None) -> bytes:
    message = f'<p class="galat" role="alert">{html.escape(error)}</p>' if error else ""
    info = f'<p class="info">{html.escape(notice)}</p>' if notice else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>Masuk - {html.escape(title)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{html.escape(title)}</h1>"
        "<p>Silakan masuk dengan akun staf Anda untuk membuka alur dan keputusan permohonan.</p>"
        f"{message}{info}"
        "<form method=\"post\" action=\"/masuk\">"
        f"<input type=\"hidden\" name=\"next\" value=\"{html.escape(next_path)}\">"
        "<label for=\"username\">Nama pengguna</label>"
        "<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>"
        "<label for=\"password\">Kata sandi</label>"
        "<input id=\"password\" name=\"password\" type=\"password\" "
        "autocomplete=\"current-password\" required>"
        "<button type=\"submit\">Masuk</button></form></main></body></html>\n").encode()
