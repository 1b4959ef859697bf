"""A page's layout from its geometry: rows, and on each row the spans (cells) it is made of.

Every page becomes words with boxes (text layer, OCR, or for pages known only as text a
monospace layout of their lines). Words are chained into the lines their source wrote, lines that
share a band of the page become one row (a label and its value printed in two columns of a table
are one row, whatever order the text stream gave them), and a row splits into spans where a wide
gap or a ruling line separates its words. Letters printed one per box or spaced out ("N I P",
"1 9 8 6 …") are joined into one word.

Coordinates: `Box` in fractions of the page (origin top-left), as `PageText.words` hold them;
distances are compared in units of the page's height (x scaled by the page's aspect ratio), and
thresholds in `em`, the page's typical word height.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from extractors.grid import Cell, grid_rows
from extractors.models import Method, PageText, Word

Box = tuple[float, float, float, float]

SPAN_GAP = 0.8  # em: a wider gap between two words on a row separates two spans (cells)
ROW_OVERLAP = 0.5  # share of the smaller height two words must share vertically to be one row
SPACED_RUN = 3  # single characters in a row at a regular pitch: one spaced-out word
SPACED_WORD_GAP = 1.7  # times the run's typical gap: a wider gap inside a spaced run is a space
# Pages known only as text are laid out monospaced: a character is half an em wide.
_TEXT_CHAR = 0.5
_TEXT_LINE = 1.25


@dataclass
class Span:
    """Words of one row with no wide gap or rule between them: a cell, a label, a value."""

    words: list[Word]
    box: Box  # fractions of the page
    text: str
    spaced: bool = False  # made of letters printed one by one (character boxes, spaced text)
    lines: tuple[str, ...] = ()  # a table cell's lines, top to bottom (its text joins them)
    cell: Box | None = None  # the ruled cell it fills

    @property
    def confidence(self) -> float | None:
        found = [w.confidence for w in self.words if w.confidence is not None]
        return round(sum(found) / len(found), 3) if found else None


@dataclass
class Row:
    spans: list[Span]
    index: int  # position on the page, top to bottom
    cells: tuple[Box, ...] = ()  # a ruled table's row: all its cells, the empty ones too

    @cached_property
    def box(self) -> Box:
        return union([s.box for s in self.spans])

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.spans)

    @property
    def raw(self) -> str:
        """The row with its column gaps kept ("Nomor : 1/2      Samarinda, 3 Mei 2026")."""
        return "    ".join(s.text for s in self.spans)


@dataclass
class PageLayout:
    file: str
    page: int
    method: Method
    rows: list[Row]
    aspect: float  # width / height of the page
    em: float  # typical word height, in fractions of the page's height
    rules: list[Box] = field(default_factory=list)
    confidence: float | None = None  # the page's OCR confidence


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def layout_page(page: PageText) -> PageLayout:
    words, size, rules = page.words, page.size, page.rules
    if not words:
        words, size = text_words(page.text)
        rules = _text_rules(page.text, size)
    aspect = (size[0] / size[1]) if size and size[1] else 0.707
    em = _typical_height(words)
    if page.method == Method.OCR:
        words = _without_border_marks(words, rules, em / aspect)
    elif rules:
        rules = _borders(rules, words, aspect)
    rows = _rows(words, aspect, em, rules)
    return PageLayout(page.file, page.page, page.method, rows, aspect, em, rules,
                      page.confidence)


# A vertical line with two words of one line closer than this (in their height) on either side
# runs through the text: a word space is about a quarter of it, a cell's padding on both sides
# of its border more than this.
THROUGH_TEXT_GAP = 0.35


def _borders(rules: list[Box], words: list[Word], aspect: float) -> list[Box]:
    """A text layer's lines without those drawn through its text (a spreadsheet's gridlines, a
    guide line): text never runs across a cell's border. A vertical line crossing a word or
    standing in the space between two words of one line, or a horizontal one through the middle
    of a word (an underline runs below it), separates no cells."""
    if not words:
        return rules
    vertical = sorted((r[0], k) for k, r in enumerate(rules) if r[0] == r[2])
    horizontal = sorted((r[1], k) for k, r in enumerate(rules) if r[1] == r[3] and r[0] != r[2])
    xs, ys = [x for x, _ in vertical], [y for y, _ in horizontal]
    through: set[int] = set()
    lines = sorted(words, key=lambda w: (round(w.box[1], 3), w.box[0]))
    for a, b in zip(lines, [*lines[1:], None], strict=True):
        height = a.box[3] - a.box[1]
        middle = (a.box[1] + a.box[3]) / 2
        right = a.box[2] - 1e-3  # up to where a vertical line runs through the text
        if b is not None and abs(a.box[1] - b.box[1]) < 0.3 * height \
                and 0 <= (b.box[0] - a.box[2]) * aspect < THROUGH_TEXT_GAP * height:
            right = b.box[0] + 1e-4  # a word space, with the next word of the line
        for _, k in vertical[bisect_right(xs, a.box[0] + 1e-3):bisect_left(xs, right)]:
            if rules[k][1] <= middle <= rules[k][3]:
                through.add(k)
        low, high = a.box[1] + 0.3 * height, a.box[3] - 0.3 * height
        for _, k in horizontal[bisect_right(ys, low):bisect_left(ys, high)]:
            if rules[k][0] < a.box[0] and a.box[2] < rules[k][2]:
                through.add(k)
    return [r for k, r in enumerate(rules) if k not in through]


# --- OCR: what is left of a removed table border ----------------------------------------

_BORDER_MARKS = "|¦!lI1[]»«"


def _without_border_marks(words: list[Word], rules: list[Box], em_x: float) -> list[Word]:
    """A table border removed before OCR leaves a trace tesseract reads as "|", "»" or "1"
    stuck to the word beside it ("|nama@x.id", "1081234…"). A mark at a word's edge that stands
    on a vertical rule is the border's, and is dropped; a word made only of such marks too."""
    walls = [r for r in rules if r[0] == r[2]]
    out: list[Word] = []
    for w in words:
        text, box = w.text, w.box
        if text and all(c in _BORDER_MARKS for c in text) and (
                len(text) == 1 and text in "|¦»«[]" or _on_wall(box[0], box, walls, em_x)):
            continue
        width = (box[2] - box[0]) / max(len(text), 1)
        if len(text) > 1 and text[0] in _BORDER_MARKS and _on_wall(box[0], box, walls, em_x) \
                and not _a_digit(text, 0):
            text, box = text[1:], (box[0] + width, box[1], box[2], box[3])
        if len(text) > 1 and text[-1] in _BORDER_MARKS and _on_wall(box[2], box, walls, em_x) \
                and not _a_digit(text, -1):
            text, box = text[:-1], (box[0], box[1], box[2] - width, box[3])
        if text and text[0] in "»«|¦":  # never the first character of a value
            text = text[1:].lstrip()
        if text:
            out.append(w if text == w.text else Word.model_construct(
                text=text, box=box, confidence=w.confidence))
    return out


def _a_digit(text: str, at: int) -> bool:
    """The "1" at the edge of a number is one of its digits ("1995…" of an NIP beside a cell's
    border), except before the "0" every telephone number starts with ("|0812…" read "10812…")."""
    if text[at] != "1":
        return False
    rest = text[1:] if at == 0 else text[:-1]
    return rest.isdigit() and not (at == 0 and rest.startswith("0"))


def _on_wall(x: float, box: Box, walls: list[Box], em_x: float) -> bool:
    middle = (box[1] + box[3]) / 2
    return any(abs(r[0] - x) <= 0.6 * em_x and r[1] <= middle <= r[3] for r in walls)


# --- pages known only as text ---------------------------------------------------------------

def text_words(text: str) -> tuple[list[Word], tuple[float, float]]:
    """A monospace layout of a text: one row per line, a character half an em wide. A table cell
    separator (" | ") keeps its place, so cells stay apart as spans."""
    lines = text.splitlines()
    columns = max((len(ln.expandtabs(4)) for ln in lines), default=1) or 1
    width = columns * _TEXT_CHAR
    height = max(1, len(lines)) * _TEXT_LINE
    words: list[Word] = []
    for i, line in enumerate(lines):
        line = line.expandtabs(4)
        y0, y1 = i * _TEXT_LINE / height, (i * _TEXT_LINE + 1.0) / height
        start = None
        for j, ch in enumerate(line + " "):
            if ch.isspace() or ch in "|¦":
                if start is not None:
                    words.append(Word.model_construct(
                        text=line[start:j], box=(start * _TEXT_CHAR / width, y0,
                                                 j * _TEXT_CHAR / width, y1), confidence=None))
                    start = None
            elif start is None:
                start = j
    return words, (width, height)


def _text_rules(text: str, size: tuple[float, float]) -> list[Box]:
    """A "|" between cells is a vertical rule of that row."""
    width, height = size
    out: list[Box] = []
    for i, line in enumerate(text.splitlines()):
        line = line.expandtabs(4)
        for j, ch in enumerate(line):
            if ch in "|¦":
                x = (j + 0.5) * _TEXT_CHAR / width
                out.append((x, i * _TEXT_LINE / height, x, (i * _TEXT_LINE + 1.0) / height))
    return out


# --- rows and spans --------------------------------------------------------------------------

def _typical_height(words: list[Word]) -> float:
    heights = [w.box[3] - w.box[1] for w in words if w.box[3] > w.box[1]]
    return statistics.median(heights) if heights else 0.012


def _overlap(a: Box, b: Box) -> float:
    """Vertical overlap as a share of the smaller height."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    smaller = min(a[3] - a[1], b[3] - b[1])
    return shared / smaller if smaller > 0 else 0.0


def _chains(words: list[Word]) -> list[list[Word]]:
    """Words in the order their source wrote them, cut where the next word is not to the right on
    the same line: the lines of the text layer, or of tesseract's blocks."""
    chains: list[list[Word]] = []
    for w in words:
        last = chains[-1][-1] if chains else None
        if last is not None and _overlap(last.box, w.box) >= ROW_OVERLAP \
                and w.box[0] >= last.box[0]:
            chains[-1].append(w)
        else:
            chains.append([w])
    return chains


def _rows(words: list[Word], aspect: float, em: float, rules: list[Box]) -> list[Row]:
    """Rows of ruled tables (one per table row, a span per cell) and rows of the free text, top
    to bottom."""
    table = grid_rows(words, rules, em) if rules else []
    in_table = {id(w) for r in table for c in r.cells for w in c.words}
    free = [w for w in words if id(w) not in in_table]
    placed = [((r.top + r.bottom) / 2, [_cell_span(c, aspect, em) for c in r.cells if c.words],
               tuple(c.box for c in r.cells)) for r in table]
    placed += [((s[0].box[1] + s[0].box[3]) / 2, s, ())
               for s in _free_rows(free, aspect, em, rules)]
    placed.sort(key=lambda p: p[0])
    return [Row(spans, n, cells) for n, (_, spans, cells) in enumerate(placed)]


def _cell_span(cell: Cell, aspect: float, em: float) -> Span:
    """A table cell as one span: its lines top to bottom, kept apart in `lines`."""
    lines = _free_rows(cell.words, aspect, em, [])
    words = [w for spans in lines for s in spans for w in s.words]
    texts = tuple(" ".join(s.text for s in spans) for spans in lines)
    return Span(words, union([w.box for w in words]), " ".join(texts),
                spaced=any(s.spaced for spans in lines for s in spans), lines=texts,
                cell=cell.box)


def _free_rows(words: list[Word], aspect: float, em: float,
               rules: list[Box]) -> list[list[Span]]:
    if not words:
        return []
    chains = sorted(_chains(words), key=lambda c: _band(c)[0] + _band(c)[1])
    bands: list[list[Word]] = []
    band_boxes: list[tuple[float, float]] = []
    for chain in chains:
        top, bottom = _band(chain)
        placed = False
        for k in range(len(bands) - 1, max(-1, len(bands) - 4), -1):
            b_top, b_bottom = band_boxes[k]
            shared = min(bottom, b_bottom) - max(top, b_top)
            smaller = min(bottom - top, b_bottom - b_top)
            if smaller > 0 and shared / smaller >= ROW_OVERLAP and not _collides(bands[k], chain):
                bands[k].extend(chain)
                band_boxes[k] = _band(bands[k])
                placed = True
                break
        if not placed:
            bands.append(list(chain))
            band_boxes.append((top, bottom))
    order = sorted(range(len(bands)), key=lambda k: band_boxes[k][0] + band_boxes[k][1])
    rows: list[list[Span]] = []
    for k in order:
        spans = _spans(sorted(bands[k], key=lambda w: w.box[0]), aspect, em, rules)
        if spans:
            rows.append(spans)
    return rows


def _band(words: list[Word]) -> tuple[float, float]:
    """The row's vertical band: the median top and bottom of its words (a tall stamp or a
    subscript does not widen it)."""
    return (statistics.median(w.box[1] for w in words),
            statistics.median(w.box[3] for w in words))


def _collides(row: list[Word], chain: list[Word]) -> bool:
    """The chain overlaps a word of the row horizontally: it is a line above or below, not a
    cell beside."""
    x0, x1 = chain[0].box[0], chain[-1].box[2]
    return any(w.box[0] < x1 and x0 < w.box[2] and min(x1, w.box[2]) - max(x0, w.box[0]) >
               0.3 * min(w.box[2] - w.box[0], x1 - x0) for w in row)


def _spans(row_words: list[Word], aspect: float, em: float, rules: list[Box]) -> list[Span]:
    joined = _join_spaced(row_words, aspect)
    if not joined:
        return []
    words = [w for w, _ in joined]
    spaced_ids = {id(w) for w, spaced in joined if spaced}
    row_em = statistics.median(w.box[3] - w.box[1] for w in words) or em
    top = min(w.box[1] for w in words)
    bottom = max(w.box[3] for w in words)
    middle = (top + bottom) / 2
    walls = sorted(r[0] for r in rules if abs(r[2] - r[0]) < 1e-4 and r[1] <= middle <= r[3])
    gaps = [(w.box[0] - prev.box[2]) * aspect for prev, w in zip(words, words[1:], strict=False)]
    threshold = SPAN_GAP * row_em
    typical = statistics.median(gaps) if gaps else 0.0
    if len(gaps) >= 4 and typical > 0.4 * row_em and sum(
            0.7 * typical <= g <= 1.4 * typical for g in gaps) >= 0.75 * len(gaps):
        # Justified prose: every space is stretched alike; only a clearly wider gap is a column.
        threshold = max(threshold, 1.8 * typical)
    groups: list[list[Word]] = [[words[0]]]
    for prev, w, gap in zip(words, words[1:], gaps, strict=False):
        wall = any(prev.box[2] - 1e-4 <= x <= w.box[0] + 1e-4 for x in walls)
        if gap > threshold or wall:
            groups.append([w])
        else:
            groups[-1].append(w)
    return [Span(g, union([w.box for w in g]), " ".join(w.text for w in g),
                 spaced=any(id(w) in spaced_ids for w in g)) for g in groups]


def _join_spaced(words: list[Word], aspect: float) -> list[tuple[Word, bool]]:
    """Runs of single characters at a regular pitch ("W U L A N", "1 9 8 6 …") as one word; a
    gap clearly wider than the run's pitch (an empty box) is a space."""
    out: list[tuple[Word, bool]] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and len(words[j].text) == 1:
            j += 1
        run = words[i:j]
        if len(run) >= SPACED_RUN and _regular(run, aspect):
            out.extend((w, True) for w in _joined(run, aspect))
            i = j
            continue
        out.append((words[i], False))
        i += 1
    return out


def _regular(run: list[Word], aspect: float) -> bool:
    gaps = [(b.box[0] - a.box[2]) * aspect for a, b in zip(run, run[1:], strict=False)]
    height = statistics.median(w.box[3] - w.box[1] for w in run)
    typical = statistics.median(gaps)
    return typical >= -0.2 * height and typical <= 2.5 * height


def _joined(run: list[Word], aspect: float) -> list[Word]:
    """One word per stretch of the run; a stretch ends at a gap much wider than the typical one
    (several empty boxes, or the next column)."""
    gaps = [(b.box[0] - a.box[2]) * aspect for a, b in zip(run, run[1:], strict=False)]
    pitch = statistics.median(b.box[0] - a.box[0] for a, b in zip(run, run[1:], strict=False))
    height = statistics.median(w.box[3] - w.box[1] for w in run)
    typical = max(statistics.median(gaps), 0.05 * height)
    pieces: list[list[str]] = [[run[0].text]]
    starts = [0]
    for k, gap in enumerate(gaps, start=1):
        if gap > 4 * max(typical, pitch * aspect * 0.5) and gap > 1.5 * height:
            pieces.append([run[k].text])
            starts.append(k)
            continue
        if gap > SPACED_WORD_GAP * typical and gap > 0.3 * height:
            pieces[-1].append(" ")
        pieces[-1].append(run[k].text)
    out = []
    for n, piece in enumerate(pieces):
        end = starts[n + 1] if n + 1 < len(starts) else len(run)
        text = "".join(piece)
        conf = [w.confidence for w in run[starts[n]:end] if w.confidence is not None]
        out.append(Word.model_construct(text=text, box=union([w.box for w in run[starts[n]:end]]),
                                        confidence=sum(conf) / len(conf) if conf else None))
    return out
