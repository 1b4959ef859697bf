"""The account request form: the person's fields, label by label."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields import keyvalue, labelled, regions, tables
from extractors.fields.lines import Line, Reading, labelled_dates, place_dates
from extractors.fields.person import CONFIDENT
from extractors.fields.values import accept, is_empty
from extractors.layout import PageLayout, Row, Span, union
from extractors.models import Method
from extractors.normalize import nip_candidates

PERSON_FIELDS = ("nama", "nip", "jabatan", "pangkat_golongan", "instansi", "satuan_kerja",
                 "alamat_kantor", "email", "telepon")


def decoy_spans(layout: PageLayout) -> set[int]:
    """Spans of the letterhead and of signature blocks: never the applicant's fields."""
    head = regions.letterhead(layout)
    out = {id(s) for row in layout.rows if row.index in head for s in row.spans}
    return out | regions.signature_spans(layout)


def person_fields(layouts: list[PageLayout],
                  wanted: tuple[str, ...] = PERSON_FIELDS) -> dict[str, Reading]:
    """The first labelled value of each wanted field, typed and normalised, with where it was
    read. A field whose first label is empty stays empty (later occurrences are decoys: a
    previous admin, a Pakta Integritas); a candidate that is no value of its field (a heading, a
    label read off its row) is passed over.

    A form that opens with its signer ("Yang bertanda tangan di bawah ini: Nama … NIP …") and
    then names the person it asks an account for ("… mengajukan permohonan … bagi: Nama …")
    gives the second person's fields; when no person follows, the signer is the applicant."""
    others = _person_fields(layouts, wanted, signer=False)
    if sum(1 for r in others.values() if r.value) >= _OTHER_PERSON_FIELDS:
        return others
    return _person_fields(layouts, wanted, signer=True)


def _heading(pair: keyvalue.Pair) -> bool:
    """A section heading that starts with a label's word ("KONTAK PRIBADI"): in capitals, read
    surely, without a digit or an "@". Nothing is written there."""
    text = pair.label.text
    return pair.confidence is not None and pair.confidence >= CONFIDENT and \
        text.isupper() and not re.search(r"[\d@]", text)


# Fields a person named after the signer shows (a stray signer's NIP below is not a person).
_OTHER_PERSON_FIELDS = 3


def _person_fields(layouts: list[PageLayout], wanted: tuple[str, ...],
                   signer: bool) -> dict[str, Reading]:
    """`person_fields`, with or without the rows introducing the signer."""
    out: dict[str, Reading] = {}
    garbled: dict[str, Reading] = {}
    seen: set[str] = set()
    read: list[_Page] = []
    for lay in layouts:
        skip = decoy_spans(lay)
        markers = regions.marker_rows(lay)
        read.append(_Page(lay, set(skip), markers))  # before the pairs add labels to skip
        previous = regions.previous_person_rows(lay)
        if not signer:
            previous = previous | regions.issuer_rows(lay)
        for pair in keyvalue.page_pairs(lay, skip):
            if pair.row in previous:
                continue
            if out and any(seen_row < pair.row for seen_row in markers
                           if seen_row > _first_row(out, lay)):
                # Past the closing ("Samarinda, 14 Oktober 2026", "Mengetahui,"): what follows
                # is signatures, never the person's data.
                return {**{f: r for f, r in garbled.items() if f not in seen}, **out}
            if pair.field not in wanted or pair.field in seen:
                continue
            if is_empty(pair.text):
                if pair.colon or pair.how == "right":
                    seen.add(pair.field)  # "Email : ......": printed empty
                continue
            reading = accept(pair.field, pair.text, ocr=pair.layout.method == Method.OCR)
            if reading is None:
                if pair.layout.method == Method.OCR and pair.field not in garbled and \
                        pair.how in ("inline", "right") and not _heading(pair):
                    # Something is written there, but no value of the field can be read from
                    # it: kept as a garbled reading, unless a later label gives the field.
                    garbled[pair.field] = _located(Reading(None, note="garbled"), pair.layout,
                                                   pair.box, pair.confidence)
                continue
            seen.add(pair.field)
            out[pair.field] = _located(reading, pair.layout, pair.box, pair.confidence,
                                       fallback=pair.how in ("off_line", "paired"))
            out[pair.field].row = pair.row
        for table in tables.tables(lay, skip):
            if len(table.records) != 1:
                continue  # a list of people is an appointment's, not the person of a form
            for name, spans in table.records[0].cells.items():
                for f in name.split("/"):
                    if f not in wanted or f in seen:
                        continue
                    reading = _from_cell(f, spans, lay.method == Method.OCR)
                    if reading is not None:
                        seen.add(f)
                        out[f] = _located(reading, lay, union([s.box for s in spans]),
                                          _confidence(spans))
    missing = [f for f in _SHAPES if f in wanted and f not in seen]
    while missing:  # each value found so widens the block the next is looked for in
        found = {f: r for f in missing if (r := _by_shape(f, read, out)) is not None}
        out.update(found)
        missing = [f for f in missing if f not in found] if found else []
    return {**{f: r for f, r in garbled.items() if f not in seen}, **out}


# What an agency's name starts with (SPEC's instansi: a ministry, an institution, a regional
# government), as no satuan kerja's does.
_INSTANSI = re.compile(r"(?:Pemerintah[\s.]+(?:Provinsi|Kabupaten|Kota|Kab|Prov)|Kementerian|"
                       r"Kejaksaan|Kepolisian|Mahkamah|Sekretariat\s+Jenderal)[\s.]+\w",
                       re.IGNORECASE)
_ADDRESS = re.compile(r"\S+@\S+")
# A mobile number (the applicant's; an office's line starts with its area code, "(0541)").
_MOBILE = re.compile(r"(?<![\d(])(?:\+?62|0)[\s-]?8\d(?:[\s.-]?\d){7,11}(?!\d)")


def _agency(row_text: str, m: re.Match[str]) -> str | None:
    """An agency's name runs to the row's end, and starts in the row's first half."""
    if m.start() > 0.5 * len(row_text):
        return None
    return re.sub(r"[\s.]*\.[\s.]*(?=\w)", " ", row_text[m.start():])


# A field's value by its shape, where its label is not read: its pattern, and the value the
# row's text gives around a match.
_SHAPES = {
    "instansi": (_INSTANSI, _agency),
    "email": (_ADDRESS, lambda _, m: m.group(0)),
    "telepon": (_MOBILE, lambda _, m: m.group(0)),
}


_AFTER_BLOCK = 3  # rows after the last field read that may still hold the person's fields


@dataclass
class _Page:
    """A page read for the person's fields, with its decoy spans and the rows that close it."""

    layout: PageLayout
    decoys: set[int]
    markers: list[int]


def _by_shape(field: str, pages: list[_Page], found: dict[str, Reading]) -> Reading | None:
    """On a scanned form whose label OCR garbled ("MISA" for "Instansi", "mua" for "Email"): a
    value in the block of the person's fields, on a row whose label is no known label, that has
    the field's shape (an agency's name, an address with "@", a mobile number). Read by
    position, so marked for a person to check."""
    shape, cut = _SHAPES[field]
    for page in pages:
        lay = page.layout
        if lay.method != Method.OCR:
            continue
        rows = [r.row for r in found.values() if r.file == lay.file and r.page == lay.page
                and r.row is not None]
        if len(rows) < 3:
            continue
        # The block: from the first field read to the last, and the few rows after it up to
        # the closing (the contacts often come last); never the letterhead or a signature.
        closing = [k for k in page.markers if k > max(rows)]
        end = min([max(rows) + _AFTER_BLOCK, *closing])
        for row in lay.rows[min(rows):end + 1]:
            if row.index in rows or row.index in closing or _labelled_row(row) or \
                    any(id(s) in page.decoys for s in row.spans):
                continue
            m = shape.search(row.text)
            text = cut(row.text, m) if m is not None else None
            reading = accept(field, text, ocr=True) if text else None
            if reading is not None:
                spans = [s for s in row.spans if s.box[2] > row.spans[0].box[2] or
                         len(row.spans) == 1]
                found_here = _located(reading, lay, union([s.box for s in spans]),
                                      _confidence(spans), fallback=True)
                found_here.row = row.index
                return found_here
    return None


def _labelled_row(row: Row) -> bool:
    """A row with a label of its own ("Telepon Kantor : (0541) …"); a "Nomor" alone is what
    OCR often leaves of "Nomor HP" or "Nomor Telepon", and counts as none."""
    for span in row.spans:
        hit = labelled.label_at(span)
        if hit is not None and hit.field != "nomor":
            return True
    return False


def _first_row(found: dict[str, Reading], layout: PageLayout) -> int:
    """The row of the first field read on this page (-1 when found on an earlier page)."""
    rows = [r.row for r in found.values() if r.page == layout.page and r.file == layout.file
            and r.row is not None]
    return min(rows) if rows else -1


def _from_cell(f: str, spans: list[Span], ocr: bool) -> Reading | None:
    lines = [ln for s in spans for ln in (s.lines or (s.text,))]
    if f == "nip":
        return accept(f, "".join(lines)) or accept(f, " ".join(lines))
    if f in keyvalue.JOINED:  # a narrow cell wraps "nama.dinas@" over "kaltimprov.go.id"
        return accept(f, "".join(lines), ocr)
    if f == "nama":  # "NAMA / NIP" cells: the name lines, without the NIP
        lines = [re.split(r"\bNIP\b|\bNI\s*PPPK\b", ln)[0] for ln in lines
                 if not re.match(r"\s*(NIP|NI\s*PPPK)\b", ln)]
        lines = [ln for ln in lines if ln.strip() and not nip_candidates(ln)]
    return accept(f, " ".join(lines))


def _confidence(spans: list[Span]) -> float | None:
    found = [c for s in spans if (c := s.confidence) is not None]
    return round(sum(found) / len(found), 3) if found else None


def _located(reading: Reading, layout: PageLayout, box, confidence: float | None,
             fallback: bool = False) -> Reading:
    reading.file, reading.page = layout.file, layout.page
    reading.box = tuple(round(v, 4) for v in box)  # type: ignore[assignment]
    reading.confidence = confidence
    reading.fallback = reading.fallback or fallback
    return reading


def form_date(lines: list[Line]) -> Reading | None:
    """The form's date: "Samarinda, 14 Oktober 2026" above the signature, else "Tanggal: ..."."""
    found = place_dates(lines) or labelled_dates(lines)
    if not found:
        return None
    d, ln = found[0]
    return Reading(d.isoformat(), ln.file, ln.page)
