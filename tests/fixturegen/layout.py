"""Font-independent page layout: documents are built from blocks of already-wrapped lines.

Wrapping happens here, with a character-count estimate, so that the ground-truth text (one entry
per rendered line) is the same whatever font a renderer picks; a renderer only shrinks a line that
would overflow its column.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

PT = 25.4 / 72  # mm per point
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 25.0, 20.0, 18.0, 18.0
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R
FONT_NAMES = ("DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif", "FreeSans",
              "FreeSerif")  # families the renderers know
AVG_CHAR_EM = 0.52  # average advance of body text, in em, for wrapping estimates


def line_height(size: float) -> float:
    return size * 1.3 * PT


def chars_for(width_mm: float, size: float, em: float = AVG_CHAR_EM) -> int:
    return max(8, int(width_mm / (size * PT * em)))


def _em_of(text: str, bold: bool) -> float:
    """Capitals are about 0.7 em wide, lower case about 0.5; bold adds some."""
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    return (AVG_CHAR_EM + 0.18 * upper) * (1.07 if bold else 1.0)


def wrap(text: str, width_mm: float, size: float, bold: bool = False) -> list[str]:
    return textwrap.wrap(text, chars_for(width_mm, size, _em_of(text, bold)),
                         break_long_words=False, break_on_hyphens=False) or [""]


@dataclass
class Seg:
    """A piece of text on a line. `x` is mm from the left margin: the left edge, centre or right
    edge depending on `align`; `max_w` is the width it must fit in."""

    x: float
    text: str
    size: float = 11.0
    bold: bool = False
    align: str = "l"  # "l" | "c" | "r"
    max_w: float = TEXT_W
    underline: bool = False


@dataclass
class Line:
    segs: list[Seg]
    height: float
    scribbles: list[float] = field(default_factory=list)  # x of signature scribbles in this gap
    pad_top: float = 0.0  # part of `height` above the text (cell padding in tables)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segs if s.text.strip())


@dataclass
class Block:
    """Lines kept together on one page, optionally boxed as a table row (`grid`: x of the vertical
    borders in mm from the margin, first and last included) or ruled below (a letterhead)."""

    lines: list[Line]
    grid: list[float] | None = None
    rule_below: bool = False
    space_after: float = 0.0
    page_break_before: bool = False

    @property
    def height(self) -> float:
        return sum(ln.height for ln in self.lines)

    @property
    def text_lines(self) -> list[str]:
        return [t for t in (ln.text for ln in self.lines) if t]


@dataclass
class Placed:
    y: float  # top of the block, mm from the page top
    block: Block


def paginate(blocks: list[Block]) -> list[list[Placed]]:
    pages: list[list[Placed]] = [[]]
    y = MARGIN_T
    bottom = PAGE_H - MARGIN_B
    for b in blocks:
        if (b.page_break_before and pages[-1]) or (y + b.height > bottom and pages[-1]):
            pages.append([])
            y = MARGIN_T
        pages[-1].append(Placed(y, b))
        y += b.height + b.space_after
    return pages


class Builder:
    """Collects blocks with the usual shapes of Indonesian official documents."""

    def __init__(self, size: float = 11.0):
        self.size = size
        self.blocks: list[Block] = []

    def _line(self, segs: list[Seg], size: float | None = None) -> Line:
        return Line(segs, line_height(size or self.size))

    def gap(self, mm: float) -> None:
        if self.blocks:
            self.blocks[-1].space_after += mm

    def page_break(self) -> None:
        self._next_break = True

    def add(self, block: Block) -> Block:
        if getattr(self, "_next_break", False):
            block.page_break_before = True
            self._next_break = False
        self.blocks.append(block)
        return block

    def kop(self, head_lines: list[str], address_lines: list[str]) -> None:
        """Letterhead: centred bold agency names, small address lines, a rule below."""
        lines = []
        for i, t in enumerate(head_lines):
            size = self.size + (3 if i == len(head_lines) - 1 else 2)
            lines.append(self._line([Seg(TEXT_W / 2, t, size, True, "c")], size))
        small = self.size - 2
        for t in address_lines:
            for w in wrap(t, TEXT_W, small):
                lines.append(self._line([Seg(TEXT_W / 2, w, small, False, "c")], small))
        self.add(Block(lines, rule_below=True, space_after=5))

    def title(self, lines: list[str], size: float | None = None, bold: bool = True,
              underline: bool = False, space_after: float = 1.0) -> None:
        size = size or self.size
        out = []
        for t in lines:
            for w in wrap(t, TEXT_W, size, bold):
                out.append(self._line([Seg(TEXT_W / 2, w, size, bold, "c", TEXT_W, underline)],
                                      size))
        self.add(Block(out, space_after=space_after))

    def para(self, text: str, indent: float = 0.0, first_indent: float = 0.0,
             size: float | None = None, bold: bool = False, space_after: float = 2.0,
             width: float | None = None) -> None:
        """A paragraph, wrapped; `first_indent` is extra indent of its first line."""
        size = size or self.size
        width = (width or TEXT_W) - indent
        lines = []
        first = wrap(text, width - first_indent, size, bold)[0] if first_indent else None
        rest = text[len(first):].strip() if first else text
        if first:
            lines.append(self._line([Seg(indent + first_indent, first, size, bold,
                                         max_w=width - first_indent)], size))
        if rest:
            for w in wrap(rest, width, size, bold):
                lines.append(self._line([Seg(indent, w, size, bold, max_w=width)], size))
        # paragraphs may break across pages: one block per line, spacing on the last
        for ln in lines:
            self.add(Block([ln]))
        self.blocks[-1].space_after = space_after

    def kv(self, rows: list[tuple[str, str]], label_w: float = 40.0, indent: float = 0.0,
           borders: bool = False, size: float | None = None, colon: bool = True,
           space_after: float = 2.0, width: float | None = None, bold_labels: bool = False) -> None:
        """Label | : | value rows; values wrap in their column. Value text may start with "\\t"
        to mark a hanging list item ("a. bahwa ...") whose continuation lines are indented."""
        size = size or self.size
        pad = 2.0 if borders else 0.0
        width = (width or TEXT_W) - indent
        colon_x = indent + label_w
        value_x = colon_x + ((5.0 if borders else 4.0) if colon else 0.0)
        value_w = width - (value_x - indent) - pad
        for r, (label, value) in enumerate(rows):
            label_lines = wrap(label, label_w - 2 * pad - 1, size) if label else [""]
            value_lines = self._hanging(value, value_w, size)
            n = max(len(label_lines), len(value_lines))
            lines = []
            for i in range(n):
                segs = []
                if i < len(label_lines) and label_lines[i]:
                    segs.append(Seg(indent + pad, label_lines[i], size, bold_labels,
                                    max_w=label_w - 2 * pad))
                if i == 0 and colon:
                    segs.append(Seg(colon_x + (2.0 if borders else 1.0), ":", size))
                if i < len(value_lines):
                    x_off, t = value_lines[i]
                    if t:
                        segs.append(Seg(value_x + x_off + pad, t, size,
                                        max_w=value_w - x_off - pad))
                lines.append(self._line(segs, size))
            grid = [indent, colon_x, value_x, indent + width] if borders and colon else (
                [indent, colon_x, indent + width] if borders else None)
            if borders:
                lines[0].height += 1.2
                lines[0].pad_top = 1.2
                lines[-1].height += 1.2
            last = r == len(rows) - 1
            self.add(Block(lines, grid=grid, space_after=space_after if last else 0.0))

    @staticmethod
    def _hanging(value: str, width: float, size: float) -> list[tuple[float, str]]:
        out: list[tuple[float, str]] = []
        for item in value.split("\n"):
            if item.startswith("\t"):
                item = item[1:]
                marker, _, rest = item.partition(" ")
                hang = 6.0
                wrapped = wrap(rest, width - hang, size)
                out.append((0.0, f"{marker} {wrapped[0]}"))
                out.extend((hang, w) for w in wrapped[1:])
            else:
                out.extend((0.0, w) for w in wrap(item, width, size))
        return out

    def table(self, rows: list[list[str]], col_w: list[float], header: bool = True,
              size: float | None = None, space_after: float = 3.0, indent: float = 0.0) -> None:
        """A bordered table; cells wrap; the first row is bold when `header`."""
        size = size or self.size
        xs = [indent]
        for w in col_w:
            xs.append(xs[-1] + w)
        for r, row in enumerate(rows):
            bold = header and r == 0
            cells = [wrap(c, w - 4, size) for c, w in zip(row, col_w, strict=True)]
            n = max(len(c) for c in cells)
            lines = []
            for i in range(n):
                segs = []
                for c, (cell, x, w) in enumerate(zip(cells, xs, col_w, strict=False)):
                    if i < len(cell) and cell[i]:
                        centred = bold or c == 0
                        segs.append(Seg(x + (w / 2 if centred else 2.0), cell[i], size, bold,
                                        "c" if centred else "l", w - 4))
                lines.append(self._line(segs, size))
            lines[0].height += 1.2
            lines[0].pad_top = 1.2
            lines[-1].height += 1.2
            last = r == len(rows) - 1
            self.add(Block(lines, grid=xs, space_after=space_after if last else 0.0))

    def signatures(self, columns: list[tuple[float, list[str], list[str]]], gap: float = 20.0,
                   width: float = 68.0, bold_name: bool = True, space_after: float = 3.0) -> None:
        """Side-by-side signature columns: (x, lines above the signature, lines below); the first
        line below is the signer's name (bold, underlined as is customary)."""
        size = self.size
        above = [[w for t in col[1] for w in wrap(t, width, size)] for col in columns]
        below = [[w for i, t in enumerate(col[2])
                  for w in wrap(t, width, size, i == 0 and bold_name)] for col in columns]
        lines = []
        n_above = max(len(a) for a in above)
        for i in range(n_above):
            segs = []
            for (x, _, _), a in zip(columns, above, strict=True):
                # bottom-align the lines above so signatures sit on one row
                j = i - (n_above - len(a))
                if 0 <= j < len(a) and a[j]:
                    segs.append(Seg(x, a[j], size, max_w=width))
            lines.append(self._line(segs))
        lines.append(Line([], gap, scribbles=[x for x, _, _ in columns]))
        for i in range(max(len(b) for b in below)):
            segs = []
            for (x, _, _), b in zip(columns, below, strict=True):
                if i < len(b) and b[i]:
                    name = i == 0 and bold_name
                    segs.append(Seg(x, b[i], size, name, max_w=width, underline=name))
            lines.append(self._line(segs))
        self.add(Block(lines, space_after=space_after))
