"""`berkas akun sandi REG --as USERNAME [--baru]` (spse_manual): the temporary password of an
application's account, shown once, asked of the running `berkas run` (only it holds it)."""

from __future__ import annotations

import argparse
import sys

from berkas.accounts.desk import DeskRequest, DeskUnavailable, ask, socket_path
from berkas.core.settings import load_settings

EXIT_NO_SERVICE = 4


def cmd_sandi(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.username.strip():
        parser.exit(2, "berkas: --as NAMA_PENGGUNA wajib diisi\n")
    path = socket_path(load_settings().data_dir)
    try:
        answer = ask(path, DeskRequest(op="reveal", registration=args.registration,
                                       username=args.username.strip(), new=args.baru))
    except DeskUnavailable as exc:
        sys.stderr.write(f"berkas: {exc}; kata sandi hanya ada dalam ingatan berkas run.\n")
        return EXIT_NO_SERVICE
    if answer.code != 0 or answer.password is None:
        sys.stderr.write(f"berkas: {answer.message}\n")
        return answer.code or EXIT_NO_SERVICE
    sys.stdout.write(f"{answer.message}\nsandi_ke={answer.sandi_ke}\n"
                     f"{answer.password.get_secret_value()}\n")
    return 0


def add_parser(sub) -> None:
    akun = sub.add_parser("akun", help="akun Admin Agency di SPSE (spse_manual)")
    inner = akun.add_subparsers(dest="akun_command", required=True)
    sandi = inner.add_parser("sandi", help="tampilkan sekali kata sandi sementara untuk diatur "
                             "di SPSE")
    sandi.add_argument("registration", metavar="REG")
    sandi.add_argument("--as", dest="username", required=True, metavar="NAMA_PENGGUNA",
                       help="akun staf Admin PPE")
    sandi.add_argument("--baru", action="store_true",
                       help="buat kata sandi baru; yang ditampilkan sebelumnya tidak berlaku")
    sandi.set_defaults(handler=cmd_sandi)
