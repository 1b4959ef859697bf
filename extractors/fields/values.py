"""Every candidate value is typed and checked before it is taken, so a label fragment, a heading or
a qualifier is never a value: an NIP has the digits of one, an email an "@", a telephone number
enough digits, a name the shape of a name, and no value is itself a label.

`accept` answers None for "this is no value of that field" (look further), and a Reading (valid or
not) for a value as printed: an email with an "@" that is not a usable address is still the value,
so the verdict can say `invalid:email`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields import labels
from extractors.fields.lines import RANK_LINE, Reading, looks_like_name
from extractors.normalize import (
    PHONE_IN_TEXT,
    clean_name,
    load_data,
    name_tokens,
    nip_candidates,
    normalize_email,
    normalize_nip,
    normalize_phone,
)

_PUNCT_ONLY = re.compile(r"^[\s:;=.,_\-–—…|/\\()\[\]*'\"]*$")
_MOBILE = re.compile(r"^08\d{7,11}$")
# The line a value was typed on, printed as underscores after it ("andi@gmail.com_______").
_FILL_LINE = re.compile(r"_{3,}")


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Words of the forms' own labels and headings ("DATA CALON ADMIN AGENCY", "B. KONTAK",
    "Jenis Permohonan"): a name is made of none of them."""
    data = load_data("field_labels.toml")
    found = {w for labs in data["fields"].values() for lab in labs for w in labels.words(lab)
             if len(w) >= 4}
    return frozenset(found | {w.lower() for w in data["form"]["heading_words"]})


def _form_words(text: str) -> bool:
    core = text.split(",")[0]
    return any(w in _vocabulary() for w in labels.words(core))


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    return frozenset(p.lower() for p in load_data("field_labels.toml")["form"]["placeholders"])


def is_empty(value: str) -> bool:
    """Nothing written: blank, dots or dashes of the line, "-", "(kosong)"."""
    v = value.strip().lower()
    return not v or v in _placeholders() or _PUNCT_ONLY.match(v) is not None


def accept(field: str, text: str, ocr: bool = False) -> Reading | None:
    """`text` as a value of `field`, or None; `ocr`: read from a scan (spaces OCR put around the
    dots of an address are not the address's)."""
    text = re.sub(r"\s+", " ", _FILL_LINE.sub(" ", text)).strip()
    if is_empty(text):
        return None
    if field == "nip":
        return nip_value(text)
    if field == "email":
        return _email(text, ocr)
    if field == "telepon":
        return _phone(text)
    if field == "nama":
        return _name(text)
    return _text(field, text)


def nip_value(text: str) -> Reading | None:
    """The NIP in a value; with several numbers (an NIK beside it) the one that validates."""
    candidates = nip_candidates(text)
    best = None
    for _, _, raw in candidates:
        v = normalize_nip(raw)
        if v.valid:
            return Reading(v.value, repaired=v.repaired)
        if best is None or (v.value and len(v.value) == 18):
            best = v
    if best is not None:
        return Reading(best.value, repaired=best.repaired)
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) >= 8 and len(digits) >= 0.6 * len(re.sub(r"\s", "", text)):
        return Reading(digits)  # a number too short or too long: printed, and invalid
    return None


_ADDRESS_LIKE = re.compile(r"^[\w.+\-]{2,}[.@_\-][\w.+\-@]{2,}$")


_SEPARATOR = re.compile(r"\s+[/;,|]\s+|\s+(?=\(?(?:\+62|0)\d[\d .\-()]{6,}\)?$)")
_BRACKETED = re.compile(r"\s*\([^)]*\)\s*")


def _email(text: str, ocr: bool) -> Reading | None:
    """The address as printed, taken whole: a note in brackets ("(aktif)") and another field
    after a separator ("x@y.id / 0812…") set aside, but never a word before it ("nama saya@y.id"
    is an invalid address, not "saya@y.id"). Without an "@", a single address-like token
    ("nama.dinas.go.id") is the value (and invalid); words ("aktif") are none."""
    text = _BRACKETED.sub(" ", text).strip()
    parts = [p.strip() for p in _SEPARATOR.split(text) if p.strip()]
    marked = [p for p in parts if "@" in p or "(at)" in p.lower() or "[at]" in p.lower()]
    if marked:
        value = marked[0]
    else:
        token = text.strip(" .,;:")
        if " " in token or not _ADDRESS_LIKE.match(token) or labels.match(token) is not None:
            return None
        value = token
    if ocr:  # tesseract sets dots and "@" apart ("nama @ dinas. go.id") and splits off a
        # character or two ("nama1 1@x.id"); a space between two words stays (invalid).
        value = _split_off_rejoined(re.sub(r"\s*([.@_\-])\s*", r"\1", value))
    v = normalize_email(value, exact=True)
    return Reading(v.value, repaired=v.repaired) if v.value else None


def _split_off_rejoined(value: str) -> str:
    """Pieces of one or two characters that OCR split off a word joined back to it."""
    pieces = value.split()
    out = pieces[:1]
    for piece in pieces[1:]:
        left = re.split(r"[.@_\-]", out[-1])[-1]
        right = re.split(r"[.@_\-]", piece)[0]
        if len(left) <= 2 or len(right) <= 2:
            out[-1] += piece
        else:
            out.append(piece)
    return " ".join(out)


def _phone(text: str) -> Reading | None:
    chunks = [m.group(0) for m in PHONE_IN_TEXT.finditer(text)
              if sum(c.isdigit() for c in m.group(0)) >= 6]
    if not chunks:
        return None
    if len(chunks) > 1:  # the office's number and then "HP 0812...": the mobile one
        for chunk in chunks:
            v = normalize_phone(chunk)
            if v.valid and _MOBILE.match(v.value or ""):
                return Reading(v.value, repaired=v.repaired)
    v = normalize_phone(chunks[0])
    return Reading(v.value, repaired=v.repaired)


def _name(text: str) -> Reading | None:
    name = clean_name(text)
    if labels.match(name) is not None and not labels.match(name).rest:  # type: ignore[union-attr]
        return None
    if "@" in name or not looks_like_name(name.split(",")[0]) or _form_words(name):
        return None
    if not name_tokens(name):
        return None
    return Reading(name)


def _text(field: str, text: str) -> Reading | None:
    value = text.strip(" :;|.,_-\"'“”‘’«»")
    if sum(c.isalpha() for c in value) < 2 or _PUNCT_ONLY.match(value):
        return None
    if "@" in value and " " not in value:
        return None  # an email address is no position, agency or address
    if value.startswith("(") and value.endswith(")"):
        return None  # a note under the label, "(diisi dengan huruf kapital)"
    hit = labels.match(value)
    if hit is not None and not hit.rest and hit.score >= 95:
        return None  # the next label, not a value
    if field == "pangkat_golongan":
        rank = _rank_regex().search(value)
        value = rank.group(0) if rank else value
    return Reading(value)


@lru_cache(maxsize=1)
def _rank_regex() -> re.Pattern:
    """"Penata Muda Tk. I (III/b)", "Pembina / IV.a": a rank and its group, without the label
    debris OCR leaves around it (". : Penata (III/c) Ruang")."""
    names = "|".join(map(re.escape, load_data("field_labels.toml")["form"]["rank_names"]))
    head = rf"\b(?:{names})\b[A-Za-z .]{{0,30}}?"
    return re.compile(head + r"\(\s*[IVX]+\s*/\s*[a-eA-E]\s*\)|"
                      + head + r"[/,]\s*[IVX]+\s*[./\-]\s*[a-eA-E]\b")


def is_rank(text: str) -> bool:
    return RANK_LINE.search(text) is not None or _rank_regex().search(text) is not None
