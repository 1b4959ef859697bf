"""Removing ruled lines (table borders, underlines) that tesseract would read as characters."""

from __future__ import annotations

import cv2
import numpy as np

_DETECT_WIDTH = 800  # long lines are found on a copy this wide, then removed at full size


def _line_mask(binary: np.ndarray, length: int) -> np.ndarray:
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                                  cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                                cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    return cv2.bitwise_or(horizontal, vertical)


def remove_rules(gray: np.ndarray) -> tuple[np.ndarray, bool]:
    """White out horizontal and vertical rules longer than ~4% of the page width.

    Returns the cleaned image and whether anything was removed; a page without rules is returned
    as it is after a cheap check on a small copy.
    """
    height, width = gray.shape
    scale = min(1.0, _DETECT_WIDTH / width)
    small = cv2.resize(gray, (max(1, int(width * scale)), max(1, int(height * scale))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else gray
    _, small_bin = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if not _line_mask(small_bin, max(15, small.shape[1] // 25)).any():
        return gray, False
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    mask = _line_mask(binary, max(25, width // 25))
    if not mask.any():
        return gray, False
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    cleaned = gray.copy()
    cleaned[mask > 0] = 255
    return cleaned, True
