"""Cells of ruled tables, from the page's ruling lines.

Horizontal and vertical segments that line up are merged into lines; a cell is a rectangle whose
four sides are drawn (pdfplumber's method: the lines' crossings, then the smallest closed boxes
between them). Cells with the same top and bottom make one row of the table. A cell's words keep
their lines, so a two-line label ("Nama Lengkap" over "Full Name") or a name over its NIP stays one
cell, and a value centred in a tall cell stands beside its label whatever line it is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.models import Word

Box = tuple[float, float, float, float]

SNAP = 0.004  # of the page: segments this close are one line, crossings this close touch
MIN_CELL = 0.008  # of the page: a narrower or lower box is no cell (a double rule)
CHAR_BOX = 2.2  # em: a cell narrower than this holding one character is a character box
MAX_ROW_EM = 12.0  # a taller "row" is a frame around the page or a text box, not a table row


@dataclass
class Cell:
    box: Box
    words: list[Word] = field(default_factory=list)


@dataclass
class GridRow:
    top: float
    bottom: float
    cells: list[Cell]  # left to right, the empty ones too


def _merge(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(position, start, end) segments on one axis merged where they line up and touch."""
    out: list[list[float]] = []
    for pos, a, b in sorted(segments):
        for line in out:
            if abs(line[0] - pos) <= SNAP and a <= line[2] + SNAP and b >= line[1] - SNAP:
                line[1], line[2] = min(line[1], a), max(line[2], b)
                break
        else:
            out.append([pos, a, b])
    return [(p, a, b) for p, a, b in out]


def grid_rows(words: list[Word], rules: list[Box], em: float) -> list[GridRow]:
    """The rows of the page's ruled tables with the words in their cells (empty: no table)."""
    hs = _merge([(r[1], min(r[0], r[2]), max(r[0], r[2])) for r in rules if r[1] == r[3]])
    vs = _merge([(r[0], min(r[1], r[3]), max(r[1], r[3])) for r in rules if r[0] == r[2]])
    if len(hs) < 2 or len(vs) < 2:
        return []
    cells = _cells(hs, vs, em)
    if not cells:
        return []
    for w in words:
        cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
        for c in cells:
            if c.box[0] <= cx <= c.box[2] and c.box[1] <= cy <= c.box[3]:
                c.words.append(w)
                break
    rows: dict[tuple[float, float], list[Cell]] = {}
    for c in cells:
        rows.setdefault((round(c.box[1], 4), round(c.box[3], 4)), []).append(c)
    out = [GridRow(top, bottom, sorted(cs, key=lambda c: c.box[0]))
           for (top, bottom), cs in rows.items()
           if any(c.words for c in cs) and not _character_boxes(cs, em)]
    # A row of one cell is a box around text (a frame, a note), not a table's row.
    return sorted((r for r in out if len(r.cells) >= 2 or _in_table(r, out)),
                  key=lambda r: r.top)


def _character_boxes(cells: list[Cell], em: float) -> bool:
    """A row of boxes for one character each (a name written letter by letter, check boxes):
    its letters are one value, read as text, not a table's cells."""
    tiny = [c for c in cells if c.box[2] - c.box[0] < CHAR_BOX * em
            and sum(len(w.text) for w in c.words) <= 1]
    return len(tiny) >= 3 and len(tiny) >= 0.6 * len(cells)


def _in_table(row: GridRow, rows: list[GridRow]) -> bool:
    """A one-cell row right under or over other rows of the same table (a merged row)."""
    box = row.cells[0].box
    return any(r is not row and len(r.cells) >= 2 and (abs(r.bottom - row.top) <= SNAP
                                                       or abs(r.top - row.bottom) <= SNAP)
               and r.cells[0].box[0] <= box[0] + SNAP for r in rows)


def _cells(hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]],
           em: float) -> list[Cell]:
    out: list[Cell] = []
    for y, ha, hb in hs:
        crossing = sorted(x for x, va, vb in vs
                          if ha - SNAP <= x <= hb + SNAP and va - SNAP <= y <= vb - MIN_CELL)
        for x0, x1 in zip(crossing, crossing[1:], strict=False):
            if x1 - x0 < MIN_CELL:
                continue
            bottom = _closing(y, x0, x1, hs, vs)
            if bottom is not None and bottom - y <= MAX_ROW_EM * em:
                out.append(Cell((x0, y, x1, bottom)))
    return out


def _closing(y: float, x0: float, x1: float, hs: list[tuple[float, float, float]],
             vs: list[tuple[float, float, float]]) -> float | None:
    """The nearest line below `y` spanning [x0, x1] that both sides reach."""
    for y2, a, b in sorted(h for h in hs if h[0] > y + MIN_CELL):
        if a > x0 + SNAP or b < x1 - SNAP:
            continue
        if _side(x0, y, y2, vs) and _side(x1, y, y2, vs):
            return y2
    return None


def _side(x: float, y0: float, y1: float, vs: list[tuple[float, float, float]]) -> bool:
    return any(abs(vx - x) <= SNAP and a <= y0 + SNAP and b >= y1 - SNAP for vx, a, b in vs)
