"""The tesseract binary: one recognition per page gives text, confidence and word boxes.

Two ways to run it, with the same binary, options and output (TSV, as `image_to_data`):
`Engine`, one long-lived tesseract process per OCR worker that is handed page after page
(`stream_filelist`), so the language model is loaded once per worker instead of once per page
(measured: ~70 ms of CPU per page for `ind`, ~7% of a page's recognition), and the one-shot
`recognise` without an engine (pytesseract: a process per page).
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image

# NOTES.md: tesseract's OpenMP threads make it 5x slower on 2 cores; we parallelise across pages.
os.environ["OMP_THREAD_LIMIT"] = "1"


LINE_PSM = 7  # tesseract's page segmentation mode for an image of a single line


class OcrTimeout(Exception):
    pass


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: tuple[int, int, int, int]  # pixels of the image read: left, top, right, bottom
    confidence: float | None  # 0..1
    line: tuple[int, int, int] = (0, 0, 0)  # tesseract's block, paragraph and line


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


class OcrEngineError(Exception):
    """The tesseract process failed on a page (it is started anew for the next one)."""


def recognise(gray: np.ndarray, *, languages: str, psm: int, timeout: float,
              engine: Engine | None = None) -> OcrText:
    """OCR one page image (uint8 grayscale): with `engine` (same languages and psm) in its
    long-lived process, else in a tesseract process of its own."""
    if engine is not None:
        return engine.recognise(gray, timeout=timeout)
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
    words: list[OcrWord] = []
    for i, word in enumerate(data["text"]):
        word = word.strip()
        if data["level"][i] != 5 or not word:
            continue
        conf = float(data["conf"][i])
        left, top = int(data["left"][i]), int(data["top"][i])
        words.append(OcrWord(word, (left, top, left + int(data["width"][i]),
                                    top + int(data["height"][i])),
                             conf / 100 if conf >= 0 else None,
                             (data["block_num"][i], data["par_num"][i], data["line_num"][i])))
    return assemble(words)


def read_line(gray: np.ndarray, *, languages: str, timeout: float,
              engine: Engine | None = None) -> OcrText:
    """OCR an image of one line of text (`--psm 7`): with `engine` (started with the same
    languages and psm 7), else in a process of its own."""
    return recognise(gray, languages=languages, psm=LINE_PSM, timeout=timeout, engine=engine)


def assemble(words: list[OcrWord]) -> OcrText:
    """The page's text from its words in reading order: a line per tesseract line, an empty
    line between paragraphs; the confidence weighted by word length."""
    lines: list[str] = []
    current: tuple[int, int, int] | None = None
    in_line: list[str] = []
    conf_sum, weight, count = 0.0, 0, 0
    for word in words:
        if word.line != current:
            if in_line:
                lines.append(" ".join(in_line))
            if current is not None and word.line[:2] != current[:2] and lines:
                lines.append("")
            current, in_line = word.line, []
        in_line.append(word.text)
        if word.confidence is not None:
            conf_sum += word.confidence * len(word.text)
            weight += len(word.text)
            count += 1
    if in_line:
        lines.append(" ".join(in_line))
    text = "\n".join(lines).strip("\n")
    return OcrText(text=text, confidence=(conf_sum / weight) if weight else None, words=count,
                   boxes=tuple(words))


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


_TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left",
                "top", "width", "height", "conf", "text")
_INT_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left",
                "top", "width", "height")


class Engine:
    """One tesseract process that reads page after page, for one worker thread at a time.

    Each page is written as an uncompressed TIFF into a private folder and its path, followed by
    a tiny blank marker image, is written to tesseract's standard input; the page's TSV is
    complete when the marker's page row arrives. Standard output is unbuffered (`stdbuf -o0`),
    else the end of a page would wait in tesseract's buffer for the next one. A page that takes
    longer than its timeout, or a process that dies, ends the process; the next page starts a
    new one. After `max_pages` pages the process is renewed (bounded memory in a service).
    """

    def __init__(self, languages: str, psm: int, *, max_pages: int = 500):
        self.languages, self.psm, self.max_pages = languages, psm, max_pages
        self._proc: subprocess.Popen[bytes] | None = None
        self._folder: Path | None = None
        self._marker: Path | None = None
        self._pages = 0  # images (pages and markers) handed to the current process
        self._served = 0
        self._buffer = b""
        self._lock = threading.Lock()

    @staticmethod
    def available() -> bool:
        return shutil.which("stdbuf") is not None and shutil.which("tesseract") is not None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._folder is None:
            base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
            self._folder = Path(tempfile.mkdtemp(prefix="berkas-ocr-", dir=base))
            self._marker = self._folder / "marker.pgm"
            Image.new("L", (8, 8), 255).save(self._marker)
        self._proc = subprocess.Popen(
            ["stdbuf", "-o0", "tesseract", "stdin", "stdout", "-l", self.languages,
             "--psm", str(self.psm), "-c", "stream_filelist=true", "tsv"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        self._pages, self._served, self._buffer = 0, 0, b""
        return self._proc

    def recognise(self, gray: np.ndarray, *, timeout: float) -> OcrText:
        with self._lock:
            proc = self._proc if self._proc is not None and self._proc.poll() is None \
                else self._start()
            assert self._folder is not None and self._marker is not None
            page_path = self._folder / "page.tif"
            _as_tiff_image(gray).save(page_path, format="TIFF")
            page, marker = self._pages + 1, self._pages + 2
            self._pages += 2
            try:
                assert proc.stdin is not None
                proc.stdin.write(f"{page_path}\n{self._marker}\n".encode())
                proc.stdin.flush()
                rows = self._rows_until(proc, marker, timeout)
            except OcrTimeout:
                self.close()
                raise
            except (OSError, OcrEngineError) as exc:
                self.close()
                raise OcrEngineError(f"tesseract failed: {exc}") from exc
            finally:
                page_path.unlink(missing_ok=True)
            self._served += 1
            if self._served >= self.max_pages:
                self.close()
        return _assemble(_columns([r for r in rows if r[1] == str(page)]))

    def _rows_until(self, proc: subprocess.Popen[bytes], marker: int, timeout: float,
                    ) -> list[list[str]]:
        """The TSV rows tesseract wrote before the marker image's page row."""
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        end = f"1\t{marker}\t".encode()
        while True:
            at = 0 if self._buffer.startswith(end) else self._buffer.find(b"\n" + end) + 1
            newline = self._buffer.find(b"\n", at) if at or self._buffer.startswith(end) else -1
            if newline >= 0:
                chunk, self._buffer = self._buffer[:at], self._buffer[newline + 1:]
                return [line.split("\t") for line in chunk.decode("utf-8", "replace")
                        .splitlines() if line and not line.startswith("level\t")]
            left = deadline - time.monotonic()
            if left <= 0:
                raise OcrTimeout(f"tesseract took over {timeout:.0f} s for one page")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            data = os.read(fd, 1 << 16)
            if not data:
                raise OcrEngineError(f"tesseract exited ({proc.wait()})")
            self._buffer += data

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()

    def shutdown(self) -> None:
        """Ends the process and removes the page folder."""
        self.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def _columns(rows: list[list[str]]) -> dict[str, list]:
    data: dict[str, list] = {name: [] for name in _TSV_COLUMNS}
    for row in rows:
        if len(row) < len(_TSV_COLUMNS) - 1:
            continue
        row = row + [""] * (len(_TSV_COLUMNS) - len(row))
        for name, value in zip(_TSV_COLUMNS, row, strict=False):
            if name in _INT_COLUMNS:
                data[name].append(int(value))
            elif name == "conf":
                data[name].append(float(value))
            else:
                data[name].append(value)
    return data
