"""Working time (WITA by default): only the configured hours of working days that are not
holidays count against a standard time (mutu baku). Pure: no clock, no I/O except reading a
holidays file in `from_settings`.

Every moment is an aware datetime in any zone; the calendar's own zone decides which day and
hour it is. Durations are computed on absolute (UTC) instants, so a zone with daylight saving
time still measures real seconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

# A guard for add_working: a calendar whose days are all holidays would never finish.
_MAX_DAYS = 366 * 20


class CalendarError(ValueError):
    pass


def parse_hours(text: str) -> tuple[time, time]:
    """'08:00-16:00' -> (08:00, 16:00); the end must be after the start on the same day."""
    try:
        first, second = (part.strip() for part in text.split("-"))
        start, end = time.fromisoformat(first), time.fromisoformat(second)
    except ValueError as exc:
        raise CalendarError(f"jam kerja tidak sah: {text!r} (contoh: 08:00-16:00)") from exc
    if end <= start:
        raise CalendarError(f"jam kerja tidak sah: {text!r} (jam selesai harus setelah jam mulai)")
    return start, end


def parse_holidays(lines: Iterable[str], source: str = "holidays") -> set[date]:
    """One YYYY-MM-DD per line; anything after the date (a name) and `#` comments are ignored."""
    found: set[date] = set()
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        token = text.split()[0]
        try:
            found.add(date.fromisoformat(token))
        except ValueError as exc:
            raise CalendarError(f"{source} baris {number}: tanggal tidak sah {token!r} "
                                "(format YYYY-MM-DD)") from exc
    return found


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: every time must carry its zone")
    return moment


@dataclass(frozen=True)
class WorkCalendar:
    work_days: frozenset[int]  # ISO weekdays, Monday = 1
    start: time
    end: time
    holidays: frozenset[date] = field(default_factory=frozenset)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Makassar"))

    def __init__(self, work_days: Iterable[int], start: time, end: time,
                 holidays: Iterable[date] = (), zone: ZoneInfo | None = None) -> None:
        days = frozenset(work_days)
        if not days or not days <= set(range(1, 8)):
            raise CalendarError(f"hari kerja tidak sah: {sorted(days)} (1 = Senin ... 7 = Minggu)")
        if end <= start:
            raise CalendarError("jam selesai kerja harus setelah jam mulai")
        object.__setattr__(self, "work_days", days)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "holidays", frozenset(holidays))
        object.__setattr__(self, "zone", zone or ZoneInfo("Asia/Makassar"))

    @classmethod
    def from_settings(cls, settings: Any) -> WorkCalendar:
        start, end = parse_hours(settings.work_hours)
        holidays = parse_holidays(settings.holidays, "holidays")
        if settings.holidays_file is not None:
            path = Path(settings.holidays_file)
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise CalendarError(f"berkas hari libur tidak dapat dibaca: {path}: "
                                    f"{exc.strerror}") from exc
            holidays |= parse_holidays(lines, str(path))
        return cls(settings.work_days, start, end, holidays, ZoneInfo(settings.timezone))

    # --- the calendar ---------------------------------------------------------------------

    @property
    def day_seconds(self) -> float:
        """The length of one working day (the configured hours)."""
        return (datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)
                ).total_seconds()

    def is_working_day(self, day: date) -> bool:
        return day.isoweekday() in self.work_days and day not in self.holidays

    def _window(self, day: date) -> tuple[datetime, datetime]:
        """The day's working hours as UTC instants."""
        return (datetime.combine(day, self.start, self.zone).astimezone(UTC),
                datetime.combine(day, self.end, self.zone).astimezone(UTC))

    def working_seconds(self, a: datetime, b: datetime) -> float:
        """Working seconds between a and b (0 when b is not after a)."""
        a, b = _aware(a).astimezone(UTC), _aware(b).astimezone(UTC)
        if b <= a:
            return 0.0
        total = timedelta()
        day = a.astimezone(self.zone).date()
        last = b.astimezone(self.zone).date()
        while day <= last:
            if self.is_working_day(day):
                opens, closes = self._window(day)
                lo, hi = max(opens, a), min(closes, b)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total.total_seconds()

    def add_working(self, a: datetime, seconds: float) -> datetime:
        """The earliest moment at which `seconds` of working time have passed since a (in a's
        zone). A day's closing time counts as reached on that day, not the next morning."""
        zone = _aware(a).tzinfo
        if seconds <= 0:
            return a
        remaining = timedelta(seconds=seconds)
        moment = a.astimezone(UTC)
        day = a.astimezone(self.zone).date()
        for _ in range(_MAX_DAYS):
            if self.is_working_day(day):
                opens, closes = self._window(day)
                begin = max(opens, moment)
                if closes > begin:
                    if remaining <= closes - begin:
                        return (begin + remaining).astimezone(zone)
                    remaining -= closes - begin
            day += timedelta(days=1)
        raise CalendarError("tidak ada hari kerja dalam 20 tahun: periksa hari kerja dan libur")

    def format_duration(self, seconds: float) -> str:
        return format_duration(seconds, self.day_seconds)


_UNITS = (("jam", 3600), ("menit", 60), ("detik", 1))


def format_duration(seconds: float, day_seconds: float | None = None) -> str:
    """A duration in Indonesian: its two largest non-zero units, rounded to the second:
    '45 detik', '5 menit 30 detik', '1 jam 5 menit', '2 jam', '1 hari kerja 22 menit',
    '3 hari kerja 2 jam'. With `day_seconds` (the length of a working day, e.g. 8 hours) whole
    working days count as 'hari kerja'; without it hours go on past 24."""
    if math.isnan(seconds) or math.isinf(seconds):
        raise ValueError(f"not a duration: {seconds}")
    sign = "-" if seconds < 0 else ""
    rest = int(round(abs(seconds)))
    if rest == 0:
        return "kurang dari 1 detik" if seconds else "0 detik"
    units: list[tuple[str, int]] = []
    if day_seconds:
        units.append(("hari kerja", int(round(day_seconds))))
    units.extend(_UNITS)
    parts: list[str] = []
    for name, size in units:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count} {name}")
        if len(parts) == 2:
            break
    return sign + " ".join(parts)
