"""Which rows of a page hold labels (a label wrapped over two lines joined), and the page
geometry the key-value pairs and the tables share."""

from __future__ import annotations

import re

from extractors.fields import labels
from extractors.fields.labels import LabelMatch
from extractors.layout import Box, PageLayout, Row, Span

PERSON_FIELDS = frozenset(labels.person_fields())
READ_COLON = re.compile(r"^[:;=1lI|i!][.,:;]?$")  # a lone colon as OCR may read it


def em_width(layout: PageLayout) -> float:
    return layout.em / layout.aspect


def row_of(layout: PageLayout, span: Span) -> int:
    for row in layout.rows:
        if any(s is span for s in row.spans):
            return row.index
    return 0


def crosses_rule(layout: PageLayout, upper: Box, lower: Box,
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


def row_labels(row: Row, skip: set[int]) -> list[tuple[Span, LabelMatch]]:
    out = []
    for n, s in enumerate(row.spans):
        if id(s) in skip or (n and s.text.lstrip().startswith(":")):
            continue  # ": Golongan X (PPPK)" beside a label is its value, whatever it reads
        m = label_at(s, cell=n + 1 < len(row.spans) or s.cell is not None,
                     alone=len(row.spans) == 1)
        if m is not None:
            out.append((s, m))
    return out


def labels_by_row(layout: PageLayout, skip: set[int]) -> dict[int, list[tuple[Span, LabelMatch]]]:
    found = {}
    for n, row in enumerate(layout.rows):
        hits = _translations_joined(row, row_labels(row, skip), skip)
        wrapped = _wrapped_label(layout, n, hits, skip)
        if wrapped is not None:
            hits = [wrapped] + [h for h in hits if h[0] is not wrapped[0]]
        if hits:
            found[row.index] = hits
    return found


def _translations_joined(row: Row, hits: list[tuple[Span, LabelMatch]],
                         skip: set[int]) -> list[tuple[Span, LabelMatch]]:
    """A label followed, in the next span of its row, by another label of the same field with
    no colon or value of its own: its translation in a bilingual form ("Nama lengkap | Full
    name | value", "Surel | E-mail | value"). The second is part of the label (added to `skip`):
    never a label or a value of its own."""
    out: list[tuple[Span, LabelMatch]] = []
    for span, hit in hits:
        if out and not out[-1][1].rest and not hit.rest and out[-1][1].field == hit.field \
                and _next_span(row, out[-1][0]) is span:
            skip.add(id(span))
            continue
        out.append((span, hit))
    return out


def _next_span(row: Row, span: Span) -> Span | None:
    k = next(n for n, s in enumerate(row.spans) if s is span)
    return row.spans[k + 1] if k + 1 < len(row.spans) else None


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
