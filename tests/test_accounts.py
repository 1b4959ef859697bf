"""The embedded account registry: user ids, one account per person, passwords that are never
stored, and accounts that stay inactive until training."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from berkas.accounts import (
    DIGITS,
    LOWER,
    SYMBOLS,
    UPPER,
    AccountError,
    AccountRequest,
    DuplicateAccount,
    EmbeddedRegistry,
    first_name,
    new_password,
    verify_password,
)
from berkas.store.database import open_database
from tests.outbox_env import Clock

BUDI = AccountRequest(nip="198503122010011004", nama="Budi Santoso, S.T.",
                      email="budi.santoso@pu.kukarkab.go.id", registration="REG-2026-00042",
                      instansi="Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "berkas.db"


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def registry(db_path, clock):
    return EmbeddedRegistry(open_database(f"sqlite:///{db_path}"), clock=clock)


def test_password_policy():
    look_alikes = set("0Oo1lIi5Ss2Zz8B \"'`")
    for _ in range(200):
        password = new_password(14)
        assert len(password) == 14
        assert not look_alikes & set(password)
        for cls in (LOWER, UPPER, DIGITS, SYMBOLS):
            assert any(c in cls for c in password)
    assert len({new_password(14) for _ in range(50)}) == 50
    with pytest.raises(ValueError):
        new_password(8)


def test_new_account_is_inactive_and_only_its_hash_is_stored(registry, db_path, clock):
    account, secret = registry.create(BUDI)
    assert account.user_id == "198503122010011004" == secret.user_id
    assert (account.active, account.must_change_password) == (False, True)
    assert account.password_expires_at == clock() + timedelta(days=7)
    assert secret.password not in repr(secret)

    with create_engine(f"sqlite:///{db_path}").connect() as connection:
        [stored] = connection.execute(text("SELECT password_hash FROM accounts")).scalars()
    assert stored.startswith("scrypt$16384$8$1$") and secret.password not in stored
    assert verify_password(secret.password, stored)
    assert not verify_password(secret.password + "x", stored)
    for stored_file in db_path.parent.glob("berkas.db*"):  # the database and its WAL
        assert secret.password.encode() not in stored_file.read_bytes()

    assert not registry.check_login(account.user_id, secret.password)  # before training
    registry.activate(account.user_id)
    assert registry.check_login(account.user_id, secret.password)
    clock.advance(7 * 86400)
    assert not registry.check_login(account.user_id, secret.password)  # expired


def test_second_account_for_the_same_nip_or_user_id_is_refused(db_path, clock):
    sessions = open_database(f"sqlite:///{db_path}")
    registry = EmbeddedRegistry(sessions, user_id_pattern="{nama}", clock=clock)
    registry.create(BUDI)
    again = AccountRequest(**{**BUDI.__dict__, "registration": "REG-2026-00077"})
    with pytest.raises(DuplicateAccount) as refused:
        registry.create(again)
    assert refused.value.existing.registration == "REG-2026-00042"
    assert "NIP 198503122010011004" in str(refused.value)
    namesake = AccountRequest(nip="199001012015031002", nama="Budi Hartono",
                              email="budi.h@kaltimprov.go.id", registration="REG-2026-00078")
    with pytest.raises(DuplicateAccount, match="user id budi"):
        registry.create(namesake)


def test_reset_gives_a_new_password_and_the_old_one_stops_working(registry):
    account, first = registry.create(BUDI)
    registry.activate(account.user_id)
    second = registry.reset_password(account.user_id)
    assert second.password != first.password
    assert registry.check_login(account.user_id, second.password)
    assert not registry.check_login(account.user_id, first.password)
    with pytest.raises(AccountError):
        registry.reset_password("tidak-ada")


def test_user_id_convention_from_the_name():
    assert first_name("Budi Santoso, S.T.") == "budi"
    assert first_name("Dr. Ir. Hj. Siti Aminah, M.Si.") == "siti"
    assert first_name("Ñoman Ärdi") == "noman"
