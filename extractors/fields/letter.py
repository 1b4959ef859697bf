"""The cover letter (Surat Permohonan): number, date, addressee, subject, signer."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields.lines import (
    Line,
    Reading,
    first_number,
    labelled_dates,
    looks_like_name,
    match_label,
    name_above,
    place_dates,
    signature_starts,
)
from extractors.normalize import (
    clean_name,
    find_dates,
    load_data,
    nip_candidates,
)


@lru_cache(maxsize=1)
def _rules() -> dict:
    return load_data("field_labels.toml")["letter"]


def _opener_regex() -> re.Pattern:
    openers = sorted(_rules()["addressee_openers"], key=len, reverse=True)
    alt = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in openers)
    return re.compile(r"(?:^|\s)(?:" + alt + r")(?![A-Za-z])\s*:?\s*", re.IGNORECASE)


def _is_closer(text: str) -> bool:
    low = re.sub(r"\s+", " ", text.lower()).strip(" .,:")
    return any(low == c or low.startswith(c + " ") for c in _rules()["addressee_closers"]) \
        or low.startswith("dengan hormat") or low.startswith("di ")


def _is_address(text: str) -> bool:
    low = text.lower().strip()
    return any(low == a or low.startswith(a + " ") or (a.endswith(".") and low.startswith(a))
               for a in _rules()["addressee_address"])


def _is_prose(text: str) -> bool:
    """A sentence of the letter's body (an email whose addressee line runs straight into
    "Bersama ini kami ..."), not a wrapped addressee line."""
    words = text.split()
    return len(words) > 14 or (len(words) > 6 and text.rstrip().endswith((".", ":")))


_SEGMENT = re.compile(r"\S+(?: \S+)*")  # a run of text between column gaps (2+ spaces)


def _right_column(raw: str, column: int) -> str | None:
    """The text of a line's right-hand column starting near `column` (a two-column letterhead:
    number and subject on the left, the addressee on the right)."""
    for m in _SEGMENT.finditer(raw):
        if m.start() >= column - 4:
            return raw[m.start():].strip()
    return None


def addressee(lines: list[Line]) -> Reading | None:
    """The "Yth. ..." block, its wrapped lines joined, up to "di"/"di tempat"/"Dengan hormat" (or
    the addressee's street address). When the block is the right column of a two-column head,
    only that column is read."""
    opener = _opener_regex()
    for k, ln in enumerate(lines):
        m = opener.search(ln.text)
        if m is None or (m.start() > 0 and "yth" not in ln.text[m.start():m.end()].lower()):
            continue
        first = ln.text[m.end():].strip()
        parts = [first] if first else []
        column = _opener_column(ln, opener)
        j = k + 1
        while j < len(lines) and j - k <= 4:
            text = lines[j].text
            if column is not None:
                right = _right_column(lines[j].raw, column)
                if right is None:
                    break
                text = right
            elif match_label(text) is not None:
                break
            if _is_closer(text) or _is_address(text) or _is_prose(text):
                break
            again = opener.match(text)  # "Kepada" on one line, "Yth. ..." on the next
            parts.append(text[again.end():] if again else text)
            j += 1
        value = re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip(" ,:")
        value = re.sub(r"\s+di\s*-?\s*(tempat)?$", "", value, flags=re.IGNORECASE)
        if len(value) >= 4:
            return Reading(value, ln.file, ln.page)
    return None


def _opener_column(ln: Line, opener: re.Pattern) -> int | None:
    """Where the addressee starts in the raw line, when text stands to its left across a column
    gap; None for an addressee block starting at the left margin."""
    m = opener.search(ln.raw)
    if m is None:
        return None
    start = m.start() + (1 if ln.raw[m.start()].isspace() else 0)
    left = ln.raw[:start]
    return start if left.strip() and re.search(r"\S\s{2,}$", left) else None


def _squash(s: str) -> str:
    return re.sub(r"[^a-z0-9/]+", " ", s.lower()).strip()


def addressed_to_lpse(tujuan: str) -> bool:
    """Addressed to the head of LPSE or of the Biro Pengadaan Barang/Jasa (SPEC)."""
    rules = _rules()
    low = f" {_squash(tujuan)} "
    head = any(f" {_squash(h)} " in low for h in rules["tujuan_heads"])
    body = any(f" {_squash(b)} " in low or _squash(b).replace(" ", "") in low.replace(" ", "")
               for b in rules["tujuan_bodies"])
    return head and body


def letter_number(lines: list[Line]) -> Reading | None:
    return first_number(lines, r"\s{2,}|\s+(?:Kepada|Yth)\b|\s+[A-Z][a-z]+,\s*\d")


def subject(lines: list[Line]) -> Reading | None:
    for ln in lines:
        hit = match_label(ln.text)
        if hit and hit.field == "perihal" and hit.rest:
            return Reading(hit.rest, ln.file, ln.page)
    return None


def letter_date(lines: list[Line]) -> Reading | None:
    """"Samarinda, 14 Oktober 2026" (the first), else "Tanggal: ...", else the first date at all
    (a fallback)."""
    found = place_dates(lines) or labelled_dates(lines)
    if found:
        d, ln = found[0]
        return Reading(d.isoformat(), ln.file, ln.page)
    for ln in lines:
        dates = find_dates(ln.text)
        if dates:
            return Reading(dates[0][2].isoformat(), ln.file, ln.page, fallback=True)
    return None


def signer(lines: list[Line]) -> Reading | None:
    """The name in the last signature block: above its NIP, else right below its position line."""
    markers = signature_starts(lines)
    if not markers:
        return None
    start = markers[-1]
    for ln in lines[start + 1:start + 8]:
        if nip_candidates(ln.text):
            above = name_above(lines, ln.index)
            if above is not None and above.index > start:
                return Reading(clean_name(above.text), above.file, above.page)
            break
    for ln in lines[start + 1:start + 5]:
        if looks_like_name(ln.text) and not re.match(r"(?i)\s*(ttd|tertanda)", ln.text):
            return Reading(clean_name(ln.text), ln.file, ln.page)
    return None
