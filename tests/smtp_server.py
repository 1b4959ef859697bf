"""A real SMTP server on loopback for the sending tests (aiosmtpd): plain, STARTTLS or implicit
TLS, optionally with login; it keeps every message it accepted, as bytes, for parsing."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

USER, PASSWORD = "lpse", "kata-sandi-smtp"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Recorder:
    messages: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> SMTP answer

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


class CrashAfterSending:
    """A transport whose process dies after the server accepted the message, before `sent` is
    recorded: the hard case of the outbox."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def send(self, raw, sender, recipients):
        self.inner.send(raw, sender, recipients)
        raise SystemExit("crash")


def make_certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, auth_data=auth_data)


class _ImplicitTls(Controller):
    def _trigger_server(self):  # the ready probe must speak TLS too
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        with socket.create_connection((self.hostname, self.port), timeout=5) as raw, \
                context.wrap_socket(raw) as tls:
            tls.recv(1024)


@contextlib.contextmanager
def smtp_server(directory: Path, security: str, *, login: bool = False, port: int | None = None,
                recorder: Recorder | None = None) -> Iterator[tuple[int, Recorder, Path]]:
    """Yields (port, recorder, CA file to trust)."""
    cert_file, key_file = make_certificate(directory)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    recorder = recorder or Recorder()
    options: dict = {"hostname": "127.0.0.1", "port": port or free_port()}
    if login:
        options.update(authenticator=_authenticate, auth_require_tls=security == "starttls",
                       auth_required=True)
    if security == "starttls":
        controller: Controller = Controller(recorder, tls_context=context,
                                            require_starttls=True, **options)
    elif security == "ssl":
        controller = _ImplicitTls(recorder, ssl_context=context, **options)
    else:
        controller = Controller(recorder, **options)
    controller.start()
    try:
        yield controller.port, recorder, cert_file
    finally:
        controller.stop()
