"""Thin wrapper of the tesseract binary (through pytesseract): one call, text and confidence."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image

# NOTES.md: tesseract's OpenMP threads make it 5x slower on 2 cores; we parallelise across pages.
os.environ["OMP_THREAD_LIMIT"] = "1"


class OcrTimeout(Exception):
    pass


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: tuple[int, int, int, int]  # pixels of the image read: left, top, right, bottom
    confidence: float | None  # 0..1


@dataclass(frozen=True)
class OcrText:
    text: str
    confidence: float | None  # mean word confidence 0..1, weighted by word length; None: no words
    words: int
    boxes: tuple[OcrWord, ...] = ()  # every word with its box, from the same call


def _as_tiff_image(gray: np.ndarray) -> Image.Image:
    image = Image.fromarray(gray)
    # pytesseract writes the image to a temp file in `image.format`. Measured on an A4 page at
    # 300 dpi: uncompressed TIFF costs 15 ms to write and tesseract is fastest on it (0.96 s);
    # PNG (pytesseract's default) 73 ms and 0.98 s; PGM 4 ms but tesseract takes 1.09 s.
    image.format = "TIFF"
    return image


def recognise(gray: np.ndarray, *, languages: str, psm: int, timeout: float) -> OcrText:
    """OCR one page image (uint8 grayscale) with a single tesseract process."""
    try:
        data = pytesseract.image_to_data(
            _as_tiff_image(gray),
            lang=languages,
            config=f"--psm {psm}",
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except RuntimeError as exc:  # pytesseract signals its timeout this way
        if "timeout" in str(exc).lower():
            raise OcrTimeout(str(exc)) from exc
        raise
    return _assemble(data)


def _assemble(data: dict[str, list]) -> OcrText:
    lines: list[str] = []
    current: tuple[int, int, int] | None = None
    words: list[str] = []
    last_block_par: tuple[int, int] | None = None
    conf_sum = 0.0
    weight = 0
    count = 0
    boxes: list[OcrWord] = []
    for i, word in enumerate(data["text"]):
        if data["level"][i] != 5:
            continue
        word = word.strip()
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key != current:
            if words:
                lines.append(" ".join(words))
            if last_block_par is not None and key[:2] != last_block_par and lines:
                lines.append("")
            current, words, last_block_par = key, [], key[:2]
        if not word:
            continue
        words.append(word)
        conf = float(data["conf"][i])
        if conf >= 0:
            conf_sum += conf * len(word)
            weight += len(word)
            count += 1
        left, top = int(data["left"][i]), int(data["top"][i])
        boxes.append(OcrWord(word, (left, top, left + int(data["width"][i]),
                                    top + int(data["height"][i])),
                             conf / 100 if conf >= 0 else None))
    if words:
        lines.append(" ".join(words))
    text = "\n".join(lines).strip("\n")
    return OcrText(text=text, confidence=(conf_sum / weight / 100) if weight else None, words=count,
                   boxes=tuple(boxes))


def orientation(gray: np.ndarray, *, timeout: float) -> tuple[int, float]:
    """Degrees to turn the page clockwise so its text is upright, and OSD's confidence."""
    try:
        osd = pytesseract.image_to_osd(
            _as_tiff_image(gray), config="--psm 0", output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except pytesseract.TesseractError:
        return 0, 0.0  # too little text to tell
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))
