"""`berkas poll`, `berkas run` and `berkas status`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections import Counter
from typing import Any

from berkas.cli.output import write_json, write_rows
from berkas.core.settings import load_settings
from berkas.intake.service import ConfigError, Service
from berkas.procedure.status import status_rows


def _service() -> Service:
    try:
        return Service(load_settings())
    except ConfigError as exc:
        sys.stderr.write(f"berkas: konfigurasi tidak sah: {exc}\n")
        raise SystemExit(2) from exc


def private_files() -> None:
    """Everything the service writes (database, spool, archive, Prefect's home, logs) is for the
    service user alone."""
    os.umask(0o077)


def cmd_poll(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.once:
        parser.exit(2, "berkas: gunakan `berkas poll --once` (layanan terus-menerus: berkas run)\n")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    private_files()
    service = _service()
    try:
        outcomes = service.poll_once()
    except Exception as exc:  # mailbox unreachable, wrong password, ...
        sys.stderr.write(f"berkas: penerimaan gagal: {exc}\n")
        return 1
    counts = Counter(f"{o.kind}:{o.disposition}" for o in outcomes)
    if args.json:
        write_json([{"kind": o.kind, "disposition": o.disposition,
                     "registration": o.registration} for o in outcomes])
    else:
        summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "tidak ada"
        sys.stdout.write(f"Diterima: {summary}\n")
    return 0


def cmd_run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    # migration chatter, build notes, HTTP requests, the demo SMTP server's sessions
    for noisy in ("alembic", "libarchive", "httpx", "mail.log"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # only `berkas run` loads Prefect (~1.3 s): `poll` and `status` do not wait for it
    from berkas.flows.executor import ExecutorBusy
    from berkas.runtime.prefect_server import PrefectServerError
    from berkas.runtime.serve import run

    private_files()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    try:
        run(load_settings(), stop)
    except (ConfigError, PrefectServerError, ExecutorBusy) as exc:
        sys.stderr.write(f"berkas: {exc}\n")
        return 2
    return 0


def cmd_status(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    rows = status_rows(args.registration)
    if args.registration and not rows:
        sys.stderr.write(f"berkas: nomor registrasi {args.registration} tidak ditemukan\n")
        return 1
    write_rows(rows, args.json, "Belum ada permohonan.\n", _status_text)
    return 0


def _status_text(row: dict[str, Any]) -> str:
    flag = "  [PERLU PERHATIAN]" if row["needs_attention"] else ""
    lines = [f"{row['registration']}  {row['state']}  langkah {row['step']}  "
             f"{row['nama'] or '-'}  NIP {row['nip'] or '-'}{flag}\n",
             f"    arsip: {row['archive']}\n"]
    lines += [f"    - {d['code']}: {d['message']}\n" for d in row["deficiencies"]]
    lines += [f"    {e['at']}  {e['actor']}  {e['kind']}  "
              f"{json.dumps(e['detail'], ensure_ascii=False)}\n" for e in row.get("events", [])]
    return "".join(lines)


def add_parser(sub) -> None:
    poll = sub.add_parser("poll", help="satu kali ambil surel dan pindaian, lalu selesai")
    poll.add_argument("--once", action="store_true", required=True)
    poll.add_argument("--json", action="store_true", help="keluaran JSON")
    poll.set_defaults(handler=cmd_poll)

    run = sub.add_parser("run", help="layanan: kotak surel (IDLE) dan folder pindaian")
    run.set_defaults(handler=cmd_run)

    status = sub.add_parser("status", help="permohonan, keadaan, kekurangan dan arsipnya")
    status.add_argument("registration", nargs="?", metavar="REG")
    status.add_argument("--json", action="store_true", help="keluaran JSON")
    status.set_defaults(handler=cmd_status)
