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

Passwords (the account email, account_mail.py) are never recorded. Such a message is
stored with `PASSWORD_MARK` where the password goes, in both alternatives, and names its account
in the `X-Berkas-Akun` header. At send time, right after the claim and immediately before the SMTP
transaction, `secret_filler(user_id)` makes a new password (the account is reset, so only the
password in this email works); the stored message is parsed, the mark replaced in the decoded
text of each alternative (HTML-escaped in the HTML one), the parts encoded again (so
quoted-printable soft breaks cannot split the mark or the password) and the bytes sent from
memory, then dropped. The database, the archive copy and the log keep the mark only. A temporary
failure makes a new password on the next attempt: the first never left.

An account email cut short by a crash (`sending` on restart) may or may not have reached the
person with a password that works. Re-sending it under its own Message-ID could be hidden by the
mail client as a duplicate of the first, so `recover()` hands it to `replace_uncertain`, which
records a replacement (`akun_ulang:N`, a new Message-ID, a text saying it replaces any earlier
account email). The original becomes `replaced` and is never sent; the replacement resets the
password again when it goes, so the password of the first email, if it arrived, stops working.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, parseaddr
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from berkas.accounts import AccountError
from berkas.core.clock import now
from berkas.outgoing.render import RenderedEmail
from berkas.outgoing.smtp import SendError
from berkas.store.archive import REGISTRATION, Archive
from berkas.store.models import Application, OutboxMessage, SentMessage, add_event


class Status(StrEnum):
    """Where a message is: pending -> sending -> sent; `uncertain` and `failed` wait for staff."""
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    UNCERTAIN = "uncertain"  # cut short by a crash: never re-sent by itself
    FAILED = "failed"
    REPLACED = "replaced"  # an account email cut short by a crash, superseded by `akun_ulang:N`


PENDING, SENDING, SENT, UNCERTAIN, FAILED, REPLACED = Status
# Headers are not folded below RFC 5322's hard 998 (Python folds a long tagged Subject so that
# it starts with a space); bodies go quoted-printable, so their lines stay short anyway.
MAIL_POLICY = SMTP.clone(max_line_length=998)
_CUT_SHORT = "terputus saat pengiriman: periksa folder Sent sebelum mengirim ulang"
_PURPOSE = re.compile(r"[a-z0-9_]+(:[0-9]+)?")
# What the stored and archived account email holds where the password goes. Plain ASCII without
# HTML specials, so it reads the same in both alternatives and in the archive.
PASSWORD_MARK = "[KATA SANDI TIDAK DISIMPAN]"
SLOT_HEADER = "X-Berkas-Akun"  # user id whose new password fills PASSWORD_MARK at send time


class Transport(Protocol):
    def send(self, raw: bytes, sender: str, recipients: list[str]) -> dict[str, str]: ...


SecretFiller = Callable[[str], str]  # user id -> a new clear password, the account reset to it
Replacer = Callable[[Session, OutboxMessage], OutboxMessage | None]


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
            in_reply_to: str | None = None,
            extra_headers: dict[str, str] | None = None) -> EmailMessage:
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
    for name, value in (extra_headers or {}).items():
        msg[name] = header_safe(value)
    msg.set_content(rendered.text, subtype="plain", charset="utf-8",
                    cte="quoted-printable")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8",
                        cte="quoted-printable")
    for item in attachments:
        main, _, sub = item.mime.partition("/")
        msg.add_attachment(item.data, maintype=main, subtype=sub, filename=item.name)
    return msg


def header_safe(value: str) -> str:
    """Applicant text in a header: one line, no CR/LF (no header injection)."""
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def one_address(value: str) -> str:
    """A recipient as given (from a form, an email): exactly one address, no line breaks, or
    ValueError; never mended, as "a@b.go.id\r\nBcc: c@d" mended would write to c@d."""
    found = getaddresses([value])
    if "\r" in value or "\n" in value or len(found) != 1 or "@" not in found[0][1]:
        raise ValueError(f"not one email address: {value!r}")
    return value.strip()


def slot_user(raw: bytes) -> str | None:
    """The user id whose password a stored message waits for, or None (an ordinary message)."""
    value = BytesHeaderParser(policy=MAIL_POLICY).parsebytes(raw).get(SLOT_HEADER)
    if value is None:
        return None
    return str(value).strip() or None


def fill_slot(raw: bytes, password: str) -> bytes:
    """The message to send: PASSWORD_MARK replaced by `password` in every text part, each part
    encoded again. In memory only; the caller sends the result and lets it go."""
    msg = message_from_bytes(raw, policy=MAIL_POLICY)
    assert isinstance(msg, EmailMessage)
    filled = 0
    for part in msg.walk():
        if part.get_content_maintype() != "text" or part.is_attachment():
            continue
        assert isinstance(part, EmailMessage)
        content = part.get_content()
        if PASSWORD_MARK not in content:
            continue
        subtype = part.get_content_subtype()
        value = html.escape(password) if subtype == "html" else password
        part.set_content(content.replace(PASSWORD_MARK, value), subtype=subtype,
                         charset="utf-8", cte="quoted-printable")
        if part is not msg:
            del part["MIME-Version"]
        filled += 1
    if filled < 2:
        raise ValueError("the stored account email lacks the password mark in an alternative")
    return msg.as_bytes(policy=MAIL_POLICY)


class Outbox:
    def __init__(self, sessions: sessionmaker[Session], transport: Transport, archive: Archive,
                 *, retry_base: float = 60.0, retry_max: float = 3600.0, max_attempts: int = 24,
                 clock: Callable[[], datetime] = now, secret_filler: SecretFiller | None = None,
                 replace_uncertain: Replacer | None = None) -> None:
        """`secret_filler` makes the password of an account email at send time (without it such
        a message fails); `replace_uncertain` records the replacement of an account email a crash
        cut short (without it the message stays `uncertain` for staff)."""
        self.sessions = sessions
        self.transport = transport
        self.archive = archive
        self.retry_base, self.retry_max, self.max_attempts = retry_base, retry_max, max_attempts
        self.clock = clock
        self.secret_filler = secret_filler
        self.replace_uncertain = replace_uncertain

    # --- recording ----------------------------------------------------------------------------

    def enqueue(self, session: Session, *, registration: str, purpose: str, sender: str,
                to: list[str], rendered: RenderedEmail, cc: list[str] | None = None,
                attachments: Iterable[Attachment] = (), in_reply_to: str | None = None,
                application: Application | None = None, secret_for: str | None = None,
                extra_headers: dict[str, str] | None = None) -> OutboxMessage:
        """Record the message in `session` (the caller commits, with whatever state change made
        it). A message already recorded for (registration, purpose) is returned unchanged.
        `secret_for`: the user id whose new password replaces PASSWORD_MARK when it is sent (the
        mark must be in both alternatives)."""
        if not REGISTRATION.fullmatch(registration):
            raise ValueError(f"not a registration number: {registration!r}")
        if not _PURPOSE.fullmatch(purpose):
            raise ValueError(f"purpose must be lower-case words, optionally :N: {purpose!r}")
        if not to:
            raise ValueError("a message needs a recipient")
        to, cc = [one_address(x) for x in to], [one_address(x) for x in cc or []]
        headers = dict(extra_headers or {})
        if secret_for is not None:
            if PASSWORD_MARK not in rendered.text or PASSWORD_MARK not in rendered.html:
                raise ValueError("an account email needs the password mark in both alternatives")
            headers[SLOT_HEADER] = secret_for
        existing = self._find(session, registration, purpose)
        if existing is not None:
            return existing
        when = self.clock()
        msg = compose(sender=sender, to=to, cc=cc or [], registration=registration,
                      purpose=purpose, rendered=rendered, when=when, attachments=attachments,
                      in_reply_to=in_reply_to, extra_headers=headers)
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
        """On start: attempts a crash cut short become `uncertain` (never re-sent by themselves);
        an account email among them (and one left uncertain earlier) is replaced, in the same
        transaction, by `replace_uncertain`. Returns how many were cut short."""
        with self.sessions.begin() as session:
            cut_short = session.scalars(select(OutboxMessage).where(
                OutboxMessage.status == SENDING).order_by(OutboxMessage.id)).all()
            for row in cut_short:
                row.status, row.last_error = UNCERTAIN, _CUT_SHORT
            if self.replace_uncertain is not None:
                uncertain = session.scalars(select(OutboxMessage).where(
                    OutboxMessage.status == UNCERTAIN).order_by(OutboxMessage.id)).all()
                for row in uncertain:
                    if slot_user(row.raw) is not None:
                        self._replace(session, row, self.replace_uncertain)
            return len(cut_short)

    @staticmethod
    def _replace(session: Session, row: OutboxMessage, replacer: Replacer) -> None:
        replacement = replacer(session, row)
        if replacement is None:
            return
        row.status = REPLACED
        row.last_error = (f"tidak dikirim ulang: diganti oleh {replacement.purpose} "
                          f"{replacement.message_id} dengan kata sandi baru")
        application = (session.get(Application, row.application_id)
                       if row.application_id else None)
        add_event(session, application, "outbox", "surel_akun_diganti", purpose=row.purpose,
                  message_id=row.message_id, replacement=replacement.purpose,
                  replacement_message_id=replacement.message_id)

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
            raw = self._with_secret(row)
            refused = self.transport.send(raw, row.sender, list(row.recipients))
        except SendError as exc:
            return self._failed(outbox_id, exc)
        finally:
            # the filled message holds a clear password: not even a traceback's frame keeps it
            raw = b""
        return self._sent(outbox_id, refused)

    def _with_secret(self, row: OutboxMessage) -> bytes:
        user_id = slot_user(row.raw)
        if user_id is None:
            return row.raw
        if self.secret_filler is None:
            raise SendError("surel akun tanpa pembuat kata sandi (secret_filler)", temporary=False)
        try:
            return fill_slot(row.raw, self.secret_filler(user_id))
        except AccountError as exc:  # no such account: staff must look
            raise SendError(f"kata sandi tidak dapat dibuat: {exc}", temporary=False) from None
        except ValueError as exc:
            raise SendError(f"surel akun tidak sah: {exc}", temporary=False) from None
        except Exception as exc:  # e.g. the database busy; its text may quote a hash: not kept
            raise SendError(f"kata sandi tidak dapat dibuat: {type(exc).__name__}",
                            temporary=True) from None

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

    def void_unsent(self, registration: str, reason: str) -> list[str]:
        """Account emails of `registration` not sent (pending, failed, uncertain) become
        `replaced` and are never sent: their password was voided (spse_manual: a new one is
        shown to be set in SPSE). Returns their purposes."""
        voided = []
        with self.sessions.begin() as session:
            rows = session.scalars(select(OutboxMessage).where(
                OutboxMessage.registration == registration,
                OutboxMessage.status.in_((PENDING, FAILED, UNCERTAIN))).with_for_update()).all()
            for row in rows:
                if slot_user(row.raw) is None:
                    continue
                row.status, row.last_error = REPLACED, reason
                application = (session.get(Application, row.application_id)
                               if row.application_id else None)
                add_event(session, application, "outbox", "surel_akun_diganti",
                          purpose=row.purpose, message_id=row.message_id, alasan=reason)
                voided.append(row.purpose)
        return voided

    def release(self, outbox_id: int, actor: str = "staf") -> bool:
        """Staff decided an `uncertain` or `failed` message must (again) be sent (a `replaced`
        account email never is: its replacement carries the password). True if released."""
        with self.sessions.begin() as session:
            done = session.execute(update(OutboxMessage).where(
                OutboxMessage.id == outbox_id,
                OutboxMessage.status.in_((UNCERTAIN, FAILED)))
                .values(status=PENDING, attempts=0, next_attempt_at=self.clock()))
            if done.rowcount:  # type: ignore[attr-defined]
                self._staff_event(session, outbox_id, actor, "surel_dilepas")
            return bool(done.rowcount)  # type: ignore[attr-defined]

    def mark_sent(self, outbox_id: int, actor: str = "staf") -> bool:
        """Staff found an `uncertain` message in the server's log or the recipient confirmed
        it: it counts as sent (and is archived as such), never sent again."""
        with self.sessions.begin() as session:
            done = session.execute(update(OutboxMessage).where(
                OutboxMessage.id == outbox_id, OutboxMessage.status == UNCERTAIN)
                .values(status=SENT, sent_at=self.clock()))
            if done.rowcount:  # type: ignore[attr-defined]
                self._staff_event(session, outbox_id, actor, "surel_dinyatakan_terkirim")
        if done.rowcount:  # type: ignore[attr-defined]
            self.archive_sent(outbox_id)
        return bool(done.rowcount)  # type: ignore[attr-defined]

    @staticmethod
    def _staff_event(session: Session, outbox_id: int, actor: str, kind: str) -> None:
        row = session.get(OutboxMessage, outbox_id)
        assert row is not None
        application = session.get(Application, row.application_id) if row.application_id \
            else None
        add_event(session, application, actor, kind, purpose=row.purpose,
                  message_id=row.message_id)
