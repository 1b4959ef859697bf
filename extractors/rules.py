"""Removing ruled lines (table borders, underlines) that tesseract would read as characters.

Found on the page's small analysis copy (~1000 px: milliseconds), removed at full size only
inside the bands where the small copy saw a line, so a page without rules costs ~2 ms and a form
with a dozen rules a few ms, instead of morphology over the whole page (~100 ms at 300 dpi).
"""

from __future__ import annotations

import cv2
import numpy as np

_DETECT_WIDTH = 1000  # the analysis copy is about this long (preprocess._ANALYSIS_LONG_SIDE)
Box = tuple[float, float, float, float]


def _opened(binary: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    shape = (length, 1) if horizontal else (1, length)
    return cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_RECT, shape))


def _small_copy(gray: np.ndarray) -> tuple[np.ndarray, float]:
    step = -(-max(gray.shape) // _DETECT_WIDTH)
    if step <= 1:
        return gray, 1.0
    small = cv2.resize(gray, None, fx=1 / step, fy=1 / step, interpolation=cv2.INTER_AREA)
    return small, gray.shape[1] / small.shape[1]


def remove_rules(gray: np.ndarray, small: np.ndarray | None = None,
                 factor: float = 1.0) -> tuple[np.ndarray, bool]:
    """White out horizontal and vertical rules longer than ~4% of the page width.

    `small` is an area-averaged copy of `gray`, `factor` times smaller (made here when not
    given). Returns the cleaned image and whether anything was removed; a page without rules is
    returned as it is.
    """
    cleaned, boxes = find_and_remove(gray, small, factor)
    return cleaned, bool(boxes)


def find_and_remove(gray: np.ndarray, small: np.ndarray | None = None, factor: float = 1.0,
                    ) -> tuple[np.ndarray, list[Box]]:
    """`remove_rules`, also giving the rules removed as boxes in fractions of the page."""
    if small is None:
        small, factor = _small_copy(gray)
    height, width = gray.shape
    threshold, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    paper = float(np.percentile(small, 90))
    # A rule one pixel wide at full size is only a grey line in the small copy: look for
    # lines with a threshold nearer the paper; what is kept is decided at full size.
    _, sensitive = cv2.threshold(small, threshold + 0.35 * max(paper - threshold, 0), 255,
                                 cv2.THRESH_BINARY_INV)
    detect = max(15, small.shape[1] // 25)
    full_length = max(25, width // 25)
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
            mask = _opened(binary, full_length, horizontal)
            if not mask.any():
                continue
            if cleaned is None:
                cleaned = gray.copy()
                band = cleaned[y0:y1, x0:x1]
            ys, xs = np.nonzero(mask)
            boxes.append(((x0 + xs.min()) / width, (y0 + ys.min()) / height,
                          (x0 + xs.max() + 1) / width, (y0 + ys.max() + 1) / height))
            mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
            band[mask > 0] = 255
    return (gray if cleaned is None else cleaned), boxes
