"""What the emails of an application are made with: the settings, the templates, the outbox,
the account provider and the clock. `berkas.procedure.context.Context` is one; tests may build
another."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from jinja2 import Environment

from berkas.accounts import AccountProvider
from berkas.core.settings import Settings
from berkas.outgoing.outbox import Outbox


class MailParts(Protocol):
    @property
    def settings(self) -> Settings: ...
    @property
    def templates(self) -> Environment: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def accounts(self) -> AccountProvider: ...
    def clock(self) -> datetime: ...
