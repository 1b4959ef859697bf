"""Normalising values as SPEC reports them, and OCR-slip repair only when the result validates."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.normalize import (
    find_dates,
    name_key,
    nip_candidates,
    normalize_email,
    normalize_nip,
    normalize_phone,
    parse_date,
)


@pytest.mark.parametrize(("raw", "value", "repaired"), [
    ("19860926 201505 2 001", "198609262015052001", False),
    ("19860926.201505.2.001", "198609262015052001", False),
    ("l986O926 2O15O5 2 OO1", "198609262015052001", True),
    ("1986O926 2O15O5 2 OOS", None, False),  # "S" -> 5 gives sequence 005: valid, see below
])
def test_nip(raw, value, repaired):
    v = normalize_nip(raw)
    if value is None:
        assert v.value == "198609262015052005" and v.repaired
    else:
        assert (v.value, v.valid, v.repaired) == (value, True, repaired)


def test_nip_slip_that_does_not_validate_is_left_as_read():
    v = normalize_nip("1986O926 2O15O5 3 OO1")
    assert (v.value, v.valid, v.repaired) == ("1986O9262O15O53OO1", False, False)


def test_nip_candidates_skip_a_following_row_number():
    text = "1 Siti 19860926 201505 2 001\n2 Budi 199001012015031004"
    assert [normalize_nip(raw).value for _, _, raw in nip_candidates(text)] == [
        "198609262015052001", "199001012015031004"]


@pytest.mark.parametrize(("raw", "value", "valid", "repaired"), [
    ("Siti.Rahma@Kaltimprov.GO.ID", "siti.rahma@kaltimprov.go.id", True, False),
    ("siti.rahma @ gmail.com", "siti.rahma@gmail.com", True, False),
    ("siti.rahma@gmai1.com", "siti.rahma@gmail.com", True, True),
    ("siti@kaltimprov.go.1d", "siti@kaltimprov.go.id", True, True),
    ("siti.rahma.gmail.com", "siti.rahma.gmail.com", False, False),
    ("siti.rahma@gmail", "siti.rahma@gmail", False, False),
])
def test_email(raw, value, valid, repaired):
    v = normalize_email(raw)
    assert (v.value, v.valid, v.repaired) == (value, valid, repaired)


@pytest.mark.parametrize(("raw", "value", "valid"), [
    ("+62 812-3456-7890", "081234567890", True),
    ("6281234567890", "081234567890", True),
    ("0812 3456 7890", "081234567890", True),
    ("(0541) 736466", "0541736466", True),
    ("O812345678l0", "081234567810", True),
    # "+62": tesseract's ind model has no "+" and reads it as a digit or a letter
    ("1628132220443", "08132220443", True),
    ("+62-813-2222-0443", "081322220443", True),
    ("t62 813 2222 0443", "081322220443", True),
    ("081234", "081234", False),
    ("12345678901", "12345678901", False),
])
def test_phone(raw, value, valid):
    v = normalize_phone(raw)
    assert (v.value, v.valid) == (value, valid)


def test_names_compare_without_titles_case_or_spacing():
    assert name_key("Dr. Ir. H. Siti  Rahmawati, S.Kom., M.T.") == "sitirahmawati"
    assert name_key("SITI RAHMAWATI") == name_key("Siti Rahmawati S.Kom")
    assert name_key("Hj. Siti Rahmawati, A.Md.Kom.") == "sitirahmawati"
    assert name_key("Siti Rahmawati") != name_key("Siti Rahmadani")


@pytest.mark.parametrize(("text", "when"), [
    ("Samarinda, 14 Oktober 2026", date(2026, 10, 14)),
    ("14-10-2026", date(2026, 10, 14)),
    ("14/10/2026", date(2026, 10, 14)),
    ("2026-10-14", date(2026, 10, 14)),
    ("tanggal 1 Okt. 2026", date(2026, 10, 1)),
    ("31 Pebruari 2026", None),
    ("Balikpapan, 28-II-2026", date(2026, 2, 28)),  # the month in Roman numerals
    ("3.XII.2025", date(2025, 12, 3)),
    ("Nomor 800.1.11.1/245/UN17/IV/2026", None),  # a letter number's month and year, no date
    ("Nomor 027/12/X/2026", None),
])
def test_dates(text, when):
    assert parse_date(text) == when


def test_find_dates_in_order():
    found = [d for _, _, d in find_dates("dari 1 Januari 2026 s.d. 31 Desember 2026")]
    assert found == [date(2026, 1, 1), date(2026, 12, 31)]
