"""A real UIDVALIDITY change on a real Dovecot: the server is stopped, the inbox's UID list and
indexes are deleted (as a restore from backup or a mailbox rebuild would do), and it starts with
a new UIDVALIDITY; every message in the inbox now has a new UID. Messages already taken (one
filed and moved, put back into the inbox; one filed but not yet moved; one relayed again with
the same Message-ID but other bytes) are not taken twice; new messages are taken."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter

import pytest
from sqlalchemy import select

from berkas.intake.faults import FAIL_ENV, InjectedFailure
from berkas.intake.service import Service
from berkas.store.models import Application, IntakeItem
from tests.dovecot import start_dovecot
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import berkas_email
from tests.intake_env import intake_settings, manifest_files

PROCESSED = "Berkas-Diproses"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def own_dovecot():
    server = start_dovecot()
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _uidvalidity(server, user: str) -> int:
    with server.box(user) as box:
        return int(box.folder.status("INBOX", ["UIDVALIDITY"])["UIDVALIDITY"])


def test_uidvalidity_change_takes_nothing_twice(tmp_path, own_dovecot, monkeypatch):
    server = own_dovecot
    taken, unmoved, fresh = (berkas_email(make_berkas(seed), "pdf_each").eml
                             for seed in (81, 82, 83))
    user = server.new_user()
    service = Service(intake_settings(tmp_path, server.env(user)))
    server.deliver(user, taken)
    assert [o.disposition for o in service.poll_once()] == ["new"]
    server.deliver(user, unmoved)
    monkeypatch.setenv(FAIL_ENV, "before_move")  # filed, then the move fails
    with pytest.raises(InjectedFailure):
        service.poll_once()
    monkeypatch.delenv(FAIL_ENV)
    assert server.folder_bytes(user, "INBOX") == [unmoved]
    before = _uidvalidity(server, user)

    server.stop()
    maildir = server.server.maildir / user
    put_back = [m for sub in ("new", "cur") if (maildir / f".{PROCESSED}" / sub).is_dir()
                for m in (maildir / f".{PROCESSED}" / sub).iterdir()]
    assert len(put_back) == 1
    for message in put_back:  # taken, and put back into the inbox
        message.rename(maildir / message.parent.name / message.name)
    for state in [*maildir.glob("dovecot-uidlist*"), *maildir.glob("dovecot-uidvalidity*"),
                  *maildir.glob("dovecot.index*")]:
        state.unlink()
    server.start_again()
    assert _uidvalidity(server, user) != before
    relayed = b"Received: from relay.example by mx.example; Tue, 20 Oct 2026 09:00:00 +0800\r\n" \
        + taken  # the same Message-ID, other bytes
    server.deliver(user, fresh, relayed)
    assert sorted(server.folder_bytes(user, "INBOX")) == sorted([taken, unmoved, fresh, relayed])

    outcomes = service.poll_once()
    assert sorted(o.disposition for o in outcomes) == ["duplicate", "duplicate", "new",
                                                       "resumed"]
    assert service.poll_once() == []
    assert server.folder_bytes(user, "INBOX") == []
    assert sorted(server.folder_bytes(user, PROCESSED)) == sorted(
        [taken, unmoved, fresh, relayed])
    surel = Counter(e["sha256"] for e in manifest_files(tmp_path / "archive")
                    if e["role"] == "surel")
    assert surel == Counter({_sha(taken): 1, _sha(unmoved): 1, _sha(fresh): 1})
    with service.sessions() as s:
        assert len(s.scalars(select(Application)).all()) == 3
        items = s.execute(select(IntakeItem.sha256, IntakeItem.disposition,
                                 IntakeItem.uidvalidity, IntakeItem.status)).all()
    after = _uidvalidity(server, user)
    assert all(status == "done" for *_, status in items)
    assert sorted((d, v == after) for sha, d, v, _ in items if sha != _sha(taken)) == [
        ("duplicate", True), ("new", True), ("new", True)]  # the unmoved one carried on
