"""Mail whose filing keeps failing: after BERKAS_INTAKE_MAX_ATTEMPTS its original bytes and the
reason go to the refused area of the archive, it goes to the staff folder, and the item (and
its application, if it has one) is flagged for staff (event `karantina`); `items_for_staff`
lists what waits."""

from __future__ import annotations

import imaplib
import logging
import ssl

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from berkas.intake.faults import crashpoint
from berkas.intake.filing import ACTOR, Outcome
from berkas.intake.mailbox import MailboxError
from berkas.intake.spool import Spool, mail_source
from berkas.intake.states import Disposition, Status
from berkas.intake.triage import facts_from_bytes
from berkas.store.models import Application, IntakeItem, add_event

log = logging.getLogger("berkas.intake")
CONNECTION_ERRORS = (imaplib.IMAP4.error, MailboxError, ConnectionError, TimeoutError,
                     ssl.SSLError)


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



class Quarantine(Spool):
    def _quarantine_guarded(self, box, item: IntakeItem, error: str) -> Outcome:
        try:
            return self._quarantine(box, item, error)
        except CONNECTION_ERRORS:
            raise
        except Exception:  # e.g. the archive's disk is full: the item waits, the batch goes on
            log.exception("quarantining item %s failed; it waits for the next pass", item.id)
            return Outcome("email", Disposition.FAILED)

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
                row.archive_path = self.archive.refused_relative(self.clock(), row.sha256)
                item = row
            crashpoint("after_db_commit")
        assert item.archive_path is not None
        try:
            raw: bytes | None = self._raw(box, item)
        except FileNotFoundError:
            raw = None
        facts = facts_from_bytes(raw) if raw is not None else None
        source = mail_source(item, facts) if facts is not None else \
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
            row.status, row.disposition, row.reason = Status.FILED, Disposition.QUARANTINED, reason
            row.needs_attention = True
            row.archived_at = self.clock()
            if app is not None:
                app.needs_attention = True
                app.updated_at = self.clock()
            add_event(s, app, ACTOR, "karantina", item=row.id, arsip=row.archive_path,
                      percobaan=row.attempts, alasan=reason,
                      subjek=facts.subject if facts else None,
                      dari=facts.sender if facts else None)
            registration = app.registration if app else None
        crashpoint("after_db_commit")
        log.error("item %s quarantined after %s attempts: %s", item.id, item.attempts, error)
        return Outcome("email", Disposition.QUARANTINED, registration)

