"""The outbox: every email is recorded whole (exact bytes, a stable Message-ID, its purpose and
registration) in the caller's transaction before anything is sent, then delivered by
`Outbox.deliver_due`, with retries and a doubling delay while the server is down.

Never twice for one (registration, purpose): the pair is unique in the table, a second `enqueue`
returns the first message, and a message is claimed (`pending` -> `sending`, committed) before
the SMTP transaction starts. A crash after the server accepted the message but before `sent` was
committed leaves it `sending`; `recover()` (run on start) turns that into `uncertain` and it is
not sent again by itself: staff look in the Sent folder or the server log and either mark it
sent or `release()` it (a re-send carries the same Message-ID, so mail clients show it once).
Purposes that repeat by design (a second request for completion) carry their round in the
purpose: `permintaan_kelengkapan:2`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, parseaddr
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from berkas.archive import REGISTRATION, Archive
from berkas.db import Application, OutboxMessage, SentMessage, add_event, now
from berkas.render import RenderedEmail
from berkas.smtp import SendError

PENDING, SENDING, SENT, UNCERTAIN, FAILED = "pending", "sending", "sent", "uncertain", "failed"
# Headers are not folded below RFC 5322's hard 998 (Python folds a long tagged Subject so that
# it starts with a space); bodies go quoted-printable, so their lines stay short anyway.
MAIL_POLICY = SMTP.clone(max_line_length=998)
_CUT_SHORT = "terputus saat pengiriman: periksa folder Sent sebelum mengirim ulang"
_PURPOSE = re.compile(r"[a-z0-9_]+(:[0-9]+)?")


class Transport(Protocol):
    def send(self, raw: bytes, sender: str, recipients: list[str]) -> dict[str, str]: ...


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    mime: str = "application/pdf"


def message_id(registration: str, purpose: str, sender: str) -> str:
    """The same (registration, purpose) always has the same Message-ID."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<{registration}.{purpose.replace(':', '.')}@{domain}>"


def tagged(subject: str, registration: str) -> str:
    tag = f"[{registration}]"
    return subject if tag in subject else f"{tag} {subject}"


def compose(*, sender: str, to: list[str], cc: list[str], registration: str, purpose: str,
            rendered: RenderedEmail, when: datetime, attachments: Iterable[Attachment] = (),
            in_reply_to: str | None = None) -> EmailMessage:
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = tagged(rendered.subject, registration)
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id(registration, purpose, sender)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: auto-responders must not answer it
    msg["X-Berkas-Purpose"] = purpose
    msg.set_content(rendered.text, subtype="plain", charset="utf-8",
                    cte="quoted-printable")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8",
                        cte="quoted-printable")
    for item in attachments:
        main, _, sub = item.mime.partition("/")
        msg.add_attachment(item.data, maintype=main, subtype=sub, filename=item.name)
    return msg


class Outbox:
    def __init__(self, sessions: sessionmaker[Session], transport: Transport, archive: Archive,
                 *, retry_base: float = 60.0, retry_max: float = 3600.0, max_attempts: int = 24,
                 clock: Callable[[], datetime] = now) -> None:
        self.sessions = sessions
        self.transport = transport
        self.archive = archive
        self.retry_base, self.retry_max, self.max_attempts = retry_base, retry_max, max_attempts
        self.clock = clock

    # --- recording ----------------------------------------------------------------------------

    def enqueue(self, session: Session, *, registration: str, purpose: str, sender: str,
                to: list[str], rendered: RenderedEmail, cc: list[str] | None = None,
                attachments: Iterable[Attachment] = (), in_reply_to: str | None = None,
                application: Application | None = None) -> OutboxMessage:
        """Record the message in `session` (the caller commits, with whatever state change made
        it). A message already recorded for (registration, purpose) is returned unchanged."""
        if not REGISTRATION.fullmatch(registration):
            raise ValueError(f"not a registration number: {registration!r}")
        if not _PURPOSE.fullmatch(purpose):
            raise ValueError(f"purpose must be lower-case words, optionally :N: {purpose!r}")
        if not to:
            raise ValueError("a message needs a recipient")
        existing = self._find(session, registration, purpose)
        if existing is not None:
            return existing
        when = self.clock()
        msg = compose(sender=sender, to=to, cc=cc or [], registration=registration,
                      purpose=purpose, rendered=rendered, when=when, attachments=attachments,
                      in_reply_to=in_reply_to)
        recipients = [address for _, address in getaddresses([*to, *(cc or [])]) if address]
        row = OutboxMessage(
            application_id=application.id if application else None, registration=registration,
            purpose=purpose, message_id=msg["Message-ID"], sender=parseaddr(sender)[1],
            recipients=recipients,
            subject=msg["Subject"], raw=msg.as_bytes(policy=MAIL_POLICY), status=PENDING,
            attempts=0, next_attempt_at=when, created_at=when)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # recorded by a concurrent writer a moment ago
            found = self._find(session, registration, purpose)
            assert found is not None
            return found
        return row

    @staticmethod
    def _find(session: Session, registration: str, purpose: str) -> OutboxMessage | None:
        return session.scalar(select(OutboxMessage).where(
            OutboxMessage.registration == registration, OutboxMessage.purpose == purpose))

    # --- sending ------------------------------------------------------------------------------

    def recover(self) -> int:
        """On start: attempts a crash cut short become `uncertain` (never re-sent by themselves)."""
        with self.sessions.begin() as session:
            result = session.execute(
                update(OutboxMessage).where(OutboxMessage.status == SENDING).values(
                    status=UNCERTAIN, last_error=_CUT_SHORT))
            return result.rowcount  # type: ignore[attr-defined]

    def deliver_due(self) -> list[OutboxMessage]:
        """Try every pending message whose time has come, once; return them as they ended."""
        with self.sessions() as session:
            due = session.scalars(select(OutboxMessage.id).where(
                OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= self.clock())
                .order_by(OutboxMessage.id)).all()
        return [self.deliver(message) for message in due]

    def deliver(self, outbox_id: int) -> OutboxMessage:
        with self.sessions.begin() as session:
            claimed = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == outbox_id, OutboxMessage.status == PENDING)
                .values(status=SENDING, attempts=OutboxMessage.attempts + 1))
            row = session.get(OutboxMessage, outbox_id)
            assert row is not None
            if claimed.rowcount == 0:  # type: ignore[attr-defined]  # someone else has it
                return row
        try:
            refused = self.transport.send(row.raw, row.sender, list(row.recipients))
        except SendError as exc:
            return self._failed(outbox_id, exc)
        return self._sent(outbox_id, refused)

    def _failed(self, outbox_id: int, exc: SendError) -> OutboxMessage:
        with self.sessions.begin() as session:
            row = session.get(OutboxMessage, outbox_id)
            assert row is not None
            row.last_error = str(exc)[:2000]
            if exc.temporary and row.attempts < self.max_attempts:
                delay = min(self.retry_base * 2 ** (row.attempts - 1), self.retry_max)
                row.status = PENDING
                row.next_attempt_at = self.clock() + timedelta(seconds=delay)
            else:
                row.status = FAILED
                application = (session.get(Application, row.application_id)
                               if row.application_id else None)
                if application is not None:
                    application.needs_attention = True
                add_event(session, application, "outbox", "surel_gagal", purpose=row.purpose,
                          message_id=row.message_id, error=row.last_error)
            return row

    def _sent(self, outbox_id: int, refused: dict[str, str]) -> OutboxMessage:
        with self.sessions.begin() as session:
            row = session.get(OutboxMessage, outbox_id)
            assert row is not None
            when = self.clock()
            row.status, row.sent_at = SENT, when
            row.last_error = f"ditolak sebagian: {refused}" if refused else None
            application = (session.get(Application, row.application_id)
                           if row.application_id else None)
            if application is not None:
                session.add(SentMessage(application_id=application.id,
                                        message_id=row.message_id, sent_at=when,
                                        kind=row.purpose))
            add_event(session, application, "outbox", "surel_terkirim", purpose=row.purpose,
                      message_id=row.message_id, refused=refused or None)
        self.archive_sent(outbox_id)
        with self.sessions() as session:
            final = session.get(OutboxMessage, outbox_id)
            assert final is not None
            return final

    def archive_sent(self, outbox_id: int) -> str | None:
        """A copy of a sent message into its application's folder (idempotent; also re-run for
        messages whose copy a crash prevented)."""
        with self.sessions.begin() as session:
            row = session.get(OutboxMessage, outbox_id)
            assert row is not None
            if row.status != SENT or row.archived_as or row.application_id is None:
                return row.archived_as
            application = session.get(Application, row.application_id)
            assert application is not None and row.sent_at is not None
            folder = self.archive.application(application.archive_path)
            name = f"{row.sent_at:%Y%m%d-%H%M%S}-{row.purpose.replace(':', '-')}.eml"
            written = folder.write(name, row.raw, role="surel_keluar", subdir="surel-keluar",
                                   source=f"outbox:{row.message_id}",
                                   item=f"outbox:{row.message_id}")
            row.archived_as = written.path
            return written.path

    def release(self, outbox_id: int) -> None:
        """Staff decided an `uncertain` or `failed` message must (again) be sent."""
        with self.sessions.begin() as session:
            session.execute(update(OutboxMessage).where(
                OutboxMessage.id == outbox_id,
                OutboxMessage.status.in_((UNCERTAIN, FAILED)))
                .values(status=PENDING, attempts=0, next_attempt_at=self.clock()))
