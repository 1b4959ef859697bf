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


def addressee(lines: list[Line]) -> Reading | None:
    """The "Yth. ..." block, its wrapped lines joined, up to "di"/"di tempat"/"Dengan hormat" (or
    the addressee's street address). Only the block's own column is read: in a two-column head
    (number and subject on the left, the addressee on the right) the left column is not."""
    opener = _opener_regex()
    margin = min((ln.spans[0].box[0] for ln in lines if ln.spans), default=0.0)
    for k, ln in enumerate(lines):
        m = opener.search(ln.text)
        if m is None or (m.start() > 0 and "yth" not in ln.text[m.start():m.end()].lower()):
            continue
        first = ln.text[m.end():].strip()
        column = _column_of(ln, opener, margin)
        if column is not None:
            first = column[1]
        parts = [first] if first else []
        j = k + 1
        while j < len(lines) and j - k <= 4:
            text = lines[j].text
            if column is not None:
                right = _right_of(lines[j], column[0])
                if right is None and sum(c.isalnum() for c in text) < 2:
                    j += 1  # a speck the scan left in the margin, on a row of its own
                    continue
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
    return _addressee_in_prose(lines)


# "... dengan ini mengajukan permohonan kepada Kepala Biro ... di Samarinda untuk ...": a letter
# with no "Yth." block names whom it is for in its first sentences.
_IN_PROSE = re.compile(
    r"\b(?:permohonan|disampaikan|ditujukan|kami\s+sampaikan|kami\s+ajukan)\s+kepada\s+"
    r"(?:Yth\.?\s+|Bapak/Ibu\s+|Bapak\s+|Ibu\s+)?"
    r"(?P<who>(?:Kepala|Plt\.?|Plh\.?|Pimpinan|Ketua|Kabiro|Gubernur|Bupati|Wali\s*kota|"
    r"Sekretaris|Direktur)\b.{4,160}?)(?=\s+(?:di|untuk|guna|agar|dengan|perihal)\b|[.;:]|$)",
    re.IGNORECASE)


def _addressee_in_prose(lines: list[Line]) -> Reading | None:
    for k, ln in enumerate(lines[:40]):
        text = " ".join(x.text for x in lines[k:k + 3])
        m = _IN_PROSE.search(text)
        if m is not None and m.start() < len(ln.text):
            return Reading(re.sub(r"\s+", " ", m.group("who")).strip(" ,"), ln.file, ln.page)
    return None


def _column_of(ln: Line, opener: re.Pattern, margin: float) -> tuple[float, str] | None:
    """When the opener stands in a column right of the page's margin (a two-column head, the
    addressee on the right): where that column starts, and the addressee's text on its row."""
    for span in ln.spans:
        if opener.search(span.text) is None:
            continue
        word = next((w for w in span.words if opener.match(w.text + " ")), span.words[0])
        if word.box[0] <= margin + 0.06:
            return None
        rest = _right_of(ln, word.box[0]) or ""
        found = opener.search(rest)
        return word.box[0], rest[found.end():].strip() if found else rest
    return None


def _right_of(ln: Line, x: float) -> str | None:
    """The words of a row from column `x` on (a little to its left allowed): the right column
    of a two-column head, even where its first word sits close to the left column's last."""
    words = [w for s in ln.spans for w in s.words if w.box[0] >= x - 0.012]
    if not words:
        return None
    return " ".join(w.text for w in words).strip()


def _squash(s: str) -> str:
    return re.sub(r"[^a-z0-9/]+", " ", s.lower()).strip()


def addressed_to_lpse(tujuan: str) -> bool:
    """Addressed to the head of this LPSE or of its Biro Pengadaan Barang/Jasa (SPEC): a head of
    one of those bodies, of no other region than this LPSE's own ("Kepala LPSE Kota Samarinda" is
    another LPSE)."""
    rules = _rules()
    low = f" {_squash(tujuan)} "
    head = any(f" {_squash(h)} " in low for h in rules["tujuan_heads"])
    body = any(f" {_squash(b)} " in low or _squash(b).replace(" ", "") in low.replace(" ", "")
               for b in rules["tujuan_bodies"])
    return head and body and not _other_region(low, rules)


def _other_region(low: str, rules: dict) -> bool:
    """A region named in the addressee that is not this LPSE's own: a city or regency (this LPSE
    is a province's), or another province."""
    for own in sorted((f" {_squash(r)} " for r in rules["own_region"]), key=len, reverse=True):
        low = low.replace(own, " ")
    return re.search(r" (kota|kabupaten|kab|provinsi|prov) [a-z]", low) is not None


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
    found = place_dates(lines) or labelled_dates(lines) or _dates_alone(lines)
    if found:
        d, ln = found[0]
        return Reading(d.isoformat(), ln.file, ln.page)
    for ln in lines:
        dates = find_dates(ln.text)
        if dates:
            return Reading(dates[0][2].isoformat(), ln.file, ln.page, fallback=True)
    return None


def _dates_alone(lines: list[Line]) -> list[tuple]:
    """A date standing alone in its cell or line ("6 Juli 2026" at the right of the head, the
    place left to the letterhead): the letter's date, as sure as "Samarinda, 6 Juli 2026"."""
    out = []
    for ln in lines:
        for span in ln.spans or ():
            text = span.text.strip(" .,")
            dates = find_dates(text)
            if len(dates) == 1 and dates[0][0] == 0 and dates[0][1] >= len(text) - 1:
                out.append((dates[0][2], ln))
    return out


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
