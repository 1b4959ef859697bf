"""NIP layouts (SPEC `invalid:nip`): PNS and NI PPPK."""

from __future__ import annotations

import pytest

from extractors import nip


@pytest.mark.parametrize(("number", "kind"), [
    ("198609262015052001", "pns"),   # born 1986-09-26, TMT 2015-05, female, 001
    ("197204031998031266", "pns"),
    ("199001012023211001", "pppk"),  # appointed 2023, contract 21, male
    ("198511302021011002", "pns"),   # month 01 reads as a PNS TMT
])
def test_valid_numbers_and_their_layout(number, kind):
    assert nip.kind(number) == kind
    assert nip.is_valid(number)


@pytest.mark.parametrize("number", [
    "19860926201505200",     # 17 digits
    "1986092620150520011",   # 19 digits
    "198613262015052001",    # birth month 13
    "198602302015052001",    # 30 February
    "198609262015053001",    # gender digit 3
    "198609262015132001",    # TMT month 13 and a year before PPPK existed
    "198609261995052001",    # appointed at age 8
    "198609262015052000",    # sequence 000
    "19860926 201505 2 001",  # not normalised
    "6472056609860003",      # an NIK
])
def test_invalid_numbers(number):
    assert nip.kind(number) is None
    assert not nip.is_valid(number)
