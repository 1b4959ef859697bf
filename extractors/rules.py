"""Removing lines that tesseract would read as characters: ruled lines (table borders,
underlines) and the dotted leaders ("titik-titik") a form's values are written on.

Ruled lines are found on the page's small analysis copy (~1000 px: milliseconds) and removed at
full size only inside the bands where the small copy saw a line, so a page without rules costs a
few ms instead of morphology over the whole page (~100 ms at 300 dpi). Dotted leaders are found
on a copy about 1300 px wide, where a leader's dots are still apart: a row of small dots, each
much smaller than the page's letters, at most a letter's height apart, over several letters'
width. Only those dots are whitened, at full size, so handwriting written across the leader
stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_DETECT_WIDTH = 1000  # the analysis copy is about this long (preprocess._ANALYSIS_LONG_SIDE)
_DOT_DETECT_WIDTH = 1300  # dots of a 300 dpi leader (3-4 px) are still 1-2 px apart here
Box = tuple[float, float, float, float]

# Sizes relative to the page's letter height (75th percentile of letter-sized blobs: about the
# capital height). A leader's dot (or dash) is much lower than a letter and at most about as
# wide; dots of one leader are at most 1.5 letter heights apart; a leader is at least six
# letters long.
_DOT_MAX_HEIGHT = 0.35
_DOT_MAX_WIDTH = 1.2
_DOT_MAX_GAP = 1.5
_DASHES_MAX_WIDTH = 4.0
_LEADER_MIN_LENGTH = 6.0
# A "rule" with ink along both its sides is a row of text run together (a blurred photo's
# letters touch, and a long horizontal kernel keeps their middle), never a rule: an underline
# has letters on one side only, a table border none. So is a "rule" thicker than a third of a
# letter (a border is a tenth to a fifth of one).
_TEXT_SIDE_INK = 0.4
_RULE_MAX_THICKNESS = 0.3
# A blurred word can run together into a bar as long as the word: a horizontal rule is at
# least this many letters long (table borders and lines to write on are longer).
_RULE_MIN_LETTERS = 8.0
# A row of letter boxes is this many letter heights high.
_BOX_MIN_HEIGHT = 0.8
_BOX_MAX_HEIGHT = 3.0
# ... with at least this many walls, at most this many letter heights apart (a table row has a
# few cell borders, far apart).
_BOX_MIN_WALLS = 5
_BOX_MAX_WIDTH = 2.5
_MIN_LETTERS = 50


def _opened(binary: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    shape = (length, 1) if horizontal else (1, length)
    return cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_RECT, shape))


def _copy_at_most(gray: np.ndarray, width: int, side: int | None = None,
                  ) -> tuple[np.ndarray, float]:
    """An area-averaged copy whose `side` (the longer one when None) is at most `width`, and
    the factor from it back to `gray`."""
    step = -(-(max(gray.shape) if side is None else gray.shape[side]) // width)
    if step <= 1:
        return gray, 1.0
    small = cv2.resize(gray, None, fx=1 / step, fy=1 / step, interpolation=cv2.INTER_AREA)
    return small, gray.shape[1] / small.shape[1]


def remove_rules(gray: np.ndarray, small: np.ndarray | None = None,
                 factor: float = 1.0) -> tuple[np.ndarray, bool]:
    """White out dotted leaders, and horizontal and vertical rules longer than ~4% of the page
    width.

    `small` is an area-averaged copy of `gray`, `factor` times smaller (made here when not
    given). Returns the cleaned image and whether anything was removed; a page without rules is
    returned as it is.
    """
    cleaned, boxes, _rows = find_and_remove(gray, small, factor)
    return cleaned, cleaned is not gray or bool(boxes)


@dataclass(frozen=True)
class _Ink:
    """The dark blobs of a copy of the page `scale` times smaller than it."""

    labels: np.ndarray
    stats: np.ndarray
    scale: float
    letter_height: float | None  # in copy pixels


def _ink(gray: np.ndarray, threshold: float) -> _Ink:
    copy, scale = _copy_at_most(gray, _DOT_DETECT_WIDTH, side=1)  # a page's dots run across it
    binary = np.where(copy < threshold, 1, 0).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights >= 3) & (widths <= 6 * heights)
                      & (heights <= copy.shape[0] // 20)]
    height = float(np.percentile(letters, 75)) if letters.size >= _MIN_LETTERS else None
    return _Ink(labels=labels, stats=stats, scale=scale, letter_height=height)


def _remove_leaders(gray: np.ndarray, ink: _Ink, threshold: float) -> np.ndarray:
    """`gray` with the dots of every dotted leader whitened (a new array), or `gray` itself."""
    if ink.letter_height is None:
        return gray
    letter = ink.letter_height
    heights = ink.stats[:, cv2.CC_STAT_HEIGHT]
    # Up to a few letters wide: dashes close together run into one on this copy (at full size
    # only blobs a dot's or a dash's size are whitened); a longer line is a rule's.
    widths = ink.stats[:, cv2.CC_STAT_WIDTH]
    is_dot = (heights <= max(2.0, _DOT_MAX_HEIGHT * letter)) & \
        (widths <= max(3.0, _DASHES_MAX_WIDTH * letter))
    is_dot[0] = False  # the background
    dots = np.where(is_dot, 255, 0).astype(np.uint8)[ink.labels]
    gap = max(3, round(_DOT_MAX_GAP * letter))
    linked = cv2.morphologyEx(dots, cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    length = max(round(dots.shape[1] * 0.04), round(_LEADER_MIN_LENGTH * letter))
    leaders = _opened(linked, length, horizontal=True)
    if not leaders.any():
        return gray
    count, _, stats, _ = cv2.connectedComponentsWithStats(leaders, connectivity=8)
    cleaned = gray.copy()
    full_letter = letter * ink.scale
    max_h, max_w = max(2.0, _DOT_MAX_HEIGHT * full_letter), max(3.0, _DOT_MAX_WIDTH * full_letter)
    pad = round(ink.scale) + 2
    height, width = gray.shape
    for x, y, w, h, _area in stats[1:count]:
        # At full size, within the leader's band: every blob small enough to be a dot and not
        # reaching the band's edge (a letter or a stroke crossing the leader reaches it).
        x0, y0 = max(int(x * ink.scale) - pad, 0), max(int(y * ink.scale) - pad, 0)
        x1 = min(int((x + w) * ink.scale) + pad, width)
        y1 = min(int((y + h) * ink.scale) + pad, height)
        band = cleaned[y0:y1, x0:x1]
        binary = np.where(band < threshold, 1, 0).astype(np.uint8)
        n, labels, blobs, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
        top = blobs[:, cv2.CC_STAT_TOP]
        bottom = top + blobs[:, cv2.CC_STAT_HEIGHT]
        small = (blobs[:, cv2.CC_STAT_HEIGHT] <= max_h) & (blobs[:, cv2.CC_STAT_WIDTH] <= max_w) \
            & ((top > 0) | (y0 == 0)) & ((bottom < band.shape[0]) | (y1 == height))
        small[0] = False
        band[small[labels]] = 255
    return cleaned


def find_and_remove(gray: np.ndarray, small: np.ndarray | None = None, factor: float = 1.0,
                    ) -> tuple[np.ndarray, list[Box], list[Box]]:
    """`remove_rules`, also giving the rules removed as boxes in fractions of the page (dotted
    leaders are not among them: they are no table's border), and the rows of letter boxes
    whose walls were removed (inside the boxes)."""
    if small is None:
        small, factor = _copy_at_most(gray, _DETECT_WIDTH)
    height, width = gray.shape
    threshold, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    paper = float(np.percentile(small, 90))
    # A rule one pixel wide at full size, or a leader's thin dots, is only grey on a smaller
    # copy: they are looked for with a threshold nearer the paper; what is whitened is decided
    # at full size.
    faint = threshold + 0.35 * max(paper - threshold, 0)
    ink = _ink(gray, faint)
    gray = _remove_leaders(gray, ink, threshold)
    _, sensitive = cv2.threshold(small, faint, 255, cv2.THRESH_BINARY_INV)
    detect = max(15, small.shape[1] // 25)
    full_length = max(25, width // 25)
    letter = ink.letter_height * ink.scale if ink.letter_height is not None else 0.0
    max_thickness = _RULE_MAX_THICKNESS * letter if letter else float("inf")
    cleaned: np.ndarray | None = None
    boxes: list[Box] = []
    pad = int(2 * factor) + 3
    for horizontal in (True, False):
        candidates = _opened(sensitive, detect, horizontal)
        if not candidates.any():
            continue
        count, _, stats, _ = cv2.connectedComponentsWithStats(candidates, connectivity=8)
        for x, y, w, h, _area in stats[1:]:
            x0, y0 = max(int(x * factor) - pad, 0), max(int(y * factor) - pad, 0)
            x1 = min(int((x + w) * factor) + pad, width)
            y1 = min(int((y + h) * factor) + pad, height)
            band = gray[y0:y1, x0:x1] if cleaned is None else cleaned[y0:y1, x0:x1]
            binary = np.where(band < threshold, 255, 0).astype(np.uint8)
            length = max(full_length, round(_RULE_MIN_LETTERS * letter)) if horizontal \
                else full_length
            mask = _opened(binary, length, horizontal)
            if not mask.any() or _is_text_run(gray if cleaned is None else cleaned, threshold,
                                               mask, (x0, y0), horizontal, max_thickness):
                continue
            if cleaned is None:
                cleaned = gray.copy()
                band = cleaned[y0:y1, x0:x1]
            ys, xs = np.nonzero(mask)
            boxes.append(((x0 + xs.min()) / width, (y0 + ys.min()) / height,
                          (x0 + xs.max() + 1) / width, (y0 + ys.max() + 1) / height))
            mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
            band[mask > 0] = 255
    letter_rows = _remove_box_walls(gray, cleaned, threshold, boxes, letter) \
        if cleaned is not None and letter else []
    return (gray if cleaned is None else cleaned), boxes, letter_rows


def _remove_box_walls(page: np.ndarray, cleaned: np.ndarray, threshold: float,
                      boxes: list[Box], letter: float) -> list[Box]:
    """Whiten, in `cleaned`, the walls of a row of letter boxes ("satu kotak satu huruf"):
    between two horizontal rules a letter or two apart, every vertical stroke of `page` that
    runs unbroken from the upper rule to the lower one. Too short to be found as rules, they
    are read as I, l or | between the letters; a letter written in a box rarely touches both."""
    height, width = page.shape
    rows: list[Box] = []
    lines = sorted(((round(x0 * width), round(y0 * height), round(x1 * width),
                     round(y1 * height)) for x0, y0, x1, y1 in boxes
                    if (x1 - x0) * width > (y1 - y0) * height), key=lambda line: line[1])
    for i, (ax0, ay0, ax1, ay1) in enumerate(lines):
        for bx0, by0, bx1, by1 in lines[i + 1:]:
            gap = by0 - ay1
            if gap > _BOX_MAX_HEIGHT * letter:
                break
            left, right = max(ax0, bx0), min(ax1, bx1)
            if gap < _BOX_MIN_HEIGHT * letter or right - left < 4 * letter:
                continue
            walls = _walls(page[ay0:by1, left:right], threshold)
            if walls.any() and _letter_boxes(walls, letter):
                # The end walls of a row of boxes stand on the rules' ends, or just past them.
                left = max(left - round(0.5 * letter), 0)
                right = min(right + round(0.5 * letter), width)
                walls = _walls(page[ay0:by1, left:right], threshold)
                rows.append((left / width, ay1 / height, right / width, by0 / height))
            if walls.any():
                # with their grey edges, which tesseract would still see as a thin stroke
                walls = cv2.dilate(walls, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 3)))
                cleaned[ay0:by1, left:right][walls > 0] = 255
            break
    return rows


def _walls(region: np.ndarray, threshold: float) -> np.ndarray:
    """Vertical strokes running (almost) the whole height of `region`."""
    binary = np.where(region < threshold, 255, 0).astype(np.uint8)
    return _opened(binary, max(3, round(0.95 * region.shape[0])), horizontal=False)


def _letter_boxes(walls: np.ndarray, letter: float) -> bool:
    """Walls standing a box apart all along the row (one letter in each), not a table row's
    few cell borders."""
    columns = np.flatnonzero(walls.any(axis=0))
    if len(columns) == 0:
        return False
    starts = columns[np.r_[True, np.diff(columns) > 1]]
    if len(starts) < _BOX_MIN_WALLS:
        return False
    return float(np.median(np.diff(starts))) <= _BOX_MAX_WIDTH * letter


def _is_text_run(page: np.ndarray, threshold: float, mask: np.ndarray, at: tuple[int, int],
                 horizontal: bool, max_thickness: float) -> bool:
    """Whether the line in `mask` (a band of `page` whose top left is `at`) is too thick for a
    rule or has ink along both its sides."""
    if not horizontal:
        page, mask, at = page.T, mask.T, (at[1], at[0])
    columns = np.flatnonzero(mask.any(axis=0))
    if np.median(np.count_nonzero(mask[:, columns], axis=0)) > max_thickness:
        return True
    rows = np.flatnonzero(mask.any(axis=1)) + at[1]
    offset = max(2, (rows[-1] - rows[0] + 1) // 2)
    above, below = rows[0] - offset, rows[-1] + offset
    if above < 0 or below >= page.shape[0]:
        return False
    sides = page[[above, below]][:, columns + at[0]] < threshold
    return bool(sides.mean(axis=1).min() > _TEXT_SIDE_INK)
