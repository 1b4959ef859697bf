"""Intake benchmark against a private Dovecot (as in the tests), on a real disk (fsync on).

1. 200 application emails with PDF attachments wait in the mailbox: the time until all are
   archived by one `berkas poll --once` pass (in-process; each batch of 50 is fetched, spooled
   and committed, each message filed, then the batch moved), against a plain imap-tools fetch
   of the same 200 messages.
   The time is split by timing the intake's own functions: its IMAP fetch; the reading and
   checking of the documents (`read_blobs` and `check`: measured, reported, and left out of the
   overhead); the durable spool copy (write + fsync of each batch); the archive writes (files,
   text, verdict, each fsynced, with their manifest lines); the moves; the rest (commits,
   triage, lookups, Python). **Overhead** = everything but reading/checking, minus the plain
   fetch, per message and as a percentage of the plain fetch; the "taking in" part alone (fetch,
   spool, batch commit, MOVE) is also shown against the plain fetch.
2. Delivery-to-archive latency of single messages with IDLE (`berkas run` in a thread): from
   the APPEND returning until the item is recorded done (moved out of the inbox).

Usage: .venv/bin/python bench/intake.py [--messages 200] [--latency-runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from sqlalchemy import func, select  # noqa: E402

import berkas.intake.filing as filing_module  # noqa: E402
import berkas.intake.mail as mail_module  # noqa: E402
import berkas.intake.scans as scans_module  # noqa: E402
from berkas.intake.mailbox import Mailbox  # noqa: E402
from berkas.intake.service import Service  # noqa: E402
from berkas.store.archive import Folder  # noqa: E402
from berkas.store.models import IntakeItem  # noqa: E402
from tests.dovecot import PASSWORD, start_dovecot  # noqa: E402
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
    with MailBoxUnencrypted("127.0.0.1", dovecot.plain_port).login(user, PASSWORD) as box:
        fetched = [m.uid for m in box.fetch(mark_seen=False, bulk=20)]
    elapsed = time.perf_counter() - started
    assert len(fetched) > 0
    return elapsed


def _timed_method(cls, name: str, timer: Timer, consume: bool = False):
    original = getattr(cls, name)

    def timed(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            result = original(self, *args, **kwargs)
            return list(result) if consume else result
        finally:
            timer.seconds += time.perf_counter() - started
    setattr(cls, name, timed)
    return original


def throughput(dovecot, emails: list[bytes], work: Path) -> dict:
    user = dovecot.new_user()
    dovecot.deliver(user, *emails)
    fetch_seconds = min(plain_fetch(dovecot, user) for _ in range(3))
    service = Service(intake_settings(work / "throughput", dovecot.env(user)))
    t = {name: Timer() for name in ("reading", "fetch", "spool_sync", "archive", "move",
                                    "mime", "batch", "finish")}
    intake = service.intake
    intake._read = t["reading"].wrap(intake._read)
    intake._email_files = t["mime"].wrap(intake._email_files)
    intake.take_batch = t["batch"].wrap(intake.take_batch)
    intake._finish = t["finish"].wrap(intake._finish)
    originals = {
        "judge": filing_module.judge, "fsync_all": mail_module.fsync_all,
        "fetch": _timed_method(Mailbox, "fetch", t["fetch"], consume=True),
        "move": _timed_method(Mailbox, "move", t["move"]),
        "write_many": _timed_method(Folder, "write_many", t["archive"])}
    for module in (filing_module, mail_module, scans_module):  # each module calls its judge
        module.judge = t["reading"].wrap(originals["judge"])  # type: ignore[attr-defined]
    mail_module.fsync_all = t["spool_sync"].wrap(originals["fsync_all"])
    try:
        started = time.perf_counter()
        outcomes = service.poll_once()
        total = time.perf_counter() - started
    finally:
        for module in (filing_module, mail_module, scans_module):
            module.judge = originals["judge"]  # type: ignore[attr-defined]
        mail_module.fsync_all = originals["fsync_all"]
        Mailbox.fetch, Mailbox.move = originals["fetch"], originals["move"]
        Folder.write_many = originals["write_many"]
    assert len(outcomes) == len(emails) and all(o.disposition == "new" for o in outcomes), \
        sorted({o.disposition for o in outcomes})
    assert dovecot.folder_bytes(user, "INBOX") == []
    n = len(emails)
    own = total - t["reading"].seconds  # everything the intake does besides reading/checking
    measured = sum(t[k].seconds for k in ("fetch", "spool_sync", "archive", "move", "mime"))
    # fetch, spool copy + fsync, the batch commit, and the move: the part before and after
    # filing, comparable with the plain fetch
    taking = t["batch"].seconds - t["finish"].seconds + t["move"].seconds
    return {"messages": n, "total_s": total, "fetch_s": fetch_seconds,
            "reading_s": t["reading"].seconds, "own_s": own,
            "intake_fetch_s": t["fetch"].seconds, "spool_sync_s": t["spool_sync"].seconds,
            "archive_s": t["archive"].seconds, "move_s": t["move"].seconds,
            "mime_s": t["mime"].seconds, "rest_s": own - measured, "taking_s": taking,
            "taking_pct": 100 * (taking - fetch_seconds) / fetch_seconds,
            "overhead_ms": 1000 * (own - fetch_seconds) / n,
            "overhead_pct": 100 * (own - fetch_seconds) / fetch_seconds}


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
            unique = unique.replace(b"Message-ID: <", f"Message-ID: <bench{n}.".encode(), 1)
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
    n = t["messages"]

    def line(label: str, seconds: float) -> str:
        return f"  {label:<44}{seconds:7.2f} s  ({1000 * seconds / n:6.1f} ms/message)"

    print(f"intake benchmark: {n} emails, 3 PDF attachments each (mean {size / 1024:.0f} KiB), "
          f"Dovecot on loopback, SQLite WAL, fsync on; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(line("all archived (poll --once, in-process)", t["total_s"]))
    print(line("plain imap-tools fetch of the same mail", t["fetch_s"]))
    print(line("reading + checking the documents", t["reading_s"])
          + "  measured separately, not overhead")
    print(line("the intake's own work (all but reading)", t["own_s"]))
    print(line("  its IMAP fetch", t["intake_fetch_s"]))
    print(line("  spool copy write + fsync (per batch)", t["spool_sync_s"]))
    print(line("  archive writes (fsynced, manifest)", t["archive_s"]))
    print(line("  UID MOVE (one per batch)", t["move_s"]))
    print(line("  attachments split out for the archive", t["mime_s"]))
    print(line("  the rest (commits, triage, lookups)", t["rest_s"]))
    print(f"  overhead vs plain fetch (own work - plain fetch): {t['overhead_ms']:+.1f} ms/message"
          f", {t['overhead_pct']:+.0f}% of the plain fetch (target < 20%)")
    print(f"  of it, taking in (fetch, spool + fsync, batch commit, MOVE) {t['taking_s']:.2f} s: "
          f"{t['taking_pct']:+.0f}% of the plain fetch; the rest is filing each message "
          "durably before it may leave the inbox")
    if lat:
        print(f"  delivery -> archived and moved, with IDLE: median "
              f"{statistics.median(lat):.2f} s, max {max(lat):.2f} s over {len(lat)} messages "
              "(target < 3 s)")


if __name__ == "__main__":
    main()
