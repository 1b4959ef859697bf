"""Working time in WITA: weekends, holidays and the hours outside 08:00-16:00 do not count."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berkas.core.settings import Settings
from berkas.procedure.worktime import CalendarError, WorkCalendar, format_duration

WITA = ZoneInfo("Asia/Makassar")
MINUTE = 60
HOUR = 3600

CALENDAR = WorkCalendar({1, 2, 3, 4, 5}, time(8), time(16),
                        {date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)}, WITA)


@pytest.fixture(autouse=True)
def _no_berkas_environment(no_local_configuration):
    """Settings from this machine's environment or berkas.toml must not change the results."""


def wita(*args: int) -> datetime:
    return datetime(*args, tzinfo=WITA)


def test_friday_afternoon_to_monday_morning_counts_only_twenty_minutes():
    friday, monday = wita(2024, 5, 10, 15, 50), wita(2024, 5, 13, 8, 10)
    assert CALENDAR.working_seconds(friday, monday) == 20 * MINUTE


def test_a_holiday_in_the_middle_of_the_week_is_skipped():
    # Tuesday 24 Dec 15:00 -> Friday 27 Dec 09:00: Christmas and cuti bersama do not count.
    assert CALENDAR.working_seconds(wita(2024, 12, 24, 15), wita(2024, 12, 27, 9)) == 2 * HOUR
    # Without the holidays it would be two more working days.
    plain = WorkCalendar({1, 2, 3, 4, 5}, time(8), time(16), set(), WITA)
    assert plain.working_seconds(wita(2024, 12, 24, 15), wita(2024, 12, 27, 9)) == 18 * HOUR


def test_across_midnight_only_the_morning_counts():
    assert CALENDAR.working_seconds(wita(2024, 5, 6, 22), wita(2024, 5, 7, 9, 30)) == 90 * MINUTE


def test_times_in_other_zones_are_read_as_wita():
    # 00:00 UTC is 08:00 WITA; 09:00 WIB (Jakarta) is 10:00 WITA.
    start = datetime(2024, 5, 6, 0, 0, tzinfo=UTC)
    end = datetime(2024, 5, 6, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert CALENDAR.working_seconds(start, end) == 2 * HOUR
    # 23:30 UTC Sunday is already Monday 07:30 in WITA: the morning's first half hour is free.
    sunday_utc = datetime(2024, 5, 5, 23, 30, tzinfo=UTC)
    assert CALENDAR.working_seconds(sunday_utc, wita(2024, 5, 6, 8, 30)) == 30 * MINUTE


def test_add_working_jumps_over_the_weekend_and_a_holiday():
    assert CALENDAR.add_working(wita(2024, 5, 10, 15, 55), 10 * MINUTE) == wita(2024, 5, 13, 8, 5)
    assert CALENDAR.add_working(wita(2024, 12, 24, 15, 0), 2 * HOUR) == wita(2024, 12, 27, 9)
    # Exactly the rest of the day ends at closing time, not the next morning.
    assert CALENDAR.add_working(wita(2024, 5, 6, 15), HOUR) == wita(2024, 5, 6, 16)
    # Started before opening: the count starts at 08:00.
    assert CALENDAR.add_working(wita(2024, 5, 6, 6), 5 * MINUTE) == wita(2024, 5, 6, 8, 5)


def test_add_working_keeps_the_zone_it_was_given():
    start = datetime(2024, 5, 6, 1, 0, tzinfo=UTC)  # 09:00 WITA
    result = CALENDAR.add_working(start, HOUR)
    assert result.tzinfo is UTC and result == datetime(2024, 5, 6, 2, 0, tzinfo=UTC)


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="naive"):
        CALENDAR.working_seconds(datetime(2024, 5, 6, 9), wita(2024, 5, 6, 10))


def test_from_settings_reads_hours_days_and_both_holiday_sources(tmp_path):
    holidays = tmp_path / "libur.txt"
    holidays.write_text("# libur nasional 2024\n2024-08-17 Hari Kemerdekaan\n\n2024-12-25\n")
    calendar = WorkCalendar.from_settings(Settings(
        work_days=[1, 2, 3, 4, 5, 6], work_hours="07:30-15:30", holidays=["2024-05-09"],
        holidays_file=holidays, timezone="Asia/Makassar"))
    assert calendar.holidays == {date(2024, 5, 9), date(2024, 8, 17), date(2024, 12, 25)}
    assert calendar.start == time(7, 30) and calendar.end == time(15, 30)
    # Saturday counts with these settings; Thursday 9 May (a holiday) does not.
    assert calendar.working_seconds(wita(2024, 5, 9, 7), wita(2024, 5, 11, 9)) == 9.5 * HOUR


def test_bad_configuration_is_reported_in_indonesian(tmp_path):
    with pytest.raises(CalendarError, match="jam kerja tidak sah"):
        WorkCalendar.from_settings(Settings(work_hours="16:00-08:00"))
    bad = tmp_path / "libur.txt"
    bad.write_text("2024-02-30\n")
    with pytest.raises(CalendarError, match="baris 1"):
        WorkCalendar.from_settings(Settings(holidays_file=bad))
    with pytest.raises(CalendarError, match="hari kerja"):
        WorkCalendar(set(), time(8), time(16))


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0 detik"),
    (0.2, "kurang dari 1 detik"),
    (45, "45 detik"),
    (5 * MINUTE + 30, "5 menit 30 detik"),
    (HOUR + 5 * MINUTE + 59, "1 jam 5 menit"),
    (2 * HOUR + 20, "2 jam 20 detik"),
    (2 * HOUR, "2 jam"),
    (8 * HOUR + 22 * MINUTE, "1 hari kerja 22 menit"),
    (3 * 8 * HOUR + 2 * HOUR + 7 * MINUTE, "3 hari kerja 2 jam"),
    (8 * HOUR, "1 hari kerja"),
    (-(10 * MINUTE), "-10 menit"),
])
def test_format_duration_in_working_days(seconds, text):
    assert CALENDAR.format_duration(seconds) == text


def test_format_duration_without_a_working_day_counts_hours():
    assert format_duration(30 * HOUR + 60) == "30 jam 1 menit"


# --- properties -------------------------------------------------------------------------------

ZONES = st.sampled_from([WITA, UTC, ZoneInfo("Asia/Jakarta"), ZoneInfo("Europe/Berlin")])
MOMENTS = st.builds(
    lambda minutes, zone: (wita(2024, 12, 1) + timedelta(minutes=minutes)).astimezone(zone),
    st.integers(min_value=0, max_value=60 * 24 * 70), ZONES)


@settings(max_examples=200, deadline=None)
@given(MOMENTS, MOMENTS, MOMENTS)
def test_working_seconds_is_additive_over_a_split_point(x, y, z):
    a, b, c = sorted((x, y, z))
    whole = CALENDAR.working_seconds(a, c)
    assert whole == CALENDAR.working_seconds(a, b) + CALENDAR.working_seconds(b, c)
    assert 0 <= whole <= (c - a).total_seconds()


@settings(max_examples=200, deadline=None)
@given(MOMENTS, st.floats(min_value=0, max_value=40 * 8 * HOUR, allow_nan=False))
def test_add_working_is_the_inverse_of_working_seconds(a, seconds):
    b = CALENDAR.add_working(a, seconds)
    assert b >= a
    assert CALENDAR.working_seconds(a, b) == pytest.approx(seconds, abs=1e-5)
    # ... and the earliest such moment: a second earlier is not enough.
    if seconds >= 1:
        assert CALENDAR.working_seconds(a, b - timedelta(seconds=1)) < seconds


@settings(max_examples=200, deadline=None)
@given(MOMENTS, MOMENTS)
def test_add_working_of_the_measured_time_lands_no_later_than_the_end(x, y):
    a, b = sorted((x, y))
    back = CALENDAR.add_working(a, CALENDAR.working_seconds(a, b))
    assert a <= back <= b
    assert CALENDAR.working_seconds(back, b) == 0
