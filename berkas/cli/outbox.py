"""`berkas outbox`: what the outbox could not send by itself, for staff: list it, send it again
(`release`), or record that it did arrive (`sent`, for an `uncertain` one found in the SMTP
server's log or confirmed by its recipient)."""

from __future__ import annotations

import argparse
import sys

from berkas.procedure.context import shared_context
from berkas.store.models import OutboxMessage


def cmd_outbox(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sqlalchemy import select

    ctx = shared_context()
    if args.action in ("release", "sent"):
        if args.id is None or not args.actor:
            parser.exit(2, "berkas: gunakan `berkas outbox release|sent ID --as NAMA_PENGGUNA`\n")
        from berkas.store import claims, staff

        try:
            account = staff.require_role(ctx.sessions, args.actor, *staff.OUTBOX_ROLES)
        except staff.NotAllowed as exc:
            sys.stderr.write(f"berkas: tidak diizinkan: {exc}\n")
            return 4
        actor = f"{account.full_name} ({account.username}; OS {claims.os_user()})"[:100]
        done = (ctx.outbox.release(args.id, actor) if args.action == "release"
                else ctx.outbox.mark_sent(args.id, actor))
        if not done:
            sys.stderr.write(f"berkas: surel {args.id} tidak dalam keadaan yang dapat diubah "
                             "(hanya uncertain/failed untuk release, uncertain untuk sent)\n")
            return 3
        what = "akan dikirim ulang" if args.action == "release" else "dicatat terkirim"
        sys.stdout.write(f"Surel {args.id} {what}.\n")
        return 0
    statuses = None if args.all else ("pending", "uncertain", "failed")
    with ctx.sessions() as s:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if statuses:
            query = query.where(OutboxMessage.status.in_(statuses))
        rows = s.scalars(query).all()
    if not rows:
        sys.stdout.write("Tidak ada surel yang tertahan.\n")
    for row in rows:
        error = f"  ({row.last_error})" if row.last_error else ""
        sys.stdout.write(f"{row.id:5}  {row.status:9}  {row.registration}  {row.purpose}  "
                         f"percobaan {row.attempts}  ke {', '.join(row.recipients)}{error}\n")
    return 0


def add_parser(sub) -> None:
    box = sub.add_parser("outbox", help="surel keluar yang tertahan: daftar, kirim ulang, "
                                        "catat terkirim")
    box.add_argument("action", nargs="?", default="list", choices=("list", "release", "sent"))
    box.add_argument("id", nargs="?", type=int)
    box.add_argument("--as", dest="actor", metavar="NAMA_PENGGUNA",
                     help="akun staf (admin_ppe atau pengelola) yang memutuskan")
    box.add_argument("--all", action="store_true", help="juga yang sudah terkirim")
    box.set_defaults(handler=cmd_outbox)
