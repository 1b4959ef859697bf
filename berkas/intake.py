"""Exactly-once intake of emails and scans into applications, the archive and the records.

**Mail** is taken in batches (up to MAIL_BATCH messages). A message leaves the inbox only
after its application, its archive copy and its record are durably written:

1. **store** (one commit per batch): each message's bytes are written to the spool
   (`<data>/surel-masuk/<sha256>.eml`, mail for staff by its headers excepted), all of them
   fsynced in one pass with their directory, and one commit records every message
   (UIDVALIDITY+UID, Message-ID, content hash) as `stored`. Filing can resume from here without
   fetching again.
2. **file** (each message of the batch): read, triaged and checked, assigned to its application
   (`filing`, one commit; a new one gets its registration number here), its originals, text
   and verdict archived and fsynced, and one commit marks it `filed`. Mail that turns out, once
   read, not to be a berkas is marked `filed` for staff.
3. **leave the inbox**: one UID MOVE per target folder for the `filed` messages (processed, or
   the staff folder for mail that is not a berkas); one commit marks them `done`; then their
   spool copies are deleted (a copy a crash left is deleted on the next start, see
   `reconcile_spool`).

A message whose filing raises (not a lost connection) stays in the inbox and is tried again on
the next passes; after BERKAS_INTAKE_MAX_ATTEMPTS it is **quarantined**: its original bytes and
the reason go to the refused area of the archive, it goes to the staff folder, and the item
(and its application, if it has one) is flagged for staff (event `karantina`).

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
from berkas.archive import (
    Archive,
    Folder,
    Written,
    fsync_all,
    fsync_dir,
    make_dirs,
    sha256_of,
)
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
# "point", "point:N" or "point@text" (several: comma-separated): raise InjectedFailure there
# instead (every time, at the Nth time, or every time the item's Message-ID or hash has `text`)
FAIL_ENV = "BERKAS_FAIL_AT"
_hits: Counter[str] = Counter()
MAIL_BATCH = 50  # messages fetched, stored and committed together, then filed, then moved
SPOOL = "surel-masuk"  # under the data folder: each message's bytes until it is filed


class InjectedFailure(RuntimeError):
    """Raised at a crash point named by BERKAS_FAIL_AT (tests of retry and quarantine)."""


def crashpoint(name: str, subject: str = "") -> None:
    """A side-effect boundary. Tests kill the process here (or make it raise) to prove a
    restart, or the next pass, recovers. `subject` names the item being handled."""
    trace = os.environ.get(TRACE_ENV)
    spec = os.environ.get(CRASH_ENV)
    fail = os.environ.get(FAIL_ENV)
    if not trace and not spec and not fail:
        return
    _hits[name] += 1
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(f"{name}\n")
    if spec:
        point, _, nth = spec.partition(":")
        if point == name and _hits[name] == int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)
    for one in fail.split(",") if fail else ():
        point, _, text = one.partition("@")
        point, _, nth = point.partition(":")
        if point == name and (not nth or _hits[name] == int(nth)) and text in subject:
            raise InjectedFailure(f"injected failure at {name}")


def _subject(item: IntakeItem) -> str:
    return f"{item.message_id or item.scan_path or ''} {item.sha256}"


def application_changed(registration: str, change: str, item_id: int) -> None:
    """THE hook for what follows intake: called once an application was created ("received")
    or got something new ("updated"), after its records and archive are durable. The Prefect
    flow (per application) will be started from here, with `item_id` as idempotency key (after
    a crash this may be called again for the same item)."""
    log.info("application %s %s (item %s)", registration, change, item_id)


def items_for_staff(sessions: sessionmaker[Session]) -> list[dict]:
    """Intake items waiting for staff (quarantined: filing failed too often), oldest first,
    for `berkas status`: what it is, why, where its bytes are archived, its application."""
    with sessions() as s:
        rows = s.execute(select(IntakeItem, Application.registration)
                         .outerjoin(Application, Application.id == IntakeItem.application_id)
                         .where(IntakeItem.needs_attention.is_(True))
                         .order_by(IntakeItem.id)).all()
    return [{"item": item.id, "kind": item.kind, "disposition": item.disposition,
             "registration": registration, "message_id": item.message_id,
             "received_at": item.received_at.isoformat(timespec="seconds"),
             "attempts": item.attempts, "reason": item.reason, "last_error": item.last_error,
             "archive": item.archive_path} for item, registration in rows]


def body_sha256(raw: bytes) -> str:
    """The hash of an email's body: the bytes after the first empty line."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        head, found, body = raw.partition(separator)
        if found:
            return sha256_of(body)
    return sha256_of(b"")


def _same_person(sender: str | None, app: Application) -> bool:
    """The reply comes from the address the berkas came from or the one on its form."""
    from email.utils import parseaddr

    address = parseaddr(sender or "")[1].lower()
    known = {parseaddr(app.sender or "")[1].lower(), (app.email or "").lower()} - {""}
    return not known or address in known


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
        self.bodies = {m.uid: body_sha256(m.raw) for m in fetched}
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
        found = self.by_uid.get(uid) or self.by_sha.get(sha)
        if found is None and message_id:
            same_id = self.by_message_id.get(message_id)
            # the same Message-ID is the same message only with the same body (a relay adds
            # headers); other content under a known id is new mail, never dropped
            if same_id is not None and same_id.body_sha256 in (None, self.bodies.get(uid)):
                found = same_id
        return found


@dataclass
class Outcome:
    kind: str  # email | scan
    # new | joined | reply | other | duplicate | refused | resumed | skipped | failed | quarantined
    disposition: str
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
            if verdict is not None:
                written.append(folder.write(
                    f"pemeriksaan-{item.item_no:02d}.json",
                    json.dumps(verdict, ensure_ascii=False, indent=1).encode(),
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
        if app is None or item.disposition in ("other", "duplicate", "refused", "quarantined"):
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
        """Everything waiting in the mailbox: first what an earlier pass left unfinished, then
        the new messages in batches (fetch, spool durably, one commit; file each one; one move
        per target folder for the filed ones, one commit)."""
        uids = box.uids()
        outcomes = self._resume_mail(box, set(uids))
        with self.sessions() as s:
            known = set(s.scalars(select(IntakeItem.uid).where(
                IntakeItem.kind == "email", IntakeItem.folder == box.folder,
                IntakeItem.uidvalidity == box.uidvalidity, IntakeItem.uid.in_(uids))))
        fresh = [uid for uid in uids if uid not in known]
        for start in range(0, len(fresh), MAIL_BATCH):
            outcomes += self.take_batch(box, fresh[start:start + MAIL_BATCH])
        return outcomes

    def _resume_mail(self, box, present: set[int]) -> list[Outcome]:
        """Items of this folder an earlier pass did not finish: still in the folder, they are
        filed (if not yet) and moved; gone from it (moved just before a crash, or by a person),
        they are filed from the spool and marked done."""
        with self.sessions() as s:
            rows = s.execute(select(IntakeItem.id, IntakeItem.uid, IntakeItem.status).where(
                IntakeItem.kind == "email", IntakeItem.status != "done",
                IntakeItem.folder == box.folder, IntakeItem.uidvalidity == box.uidvalidity)
                .order_by(IntakeItem.id)).all()
        if not rows:
            return []
        gone = [r.id for r in rows if r.uid not in present]
        outcomes = self._finish(box, [r.id for r in rows if r.uid in present],
                                resumed={r.id for r in rows})
        if gone:
            outcomes += self._finish(box, gone, resumed=set(gone), in_folder=False)
        return outcomes

    def _spool_path(self, sha: str) -> Path:
        return self.settings.data_dir / SPOOL / f"{sha}.eml"

    def take_batch(self, box, uids: list[int]) -> list[Outcome]:
        """A batch of new messages: each one's bytes written to the spool (no fsync yet), then
        all fsynced in one pass with their directory and recorded in one commit; then each is
        filed and the filed ones leave the inbox (`_finish`)."""
        fetched = list(box.fetch(uids))
        crashpoint("after_download")
        spool = self.settings.data_dir / SPOOL
        make_dirs(spool)
        outcomes: list[Outcome] = []
        ids: list[int] = []
        resumed: set[int] = set()  # recorded by an earlier pass (seen again under a new UID)
        written: list[Path] = []
        with self.sessions() as s:
            known = _KnownMail(s, box, fetched)
            for message in fetched:
                try:
                    item_id, outcome = self._store_message(s, box, message.uid, message.raw,
                                                           known, written, resumed)
                except Exception:
                    log.exception("message UID %s failed; it stays for the next pass",
                                  message.uid)
                    outcomes.append(Outcome("email", "failed"))
                    continue
                ids.append(item_id)
                if outcome is not None:
                    outcomes.append(outcome)
            fsync_all(written, spool)
            crashpoint("after_spool_sync")
            s.commit()
        crashpoint("after_db_commit")
        return outcomes + self._finish(box, ids, resumed=resumed)

    def _store_message(self, s: Session, box, uid: int, raw: bytes, index: _KnownMail,
                       written: list[Path], resumed: set[int]) -> tuple[int, Outcome | None]:
        """Record one fetched message (inside the batch's transaction); mail for staff by its
        headers and copies of known mail are `filed` at once (nothing to file)."""
        sha, facts = index.facts[uid]
        here = (box.folder, box.uidvalidity)
        known = index.find(uid, sha, facts.message_id or None)
        if known is not None:
            if (known.folder, known.uidvalidity, known.uid) == (*here, uid):
                resumed.add(known.id)
                return known.id, None  # recorded already: `_finish` resumes it
            if known.status != "done" and known.sha256 == sha \
                    and (known.folder, known.uidvalidity) != here:
                # the same message, not finished, seen under a new UIDVALIDITY (or moved
                # back by a person): it carries on under its new UID
                known.folder, known.uidvalidity, known.uid = box.folder, box.uidvalidity, uid
                index.add(known)
                resumed.add(known.id)
                return known.id, None
            dup = self._duplicate(s, known, box, uid, sha, facts.message_id)
            dup.body_sha256 = index.bodies.get(uid)
            index.add(dup)
            return dup.id, Outcome("email", dup.disposition)
        decided = self._header_triage(s, facts)
        other = decided is not None and decided.kind == Kind.OTHER
        item = IntakeItem(kind="email", status="filed" if other else "stored",
                          disposition="other" if other else "pending",
                          reason=decided.reason if decided and other else None,
                          folder=box.folder, uidvalidity=box.uidvalidity, uid=uid,
                          message_id=facts.message_id or None, sha256=sha, received_at=db.now(),
                          body_sha256=index.bodies.get(uid), attempts=0, needs_attention=False)
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
            return item.id, Outcome("email", "other")
        return item.id, None

    def _finish(self, box, ids: list[int], *, resumed: set[int],
                in_folder: bool = True) -> list[Outcome]:
        """File every item of `ids` not yet filed (an item whose filing fails stays where it
        is, for the next pass, until it is quarantined), then move the filed ones out of the
        folder, one UID MOVE per target folder, and mark them done in one commit. `resumed`:
        items an earlier pass recorded (perhaps filed, perhaps already copied)."""
        outcomes: list[Outcome] = []
        ready: list[IntakeItem] = []
        for item_id in ids:
            with self.sessions() as s:
                item = s.get(IntakeItem, item_id)
            assert item is not None  # committed before it is finished
            if item.status == "done":
                continue
            if item.status != "filed":
                outcome = self._file_or_quarantine(box, item)
                if outcome is not None:
                    outcomes.append(outcome)
                with self.sessions() as s:
                    item = s.get(IntakeItem, item_id)
                assert item is not None
            elif item.id in resumed:  # filed before a crash: its application may not know
                self._notify(item, self._application(item))
                outcomes.append(Outcome("email", "resumed"))
            if item.status == "filed":
                ready.append(item)
        if in_folder:
            self._move_out(box, ready, resumed)
        self._mark_mail_done([item.id for item in ready], [item.sha256 for item in ready])
        return outcomes

    def _file_or_quarantine(self, box, item: IntakeItem) -> Outcome | None:
        if item.attempts >= self.settings.intake_max_attempts:
            return self._quarantine_guarded(box, item, item.last_error or "")
        try:
            return self.file_message(box, item)
        except CONNECTION_ERRORS:
            raise  # the session is gone: the caller reconnects
        except Exception as exc:
            log.exception("filing item %s failed; it stays in the mailbox for the next pass",
                          item.id)
            error = f"{type(exc).__name__}: {exc}"[:2000]
            with self.sessions.begin() as s:
                row = s.get(IntakeItem, item.id)
                assert row is not None
                row.attempts += 1
                row.last_error = error
                attempts = row.attempts
                item = row
            if attempts < self.settings.intake_max_attempts:
                return Outcome("email", "failed")
            return self._quarantine_guarded(box, item, error)

    def _quarantine_guarded(self, box, item: IntakeItem, error: str) -> Outcome:
        try:
            return self._quarantine(box, item, error)
        except CONNECTION_ERRORS:
            raise
        except Exception:  # e.g. the archive's disk is full: the item waits, the batch goes on
            log.exception("quarantining item %s failed; it waits for the next pass", item.id)
            return Outcome("email", "failed")

    def _move_out(self, box, items: list[IntakeItem], resumed: set[int]) -> None:
        targets: dict[str, list[IntakeItem]] = {}
        for item in items:
            targets.setdefault(self._mail_target(item.disposition), []).append(item)
        for folder, group in targets.items():
            uids = [item.uid for item in group if item.uid is not None]
            # without MOVE a crash can fall between COPY and the delete: never copy twice
            copied = [item.uid for item in group if item.id in resumed and not box.has_move
                      and item.uid is not None
                      and box.holds(folder, item.message_id, item.sha256)]
            crashpoint("before_move")
            box.move([uid for uid in uids if uid not in copied], folder,
                     after_copy=lambda: crashpoint("after_copy"))
            box.delete(copied)
            crashpoint("after_move")

    def _mark_mail_done(self, item_ids: list[int], shas: list[str]) -> None:
        """One commit: these items are finished. Then spool copies nothing waits for go."""
        if not item_ids:
            return
        with self.sessions.begin() as s:
            for row in s.scalars(select(IntakeItem).where(IntakeItem.id.in_(item_ids))):
                row.status, row.done_at = "done", db.now()
        crashpoint("after_db_commit")
        self._drop_spool(shas)

    def _drop_spool(self, shas: list[str]) -> None:
        """Delete the spool copies whose every item is done (never one an item waits for)."""
        shas = [sha for sha in set(shas) if self._spool_path(sha).exists()]
        if not shas:
            return
        with self.sessions() as s:
            waiting = set(s.scalars(select(IntakeItem.sha256).where(
                IntakeItem.kind == "email", IntakeItem.sha256.in_(shas),
                IntakeItem.status != "done")))
            recorded = set(s.scalars(select(IntakeItem.sha256).where(
                IntakeItem.kind == "email", IntakeItem.sha256.in_(shas))))
        for sha in shas:
            if sha in recorded and sha not in waiting:
                self._spool_path(sha).unlink(missing_ok=True)

    def reconcile_spool(self) -> dict[str, int]:
        """On start: spool copies a crash left between the done commit and their deletion are
        deleted; a copy no item records (a crash before the batch commit: the message is still
        in the mailbox and will be taken again) is kept and logged; a copy whose item is not
        done is kept. Returns how many were deleted, kept unrecorded, kept waiting."""
        spool = self.settings.data_dir / SPOOL
        if not spool.is_dir():
            return {"deleted": 0, "unrecorded": 0, "waiting": 0}
        files = {path.name.removesuffix(".eml"): path for path in spool.glob("*.eml")}
        with self.sessions() as s:
            statuses: dict[str, set[str]] = {}
            for sha, status in s.execute(select(IntakeItem.sha256, IntakeItem.status).where(
                    IntakeItem.kind == "email", IntakeItem.sha256.in_(list(files)))):
                statuses.setdefault(sha, set()).add(status)
        counts = {"deleted": 0, "unrecorded": 0, "waiting": 0}
        for sha, path in sorted(files.items()):
            if sha not in statuses:
                log.warning("spool copy %s belongs to no recorded message; kept", path)
                counts["unrecorded"] += 1
            elif statuses[sha] == {"done"}:
                path.unlink()
                counts["deleted"] += 1
            else:
                counts["waiting"] += 1
        if counts["deleted"]:
            fsync_dir(spool)
        return counts

    def _mail_target(self, disposition: str) -> str:
        return self.settings.imap_staff_folder if disposition in ("other", "quarantined") \
            else self.settings.imap_processed_folder

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
        disposition = "other" if original.disposition in ("other", "quarantined") \
            else "duplicate"
        dup = IntakeItem(kind="email", status="filed", disposition=disposition,
                         reason=f"duplikat dari item {original.id}",
                         folder=box.folder, uidvalidity=box.uidvalidity, uid=uid,
                         message_id=message_id or None, sha256=sha,
                         application_id=original.application_id, received_at=db.now(),
                         attempts=0, needs_attention=False)
        s.add(dup)
        s.flush()
        app = s.get(Application, original.application_id) if original.application_id else None
        add_event(s, app, ACTOR, "duplikat_diabaikan", item=dup.id, asal=original.id)
        return dup

    def _mail_source(self, item: IntakeItem, facts) -> str:
        return (f"surel dari {facts.sender or '?'} ({facts.message_id or 'tanpa Message-ID'}; "
                f"{item.folder} UIDVALIDITY {item.uidvalidity} UID {item.uid})")

    @staticmethod
    def _email_files(raw: bytes, max_parts: int = 500) -> list[tuple[str, bytes, str]]:
        from extractors.mail import parse_email

        files = [("pesan.eml", raw, "surel")]
        try:
            parts = parse_email(raw, max_parts=max_parts).parts
        except Exception:  # the .eml itself is kept; its parts are a convenience copy
            parts = []
        files += [(part.name, part.data, "lampiran") for part in parts]
        return files

    def _raw(self, box, item: IntakeItem) -> bytes:
        """The message's bytes: its spool copy, else (lost) fetched again by its UID."""
        path = self._spool_path(item.sha256)
        if path.exists():
            return path.read_bytes()
        if (item.folder, item.uidvalidity) == (box.folder, box.uidvalidity) and item.uid:
            for message in box.fetch([item.uid]):
                if sha256_of(message.raw) == item.sha256:
                    return message.raw
        raise FileNotFoundError(f"item {item.id}: no spool copy and not in {box.folder}")

    def _application(self, item: IntakeItem) -> Application | None:
        if item.application_id is None:
            return None
        with self.sessions() as s:
            return s.get(Application, item.application_id)

    def file_message(self, box, item: IntakeItem) -> Outcome:
        """Read, triage, check and file one stored message; it ends `filed` (waiting only
        for the move): in its application's archive folder with its records, or, not a
        berkas after all, for staff."""
        raw = self._raw(box, item)
        facts = facts_from_bytes(raw)
        source = self._mail_source(item, facts)
        blob = Blob(name="pesan.eml", data=raw, content_type="message/rfc822")
        crashpoint("before_filing", subject=_subject(item))
        if item.status == "filing":  # assigned to its application before a crash
            files = self._email_files(raw, self.settings.max_archive_members)
            app = self._archive_and_record(item, files, self._read([blob]), source,
                                           final_status="filed")
            self._notify(item, app)
            return Outcome("email", "resumed", app.registration)
        with self.sessions() as s:
            decided = self._header_triage(s, facts)
        read = self._read([blob])
        verdict = judge(read, db.now().date())
        files = self._email_files(raw, self.settings.max_archive_members)
        if decided is None:
            decided = triage_content(
                facts, document_types=[d["type"] for d in (verdict or {}).get("documents", [])],
                has_links=bool(read.links), attachments=len(files) - 1,
                body="\n".join(p.text for p in read.pages if p.file == EMAIL_BODY_NAME))
        if decided.kind == Kind.OTHER:  # not a berkas after all: straight to staff
            with self.sessions.begin() as s:
                row = s.get(IntakeItem, item.id)
                assert row is not None
                row.status, row.disposition, row.reason = "filed", "other", decided.reason
                add_event(s, None, ACTOR, "surel_untuk_staf", item=row.id, dari=facts.sender,
                          subjek=facts.subject, alasan=decided.reason)
            crashpoint("after_db_commit")
            return Outcome("email", "other")
        app_id, new_source = None, None
        events = [("surel_diterima", {"dari": facts.sender, "subjek": facts.subject,
                                      "triase": decided.kind.value, "alasan": decided.reason,
                                      "uid": item.uid, "uidvalidity": item.uidvalidity})]
        with self.sessions() as s:
            if decided.kind == Kind.REPLY:
                target = s.scalar(select(Application).where(
                    Application.registration == decided.registration))
                app_id = target.id if target is not None else None
                item.disposition = "reply"
                if target is not None and not _same_person(facts.sender, target):
                    # filed with it (nothing is lost) but never silently: staff look
                    events.append(("balasan_pengirim_lain", {
                        "dari": facts.sender, "pengirim_awal": target.sender,
                        "alasan": "nomor registrasi permohonan ini dipakai oleh alamat lain"}))
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
        if any(kind == "balasan_pengirim_lain" for kind, _ in events):
            with self.sessions.begin() as s:
                flagged = s.get(Application, item.application_id)
                if flagged is not None:
                    flagged.needs_attention = True
        app = self._archive_and_record(item, files, read, source, verdict, final_status="filed")
        self._notify(item, app)
        return Outcome("email", item.disposition, app.registration)

    def _quarantine(self, box, item: IntakeItem, error: str) -> Outcome:
        """Filing failed BERKAS_INTAKE_MAX_ATTEMPTS times: the original bytes are archived in
        the refused area with the reason, the item waits for staff (and its application, if
        it has one, is flagged), and the message goes to the staff folder."""
        reason = (f"Surel tidak dapat diarsipkan setelah {item.attempts} kali percobaan; "
                  f"perlu ditangani staf. Galat terakhir: {error}")
        if item.archive_path is None:  # fixed first, so a crash below never writes elsewhere
            with self.sessions.begin() as s:
                row = s.get(IntakeItem, item.id)
                assert row is not None
                row.archive_path = self.archive.refused_relative(db.now(), row.sha256)
                item = row
            crashpoint("after_db_commit")
        assert item.archive_path is not None
        try:
            raw: bytes | None = self._raw(box, item)
        except FileNotFoundError:
            raw = None
        facts = facts_from_bytes(raw) if raw is not None else None
        source = self._mail_source(item, facts) if facts is not None else \
            f"surel ({item.folder} UIDVALIDITY {item.uidvalidity} UID {item.uid})"
        key = f"email:{item.sha256[:20]}"
        files = [("pesan.eml", raw, "ditolak", f"{key}#0")] if raw is not None else []
        files.append(("alasan.txt", f"{reason}\n".encode(), "alasan", f"{key}#alasan"))
        self.archive.application(item.archive_path).write_many(
            files, source=source, after_each=lambda: crashpoint("after_archive_write"))
        crashpoint("after_archive_write")
        with self.sessions.begin() as s:
            row = s.get(IntakeItem, item.id)
            assert row is not None
            app = s.get(Application, row.application_id) if row.application_id else None
            row.status, row.disposition, row.reason = "filed", "quarantined", reason
            row.needs_attention = True
            row.archived_at = db.now()
            if app is not None:
                app.needs_attention = True
                app.updated_at = db.now()
            add_event(s, app, ACTOR, "karantina", item=row.id, arsip=row.archive_path,
                      percobaan=row.attempts, alasan=reason,
                      subjek=facts.subject if facts else None,
                      dari=facts.sender if facts else None)
            registration = app.registration if app else None
        crashpoint("after_db_commit")
        log.error("item %s quarantined after %s attempts: %s", item.id, item.attempts, error)
        return Outcome("email", "quarantined", registration)

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
