"""Options of the reading layer: languages, resolution, and limits that keep hostile input cheap."""

from __future__ import annotations

import os

from pydantic import BaseModel, Field

MiB = 1024 * 1024


class ReadOptions(BaseModel):
    languages: str = "ind"  # tesseract -l (README: eng beside it bought no accuracy, cost ~30%)
    psm: int = 4  # tesseract page segmentation mode (README: 4 keeps a form's rows whole)
    # Resolution PDF pages without usable text are rendered at for OCR.
    dpi: int = Field(default=300, ge=72, le=600)
    ocr_workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    # One long-lived tesseract process per worker (model loaded once), else one per page.
    ocr_engine_processes: bool = True
    # A text layer scoring below this (0..1, see quality.text_quality) is redone with OCR.
    min_text_layer_quality: float = 0.55
    # Limits: exceeding one makes the file a `too_large` problem, the rest is still read.
    max_file_bytes: int = 50 * MiB
    max_total_bytes: int = 200 * MiB  # everything unpacked from one input
    max_pages: int = 300  # per document file
    max_pixels: int = 80_000_000  # per page or image, after rendering/decoding
    max_archive_members: int = 500
    max_depth: int = 6  # nesting of emails and archives
    max_seconds_per_file: float = 300.0
    ocr_timeout_seconds: float = 120.0  # one tesseract call
