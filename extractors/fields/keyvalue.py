"""Labels and their values, found by position on the page.

A value stands to the right of its label on the same row (after an optional colon, up to the next
label on that row: two fields side by side), or, when the row holds only the label, just below it
(labels above values) or, for a value written off its line, in the value column a little above or
below. A value that wraps continues on the following rows in its column while nothing stands in the
label column, up to the next labelled row or the cell's border.

Rows that are a table (`tables`) are left to it. Decided per page: labels printed as captions
under the line a value is written on; several people's values side by side in columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields import labels, values
from extractors.fields.labelled import (
    READ_COLON,
    crosses_rule,
    em_width,
    labels_by_row,
    row_of,
)
from extractors.fields.labels import LabelMatch
from extractors.fields.tables import find_tables, table_rows
from extractors.layout import Box, PageLayout, Row, Span, union

WRAPPING = {"nama", "jabatan", "pangkat_golongan", "instansi", "satuan_kerja", "alamat_kantor"}
JOINED = {"email", "nip", "telepon"}  # a value of these wrapped mid-token joins without a space
# A column heading naming the applicant, where a form puts people side by side.
_APPLICANT = re.compile(r"\b(?:calon|admin agency|pemohon|diusulkan|yang bersangkutan)\b",
                        re.IGNORECASE)
BELOW = 2.4  # em: how far under a bare label its value may start
OFF_LINE = 1.3  # em: a value written off its line (handwriting) may sit this far from the label
CONTINUATION_ROWS = 2
CONTINUATION_GAP = 1.9  # em between the rows of one wrapped value

_ONLY_PUNCT = re.compile(r"^[\s:;=.,_\-–—…|]*$")
_LEADING_COLON = re.compile(r"^\s*[:;=]+\s*")
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])(?:\.\d{1,2})*[.)]?\s*$")


@dataclass
class Pair:
    """One labelled value: the label's field, the value's text and where both stand."""

    field: str
    text: str
    spans: list[Span]
    label: Span
    layout: PageLayout
    row: int
    how: str  # "inline" (after the colon in the label's span), "right", "below", "off_line"
    colon: bool

    @property
    def box(self) -> Box:
        return union([s.box for s in self.spans]) if self.spans else self.label.box

    @property
    def confidence(self) -> float | None:
        found = [c for s in self.spans if (c := s.confidence) is not None]
        return round(sum(found) / len(found), 3) if found else None


def page_pairs(layout: PageLayout, skip: set[int]) -> list[Pair]:
    """Every labelled value of the page, top to bottom, left to right (table headers and their
    records excepted: see `tables`)."""
    found = labels_by_row(layout, skip)
    in_tables = {r.index for t in find_tables(layout, skip, found) for r in table_rows(t)}
    columns = _people_columns(layout, found, skip)  # the page's, once
    out: list[Pair] = []
    used: set[int] = set()
    for row in layout.rows:
        if row.index in in_tables:
            continue
        hits = found.get(row.index, [])
        for n, (span, hit) in enumerate(hits):
            nxt = hits[n + 1][0] if n + 1 < len(hits) else None
            pair = _value_of(layout, row, span, hit, nxt, found, skip, used, columns)
            if pair is not None:
                out.append(pair)
                used |= {id(s) for s in pair.spans}
    return _paired_columns(layout, _captions_under_values(layout, out, found, skip), found, skip)


def _captions_under_values(layout: PageLayout, pairs: list[Pair], found: dict,
                           skip: set[int]) -> list[Pair]:
    """A form whose labels are captions printed under the line each value is written on
    ("Tulis di atas garis"): a bare label's value is the line above it, not the next field's
    below. Decided for the page as a whole, by which reading gives more values of their type
    (NIP, email, telephone)."""
    bare = [p for p in pairs if p.how in ("below", "off_line") or not p.text
            or (p.how == "inline" and not p.colon and values.accept(p.field, p.text) is None)]
    if len(bare) < 3:
        return pairs
    above = {id(p): _above(layout, p, found, skip) for p in bare}
    typed = [p for p in bare if p.field in JOINED]

    def valid(p: Pair, spans: list[Span]) -> bool:
        text = " ".join(s.text for s in spans)
        return bool(text) and values.accept(p.field, text) is not None

    now = sum(valid(p, p.spans) for p in typed)
    then = sum(valid(p, above[id(p)]) for p in typed)
    if then <= now:
        return pairs
    # A caption's own words after the label ("Jabatan sekarang") are no value either.
    for p in pairs:
        if p.how == "inline" and not p.colon and id(p) not in above:
            above[id(p)] = _above(layout, p, found, skip)
    return [Pair(p.field, re.sub(r"\s+", " ", " ".join(s.text for s in above[id(p)])).strip(),
                 above[id(p)], p.label, layout, p.row, "above", p.colon)
            if above.get(id(p)) else p for p in pairs]


def _above(layout: PageLayout, pair: Pair, found: dict, skip: set[int]) -> list[Span]:
    """The spans of the row just above a bare label, in its column, that are no label."""
    k = row_of(layout, pair.label)
    if k == 0:
        return []
    upper = layout.rows[k - 1]
    if pair.label.box[1] - upper.box[3] > BELOW * layout.em:
        return []
    em_x = em_width(layout)
    labelled = {id(s) for s, _ in found.get(upper.index, [])}
    return [s for s in upper.spans if id(s) not in labelled and id(s) not in skip
            and abs(s.box[0] - pair.label.box[0]) < 2 * em_x]


def _value_of(layout: PageLayout, row: Row, span: Span, hit: LabelMatch, nxt: Span | None,
              found: dict[int, list[tuple[Span, LabelMatch]]], skip: set[int],
              used: set[int], columns: tuple[float, list[float]] | None) -> Pair | None:
    def pair(text: str, spans: list[Span], how: str) -> Pair:
        text = re.sub(r"\s+", " ", text).strip()
        return Pair(hit.field, text, spans, span, layout, row.index, how, hit.colon)

    limit = nxt.box[0] if nxt is not None else 2.0
    if hit.rest and not _ONLY_PUNCT.match(hit.rest) and not _translation(hit):
        spans = [span]
        more = _continuation(layout, row, span, hit.field, found, skip, span,
                             start_x=_rest_x(span))
        return pair(_joined(hit.field, [hit.rest] + [s.text for s in more]), spans + more,
                    "inline")
    right = [s for s in row.spans if s.box[0] >= span.box[2] - 1e-6 and s.box[0] < limit
             and id(s) not in skip and id(s) not in used]
    if len(right) > 1 and READ_COLON.match(right[0].text.strip()):
        right = right[1:]  # the colon between label and value, as OCR reads it ("1", "|", "1.")
    texts = [_LEADING_COLON.sub("", s.text) for s in right]
    kept = [(s, t) for s, t in zip(right, texts, strict=True) if not _ONLY_PUNCT.match(t)]
    if len(kept) > 1:
        kept = kept[:1] + [(s, t) for s, t in kept[1:] if not _under_notes(layout, row, s)]
    if columns is not None and kept:
        # Columns of people side by side: only the applicant's cell, which may be empty.
        column, xs = columns
        em_x = em_width(layout)
        shared = len(kept) == 1 and abs(kept[0][0].box[0] - xs[0]) < em_x \
            and kept[0][0].box[2] > xs[1] + em_x
        if not shared:  # (a value running across the columns is everyone's: "Instansi")
            kept = [(s, t) for s, t in kept if abs(s.box[0] - column) < em_x]
        if not kept:
            return pair("", [], "right")
    if kept:
        spans = [s for s, _ in kept]
        more = _continuation(layout, row, spans[0], hit.field, found, skip, span,
                             value="".join(t for _, t in kept))
        return pair(_joined(hit.field, [t for _, t in kept] + [s.text for s in more]),
                    spans + more, "right")
    if len(span.lines) > 1 and span.cell is not None and _boxed(row, span):
        # A box with its label on top and the value under it.
        return pair(_joined(hit.field, list(span.lines[1:])), [span], "inline")
    if span.cell is not None and any(c[0] >= span.cell[2] - 0.002 for c in row.cells):
        return pair("", [], "right")  # the value's cell beside the label is empty
    if right or hit.colon or not _alone(row, span, limit):
        # "Nama : ........" or "Nama :" with nothing after it: an empty field, unless its value
        # was written off the line.
        off = _off_line(layout, row, span, limit, found, skip, used)
        if off:
            return pair(" ".join(s.text for s in off), off, "off_line")
        return pair("", [], "right")
    below = _below(layout, row, span, limit, found, skip, used)
    if below:
        more = _continuation(layout, layout.rows[row_of(layout, below[0])], below[0],
                             hit.field, found, skip, span)
        return pair(_joined(hit.field, [s.text for s in below] + [s.text for s in more]),
                    below + more, "below")
    off = _off_line(layout, row, span, limit, found, skip, used)
    if off:
        return pair(" ".join(s.text for s in off), off, "off_line")
    return pair("", [], "below")


def _translation(hit: LabelMatch) -> bool:
    """What follows the label in its span is the label again in another language ("Nomor
    Induk Pegawai Civil servant ID"): the value is beside it."""
    again = labels.label_of(hit.rest, loose=False)
    return again is not None and again[0] == hit.field


def _people_columns(layout: PageLayout, found: dict,
                    skip: set[int]) -> tuple[float, list[float]] | None:
    """Where the applicant's values start, and where every column starts, when the values
    right of the labels stand in parallel columns, one person each ("Calon Admin Agency"
    beside "Atasan Langsung"): the applicant's is the column whose heading names the
    applicant, else the first. A column is where, on at least three labelled rows holding two
    values or more, a value starts."""
    em_x = em_width(layout)
    starts: list[float] = []
    for index, hits in found.items():
        label = hits[0][0]
        cells = [s for s in _beside(layout.rows[index], label, skip)
                 if sum(c.isalnum() for c in s.text) >= 3 and not READ_COLON.match(s.text)]
        if len(cells) >= 2 and len(hits) == 1:
            starts += [s.box[0] for s in cells]
    columns: list[list[float]] = []
    for x in sorted(starts):
        if columns and x - columns[-1][-1] < em_x:
            columns[-1].append(x)
        else:
            columns.append([x])
    xs = [min(c) for c in columns if len(c) >= 3]
    if len(xs) < 2:
        return None
    first = min(index for index in found)
    for row in reversed(layout.rows[:first]):
        for x in xs:
            cell = next((s for s in row.spans if abs(s.box[0] - x) < 3 * em_x), None)
            if cell is not None and _APPLICANT.search(cell.text):
                return x, xs
    # Without a heading naming the applicant, people side by side show it in their values: two
    # NIPs, addresses or numbers on one row. Words of one value set far apart (a scan of a
    # widely spaced page) never do.
    if not any(_several_values(layout.rows[index], hits[0][1].field, hits[0][0], skip)
               for index, hits in found.items() if hits[0][1].field in JOINED):
        return None
    return xs[0], xs


def _several_values(row: Row, name: str, label: Span, skip: set[int]) -> bool:
    return sum(values.accept(name, _LEADING_COLON.sub("", s.text)) is not None
               for s in _beside(row, label, skip)) >= 2


def _beside(row: Row, label: Span, skip: set[int]) -> list[Span]:
    """The spans of the label's row right of it (no decoy, no part of a label)."""
    return [s for s in row.spans if s.box[0] >= label.box[2] - 1e-6 and id(s) not in skip]


def _boxed(row: Row, span: Span) -> bool:
    """The cell holds its own value under its label: no value cell stands right of it (the next
    cell, if any, is another labelled box)."""
    assert span.cell is not None
    right = sorted((c for c in row.cells if c[0] >= span.cell[2] - 0.002), key=lambda c: c[0])
    if not right:
        return True
    beside = next((s for s in row.spans if s.cell == right[0]), None)
    return beside is not None and len(beside.lines) > 1 and \
        labels.match(beside.lines[0], True) is not None


def _rest_x(span: Span) -> float:
    """Where the value starts inside a "Label : value" span (the word after the colon)."""
    for k, w in enumerate(span.words):
        if ":" in w.text:
            after = span.words[k + 1:] if w.text.rstrip().endswith(":") else span.words[k:]
            if after:
                return after[0].box[0]
    return span.box[0]


def _alone(row: Row, span: Span, limit: float) -> bool:
    return not any(s is not span and span.box[2] <= s.box[0] < limit for s in row.spans)


def _free(layout: PageLayout, row: Row, found: dict, skip: set[int], used: set[int]) -> list[Span]:
    labelled = {id(s) for s, _ in found.get(row.index, [])}
    return [s for s in row.spans if id(s) not in labelled and id(s) not in skip
            and id(s) not in used]


def _below(layout: PageLayout, row: Row, span: Span, limit: float, found: dict,
           skip: set[int], used: set[int]) -> list[Span]:
    """The value printed under its label, starting in the label's column."""
    em_x = em_width(layout)
    for below in layout.rows[row.index + 1:row.index + 3]:
        if below.box[1] - span.box[3] > BELOW * layout.em:
            break
        if all(_is_junk(s.text) for s in below.spans) and not found.get(below.index):
            continue
        if crosses_rule(layout, span.box, below.box):
            break
        labelled = found.get(below.index, [])
        if any(s.box[2] > span.box[0] - em_x and s.box[0] <= span.box[0] + 2 * em_x
               for s, _ in labelled):
            return []  # the next field's row (a label in a column left of it is another's)
        # What stands right of a label of that row is its value (a heading "2. INSTANSI" over
        # "2.1 Nama Instansi : …"), and the row's list number is none.
        after = [s.box[2] for s, _ in labelled if s.box[0] > span.box[0] - em_x]
        spans = [s for s in _free(layout, below, found, skip, used)
                 if span.box[0] - 2 * em_x <= s.box[0] < limit and not _qualifier(s.text)
                 and not any(x <= s.box[0] for x in after)
                 and not (s is below.spans[0] and labelled and _LIST_NUMBER.match(s.text))]
        if spans and spans[0].box[0] > span.box[2] + 2 * em_x:
            continue  # not in the label's column: a column beside it (a two-column form)
        if spans and _values_column(layout, below):
            return []  # ": a", ": b", ...: a column of values read apart from its labels
        if spans:
            return spans
    return []


def _values_column(layout: PageLayout, row: Row) -> bool:
    following = [r for r in layout.rows[row.index + 1:row.index + 3] if not _is_junk(r.text)]
    return row.text.lstrip().startswith(":") and bool(following) and \
        following[0].text.lstrip().startswith(":")


def _off_line(layout: PageLayout, row: Row, span: Span, limit: float, found: dict,
              skip: set[int], used: set[int]) -> list[Span]:
    """A value written a little above or below its label's row, in the value column (handwriting
    placed off the dotted line)."""
    center = (span.box[1] + span.box[3]) / 2
    best: tuple[float, list[Span]] | None = None
    for k in (row.index - 1, row.index + 1):
        if not 0 <= k < len(layout.rows):
            continue
        other = layout.rows[k]
        if found.get(k):
            continue
        spans = [s for s in _free(layout, other, found, skip, used)
                 if span.box[2] <= s.box[0] < limit]
        if not spans:
            continue
        distance = abs((other.box[1] + other.box[3]) / 2 - center)
        if distance <= OFF_LINE * layout.em and (best is None or distance < best[0]):
            best = (distance, spans)
    return best[1] if best else []


def _qualifier(text: str) -> bool:
    """"(dengan gelar)", "(diisi huruf kapital)": a note under a label, not a value."""
    t = text.strip()
    return t.startswith("(") and t.endswith(")")


def _continuation(layout: PageLayout, row: Row, first: Span, name: str, found: dict,
                  skip: set[int], label: Span, start_x: float | None = None,
                  value: str | None = None) -> list[Span]:
    """Rows that continue a wrapped value: in its column, with nothing in the label column,
    followed by a labelled row (or a border), so a paragraph after the last field is not taken.
    A row's border runs under its label too; a line under the value alone is the dotted line it
    is written on."""
    if name not in WRAPPING and not (name in JOINED and (
            first.spaced or _cut_short(name, first.text if value is None else value))):
        return []
    em_x = em_width(layout)
    x = first.box[0] if start_x is None else start_x
    out: list[Span] = []
    last: Box = first.box
    # What stands in a column left of the label's (the other side of a two-column form) is
    # another field's business.
    left = min(label.box[0], x) - em_x

    def in_column(spans: list[Span]) -> list[Span]:
        return [s for s in spans if s.box[2] > left]

    def labelled(index: int) -> bool:
        return bool(in_column([s for s, _ in found.get(index, [])]))

    for below in layout.rows[row.index + 1:row.index + 1 + CONTINUATION_ROWS + 1]:
        if below.box[1] - last[3] > CONTINUATION_GAP * layout.em:
            break
        if labelled(below.index) or crosses_rule(layout, last, below.box, _across(label, x)):
            break
        spans = [s for s in in_column(below.spans) if id(s) not in skip]
        if not spans or spans[0].box[0] < x - 1.5 * em_x or abs(spans[0].box[0] - x) > 3 * em_x:
            break
        if _off_line_of_next(layout, below, spans[0], found, label):
            break
        if len(out) == CONTINUATION_ROWS:
            return []
        out.append(spans[0])
        last = spans[0].box
    if not out:
        return []
    after = row_of(layout, out[-1]) + 1
    ends = after >= len(layout.rows) or labelled(after) \
        or not in_column(layout.rows[after].spans) or \
        crosses_rule(layout, out[-1].box, layout.rows[after].box, _across(label, x))
    return out if ends else []


def _off_line_of_next(layout: PageLayout, row: Row, span: Span, found: dict,
                      label: Span) -> bool:
    """The span is the value of the label just below it, written off its line (handwriting
    above the dotted line): a label in the same column as the value's own, with nothing right
    of it on its row, the span in its value column and nearer to it than a wrapped line is to
    its first."""
    if row.index + 1 >= len(layout.rows):
        return False
    nxt = layout.rows[row.index + 1]
    em_x = em_width(layout)
    hits = [s for s, _ in found.get(nxt.index, []) if abs(s.box[0] - label.box[0]) < 2 * em_x]
    if not hits or span.box[0] < hits[-1].box[2]:
        return False
    if any(s.box[0] >= hits[-1].box[2] and not _ONLY_PUNCT.match(s.text) for s in nxt.spans):
        return False
    middle = (span.box[1] + span.box[3]) / 2
    return abs((nxt.box[1] + nxt.box[3]) / 2 - middle) <= OFF_LINE * layout.em


# The header of a table's column of notes beside the values ("sesuai SK", "18 digit").
_NOTES_HEADER = re.compile(r"^\s*(?:keterangan|ket\.?|catatan|petunjuk|notes?|remarks?)\s*$",
                           re.IGNORECASE)
_HEADER_SEARCH_ROWS = 15


def _under_notes(layout: PageLayout, row: Row, span: Span) -> bool:
    """A cell in the column of a table headed "Keterangan": a note, no part of the value. The
    header is over the cell, or (a table known only as text, its columns not aligned) the
    same column of a header row with as many cells."""
    column = row.spans.index(span)
    for above in reversed(layout.rows[max(0, row.index - _HEADER_SEARCH_ROWS):row.index]):
        for k, head in enumerate(above.spans):
            if not _NOTES_HEADER.match(head.text):
                continue
            if min(head.box[2], span.box[2]) - max(head.box[0], span.box[0]) > 0 or \
                    (k == column and len(above.spans) == len(row.spans)):
                return True
    return False


def _cut_short(name: str, value: str) -> bool:
    """An address that breaks off in its domain ("nama@instansi", "nama@instansi."): a box row
    or a cell too narrow for it, it goes on in the next row."""
    domain = value.strip().rpartition("@")[2]
    return name == "email" and "@" in value and ("." not in domain or domain.endswith("."))


def _is_junk(text: str) -> bool:
    """OCR debris between rows: a list number, a stray mark ("1", "sd", "Do")."""
    return len(text.strip()) <= 3 or not re.search(r"[A-Za-z0-9]{2}", text)


# --- a label column read apart from its value column ---------------------------------------------

_KINDS = {
    "nip": lambda t: len(re.sub(r"\D", "", t)) >= 15,
    "email": lambda t: "@" in t,
    "telepon": lambda t: (re.fullmatch(r"[+\d\s().\-/]{9,20}", t.strip()) is not None
                          and 9 <= sum(c.isdigit() for c in t) <= 14),
    "pangkat_golongan": lambda t: re.search(r"\(\s*[IVX]+\s*/\s*[a-eA-E]\s*\)", t) is not None,
}


def _paired_columns(layout: PageLayout, pairs: list[Pair], found: dict,
                    skip: set[int]) -> list[Pair]:
    """A run of bare labels followed by a run of values (a page known only as text, whose label
    column was read before its value column): values of a recognisable kind (NIP, email,
    telephone, rank) go to their field, the rest in order. Marked `paired`: a person looks."""
    k = 0
    while k < len(pairs):
        run = [k]
        while pairs[run[-1]].text == "" and not pairs[run[-1]].colon and run[-1] + 1 < len(pairs) \
                and pairs[run[-1] + 1].text == "" and not pairs[run[-1] + 1].colon \
                and _only_junk_between(layout, pairs[run[-1]].row, pairs[run[-1] + 1].row):
            run.append(run[-1] + 1)
        if len(run) < 3 or pairs[k].text:
            k += 1
            continue
        values = _values_after(layout, pairs[run[-1]].row, len(run), found, skip)
        free = list(range(len(values)))
        fields = [pairs[i].field for i in run]
        assigned: dict[int, int] = {}
        for n, f in enumerate(fields):
            test = _KINDS.get(f)
            hit = next((v for v in free if test and test(values[v][0])), None)
            if hit is not None:
                assigned[n] = hit
                free.remove(hit)
        typed = {v for v in free if any(t(values[v][0]) for f, t in _KINDS.items() if f in fields)}
        rest = [v for v in free if v not in typed]
        for n, f in enumerate(fields):
            if n not in assigned and f not in _KINDS and rest:
                assigned[n] = rest.pop(0)
        for n, v in assigned.items():
            p = pairs[run[n]]
            text, spans = values[v]
            pairs[run[n]] = Pair(p.field, _joined(p.field, [text]), spans, p.label, layout, p.row,
                                 "paired", p.colon)
        k = run[-1] + 1
    return pairs


def _only_junk_between(layout: PageLayout, a: int, b: int) -> bool:
    return all(_is_junk(layout.rows[j].text) for j in range(a + 1, b))


def _values_after(layout: PageLayout, last: int, count: int, found: dict,
                  skip: set[int]) -> list[tuple[str, list[Span]]]:
    """The values under a run of labels: each ":" opens the next value and lines without one
    continue it; without colons, one line per label."""
    rows = [r for r in layout.rows[last + 1:] if not _is_junk(r.text)]
    out: list[tuple[str, list[Span]]] = []
    colons = bool(rows) and rows[0].text.lstrip().startswith(":")
    for r in rows:
        if found.get(r.index) or any(id(s) in skip for s in r.spans):
            break
        text = r.text.strip()
        if colons and text.startswith(":"):
            if len(out) == count:
                break
            out.append((_LEADING_COLON.sub("", text), list(r.spans)))
        elif colons and out and len(text.split()) <= 6 and not text.endswith("."):
            out[-1] = (f"{out[-1][0]} {text}", out[-1][1] + list(r.spans))
        elif not colons and len(out) < count and len(text.split()) <= 14:
            out.append((text, list(r.spans)))
        else:
            break
    return out


def _across(label: Span, x: float) -> tuple[float, float]:
    """From the label's column to the value's: a row's border runs under both, a value's dotted
    line under the value alone."""
    return (min(label.box[0], x), max(label.box[2], x + 0.01))


def _joined(name: str, parts: list[str]) -> str:
    parts = [p.strip() for p in parts if p and p.strip()]
    if name in JOINED and len(parts) > 1:
        return "".join(parts)
    return " ".join(parts)


# --- tables --------------------------------------------------------------------------------------
