"""Sending one message by SMTP: implicit TLS (`ssl`), `starttls` or plain (`none`), with login
when a user is set. Failures are sorted into temporary (try again later: the server is down,
busy, 4xx, a login or TLS problem staff can fix) and permanent (5xx for the message itself)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from pathlib import Path

from berkas.core.settings import Security, Settings

DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


class SendError(Exception):
    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: Security = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0
    ca_file: Path | None = None

    def __repr__(self) -> str:  # never the password
        return f"SmtpConfig({self.security}://{self.user or ''}@{self.host}:{self.port})"

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        if not settings.smtp_host:
            raise ValueError("BERKAS_SMTP_HOST is not set")
        secret = settings.smtp_password
        return cls(host=settings.smtp_host,
                   port=settings.smtp_port or DEFAULT_PORTS[settings.smtp_security],
                   security=settings.smtp_security, user=settings.smtp_user,
                   password=secret.get_secret_value() if secret else None,
                   timeout=settings.smtp_timeout_seconds, ca_file=settings.smtp_ca_file)

    def tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.ca_file is not None:
            context.load_verify_locations(cafile=str(self.ca_file))
        return context


class SmtpTransport:
    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def send(self, raw: bytes, sender: str, recipients: list[str]) -> dict[str, str]:
        """Send `raw` exactly as given; the recipients refused while others were accepted are
        returned (address -> server's answer). Raises SendError when nobody got it."""
        c = self.config
        try:
            client: smtplib.SMTP
            if c.security == "ssl":
                client = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout,
                                          context=c.tls_context())
            else:
                client = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
            with client:
                client.ehlo()
                if c.security == "starttls":
                    client.starttls(context=c.tls_context())
                    client.ehlo()
                if c.user:
                    client.login(c.user, c.password or "")
                refused = client.sendmail(sender, recipients, raw)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise SendError(f"every recipient refused: {exc.recipients}",
                            temporary=all(400 <= code < 500 for code in codes)) from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise SendError(f"login refused ({exc.smtp_code})", temporary=True) from exc
        except smtplib.SMTPResponseException as exc:
            raise SendError(f"{exc.smtp_code} {exc.smtp_error!r}",
                            temporary=exc.smtp_code < 500) from exc
        except (smtplib.SMTPException, OSError) as exc:  # down, unreachable, TLS, timeout
            raise SendError(f"{type(exc).__name__}: {exc}", temporary=True) from exc
        return {address: f"{code} {answer.decode(errors='replace')}"
                for address, (code, answer) in refused.items()}
