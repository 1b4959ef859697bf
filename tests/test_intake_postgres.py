"""Intake on a real PostgreSQL 15 (BERKAS_DATABASE_URL): an empty database is migrated to head
on open, and a short intake run (the scan folder, two berkas) records its applications and
their history with WITA times."""

from __future__ import annotations

import os
import time

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from berkas.cli.service import status_rows
from berkas.intake.service import Service
from berkas.store.database import MIGRATIONS, make_engine, open_database
from berkas.store.models import Application, Base, Event
from tests.fixturegen.content import make_berkas
from tests.fixturegen.render import to_pdf
from tests.intake_env import intake_settings, manifest_files
from tests.postgres import postgres  # noqa: F401  (session fixture)


def test_open_database_migrates_an_empty_postgresql_to_head(postgres):  # noqa: F811
    url = postgres.new_database()
    open_database(url)
    engine = make_engine(url)
    assert engine.dialect.name == "postgresql"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as con:
        version = con.execute(text("select version_num from alembic_version")).scalar_one()
    assert version == ScriptDirectory.from_config(config).get_current_head()
    assert set(inspect(engine).get_table_names()) - {"alembic_version"} == \
        set(Base.metadata.tables)
    open_database(url)  # a second start finds it at head and changes nothing
    engine.dispose()


def test_scan_intake_on_postgresql(tmp_path, postgres):  # noqa: F811
    url = postgres.new_database()
    inbox = tmp_path / "inbox"
    people = [make_berkas(91), make_berkas(92)]
    for b in people:
        folder = inbox / f"Berkas {b.person.bare_name}"
        folder.mkdir(parents=True)
        for number, document in enumerate(b.documents):
            (folder / f"{number}-{document.doc_type}.pdf").write_bytes(
                to_pdf([document], b.font))
    old = time.time() - 60
    for path in inbox.rglob("*"):
        os.utime(path, (old, old))
    settings = intake_settings(tmp_path, database_url=url, scan_stable_seconds=0.2)
    service = Service(settings)

    outcomes = service.poll_once()
    assert sorted(o.disposition for o in outcomes) == ["new", "new"]
    assert service.poll_once(max_wait=0) == []

    rows = status_rows(settings=settings)
    assert sorted(r["nip"] for r in rows) == sorted(b.person.nip for b in people)
    for row in rows:
        [detail] = status_rows(row["registration"], settings=settings)
        assert detail["events"] and all(e["at"].endswith("+08:00") for e in detail["events"])
        assert {"permohonan_dibuat", "berkas_diarsipkan", "diperiksa"} <= \
            {e["kind"] for e in detail["events"]}
    with service.sessions() as s:
        assert s.get_bind().dialect.name == "postgresql"
        assert len(s.scalars(select(Application)).all()) == 2
        stored = s.execute(text("select at from events order by id limit 1")).scalar_one()
        first = s.scalars(select(Event).order_by(Event.id)).first()
    assert stored.utcoffset() is not None  # timestamptz: the instant is kept with its zone
    assert first is not None and first.at.utcoffset().total_seconds() == 8 * 3600
    assert first.at == stored
    pindaian = [e for e in manifest_files(tmp_path / "archive") if e["role"] == "pindaian"]
    assert len(pindaian) == sum(len(b.documents) for b in people)
