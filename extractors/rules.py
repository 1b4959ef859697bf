"""Removing ruled lines (table borders, underlines) that tesseract would read as characters."""

from __future__ import annotations

import cv2
import numpy as np

_DETECT_WIDTH = 800  # whether a page has rules at all is decided on a copy this wide


def _line_mask(binary: np.ndarray, length: int) -> np.ndarray:
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                                  cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                                cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    return cv2.bitwise_or(horizontal, vertical)


def _binary(gray: np.ndarray, scale: float) -> np.ndarray:
    if scale < 1:
        gray = cv2.resize(gray, (max(1, int(gray.shape[1] * scale)),
                                 max(1, int(gray.shape[0] * scale))), interpolation=cv2.INTER_AREA)
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary


def remove_rules(gray: np.ndarray) -> tuple[np.ndarray, bool]:
    """White out horizontal and vertical rules longer than ~4% of the page width.

    Returns the cleaned image and whether anything was removed; a page without rules is returned
    as it is after a cheap check on a small copy.
    """
    width = gray.shape[1]
    small = _binary(gray, min(1.0, _DETECT_WIDTH / width))
    if not _line_mask(small, max(15, small.shape[1] // 25)).any():
        return gray, False
    # At full size: found on a half-size copy, thin rules of photographed pages were missed
    # (measured: 2 of 6 photo berkas lost their email to a border read as "|").
    mask = _line_mask(_binary(gray, 1.0), max(25, width // 25))
    if not mask.any():
        return gray, False
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    cleaned = gray.copy()
    cleaned[mask > 0] = 255
    return cleaned, True
