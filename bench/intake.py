"""Intake benchmark against a private Dovecot (as in the tests).

1. 200 application emails with PDF attachments wait in the mailbox: the time until all are
   archived by `berkas poll --once` (in-process), against a plain imap-tools fetch of the same
   200 messages. The overhead is split: taking the mail in (fetch, durable spool copy fsynced per
   batch, one commit and one UID MOVE per batch of 50) against the plain fetch, and filing it
   afterwards (reading + checking, the application's archive folder with fsync, its records).
2. Delivery-to-archive latency of single messages with IDLE (`berkas run`).

Usage: .venv/bin/python bench/intake.py [--messages 200] [--latency-runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

import berkas.intake as intake_module  # noqa: E402
from berkas.db import IntakeItem  # noqa: E402
from berkas.service import Service  # noqa: E402
from tests.dovecot import start_dovecot  # noqa: E402
from tests.fixturegen.content import make_berkas  # noqa: E402
from tests.fixturegen.emails import berkas_email  # noqa: E402
from tests.intake_env import intake_settings  # noqa: E402


def make_emails(count: int) -> list[bytes]:
    """`count` applications of `count` different people (about 0.2 s each to make)."""
    return [berkas_email(make_berkas(100 + i), "pdf_each").eml for i in range(count)]


class Timer:
    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, fn):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
        return timed


def plain_fetch(dovecot, user: str) -> float:
    from imap_tools import MailBoxUnencrypted

    started = time.perf_counter()
    with MailBoxUnencrypted("127.0.0.1", dovecot.plain_port).login(user, "rahasia-uji") as box:
        fetched = [m.uid for m in box.fetch(mark_seen=False, bulk=20)]
    elapsed = time.perf_counter() - started
    assert len(fetched) > 0
    return elapsed


def throughput(dovecot, emails: list[bytes], work: Path) -> dict:
    user = dovecot.new_user()
    dovecot.deliver(user, *emails)
    fetch_seconds = min(plain_fetch(dovecot, user) for _ in range(3))
    service = Service(intake_settings(work / "throughput", dovecot.env(user)))
    reading, filing = Timer(), Timer()
    service.intake._read = reading.wrap(service.intake._read)
    intake_module.judge = reading.wrap(intake_module.judge)
    service.intake.file_waiting = filing.wrap(service.intake.file_waiting)
    started = time.perf_counter()
    outcomes = service.poll_once()
    total = time.perf_counter() - started
    assert len(outcomes) == len(emails) and all(o.disposition == "new" for o in outcomes)
    n = len(emails)
    plumbing = total - reading.seconds
    taking = total - filing.seconds  # fetch, spool + fsync, commit, MOVE (and a scan pass)
    return {"messages": n, "total_s": total, "fetch_s": fetch_seconds,
            "reading_s": reading.seconds, "plumbing_s": plumbing, "taking_s": taking,
            "filing_s": filing.seconds,
            "overhead_taking_pct": 100 * (taking - fetch_seconds) / fetch_seconds,
            "per_msg_ms": 1000 * total / n, "fetch_per_msg_ms": 1000 * fetch_seconds / n,
            "overhead_total_pct": 100 * (total - fetch_seconds) / fetch_seconds,
            "overhead_plumbing_pct": 100 * (plumbing - fetch_seconds) / fetch_seconds}


def latency(dovecot, email: bytes, work: Path, runs: int) -> list[float]:
    user = dovecot.new_user()
    service = Service(intake_settings(work / "latency", dovecot.env(user)))
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=(stop,))
    runner.start()
    results = []
    try:
        time.sleep(1.5)  # connected and idling
        for n in range(runs):
            head, sep, body = email.partition(b"\r\n\r\n")
            unique = head + f"\r\nX-Bench-Run: {n}".encode() + sep + body
            delivered = time.monotonic()
            dovecot.deliver(user, unique)
            while time.monotonic() - delivered < 30:
                with service.sessions() as s:
                    done = s.scalar(select(func.count(IntakeItem.id)).where(
                        IntakeItem.status == "done"))
                if done == n + 1:
                    results.append(time.monotonic() - delivered)
                    break
                time.sleep(0.02)
            time.sleep(0.5)
    finally:
        stop.set()
        runner.join(timeout=30)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--latency-runs", type=int, default=5)
    args = parser.parse_args()
    emails = make_emails(args.messages)
    size = sum(map(len, emails)) / len(emails)
    work = Path(tempfile.mkdtemp(prefix="berkas-bench-", dir=ROOT))  # a real disk: real fsyncs
    dovecot = start_dovecot()
    try:
        t = throughput(dovecot, emails, work)
        lat = latency(dovecot, emails[0], work, args.latency_runs)
    finally:
        dovecot.stop()
        shutil.rmtree(dovecot.root, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    print(f"intake benchmark: {t['messages']} emails, 3 PDF attachments each "
          f"(mean {size / 1024:.0f} KiB), Dovecot on loopback, SQLite WAL, fsync on")
    print(f"  all archived in                {t['total_s']:7.2f} s  "
          f"({t['per_msg_ms']:.1f} ms/message)")
    print(f"  plain imap-tools fetch         {t['fetch_s']:7.2f} s  "
          f"({t['fetch_per_msg_ms']:.1f} ms/message)")
    print(f"  taking in: fetch + durable copy + commit + MOVE "
          f"{t['taking_s']:5.2f} s  ({1000 * t['taking_s'] / t['messages']:.1f} ms/message), "
          f"overhead vs plain fetch {t['overhead_taking_pct']:+.0f}% (target < 20%)")
    print(f"  filing after the move          {t['filing_s']:7.2f} s  "
          f"({1000 * t['filing_s'] / t['messages']:.1f} ms/message), of which reading + check "
          f"{t['reading_s']:.2f} s ({1000 * t['reading_s'] / t['messages']:.1f} ms/message)")
    print(f"  overhead vs plain fetch: whole pipeline {t['overhead_total_pct']:+.0f}%, "
          f"everything but reading/checking {t['overhead_plumbing_pct']:+.0f}%")
    if lat:
        print(f"  delivery -> archived with IDLE: median {statistics.median(lat):.2f} s, "
              f"max {max(lat):.2f} s over {len(lat)} messages (target < 3 s)")


if __name__ == "__main__":
    main()
