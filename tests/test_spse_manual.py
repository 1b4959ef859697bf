"""BERKAS_ACCOUNT_PROVIDER=spse_manual as an LPSE runs it: `berkas run` (its own Prefect server,
the demo mailbox and SMTP server), every decision with `berkas approve`, the password only with
`berkas akun sandi`. The password printed is the one the account email carries; it is found in no
file the run left; a second reveal needs --baru and voids the first; a restart between reveal
and confirmation loses the password and leads to a new one, never to an email with a password
nobody saw."""

from __future__ import annotations

import json
import re
import signal
import stat
import time
from pathlib import Path

import pytest

from tests.fixturegen.content import make_berkas
from tests.fixturegen.render import to_pdf
from tests.test_run_restart import Service

pytestmark = pytest.mark.timeout(600)
ADMIN = "ppe"  # the Admin PPE's staff account (tests/test_run_restart.py: Service.add_staff)
ADMIN_NAME = "Admin PPE"  # its full name, which the records show for its decisions


def waiting_for(service: Service, key: str, timeout: float = 90) -> dict:
    """The pending decision whose form has the field `key`."""
    deadline = time.monotonic() + timeout
    rows: list = []
    while time.monotonic() < deadline:
        done = service.berkas("pending", "--json")
        rows = json.loads(done.stdout) if done.returncode == 0 and done.stdout else []
        for row in rows:
            if key in row["input_schema"].get("properties", {}):
                return row
        time.sleep(1)
    raise AssertionError(f"no form with {key}: {rows}\n"
                         + service.log.read_text(errors="replace")[-3000:])


def reveal(service: Service, registration: str, *extra: str):
    done = service.berkas("akun", "sandi", registration, "--as", ADMIN, *extra)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0:
        return done.returncode, None, None, done.stderr
    number = re.fullmatch(r"sandi_ke=(\d+)", lines[-2])
    assert number, done.stdout
    return 0, int(number.group(1)), lines[-1], done.stderr


def approve(service: Service, registration: str, step: int, *pairs: str):
    who = "kepala" if step == 2 else ADMIN  # the role of each decision
    return service.berkas("approve", registration, "--step", str(step), "--as", who, *pairs)


def test_spse_manual_from_email_to_account_email(tmp_path: Path) -> None:
    service = Service(tmp_path)
    service.env["BERKAS_ACCOUNT_PROVIDER"] = "spse_manual"
    service.add_staff()
    service.start()
    shown: list[str] = []
    try:
        sock = tmp_path / "data" / "sandi.sock"
        assert stat.S_IMODE(sock.stat().st_mode) == 0o600
        b = make_berkas(312)
        folder = tmp_path / "inbox" / "dinas-spse"
        folder.mkdir(parents=True)
        for doc in b.documents:
            (folder / f"{doc.doc_type}.pdf").write_bytes(to_pdf([doc]))
        registration = service.waiting(2)["registration"]
        assert approve(service, registration, 2, "teruskan=true").returncode == 0
        service.waiting(3)
        done = approve(service, registration, 3, "hasil=lengkap", "salinan_sesuai_asli=true")
        assert done.returncode == 0, done.stderr

        # step 6: the account is made in SPSE by hand; berkas records the user id SPSE took
        form = waiting_for(service, "akun_dibuat_di_spse")
        assert form["step"] == 6 and form["role"] == "admin_ppe"
        assert reveal(service, registration)[0] == 4  # nothing waits for a password yet
        done = approve(service, registration, 6, "user_id=dua kata", "akun_dibuat_di_spse=true")
        assert done.returncode == 4 and "User id" in done.stderr
        done = approve(service, registration, 6, "user_id=Budi.Admin01",
                       "akun_dibuat_di_spse=true")
        assert done.returncode == 0, done.stderr
        waiting_for(service, "sudah_mengikuti_pelatihan")
        done = approve(service, registration, 6, "sudah_mengikuti_pelatihan=true")
        assert done.returncode == 0, done.stderr

        # step 7: shown once, numbered; --baru voids the earlier one
        waiting_for(service, "sandi_ke")
        code, first, password1, _ = reveal(service, registration)
        assert code == 0 and first is not None and password1 is not None
        assert len(password1) >= 8 and re.search(r"[A-Z]", password1) \
            and re.search(r"[0-9]", password1)
        code, *_rest, message = reveal(service, registration)
        assert code == 3 and "--baru" in message
        code, second, password2, _ = reveal(service, registration, "--baru")
        assert code == 0 and second == first + 1 and password2 != password1
        shown += [password1, password2]
        done = approve(service, registration, 7, f"sandi_ke={first}",
                       "sandi_sudah_diatur_di_spse=true")
        assert done.returncode == 4 and f"ke-{second}" in done.stderr

        # a restart before the confirmation: that password is gone, a new one is shown
        service.stop(signal.SIGTERM)
        code, *_rest, message = reveal(service, registration)
        assert code == 4 and "berkas run tidak berjalan" in message
        service.start()
        waiting_for(service, "sandi_ke")
        done = approve(service, registration, 7, f"sandi_ke={second}",
                       "sandi_sudah_diatur_di_spse=true")
        assert done.returncode == 4 and "dimulai ulang" in done.stderr
        code, third, password3, _ = reveal(service, registration)
        assert code == 0 and third == second + 1
        shown.append(password3)
        done = approve(service, registration, 7, f"sandi_ke={third}",
                       "sandi_sudah_diatur_di_spse=true")
        assert done.returncode == 0, done.stderr
        service.finished()
        history = json.loads(service.berkas("status", registration, "--json").stdout)[0]
        kinds = [(e["actor"], e["kind"]) for e in history["events"]]
        assert (ADMIN_NAME, "akun_dibuat") in kinds
        assert (ADMIN_NAME, "sandi_diatur_di_spse") in kinds
        assert [k for k in kinds if k[1] == "sandi_ditampilkan"] == \
            [(ADMIN, "sandi_ditampilkan")] * 3
    finally:
        service.stop(signal.SIGTERM)

    purposes = sorted(str(m["X-Berkas-Purpose"]) for m in service.sent())
    assert purposes == ["akun", "akun_tembusan", "surat_jawaban"], purposes
    (account_mail,) = [m for m in service.sent() if m["X-Berkas-Purpose"] == "akun"]
    body = account_mail.get_body(("plain",)).get_content()
    assert "Budi.Admin01" in body
    assert re.search(r"Kata sandi[^:]*:\s*(\S+)", body).group(1) == password3  # type: ignore[union-attr]
    assert password1 not in body and password2 not in body

    files = service.files_at_rest()
    leaks = [(str(p), secret) for p in files for secret in shown
             if secret.encode() in p.read_bytes()]
    assert not leaks, f"a password is at rest in {leaks}"
    names = {p.name for p in files}
    assert {"prefect.db", "berkas.db", "run.log", "server.log"} <= names, names
    assert any(p.suffix == ".eml" and "akun" in p.name for p in files)  # the archive copy
