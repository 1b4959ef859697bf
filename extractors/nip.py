"""The two layouts of an 18-digit civil-servant number (SPEC `invalid:nip`).

PNS NIP: YYYYMMDD birth, YYYYMM TMT CPNS, gender 1/2, 3-digit sequence.
NI PPPK: YYYYMMDD birth, YYYY year of appointment, 2-digit contract count, gender 1/2, sequence.
"""

from __future__ import annotations

from datetime import date

# PPPK (government employees with a work contract) were first appointed in 2019.
PPPK_FIRST_YEAR = 2019
OLDEST_BIRTH_YEAR = 1935
MIN_AGE_AT_APPOINTMENT = 15
LATEST_YEAR = date.today().year + 1


def _birth(nip: str) -> date | None:
    try:
        born = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return None
    return born if OLDEST_BIRTH_YEAR <= born.year <= LATEST_YEAR - MIN_AGE_AT_APPOINTMENT else None


def kind(nip: str) -> str | None:
    """"pns", "pppk" or None when the number fits neither layout."""
    if len(nip) != 18 or not nip.isdigit() or nip[14] not in "12":
        return None
    born = _birth(nip)
    if born is None:
        return None
    year, mm = int(nip[8:12]), int(nip[12:14])
    plausible_year = born.year + MIN_AGE_AT_APPOINTMENT <= year <= LATEST_YEAR
    if plausible_year and 1 <= mm <= 12 and nip[15:] != "000":
        return "pns"
    if plausible_year and year >= PPPK_FIRST_YEAR and mm >= 1 and nip[15:] != "000":
        return "pppk"
    return None


def is_valid(nip: str) -> bool:
    return kind(nip) is not None
