"""PDFs: the text layer through pypdf, judged per page; pages without usable text are
rendered with pdfium for OCR."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from extractors.models import Word
from extractors.options import ReadOptions
from extractors.quality import letter_count, text_quality

if TYPE_CHECKING:
    import numpy as np
    import pypdfium2 as pdfium

logging.getLogger("pypdf").setLevel(logging.ERROR)

MIN_TEXT_LETTERS = 40  # fewer letters than this on a page: it is a scan (or blank), OCR it


class PdfEncrypted(Exception):
    pass


class PdfCorrupt(Exception):
    pass


class PdfTooLarge(Exception):
    pass


@dataclass(frozen=True)
class TextPage:
    number: int
    text: str
    words: list[Word] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)
    size: tuple[float, float] | None = None
    turn: int = 0  # degrees clockwise added to the page's display to read its text level


@dataclass(frozen=True)
class ScanPage:
    """A page whose text must come from OCR; `rejected_layer` if a poor text layer was dropped."""

    number: int
    rejected_layer: bool


@dataclass(frozen=True)
class OversizedPage:
    number: int
    detail: str


PagePlan = TextPage | ScanPage | OversizedPage


class PdfFile:
    """One open PDF: decide per page with `plan()`, render scans with `render()` (one thread)."""

    def __init__(self, data: bytes, opts: ReadOptions):
        self._data = data
        self._opts = opts
        self._pdfium: pdfium.PdfDocument | None = None
        self._reader: PdfReader | None
        try:
            self._reader = _open_reader(data)
            self.page_count = len(self._reader.pages)
        except PdfEncrypted:
            raise
        except Exception as exc:  # noqa: BLE001 - pypdf gave up: the renderer may still read it
            self._reader = None
            self.page_count = self._pdfium_document(reason=exc).__len__()
        if self.page_count == 0:
            raise PdfCorrupt("no pages")
        if self.page_count > opts.max_pages:
            raise PdfTooLarge(f"{self.page_count} pages > {opts.max_pages}")

    def plan(self) -> Iterator[PagePlan]:
        for index in range(self.page_count):
            number = index + 1
            if self._reader is None:
                yield ScanPage(number, rejected_layer=False)
                continue
            try:
                page = self._reader.pages[index]
            except Exception:  # noqa: BLE001 - a damaged page object: let the renderer try
                yield ScanPage(number, rejected_layer=False)
                continue
            oversized = _oversized_image(page, self._opts.max_pixels)
            if oversized:
                yield OversizedPage(number, oversized)
                continue
            text = _extract_text(page)
            if letter_count(text) < MIN_TEXT_LETTERS and (_has_image(page) or not text.strip()):
                yield ScanPage(number, rejected_layer=False)
            elif text_quality(text) < self._opts.min_text_layer_quality:
                yield ScanPage(number, rejected_layer=True)
            else:
                words, rules, size, turn = self.geometry(number)
                yield TextPage(number, text.strip(), words, rules, size, turn)

    def geometry(self, number: int) -> tuple[list[Word], list[tuple[float, float, float, float]],
                                              tuple[float, float] | None, int]:
        """The page's words and ruling lines (`textlayer`), its size, and the quarter turns
        added to its display to read it; none when pdfium cannot read it (the judging then lays
        the page out from its text)."""
        from extractors.textlayer import page_geometry

        try:
            page = self._pdfium_document()[number - 1]
        except Exception:  # noqa: BLE001 - pypdf read it, pdfium did not: the text still counts
            return [], [], None, 0
        try:
            return page_geometry(page)
        except Exception:  # noqa: BLE001 - a page pdfium cannot take apart: its text still counts
            return [], [], None, 0
        finally:
            page.close()

    def render(self, number: int) -> np.ndarray:
        """The page as uint8 grayscale at the configured dpi, scaled down to the pixel limit.

        A page that only shows one scan covering it gives that scan as stored (measured: ~0.05 s
        against ~0.3 s for rendering a 200 dpi A4 page at 300 dpi, and no pixels invented);
        a scan finer than the configured dpi is area-averaged down to it."""
        import numpy as np

        page = self._pdfium_document()[number - 1]
        try:
            embedded = _embedded_scan(page, self._opts)
            if embedded is not None:
                return embedded
            width, height = page.get_size()
            scale = self._opts.dpi / 72
            pixels = width * scale * height * scale
            if pixels > self._opts.max_pixels:
                scale *= (self._opts.max_pixels / pixels) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
            array = bitmap.to_numpy()
            return np.ascontiguousarray(array.reshape(array.shape[0], array.shape[1]))
        finally:
            page.close()

    def picture(self, number: int, width: int, turn: int = 0) -> bytes | None:
        """A text-layer page rendered `width` pixels across (grayscale JPEG) for people to look
        at, as displayed (its /Rotate applied) and turned `turn` degrees more, as the words'
        boxes are; None if pdfium cannot."""
        import numpy as np

        from extractors.pageimage import encode

        try:
            page = self._pdfium_document()[number - 1]
        except Exception:  # noqa: BLE001 - read by pypdf alone: no picture, the text counts
            return None
        try:
            shown_width = page.get_size()[1 if turn in (90, 270) else 0]
            bitmap = page.render(scale=width / shown_width, rotation=turn, grayscale=True,
                                 may_draw_forms=True)
            array = bitmap.to_numpy()
            return encode(np.ascontiguousarray(array.reshape(array.shape[0], array.shape[1])),
                          width)
        except Exception:  # noqa: BLE001 - a page pdfium cannot draw: no picture
            return None
        finally:
            page.close()

    def _pdfium_document(self, reason: Exception | None = None) -> pdfium.PdfDocument:
        import pypdfium2 as pdfium

        if self._pdfium is None:
            try:
                self._pdfium = pdfium.PdfDocument(self._data)
            except pdfium.PdfiumError as exc:
                detail = f"{type(reason).__name__}: {reason}; " if reason else ""
                raise PdfCorrupt(f"{detail}renderer: {exc}") from exc
        return self._pdfium

    def close(self) -> None:
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None


def _open_reader(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Owner-password-only PDFs (printing/copying restricted) open with the empty password.
            try:
                ok = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise PdfEncrypted(f"cannot decrypt: {exc}") from exc
            if not ok:
                raise PdfEncrypted("a password is needed to open it")
        return reader
    except PdfEncrypted:
        raise
    except FileNotDecryptedError as exc:
        raise PdfEncrypted(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise PdfCorrupt(f"{type(exc).__name__}: {exc}") from exc


def _extract_text(page) -> str:
    try:
        return page.extract_text() or ""
    except Exception:  # noqa: BLE001 - a broken content stream: treat as no text layer
        return ""


def _has_image(page) -> bool:
    """The page draws an image (a scan to read), as opposed to a page with only a few words of
    text ("2. Arsip.", the end of a letter's copy list), whose text layer is all there is."""
    try:
        xobjects = page["/Resources"]["/XObject"]
        return any(obj.get_object().get("/Subtype") in ("/Image", "/Form")
                   for obj in xobjects.values())
    except Exception:  # noqa: BLE001 - no or odd resources: no image we can see
        return False


def _oversized_image(page, max_pixels: int) -> str | None:
    try:
        xobjects = page["/Resources"]["/XObject"]
        for obj in xobjects.values():
            obj = obj.get_object()
            if obj.get("/Subtype") == "/Image":
                w, h = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
                if w * h > max_pixels:
                    return f"embedded image {w}x{h} pixels > {max_pixels}"
    except Exception:  # noqa: BLE001 - no or odd resources: nothing to measure
        return None
    return None


def _embedded_scan(page, opts: ReadOptions) -> np.ndarray | None:
    """The page's only object when it is an image covering the page, placed upright, as uint8
    grayscale turned as the page is shown; None when the page must be rendered (anything else
    drawn, a turned or flipped placement, an image the quick check does not match)."""
    import cv2
    import numpy as np
    import pypdfium2.raw as pdfium_c

    try:
        objects = list(page.get_objects(max_depth=1))
        if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return None
        image = objects[0]
        a, b, c, d, _e, _f = image.get_matrix().get()
        if a <= 0 or d <= 0 or abs(b) > 1e-3 * a or abs(c) > 1e-3 * d:
            return None
        width, height = page.get_size()
        left, bottom, right, top = image.get_bounds()
        if (right - left) * (top - bottom) < 0.9 * width * height:
            return None
        px_width, px_height = image.get_px_size()
        if px_width * px_height > opts.max_pixels:
            return None
        array = image.get_bitmap(render=False).to_numpy()
    except Exception:  # noqa: BLE001 - anything odd: the renderer decides
        return None
    if array.ndim == 3 and array.shape[2] >= 3:
        gray = cv2.cvtColor(np.ascontiguousarray(array[:, :, :3]), cv2.COLOR_BGR2GRAY)
    else:
        gray = np.ascontiguousarray(array.reshape(array.shape[0], array.shape[1]))
    if gray.dtype != np.uint8:
        return None
    dpi = px_width / (a / 72)
    if dpi > 1.25 * opts.dpi:
        step = opts.dpi / dpi
        gray = cv2.resize(gray, (max(1, round(gray.shape[1] * step)),
                                 max(1, round(gray.shape[0] * step))),
                          interpolation=cv2.INTER_AREA)
    turn = page.get_rotation() % 360
    if turn:
        gray = cv2.rotate(gray, {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
                                 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[turn])
    # The image as stored must look like the page as shown (a decode array, a mask or an
    # inverted CCITT scan would not): compared on a thumbnail rendering.
    thumb = page.render(scale=24 / 72, grayscale=True).to_numpy()
    thumb = thumb.reshape(thumb.shape[0], thumb.shape[1]).astype(np.float32)
    mine = cv2.resize(gray, (thumb.shape[1], thumb.shape[0]), interpolation=cv2.INTER_AREA)
    if float(np.abs(mine.astype(np.float32) - thumb).mean()) > 12:
        return None
    return gray
