"""The applicant agreed across documents.

The form names the person; the appointment (SK) and the cover letter name them too. A value the
form gives weakly (read from a scan with low confidence, repaired, written off its line, or
written but unreadable) and another document gives confidently for the same person is taken from
that document, with a review reason: a person confirms it. A value the form does not have at all
(its row is empty) is never filled in from elsewhere: that is the applicant's `missing_field`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from extractors import nip as nip_rules
from extractors.fields.appointment import Appointee
from extractors.fields.lines import Reading
from extractors.normalize import name_key, normalize_email, normalize_phone

CONFIDENT = 0.80  # OCR confidence of a reading that needs no person to confirm it
NEAR_DIGITS = 3  # an NIP read with this many digits wrong is the same NIP misread
SIMILAR = 75  # rapidfuzz ratio of a misread email, number or name to the value it stands for


@dataclass(frozen=True)
class Agreed:
    field: str
    reading: Reading  # the value taken, where it was read
    weak: Reading | None  # what the form gave


def weak(r: Reading | None) -> bool:
    """A reading a person must confirm: missing value written but unreadable, repaired, by
    position, or OCR with low confidence."""
    if r is None:
        return False
    if r.note == "garbled" or r.repaired or r.fallback:
        return True
    return r.confidence is not None and r.confidence < CONFIDENT


def confident(r: Reading | None) -> bool:
    return r is not None and r.value not in (None, "") and not weak(r)


def _valid(field: str, value: object) -> bool:
    text = str(value or "")
    if field == "nip":
        return nip_rules.is_valid(text)
    if field == "email":
        return normalize_email(text, exact=True).valid
    if field == "telepon":
        return normalize_phone(text).valid
    return bool(text)


def _near_nip(a: str | None, b: str | None) -> bool:
    if not a or not b or len(a) != len(b):
        return a is None or not a
    return sum(x != y for x, y in zip(a, b, strict=True)) <= NEAR_DIGITS


def agree(form: dict[str, Reading], appointed: list[Appointee],
          letter: dict[str, Reading]) -> list[Agreed]:
    """Values to take from the appointment or the letter in place of the form's weak ones."""
    out: list[Agreed] = []
    nama, nip = form.get("nama"), form.get("nip")
    # The appointee who is the form's person: by a confident NIP, else by name.
    by_nip = [a for a in appointed if confident(nip) and a.nip == (nip.value if nip else None)]
    by_name = [a for a in appointed if nama is not None and nama.value
               and name_key(a.nama) and name_key(a.nama) == name_key(str(nama.value))]
    if nip is not None and doubtful("nip", nip) and len(by_name) == 1:
        a = by_name[0]
        if a.nip and nip_rules.is_valid(a.nip) and a.nip != nip.value and \
                _near_nip(str(nip.value) if nip.value else None, a.nip) and not scanned_weak(a):
            out.append(Agreed("nip", Reading(a.nip, a.file, a.page, box=a.box,
                                             confidence=a.confidence, note="agreed"), nip))
    if nama is not None and weak(nama) and len(by_nip) == 1 and by_nip[0].nama:
        a = by_nip[0]
        out.append(Agreed("nama", Reading(a.nama, a.file, a.page, box=a.box,
                                          confidence=a.confidence, note="agreed"), nama))
    same_person = _letter_is_person(form, letter)
    for f in ("email", "telepon", "nip", "nama"):
        mine, theirs = form.get(f), letter.get(f)
        if f in {a.field for a in out} or mine is None or theirs is None:
            continue
        if not doubtful(f, mine):
            continue
        if confident(theirs) and _valid(f, theirs.value) and same_person and \
                _same_value(f, mine.value, theirs.value):
            out.append(Agreed(f, replace(theirs, note="agreed"), mine))
    return out


def doubtful(field: str, r: Reading) -> bool:
    """A reading to confirm against the other documents: weak, or read from a scan and not
    valid (an OCR slip). A value printed invalid in a text layer is the applicant's own."""
    return weak(r) or (r.confidence is not None and not _valid(field, r.value))


def _same_value(field: str, mine: object, theirs: object) -> bool:
    """The form's weak value can be a misreading of the other one (or is unreadable)."""
    if mine in (None, ""):
        return True
    a, b = str(mine).lower(), str(theirs).lower()
    if field == "nip":
        return _near_nip(a, b)
    if field == "nama":
        return fuzz.ratio(name_key(a), name_key(b)) >= SIMILAR
    return fuzz.ratio(a, b) >= SIMILAR


def scanned_weak(a: Appointee) -> bool:
    """An appointee read from a scan with too little confidence to stand without a person."""
    return a.confidence is not None and a.confidence < CONFIDENT


def _letter_is_person(form: dict[str, Reading], letter: dict[str, Reading]) -> bool:
    """The letter's person is the form's: the same NIP or the same name (without titles)."""
    for f, key in (("nip", str), ("nama", name_key)):
        mine, theirs = form.get(f), letter.get(f)
        if mine is not None and theirs is not None and mine.value and theirs.value \
                and confident(mine) and key(str(mine.value)) == key(str(theirs.value)):
            return True
    nip, theirs = form.get("nip"), letter.get("nip")
    nama = letter.get("nama")
    return nip is not None and theirs is not None and nama is not None and confident(theirs) \
        and _near_nip(str(nip.value or ""), str(theirs.value)) and confident(nama)
