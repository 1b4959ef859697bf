"""The image a page was read from, kept for people to look at: encoded small, so a reviewer sees
each value where it was read. Pure: bytes in memory, never a file."""

from __future__ import annotations

import cv2
import numpy as np

# Pixels across a kept page image: an A4 page at 200 dpi. Sharp enough to read a crop of one
# line (and to OCR it again in a test).
VIEW_WIDTH = 1654
# JPEG, quality 90: ~10 ms a page against ~80 ms for PNG of a noisy scan (bench/pictures.py),
# and text stays crisp enough to read and to OCR again.
QUALITY = 90


def encode(gray: np.ndarray, max_width: int = VIEW_WIDTH) -> bytes:
    """`gray` (uint8) as JPEG, scaled down to at most `max_width` pixels across."""
    height, width = gray.shape[:2]
    if width > max_width:
        scale = max_width / width
        gray = cv2.resize(gray, (max_width, max(1, round(height * scale))),
                          interpolation=cv2.INTER_AREA)
    ok, buffer = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, QUALITY])
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 image
        raise ValueError("cannot encode the page image")
    return buffer.tobytes()
