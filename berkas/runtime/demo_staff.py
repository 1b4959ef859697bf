"""`make run` from nothing: with no staff account and no mailbox configured (the demo), one
account per staff role, with random passwords written to a file of mode 0600 in the data
folder (never to the log or the terminal)."""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from berkas.core.files import atomic_write
from berkas.core.settings import Settings
from berkas.store import staff

DEMO_FILE = "staf-demo.txt"
# user name -> (full name, roles)
DEMO_ACCOUNTS = {
    "kepala": ("Kepala LPSE (akun demo)", [staff.StaffRole.KEPALA_LPSE]),
    "adminppe": ("Admin PPE (akun demo)", [staff.StaffRole.ADMIN_PPE]),
    "pengelola": ("Pengelola Sistem (akun demo)", [staff.StaffRole.PENGELOLA]),
}


def demo_staff(settings: Settings, sessions: sessionmaker[Session]) -> Path | None:
    """The file listing the demo accounts when they were made now (or earlier, and it is still
    there); None when staff accounts exist otherwise."""
    target = (settings.data_dir / DEMO_FILE).resolve()
    if staff.count(sessions):
        return target if target.exists() else None
    lines = ["# Akun staf demo berkas (hapus berkas ini setelah kata sandi dicatat).",
             "# nama_pengguna\tkata_sandi\tperan\tnama"]
    for username, (name, roles) in DEMO_ACCOUNTS.items():
        password = secrets.token_urlsafe(12)
        staff.add(sessions, username, name, [str(r) for r in roles], password)
        lines.append(f"{username}\t{password}\t{','.join(roles)}\t{name}")
    atomic_write(target, ("\n".join(lines) + "\n").encode(), mode=0o600)
    return target
