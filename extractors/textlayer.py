"""The geometry of a PDF page's text layer: its words with their boxes, and its ruling lines.

Read with pdfium's text page (characters with their boxes, ~5 ms for a page of 1,200 characters)
and its page objects (paths: table borders, underlines, character boxes). Everything is returned in
fractions of the page, origin top-left, as `PageText.words` and `PageText.rules` hold it.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from extractors.models import Word

if TYPE_CHECKING:
    import pypdfium2 as pdfium

_PATH = 2  # FPDF_PAGEOBJ_PATH
_THIN = 2.5  # points: a path thinner than this is a ruling line
_MIN_RULE = 8.0  # points: shorter lines are decoration (a dash, a bullet)
_MIN_RECT = 6.0  # points: both sides at least this long make a rectangle (a cell, a box)
_WORD_GAP = 0.19  # of the line height: a wider gap between two characters starts a new word
_MAX_RULES = 4000  # a page drawn with more paths (a vector logo, a map) keeps only the first
_MAX_COVERS = 400  # opaque rectangles looked at for the lines they hide
_EDGE = 1.0  # points: a line this close to a cover's edge is its border, not under it


Box = tuple[float, float, float, float]


def page_geometry(page: pdfium.PdfPage,
                  ) -> tuple[list[Word], list[Box], tuple[float, float], int]:
    """Words, ruling lines and the page size (points) of one pdfium page, as displayed; and the
    quarter turns (degrees clockwise) added to the display to read it: a page whose /Rotate
    shows its level-drawn text sideways or upside down is laid out as drawn."""
    shown = page.get_size()  # as displayed, after the page's /Rotate
    rotation = page.get_rotation() % 360
    width, height = (shown[1], shown[0]) if rotation in (90, 270) else shown  # as drawn
    left, bottom = _origin(page)
    turn = 0
    drawn = _words(page, lambda *box: box) if rotation else None  # boxes in PDF user space
    if drawn is not None and _drawn_level(drawn):
        rotation, turn = 0, (360 - rotation) % 360
        shown = (width, height)

    def to_page(x0: float, y0: float, x1: float, y1: float) -> Box:
        # PDF user space (origin bottom-left) to fractions of the displayed page (top-left).
        x0, x1 = x0 - left, x1 - left
        y0, y1 = y0 - bottom, y1 - bottom
        if rotation == 90:
            box = (y0 / height, x0 / width, y1 / height, x1 / width)
        elif rotation == 180:
            box = ((width - x1) / width, y0 / height, (width - x0) / width, y1 / height)
        elif rotation == 270:
            box = ((height - y1) / height, (width - x1) / width,
                   (height - y0) / height, (width - x0) / width)
        else:
            box = (x0 / width, (height - y1) / height, x1 / width, (height - y0) / height)
        return tuple(min(1.0, max(0.0, round(v, 5))) for v in box)  # type: ignore[return-value]

    words = _words(page, to_page) if drawn is None else \
        [Word.model_construct(text=w.text, box=to_page(*w.box), confidence=None) for w in drawn]
    rules = _rules(page, to_page)
    return words, rules, (round(shown[0], 2), round(shown[1], 2)), turn


def _drawn_level(words: list[Word]) -> bool:
    """Most words of several letters, boxed in PDF user space, are wider than high."""
    long = [w for w in words if len(w.text) >= 3]
    level = sum(1 for w in long if w.box[2] - w.box[0] > w.box[3] - w.box[1])
    return bool(long) and level > 0.8 * len(long)


def _origin(page: pdfium.PdfPage) -> tuple[float, float]:
    try:
        x0, y0, _, _ = page.get_cropbox()
        return x0, y0
    except Exception:  # noqa: BLE001 - no crop box: the media box's origin is 0, 0
        return 0.0, 0.0


def _words(page: pdfium.PdfPage, to_page) -> list[Word]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # characters outside the BMP: one call per character instead
            text = "".join(chr(c) if 0 < (c := raw.FPDFText_GetUnicode(handle, i)) < 0x110000
                           else " " for i in range(count))
        rect = raw.FS_RECTF()
        words: list[Word] = []
        chars: list[str] = []
        box: list[float] | None = None

        def flush() -> None:
            nonlocal chars, box
            if chars and box is not None:
                word = "".join(chars).strip()
                if word:
                    words.append(Word.model_construct(text=word, box=to_page(*box),
                                                      confidence=None))
            chars, box = [], None

        for i, ch in enumerate(text):
            if ch.isspace() or ch in "\ufffe\x00":
                flush()
                continue
            if not raw.FPDFText_GetLooseCharBox(handle, i, rect):
                continue
            x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
            if box is not None:
                height = max(y1 - y0, box[3] - box[1])
                same_line = min(y1, box[3]) - max(y0, box[1]) > 0.5 * min(y1 - y0,
                                                                         box[3] - box[1])
                gap = x0 - box[2]
                # Loose boxes are ~1.15 font sizes high: a gap over ~0.2 of the size is a space
                # the text layer did not write.
                if not same_line or gap > _WORD_GAP * height or gap < -height:
                    flush()
            if box is None:
                box = [x0, y0, x1, y1]
            else:
                box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
            chars.append(ch)
        flush()
        return words
    finally:
        textpage.close()


def _rules(page: pdfium.PdfPage, to_page) -> list[Box]:
    """Table borders and underlines as line segments; a drawn rectangle gives its four sides.
    What an opaque rectangle drawn later covers is not seen, and left out (a spreadsheet's
    gridlines under the white cells of its table)."""
    lines: list[tuple[int, Box]] = []  # in PDF user space, with the order they were drawn in
    covers: list[tuple[int, Box]] = []
    for n, obj in enumerate(page.get_objects(filter=[_PATH], max_depth=2)):
        if len(lines) >= _MAX_RULES:
            break
        try:
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:  # noqa: BLE001 - an object without bounds draws nothing we use
            continue
        w, h = x1 - x0, y1 - y0
        if h <= _THIN and w >= _MIN_RULE:
            mid = (y0 + y1) / 2
            lines.append((n, (x0, mid, x1, mid)))
        elif w <= _THIN and h >= _MIN_RULE:
            mid = (x0 + x1) / 2
            lines.append((n, (mid, y0, mid, y1)))
        elif w >= _MIN_RECT and h >= _MIN_RECT:
            lines += [(n, (x0, y0, x1, y0)), (n, (x0, y1, x1, y1)),
                      (n, (x0, y0, x0, y1)), (n, (x1, y0, x1, y1))]
            if len(covers) < _MAX_COVERS and _opaque_rectangle(obj):
                covers.append((n, (x0, y0, x1, y1)))
    drawn = [k for k, _ in covers]  # in drawing order already
    out: list[Box] = []
    for n, line in lines:
        later = [box for _, box in covers[bisect_right(drawn, n):]]
        out += [to_page(*seg) for seg in _uncovered(line, later)]
    return out


def _opaque_rectangle(obj) -> bool:
    """A path filled with an opaque colour, of a rectangle's few segments."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)) \
            or fill.value == 0 or pdfium_c.FPDFPath_CountSegments(obj.raw) > 6:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(obj.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b),
                                      ctypes.byref(a))
    return a.value == 255


def _uncovered(line: Box, covers: list[Box]) -> list[Box]:
    """The parts of a line (vertical or horizontal) no cover hides; a line along a cover's edge
    (its border) is seen. A line no cover crosses is kept whole, however short (a character
    box's side); what is left of a cut one only when it is a rule's length."""
    x0, y0, x1, y1 = line
    vertical = x0 == x1
    at, start, end = (x0, y0, y1) if vertical else (y0, x0, x1)
    parts = [(start, end)]
    for c in covers:
        lo, hi, across0, across1 = (c[1], c[3], c[0], c[2]) if vertical else \
            (c[0], c[2], c[1], c[3])
        if not across0 + _EDGE < at < across1 - _EDGE:
            continue
        parts = [piece for a, b in parts
                 for piece in ((a, min(b, lo)), (max(a, hi), b)) if piece[1] - piece[0] > 0]
    if parts == [(start, end)]:
        return [line]
    return [(at, a, at, b) if vertical else (a, at, b, at)
            for a, b in parts if b - a >= _MIN_RULE]
