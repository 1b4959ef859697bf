"""The scan folder into applications. Scans walk three durable steps, and a restart resumes
from the last one done:

1. **claim** (one commit): the item is recorded (the scan's path and hash) with the
   application it belongs to; a new application gets its registration number here, so its
   archive folder is fixed before anything is written.
2. **archive**: originals, extracted text and the verdict are written and fsynced (idempotent
   per item: a resumed write finds what the crashed one left); then one commit records the
   files, the verdict and the events, and marks the item archived.
3. **leave the inbox**: only now is the scan moved out of the scan folder, and the item marked
   done.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from berkas.core.files import sha256_of
from berkas.intake.faults import crashpoint
from berkas.intake.files import collect
from berkas.intake.filing import ACTOR, Filing, Outcome
from berkas.intake.scanfolder import (
    ScanItem,
    Stability,
    current_signature,
    list_items,
    move_out,
    write_reason,
)
from berkas.intake.states import Disposition, Status
from berkas.intake.verdicts import judge, named_nips
from berkas.store.archive import Written
from berkas.store.models import Application, IntakeItem, add_event
from extractors.check import CheckResult
from extractors.models import Blob, ReadResult

log = logging.getLogger("berkas.intake")


@dataclass
class _PreparedScan:
    entry: ScanItem
    blobs: list[Blob]
    sha: str
    source: str
    read: ReadResult
    verdict: CheckResult | None
    primary_nip: str | None



class ScanIntake(Filing):
    """The scan folder into applications."""

    def take_scans(self, stability: Stability) -> tuple[list[Outcome], float | None]:
        """One look at the scan folder: every entry that is ready is taken. Returns what was
        taken and how long until a waiting entry may be ready."""
        inbox = self.settings.inbox_dir
        self._reconcile_scans(inbox)
        ready, wait = stability.observe(list_items(inbox))
        outcomes = []
        prepared: list[_PreparedScan] = []
        for entry in ready:
            outcome = self._guarded(entry, self.prepare_scan)
            if isinstance(outcome, _PreparedScan):
                prepared.append(outcome)
                continue
            if outcome.disposition == Disposition.SKIPPED:  # changed while read: its clock restarts
                wait = self.settings.scan_stable_seconds
            elif outcome.disposition != Disposition.FAILED:
                stability.forget(entry.name)
            outcomes.append(outcome)
        # Forms (they name the person's NIP) first, so the loose SK and letter of the same
        # berkas, taken in the same pass, find the application the form opened.
        prepared.sort(key=lambda p: p.primary_nip is None)
        for p in prepared:
            outcome = self._guarded(p.entry, lambda _entry, p=p: self.commit_scan(p))
            if outcome.disposition != Disposition.FAILED:
                stability.forget(p.entry.name)
            outcomes.append(outcome)
        return outcomes, wait

    @staticmethod
    def _guarded(entry: ScanItem, step):
        try:
            return step(entry)
        except Exception:
            log.exception("scan %s failed; it stays for the next pass", entry.name)
            return Outcome("scan", Disposition.FAILED)

    def _reconcile_scans(self, inbox: Path) -> None:
        """Archived scans whose entry already left the inbox (a crash after the move)."""
        with self.sessions() as s:
            rows = s.execute(select(IntakeItem.id, IntakeItem.scan_path).where(
                IntakeItem.kind == "scan", IntakeItem.status == Status.ARCHIVED)).all()
        for row in rows:
            if not os.path.lexists(inbox / row.scan_path):
                self._mark_done(row.id)

    def process_scan(self, entry: ScanItem) -> Outcome:
        prepared = self.prepare_scan(entry)
        return prepared if isinstance(prepared, Outcome) else self.commit_scan(prepared)

    def prepare_scan(self, entry: ScanItem) -> Outcome | _PreparedScan:
        """Read an entry (nothing is written yet), or finish it if it was seen before."""
        if entry.kind == "special":
            return self._refuse_special(entry)
        blobs, problems = collect([entry.path], self.opts)
        if current_signature(entry) != entry.signature:
            return Outcome("scan", Disposition.SKIPPED)  # changed while it was read: later
        digest = hashlib.sha256()
        for blob in sorted(blobs, key=lambda b: b.name):
            digest.update(f"{blob.name}\0{sha256_of(blob.data)}\0".encode())
        for problem in problems:
            digest.update(f"{problem.file}\0{problem.code}\0".encode())
        sha = digest.hexdigest()
        source = f"pindaian {self.settings.inbox_dir.name}/{entry.name}"
        with self.sessions.begin() as s:
            known = self._find(s, "scan", sha)
            if known is not None and known.status == Status.DONE:
                dup = IntakeItem(kind="scan", status=Status.ARCHIVED,
                                 disposition=Disposition.DUPLICATE,
                                 reason=f"sama dengan item {known.id}", sha256=sha,
                                 scan_path=entry.name, application_id=known.application_id,
                                 received_at=self.clock(), archived_at=self.clock())
                s.add(dup)
                s.flush()
                app = s.get(Application, known.application_id) if known.application_id else None
                add_event(s, app, ACTOR, "duplikat_diabaikan", item=dup.id, asal=known.id,
                          sumber=source)
                known = dup
            elif known is not None:
                known.scan_path = entry.name
        if known is not None:
            return self._resume_scan(entry, known, blobs, problems, source)
        read = self._read(blobs)
        read.problems[:0] = problems
        verdict = judge(read, self.clock().date()) if read.pages else None
        return _PreparedScan(entry, blobs, sha, source, read, verdict,
                             named_nips(verdict, read)[0])

    def commit_scan(self, p: _PreparedScan) -> Outcome:
        item = IntakeItem(kind="scan", status=Status.CLAIMED, disposition=Disposition.NEW,
                          sha256=p.sha, scan_path=p.entry.name, received_at=self.clock())
        if not p.read.pages:
            return self._refuse_scan(p.entry, item, p.blobs, self._refusal_reason(p.read),
                                     p.source)
        events = [("pindaian_diterima", {"berkas": p.entry.name, "jenis": p.entry.kind})]
        with self.sessions() as s:
            app_id = self._join_target(s, p.verdict, p.read)
        if app_id:
            item.disposition = Disposition.JOINED
            events.append(("digabung", {"alasan": "NIP sama dengan permohonan terbuka"}))
        item.reason = p.source
        item = self._claim(item, app_id, None if app_id else "scan", None, events)
        app = self._archive_and_record(item, [(b.name, b.data, "pindaian") for b in p.blobs],
                                       p.read, p.source, p.verdict)
        self._notify(item, app)
        self._leave_inbox(p.entry, self.settings.scan_done_dir, item.id)
        return Outcome("scan", item.disposition, app.registration)

    @staticmethod
    def _refusal_reason(read: ReadResult) -> str:
        details = "; ".join(f"{p.file}: {p.code.value}" for p in read.problems[:5])
        return "tidak ada halaman yang dapat dibaca" + (f" ({details})" if details else "")

    def _resume_scan(self, entry: ScanItem, item: IntakeItem, blobs: list[Blob], problems,
                     source: str) -> Outcome:
        app = None
        if item.status == Status.CLAIMED:
            if item.disposition == Disposition.REFUSED:
                self._archive_refused(item, blobs, item.reason or "", source)
            else:
                read = self._read(blobs)
                read.problems[:0] = problems
                app = self._archive_and_record(
                    item, [(b.name, b.data, "pindaian") for b in blobs], read, source)
        elif item.application_id is not None:
            with self.sessions() as s:
                app = s.get(Application, item.application_id)
        if item.status != Status.DONE and \
                item.disposition not in (Disposition.REFUSED, Disposition.DUPLICATE):
            self._notify(item, app)
        if item.disposition == Disposition.REFUSED:
            self._leave_inbox(entry, self.settings.scan_refused_dir, item.id, item.reason)
        else:
            self._leave_inbox(entry, self.settings.scan_done_dir, item.id)
        duplicate = item.disposition == Disposition.DUPLICATE
        return Outcome("scan", Disposition.DUPLICATE if duplicate else Disposition.RESUMED,
                       app.registration if app else None)

    def _leave_inbox(self, entry: ScanItem, folder: Path, item_id: int,
                     reason: str | None = None) -> None:
        crashpoint("before_scan_leave")
        target = move_out(entry.path, folder)
        if reason is not None:
            write_reason(target, reason, self.clock().isoformat(timespec="seconds"))
        crashpoint("after_scan_leave")
        self._mark_done(item_id)

    def _refuse_special(self, entry: ScanItem) -> Outcome:
        reason = f"{entry.special}: tidak dibuka dan tidak diikuti"
        sha = sha256_of(f"special:{entry.name}".encode())
        with self.sessions() as s:
            pending = s.scalars(select(IntakeItem.id).where(
                IntakeItem.kind == "scan", IntakeItem.sha256 == sha,
                IntakeItem.status != Status.DONE)).first()
        if pending is not None:  # recorded before a crash, not yet moved
            self._leave_inbox(entry, self.settings.scan_refused_dir, pending, reason)
            return Outcome("scan", Disposition.REFUSED)
        with self.sessions.begin() as s:
            row = IntakeItem(kind="scan", status=Status.ARCHIVED,
                             disposition=Disposition.REFUSED, reason=reason, sha256=sha,
                             scan_path=entry.name, received_at=self.clock(),
                             archived_at=self.clock())
            s.add(row)
            s.flush()
            add_event(s, None, ACTOR, "pindaian_ditolak", item=row.id, berkas=entry.name,
                      alasan=reason)
            item_id = row.id
        crashpoint("after_db_commit")
        self._leave_inbox(entry, self.settings.scan_refused_dir, item_id, reason)
        return Outcome("scan", Disposition.REFUSED)

    def _refuse_scan(self, entry: ScanItem, item: IntakeItem, blobs: list[Blob], reason: str,
                     source: str) -> Outcome:
        item.disposition = Disposition.REFUSED
        item.reason = reason
        when = self.clock()
        item.archive_path = self.archive.refused_relative(when, item.sha256)
        item = self._claim(item, None, None, None, [("pindaian_ditolak", {
            "berkas": entry.name, "alasan": reason, "arsip": item.archive_path})])
        self._archive_refused(item, blobs, reason, source)
        self._leave_inbox(entry, self.settings.scan_refused_dir, item.id, reason)
        return Outcome("scan", Disposition.REFUSED)

    def _archive_refused(self, item: IntakeItem, blobs: list[Blob], reason: str,
                         source: str) -> list[Written]:
        assert item.archive_path is not None  # set before a refused item is claimed
        folder = self.archive.application(item.archive_path)
        key = f"scan:{item.sha256[:20]}"
        written = []
        for index, blob in enumerate(blobs):
            written.append(folder.write(blob.name, blob.data, role="ditolak", source=source,
                                        item=f"{key}#{index}"))
            crashpoint("after_archive_write")
        written.append(folder.write("alasan.txt", f"{reason}\n".encode(), role="alasan",
                                    source=source, item=f"{key}#alasan"))
        crashpoint("after_archive_write")
        with self.sessions.begin() as s:
            row = s.get(IntakeItem, item.id)
            assert row is not None  # committed by _claim
            row.status = Status.ARCHIVED
            row.archived_at = self.clock()
        crashpoint("after_db_commit")
        return written

