"""A server without MOVE (Dovecot told not to offer it): messages leave the inbox by COPY, then
\\Deleted and UID EXPUNGE. A crash between the copy and the delete must not leave the message
twice in the processed folder, nor archive it twice."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.dovecot import start_dovecot
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import berkas_email, message
from tests.intake_env import env_for, manifest_files

ROOT = Path(__file__).resolve().parents[1]
BERKAS = [str(ROOT / ".venv" / "bin" / "berkas"), "poll", "--once"]
PROCESSED, STAFF = "Berkas-Diproses", "Untuk-Staf"
# Dovecot 2.3's own list, without MOVE
WITHOUT_MOVE = ("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY "
                "THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL "
                "CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE "
                "QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY "
                "LITERAL+ NOTIFY")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def no_move_dovecot():
    server = start_dovecot(f"imap_capability = {WITHOUT_MOVE}\n")
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.mark.parametrize("crash", [None, "after_copy:1", "after_copy:2", "after_move:1"])
def test_without_move_every_message_is_filed_once(tmp_path, no_move_dovecot, crash):
    server = no_move_dovecot
    application = berkas_email(make_berkas(51), "pdf_each").eml
    auto = message(subject="Out of Office: Permohonan", sender="kepala@dinas.go.id",
                   text="Saya sedang dinas luar.")
    auto = auto.replace(b"Subject:", b"Auto-Submitted: auto-replied\r\nSubject:", 1)
    user = server.new_user()
    server.deliver(user, application, auto)
    with server.box(user) as box:
        capabilities = box.client.capability()[1][-1].split()
    assert b"MOVE" not in capabilities and b"UIDPLUS" in capabilities

    env = dict(os.environ, OMP_THREAD_LIMIT="1", **env_for(tmp_path, server.env(user)))
    env.pop("BERKAS_CRASH_AT", None)
    if crash:
        crashed = subprocess.run(BERKAS, env=env | {"BERKAS_CRASH_AT": crash},
                                 capture_output=True, text=True, timeout=180)
        assert crashed.returncode == -signal.SIGKILL, crashed.stderr
        if crash.startswith("after_copy"):  # copied, not yet deleted: it is in both folders
            assert sum(len(server.folder_bytes(user, f)) for f in ("INBOX", PROCESSED, STAFF)) \
                == 3
    done = subprocess.run(BERKAS, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr

    assert server.folder_bytes(user, "INBOX") == []
    assert server.folder_bytes(user, PROCESSED) == [application]
    assert server.folder_bytes(user, STAFF) == [auto]
    surel = Counter(e["sha256"] for e in manifest_files(tmp_path / "archive")
                    if e["role"] == "surel")
    assert surel == Counter({hashlib.sha256(application).hexdigest(): 1})
    with sqlite3.connect(tmp_path / "data" / "berkas.db") as con:
        assert con.execute("select count(*) from applications").fetchone()[0] == 1
        assert sorted(con.execute("select status, disposition from intake_items")) == [
            ("done", "new"), ("done", "other")]
