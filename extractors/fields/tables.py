"""Tables of a form or a decree: a header row naming fields ("Nama / NIP", "Jabatan"), the
records under it read by the header's columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.fields import labels
from extractors.fields.labelled import crosses_rule, em_width, labels_by_row, row_of
from extractors.fields.labels import IGNORE
from extractors.layout import PageLayout, Row, Span

TABLE_GAP = 3.0  # em: a wider gap under a table's last row ends the table
MIN_HEADER_LABELS = 3


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


def tables(layout: PageLayout, skip: set[int]) -> list[Table]:
    return find_tables(layout, skip, labels_by_row(layout, skip))


def header_fields(text: str) -> tuple[str, ...]:
    """The fields a column header names: one ("NIP"), or several ("Nama / NIP")."""
    parts = labels.alternatives(text)
    named = [h[0] for h in parts if h is not None]
    if len(set(named)) >= 2:
        return tuple(dict.fromkeys(named))
    one = labels.label_of(text)
    return (one[0],) if one is not None else ()


def find_tables(layout: PageLayout, skip: set[int], found: dict) -> list[Table]:
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


def table_rows(t: Table) -> list[Row]:
    return [t.header] + [t.layout.rows[i] for rec in t.records
                         for i in {row_of(t.layout, s) for ss in rec.cells.values() for s in ss}]


def _body(layout: PageLayout, header: Row, centers: list[float], found: dict,
          skip: set[int]) -> list[Row]:
    """The rows under a header that are the table's: up to a wide gap, the table's bottom border,
    a signature, a labelled row, or a row whose text runs across columns (the next paragraph)."""
    out: list[Row] = []
    last = header.box
    right = max(centers) + 6 * em_width(layout)
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
    if any(crosses_rule(layout, a.box, b.box) for a, b in pairs):
        groups: list[list[Row]] = [[body[0]]]
        for a, b in pairs:
            if crosses_rule(layout, a.box, b.box):
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
