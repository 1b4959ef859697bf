"""Trying `berkas` without a mailbox: the demo mail servers `berkas run` starts, and `berkas demo`,
which sends the sample berkas of `samples/` as applicants would.

`demo_environment(settings)` is for `berkas run`: with no mailbox configured (`BERKAS_IMAP_HOST`
unset) it starts the demo mailbox (berkas/runtime/demo_mail.py) in `<data>/demo/kotak-surel/` on
`BERKAS_DEMO_IMAP_PORT` and the SMTP server that keeps what is sent (in `<data>/demo/terkirim/`)
on `BERKAS_DEMO_SMTP_PORT`, and returns the `BERKAS_IMAP_*`/`BERKAS_SMTP_*` values that point at
them (plain on loopback; the password by file). `berkas run` puts them in `os.environ` (for its
child processes) and rebuilds its settings with `settings_with(settings, env)`.

`berkas demo` puts one email per sample in the demo mailbox's INBOX (IMAP APPEND, as a mail
server delivers it). It refuses any other mailbox, so sample berkas never reach a real one. If
`berkas run` is not running yet it starts the demo mailbox just long enough to deliver; the mail
waits there. `berkas demo --scan` copies a scanned sample into the scan folder instead.
"""

from __future__ import annotations

import atexit
import json
import logging
import shutil
import sys
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from berkas.core import clock
from berkas.core.settings import Settings
from berkas.intake.mailbox import Mailbox
from berkas.runtime.demo_mail import DEMO_USER, imap_greets, start_demo_mailbox, start_demo_smtp
from berkas.web.address import staff_url

log = logging.getLogger("berkas.demo")

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SCAN_SAMPLE = "05-pindaian-map"  # for the scan folder; every other sample goes by email
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}

_running: list = []  # the demo servers this process started (stopped at exit)


def demo_dir(settings: Settings) -> Path:
    return (settings.data_dir / "demo").resolve()


def mailbox_root(settings: Settings) -> Path:
    return demo_dir(settings) / "kotak-surel"


def demo_environment(settings: Settings) -> dict[str, str]:
    """Start the demo mailbox and SMTP server when no mailbox is configured, and return the
    settings (as BERKAS_* variables) that point at them; {} when a mailbox is configured."""
    if settings.imap_host:
        return {}
    mailbox = start_demo_mailbox(mailbox_root(settings), settings.demo_imap_port)
    _running.append(mailbox)
    try:
        # It stands for the recipients' mail servers: no copy goes into the LPSE mailbox, whose
        # folders must never hold an account email's password.
        smtp = start_demo_smtp(demo_dir(settings), settings.demo_smtp_port)
    except Exception:
        stop_demo_environment()
        raise
    _running.append(smtp)
    if len(_running) == 2:
        atexit.register(stop_demo_environment)
    log.info("demo mailbox on %s:%d (user %s), demo SMTP on %s:%d keeping mail in %s",
             mailbox.host, mailbox.port, mailbox.user, smtp.host, smtp.port, smtp.folder)
    return {
        "BERKAS_IMAP_HOST": mailbox.host, "BERKAS_IMAP_PORT": str(mailbox.port),
        "BERKAS_IMAP_USER": mailbox.user, "BERKAS_IMAP_PASSWORD_FILE": str(mailbox.password_file),
        "BERKAS_IMAP_SECURITY": "none",
        "BERKAS_SMTP_HOST": smtp.host, "BERKAS_SMTP_PORT": str(smtp.port),
        "BERKAS_SMTP_SECURITY": "none", "BERKAS_SMTP_USER": "",
    }


def stop_demo_environment() -> None:
    while _running:
        _running.pop().stop()


def settings_with(settings: Settings, env: dict[str, str]) -> Settings:
    """`settings` with BERKAS_* values applied (validated, so a password file is read)."""
    if not env:
        return settings
    values = settings.model_dump()
    values.update({key.removeprefix("BERKAS_").lower(): value for key, value in env.items()})
    if "imap_password_file" in values and "BERKAS_IMAP_PASSWORD_FILE" in env:
        values["imap_password"] = None  # the file named here wins
    return Settings.model_validate(values)


# --- `berkas demo` ---------------------------------------------------------------------------

def samples_dir() -> Path:
    return SAMPLES


def sample_folders() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if (p / "surel.json").is_file()) \
        if SAMPLES.is_dir() else []


def sample_email(folder: Path, to: str) -> bytes:
    meta = json.loads((folder / "surel.json").read_text(encoding="utf-8"))
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = meta["from"]
    msg["To"] = to
    msg["Subject"] = meta["subject"]
    msg["Date"] = format_datetime(clock.now())
    msg["Message-ID"] = make_msgid(domain="contoh.berkas.localhost")
    msg.set_content(meta["body"])
    for pdf in sorted(folder.glob("*.pdf")):
        msg.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf",
                           filename=pdf.name)
    return msg.as_bytes()


def _is_demo_mailbox(settings: Settings) -> bool:
    return (settings.imap_host in LOOPBACK_NAMES and settings.imap_port == settings.demo_imap_port
            and settings.imap_user == DEMO_USER)


def _deliver(settings: Settings, messages: list[bytes]) -> None:
    from imap_tools.utils import encode_folder

    box = Mailbox(settings)
    box.connect()
    try:
        for raw in messages:
            status, _ = box.client.append(encode_folder(settings.imap_folder), None, None, raw)
            if status != "OK":
                raise RuntimeError(f"APPEND {settings.imap_folder}: {status}")
    finally:
        box.close()


def _ui_url(settings: Settings) -> str:
    """The staff UI (the login in front of Prefect's UI)."""
    return staff_url(settings)


def _send_mail(settings: Settings, folders: list[Path], out) -> int:
    started = None
    if not settings.imap_host:
        if not imap_greets(settings.demo_imap_port, 0.5):
            # `berkas run` is not running: start the mailbox just to deliver; the mail waits
            started = start_demo_mailbox(mailbox_root(settings), settings.demo_imap_port)
        env = {"BERKAS_IMAP_HOST": "127.0.0.1", "BERKAS_IMAP_PORT": str(settings.demo_imap_port),
               "BERKAS_IMAP_USER": "lpse",
               "BERKAS_IMAP_PASSWORD_FILE": str(mailbox_root(settings) / "password"),
               "BERKAS_IMAP_SECURITY": "none"}
        settings = settings_with(settings, env)
    elif not _is_demo_mailbox(settings):
        sys.stderr.write(
            f"berkas: BERKAS_IMAP_HOST menunjuk ke kotak surel {settings.imap_host}:"
            f"{settings.imap_port or ''}, bukan kotak surel demo (127.0.0.1:"
            f"{settings.demo_imap_port}). `berkas demo` hanya mengirim ke kotak surel demo, agar "
            "berkas contoh tidak tercampur dengan permohonan sungguhan.\n")
        return 2
    try:
        _deliver(settings, [sample_email(folder, settings.mail_from) for folder in folders])
    except Exception as exc:
        sys.stderr.write(f"berkas: pengiriman ke kotak surel demo gagal: {exc}\n")
        return 1
    finally:
        if started is not None:
            started.stop()
    out.write(f"Terkirim ke kotak surel demo ({settings.imap_host}:{settings.imap_port}, "
              f"pengguna {settings.imap_user}, folder {settings.imap_folder}):\n")
    for folder in folders:
        meta = json.loads((folder / "surel.json").read_text(encoding="utf-8"))
        out.write(f"  - {folder.name}: {meta['nama']}, {meta['instansi']}\n"
                  f"    {meta['about']} Hasil yang diharapkan: {meta['expected_state']}.\n")
    if started is not None:
        out.write("\n`berkas run` belum berjalan: surel menunggu di kotak surel demo dan akan "
                  "diterima begitu `make run` dijalankan.\n")
    return 0


def _copy_scan(settings: Settings, out) -> int:
    source = SAMPLES / SCAN_SAMPLE
    if not source.is_dir():
        sys.stderr.write(f"berkas: contoh pindaian tidak ditemukan: {source}\n")
        return 1
    inbox = settings.inbox_dir
    inbox.mkdir(parents=True, exist_ok=True)
    name = f"contoh-pindaian-{clock.now():%Y%m%d-%H%M%S}"
    n = 1
    while (inbox / name).exists():
        n += 1
        name = f"contoh-pindaian-{clock.now():%Y%m%d-%H%M%S}-{n}"
    hidden = inbox / f".{name}"  # hidden entries are never taken: it appears whole, by rename
    hidden.mkdir()
    for pdf in sorted(source.glob("*.pdf")):
        shutil.copyfile(pdf, hidden / pdf.name)
    hidden.rename(inbox / name)
    meta = json.loads((source / "surel.json").read_text(encoding="utf-8"))
    out.write(f"Disalin ke folder pindaian: {inbox / name}/\n"
              f"  {meta['nama']}, {meta['instansi']}\n"
              f"  {meta['about']} Hasil yang diharapkan: {meta['expected_state']}.\n")
    return 0
