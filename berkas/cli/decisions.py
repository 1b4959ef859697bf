"""`berkas pending` and `berkas approve`: the decisions waiting for people, from the command
line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from berkas.cli.output import write_rows
from berkas.flows.decisions import approve, pending
from berkas.procedure.context import Context, shared_context
from berkas.runtime.prefect_server import use_running_prefect


def _context() -> Context:
    ctx = shared_context()
    use_running_prefect(ctx.settings)
    return ctx


def cmd_pending(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    write_rows(pending(_context()), args.json, "Tidak ada keputusan yang menunggu.\n",
               _pending_text)
    return 0


def _pending_text(row: dict[str, Any]) -> str:
    late = "  [MELEWATI BATAS]" if row["overdue"] else ""
    return (f"{row['registration']}  langkah {row['step']} ({row['step_name']})  "
            f"menunggu {row['role']} sejak {row['since']}{late}\n    {row['ui_url']}\n")


def cmd_approve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.decider.strip():
        parser.exit(2, "berkas: --as NAMA_PENGGUNA wajib diisi\n")
    code, message = approve(_context(), args.registration, args.step, args.decider.strip(),
                            args.pairs)
    (sys.stdout if code == 0 else sys.stderr).write(message + "\n")
    return code


def add_parser(sub) -> None:
    show = sub.add_parser("pending", help="keputusan yang menunggu orang")
    show.add_argument("--json", action="store_true", help="keluaran JSON")
    show.set_defaults(handler=cmd_pending)

    take = sub.add_parser("approve", help="ambil keputusan yang menunggu pada satu langkah")
    take.add_argument("registration", metavar="REG")
    take.add_argument("--step", type=int, required=True, metavar="N", help="langkah SOP (1-8)")
    take.add_argument("--as", dest="decider", required=True, metavar="NAMA_PENGGUNA",
                      help="akun staf yang memutuskan (aktif, memegang peran keputusan ini)")
    take.add_argument("pairs", nargs="*", metavar="KUNCI=NILAI")
    take.set_defaults(handler=cmd_approve)
