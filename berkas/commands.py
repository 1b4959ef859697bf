"""Handlers of `berkas poll`, `berkas run` and `berkas status` (registered in berkas/cli.py)."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections import Counter

from berkas.cli import write_json


def _service():
    from berkas.service import ConfigError, Service
    from berkas.settings import load_settings

    try:
        return Service(load_settings())
    except ConfigError as exc:
        sys.stderr.write(f"berkas: konfigurasi tidak sah: {exc}\n")
        raise SystemExit(2) from exc


def private_files() -> None:
    """Everything the service writes (database, spool, archive, Prefect's home, logs) is for the
    service user alone."""
    import os

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
    from berkas.prefect_server import PrefectServerError
    from berkas.service import ConfigError
    from berkas.settings import load_settings
    from flows.executor import ExecutorBusy
    from flows.serve import run

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


def status_rows(registration: str | None = None, settings=None) -> list[dict]:
    from sqlalchemy import select

    from berkas.db import Application, open_database
    from berkas.settings import load_settings

    settings = settings or load_settings()
    sessions = open_database(settings.database, settings.timezone)
    with sessions() as s:
        query = select(Application).order_by(Application.id)
        if registration:
            query = query.where(Application.registration == registration.upper())
        rows = []
        for app in s.scalars(query):
            verdict = app.verdict or {}
            row = {
                "registration": app.registration,
                "state": app.state,
                "step": app.step,
                "deficiencies": verdict.get("deficiencies", []),
                "needs_review": verdict.get("needs_review"),
                "needs_attention": app.needs_attention,
                "archive": str((settings.archive_dir / app.archive_path).resolve()),
                "nama": app.nama,
                "nip": app.nip,
                "source": app.source,
                "created_at": app.created_at.isoformat(timespec="seconds"),
                "updated_at": app.updated_at.isoformat(timespec="seconds"),
            }
            if registration:
                row["events"] = [{"at": e.at.isoformat(timespec="seconds"), "actor": e.actor,
                                  "kind": e.kind, "detail": e.detail} for e in app.events]
                row["files"] = [{"path": f.path, "role": f.role, "sha256": f.sha256,
                                 "source": f.source} for f in app.files]
            rows.append(row)
    return rows


def cmd_status(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    rows = status_rows(args.registration)
    if args.registration and not rows:
        sys.stderr.write(f"berkas: nomor registrasi {args.registration} tidak ditemukan\n")
        return 1
    if args.json:
        write_json(rows)
        return 0
    if not rows:
        sys.stdout.write("Belum ada permohonan.\n")
    for row in rows:
        flag = "  [PERLU PERHATIAN]" if row["needs_attention"] else ""
        sys.stdout.write(f"{row['registration']}  {row['state']}  langkah {row['step']}  "
                         f"{row['nama'] or '-'}  NIP {row['nip'] or '-'}{flag}\n"
                         f"    arsip: {row['archive']}\n")
        for d in row["deficiencies"]:
            sys.stdout.write(f"    - {d['code']}: {d['message']}\n")
        for e in row.get("events", []):
            sys.stdout.write(f"    {e['at']}  {e['actor']}  {e['kind']}  "
                             f"{json.dumps(e['detail'], ensure_ascii=False)}\n")
    return 0
