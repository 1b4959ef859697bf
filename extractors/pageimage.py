"""The image a page was read from, kept for people to look at: encoded small and losslessly, so
a reviewer sees each value where it was read. Pure: bytes in memory, never a file."""

from __future__ import annotations

import cv2
import numpy as np

# Pixels across a kept page image: an A4 page at 200 dpi. Sharp enough to read a crop of one
# line (and to OCR it again in a test); PNG at compression 1 costs ~30 ms a page (README).
VIEW_WIDTH = 1654


def encode(gray: np.ndarray, max_width: int = VIEW_WIDTH) -> bytes:
    """`gray` (uint8) as PNG, scaled down to at most `max_width` pixels across."""
    height, width = gray.shape[:2]
    if width > max_width:
        scale = max_width / width
        gray = cv2.resize(gray, (max_width, max(1, round(height * scale))),
                          interpolation=cv2.INTER_AREA)
    ok, buffer = cv2.imencode(".png", gray, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 image
        raise ValueError("cannot encode the page image")
    return buffer.tobytes()
