"""The private Dovecot of the tests (berkas/demo_mail.py, the same server `make run` starts as its
demo mailbox): loopback only, plain IMAP (with STARTTLS) and IMAPS with a self-signed certificate
made here, passwd-file users, maildirs in a temporary folder.

Use the session fixture `dovecot` (import it into a test module) and `dovecot.new_user()` for an
empty mailbox per test; deliver with `dovecot.deliver(user, eml)` (IMAP APPEND, as a mail server
would put it in the INBOX).
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from berkas.runtime.demo_mail import DemoMailbox, DemoMailError, free_port, start_demo_mailbox

__all__ = ["PASSWORD", "Dovecot", "dovecot", "free_port", "start_dovecot"]

PASSWORD = "rahasia-uji"
USERS = 400


@dataclass
class Dovecot:
    server: DemoMailbox
    _users: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def root(self) -> Path:
        return self.server.root

    @property
    def plain_port(self) -> int:
        return self.server.port

    @property
    def tls_port(self) -> int:
        assert self.server.tls_port is not None
        return self.server.tls_port

    @property
    def ca_file(self) -> Path:
        assert self.server.ca_file is not None
        return self.server.ca_file

    @property
    def process(self):
        return self.server.process

    def new_user(self) -> str:
        """A user with an empty mailbox (all are written before start: Dovecot reads its
        passwd-file by mtime, and two changes in one second can go unnoticed)."""
        number = next(self._users)
        if number > USERS:
            raise RuntimeError("out of test users; raise USERS")
        return f"lpse{number}"

    def env(self, user: str, security: str = "none") -> dict[str, str]:
        """BERKAS_IMAP_* for this server and user."""
        return self.server.env(user, security)

    def box(self, user: str):
        return self.server.login(user)

    def deliver(self, user: str, *messages: bytes) -> None:
        with self.box(user) as box:
            for eml in messages:
                box.append(eml, "INBOX")

    def folder_bytes(self, user: str, folder: str) -> list[bytes]:
        """The raw messages in a folder (an absent folder is empty)."""
        with self.box(user) as box:
            if not box.folder.exists(folder):
                return []
            box.folder.set(folder)
            return [_raw(box, uid) for uid in box.uids()]

    def stop(self) -> None:
        """Stop and wait until it has exited, with its clients' sessions."""
        self.server.stop()

    def start_again(self) -> None:
        """Start the stopped server on the same ports, with the same mail."""
        self.server.start_again()


def _raw(box, uid: str) -> bytes:
    status, data = box.client.uid("FETCH", uid, "(BODY.PEEK[])")
    return next(item[1] for item in data if isinstance(item, tuple))


def start_dovecot(extra_conf: str = "") -> Dovecot:
    """A new private server; `extra_conf` is appended to its configuration."""
    if not (shutil.which("dovecot") or Path("/usr/sbin/dovecot").exists()):
        pytest.skip("dovecot is not installed (scripts/system-packages.sh installs it)")
    root = Path(tempfile.mkdtemp(prefix="berkas-dovecot-", dir="/tmp"))
    users = {f"lpse{n}": PASSWORD for n in range(1, USERS + 1)}
    try:
        return Dovecot(start_demo_mailbox(root, tls=True, users=users, extra_conf=extra_conf))
    except DemoMailError:
        shutil.rmtree(root, ignore_errors=True)
        raise


@pytest.fixture(scope="session")
def dovecot():
    server = start_dovecot()
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)
