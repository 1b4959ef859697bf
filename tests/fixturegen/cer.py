"""Character error rate of OCR output against the text a page was rendered from."""

from __future__ import annotations

import numpy as np


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), one numpy row at a time."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    codes_b = np.array([ord(c) for c in b], dtype=np.int64)
    columns = np.arange(len(b) + 1, dtype=np.int64)
    previous = columns.copy()
    for i, char in enumerate(a, start=1):
        current = np.empty_like(previous)
        current[0] = i
        # Deletion or substitution first; insertions chain along the row, which is a running
        # minimum of (value - column) shifted back by the column.
        current[1:] = np.minimum(previous[1:] + 1, previous[:-1] + (codes_b != ord(char)))
        current = np.minimum.accumulate(current - columns) + columns
        previous = current
    return int(previous[-1])


def cer(truth: str, ocr: str) -> float:
    """Edits needed to turn the OCR text into the truth, per character of truth, both with
    whitespace runs collapsed to one space (layout differences are not reading errors)."""
    truth = normalise_whitespace(truth)
    ocr = normalise_whitespace(ocr)
    if not truth:
        return 0.0 if not ocr else 1.0
    return levenshtein(truth, ocr) / len(truth)
