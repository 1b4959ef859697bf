"""Staff accounts and who may decide what (SPEC "Staff and decisions").

One place answers "may this person do this": `require_role(sessions, username, role)` returns
the active account holding `role` or raises `NotAllowed` with the reason in Indonesian. The
login (`login`), its sessions (`open_session`, `session_of`, `end_session`) and the lockout
live here too, so the web proxy, `berkas approve` and `berkas outbox` share one rule.

Passwords are hashed with argon2id (argon2-cffi, the reference implementation's bindings; its
defaults are RFC 9106's second recommended parameters). A session's cookie token is random
(`secrets`); the database keeps only its SHA-256. Changing a password or disabling an account
ends its sessions. Every login, refused login and logout is an event with the person, the time
and the client address (never the password).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from berkas.core import clock
from berkas.store.models import LoginFailure, StaffAccount, StaffSession, add_event

MIN_PASSWORD = 12
# lower-case letters, digits, `.`, `_`, `-`: never a `:` (the system's actors are `sistem:…`)
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


class StaffRole(StrEnum):
    KEPALA_LPSE = "kepala_lpse"
    ADMIN_PPE = "admin_ppe"
    PENGELOLA = "pengelola"  # the system's administrator: no decision of a role it lacks


# who may send a held email again or record it as arrived (`berkas outbox … --as`): the office
# that sends the procedure's mail, and the system's administrator
OUTBOX_ROLES = (StaffRole.ADMIN_PPE, StaffRole.PENGELOLA)

ROLE_LABELS = {StaffRole.KEPALA_LPSE: "Kepala LPSE", StaffRole.ADMIN_PPE: "Admin PPE",
               StaffRole.PENGELOLA: "Pengelola sistem"}

_hasher = PasswordHasher()
# verified against when the user name is unknown, so that answers take the same time
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class NotAllowed(Exception):
    """The account may not do this; the message says why (Indonesian)."""


class AccountExists(Exception):
    pass


@dataclass(frozen=True)
class Staff:
    """An account as the rest of berkas sees it (never its hash)."""

    username: str
    full_name: str
    roles: tuple[str, ...]
    active: bool

    def holds(self, role: str) -> bool:
        return role in self.roles


def _public(row: StaffAccount) -> Staff:
    return Staff(row.username, row.full_name, tuple(row.roles), row.active)


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"Kata sandi paling sedikit {MIN_PASSWORD} karakter."
    if not password.strip():
        return "Kata sandi tidak boleh hanya berisi spasi."
    return None


def _row(s: Session, username: str) -> StaffAccount | None:
    return s.scalar(select(StaffAccount).where(StaffAccount.username == username))


def add(sessions: sessionmaker[Session], username: str, full_name: str, roles: list[str],
        password: str) -> Staff:
    if not USERNAME.fullmatch(username):
        raise ValueError("Nama pengguna hanya boleh berisi huruf kecil, angka, titik, garis bawah, "
                         "atau tanda hubung (2-64 karakter).")
    if not full_name.strip():
        raise ValueError("Nama lengkap wajib diisi.")
    problem = password_problem(password)
    if problem:
        raise ValueError(problem)
    unknown = [r for r in roles if r not in set(StaffRole)]
    if unknown or not roles:
        raise ValueError(f"Peran tidak dikenal: {', '.join(unknown) or '(kosong)'}.")
    now = clock.now()
    row = StaffAccount(username=username, full_name=full_name,
                       roles=list(dict.fromkeys(roles)), active=True,
                       password_hash=_hasher.hash(password), created_at=now,
                       password_changed_at=now)
    try:
        with sessions.begin() as s:
            s.add(row)
            add_event(s, None, username, "staf_dibuat", at=now, peran=row.roles)
    except IntegrityError as exc:
        raise AccountExists(username) from exc
    return _public(row)


def accounts(sessions: sessionmaker[Session]) -> list[Staff]:
    with sessions() as s:
        return [_public(r) for r in s.scalars(select(StaffAccount).order_by(StaffAccount.id))]


def count(sessions: sessionmaker[Session]) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(StaffAccount)) or 0


def _end_sessions(s: Session, staff_id: int, now: datetime) -> None:
    s.execute(update(StaffSession).where(StaffSession.staff_id == staff_id,
                                         StaffSession.ended_at.is_(None)).values(ended_at=now))


def disable(sessions: sessionmaker[Session], username: str) -> bool:
    """False when there is no such account. Its sessions end."""
    now = clock.now()
    with sessions.begin() as s:
        row = _row(s, username)
        if row is None:
            return False
        row.active = False
        _end_sessions(s, row.id, now)
        add_event(s, None, username, "staf_dinonaktifkan", at=now)
    return True


def set_password(sessions: sessionmaker[Session], username: str, password: str) -> bool:
    """False when there is no such account; ValueError for a refused password. Its sessions
    end."""
    problem = password_problem(password)
    if problem:
        raise ValueError(problem)
    now = clock.now()
    with sessions.begin() as s:
        row = _row(s, username)
        if row is None:
            return False
        row.password_hash, row.password_changed_at = _hasher.hash(password), now
        _end_sessions(s, row.id, now)
        s.execute(delete(LoginFailure).where(LoginFailure.username == username))
        add_event(s, None, username, "sandi_staf_diganti", at=now)
    return True


def require_role(sessions: sessionmaker[Session], username: str, role: str,
                 *others: str) -> Staff:
    """The active account `username` if it holds `role` (or one of `others`); NotAllowed
    otherwise."""
    with sessions() as s:
        row = _row(s, username)
    if row is None:
        raise NotAllowed(f"Akun staf {username!r} tidak dikenal.")
    if not row.active:
        raise NotAllowed(f"Akun staf {username!r} tidak aktif.")
    wanted = (role, *others)
    if not set(wanted) & set(row.roles):
        names = " atau ".join(wanted)
        raise NotAllowed(f"Akun staf {username!r} ({row.full_name}) tidak memegang peran "
                         f"{names}; tindakan ini hanya untuk peran {names}.")
    return _public(row)


# --- logins and sessions ----------------------------------------------------------------------

@dataclass(frozen=True)
class Policy:
    idle: timedelta
    lifetime: timedelta
    max_failures: int
    lockout: timedelta

    @classmethod
    def of(cls, settings) -> Policy:
        return cls(timedelta(minutes=settings.session_idle_minutes),
                   timedelta(hours=settings.session_max_hours), settings.login_max_failures,
                   timedelta(minutes=settings.login_lockout_minutes))


class LoginRefused(Exception):
    """`locked` when the account is locked for this address (the message says so)."""

    def __init__(self, message: str, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(sessions: sessionmaker[Session], policy: Policy, username: str, password: str,
          address: str) -> tuple[Staff, str]:
    """(account, session token) or LoginRefused. Failures are counted per user name and client
    address: a wrong password from elsewhere never locks someone out here."""
    now = clock.now()
    username = username.strip()[:64]
    with sessions.begin() as s:
        failures = s.scalar(select(func.count()).select_from(LoginFailure).where(
            LoginFailure.username == username, LoginFailure.client_address == address,
            LoginFailure.at > now - policy.lockout)) or 0
        if failures >= policy.max_failures:
            add_event(s, None, username, "masuk_ditolak", at=now, alamat=address,
                      alasan="terkunci")
            raise LoginRefused("Terlalu banyak percobaan yang gagal. Akun ini dikunci sementara "
                               "dari alamat Anda; silakan coba lagi nanti.", locked=True)
        row = _row(s, username)
        try:
            _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
            good = row is not None and row.active
        except (VerificationError, InvalidHashError):
            good = False
        if not good:
            s.add(LoginFailure(username=username, client_address=address, at=now))
            add_event(s, None, username, "masuk_ditolak", at=now, alamat=address,
                      alasan="nama pengguna atau kata sandi salah")
    if not good:
        raise LoginRefused("Nama pengguna atau kata sandi salah.")
    assert row is not None
    token = secrets.token_urlsafe(32)
    with sessions.begin() as s:
        s.execute(delete(LoginFailure).where(LoginFailure.username == username,
                                             LoginFailure.client_address == address))
        s.add(StaffSession(id=_digest(token), staff_id=row.id, client_address=address,
                           created_at=now, last_seen_at=now))
        add_event(s, None, username, "masuk", at=now, alamat=address, nama=row.full_name)
    return _public(row), token


def session_of(sessions: sessionmaker[Session], policy: Policy, token: str | None) -> Staff | None:
    """The account of a live session (and the session kept alive), or None."""
    if not token:
        return None
    now = clock.now()
    with sessions.begin() as s:
        found = s.execute(select(StaffSession, StaffAccount).join(
            StaffAccount, StaffAccount.id == StaffSession.staff_id).where(
            StaffSession.id == _digest(token), StaffSession.ended_at.is_(None))).first()
        if found is None:
            return None
        session, account = found
        if (not account.active or now - session.last_seen_at > policy.idle
                or now - session.created_at > policy.lifetime):
            session.ended_at = now
            return None
        if now - session.last_seen_at > timedelta(seconds=30):  # not a write per request
            session.last_seen_at = now
        return _public(account)


def end_session(sessions: sessionmaker[Session], token: str | None, address: str) -> None:
    if not token:
        return
    now = clock.now()
    with sessions.begin() as s:
        found = s.execute(select(StaffSession, StaffAccount).join(
            StaffAccount, StaffAccount.id == StaffSession.staff_id).where(
            StaffSession.id == _digest(token), StaffSession.ended_at.is_(None))).first()
        if found is not None:
            found[0].ended_at = now
            add_event(s, None, found[1].username, "keluar", at=now, alamat=address)


def audit(sessions: sessionmaker[Session], username: str, kind: str, address: str,
          **detail: object) -> None:
    """An event of a person outside any decision (e.g. a document opened in the viewer)."""
    with sessions.begin() as s:
        add_event(s, None, username, kind, at=clock.now(), alamat=address, **detail)
