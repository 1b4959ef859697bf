"""Parts of a page that never hold the applicant's fields, found by position and shape.

- The letterhead (kop surat): the rows above the first wide rule near the top of a document's
  first page, or above its title. It carries the office's address, telephone and email.
- Signature blocks: a closing or position line ("Mengetahui,", "Hormat kami,", "a.n. Kepala …",
  "KEPALA DINAS …,", "Samarinda, 14 Oktober 2026", "Salinan sesuai dengan aslinya") and below it, in
  the same column, the signer's name, rank and NIP. The head's NIP there is a decoy.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields.labels import match
from extractors.layout import PageLayout, Row, Span
from extractors.normalize import find_dates, letterhead_words, load_data, nip_candidates

LETTERHEAD_ZONE = 0.3  # of the page's height: a rule below this is not the letterhead's
WIDE_RULE = 0.55  # of the page's width: the double line under a letterhead
TITLE_ZONE = 0.45
SIGNATURE_ROWS = 9  # rows below a marker that may still belong to its block
SIGNATURE_DEPTH = 17.0  # em below the marker: room for a stamp, the name, rank and NIP

_TITLE = re.compile(r"^\s*(?:formulir|form\b|surat\b|keputusan\b|nota\s+dinas|lampiran\b|"
                    r"pakta\b|data\s+calon|permohonan\b|daftar\b|berita\s+acara|blanko\b|blangko\b|"
                    r"isian\b|lembar\s+isian|biodata\b)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[A-Z][A-Za-z'.\-]+(?:\s[A-Za-z'.\-]+){0,3}\s?,\s*\d")
_COPY_MARK = re.compile(r"salinan\s+sesuai|sesuai\s+dengan\s+aslinya", re.IGNORECASE)


@lru_cache(maxsize=1)
def _signature() -> dict:
    return load_data("field_labels.toml")["signature"]


def _starts_with(text: str, words: list[str]) -> bool:
    low = text.lower().strip()
    return any(low.startswith(w) and (len(low) == len(w) or not low[len(w)].isalpha())
               for w in words)


def letterhead(layout: PageLayout) -> set[int]:
    """Indices of the rows of the letterhead (empty when the page has none): above the wide rule
    that closes it, or above the document's title; never the title or a labelled row itself."""
    rows = layout.rows
    if not rows:
        return set()
    titles = [r for r in rows if r.box[1] <= TITLE_ZONE and _TITLE.match(r.text)]
    title = titles[0] if titles else None
    if title is not None and title.index == 0 and len(titles) > 1:
        title = titles[1]  # the first row a tag above the letterhead ("Lampiran SOP … RA-01")
    limit = title.box[1] if title is not None else LETTERHEAD_ZONE
    wide = [r[1] for r in layout.rules if r[1] == r[3] and r[2] - r[0] >= WIDE_RULE
            and rows[0].box[1] < r[1] <= min(limit + 0.002, LETTERHEAD_ZONE)]
    if wide:
        y = min(wide)
        above = [row for row in rows if row.box[3] <= y + 0.002]
    elif title is not None and title.index <= 8:
        above = rows[:title.index]
    else:
        return set()
    if not 0 < len(above) <= 8 or any(_labelled(row) for row in above):
        return set()
    return {row.index for row in above}


def _labelled(row: Row) -> bool:
    """A form's row ("Nama : ...", "NIP | 1986..."), which no letterhead has. A letterhead's
    contact lines name the ways to reach the office, several on one line ("Telepon (0541)
    745018 Pos-el: ...") or one a line ("Telp. (0541) 743712" over "Email: dinas@…"): a form's
    person is named first, and has one label a row."""
    first = match(row.spans[0].text, cell=len(row.spans) > 1)
    if first is None or first.field in ("ignore", "nomor", "tanggal", "perihal", "telepon",
                                        "email") \
            or not (len(row.spans) > 1 or bool(first.rest)):
        return False
    return len(letterhead_words("contact", whole_word=False).findall(row.text)) < 2


def is_marker(text: str) -> bool:
    """A line that opens a signature block."""
    rules = _signature()
    t = text.strip()
    low = t.lower()
    if _starts_with(low, rules["markers"]) or _starts_with(low, ["pemohon", "yang mengajukan",
                                                                 "yang membuat pernyataan",
                                                                 "yang bersangkutan,"]):
        return True
    if _COPY_MARK.search(t):
        return True
    if _PLACE_DATE.match(t) and find_dates(t) and len(t) < 60:
        return True
    return low.endswith(",") and len(t) < 120 and _starts_with(low, rules["head_words"])


_SECTION = re.compile(r"^\s*(?:[A-H]|[IVX]{1,4}|\d{1,2})[.)]\s+\S")


def _is_heading(row: Row) -> bool:
    """A section heading: "A. DATA ADMIN AGENCY LAMA", "II. DATA PEMOHON" (a numbered line of
    capitals, or of words without a value)."""
    text = row.text.strip()
    if len(text) > 90 or not _SECTION.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return len(row.spans) == 1 and bool(letters) and (
        sum(c.isupper() for c in letters) >= 0.6 * len(letters) or ":" not in text)


def previous_person_rows(layout: PageLayout) -> set[int]:
    """Rows of a section about the person being replaced ("A. DATA ADMIN AGENCY LAMA (yang
    digantikan)"), up to the next section heading: never the applicant's data."""
    words = [w.lower() for w in load_data("field_labels.toml")["form"]["previous_person_words"]]
    out: set[int] = set()
    inside = False
    for row in layout.rows:
        if _is_heading(row):
            low = row.text.lower()
            inside = any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", low)
                         for w in words)
        if inside:
            out.add(row.index)
    return out


def issuer_rows(layout: PageLayout) -> set[int]:
    """Rows describing the issuer of an appointment or a letter: from "Yang bertanda tangan di
    bawah ini" to the word that acts ("menunjuk", "menugaskan", "kepada"). On a form the same
    words introduce the applicant, so only appointments and letters use this."""
    rules = _signature()
    out: set[int] = set()
    inside = False
    for row in layout.rows:
        low = row.text.lower()
        if any(o in low for o in rules["issuer_openers"]):
            inside = not any(re.search(r"(?<![a-z])" + re.escape(c) + r"(?![a-z])",
                                        low.split(next(o for o in rules["issuer_openers"]
                                                       if o in low))[1])
                             for c in rules["issuer_closers"])
            continue
        if inside and any(re.search(r"(?<![a-z])" + re.escape(c) + r"(?![a-z])", low)
                          for c in rules["issuer_closers"]):
            inside = False
            continue
        if inside:
            out.add(row.index)
    return out


def marker_rows(layout: PageLayout) -> list[int]:
    """Rows holding a line that opens a signature block."""
    return [row.index for row in layout.rows
            if any(is_marker(s.text) for s in row.spans) and not _body_follows(layout.rows, row)]


def signature_spans(layout: PageLayout) -> set[int]:
    """ids of the spans inside signature blocks: from a marker down, in the marker's column, to
    the first NIP under it (or a few rows, when the signer has none)."""
    out: set[int] = set()
    rows = layout.rows
    for row in rows:
        for span in row.spans:
            if not is_marker(span.text) or _body_follows(rows, row):
                continue
            left = span.box[0] - 1.5 * layout.em / layout.aspect
            right = max(span.box[2], span.box[0] + 0.3)
            top = span.box[1]
            members = [span]
            for below in rows[row.index + 1:row.index + 1 + SIGNATURE_ROWS]:
                if below.box[1] - top > SIGNATURE_DEPTH * layout.em:
                    break
                inside = [s for s in below.spans if s.box[0] >= left and s.box[0] < right]
                if any(_is_prose(s, layout) for s in inside):
                    break
                members += inside
                if any(nip_candidates(s.text) for s in inside):
                    break
            out |= {id(s) for s in members}
    return out


def _is_prose(span: Span, layout: PageLayout) -> bool:
    return len(span.text.split()) > 12 and (span.box[2] - span.box[0]) > 0.6


def _body_follows(rows: list[Row], row: Row) -> bool:
    """"BUPATI KUTAI TIMUR," above "Menimbang": the issuer at the head of a decree, not a
    signature."""
    body = _signature()["body_words"]
    return any(_starts_with(r.text, body) for r in rows[row.index + 1:row.index + 3])
