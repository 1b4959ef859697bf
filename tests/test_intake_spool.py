"""Spool hygiene: the spool (`<data>/surel-masuk/`) keeps each message's bytes only until its item
is done. A copy a crash left between the done commit and its deletion is deleted on the next
start; a copy no item records is kept (and logged); a copy whose item is not done is never
deleted. Real Dovecot, real SIGKILL."""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from berkas.intake.faults import FAIL_ENV
from berkas.intake.service import Service
from berkas.intake.spool import SPOOL
from berkas.store.models import IntakeItem
from tests.dovecot import dovecot  # noqa: F401  (session fixture)
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import berkas_email
from tests.intake_env import env_for, intake_settings

ROOT = Path(__file__).resolve().parents[1]
BERKAS = [str(ROOT / ".venv" / "bin" / "berkas"), "poll", "--once"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _env(root: Path, dovecot, user: str) -> dict[str, str]:  # noqa: F811
    env = dict(os.environ, OMP_THREAD_LIMIT="1", **env_for(root, dovecot.env(user)))
    for name in ("BERKAS_CRASH_AT", "BERKAS_CRASH_TRACE", FAIL_ENV):
        env.pop(name, None)
    return env


def test_spool_copies_are_deleted_only_when_their_item_is_done(
        tmp_path, dovecot, monkeypatch, caplog):  # noqa: F811
    eml = berkas_email(make_berkas(71), "pdf_each").eml
    # the last commit of a pass marks the message done; find it on a twin run
    twin_user = dovecot.new_user()
    dovecot.deliver(twin_user, eml)
    trace = tmp_path / "trace.txt"
    twin = subprocess.run(BERKAS, env=_env(tmp_path / "twin", dovecot, twin_user)
                          | {"BERKAS_CRASH_TRACE": str(trace)}, capture_output=True, text=True,
                          timeout=180)
    assert twin.returncode == 0, twin.stderr
    done_commit = Counter(trace.read_text().split())["after_db_commit"]

    user = dovecot.new_user()
    dovecot.deliver(user, eml)
    root = tmp_path / "crashed"
    crashed = subprocess.run(BERKAS, env=_env(root, dovecot, user)
                             | {"BERKAS_CRASH_AT": f"after_db_commit:{done_commit}"},
                             capture_output=True, text=True, timeout=180)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    spool = root / "data" / SPOOL
    leftover = spool / f"{_sha(eml)}.eml"
    assert leftover.read_bytes() == eml  # done, but its copy was not deleted yet

    stray = b"Subject: tidak tercatat\r\n\r\nsalinan tanpa catatan\r\n"
    (spool / f"{_sha(stray)}.eml").write_bytes(stray)  # no item records it
    waiting = berkas_email(make_berkas(72), "pdf_each").eml
    dovecot.deliver(user, waiting)
    monkeypatch.setenv(FAIL_ENV, "before_filing")  # its filing fails: it stays not done

    service = Service(intake_settings(root, dovecot.env(user)))
    with caplog.at_level(logging.WARNING, logger="berkas.intake"):
        outcomes = service.poll_once()
    assert [o.disposition for o in outcomes] == ["failed"]
    assert not leftover.exists()  # its item is done: deleted on start
    assert (spool / f"{_sha(stray)}.eml").read_bytes() == stray  # kept
    assert any(_sha(stray) in r.getMessage() for r in caplog.records)
    assert (spool / f"{_sha(waiting)}.eml").read_bytes() == waiting  # its item waits
    with service.sessions() as s:
        statuses = dict(s.execute(select(IntakeItem.sha256, IntakeItem.status)).all())
    assert statuses == {_sha(eml): "done", _sha(waiting): "stored"}

    assert service.intake.reconcile_spool() == {"deleted": 0, "unrecorded": 1, "waiting": 1}
    monkeypatch.delenv(FAIL_ENV)
    assert [o.disposition for o in service.poll_once()] == ["new"]
    assert sorted(p.name for p in spool.iterdir()) == [f"{_sha(stray)}.eml"]
