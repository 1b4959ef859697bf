"""Filing what intake takes into its application: the application found (the same person's
open one) or opened with its registration number, the item's files, the text read and the
verdict of everything the application now has written to its archive folder (the case file),
and the records committed. Mail (berkas/intake/mail.py) and scans (berkas/intake/scans.py) file
through this; `Intake` (berkas/intake/pipeline.py) is both.

A message seen again (move failed, UIDVALIDITY changed, delivered twice) is recognised by its
UID, its content hash or its Message-ID and never taken twice.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from berkas.core import clock
from berkas.core.clock import Clock
from berkas.core.settings import Settings
from berkas.intake.faults import crashpoint
from berkas.intake.states import Disposition, Status
from berkas.intake.verdicts import judge, merge_reads, named_nips, state_of
from berkas.sop.model import CLOSED_STATES, State
from berkas.store.archive import Archive, Folder
from berkas.store.models import Application, IntakeItem, StoredFile, add_event, next_registration
from berkas.store.pagecache import PageCache, merged_names
from berkas.store.verdict import StoredVerdict
from extractors.check import CheckResult
from extractors.models import Blob, ReadResult
from extractors.pageimage import VIEW_WIDTH
from extractors.reader import read_blobs

if TYPE_CHECKING:
    from extractors.ocr import OcrPool

log = logging.getLogger("berkas.intake")
ACTOR = "sistem:penerimaan"
# items no application learns of
NOTHING_FOLLOWS = (Disposition.OTHER, Disposition.DUPLICATE, Disposition.REFUSED,
                   Disposition.QUARANTINED)


def _subject(item: IntakeItem) -> str:
    return f"{item.message_id or item.scan_path or ''} {item.sha256}"


def application_changed(registration: str, change: str, item_id: int) -> None:
    """THE hook for what follows intake: called once an application was created ("received")
    or got something new ("updated"), after its records and archive are durable. The Prefect
    flow (per application) will be started from here, with `item_id` as idempotency key (after
    a crash this may be called again for the same item)."""
    log.info("application %s %s (item %s)", registration, change, item_id)


@dataclass
class Outcome:
    kind: str  # email | scan
    # new | joined | reply | other | duplicate | refused | resumed | skipped | failed | quarantined
    disposition: str
    registration: str | None = None


class Filing:
    """What mail and scans share: the settings, the records, the archive, the OCR gate, the
    hook for what follows intake, and the clock every record of intake is stamped with."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session],
                 archive: Archive | None = None, gate=None,
                 on_change: Callable[[str, str, int], None] = application_changed,
                 clock: Clock = clock.now) -> None:
        self.settings = settings
        self.sessions = sessions
        self.clock = clock
        self.archive = archive or Archive(settings.archive_dir, clock)
        self.gate = gate
        self.opts = settings.read_options()
        self.on_change = on_change
        self._pool: OcrPool | None = None
        self._pool_lock = threading.Lock()
        self.pictures = PageCache(settings.data_dir)

    def _read(self, blobs: list[Blob]) -> ReadResult:
        # each page's image is kept for the reviewer's pictures (`_picture`): not rendered twice
        return read_blobs(blobs, self.opts, gate=self.gate, pool=self._ocr_pool(),
                          page_images=VIEW_WIDTH)

    def _ocr_pool(self) -> OcrPool:
        """One OCR pool for the intake's whole life, made when the first scan needs it: every
        application's pages are recognised in parallel on its workers, each within a
        machine-wide OCR slot, and its threads, imports and tesseract processes are not paid
        again for each berkas."""
        with self._pool_lock:
            if self._pool is None:
                from extractors.ocr import OcrPool

                self._pool = OcrPool(self.opts, self.gate)
            return self._pool

    def close(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    def _join_target(self, s: Session, verdict: CheckResult | None, read: ReadResult) -> int | None:
        """The open application of the person this names: by the form's NIP (also an
        application that so far only has an SK or letter naming it), else by any NIP printed
        that is exactly one open application's person. A NIP shared by several (the agency
        head's, signing every letter) joins nothing."""
        primary, others = named_nips(verdict, read)
        open_apps = select(Application).where(
            Application.state.not_in(CLOSED_STATES)).order_by(Application.id)
        if primary:
            found = s.scalars(open_apps.where(Application.nip == primary)).first()
            if found:
                return found.id
            unnamed = [a for a in s.scalars(open_apps.where(Application.nip.is_(None)))
                       if primary in (a.named_nips or [])]
            if len(unnamed) == 1:
                return unnamed[0].id
        if others:
            matches = s.scalars(open_apps.where(Application.nip.in_(others))).all()
            if len({a.nip for a in matches}) == 1:
                return matches[0].id
        return None

    def _new_application(self, s: Session, source: str, sender: str | None) -> Application:
        when = self.clock()
        registration = next_registration(s, when.year)
        app = Application(registration=registration, created_at=when, updated_at=when,
                          state=State.WAITING_FOR_CHECK, step=2, source=source,
                          sender=sender or None,
                          archive_path=self.archive.relative(when.year, registration),
                          needs_attention=False)
        s.add(app)
        s.flush()
        return app

    def _claim(self, item: IntakeItem, app_id: int | None, new_source: str | None,
               sender: str | None, events: list[tuple[str, dict]]) -> IntakeItem:
        with self.sessions.begin() as s:
            app = None
            if new_source:
                app = self._new_application(s, new_source, sender)
                add_event(s, app, ACTOR, "permohonan_dibuat", registrasi=app.registration,
                          sumber=new_source)
            elif app_id is not None:
                app = s.get(Application, app_id)
            if app is not None:
                item.application_id = app.id
                item.item_no = 1 + (s.scalar(select(func.count(IntakeItem.id)).where(
                    IntakeItem.application_id == app.id, IntakeItem.item_no.is_not(None))) or 0)
            s.add(item)
            s.flush()
            for kind, detail in events:
                add_event(s, app, ACTOR, kind, item=item.id, **detail)
        crashpoint("after_db_commit")
        return item

    def _archive_and_record(self, item: IntakeItem, files: list[tuple[str, bytes, str]],
                            read: ReadResult, source: str,
                            verdict_alone: CheckResult | None = None,
                            final_status: str = Status.ARCHIVED) -> Application:
        """Step 2: write the item's files, the text read and the verdict of everything the
        application now has; then record it all in one commit."""
        with self.sessions() as s:
            app = s.get(Application, item.application_id)
        assert app is not None  # a claimed item that is not refused belongs to an application
        folder = self.archive.application(app.archive_path)
        label = "surel" if item.kind == "email" else "pindaian"
        subdir = f"{item.item_no:02d}-{label}"
        key = f"{item.kind}:{item.sha256[:20]}"
        subject = _subject(item)
        batch = [(name, data, role, f"{key}#{index}")
                 for index, (name, data, role) in enumerate(files)]
        batch.append(("teks.json", read.model_dump_json(indent=1).encode(), "teks",
                      f"{key}#teks"))
        written = folder.write_many(batch, source=source, subdir=subdir,
                                    after_each=lambda: crashpoint("after_archive_write", subject))
        crashpoint("after_archive_write", subject)
        verdict = None
        if not app.closed:
            reads = self._reads_of(folder)
            verdict = verdict_alone if len(reads) == 1 and verdict_alone is not None else \
                judge(merge_reads(reads), app.created_at.date())
            self._picture(app.registration, read, reads, verdict)
            if verdict is not None:
                written.append(folder.write(
                    f"pemeriksaan-{item.item_no:02d}.json",
                    json.dumps(verdict.model_dump(mode="json"), ensure_ascii=False,
                               indent=1).encode(),
                    role="pemeriksaan", source=source, item=f"{key}#pemeriksaan"))
                crashpoint("after_archive_write", subject)
        with self.sessions.begin() as s:
            app = s.get(Application, item.application_id)
            row = s.get(IntakeItem, item.id)
            assert app is not None and row is not None  # both committed by _claim
            known = set(s.scalars(select(StoredFile.path).where(
                StoredFile.application_id == app.id)))
            names = {f"{key}#{i}": name for i, (name, _, _) in enumerate(files)}
            for w in written:
                if w.path not in known:
                    s.add(StoredFile(application_id=app.id, item_id=row.id, path=w.path,
                                     original_name=names.get(w.item), sha256=w.sha256,
                                     size=w.size, role=w.role, source=w.source,
                                     written_at=self.clock()))
            add_event(s, app, ACTOR, "berkas_diarsipkan", item=row.id, sumber=source,
                      berkas=[w.path for w in written if w.role in ("surel", "lampiran",
                                                                    "pindaian")])
            if app.closed:
                app.needs_attention = True
                add_event(s, app, ACTOR, "perlu_perhatian", item=row.id,
                          alasan="kiriman baru untuk permohonan yang sudah ditutup")
            else:
                self._apply_verdict(s, app, verdict, read, row.id)
            app.updated_at = self.clock()
            row.status = final_status
            row.archived_at = self.clock()
            if final_status == Status.DONE:
                row.done_at = self.clock()
        crashpoint("after_db_commit")
        return app

    def _picture(self, registration: str, read: ReadResult, reads: list[ReadResult],
                 verdict: CheckResult | None) -> None:
        """The item's page images and the verdict's crops into the data folder's cache (this
        item's reading is the last of the application's). A picture that cannot be made is
        made when it is first asked for; intake goes on."""
        try:
            names = merged_names(reads)[-1] if reads else {}
            self.pictures.save(registration, read, names, verdict)
        except Exception:  # noqa: BLE001 - a cache: never a reason for intake to fail
            log.exception("gambar halaman %s tidak dapat dibuat", registration)

    def _apply_verdict(self, s: Session, app: Application, verdict: CheckResult | None,
                       read: ReadResult, item_id: int) -> None:
        fields = verdict.fields if verdict is not None else {}
        primary, others = named_nips(verdict, read)
        if app.nip is None:
            app.nip = primary or (others[0] if len(others) == 1 else None)
        app.named_nips = sorted(set(app.named_nips or []) | set(others)
                               | (set() if primary is None else {primary}))
        app.nama = fields.get("nama") or app.nama
        app.email = fields.get("email") or app.email
        app.verdict = None if verdict is None else StoredVerdict.model_validate(
            verdict.model_dump(mode="json"))
        app.state = state_of(verdict)
        add_event(s, app, ACTOR, "diperiksa", item=item_id, keadaan=app.state,
                  kekurangan=[d.code for d in verdict.deficiencies] if verdict else [])

    def _reads_of(self, folder: Folder) -> list[ReadResult]:
        return [ReadResult.model_validate_json((folder.path / e["path"]).read_bytes())
                for e in folder.entries() if e["role"] == "teks"]

    def _mark_done(self, item_id: int) -> None:
        with self.sessions.begin() as s:
            row = s.get(IntakeItem, item_id)
            assert row is not None  # only committed items are marked done
            row.status = Status.DONE
            row.done_at = self.clock()

    def _notify(self, item: IntakeItem, app: Application | None) -> None:
        if app is None or item.disposition in NOTHING_FOLLOWS:
            return
        change = "received" if item.disposition == Disposition.NEW else "updated"
        self.on_change(app.registration, change, item.id)

    def _find(self, s: Session, kind: str, sha: str, message_id: str | None = None,
              where=None) -> IntakeItem | None:
        if where is not None:
            found = s.scalars(select(IntakeItem).where(*where)).first()
            if found:
                return found
        found = s.scalars(select(IntakeItem).where(IntakeItem.kind == kind,
                                                   IntakeItem.sha256 == sha)
                          .order_by(IntakeItem.id)).first()
        if found is None and message_id:
            found = s.scalars(select(IntakeItem).where(IntakeItem.kind == kind,
                                                       IntakeItem.message_id == message_id)
                              .order_by(IntakeItem.id)).first()
        return found

