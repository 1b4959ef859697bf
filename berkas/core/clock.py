"""The one clock: every time berkas records is `now()` in the configured zone (WITA by
default). Parts that measure or stamp time take a `Clock` (tests give their own); by default
it is this one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]
ZONE = ZoneInfo("Asia/Makassar")


def set_zone(name: str) -> None:
    global ZONE
    ZONE = ZoneInfo(name)


def zone() -> ZoneInfo:
    return ZONE


def now() -> datetime:
    return datetime.now(ZONE)
