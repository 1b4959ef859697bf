"""`berkas run` outlives its mail server: Dovecot is stopped under the live mail loop and started
again; mail delivered before and after is archived, none lost, none taken twice. Each test has
its own Dovecot (the session one is shared and must stay up)."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from berkas.cli.service import status_rows
from berkas.intake.service import Service
from berkas.store.models import IntakeItem
from tests.dovecot import start_dovecot
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import berkas_email
from tests.hostile import record
from tests.intake_env import intake_settings, manifest_files

PROCESSED = "Berkas-Diproses"
pytestmark = pytest.mark.slow


@pytest.fixture
def own_dovecot():
    server = start_dovecot()
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


def _wait_done(service: Service, count: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with service.sessions() as s:
            if s.scalar(select(func.count(IntakeItem.id)).where(
                    IntakeItem.status == "done")) == count:
                return True
        time.sleep(0.1)
    return False


def test_mail_loop_reconnects_after_the_server_restarts(tmp_path, own_dovecot, caplog):
    before = berkas_email(make_berkas(41), "pdf_each").eml
    after = berkas_email(make_berkas(42), "pdf_each").eml
    user = own_dovecot.new_user()
    service = Service(intake_settings(tmp_path, own_dovecot.env(user),
                                      imap_backoff_max_seconds=2.0, imap_timeout_seconds=5.0))
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=(stop,))
    caplog.set_level(logging.INFO, logger="berkas.service")
    runner.start()
    try:
        own_dovecot.deliver(user, before)
        assert _wait_done(service, 1, 20), "the first message was not taken"
        own_dovecot.stop()  # the loop is idling on the server that now goes away
        time.sleep(3.0)  # reconnect attempts fail meanwhile
        own_dovecot.start_again()
        own_dovecot.deliver(user, after)
        assert _wait_done(service, 2, 30), "mail delivered after the restart was not taken"
    finally:
        stop.set()
        runner.join(timeout=30)
    assert not runner.is_alive()

    connected = [r for r in caplog.records if r.getMessage().startswith("mailbox connected")]
    failed = [r for r in caplog.records if "reconnecting" in r.getMessage()]
    assert len(connected) >= 2 and failed  # it really lost the server and came back

    assert own_dovecot.folder_bytes(user, "INBOX") == []
    assert sorted(own_dovecot.folder_bytes(user, PROCESSED)) == sorted([before, after])
    surel = Counter(e["sha256"] for e in manifest_files(tmp_path / "archive")
                    if e["role"] == "surel")
    assert sorted(surel.values()) == [1, 1] and len(surel) == 2
    rows = status_rows(settings=service.settings)
    assert len(rows) == 2 and all(r["state"] == "lengkap" for r in rows)
    record("fault:IMAP server stopped and restarted under berkas run")
