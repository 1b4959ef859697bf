"""The records: applications, their files, their history (events), what intake has taken, the
outbox, the accounts and the procedure's steps. The schema is the migrations' (berkas/store/
database.py runs them); these are its tables as Python sees them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)

from berkas.core import clock
from berkas.sop.model import CLOSED_STATES
from berkas.store.verdict import StoredVerdict, VerdictColumn


class ZonedDateTime(TypeDecorator):
    """Stored as UTC, returned in the configured zone (WITA), on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: every time must carry its zone")
        return value.astimezone(UTC).replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(clock.zone())


class Base(DeclarativeBase):
    type_annotation_map = {datetime: ZonedDateTime, dict[str, Any]: JSON}


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration: Mapped[str] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(40))
    step: Mapped[int] = mapped_column(Integer, default=3)  # SOP step it waits in
    nip: Mapped[str | None] = mapped_column(String(18), index=True)
    nama: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    sender: Mapped[str | None] = mapped_column(String(320))  # From of the first email
    source: Mapped[str] = mapped_column(String(10))  # email | scan: how it first arrived
    archive_path: Mapped[str] = mapped_column(String(500))
    needs_attention: Mapped[bool] = mapped_column(Boolean, default=False)
    # the latest `berkas check` result: its JSON stored, read back as the model
    verdict: Mapped[StoredVerdict | None] = mapped_column(VerdictColumn)
    named_nips: Mapped[list[str] | None] = mapped_column(JSON)  # every NIP its papers print
    flow_run_id: Mapped[str | None] = mapped_column(String(36))  # its Prefect flow run
    waiting_for: Mapped[str | None] = mapped_column(String(40))  # role or "pemohon", if waiting
    waiting_since: Mapped[datetime | None]

    files: Mapped[list[StoredFile]] = relationship(back_populates="application",
                                                   order_by="StoredFile.id")
    events: Mapped[list[Event]] = relationship(back_populates="application", order_by="Event.id")

    steps: Mapped[list[StepRecord]] = relationship(back_populates="application",
                                                   order_by="StepRecord.id")

    @property
    def closed(self) -> bool:
        """Ended: mail for it is archived with it and flagged for staff, never re-checked."""
        return self.state in CLOSED_STATES


class RegistrationCounter(Base):
    __tablename__ = "registration_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


class IntakeItem(Base):
    """One thing taken in: an email (UIDVALIDITY+UID, Message-ID, content hash) or a scan item
    (its inbox path and the hash of its contents). `status` walks claimed -> archived -> done
    (mail: stored -> filing -> filed -> done, see berkas/intake/mail.py);
    a restart resumes from where it stopped, never takes it twice."""

    __tablename__ = "intake_items"
    __table_args__ = (UniqueConstraint("folder", "uidvalidity", "uid", name="uq_mail_uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # email | scan
    # scans: claimed | archived | done; mail: stored | filing | filed | done
    status: Mapped[str] = mapped_column(String(10))
    disposition: Mapped[str] = mapped_column(String(12))  # new | reply | joined | other | ...
    reason: Mapped[str | None] = mapped_column(Text)
    folder: Mapped[str | None] = mapped_column(String(200))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    uid: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    scan_path: Mapped[str | None] = mapped_column(String(1000))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    item_no: Mapped[int | None]  # its number within the application's archive folder
    archive_path: Mapped[str | None] = mapped_column(String(500))  # refused items: their folder
    received_at: Mapped[datetime]
    archived_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    # migration 0006_body_hash: the email's body (after its header) hashed; a Message-ID seen
    # before is a duplicate only with the same body
    body_sha256: Mapped[str | None] = mapped_column(String(64))
    # migration 0005_quarantine: failed filing attempts; after BERKAS_INTAKE_MAX_ATTEMPTS the
    # item is quarantined (disposition "quarantined") and waits for staff
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    needs_attention: Mapped[bool] = mapped_column(Boolean, default=False,
                                                  server_default=false())


class StoredFile(Base):
    """A file in an application's archive folder (mirrors its manifest line)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("intake_items.id"))
    path: Mapped[str] = mapped_column(String(1000))
    original_name: Mapped[str | None] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    role: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(1000))
    written_at: Mapped[datetime]

    application: Mapped[Application] = relationship(back_populates="files")


class Event(Base):
    """Every state change: when (WITA), who (`actor`), what, and the facts of it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any] | None]

    application: Mapped[Application | None] = relationship(back_populates="events")


class SentMessage(Base):
    """Messages we sent (filled by the flows that send mail): replies thread back through
    their Message-ID in In-Reply-To/References."""

    __tablename__ = "sent_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    sent_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))


# --- small shared operations ------------------------------------------------------------------

def bump_year_counter(session: Session, counter: Any, year: int) -> int:
    """The next number of a per-year counter table (`year`, `last`), inside the caller's
    transaction: it only grows, so a number is never given twice."""
    bumped = session.execute(update(counter).where(counter.year == year)
                             .values(last=counter.last + 1))
    if bumped.rowcount == 0:  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult
        try:
            with session.begin_nested():
                session.add(counter(year=year, last=1))
        except IntegrityError:  # another writer created the year first
            session.execute(update(counter).where(counter.year == year)
                            .values(last=counter.last + 1))
    last = session.scalar(select(counter.last).where(counter.year == year))
    assert last is not None
    return int(last)


def next_registration(session: Session, year: int) -> str:
    """REG-YYYY-NNNNN, unique and never reused (even if an application were removed)."""
    return f"REG-{year}-{bump_year_counter(session, RegistrationCounter, year):05d}"


def add_event(session: Session, application: Application | None, actor: str, kind: str,
              at: datetime | None = None, **detail: Any) -> Event:
    entry = Event(application=application, at=at or clock.now(), actor=actor, kind=kind,
                  detail=detail or None)
    session.add(entry)
    return entry


# --- outgoing letters and mail (migration 0002_outbox) ----------------------------------------

class LetterCounter(Base):
    __tablename__ = "letter_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


class IssuedLetter(Base):
    """A letter number given out: unique forever, and one per (registration, purpose), so a letter
    drawn again after a crash carries the number it had."""

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("registration", "purpose", name="uq_letter_purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(200), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    registration: Mapped[str] = mapped_column(String(20), index=True)
    purpose: Mapped[str] = mapped_column(String(60))
    issued_at: Mapped[datetime]


class OutboxMessage(Base):
    """One email, recorded whole (its exact bytes and Message-ID) before any attempt to send it.
    `status`: pending -> sending -> sent; `sending` found on a restart means a crash in the middle
    of an attempt and becomes `uncertain` (never re-sent by itself); `failed` waits for staff."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("registration", "purpose", name="uq_outbox_purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    registration: Mapped[str] = mapped_column(String(20), index=True)
    purpose: Mapped[str] = mapped_column(String(60))
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    sender: Mapped[str] = mapped_column(String(320))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    archived_as: Mapped[str | None] = mapped_column(String(1000))


# --- the embedded account registry (migration 0003_accounts) ----------------------------------

class Account(Base):
    """An Admin Agency account in the embedded registry (berkas/accounts.py). The password is
    held only as a salted scrypt hash; the clear one exists only in memory until it is mailed."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), unique=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    instansi: Mapped[str | None] = mapped_column(String(300))
    registration: Mapped[str] = mapped_column(String(20), index=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    must_change_password: Mapped[bool] = mapped_column(Boolean)
    password_expires_at: Mapped[datetime]
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]
    activated_at: Mapped[datetime | None]


# --- the procedure and its standard times (migration 0004_flows) -----------------------------

class StepRecord(Base):
    """One SOP step of one application (a step met again, e.g. step 3 after a completion, is a
    new `round`): when it started and ended (WITA), who ended it and how. Mutu baku is measured
    from these in working time (berkas/procedure/worktime.py, report.py)."""

    __tablename__ = "steps"
    __table_args__ = (UniqueConstraint("application_id", "step", "phase", "round",
                                       name="uq_step_round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    step: Mapped[int] = mapped_column(Integer)  # 1-8 as in the SOP
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(40))  # kepala_lpse, admin_ppe, admin_agency, sistem
    round: Mapped[int] = mapped_column(Integer, default=1)
    # "" for the step itself; a wait inside it that no standard times, e.g. "pelatihan" (the
    # account waits for its holder's training), or a question, e.g. "akun_ganda"
    phase: Mapped[str] = mapped_column(String(20), default="")
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    actor: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(String(60))
    detail: Mapped[dict[str, Any] | None]
    reminded_at: Mapped[datetime | None]
    reminders: Mapped[int] = mapped_column(Integer, default=0)

    application: Mapped[Application] = relationship(back_populates="steps")


# --- staff accounts, their sessions and the decisions they claim (migration 0007_staff) -------

class StaffAccount(Base):
    """A person of the LPSE who logs in and decides (berkas/store/staff.py): roles of SPEC
    ("Staff and decisions"), the password only as an argon2id hash."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime]


class StaffSession(Base):
    """A login to the staff UI. `id` is the SHA-256 of the cookie's token: the database never
    holds what opens a session."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    client_address: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class LoginFailure(Base):
    """One refused login, counted per user name *and* client address for the lockout."""

    __tablename__ = "staff_login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    client_address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]


class DecisionClaim(Base):
    """Who answers the decision a suspended run waits for (its pause key), written before the
    run is resumed; the flow reads the decider from here, never from the form."""

    __tablename__ = "decision_claims"
    __table_args__ = (UniqueConstraint("flow_run_id", "pause_key", name="uq_claim_pause"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    flow_run_id: Mapped[str] = mapped_column(String(36))
    pause_key: Mapped[str] = mapped_column(String(120))
    registration: Mapped[str] = mapped_column(String(20), index=True)
    username: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(200))
    os_user: Mapped[str | None] = mapped_column(String(64))
    client_address: Mapped[str | None] = mapped_column(String(64))
    via: Mapped[str] = mapped_column(String(20))  # antarmuka, baris_perintah, sistem
    at: Mapped[datetime]
