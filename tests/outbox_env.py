"""A database with one application, its archive, a settable clock and an outbox, for the
sending tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from berkas.core.clock import ZONE
from berkas.core.settings import Settings
from berkas.outgoing.outbox import Outbox
from berkas.outgoing.render import environment
from berkas.outgoing.smtp import SmtpConfig, SmtpTransport
from berkas.store.archive import Archive
from berkas.store.database import open_database
from berkas.store.models import Application

REGISTRATION = "REG-2026-00042"


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 11, 24, 9, 30, tzinfo=ZONE)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@dataclass
class Env:
    root: Path
    sessions: sessionmaker[Session]
    archive: Archive
    clock: Clock
    settings: Settings
    application_id: int

    def outbox(self, port: int, security: str = "none", ca_file: Path | None = None,
               user: str | None = None, password: str | None = None,
               transport=None) -> Outbox:
        config = SmtpConfig(host="127.0.0.1", port=port, security=security,  # type: ignore[arg-type]
                            user=user, password=password, timeout=5, ca_file=ca_file)
        return Outbox(self.sessions, transport or SmtpTransport(config), self.archive,
                      retry_base=60, retry_max=600, max_attempts=4, clock=self.clock)

    def application(self, session: Session) -> Application:
        found = session.get(Application, self.application_id)
        assert found is not None
        return found


def make_env(root: Path) -> Env:
    settings = Settings(data_dir=root / "data", archive_dir=root / "archive",
                        mail_from="LPSE Kaltim <lpse@kaltimprov.go.id>",
                        kepala_lpse_email="kepala.lpse@kaltimprov.go.id")
    sessions = open_database(f"sqlite:///{root / 'berkas.db'}")
    clock = Clock()
    archive = Archive(root / "archive", clock)
    with sessions.begin() as session:
        application = Application(
            registration=REGISTRATION, created_at=clock(), updated_at=clock(),
            state="menunggu_pemeriksaan", step=3, source="email",
            archive_path=archive.relative(2026, REGISTRATION), needs_attention=False,
            nama="Budi Santoso", email="budi.santoso@pu.kukarkab.go.id")
        session.add(application)
        session.flush()
        application_id = application.id
    return Env(root, sessions, archive, clock, settings, application_id)


def env_templates():
    return environment()


def parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def bodies(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()
