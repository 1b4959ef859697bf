"""`berkas staff`: the LPSE's staff accounts (SPEC "Commands", "Staff and decisions"). A
password is read from standard input (first line; a second line, if given, must repeat it) or
asked twice on a terminal, never taken from an argument (it would sit in the shell's history
and in every process listing)."""

from __future__ import annotations

import argparse
import getpass
import sys

from berkas.cli.output import write_rows
from berkas.store import staff

EXIT_EXISTS = 3
EXIT_USAGE = 2


def read_password() -> str:
    """The new password, or ValueError (Indonesian) when it is not given the same twice."""
    if sys.stdin.isatty():
        first = getpass.getpass("Kata sandi baru: ")
        second: str | None = getpass.getpass("Ulangi kata sandi: ")
    else:
        lines = sys.stdin.read().splitlines()
        first = lines[0] if lines else ""
        second = lines[1] if len(lines) > 1 else None
    if second is not None and second != first:
        raise ValueError("Kedua kata sandi tidak sama.")
    return first


def _sessions():
    from berkas.core.settings import load_settings
    from berkas.store.database import open_database

    settings = load_settings()
    return open_database(settings.database, settings.timezone)


def _refuse(message: str, code: int = EXIT_USAGE) -> int:
    sys.stderr.write(f"berkas: {message}\n")
    return code


def cmd_staff(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.action == "list":
        rows = [{"username": a.username, "full_name": a.full_name, "roles": list(a.roles),
                 "active": a.active} for a in staff.accounts(_sessions())]
        write_rows(rows, args.json, "Belum ada akun staf.\n", lambda r: (
            f"{r['username']:20}  {r['full_name']}  ({', '.join(r['roles'])})"
            f"{'' if r['active'] else '  [NONAKTIF]'}\n"))
        return 0
    if not args.username:
        parser.exit(EXIT_USAGE, "berkas: nama pengguna wajib diisi\n")
    if args.action == "disable":
        if not staff.disable(_sessions(), args.username):
            return _refuse(f"akun staf {args.username!r} tidak dikenal", EXIT_EXISTS)
        sys.stdout.write(f"Akun {args.username} dinonaktifkan; sesinya diakhiri.\n")
        return 0
    if args.action == "add" and (not args.name or not args.name.strip() or not args.roles):
        parser.exit(EXIT_USAGE, "berkas: gunakan `berkas staff add NAMA_PENGGUNA --name \"NAMA\" "
                                "--role PERAN`\n")
    try:
        password = read_password()
        if args.action == "password":
            if not staff.set_password(_sessions(), args.username, password):
                return _refuse(f"akun staf {args.username!r} tidak dikenal", EXIT_EXISTS)
            sys.stdout.write(f"Kata sandi {args.username} diganti; sesinya diakhiri.\n")
            return 0
        staff.add(_sessions(), args.username, args.name.strip(), args.roles, password)
    except ValueError as exc:
        return _refuse(str(exc))
    except staff.AccountExists:
        return _refuse(f"nama pengguna {args.username!r} sudah ada", EXIT_EXISTS)
    sys.stdout.write(f"Akun staf {args.username} dibuat ({', '.join(args.roles)}).\n")
    return 0


def add_parser(sub) -> None:
    cmd = sub.add_parser("staff", help="akun staf LPSE: tambah, daftar, nonaktifkan, ganti sandi")
    cmd.add_argument("action", choices=("add", "list", "disable", "password"))
    cmd.add_argument("username", nargs="?", metavar="NAMA_PENGGUNA")
    cmd.add_argument("--name", metavar="NAMA", help="nama lengkap dengan gelar")
    cmd.add_argument("--role", dest="roles", action="append", default=[],
                     choices=[r.value for r in staff.StaffRole],
                     help="peran (dapat diulang)")
    cmd.add_argument("--json", action="store_true", help="keluaran JSON (list)")
    cmd.set_defaults(handler=cmd_staff)
