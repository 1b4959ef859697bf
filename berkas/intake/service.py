"""`berkas poll --once` and `berkas run`: the mailbox and the scan folder, taken in.

One intake at a time per data folder: a `ProcessLock` on `<data>/intake.lock` (released by the
kernel if the process dies), so `berkas poll --once` beside a running `berkas run`, or the mail
and scan threads of one service, never race for the same item.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable

from berkas.core.clock import Clock, now
from berkas.core.files import make_private
from berkas.core.locks import FileSlots, ProcessLock
from berkas.core.settings import Settings
from berkas.intake.filing import Outcome, application_changed
from berkas.intake.mailbox import Mailbox
from berkas.intake.pipeline import Intake
from berkas.intake.scanfolder import Stability, Watcher
from berkas.store.archive import Archive
from berkas.store.database import open_database

log = logging.getLogger("berkas.service")


class ConfigError(Exception):
    pass


def check_folders(settings: Settings) -> None:
    inbox = settings.inbox_dir.resolve()
    for name in ("scan_done_dir", "scan_refused_dir", "archive_dir"):
        other = getattr(settings, name).resolve()
        if other == inbox or inbox in other.parents:
            raise ConfigError(f"BERKAS_{name.upper()} ({other}) must be outside the scan folder "
                              f"BERKAS_INBOX_DIR ({inbox})")


def mail_configured(settings: Settings) -> bool:
    return bool(settings.imap_host and settings.imap_user and settings.imap_password)


class Service:
    def __init__(self, settings: Settings,
                 on_change: Callable[[str, str, int], None] | None = None,
                 clock: Clock = now) -> None:
        """`on_change(registration, "received"|"updated", item_id)`: what follows intake (the
        flows); by default only logged."""
        check_folders(settings)
        self.settings = settings
        settings.inbox_dir.mkdir(parents=True, exist_ok=True)
        # identity documents and the state database: readable by the service user only
        for private in (settings.data_dir, settings.archive_dir, settings.scan_done_dir,
                        settings.scan_refused_dir):
            make_private(private)
        self.sessions = open_database(settings.database, settings.timezone)
        self.intake = Intake(settings, self.sessions, Archive(settings.archive_dir, clock),
                             gate=FileSlots(settings.ocr_slots_dir, settings.ocr_slots),
                             on_change=on_change or application_changed, clock=clock)
        self.lock = ProcessLock(settings.data_dir / "intake.lock")

    # --- one pass -----------------------------------------------------------------------
    def poll_once(self, max_wait: float | None = None) -> list[Outcome]:
        """Everything waiting in the mailbox and the scan folder; scans still being copied are
        waited for (up to `max_wait`, default 12 stable delays)."""
        return self.poll_mail() + self.poll_scans(max_wait)

    def poll_mail(self) -> list[Outcome]:
        """One pass over the mailbox (nothing when none is configured)."""
        with self.lock:
            self.intake.reconcile_spool()
        if not mail_configured(self.settings):
            return []
        box = Mailbox(self.settings)
        box.connect()
        try:
            with self.lock:
                return self.intake.take_mail(box)
        finally:
            box.close()

    def poll_scans(self, max_wait: float | None = None) -> list[Outcome]:
        """One pass over the scan folder, waiting (up to `max_wait`) for scans still copied."""
        outcomes: list[Outcome] = []
        stability = Stability(self.settings.scan_stable_seconds)
        limit = time.monotonic() + (max_wait if max_wait is not None else
                                    max(12 * self.settings.scan_stable_seconds, 5.0))
        while True:
            with self.lock:
                taken, wait = self.intake.take_scans(stability)
            outcomes += taken
            if wait is None or time.monotonic() + wait > limit:
                break
            time.sleep(wait)
        return outcomes

    # --- the long-running service -------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        with self.lock:
            self.intake.reconcile_spool()
        threads = [threading.Thread(target=self._scan_loop, args=(stop,), name="pindaian")]
        if mail_configured(self.settings):
            threads.append(threading.Thread(target=self._mail_loop, args=(stop,), name="surel"))
        else:
            log.warning("mailbox not configured (BERKAS_IMAP_HOST): scan folder only")
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.intake.close()  # the OCR pool's workers and tesseract processes

    def _mail_loop(self, stop: threading.Event) -> None:
        s = self.settings
        backoff = 1.0
        while not stop.is_set():
            box = Mailbox(s)
            try:
                box.connect()
                log.info("mailbox connected (%s, IDLE %s)", s.imap_host,
                         "yes" if box.has_idle else "no")
                backoff = 1.0
                while not stop.is_set():
                    with self.lock:
                        taken = self.intake.take_mail(box)
                    if taken:
                        log.info("mail: %s", dict(Counter(o.disposition for o in taken)))
                    box.wait(s.imap_idle_seconds if box.has_idle else s.imap_poll_seconds, stop)
            except Exception as exc:
                log.warning("mailbox: %s; reconnecting in %.0f s", exc, backoff)
                stop.wait(backoff)
                backoff = min(backoff * 2, s.imap_backoff_max_seconds)
            finally:
                box.close()

    def _scan_loop(self, stop: threading.Event) -> None:
        s = self.settings
        watcher = Watcher(s.inbox_dir, s.scan_polling, s.scan_poll_seconds)
        watcher.start()
        stability = Stability(s.scan_stable_seconds)
        try:
            while not stop.is_set():
                watcher.changed.clear()
                try:
                    with self.lock:
                        taken, wait = self.intake.take_scans(stability)
                    if taken:
                        log.info("scans: %s", dict(Counter(o.disposition for o in taken)))
                except Exception:
                    log.exception("scan folder pass failed; trying again")
                    wait = max(s.scan_stable_seconds, 1.0)
                # woken by the watcher; also every minute in case a share's events are lost;
                # and within half a second of a stop
                deadline = time.monotonic() + (wait if wait is not None else 60.0)
                while not stop.is_set() and time.monotonic() < deadline:
                    if watcher.changed.wait(timeout=min(0.5, deadline - time.monotonic())):
                        break
        finally:
            watcher.stop()
