"""The database: SQLite in WAL mode by default (`synchronous=FULL`: a commit is on disk when it
returns), or PostgreSQL through `BERKAS_DATABASE_URL`. The schema is created and changed only by
the Alembic migrations in `berkas/store/migrations/`, run by `open_database` on start."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from berkas.core import clock

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _migration_engine(url: str) -> Engine:
    """pysqlite runs DDL outside any transaction, so a process killed during the first
    migration left tables without `alembic_version` (and the database unusable for good).
    The migrations get an engine whose BEGIN SQLite sees: they commit whole or not at all.
    (Only them: every other transaction keeps pysqlite's usual deferred start.)"""
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _no_implicit_transactions)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _no_implicit_transactions(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None


def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(url: str, zone: str = "Asia/Makassar") -> sessionmaker[Session]:
    clock.set_zone(zone)
    migrations = _migration_engine(url)
    migrate(migrations)
    migrations.dispose()
    return sessionmaker(make_engine(url), expire_on_commit=False)


