"""The account request form: the person's fields, label by label."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields.lines import (
    Line,
    Reading,
    continuation,
    labeled_values,
    labelled_dates,
    place_dates,
)
from extractors.normalize import (
    PHONE_IN_TEXT,
    clean_name,
    load_data,
    nip_candidates,
    normalize_email,
    normalize_nip,
    normalize_phone,
)

PERSON_FIELDS = ("nama", "nip", "jabatan", "pangkat_golongan", "instansi", "satuan_kerja",
                 "alamat_kantor", "email", "telepon")
WRAPPING_FIELDS = {"nama", "jabatan", "pangkat_golongan", "instansi", "satuan_kerja",
                   "alamat_kantor"}
TITLE_ZONE = 15  # lines; the letterhead above a form's title is not part of the form
_TITLE = re.compile(r"^\s*(formulir|form)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    return frozenset(p.lower() for p in load_data("field_labels.toml")["form"]["placeholders"])


def is_empty(value: str) -> bool:
    v = value.strip().lower()
    return not v or v in _placeholders() or re.fullmatch(r"[\s._\-–—…:()]*", v) is not None


def person_fields(lines: list[Line], wanted: tuple[str, ...] = PERSON_FIELDS,
                  skip_letterhead: bool = True) -> dict[str, Reading]:
    """The first labelled value of each wanted field, normalised. A field whose first label is
    empty stays empty: later occurrences are signature blocks and decoys."""
    start = 0
    if skip_letterhead:
        for ln in lines[:TITLE_ZONE]:
            if _TITLE.match(ln.text):
                start = ln.index
                break
    body = lines[start:]
    out: dict[str, Reading] = {}
    seen: set[str] = set()
    for field, value, line, how in labeled_values(body):
        if field not in wanted or field in seen:
            continue
        if is_empty(value) and how == "next" and ":" not in line.text:
            continue  # a bare heading ("C. KONTAK"), not an empty row of the form
        seen.add(field)
        if is_empty(value):
            continue
        if field in WRAPPING_FIELDS and how in ("same", "fuzzy"):
            more = continuation(lines, line)
            if more:
                value = f"{value} {more}"
        reading = _normalised(field, value)
        if reading is not None:
            reading.file, reading.page = line.file, line.page
            reading.fallback = reading.fallback or how in ("paired", "fuzzy")
            out[field] = reading
    return out


def _normalised(field: str, value: str) -> Reading | None:
    if field == "nip":
        return nip_reading(value)
    if field == "email":
        v = normalize_email(value)
        return Reading(v.value, repaired=v.repaired)
    if field == "telepon":
        v = _personal_phone(value)
        return Reading(v.value, repaired=v.repaired)
    if field == "nama":
        return Reading(clean_name(value))
    text = re.sub(r"\s+", " ", value).strip(" :;|.,_-")
    if field == "pangkat_golongan":
        rank = _rank_regex().search(text)
        text = rank.group(0) if rank else text
    return Reading(text) if text else None


@lru_cache(maxsize=1)
def _rank_regex() -> re.Pattern:
    """"Penata Muda Tk. I (III/b)", "Pembina / IV.a": a rank and its group, without the label
    debris OCR leaves around it (". : Penata (III/c) Ruang")."""
    names = "|".join(map(re.escape, load_data("field_labels.toml")["form"]["rank_names"]))
    head = rf"\b(?:{names})\b[A-Za-z .]{{0,30}}?"
    return re.compile(head + r"\(\s*[IVX]+\s*/\s*[a-eA-E]\s*\)|"
                      + head + r"[/,]\s*[IVX]+\s*[./\-]\s*[a-eA-E]\b")


_MOBILE = re.compile(r"^08\d{7,11}$")


def _personal_phone(value: str):
    """The person's number: with several on the line (the office's, then "HP 0812..."), the
    mobile one."""
    chunks = [m.group(0) for m in PHONE_IN_TEXT.finditer(value)
              if sum(c.isdigit() for c in m.group(0)) >= 6]
    if len(chunks) > 1:
        for chunk in chunks:
            v = normalize_phone(chunk)
            if v.valid and _MOBILE.match(v.value or ""):
                return v
    return normalize_phone(value)


def nip_reading(value: str) -> Reading | None:
    """The NIP in a value; with several numbers (an NIK next to it) the one that validates."""
    candidates = nip_candidates(value)
    best = None
    for _, _, raw in candidates:
        v = normalize_nip(raw)
        if v.valid:
            return Reading(v.value, repaired=v.repaired)
        if best is None or (v.value and len(v.value) == 18):
            best = v
    if best is None:
        digits = re.sub(r"[^0-9]", "", value)
        if not digits:
            return None
        return Reading(digits)
    return Reading(best.value, repaired=best.repaired)


def form_date(lines: list[Line]) -> Reading | None:
    """The form's date: "Samarinda, 14 Oktober 2026" above the signature, else "Tanggal: ..."."""
    found = place_dates(lines) or labelled_dates(lines)
    if not found:
        return None
    d, ln = found[0]
    return Reading(d.isoformat(), ln.file, ln.page)
