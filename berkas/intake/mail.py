"""The mailbox into applications, exactly once, in batches (up to MAIL_BATCH messages). A
message leaves the inbox only after its application, its archive copy and its record are
durably written:

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
   spool copies are deleted (berkas/intake/spool.py).

A message whose filing raises (not a lost connection) stays in the inbox and is tried again on
the next passes, then is quarantined (berkas/intake/quarantine.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from berkas.core.files import atomic_write, fsync_all, make_dirs, sha256_of
from berkas.intake.faults import crashpoint
from berkas.intake.filing import ACTOR, Outcome, _subject
from berkas.intake.quarantine import CONNECTION_ERRORS, Quarantine
from berkas.intake.spool import SPOOL, mail_source
from berkas.intake.states import Disposition, Status
from berkas.intake.triage import Kind, Triage, facts_from_bytes, triage_content, triage_headers
from berkas.intake.verdicts import _same_person, body_sha256, judge
from berkas.store.models import Application, IntakeItem, SentMessage, add_event
from extractors.mail import parse_email
from extractors.models import EMAIL_BODY_NAME, Blob

log = logging.getLogger("berkas.intake")
FOR_STAFF = (Disposition.OTHER, Disposition.QUARANTINED)  # to the staff folder, never answered
MAIL_BATCH = 50  # messages fetched, stored and committed together, then filed, then moved


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


class MailIntake(Quarantine):
    """The mailbox into applications, exactly once."""

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
                IntakeItem.kind == "email", IntakeItem.status != Status.DONE,
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
                    outcomes.append(Outcome("email", Disposition.FAILED))
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
            if known.status != Status.DONE and known.sha256 == sha \
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
        item = IntakeItem(kind="email", status=Status.FILED if other else Status.STORED,
                          disposition=Disposition.OTHER if other else Disposition.PENDING,
                          reason=decided.reason if decided and other else None,
                          folder=box.folder, uidvalidity=box.uidvalidity, uid=uid,
                          message_id=facts.message_id or None, sha256=sha, received_at=self.clock(),
                          body_sha256=index.bodies.get(uid), attempts=0, needs_attention=False)
        if not other:  # mail for staff is left for staff, not archived
            path = self._spool_path(sha)
            # synced with the batch's others in one pass (take_batch)
            atomic_write(path, raw, mode=0o666, fsync=False, temp_prefix=f".{sha}.")
            written.append(path)
        s.add(item)
        s.flush()
        index.add(item)
        if other:
            add_event(s, None, ACTOR, "surel_untuk_staf", item=item.id, dari=facts.sender,
                      subjek=facts.subject, alasan=item.reason)
            return item.id, Outcome("email", Disposition.OTHER)
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
            if item.status == Status.DONE:
                continue
            if item.status != Status.FILED:
                outcome = self._file_or_quarantine(box, item)
                if outcome is not None:
                    outcomes.append(outcome)
                with self.sessions() as s:
                    item = s.get(IntakeItem, item_id)
                assert item is not None
            elif item.id in resumed:  # filed before a crash: its application may not know
                self._notify(item, self._application(item))
                outcomes.append(Outcome("email", Disposition.RESUMED))
            if item.status == Status.FILED:
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
                return Outcome("email", Disposition.FAILED)
            return self._quarantine_guarded(box, item, error)

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
                row.status, row.done_at = Status.DONE, self.clock()
        crashpoint("after_db_commit")
        self._drop_spool(shas)

    def _mail_target(self, disposition: str) -> str:
        return self.settings.imap_staff_folder if disposition in FOR_STAFF \
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
        disposition = Disposition.OTHER if original.disposition in FOR_STAFF \
            else Disposition.DUPLICATE
        dup = IntakeItem(kind="email", status=Status.FILED, disposition=disposition,
                         reason=f"duplikat dari item {original.id}",
                         folder=box.folder, uidvalidity=box.uidvalidity, uid=uid,
                         message_id=message_id or None, sha256=sha,
                         application_id=original.application_id, received_at=self.clock(),
                         attempts=0, needs_attention=False)
        s.add(dup)
        s.flush()
        app = s.get(Application, original.application_id) if original.application_id else None
        add_event(s, app, ACTOR, "duplikat_diabaikan", item=dup.id, asal=original.id)
        return dup

    @staticmethod
    def _email_files(raw: bytes, max_parts: int = 500) -> list[tuple[str, bytes, str]]:
        files = [("pesan.eml", raw, "surel")]
        try:
            parts = parse_email(raw, max_parts=max_parts).parts
        except Exception:  # the .eml itself is kept; its parts are a convenience copy
            parts = []
        files += [(part.name, part.data, "lampiran") for part in parts]
        return files

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
        source = mail_source(item, facts)
        blob = Blob(name="pesan.eml", data=raw, content_type="message/rfc822")
        crashpoint("before_filing", subject=_subject(item))
        if item.status == Status.FILING:  # assigned to its application before a crash
            files = self._email_files(raw, self.settings.max_archive_members)
            app = self._archive_and_record(item, files, self._read([blob]), source,
                                           final_status=Status.FILED)
            self._notify(item, app)
            return Outcome("email", Disposition.RESUMED, app.registration)
        with self.sessions() as s:
            decided = self._header_triage(s, facts)
        read = self._read([blob])
        verdict = judge(read, self.clock().date())
        files = self._email_files(raw, self.settings.max_archive_members)
        if decided is None:
            decided = triage_content(
                facts, document_types=[d.type for d in verdict.documents] if verdict else [],
                has_links=bool(read.links), attachments=len(files) - 1,
                body="\n".join(p.text for p in read.pages if p.file == EMAIL_BODY_NAME))
        if decided.kind == Kind.OTHER:  # not a berkas after all: straight to staff
            with self.sessions.begin() as s:
                row = s.get(IntakeItem, item.id)
                assert row is not None
                row.status, row.disposition = Status.FILED, Disposition.OTHER
                row.reason = decided.reason
                add_event(s, None, ACTOR, "surel_untuk_staf", item=row.id, dari=facts.sender,
                          subjek=facts.subject, alasan=decided.reason)
            crashpoint("after_db_commit")
            return Outcome("email", Disposition.OTHER)
        app_id, new_source = None, None
        events = [("surel_diterima", {"dari": facts.sender, "subjek": facts.subject,
                                      "triase": decided.kind.value, "alasan": decided.reason,
                                      "uid": item.uid, "uidvalidity": item.uidvalidity})]
        with self.sessions() as s:
            if decided.kind == Kind.REPLY:
                target = s.scalar(select(Application).where(
                    Application.registration == decided.registration))
                app_id = target.id if target is not None else None
                item.disposition = Disposition.REPLY
                if target is not None and not _same_person(facts.sender, target):
                    # filed with it (nothing is lost) but never silently: staff look
                    events.append(("balasan_pengirim_lain", {
                        "dari": facts.sender, "pengirim_awal": target.sender,
                        "alasan": "nomor registrasi permohonan ini dipakai oleh alamat lain"}))
            else:
                app_id = self._join_target(s, verdict, read)
                item.disposition = Disposition.JOINED if app_id else Disposition.NEW
                if app_id:
                    events.append(("digabung", {"alasan": "NIP sama dengan permohonan terbuka"}))
        item.reason = decided.reason
        item.status = Status.FILING
        if app_id is None:
            new_source = "email"
        item = self._claim(item, app_id, new_source, facts.sender, events)
        if any(kind == "balasan_pengirim_lain" for kind, _ in events):
            with self.sessions.begin() as s:
                flagged = s.get(Application, item.application_id)
                if flagged is not None:
                    flagged.needs_attention = True
        app = self._archive_and_record(item, files, read, source, verdict,
                                       final_status=Status.FILED)
        self._notify(item, app)
        return Outcome("email", item.disposition, app.registration)

