"""The parts one process works with, built once from the settings: the database, the archive,
the templates, the outbox and its SMTP transport, and the account provider. The flows, the
commands and the service all take their parts from here, so each is built the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from jinja2 import Environment
from sqlalchemy.orm import Session, sessionmaker

from berkas.accounts import AccountProvider, EmbeddedRegistry, Provider
from berkas.accounts.spse_manual import SpseManualRegistry
from berkas.accounts.vault import PasswordVault
from berkas.core import clock as clocks
from berkas.core.clock import Clock
from berkas.core.settings import Settings, load_settings
from berkas.outgoing.account_mail import replace_uncertain
from berkas.outgoing.outbox import Outbox, Transport
from berkas.outgoing.render import environment
from berkas.outgoing.smtp import SmtpConfig, SmtpTransport
from berkas.procedure.worktime import WorkCalendar
from berkas.store.archive import Archive
from berkas.store.database import open_database
from berkas.store.models import OutboxMessage
from berkas.web.viewer import Viewer


@dataclass
class Context:
    settings: Settings
    clock: Clock = clocks.now
    transport: Transport | None = None  # default: SMTP from the settings
    accounts_override: AccountProvider | None = field(default=None, repr=False)
    # this process holds the temporary passwords (`berkas run`, flow tests): `vault` is the one
    # to ask; elsewhere (`berkas approve`) the running service is asked over its socket
    holds_vault: bool = False

    @cached_property
    def vault(self) -> PasswordVault:
        """spse_manual: the temporary passwords between reveal and email, in memory only."""
        return PasswordVault()

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return open_database(self.settings.database, self.settings.timezone)

    @cached_property
    def calendar(self) -> WorkCalendar:
        """Working days and hours in which the SOP's standard times run."""
        return WorkCalendar.from_settings(self.settings)

    @cached_property
    def viewer(self) -> Viewer:
        """The document viewer: the links the decision forms show, and what `berkas run`
        serves (the same key, so every link it made stays valid)."""
        return Viewer.from_settings(self.settings)

    @cached_property
    def archive(self) -> Archive:
        return Archive(self.settings.archive_dir, self.clock)

    @cached_property
    def templates(self) -> Environment:
        return environment(self.settings.templates_dir)

    @cached_property
    def accounts(self) -> AccountProvider:
        if self.accounts_override is not None:
            return self.accounts_override
        s = self.settings
        manual = Provider(s.account_provider) == Provider.SPSE_MANUAL
        adapter = SpseManualRegistry if manual else EmbeddedRegistry
        return adapter(self.sessions, user_id_pattern=s.account_user_id_pattern,
                       password_length=s.account_password_length,
                       valid_days=s.account_password_valid_days, clock=self.clock)

    @property
    def manual_accounts(self) -> bool:
        """The Admin PPE makes the accounts in SPSE by hand (`spse_manual`)."""
        return self.accounts.kind == Provider.SPSE_MANUAL

    @cached_property
    def outbox(self) -> Outbox:
        s = self.settings
        transport = self.transport
        if transport is None:
            transport = SmtpTransport(SmtpConfig.from_settings(s))

        def new_password(user_id: str) -> str:  # at send time
            if self.manual_accounts:  # the one the Admin PPE set in SPSE, handed out once
                return self.vault.take(user_id)
            return self.accounts.reset_password(user_id).password  # the account reset to it

        def replace(session: Session, row: OutboxMessage) -> OutboxMessage | None:
            return replace_uncertain(self, session, row)

        # spse_manual never makes a password by itself: an email cut short reopens step 7

        return Outbox(self.sessions, transport, self.archive, retry_base=s.smtp_retry_base_seconds,
                      retry_max=s.smtp_retry_max_seconds, max_attempts=s.smtp_max_attempts,
                      clock=self.clock, secret_filler=new_password,
                      replace_uncertain=None if self.manual_accounts else replace)


_shared: dict[str, Context] = {}


def shared_context(settings: Settings | None = None) -> Context:
    """One Context per process and database (flow runs in one worker process share it)."""
    if settings is None and len(_shared) == 1:
        return next(iter(_shared.values()))
    settings = settings or load_settings()
    key = settings.database
    if key not in _shared:
        _shared[key] = Context(settings)
    return _shared[key]


def set_shared(ctx: Context) -> None:
    """Make `ctx` the one `shared_context()` gives (the service, and tests with their clock)."""
    _shared.clear()
    _shared[ctx.settings.database] = ctx
