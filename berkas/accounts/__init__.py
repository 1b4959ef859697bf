"""Provisioning Admin Agency accounts behind one interface (SPSE has no public account API).

`AccountProvider` is what the flows call; `BERKAS_ACCOUNT_PROVIDER` chooses the adapter:
`embedded` (`EmbeddedRegistry` below, the demo's default) keeps the accounts in the project's
database; `spse_manual` (`spse_manual.py`) records the accounts the Admin PPE creates by hand in
SPSE, and its temporary passwords live only in the running service's memory (`vault.py`).

Rules:
- user id from `BERKAS_ACCOUNT_USER_ID_PATTERN` (`{nip}`, `{nama}`, `{registration}`);
- one account per NIP and per user id: a second is refused with the existing account, for the
  reviewer to see;
- the temporary password comes from `secrets` under `PASSWORD_POLICY`; only its scrypt hash is
  stored (n=2^14, r=8, p=1, a 16-byte salt of its own); it must be changed at first login and
  expires after `BERKAS_ACCOUNT_PASSWORD_VALID_DAYS`;
- a new account is inactive until the person's training is confirmed (`activate`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from berkas.core.clock import now
from berkas.store.models import Account

# No look-alikes: 0 O o, 1 l I i, 5 S s, 2 Z z, 8 B, and no quote or space characters.
LOWER = "abcdefghjkmnpqrtuvwxy"
UPPER = "ACDEFGHJKLMNPQRTUVWXY"
DIGITS = "34679"
SYMBOLS = "#%+=?@!"
PASSWORD_POLICY = (
    "Kata sandi sementara: panjang sesuai BERKAS_ACCOUNT_PASSWORD_LENGTH (bawaan 14, minimal 12), "
    "memuat huruf kecil, huruf besar, angka dan simbol (#%+=?@!), tanpa karakter yang mirip "
    "(0/O/o, 1/l/I/i, 5/S/s, 2/Z/z, 8/B), wajib diganti saat pertama kali masuk."
)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_USER_ID = re.compile(r"[a-z0-9._-]{3,64}")
_TITLES = re.compile(r"^(dr|drs|dra|ir|h|hj|prof)\.?\s+", re.IGNORECASE)


class AccountError(Exception):
    pass


class DuplicateAccount(AccountError):
    def __init__(self, existing: AccountView, reason: str) -> None:
        super().__init__(reason)
        self.existing = existing


@dataclass(frozen=True)
class AccountRequest:
    nip: str
    nama: str
    email: str
    registration: str
    instansi: str | None = None


@dataclass(frozen=True)
class AccountView:
    """What may be shown and stored anywhere: never a password or its hash."""
    user_id: str
    nip: str
    nama: str
    email: str
    registration: str
    active: bool
    must_change_password: bool
    password_expires_at: datetime


@dataclass(frozen=True)
class NewPassword:
    """The clear password, in memory only: hand it to the email and let it go."""
    user_id: str
    password: str

    def __repr__(self) -> str:
        return f"NewPassword(user_id={self.user_id!r}, password=<hidden>)"


class Provider(StrEnum):
    """`BERKAS_ACCOUNT_PROVIDER`: who holds the accounts."""
    EMBEDDED = "embedded"  # our own registry (demo, tests)
    SPSE_MANUAL = "spse_manual"  # SPSE, by the Admin PPE's hands


class AccountProvider(Protocol):
    """`create` makes (embedded) or records (spse_manual, `user_id` as SPSE took it) the
    account, inactive; the password it returns, if any, is never mailed. `reset_password`
    makes a new temporary password for the account (embedded: only its hash kept)."""
    kind: Provider

    def create(self, request: AccountRequest, user_id: str | None = None
               ) -> tuple[AccountView, NewPassword | None]: ...
    def reset_password(self, user_id: str) -> NewPassword: ...
    def activate(self, user_id: str) -> AccountView: ...
    def find(self, *, nip: str | None = None, user_id: str | None = None
             ) -> AccountView | None: ...


def new_password(length: int = 14) -> str:
    if length < 12:
        raise ValueError("a temporary password has at least 12 characters")
    classes = (LOWER, UPPER, DIGITS, SYMBOLS)
    alphabet = "".join(classes)
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if all(any(c in cls for c in candidate) for cls in classes):
            return candidate


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    encoded = (base64.b64encode(x).decode() for x in (salt, digest))
    return "scrypt${n}${r}${p}$".format(**_SCRYPT) + "$".join(encoded)


def verify_password(password: str, stored: str) -> bool:
    kind, n, r, p, salt, digest = stored.split("$")
    if kind != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                            p=int(p), dklen=len(expected))
    return hmac.compare_digest(actual, expected)


def first_name(nama: str) -> str:
    """Budi Santoso, S.T. -> budi; Dr. Ir. Hj. Siti Aminah -> siti."""
    name = nama.split(",")[0].strip()
    while (stripped := _TITLES.sub("", name)) != name:
        name = stripped
    word = name.split()[0] if name.split() else ""
    ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_word.lower() if c in string.ascii_lowercase)


def user_id_for(pattern: str, request: AccountRequest) -> str:
    user_id = pattern.format(nip=request.nip, nama=first_name(request.nama),
                             registration=request.registration.lower()).lower()
    if not _USER_ID.fullmatch(user_id):
        raise AccountError(f"user id {user_id!r} from pattern {pattern!r} is not usable")
    return user_id


def _view(row: Account) -> AccountView:
    return AccountView(user_id=row.user_id, nip=row.nip, nama=row.nama, email=row.email,
                       registration=row.registration, active=row.active,
                       must_change_password=row.must_change_password,
                       password_expires_at=row.password_expires_at)


class EmbeddedRegistry:
    kind = Provider.EMBEDDED

    def __init__(self, sessions: sessionmaker[Session], *, user_id_pattern: str = "{nip}",
                 password_length: int = 14, valid_days: int = 7,
                 clock: Callable[[], datetime] = now) -> None:
        self.sessions = sessions
        self.pattern, self.length, self.valid_days = user_id_pattern, password_length, valid_days
        self.clock = clock

    def find(self, *, nip: str | None = None, user_id: str | None = None) -> AccountView | None:
        """The account of `nip` or of `user_id` (user ids compared without case)."""
        with self.sessions() as session:
            row = session.scalar(select(Account).where(or_(
                Account.nip == nip, func.lower(Account.user_id) == (user_id or "").lower()
                if user_id else Account.user_id == user_id)))
            return _view(row) if row else None

    def create(self, request: AccountRequest, user_id: str | None = None
               ) -> tuple[AccountView, NewPassword | None]:
        user_id = user_id or user_id_for(self.pattern, request)
        stored, secret = self._first_password(user_id)
        when = self.clock()
        with self.sessions.begin() as session:
            self._refuse_duplicate(session, request.nip, user_id)
            row = Account(user_id=user_id, nip=request.nip, nama=request.nama,
                          email=request.email, instansi=request.instansi,
                          registration=request.registration,
                          password_hash=stored, must_change_password=True,
                          password_expires_at=when + timedelta(days=self.valid_days),
                          active=False, created_at=when)
            try:
                with session.begin_nested():
                    session.add(row)
            except IntegrityError:  # a concurrent writer created it a moment ago
                self._refuse_duplicate(session, request.nip, user_id)
                raise
            return _view(row), secret

    def _first_password(self, user_id: str) -> tuple[str, NewPassword | None]:
        """(what the row stores, the clear password): here a new one and its hash."""
        password = new_password(self.length)
        return hash_password(password), NewPassword(user_id, password)

    def _refuse_duplicate(self, session: Session, nip: str, user_id: str) -> None:
        for column, value, what in ((Account.nip, nip, "NIP"),
                                    (func.lower(Account.user_id), user_id.lower(), "user id")):
            existing = session.scalar(select(Account).where(column == value))
            if existing is not None:
                raise DuplicateAccount(_view(existing), f"{what} {value} sudah memiliki akun "
                                       f"{existing.user_id} ({existing.registration})")

    def reset_password(self, user_id: str) -> NewPassword:
        password = new_password(self.length)
        with self.sessions.begin() as session:
            row = self._get(session, user_id)
            row.password_hash = hash_password(password)
            row.must_change_password = True
            row.password_expires_at = self.clock() + timedelta(days=self.valid_days)
        return NewPassword(user_id, password)

    def activate(self, user_id: str) -> AccountView:
        """Training confirmed: the account may be used."""
        with self.sessions.begin() as session:
            row = self._get(session, user_id)
            if not row.active:
                row.active, row.activated_at = True, self.clock()
            return _view(row)

    def check_login(self, user_id: str, password: str) -> bool:
        """For tests and a future login page: active, not expired, and the password matches."""
        with self.sessions() as session:
            row = session.scalar(select(Account).where(Account.user_id == user_id))
            return (row is not None and row.active and self.clock() < row.password_expires_at
                    and verify_password(password, row.password_hash))

    @staticmethod
    def _get(session: Session, user_id: str) -> Account:
        row = session.scalar(select(Account).where(Account.user_id == user_id))
        if row is None:
            raise AccountError(f"tidak ada akun {user_id}")
        return row
