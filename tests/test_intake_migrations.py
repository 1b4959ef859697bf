"""The schema is migrated, not hand-patched: every migration goes down to an empty database and
up again to head, on SQLite (the default) and on a real PostgreSQL 15."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from berkas.store.database import MIGRATIONS, make_engine, open_database
from berkas.store.models import Base
from tests.postgres import postgres  # noqa: F401  (session fixture)


def _config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _head() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def _version(engine) -> list[str]:
    with engine.connect() as con:
        return [row[0] for row in con.execute(text("select version_num from alembic_version"))]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'berkas.db'}"
    return request.getfixturevalue("postgres").new_database()


def test_migrations_go_down_to_base_and_up_to_head(database_url):
    open_database(database_url)  # an empty database, migrated to head on open
    engine = make_engine(database_url)
    assert _version(engine) == [_head()] == ["0007_staff"]
    assert _tables(engine) == set(Base.metadata.tables)
    columns = {c["name"] for c in inspect(engine).get_columns("intake_items")}
    assert {"attempts", "last_error", "needs_attention"} <= columns

    with engine.begin() as connection:
        command.downgrade(_config(connection), "base")
    inspector = inspect(engine)
    assert _tables(engine) == set() and _version(engine) == []
    del inspector

    with engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    assert _version(engine) == [_head()]
    assert _tables(engine) == set(Base.metadata.tables)
    engine.dispose()
