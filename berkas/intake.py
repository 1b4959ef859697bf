"""Exactly-once intake of emails and scans into applications, the archive and the records.

**Mail** is taken in batches (up to MAIL_BATCH messages), and nothing slow sits between the
fetch and the durable copy:

1. **store** (one commit per batch): each message's bytes are written to the spool
   (`<data>/surel-masuk/<sha256>.eml`, mail for staff excepted), all of them fsynced in one pass
   with their directory, and one commit records every message (UIDVALIDITY+UID, Message-ID,
   content hash) as `stored`.
2. **leave the inbox**: one UID MOVE per target folder (processed, or staff for automatic
   replies and bounces); one commit marks them `moved` (or `done` when nothing is left to do).
3. **file** (same process, after the move): each `moved` message is read and checked, assigned
   to its application (`filing`, one commit; a new one gets its registration number here), its
   originals, text and verdict are archived and fsynced, and one commit marks it `done`. Mail
   that turns out, once read, not to be a berkas goes on to the staff folder (`refile`).

**Scans** walk three durable steps, and a restart resumes from the last one done:

1. **claim** (one commit): the item is recorded (the scan's path and hash) with the
   application it belongs to; a new application gets its registration number here, so its
   archive folder is fixed before anything is written.
2. **archive**: originals, extracted text and the verdict are written and fsynced (idempotent
   per item: a resumed write finds what the crashed one left); then one commit records the
   files, the verdict and the events, and marks the item archived.
3. **leave the inbox**: only now is the scan moved out of the scan folder, and the item marked
   done.

A message seen again (move failed, UIDVALIDITY changed, delivered twice) is recognised by its
UID, its content hash or its Message-ID and never taken twice.
"""

from __future__ import annotations

import hashlib
import imaplib
import json
import logging
import os
import signal
import ssl
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from berkas import db
from berkas.archive import Archive, Folder, Written, fsync_all, make_dirs, sha256_of
from berkas.db import Application, IntakeItem, SentMessage, StoredFile, add_event
from berkas.mailbox import MailboxError
from berkas.scanfolder import (
    ScanItem,
    Stability,
    current_signature,
    list_items,
    move_out,
    write_reason,
)
from berkas.settings import Settings
from berkas.triage import Kind, Triage, facts_from_bytes, triage_content, triage_headers
from extractors.models import EMAIL_BODY_NAME, Blob, ReadResult

log = logging.getLogger("berkas.intake")
CONNECTION_ERRORS = (imaplib.IMAP4.error, MailboxError, ConnectionError, TimeoutError,
                     ssl.SSLError)
ACTOR = "sistem:penerimaan"
CRASH_ENV = "BERKAS_CRASH_AT"  # "point" or "point:N": SIGKILL at the Nth time `point` is reached
TRACE_ENV = "BERKAS_CRASH_TRACE"  # a file: every crash point reached is appended to it
_hits: Counter[str] = Counter()
MAIL_BATCH = 50  # messages fetched, stored, committed and moved together
SPOOL = "surel-masuk"  # under the data folder: each message's bytes until it is filed


def crashpoint(name: str) -> None:
    """A side-effect boundary. Tests kill the process here to prove a restart recovers."""
    trace = os.environ.get(TRACE_ENV)
    spec = os.environ.get(CRASH_ENV)
    if not trace and not spec:
        return
    _hits[name] += 1
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(f"{name}\n")
    if spec:
        point, _, nth = spec.partition(":")
        if point == name and _hits[name] == int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)


def application_changed(registration: str, change: str, item_id: int) -> None:
    """THE hook for what follows intake: called once an application was created ("received")
    or got something new ("updated"), after its records and archive are durable. The Prefect
    flow (per application) will be started from here, with `item_id` as idempotency key (after
    a crash this may be called again for the same item)."""
    log.info("application %s %s (item %s)", registration, change, item_id)


# --- the verdict, behind one function ---------------------------------------------------------

def judge(read: ReadResult, received: date) -> dict | None:
    """`berkas check` on what was read; None when the checker is not available (the
    application then waits as `menunggu_pemeriksaan`)."""
    try:
        from extractors.check import check
    except ImportError:
        return None
    try:
        return check(read, received).model_dump(mode="json")
    except Exception:  # the checker must not crash on input; if it does, a person looks
        log.exception("check failed")
        return None


def state_of(verdict: dict | None) -> str:
    if verdict is None:
        return db.STATE_PENDING
    if verdict.get("needs_review"):
        return db.STATE_REVIEW
    return db.STATE_COMPLETE if verdict.get("complete") else db.STATE_INCOMPLETE


def merge_reads(reads: list[ReadResult]) -> ReadResult:
    """Everything an application has, as one reading; a file name already used by an earlier
    item is shown as `name (2).ext`. Only the first email's body counts (it may be the cover
    letter); the bodies of replies are conversation, archived but not judged as documents."""
    merged = ReadResult()
    used: set[str] = set()
    for number, read in enumerate(reads):
        if number and EMAIL_BODY_NAME in used:
            read = read.model_copy(update={
                "pages": [p for p in read.pages if p.file != EMAIL_BODY_NAME],
                "files": [f for f in read.files if f.file != EMAIL_BODY_NAME]})
        names = {p.file for p in read.pages} | {p.file for p in read.problems} | \
            {f.file for f in read.files}
        rename = {}
        for name in sorted(names):
            new, n = name, 2
            while new in used:
                stem, dot, ext = name.rpartition(".")
                new = f"{stem} ({n}).{ext}" if dot and stem and "/" not in ext else f"{name} ({n})"
                n += 1
            rename[name] = new
        used |= set(rename.values())
        merged.pages += [p.model_copy(update={"file": rename[p.file]}) for p in read.pages]
        merged.problems += [p.model_copy(update={"file": rename[p.file]}) for p in read.problems]
        merged.files += [f.model_copy(update={"file": rename[f.file]}) for f in read.files]
        merged.links += [link for link in read.links if link not in merged.links]
        merged.email = merged.email or read.email
    return merged


def named_nips(verdict: dict | None, read: ReadResult) -> tuple[str | None, list[str]]:
    """The person's NIP from the verdict, and every other valid NIP printed on the pages."""
    from extractors.normalize import nip_candidates, normalize_nip

    primary = None
    if verdict:
        value = normalize_nip(verdict.get("fields", {}).get("nip"))
        primary = value.value if value.valid else None
    others: list[str] = []
    for page in read.pages:
        for _, _, raw in nip_candidates(page.text):
            value = normalize_nip(raw)
            if value.valid and value.value is not None and value.value != primary \
                    and value.value not in others:
                others.append(value.value)
    return primary, others


def _fields(verdict: dict | None) -> dict:
    return (verdict or {}).get("fields") or {}


@dataclass
class _PreparedScan:
    entry: ScanItem
    blobs: list[Blob]
    sha: str
    source: str
    read: ReadResult
    verdict: dict | None
    primary_nip: str | None


class _KnownMail:
    """The records a batch of fetched messages may match (by UID here, content hash or
    Message-ID), read in one query; what the batch adds is added as it goes. Matches in the
    order of `Intake._find`: this UID, then the first with the same bytes, then the first with
    the same Message-ID."""

    def __init__(self, s: Session, box, fetched) -> None:
        self.here = (box.folder, box.uidvalidity)
        self.by_uid: dict[int, IntakeItem] = {}
        self.by_sha: dict[str, IntakeItem] = {}
        self.by_message_id: dict[str, IntakeItem] = {}
        self.facts = {m.uid: (sha256_of(m.raw), facts_from_bytes(m.raw)) for m in fetched}
        shas = [sha for sha, _ in self.facts.values()]
        ids = [facts.message_id for _, facts in self.facts.values() if facts.message_id]
        rows = s.scalars(select(IntakeItem).where(IntakeItem.kind == "email", or_(
            and_(IntakeItem.folder == box.folder, IntakeItem.uidvalidity == box.uidvalidity,
                 IntakeItem.uid.in_([m.uid for m in fetched])),
            IntakeItem.sha256.in_(shas), IntakeItem.message_id.in_(ids)))
            .order_by(IntakeItem.id))
        for row in rows:
            self.add(row)

    def add(self, row: IntakeItem) -> None:
        if (row.folder, row.uidvalidity) == self.here and row.uid is not None:
            self.by_uid.setdefault(row.uid, row)
        self.by_sha.setdefault(row.sha256, row)
        if row.message_id:
            self.by_message_id.setdefault(row.message_id, row)

    def find(self, uid: int, sha: str, message_id: str | None) -> IntakeItem | None:
        return self.by_uid.get(uid) or self.by_sha.get(sha) or \
            (self.by_message_id.get(message_id) if message_id else None)


@dataclass
class Outcome:
    kind: str  # email | scan
    disposition: str  # new | joined | reply | other | duplicate | refused | resumed | skipped
    registration: str | None = None


class Intake:
    def __init__(self, settings: Settings, sessions: sessionmaker[Session],
                 archive: Archive | None = None, gate=None,
                 on_change: Callable[[str, str, int], None] = application_changed) -> None:
        self.settings = settings
        self.sessions = sessions
        self.archive = archive or Archive(settings.archive_dir, db.now)
        self.gate = gate
        self.opts = settings.read_options()
        self.on_change = on_change

    # --- shared -------------------------------------------------------------------------
    def _read(self, blobs: list[Blob]) -> ReadResult:
        from extractors.reader import read_blobs

        return read_blobs(blobs, self.opts, gate=self.gate)

    def _join_target(self, s: Session, verdict: dict | None, read: ReadResult) -> int | None:
        """The open application of the person this names: by the form's NIP (also an
        application that so far only has an SK or letter naming it), else by any NIP printed
        that is exactly one open application's person. A NIP shared by several (the agency
        head's, signing every letter) joins nothing."""
        primary, others = named_nips(verdict, read)
        open_apps = select(Application).where(
            Application.state.not_in(db.CLOSED_STATES)).order_by(Application.id)
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
        when = db.now()
        registration = db.next_registration(s, when.year)
        app = Application(registration=registration, created_at=when, updated_at=when,
                          state=db.STATE_PENDING, step=2, source=source, sender=sender or None,
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
                            verdict_alone: dict | None = None,
                            final_status: str = "archived") -> Application:
        """Step 2: write the item's files, the text read and the verdict of everything the
        application now has; then record it all in one commit."""
        with self.sessions() as s:
            app = s.get(Application, item.application_id)
        assert app is not None  # a claimed item that is not refused belongs to an application
        folder = self.archive.application(app.archive_path)
        label = "surel" if item.kind == "email" else "pindaian"
        subdir = f"{item.item_no:02d}-{label}"
        key = f"{item.kind}:{item.sha256[:20]}"
        batch = [(name, data, role, f"{key}#{index}")
                 for index, (name, data, role) in enumerate(files)]
        batch.append(("teks.json", read.model_dump_json(indent=1).encode(), "teks",
                      f"{key}#teks"))
        written = folder.write_many(batch, source=source, subdir=subdir,
                                    after_each=lambda: crashpoint("after_archive_write"))
        crashpoint("after_archive_write")
        verdict = None
        if not app.closed:
            reads = self._reads_of(folder)
            verdict = verdict_alone if len(reads) == 1 and verdict_alone is not None else \
                judge(merge_reads(reads), app.created_at.date())
            if verdict is not None:
                written.append(folder.write(
                    f"pemeriksaan-{item.item_no:02d}.json",
                    json.dumps(verdict, ensure_ascii=False, indent=1).encode(),
                    role="pemeriksaan", source=source, item=f"{key}#pemeriksaan"))
                crashpoint("after_archive_write")
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
                                     written_at=db.now()))
            add_event(s, app, ACTOR, "berkas_diarsipkan", item=row.id, sumber=source,
                      berkas=[w.path for w in written if w.role in ("surel", "lampiran",
                                                                    "pindaian")])
            if app.closed:
                app.needs_attention = True
                add_event(s, app, ACTOR, "perlu_perhatian", item=row.id,
                          alasan="kiriman baru untuk permohonan yang sudah ditutup")
            else:
                self._apply_verdict(s, app, verdict, read, row.id)
            app.updated_at = db.now()
            row.status = final_status
            row.archived_at = db.now()
            if final_status == "done":
                row.done_at = db.now()
        crashpoint("after_db_commit")
        return app

    def _apply_verdict(self, s: Session, app: Application, verdict: dict | None,
                       read: ReadResult, item_id: int) -> None:
        fields = _fields(verdict)
        primary, others = named_nips(verdict, read)
        if app.nip is None:
            app.nip = primary or (others[0] if len(others) == 1 else None)
        app.named_nips = sorted(set(app.named_nips or []) | set(others)
                               | (set() if primary is None else {primary}))
        app.nama = fields.get("nama") or app.nama
        app.email = fields.get("email") or app.email
        app.verdict = verdict
        app.state = state_of(verdict)
        add_event(s, app, ACTOR, "diperiksa", item=item_id, keadaan=app.state,
                  kekurangan=[d["code"] for d in (verdict or {}).get("deficiencies", [])])

    def _reads_of(self, folder: Folder) -> list[ReadResult]:
        return [ReadResult.model_validate_json((folder.path / e["path"]).read_bytes())
                for e in folder.entries() if e["role"] == "teks"]

    def _mark_done(self, item_id: int) -> None:
        with self.sessions.begin() as s:
            row = s.get(IntakeItem, item_id)
            assert row is not None  # only committed items are marked done
            row.status = "done"
            row.done_at = db.now()

    def _notify(self, item: IntakeItem, app: Application | None) -> None:
        if app is None or item.disposition in ("other", "duplicate", "refused"):
            return
        self.on_change(app.registration, "received" if item.disposition == "new" else "updated",
                       item.id)

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

    # --- mail ---------------------------------------------------------------------------
    def take_mail(self, box) -> list[Outcome]:
        """Everything waiting in the mailbox, in batches: fetch, store durably, one commit,
        one move per target folder; then file what was taken (read, check, archive)."""
        uids = box.uids()
        self._reconcile_mail(box, set(uids))
        outcomes = self.file_waiting(box)  # left over from an interrupted pass
        for start in range(0, len(uids), MAIL_BATCH):
            outcomes += self.take_batch(box, uids[start:start + MAIL_BATCH])
            outcomes += self.file_waiting(box)
        return outcomes

    def _reconcile_mail(self, box, present: set[int]) -> None:
        """Stored messages no longer in the folder: moved just before a crash."""
        with self.sessions() as s:
            gone = [uid for uid in s.scalars(select(IntakeItem.uid).where(
                IntakeItem.kind == "email", IntakeItem.status == "stored",
                IntakeItem.folder == box.folder, IntakeItem.uidvalidity == box.uidvalidity))
                if uid is not None and uid not in present]
        if gone:
            self._mark_moved(box, gone)

    def _spool_path(self, sha: str) -> Path:
        return self.settings.data_dir / SPOOL / f"{sha}.eml"

    def take_batch(self, box, uids: list[int]) -> list[Outcome]:
        """Step 1 for a batch of messages: each one's bytes written (no fsync yet), then all
        fsynced in one pass with their directory, one commit, and one UID MOVE per target
        folder. Nothing is read or judged in between."""
        fetched = list(box.fetch(uids))
        crashpoint("after_download")
        spool = self.settings.data_dir / SPOOL
        make_dirs(spool)
        outcomes: list[Outcome] = []
        moves: dict[str, list[int]] = {}
        written: list[Path] = []
        resumed: dict[int, IntakeItem] = {}  # stored before a crash: perhaps already copied
        with self.sessions() as s:
            known = _KnownMail(s, box, fetched)
            for message in fetched:
                try:
                    target, outcome = self._store_message(s, box, message.uid, message.raw,
                                                          known, written, resumed)
                except Exception:
                    log.exception("message UID %s failed; it stays for the next pass",
                                  message.uid)
                    outcomes.append(Outcome("email", "failed"))
                    continue
                moves.setdefault(target, []).append(message.uid)
                if outcome is not None:
                    outcomes.append(outcome)
            fsync_all(written, spool)
            crashpoint("after_spool_sync")
            s.commit()
        crashpoint("after_db_commit")
        for folder, folder_uids in moves.items():
            # without MOVE a crash can fall between COPY and the delete: never copy twice
            copied = [uid for uid in folder_uids if uid in resumed and not box.has_move
                      and box.holds(folder, resumed[uid].message_id, resumed[uid].sha256)]
            crashpoint("before_move")
            box.move([uid for uid in folder_uids if uid not in copied], folder,
                     after_copy=lambda: crashpoint("after_copy"))
            box.delete(copied)
            crashpoint("after_move")
        self._mark_moved(box, [uid for folder_uids in moves.values() for uid in folder_uids])
        return outcomes

    def _store_message(self, s: Session, box, uid: int, raw: bytes, index: _KnownMail,
                       written: list[Path], resumed: dict[int, IntakeItem]
                       ) -> tuple[str, Outcome | None]:
        sha, facts = index.facts[uid]
        here = (box.folder, box.uidvalidity)
        known = index.find(uid, sha, facts.message_id or None)
        if known is not None:
            if (known.folder, known.uidvalidity, known.uid) == (*here, uid):
                resumed[uid] = known
                outcome = None if known.disposition == "pending" else \
                    Outcome("email", "resumed")
                return self._mail_target(known.disposition), outcome  # stored before a crash
            if known.status == "stored" and known.sha256 == sha \
                    and (known.folder, known.uidvalidity) != here:
                known.folder, known.uidvalidity, known.uid = box.folder, box.uidvalidity, uid
                return self._mail_target(known.disposition), None  # UIDVALIDITY changed
            dup = self._duplicate(s, known, box, uid, sha, facts.message_id)
            index.add(dup)
            return self._mail_target(dup.disposition), Outcome("email", dup.disposition)
        decided = self._header_triage(s, facts)
        other = decided is not None and decided.kind == Kind.OTHER
        item = IntakeItem(kind="email", status="stored", disposition="other" if other else
                          "pending", reason=decided.reason if decided and other else None,
                          folder=box.folder, uidvalidity=box.uidvalidity, uid=uid,
                          message_id=facts.message_id or None, sha256=sha, received_at=db.now(),
                          archived_at=db.now())
        if not other:  # mail for staff is left for staff, not archived
            path = self._spool_path(sha)
            temp = path.with_name(f".{sha}.sementara")
            temp.write_bytes(raw)
            os.replace(temp, path)
            written.append(path)
        s.add(item)
        s.flush()
        index.add(item)
        if other:
            add_event(s, None, ACTOR, "surel_untuk_staf", item=item.id, dari=facts.sender,
                      subjek=facts.subject, alasan=item.reason)
            return self.settings.imap_staff_folder, Outcome("email", "other")
        return self.settings.imap_processed_folder, None

    def _mark_moved(self, box, uids: list[int]) -> None:
        """One commit: the batch left the inbox; what is to be filed waits as `moved`."""
        if not uids:
            return
        with self.sessions.begin() as s:
            for row in s.scalars(select(IntakeItem).where(
                    IntakeItem.kind == "email", IntakeItem.status == "stored",
                    IntakeItem.folder == box.folder, IntakeItem.uidvalidity == box.uidvalidity,
                    IntakeItem.uid.in_(uids))):
                if row.disposition == "pending":
                    row.status = "moved"
                else:
                    row.status, row.done_at = "done", db.now()
        crashpoint("after_db_commit")

    def _mail_target(self, disposition: str) -> str:
        return self.settings.imap_staff_folder if disposition == "other" else \
            self.settings.imap_processed_folder

    def _header_triage(self, s: Session, facts) -> Triage | None:
        return triage_headers(
            facts,
            registration_exists=lambda reg: s.scalar(select(Application.id).where(
                Application.registration == reg)) is not None,
            registration_of_sent=lambda ids: s.scalar(
                select(Application.registration).join(
                    SentMessage, SentMessage.application_id == Application.id)
                .where(SentMessage.message_id.in_(list(ids)))),
            own_addresses=[self.settings.mail_from])

    def _duplicate(self, s: Session, original: IntakeItem, box, uid: int, sha: str,
                   message_id: str) -> IntakeItem:
        # a copy of mail for staff goes where the original went: still "other"
        disposition = "other" if original.disposition == "other" else "duplicate"
        dup = IntakeItem(kind="email", status="stored", disposition=disposition,
                         reason=f"duplikat dari item {original.id}",
                         folder=box.folder, uidvalidity=box.uidvalidity, uid=uid,
                         message_id=message_id or None, sha256=sha,
                         application_id=original.application_id, received_at=db.now(),
                         archived_at=db.now())
        s.add(dup)
        s.flush()
        app = s.get(Application, original.application_id) if original.application_id else None
        add_event(s, app, ACTOR, "duplikat_diabaikan", item=dup.id, asal=original.id)
        return dup

    def _mail_source(self, item: IntakeItem, facts) -> str:
        return (f"surel dari {facts.sender or '?'} ({facts.message_id or 'tanpa Message-ID'}; "
                f"{item.folder} UIDVALIDITY {item.uidvalidity} UID {item.uid})")

    @staticmethod
    def _email_files(raw: bytes) -> list[tuple[str, bytes, str]]:
        from extractors.mail import parse_email

        files = [("pesan.eml", raw, "surel")]
        try:
            parts = parse_email(raw, max_parts=500).parts
        except Exception:  # the .eml itself is kept; its parts are a convenience copy
            parts = []
        files += [(part.name, part.data, "lampiran") for part in parts]
        return files

    # step 2, after the move: read, check and file each stored message
    def file_waiting(self, box) -> list[Outcome]:
        with self.sessions() as s:
            ids = s.scalars(select(IntakeItem.id).where(
                IntakeItem.kind == "email",
                IntakeItem.status.in_(("moved", "filing", "refile"))).order_by(IntakeItem.id)
            ).all()
        outcomes = []
        for item_id in ids:
            try:
                outcomes.append(self.file_message(box, item_id))
            except CONNECTION_ERRORS:
                raise  # the session is gone: the caller reconnects
            except Exception:
                log.exception("filing item %s failed; it waits for the next pass", item_id)
                outcomes.append(Outcome("email", "failed"))
        return outcomes

    def file_message(self, box, item_id: int) -> Outcome:
        with self.sessions() as s:
            item = s.get(IntakeItem, item_id)
        assert item is not None
        raw = self._spool_path(item.sha256).read_bytes()
        facts = facts_from_bytes(raw)
        source = self._mail_source(item, facts)
        blob = Blob(name="pesan.eml", data=raw, content_type="message/rfc822")
        if item.status == "refile":
            return self._refile(box, item)
        if item.status == "filing":  # assigned to its application before a crash
            app = self._archive_and_record(item, self._email_files(raw), self._read([blob]),
                                           source, final_status="done")
            self._notify(item, app)
            self._spool_path(item.sha256).unlink(missing_ok=True)
            return Outcome("email", "resumed", app.registration)
        with self.sessions() as s:
            decided = self._header_triage(s, facts)
        read = self._read([blob])
        verdict = judge(read, db.now().date())
        files = self._email_files(raw)
        if decided is None:
            decided = triage_content(
                facts, document_types=[d["type"] for d in (verdict or {}).get("documents", [])],
                has_links=bool(read.links), attachments=len(files) - 1,
                body="\n".join(p.text for p in read.pages if p.file == EMAIL_BODY_NAME))
        if decided.kind == Kind.OTHER:
            with self.sessions.begin() as s:
                row = s.get(IntakeItem, item.id)
                assert row is not None
                row.status, row.disposition, row.reason = "refile", "other", decided.reason
                add_event(s, None, ACTOR, "surel_untuk_staf", item=row.id, dari=facts.sender,
                          subjek=facts.subject, alasan=decided.reason)
                item = row
            crashpoint("after_db_commit")
            return self._refile(box, item)
        app_id, new_source = None, None
        events = [("surel_diterima", {"dari": facts.sender, "subjek": facts.subject,
                                      "triase": decided.kind.value, "alasan": decided.reason,
                                      "uid": item.uid, "uidvalidity": item.uidvalidity})]
        with self.sessions() as s:
            if decided.kind == Kind.REPLY:
                app_id = s.scalar(select(Application.id).where(
                    Application.registration == decided.registration))
                item.disposition = "reply"
            else:
                app_id = self._join_target(s, verdict, read)
                item.disposition = "joined" if app_id else "new"
                if app_id:
                    events.append(("digabung", {"alasan": "NIP sama dengan permohonan terbuka"}))
        item.reason = decided.reason
        item.status = "filing"
        if app_id is None:
            new_source = "email"
        item = self._claim(item, app_id, new_source, facts.sender, events)
        app = self._archive_and_record(item, files, read, source, verdict, final_status="done")
        self._notify(item, app)
        self._spool_path(item.sha256).unlink(missing_ok=True)
        return Outcome("email", item.disposition, app.registration)

    def _refile(self, box, item: IntakeItem) -> Outcome:
        """Mail that turned out, once read, not to be a berkas: from the processed folder to
        the staff folder (found by Message-ID and content hash)."""
        crashpoint("before_move")
        box.refile(item.message_id, item.sha256, self.settings.imap_processed_folder,
                   self.settings.imap_staff_folder)
        crashpoint("after_move")
        self._mark_done(item.id)
        self._spool_path(item.sha256).unlink(missing_ok=True)
        return Outcome("email", "other")

    # --- scans --------------------------------------------------------------------------
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
            if outcome.disposition == "skipped":  # changed while read: its clock restarts
                wait = self.settings.scan_stable_seconds
            elif outcome.disposition != "failed":
                stability.forget(entry.name)
            outcomes.append(outcome)
        # Forms (they name the person's NIP) first, so the loose SK and letter of the same
        # berkas, taken in the same pass, find the application the form opened.
        prepared.sort(key=lambda p: p.primary_nip is None)
        for p in prepared:
            outcome = self._guarded(p.entry, lambda _entry, p=p: self.commit_scan(p))
            if outcome.disposition != "failed":
                stability.forget(p.entry.name)
            outcomes.append(outcome)
        return outcomes, wait

    @staticmethod
    def _guarded(entry: ScanItem, step):
        try:
            return step(entry)
        except Exception:
            log.exception("scan %s failed; it stays for the next pass", entry.name)
            return Outcome("scan", "failed")

    def _reconcile_scans(self, inbox: Path) -> None:
        """Archived scans whose entry already left the inbox (a crash after the move)."""
        with self.sessions() as s:
            rows = s.execute(select(IntakeItem.id, IntakeItem.scan_path).where(
                IntakeItem.kind == "scan", IntakeItem.status == "archived")).all()
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
        from berkas.files import collect

        blobs, problems = collect([entry.path], self.opts)
        if current_signature(entry) != entry.signature:
            return Outcome("scan", "skipped")  # changed while it was read: later
        digest = hashlib.sha256()
        for blob in sorted(blobs, key=lambda b: b.name):
            digest.update(f"{blob.name}\0{sha256_of(blob.data)}\0".encode())
        for problem in problems:
            digest.update(f"{problem.file}\0{problem.code}\0".encode())
        sha = digest.hexdigest()
        source = f"pindaian {self.settings.inbox_dir.name}/{entry.name}"
        with self.sessions.begin() as s:
            known = self._find(s, "scan", sha)
            if known is not None and known.status == "done":
                dup = IntakeItem(kind="scan", status="archived", disposition="duplicate",
                                 reason=f"sama dengan item {known.id}", sha256=sha,
                                 scan_path=entry.name, application_id=known.application_id,
                                 received_at=db.now(), archived_at=db.now())
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
        verdict = judge(read, db.now().date()) if read.pages else None
        return _PreparedScan(entry, blobs, sha, source, read, verdict,
                             named_nips(verdict, read)[0])

    def commit_scan(self, p: _PreparedScan) -> Outcome:
        item = IntakeItem(kind="scan", status="claimed", disposition="new", sha256=p.sha,
                          scan_path=p.entry.name, received_at=db.now())
        if not p.read.pages:
            return self._refuse_scan(p.entry, item, p.blobs, self._refusal_reason(p.read),
                                     p.source)
        events = [("pindaian_diterima", {"berkas": p.entry.name, "jenis": p.entry.kind})]
        with self.sessions() as s:
            app_id = self._join_target(s, p.verdict, p.read)
        if app_id:
            item.disposition = "joined"
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
        if item.status == "claimed":
            if item.disposition == "refused":
                self._archive_refused(item, blobs, item.reason or "", source)
            else:
                read = self._read(blobs)
                read.problems[:0] = problems
                app = self._archive_and_record(
                    item, [(b.name, b.data, "pindaian") for b in blobs], read, source)
        elif item.application_id is not None:
            with self.sessions() as s:
                app = s.get(Application, item.application_id)
        if item.status != "done" and item.disposition not in ("refused", "duplicate"):
            self._notify(item, app)
        if item.disposition == "refused":
            self._leave_inbox(entry, self.settings.scan_refused_dir, item.id, item.reason)
        else:
            self._leave_inbox(entry, self.settings.scan_done_dir, item.id)
        return Outcome("scan", "duplicate" if item.disposition == "duplicate" else "resumed",
                       app.registration if app else None)

    def _leave_inbox(self, entry: ScanItem, folder: Path, item_id: int,
                     reason: str | None = None) -> None:
        crashpoint("before_scan_leave")
        target = move_out(entry.path, folder)
        if reason is not None:
            write_reason(target, reason, db.now().isoformat(timespec="seconds"))
        crashpoint("after_scan_leave")
        self._mark_done(item_id)

    def _refuse_special(self, entry: ScanItem) -> Outcome:
        reason = f"{entry.special}: tidak dibuka dan tidak diikuti"
        sha = sha256_of(f"special:{entry.name}".encode())
        with self.sessions() as s:
            pending = s.scalars(select(IntakeItem.id).where(
                IntakeItem.kind == "scan", IntakeItem.sha256 == sha,
                IntakeItem.status != "done")).first()
        if pending is not None:  # recorded before a crash, not yet moved
            self._leave_inbox(entry, self.settings.scan_refused_dir, pending, reason)
            return Outcome("scan", "refused")
        with self.sessions.begin() as s:
            row = IntakeItem(kind="scan", status="archived", disposition="refused", reason=reason,
                             sha256=sha,
                             scan_path=entry.name, received_at=db.now(), archived_at=db.now())
            s.add(row)
            s.flush()
            add_event(s, None, ACTOR, "pindaian_ditolak", item=row.id, berkas=entry.name,
                      alasan=reason)
            item_id = row.id
        crashpoint("after_db_commit")
        self._leave_inbox(entry, self.settings.scan_refused_dir, item_id, reason)
        return Outcome("scan", "refused")

    def _refuse_scan(self, entry: ScanItem, item: IntakeItem, blobs: list[Blob], reason: str,
                     source: str) -> Outcome:
        item.disposition = "refused"
        item.reason = reason
        when = db.now()
        item.archive_path = self.archive.refused_relative(when, item.sha256)
        item = self._claim(item, None, None, None, [("pindaian_ditolak", {
            "berkas": entry.name, "alasan": reason, "arsip": item.archive_path})])
        self._archive_refused(item, blobs, reason, source)
        self._leave_inbox(entry, self.settings.scan_refused_dir, item.id, reason)
        return Outcome("scan", "refused")

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
            row.status = "archived"
            row.archived_at = db.now()
        crashpoint("after_db_commit")
        return written
