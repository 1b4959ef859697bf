"""Mail that works out of the box: a private Dovecot (the demo mailbox) and a local SMTP server
that keeps what is sent. `make run` starts both when no mailbox is configured; the tests use the
same Dovecot (tests/dovecot.py).

The mailbox is a non-system Dovecot instance: loopback only, its own configuration, state, log
and maildirs under `root` (passwd-file and maildirs under /tmp when Dovecot's unprivileged users
cannot reach `root`, e.g. inside a private home folder), one user (`lpse`) whose random
password is kept in `root/password` (mode 0600) and reused on the next start. With `tls=True`
it also offers STARTTLS and IMAPS with a self-signed certificate made here. Mail is put in by
IMAP APPEND, as a mail server would put it in the INBOX (no LMTP: dovecot-lmtpd is not among the
system packages). Measured: starts in ~0.1 s; stopping takes about 1 s.

The SMTP server (aiosmtpd) accepts everything on loopback, without login, and writes each message
as it was sent to `root/terkirim/<time>-<n>.eml` (0600: the account email holds a password),
atomically, with `Return-Path` and `Delivered-To` lines in front as a receiving server adds them.
Given a mailbox it can also file a copy in its "Terkirim" folder; `berkas run` does not ask for
that: the LPSE mailbox's folders must never hold an account email's password.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from berkas.core import clock
from berkas.core.files import atomic_write, fsync_dir
from berkas.core.wait import wait_until
from berkas.runtime.prefect_server import popen_tied_to_us, port_free_on

log = logging.getLogger("berkas.demo_mail")

DEMO_USER = "lpse"
SENT_FOLDER = "Terkirim"
LOOPBACK = "127.0.0.1"

_CONF = """\
base_dir = {run}
state_dir = {d}/state
log_path = {d}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = {ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{mail}/%u
mail_uid = {mail_user}
mail_gid = {mail_group}
first_valid_uid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {users}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {users}
  default_fields = uid={mail_user} gid={mail_group} home={mail}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {plain}
  }}
{imaps}}}
"""
_TLS_CONF = """\
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
ssl_dh = </usr/share/dovecot/dh.pem
"""
_IMAPS = """\
  inet_listener imaps {{
    address = 127.0.0.1
    port = {port}
    ssl = yes
  }}
"""


class DemoMailError(RuntimeError):
    """Raised with a message for the user (Indonesian)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def port_free(port: int, wait: float = 0.0) -> bool:
    """True when the port can be bound, waiting up to `wait` seconds (a server of a previous run
    may still be exiting)."""
    return wait_until(lambda: port_free_on(LOOPBACK, port), wait, interval=0.2)


def _greets(port: int) -> bool:
    try:
        with socket.create_connection((LOOPBACK, port), timeout=1) as sock:
            return sock.recv(200).startswith(b"* OK")
    except OSError:
        return False


def imap_greets(port: int, timeout: float) -> bool:
    """True once something on the port says `* OK` (an open port alone is not enough)."""
    return wait_until(lambda: _greets(port), timeout)


def _dovecot_binary() -> str:
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not os.path.exists(binary):
        raise DemoMailError("Dovecot belum terpasang (paket dovecot-imapd); jalankan "
                            "`make setup` atau `bash scripts/system-packages.sh runtime`.")
    return binary


def _identities() -> dict[str, str]:
    """Who Dovecot runs and stores mail as: as root, its own system users (it refuses to store
    mail as root); otherwise the current user for everything."""
    if os.geteuid() == 0:
        return {"mail_user": "dovecot", "mail_group": "dovecot", "login_user": "dovenull",
                "internal_user": "dovecot"}
    me = pwd.getpwuid(os.geteuid()).pw_name
    return {"mail_user": me, "mail_group": me, "login_user": me, "internal_user": me}


def _reachable_by(user: str, path: Path) -> bool:
    if os.geteuid() != 0:
        return True
    probe = subprocess.run(["test", "-x", str(path)], user=user, capture_output=True)
    return probe.returncode == 0


def _private_area(root: Path, user: str) -> Path:
    """Where Dovecot's own users read the passwd-file and keep the maildirs: `root/dovecot`, or,
    when they cannot reach it (a data directory inside a private home folder), a folder of its
    own under /tmp named after `root`."""
    area = root / "dovecot"
    if _reachable_by(user, area):
        return area
    digest = hashlib.sha1(str(root).encode()).hexdigest()[:12]
    fallback = Path(tempfile.gettempdir()) / f"berkas-demo-mail-{digest}"
    fallback.mkdir(mode=0o750, exist_ok=True)
    fallback.chmod(0o750)
    shutil.chown(fallback, "root", user)
    log.warning("Dovecot's users cannot reach %s; demo mail is kept in %s", area, fallback)
    return fallback


def _run_dir(root: Path) -> Path:
    """Dovecot's sockets: a short path (a socket path is limited to 107 bytes)."""
    digest = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"berkas-dovecot-run-{digest}"


def _certificate(directory: Path) -> Path:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
         "-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem"),
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True)
    (directory / "key.pem").chmod(0o600)
    return directory / "cert.pem"


def _password(path: Path) -> str:
    """The demo user's password: made once, kept in a 0600 file, reused."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    value = secrets.token_urlsafe(18)
    atomic_write(path, (value + "\n").encode(), mode=0o600, overwrite=False)
    return value


@dataclass
class DemoMailbox:
    root: Path
    port: int  # plain IMAP (also STARTTLS when tls)
    user: str
    password: str = field(repr=False)
    maildir: Path
    tls_port: int | None = None  # IMAPS, when tls
    ca_file: Path | None = None  # the self-signed certificate to trust, when tls
    process: subprocess.Popen | None = field(default=None, repr=False)
    host: str = LOOPBACK

    @property
    def password_file(self) -> Path:
        return self.root / "password"

    @property
    def conf(self) -> Path:
        return self.root / "dovecot" / "dovecot.conf"

    def env(self, user: str | None = None, security: str = "none") -> dict[str, str]:
        """BERKAS_IMAP_* for this mailbox (the password itself, for a test's child process)."""
        port = self.tls_port if security == "ssl" and self.tls_port else self.port
        values = {"BERKAS_IMAP_HOST": self.host, "BERKAS_IMAP_PORT": str(port),
                  "BERKAS_IMAP_USER": user or self.user, "BERKAS_IMAP_PASSWORD": self.password,
                  "BERKAS_IMAP_SECURITY": security}
        if self.ca_file is not None:
            values["BERKAS_IMAP_CA_FILE"] = str(self.ca_file)
        return values

    def login(self, user: str | None = None):
        from imap_tools import MailBoxUnencrypted

        return MailBoxUnencrypted(self.host, self.port).login(user or self.user, self.password)

    def deliver(self, raw: bytes, folder: str = "INBOX", user: str | None = None) -> None:
        """Put one message in a folder (created if missing) by IMAP APPEND."""
        with self.login(user) as box:
            if folder != "INBOX" and not box.folder.exists(folder):
                box.folder.create(folder)
            box.append(raw, folder)

    def start_again(self) -> None:
        """Start the stopped server again on the same ports, with the same mail."""
        self.process = _launch(self.root, self.port, self.tls_port)

    def stop(self) -> None:
        """Stop and wait until it has exited, with its clients' sessions: Dovecot's master
        leaves running imap processes (and their connections) behind, so they are ended too,
        as a real server restart would end them."""
        process, self.process = self.process, None
        if process is None:
            return
        who = subprocess.run(["doveadm", "-c", str(self.conf), "who", "-1"],
                             capture_output=True, text=True)
        sessions = [int(line.split()[2]) for line in who.stdout.splitlines()[1:]
                    if len(line.split()) >= 3 and line.split()[2].isdigit()]
        process.terminate()  # the master stops its services itself
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pid in sessions:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # it says BYE to its client and exits
        shutil.rmtree(_run_dir(self.root), ignore_errors=True)  # sockets; made again on start


def start_demo_mailbox(root: Path, port: int | None = None, *, tls: bool = False,
                       users: dict[str, str] | None = None, extra_conf: str = "",
                       tls_port: int | None = None) -> DemoMailbox:
    """A private Dovecot with its files under `root` (created), listening on loopback `port`
    (default: a free one). `users` (name -> password) replaces the single demo user; the first
    is the mailbox's `user`. `extra_conf` is appended to Dovecot's configuration."""
    binary = _dovecot_binary()
    root = root.resolve()
    conf_dir = root / "dovecot"
    conf_dir.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)  # the mail and login users must reach the maildirs and certificate
    conf_dir.chmod(0o755)
    ids = _identities()
    if users is None:
        users = {DEMO_USER: _password(root / "password")}
    port = port or free_port()
    if not port_free(port, wait=5):
        raise DemoMailError(f"Port {port} untuk kotak surel demo sudah dipakai program lain; "
                            "pilih port lain dengan BERKAS_DEMO_IMAP_PORT.")
    if tls:
        tls_port = tls_port or free_port()
        if not (conf_dir / "cert.pem").exists():
            _certificate(conf_dir)
    # all users are written before start: Dovecot reads its passwd-file by mtime, and two
    # changes in one second can go unnoticed
    area = _private_area(root, ids["internal_user"])
    users_file = area / "users"
    fd = os.open(users_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.writelines(f"{name}:{{PLAIN}}{secret}::::::\n" for name, secret in users.items())
    users_file.chmod(0o640)  # read by Dovecot's auth process, as its internal user
    if os.geteuid() == 0:
        shutil.chown(users_file, "root", ids["internal_user"])
    mail = area / "mail"
    mail.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(mail, ids["mail_user"], ids["mail_group"])
    conf = _CONF.format(d=conf_dir, users=users_file, run=_run_dir(root), mail=mail, plain=port,
                        ssl="yes" if tls else "no",
                        imaps=_IMAPS.format(port=tls_port) if tls else "", **ids)
    if tls:
        conf += _TLS_CONF.format(d=conf_dir)
    (conf_dir / "dovecot.conf").write_text(conf + extra_conf)
    user, password = next(iter(users.items()))
    return DemoMailbox(root=root, port=port, user=user, password=password, maildir=mail,
                       tls_port=tls_port if tls else None,
                       ca_file=conf_dir / "cert.pem" if tls else None,
                       process=_launch(root, port, tls_port if tls else None, binary))


def _launch(root: Path, port: int, tls_port: int | None,
            binary: str | None = None) -> subprocess.Popen:
    conf_dir = root / "dovecot"
    with open(conf_dir / "dovecot.stderr", "ab") as err:
        process = popen_tied_to_us([binary or _dovecot_binary(), "-F", "-c",
                                    str(conf_dir / "dovecot.conf")], stderr=err)
    if not imap_greets(port, 15) or (tls_port and not _tls_listens(tls_port)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        logged = ""
        for name in ("dovecot.stderr", "dovecot.log"):
            with contextlib.suppress(OSError):
                logged += (conf_dir / name).read_text(errors="replace")[-2000:]
        raise DemoMailError(f"Kotak surel demo (Dovecot) tidak dapat dijalankan:\n{logged}")
    return process


def _connects(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), 1):
        return True
    return False


def _tls_listens(port: int) -> bool:
    return wait_until(lambda: _connects(port), 2)


# --- the SMTP server that keeps what is sent --------------------------------------------------

class _Keeper:
    """aiosmtpd handler: accept every recipient, keep every message."""

    def __init__(self, folder: Path, mailbox: DemoMailbox | None) -> None:
        self.folder = folder
        self.mailbox = mailbox
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        import asyncio

        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        front = f"Return-Path: <{envelope.mail_from}>\r\n" + "".join(
            f"Delivered-To: {rcpt}\r\n" for rcpt in envelope.rcpt_tos)
        kept = front.encode("utf-8", "surrogateescape") + raw
        path = self.save(kept)
        log.info("demo SMTP kept %s for %s", path.name, ", ".join(envelope.rcpt_tos))
        if self.mailbox is not None:
            loop = asyncio.get_running_loop()
            try:
                await loop.run_in_executor(None, self.mailbox.deliver, kept, SENT_FOLDER)
            except Exception as exc:  # the .eml is kept; the copy is a convenience
                log.warning("demo SMTP: no copy in the mailbox's %s folder: %s", SENT_FOLDER, exc)
        return "250 Pesan diterima"

    def save(self, data: bytes) -> Path:
        """Write atomically under a new name that sorts in arrival order; never overwrite."""
        with self._lock:
            while True:
                stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
                target = self.folder / f"{stamp}-{next(self._seq):04d}.eml"
                try:
                    atomic_write(target, data, mode=0o600, overwrite=False)
                    break
                except FileExistsError:
                    continue
            fsync_dir(self.folder)
            return target


class DemoSmtp:
    def __init__(self, root: Path, port: int | None = None, *,
                 mailbox: DemoMailbox | None = None) -> None:
        from aiosmtpd.controller import Controller

        self.folder = root / "terkirim"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o700)
        self.host = LOOPBACK
        port = port or free_port()
        if not port_free(port, wait=5):
            raise DemoMailError(f"Port {port} untuk server SMTP demo sudah dipakai program lain; "
                                "pilih port lain dengan BERKAS_DEMO_SMTP_PORT.")
        self._controller = Controller(_Keeper(self.folder, mailbox), hostname=self.host,
                                      port=port, enable_SMTPUTF8=True,
                                      server_hostname="smtp-demo.localhost")
        self._controller.start()
        self.port = port

    def messages(self) -> list[Path]:
        """Every kept message, oldest first."""
        return sorted(self.folder.glob("*.eml"))

    def env(self) -> dict[str, str]:
        return {"BERKAS_SMTP_HOST": self.host, "BERKAS_SMTP_PORT": str(self.port),
                "BERKAS_SMTP_SECURITY": "none"}

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, AssertionError):
            self._controller.stop()


def start_demo_smtp(root: Path, port: int | None = None, *,
                    mailbox: DemoMailbox | None = None) -> DemoSmtp:
    """An SMTP server on loopback `port` keeping every message under `root/terkirim/`."""
    return DemoSmtp(root, port, mailbox=mailbox)
