"""Dates as Indonesian letters and emails write them: "24 November 2026", "Selasa, 24 November
2026". The one place month and day names live: for deficiency messages and for everything berkas
sends."""

from __future__ import annotations

from datetime import date

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def tanggal(day: date) -> str:
    """24 November 2026 (no leading zero, month spelled out)."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def hari_tanggal(day: date) -> str:
    """Selasa, 24 November 2026."""
    return f"{HARI[day.weekday()]}, {tanggal(day)}"


def month_roman(month: int) -> str:
    """XI for November, as letter numbers carry the month."""
    return ROMAN_MONTHS[month - 1]
