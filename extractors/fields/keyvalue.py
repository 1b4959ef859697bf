"""Labels and their values, found by position on the page.

A value stands to the right of its label on the same row (after an optional colon, up to the next
label on that row: two fields side by side), or, when the row holds only the label, just below it
(labels above values) or, for a value written off its line, in the value column a little above or
below. A value that wraps continues on the following rows in its column while nothing stands in the
label column, up to the next labelled row or the cell's border.

A row of three or more labels is a table's header: the rows under it are its records, each cell
under its header (a cell may hold several lines: "NAMA / NIP" over two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.fields import labels, values
from extractors.fields.labels import IGNORE, LabelMatch
from extractors.layout import Box, PageLayout, Row, Span, union

WRAPPING = {"nama", "jabatan", "pangkat_golongan", "instansi", "satuan_kerja", "alamat_kantor"}
JOINED = {"email", "nip", "telepon"}  # a value of these wrapped mid-token joins without a space
PERSON_FIELDS = frozenset(labels.person_fields())
# A column heading naming the applicant, where a form puts people side by side.
_APPLICANT = re.compile(r"\b(?:calon|admin agency|pemohon|diusulkan|yang bersangkutan)\b",
                        re.IGNORECASE)
BELOW = 2.4  # em: how far under a bare label its value may start
OFF_LINE = 1.3  # em: a value written off its line (handwriting) may sit this far from the label
CONTINUATION_ROWS = 2
CONTINUATION_GAP = 1.9  # em between the rows of one wrapped value
TABLE_GAP = 3.0  # em: a wider gap under a table's last row ends the table
MIN_HEADER_LABELS = 3

_READ_COLON = re.compile(r"^[:;=1lI|i!][.,:;]?$")  # a lone colon as OCR may read it
_ONLY_PUNCT = re.compile(r"^[\s:;=.,_\-–—…|]*$")
_LEADING_COLON = re.compile(r"^\s*[:;=]+\s*")


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


@dataclass
class Record:
    """One row of a table: for each header field, the cell's lines."""

    cells: dict[str, list[Span]] = field(default_factory=dict)
    layout: PageLayout | None = None

    def lines(self, name: str) -> list[str]:
        return [ln for s in self.cells.get(name, []) for ln in (s.lines or (s.text,))]


@dataclass
class Table:
    header: Row
    columns: list[tuple[tuple[str, ...], float, float]]  # (fields, x0, x1)
    records: list[Record]
    layout: PageLayout


def label_at(span: Span, cell: bool = False, alone: bool = False) -> LabelMatch | None:
    """The label a span is or starts with ("Nama :", "NIP/NI PPPK", "Email : x@y.id"). `cell`:
    more stands beside it on its row (or it is a ruled cell); `alone`: nothing else is on its row
    (a label over its value). In a table cell of several lines the whole cell is the label (one
    wrapped over two lines) or else its first line (the others a translation or a note: "Nama
    Lengkap" over "Full Name")."""
    if len(span.lines) > 1 and cell:
        for text in (span.text, span.lines[0]):
            found = labels.match(text, True)
            if found is not None and not found.rest:
                return found
    found = labels.match(span.text, cell) or labels.leading_label(span.text)
    if found is None and alone:
        found = labels.match(span.text, True)
    return found


def _row_labels(row: Row, skip: set[int]) -> list[tuple[Span, LabelMatch]]:
    out = []
    for n, s in enumerate(row.spans):
        if id(s) in skip:
            continue
        m = label_at(s, cell=n + 1 < len(row.spans) or s.cell is not None,
                     alone=len(row.spans) == 1)
        if m is not None:
            out.append((s, m))
    return out


def page_pairs(layout: PageLayout, skip: set[int]) -> list[Pair]:
    """Every labelled value of the page, top to bottom, left to right (table headers and their
    records excepted: see `tables`)."""
    found = _labels(layout, skip)
    in_tables = {r.index for t in _tables(layout, skip, found) for r in _table_rows(t)}
    out: list[Pair] = []
    used: set[int] = set()
    for row in layout.rows:
        if row.index in in_tables:
            continue
        hits = found.get(row.index, [])
        for n, (span, hit) in enumerate(hits):
            nxt = hits[n + 1][0] if n + 1 < len(hits) else None
            pair = _value_of(layout, row, span, hit, nxt, found, skip, used)
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
    k = _row_of(layout, pair.label)
    if k == 0:
        return []
    upper = layout.rows[k - 1]
    if pair.label.box[1] - upper.box[3] > BELOW * layout.em:
        return []
    em_x = _em_x(layout)
    labelled = {id(s) for s, _ in found.get(upper.index, [])}
    return [s for s in upper.spans if id(s) not in labelled and id(s) not in skip
            and abs(s.box[0] - pair.label.box[0]) < 2 * em_x]


def _value_of(layout: PageLayout, row: Row, span: Span, hit: LabelMatch, nxt: Span | None,
              found: dict[int, list[tuple[Span, LabelMatch]]], skip: set[int],
              used: set[int]) -> Pair | None:
    def pair(text: str, spans: list[Span], how: str) -> Pair:
        text = re.sub(r"\s+", " ", text).strip()
        return Pair(hit.field, text, spans, span, layout, row.index, how, hit.colon)

    limit = nxt.box[0] if nxt is not None else 2.0
    if hit.rest and not _ONLY_PUNCT.match(hit.rest):
        spans = [span]
        more = _continuation(layout, row, span, hit.field, found, skip, span,
                             start_x=_rest_x(span))
        return pair(_joined(hit.field, [hit.rest] + [s.text for s in more]), spans + more,
                    "inline")
    right = [s for s in row.spans if s.box[0] >= span.box[2] - 1e-6 and s.box[0] < limit
             and id(s) not in skip and id(s) not in used]
    if len(right) > 1 and _READ_COLON.match(right[0].text.strip()):
        right = right[1:]  # the colon between label and value, as OCR reads it ("1", "|", "1.")
    texts = [_LEADING_COLON.sub("", s.text) for s in right]
    kept = [(s, t) for s, t in zip(right, texts, strict=True) if not _ONLY_PUNCT.match(t)]
    if len(kept) > 1:
        column = _person_column(layout, row, [s for s, _ in kept])
        if column is not None:
            kept = [kept[column]]
    if kept:
        spans = [s for s, _ in kept]
        more = _continuation(layout, row, spans[0], hit.field, found, skip, span)
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
        more = _continuation(layout, layout.rows[_row_of(layout, below[0])], below[0],
                             hit.field, found, skip, span)
        return pair(_joined(hit.field, [s.text for s in below] + [s.text for s in more]),
                    below + more, "below")
    off = _off_line(layout, row, span, limit, found, skip, used)
    if off:
        return pair(" ".join(s.text for s in off), off, "off_line")
    return pair("", [], "below")


def _person_column(layout: PageLayout, row: Row, spans: list[Span]) -> int | None:
    """When the values right of a label stand in parallel columns, one person each ("Calon
    Admin Agency" beside "Atasan Langsung"), the applicant's: the column whose heading names
    the applicant, else the first. Columns are values starting where, on at least three other
    rows, values start too."""
    if sum(sum(c.isalnum() for c in s.text) >= 3 for s in spans) < 2:
        return None  # one value and marks beside it, no columns of people
    em_x = _em_x(layout)

    def starts(x: float, other: Row) -> Span | None:
        return next((s for s in other.spans if abs(s.box[0] - x) < em_x), None)

    others = [r for r in layout.rows if r is not row]
    aligned = [r for r in others if all(starts(s.box[0], r) for s in spans)]
    if len(aligned) < 3:
        return None
    above = [r for r in aligned if r.box[3] <= row.box[1]]
    for heading in reversed(above):
        for k, s in enumerate(spans):
            cell = starts(s.box[0], heading)
            if cell is not None and _APPLICANT.search(cell.text):
                return k
    return 0


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


def _row_of(layout: PageLayout, span: Span) -> int:
    for row in layout.rows:
        if any(s is span for s in row.spans):
            return row.index
    return 0


def _em_x(layout: PageLayout) -> float:
    return layout.em / layout.aspect


def _free(layout: PageLayout, row: Row, found: dict, skip: set[int], used: set[int]) -> list[Span]:
    labelled = {id(s) for s, _ in found.get(row.index, [])}
    return [s for s in row.spans if id(s) not in labelled and id(s) not in skip
            and id(s) not in used]


def _below(layout: PageLayout, row: Row, span: Span, limit: float, found: dict,
           skip: set[int], used: set[int]) -> list[Span]:
    """The value printed under its label, starting in the label's column."""
    em_x = _em_x(layout)
    for below in layout.rows[row.index + 1:row.index + 3]:
        if below.box[1] - span.box[3] > BELOW * layout.em:
            break
        if all(_is_junk(s.text) for s in below.spans) and not found.get(below.index):
            continue
        if _crosses_rule(layout, span.box, below.box):
            break
        labelled = found.get(below.index, [])
        if any(s.box[0] <= span.box[0] + 2 * em_x for s, _ in labelled):
            return []  # the next field's row
        spans = [s for s in _free(layout, below, found, skip, used)
                 if span.box[0] - 2 * em_x <= s.box[0] < limit and not _qualifier(s.text)]
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


def _crosses_rule(layout: PageLayout, upper: Box, lower: Box,
                  across: tuple[float, float] | None = None) -> bool:
    """A horizontal rule between two boxes (a table row's border), running across their shared
    columns, or across `across` (x0, x1) when given."""
    x0, x1 = max(upper[0], lower[0]), min(upper[2], lower[2])
    if x1 <= x0:
        x0, x1 = lower[0], lower[2]
    if across is not None:
        x0, x1 = across
    for r in layout.rules:
        if r[1] == r[3] and upper[3] - 0.002 <= r[1] <= lower[1] + 0.002 \
                and r[0] <= x0 + 0.01 and r[2] >= min(x1, x0 + 0.02):
            return True
    return False


def _continuation(layout: PageLayout, row: Row, first: Span, name: str, found: dict,
                  skip: set[int], label: Span, start_x: float | None = None) -> list[Span]:
    """Rows that continue a wrapped value: in its column, with nothing in the label column,
    followed by a labelled row (or a border), so a paragraph after the last field is not taken.
    A row's border runs under its label too; a line under the value alone is the dotted line it
    is written on."""
    if name not in WRAPPING and not (name in JOINED and first.spaced):
        return []
    em_x = _em_x(layout)
    x = first.box[0] if start_x is None else start_x
    out: list[Span] = []
    last: Box = first.box
    for below in layout.rows[row.index + 1:row.index + 1 + CONTINUATION_ROWS + 1]:
        if below.box[1] - last[3] > CONTINUATION_GAP * layout.em:
            break
        if found.get(below.index) or _crosses_rule(layout, last, below.box, _across(label, x)):
            break
        spans = [s for s in below.spans if id(s) not in skip]
        if not spans or spans[0].box[0] < x - 1.5 * em_x or abs(spans[0].box[0] - x) > 3 * em_x:
            break
        if len(out) == CONTINUATION_ROWS:
            return []
        out.append(spans[0])
        last = spans[0].box
    if not out:
        return []
    after = _row_of(layout, out[-1]) + 1
    ends = after >= len(layout.rows) or bool(found.get(after)) or \
        _crosses_rule(layout, out[-1].box, layout.rows[after].box, _across(label, x))
    return out if ends else []


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

def _labels(layout: PageLayout, skip: set[int]) -> dict[int, list[tuple[Span, LabelMatch]]]:
    found = {}
    for n, row in enumerate(layout.rows):
        hits = _row_labels(row, skip)
        wrapped = _wrapped_label(layout, n, hits, skip)
        if wrapped is not None:
            hits = [wrapped] + [h for h in hits if h[0] is not wrapped[0]]
        if hits:
            found[row.index] = hits
    return found


def _wrapped_label(layout: PageLayout, n: int, hits: list[tuple[Span, LabelMatch]],
                   skip: set[int]) -> tuple[Span, LabelMatch] | None:
    """A person's label wrapped over two lines of the label column, its value beside the
    first ("a. Nomor   : 0812..." over "HP/WhatsApp"): the first line alone is no label of
    the person (or reads as a letter's "Nomor"), the two together are. The second line is then
    part of the label (added to `skip`), never a label or a value of its own."""
    row = layout.rows[n]
    if len(row.spans) < 2 or n + 1 >= len(layout.rows):
        return None
    first = row.spans[0]
    hit = next((m for s, m in hits if s is first), None)
    if hit is not None and (hit.field in PERSON_FIELDS or hit.rest):
        return None
    below = layout.rows[n + 1]
    if len(below.spans) != 1 or id(below.spans[0]) in skip:
        return None
    second = below.spans[0]
    em = layout.em
    if not (first.box[0] - em <= second.box[0] and second.box[2] <= row.spans[1].box[0]
            and second.box[1] - first.box[3] < 1.2 * em):
        return None
    joined = labels.match(f"{first.text} {second.text}", True)
    if joined is None or joined.rest or joined.field not in PERSON_FIELDS:
        return None
    skip.add(id(second))
    return first, joined


def tables(layout: PageLayout, skip: set[int]) -> list[Table]:
    return _tables(layout, skip, _labels(layout, skip))


def header_fields(text: str) -> tuple[str, ...]:
    """The fields a column header names: one ("NIP"), or several ("Nama / NIP")."""
    parts = labels.alternatives(text)
    named = [h[0] for h in parts if h is not None]
    if len(set(named)) >= 2:
        return tuple(dict.fromkeys(named))
    one = labels.label_of(text)
    return (one[0],) if one is not None else ()


def _tables(layout: PageLayout, skip: set[int], found: dict) -> list[Table]:
    out: list[Table] = []
    k = 0
    rows = layout.rows
    while k < len(rows):
        row = rows[k]
        named = _header(row, skip)
        if named is None:
            k += 1
            continue
        centers = [(s.box[0] + s.box[2]) / 2 for _, s in named]
        body = _body(layout, row, centers, found, skip)
        cols = _columns(layout, row, named, body)
        out.append(Table(row, cols, _records(layout, body, cols), layout))
        k = (body[-1].index + 1) if body else k + 1
    return out


def _header(row: Row, skip: set[int]) -> list[tuple[tuple[str, ...], Span]] | None:
    spans = [s for s in row.spans if id(s) not in skip]
    if len(spans) < MIN_HEADER_LABELS:
        return None
    named = [(header_fields(s.text), s) for s in spans]
    person = {f for fs, _ in named for f in fs if f not in (IGNORE, "nomor", "tanggal", "perihal")}
    if len(person) < 2 or sum(bool(fs) for fs, _ in named) < max(MIN_HEADER_LABELS,
                                                                 len(spans) - 1):
        return None
    return [(fs or ("?",), s) for fs, s in named]


def _columns(layout: PageLayout, header: Row, named: list[tuple[tuple[str, ...], Span]],
             body: list[Row]) -> list[tuple[tuple[str, ...], float, float]]:
    """Each header's x-range: between the table's vertical rules when it has them; else the
    body's own columns (headers are often centred over left-aligned cells) matched to the
    headers in order; else halfway between the headers."""
    middle = (header.box[1] + header.box[3]) / 2
    walls = sorted({round(r[0], 4) for r in layout.rules
                    if abs(r[2] - r[0]) < 1e-4 and r[1] <= middle <= r[3]})
    bounds: list[tuple[float, float]] = []
    if len(walls) >= 2:
        for _, span in named:
            c = (span.box[0] + span.box[2]) / 2
            left = max((w for w in walls if w <= c), default=-1.0)
            right = min((w for w in walls if w > c), default=2.0)
            bounds.append((left, right))
    else:
        groups = _body_columns(body)
        if len(groups) == len(named):
            edges = [-1.0] + [(a[1] + b[0]) / 2 for a, b in zip(groups, groups[1:], strict=False)]
            bounds = list(zip(edges, edges[1:] + [2.0], strict=True))
        else:
            spans = [sp for _, sp in named]
            edges = [-1.0] + [(a.box[2] + b.box[0]) / 2
                              for a, b in zip(spans, spans[1:], strict=False)]
            bounds = list(zip(edges, edges[1:] + [2.0], strict=True))
    return [(fs, x0, x1) for (fs, _), (x0, x1) in zip(named, bounds, strict=True)]


def _body_columns(body: list[Row]) -> list[tuple[float, float]]:
    """The x-intervals the body's cells occupy, overlapping ones merged."""
    spans = sorted((s.box[0], s.box[2]) for row in body for s in row.spans)
    groups: list[list[float]] = []
    for x0, x1 in spans:
        if groups and x0 <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], x1)
        else:
            groups.append([x0, x1])
    return [(a, b) for a, b in groups]


def _table_rows(t: Table) -> list[Row]:
    return [t.header] + [t.layout.rows[i] for rec in t.records
                         for i in {_row_of(t.layout, s) for ss in rec.cells.values() for s in ss}]


def _body(layout: PageLayout, header: Row, centers: list[float], found: dict,
          skip: set[int]) -> list[Row]:
    """The rows under a header that are the table's: up to a wide gap, the table's bottom border,
    a signature, a labelled row, or a row whose text runs across columns (the next paragraph)."""
    out: list[Row] = []
    last = header.box
    right = max(centers) + 6 * _em_x(layout)
    bottom = _bottom_border(layout, header)
    for row in layout.rows[header.index + 1:]:
        if row.box[1] - last[3] > TABLE_GAP * layout.em or row.box[1] > bottom:
            break
        if any(id(s) in skip for s in row.spans):
            break
        if row.box[2] > right or any(
                sum(s.box[0] < c < s.box[2] for c in centers) >= 2 for s in row.spans):
            break
        if found.get(row.index) and all(m.colon for _, m in found[row.index]):
            break
        last = row.box
        if not out and _column_numbers(row):
            continue  # "1 | 2 | 3 | …" under the header: the columns' numbers, no record
        out.append(row)
    return out


def _column_numbers(row: Row) -> bool:
    texts = [s.text.strip(" .()") for s in row.spans]
    return len(texts) >= 3 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _bottom_border(layout: PageLayout, header: Row) -> float:
    """The lowest horizontal rule under the header that spans the table's width, when the table
    is ruled: nothing below it is the table's."""
    x0, x1 = header.box[0], header.box[2]
    below = [r[1] for r in layout.rules if r[1] == r[3] and r[1] > header.box[3]
             and r[0] <= x0 + 0.02 and r[2] >= x1 - 0.02]
    if not below:
        return 2.0
    # Consecutive rules a table's row apart belong to the table; a big jump ends it.
    below.sort()
    last = below[0]
    for y in below[1:]:
        if y - last > 8 * layout.em:
            break
        last = y
    return last + 0.002


def _records(layout: PageLayout, body: list[Row], cols: list) -> list[Record]:
    """Body rows grouped into records: at horizontal rules when the table has them; else around
    the rows numbered in its "No" column (a number may be centred in a tall record); else where
    the gap between rows is clearly wider than the line spacing inside a cell."""
    if not body:
        return []
    pairs = list(zip(body, body[1:], strict=False))
    if any(_crosses_rule(layout, a.box, b.box) for a, b in pairs):
        groups: list[list[Row]] = [[body[0]]]
        for a, b in pairs:
            if _crosses_rule(layout, a.box, b.box):
                groups.append([b])
            else:
                groups[-1].append(b)
    elif (numbered := _numbered_rows(body, cols)):
        groups = [[] for _ in numbered]
        for row in body:
            center = (row.box[1] + row.box[3]) / 2
            nearest = min(range(len(numbered)), key=lambda n: abs(
                (numbered[n].box[1] + numbered[n].box[3]) / 2 - center))
            groups[nearest].append(row)
    else:
        gaps = [b.box[1] - a.box[3] for a, b in pairs]
        spacing = min(gaps) if gaps else 0.0
        groups = [[body[0]]]
        for (_, b), gap in zip(pairs, gaps, strict=True):
            if len(gaps) == 1 or gap > max(spacing * 1.8, spacing + 0.35 * layout.em):
                groups.append([b])
            else:
                groups[-1].append(b)
    out = []
    for g in groups:
        rec = Record(layout=layout)
        for row in g:
            for s in row.spans:
                rec.cells.setdefault(_column(cols, s), []).append(s)
        out.append(rec)
    return out


def _numbered_rows(body: list[Row], cols: list) -> list[Row]:
    """Rows holding a record number ("1", "2.") in the table's "No" column."""
    numbers = [c for c in cols if c[0] == ("nomor",)]
    if not numbers:
        return []
    out = [row for row in body if any(
        _column(cols, s) == "nomor" and re.fullmatch(r"\d{1,3}[.)]?", s.text.strip())
        for s in row.spans)]
    return out if len(out) >= 1 else []


def _column(cols: list, span: Span) -> str:
    center = (span.box[0] + span.box[2]) / 2
    for fs, x0, x1 in cols:
        if x0 <= center < x1:
            return "/".join(fs)
    return "?"
