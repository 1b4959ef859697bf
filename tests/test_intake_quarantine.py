"""A message whose filing keeps failing, against a real Dovecot: it stays in the inbox and is
tried again on the next pass; after BERKAS_INTAKE_MAX_ATTEMPTS it is quarantined (original bytes
and reason in the refused area of the archive, the message in the staff folder, event
`karantina`, flagged for staff) while the other mail of the same batch is filed normally."""

from __future__ import annotations

import hashlib
from email import message_from_bytes

from sqlalchemy import select

from berkas.cli.service import status_rows
from berkas.intake.faults import FAIL_ENV
from berkas.intake.quarantine import items_for_staff
from berkas.intake.service import Service
from berkas.store.models import Event, IntakeItem
from tests.dovecot import dovecot  # noqa: F401  (session fixture)
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import berkas_email
from tests.intake_env import intake_settings, manifest_files

PROCESSED, STAFF = "Berkas-Diproses", "Untuk-Staf"


def _message_id(eml: bytes) -> str:
    return message_from_bytes(eml)["Message-ID"].strip()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_failing_message_is_retried_then_quarantined(tmp_path, dovecot, monkeypatch):  # noqa: F811
    good = berkas_email(make_berkas(61), "pdf_each").eml
    # fails after it was given its application (its first archive write), and one that
    # fails before anything of it is filed
    late, early = berkas_email(make_berkas(62), "one_pdf").eml, \
        berkas_email(make_berkas(63), "pdf_each").eml
    monkeypatch.setenv(FAIL_ENV, f"after_archive_write@{_message_id(late)},"
                                 f"before_filing@{_message_id(early)}")
    user = dovecot.new_user()
    dovecot.deliver(user, good, late, early)
    service = Service(intake_settings(tmp_path, dovecot.env(user), intake_max_attempts=2))

    first = service.poll_once()
    assert sorted(o.disposition for o in first) == ["failed", "failed", "new"]
    assert dovecot.folder_bytes(user, PROCESSED) == [good]  # the batch was not held back
    assert sorted(dovecot.folder_bytes(user, "INBOX")) == sorted([late, early])
    with service.sessions() as s:
        waiting = {i.sha256: i for i in s.scalars(select(IntakeItem).where(
            IntakeItem.status != "done"))}
    assert {sha: (i.attempts, i.needs_attention) for sha, i in waiting.items()} == {
        _sha(late): (1, False), _sha(early): (1, False)}
    assert "InjectedFailure" in waiting[_sha(late)].last_error

    second = service.poll_once()
    assert sorted(o.disposition for o in second) == ["quarantined", "quarantined"]
    assert dovecot.folder_bytes(user, "INBOX") == []
    assert sorted(dovecot.folder_bytes(user, STAFF)) == sorted([late, early])
    assert dovecot.folder_bytes(user, PROCESSED) == [good]

    entries = manifest_files(tmp_path / "archive")
    refused = [e for e in entries if "/ditolak/" in f"/{e['folder']}/"]
    kept = {e["sha256"] for e in refused if e["role"] == "ditolak"}
    assert kept == {_sha(late), _sha(early)}  # the originals, byte for byte
    for entry in refused:
        path = tmp_path / "archive" / entry["folder"] / entry["path"]
        assert _sha(path.read_bytes()) == entry["sha256"]
        if entry["role"] == "alasan":
            assert "2 kali percobaan" in path.read_text() and "InjectedFailure" in path.read_text()
    assert [e["sha256"] for e in entries if e["role"] == "surel"].count(_sha(good)) == 1

    staff = items_for_staff(service.sessions)
    assert [(i["disposition"], i["attempts"]) for i in staff] == [("quarantined", 2)] * 2
    assert all(i["archive"] and "/ditolak/" in i["archive"] and i["reason"] for i in staff)
    late_app = next(i["registration"] for i in staff if i["registration"])
    assert [i["registration"] for i in staff].count(None) == 1  # the early one has none
    [row] = status_rows(late_app, settings=service.settings)
    assert row["needs_attention"] is True
    assert "karantina" in [e["kind"] for e in row["events"]]
    with service.sessions() as s:
        events = s.scalars(select(Event).where(Event.kind == "karantina")).all()
    assert len(events) == 2 and all(e.at.utcoffset().total_seconds() == 8 * 3600
                                    for e in events)
    assert not list((tmp_path / "data" / "surel-masuk").glob("*.eml"))  # spool emptied

    monkeypatch.delenv(FAIL_ENV)
    assert service.poll_once() == []  # nothing taken again
    assert len(manifest_files(tmp_path / "archive")) == len(entries)


def test_one_attempt_quarantines_at_once(tmp_path, dovecot, monkeypatch):  # noqa: F811
    eml = berkas_email(make_berkas(64), "pdf_each").eml
    monkeypatch.setenv(FAIL_ENV, "before_filing")
    user = dovecot.new_user()
    dovecot.deliver(user, eml)
    service = Service(intake_settings(tmp_path, dovecot.env(user),
                                      intake_max_attempts=1))
    assert [o.disposition for o in service.poll_once()] == ["quarantined"]
    assert dovecot.folder_bytes(user, STAFF) == [eml]
    assert status_rows(settings=service.settings) == []  # no application was opened
