"""A private Dovecot for the tests: loopback only, plain IMAP (with STARTTLS) and IMAPS with a
self-signed certificate made here, passwd-file users, maildirs in a temporary folder.

Use the session fixture `dovecot` (import it into a test module) and `dovecot.new_user()` for an
empty mailbox per test; deliver with `dovecot.deliver(user, eml)` (IMAP APPEND, as a mail server
would put it in the INBOX).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "rahasia-uji"
USERS = 400
_CONF = """\
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
ssl_dh = </usr/share/dovecot/dh.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{d}/mail/%u
mail_uid = dovecot
mail_gid = dovecot
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {d}/users
  default_fields = uid=dovecot gid=dovecot home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {plain}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls}
    ssl = yes
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _greeting(port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if sock.recv(200).startswith(b"* OK"):
                    return True
        except OSError:
            time.sleep(0.05)
    return False


@dataclass
class Dovecot:
    root: Path
    plain_port: int
    tls_port: int
    ca_file: Path
    process: subprocess.Popen
    _users = itertools.count(1)

    def new_user(self) -> str:
        """A user with an empty mailbox (all are written before start: Dovecot reads its
        passwd-file by mtime, and two changes in one second can go unnoticed)."""
        number = next(self._users)
        if number > USERS:
            raise RuntimeError("out of test users; raise USERS")
        return f"lpse{number}"

    def env(self, user: str, security: str = "none") -> dict[str, str]:
        """BERKAS_IMAP_* for this server and user."""
        port = self.tls_port if security == "ssl" else self.plain_port
        return {"BERKAS_IMAP_HOST": "127.0.0.1", "BERKAS_IMAP_PORT": str(port),
                "BERKAS_IMAP_USER": user, "BERKAS_IMAP_PASSWORD": PASSWORD,
                "BERKAS_IMAP_SECURITY": security, "BERKAS_IMAP_CA_FILE": str(self.ca_file)}

    def box(self, user: str):
        from imap_tools import MailBoxUnencrypted

        return MailBoxUnencrypted("127.0.0.1", self.plain_port).login(user, PASSWORD)

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
        """Stop and wait until it has exited, with its clients' sessions: Dovecot's master
        leaves running imap processes (and their connections) behind, so they are ended too,
        as a real server restart would end them."""
        who = subprocess.run(["doveadm", "-c", str(self.root / "dovecot.conf"), "who", "-1"],
                             capture_output=True, text=True)
        sessions = [int(line.split()[2]) for line in who.stdout.splitlines()[1:]
                    if len(line.split()) >= 3 and line.split()[2].isdigit()]
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for pid in sessions:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # it says BYE to its client and exits

    def start_again(self) -> None:
        """Start the stopped server on the same ports, with the same mail."""
        self.process = _launch(self.root, self.plain_port, self.tls_port)


def _raw(box, uid: str) -> bytes:
    status, data = box.client.uid("FETCH", uid, "(BODY.PEEK[])")
    return next(item[1] for item in data if isinstance(item, tuple))


def _certificate(root: Path) -> Path:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem"),
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True)
    return root / "cert.pem"


def start_dovecot(extra_conf: str = "") -> Dovecot:
    """A new private server; `extra_conf` is appended to its configuration."""
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not os.path.exists(binary):
        pytest.skip("dovecot is not installed (scripts/system-packages.sh installs it)")
    root = Path(tempfile.mkdtemp(prefix="berkas-dovecot-", dir="/tmp"))
    root.chmod(0o755)  # the dovecot and dovenull users must reach the maildirs and certificate
    (root / "mail").mkdir()
    shutil.chown(root / "mail", "dovecot", "dovecot")
    (root / "users").write_text("".join(f"lpse{n}:{{PLAIN}}{PASSWORD}::::::\n"
                                        for n in range(1, USERS + 1)))
    ca = _certificate(root)
    plain, tls = free_port(), free_port()
    (root / "dovecot.conf").write_text(_CONF.format(d=root, plain=plain, tls=tls) + extra_conf)
    return Dovecot(root, plain, tls, ca, _launch(root, plain, tls))


def _launch(root: Path, plain: int, tls: int) -> subprocess.Popen:
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    process = subprocess.Popen([binary, "-F", "-c", str(root / "dovecot.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if not _greeting(plain, 15) or not _greeting(tls, 1) and process.poll() is not None:
        process.kill()
        log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
        raise RuntimeError(f"dovecot did not start: {process.stderr.read()!r} {log}")
    return process


@pytest.fixture(scope="session")
def dovecot():
    server = start_dovecot()
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)
