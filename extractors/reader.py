"""Reading a berkas: every page of every document found, as text (text layer or OCR).

`read_blobs` is the whole reading layer: containers are opened (emails, archives), each leaf is
read by its kind, and pages without usable text are OCRed in parallel. It never raises on input:
what cannot be read becomes a FileProblem and everything else is still read.
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from typing import TYPE_CHECKING

from extractors import office
from extractors.containers import unpack
from extractors.models import (
    Blob,
    FileProblem,
    Method,
    PageText,
    ProblemCode,
    ReadResult,
    Word,
)
from extractors.options import ReadOptions
from extractors.sniff import sniff

if TYPE_CHECKING:
    from extractors.ocr import OcrGate, OcrJob, OcrPool


class _TimeLimit(Exception):
    pass


class _Reading:
    def __init__(self, opts: ReadOptions, gate: OcrGate | None, pool: OcrPool | None = None,
                 page_images: int = 0):
        self.opts = opts
        self.page_images = page_images
        self.gate = gate
        self._pool: OcrPool | None = pool
        self._own_pool = pool is None
        self.result = ReadResult()
        self.pages: list[PageText | Future[PageText]] = []

    def ocr(self, job: OcrJob) -> None:
        # OCR machinery (OpenCV, tesseract) is loaded only when a page needs it, which keeps
        # `berkas read` of digital files quick to start.
        if self._pool is None:
            from extractors.ocr import OcrPool

            self._pool = OcrPool(self.opts, self.gate)
        self.pages.append(self._pool.submit(job))

    def close(self) -> None:
        if self._pool is not None and self._own_pool:
            self._pool.close()

    def problem(self, file: str, code: ProblemCode, detail: str, pages: list[int] | None = None):
        self.result.problems.append(
            FileProblem(file=file, code=code, detail=detail, pages=pages or [])
        )

    def text_page(self, file: str, number: int, text: str, words: list[Word] | None = None,
                  rules: list[tuple[float, float, float, float]] | None = None,
                  size: tuple[float, float] | None = None, image: bytes | None = None,
                  turn: int = 0) -> None:
        self.pages.append(PageText(file=file, page=number, method=Method.TEXT, text=text,
                                   words=words or [], rules=rules or [], size=size, image=image,
                                   rotation=turn))

    def read_leaf(self, leaf: Blob, kind: str) -> None:
        started = time.monotonic()

        def check_time() -> None:
            if time.monotonic() - started > self.opts.max_seconds_per_file:
                raise _TimeLimit

        claimed = _claimed_format(leaf.name)
        if claimed and kind in ("html", "text"):
            # "SK.pdf" holding a web page (a cloud drive's download error) or plain text: the
            # document that was meant is not there.
            self.problem(leaf.name, ProblemCode.CORRUPT,
                         f"named as {claimed} but holds {kind}, not the document")
            return
        try:
            if kind == "pdf":
                self._read_pdf(leaf, check_time)
            elif kind == "image":
                self._read_image(leaf, check_time)
            elif kind in office.READERS:
                for number, text in enumerate(office.READERS[kind](leaf.data), start=1):
                    self.text_page(leaf.name, number, text)
            else:
                self.problem(leaf.name, ProblemCode.CORRUPT, f"cannot read files of kind {kind}")
        except _TimeLimit:
            self.problem(leaf.name, ProblemCode.TOO_LARGE,
                         f"reading took over {self.opts.max_seconds_per_file:.0f} s")
        except office.OfficeEncrypted as exc:
            self.problem(leaf.name, ProblemCode.ENCRYPTED, str(exc))
        except office.OfficeUnreadable as exc:
            self.problem(leaf.name, ProblemCode.CORRUPT, str(exc))

    def _read_pdf(self, leaf: Blob, check_time) -> None:
        # pypdf costs 0.25 s to import: only when a PDF comes.
        from extractors.pdf import (
            OversizedPage,
            PdfCorrupt,
            PdfEncrypted,
            PdfFile,
            PdfTooLarge,
            ScanPage,
            TextPage,
        )

        try:
            pdf = PdfFile(leaf.data, self.opts)
        except PdfEncrypted as exc:
            self.problem(leaf.name, ProblemCode.ENCRYPTED, str(exc))
            return
        except PdfTooLarge as exc:
            self.problem(leaf.name, ProblemCode.TOO_LARGE, str(exc))
            return
        except PdfCorrupt as exc:
            self.problem(leaf.name, ProblemCode.CORRUPT, str(exc))
            return
        try:
            for plan in pdf.plan():
                check_time()
                if isinstance(plan, TextPage):
                    image = pdf.picture(plan.number, self.page_images, plan.turn) \
                        if self.page_images else None
                    self.text_page(leaf.name, plan.number, plan.text, plan.words, plan.rules,
                                   plan.size, image, plan.turn)
                elif isinstance(plan, OversizedPage):
                    self.problem(leaf.name, ProblemCode.TOO_LARGE, plan.detail, [plan.number])
                elif isinstance(plan, ScanPage):
                    try:
                        gray = pdf.render(plan.number)
                    except Exception as exc:  # noqa: BLE001 - one damaged page, not the file
                        self.problem(leaf.name, ProblemCode.CORRUPT,
                                     f"page {plan.number} cannot be rendered: {exc}", [plan.number])
                        continue
                    from extractors.ocr import OcrJob

                    self.ocr(OcrJob(file=leaf.name, page=plan.number, gray=gray,
                                    rejected_layer=plan.rejected_layer,
                                    image_width=self.page_images))
        finally:
            pdf.close()

    def _read_image(self, leaf: Blob, check_time) -> None:
        from extractors.images import ImageTooLarge, ImageUnreadable, open_frames
        from extractors.ocr import OcrJob

        try:
            for number, frame in enumerate(
                open_frames(leaf.data, max_pixels=self.opts.max_pixels,
                            max_frames=self.opts.max_pages),
                start=1,
            ):
                check_time()
                self.ocr(OcrJob(file=leaf.name, page=number, gray=frame.gray,
                                photo_hint=frame.photo_hint, rotation=frame.exif_rotation,
                                image_width=self.page_images))
        except ImageTooLarge as exc:
            self.problem(leaf.name, ProblemCode.TOO_LARGE, str(exc))
        except ImageUnreadable as exc:
            self.problem(leaf.name, ProblemCode.CORRUPT, str(exc))

    def finish(self) -> ReadResult:
        for item in self.pages:
            if isinstance(item, PageText):
                self.result.pages.append(item)
                continue
            from extractors.ocr import OcrFailure
            from extractors.tesseract import OcrTimeout

            try:
                self.result.pages.append(item.result())
            except OcrFailure as exc:
                code = (ProblemCode.TOO_LARGE if isinstance(exc.cause, OcrTimeout)
                        else ProblemCode.UNREADABLE)
                self.problem(exc.file, code, f"OCR failed: {exc}", [exc.page])
        return self.result


_BINARY_FORMATS = frozenset({"pdf", "docx", "doc", "odt", "rtf", "jpg", "jpeg", "png", "tif",
                             "tiff", "heic", "webp", "bmp", "gif", "zip", "rar", "7z"})


def _claimed_format(name: str) -> str | None:
    """The document format a file's name claims, when it is one that is never plain text."""
    ext = name.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    return ext if "." in name.rsplit("/", 1)[-1] and ext in _BINARY_FORMATS else None


def read_blobs(blobs: list[Blob], opts: ReadOptions | None = None,
               gate: OcrGate | None = None, pool: OcrPool | None = None,
               page_images: int = 0) -> ReadResult:
    """Read every page of every document in `blobs` (files, emails, archives). `pool`: an OCR
    pool kept by a service for every berkas (its threads and tesseract processes outlive one
    read); by default one is made for this read, when a page needs OCR, and closed after it.
    `page_images`: keep each PDF or image page's picture on `PageText.image`, at most this many
    pixels wide (the image the OCR read; a text layer's page rendered); 0 keeps none."""
    opts = opts or ReadOptions()
    reading = _Reading(opts, gate, pool, page_images)
    try:
        for blob in blobs:
            # A single email's attachments are named by their own names (SPEC); among several
            # inputs they keep the email's name in front, so two emails' files stay apart.
            unpacked = unpack(blob, opts, strip_email_name=len(blobs) == 1)
            reading.result.files.extend(unpacked.files)
            reading.result.problems.extend(unpacked.problems)
            reading.result.links.extend(
                link for link in unpacked.links if link not in reading.result.links)
            if reading.result.email is None and unpacked.email is not None:
                reading.result.email = unpacked.email
            for leaf in unpacked.leaves:
                reading.read_leaf(leaf, sniff(leaf.data, leaf.name, leaf.content_type))
        result = reading.finish()
    finally:
        reading.close()
    _count_pages(result)
    return result


def pictures_again(blobs: list[Blob], pages: list[PageText], width: int,
                   opts: ReadOptions | None = None) -> dict[tuple[str, int], bytes]:
    """The page images `read_blobs(blobs, page_images=width)` kept for `pages` (as that read
    gave them), made again without OCR: a text-layer page rendered, a scanned page cleaned up
    and turned as its reading recorded. Pages that cannot be made are left out."""
    opts = opts or ReadOptions()
    wanted = {(p.file, p.page): p for p in pages}
    found: dict[tuple[str, int], bytes] = {}
    for blob in blobs:
        for leaf in unpack(blob, opts, strip_email_name=len(blobs) == 1).leaves:
            if not any(file == leaf.name for file, _ in wanted):
                continue
            try:
                found |= _leaf_pictures(leaf, sniff(leaf.data, leaf.name, leaf.content_type),
                                        wanted, width, opts)
            except Exception:  # noqa: BLE001 - a picture is a convenience: the rest still comes
                continue
    return found


def _leaf_pictures(leaf: Blob, kind: str, wanted: dict[tuple[str, int], PageText], width: int,
                   opts: ReadOptions) -> dict[tuple[str, int], bytes]:
    from extractors.ocr import OcrJob, picture_again

    found: dict[tuple[str, int], bytes] = {}
    if kind == "pdf":
        from extractors.pdf import PdfFile

        pdf = PdfFile(leaf.data, opts)
        try:
            for (file, number), page in wanted.items():
                if file != leaf.name:
                    continue
                picture = pdf.picture(number, width, page.rotation) \
                    if page.method == Method.TEXT else \
                    picture_again(OcrJob(file=file, page=number, gray=pdf.render(number),
                                         image_width=width), page)
                if picture:
                    found[(file, number)] = picture
        finally:
            pdf.close()
    elif kind == "image":
        from extractors.images import open_frames

        for number, frame in enumerate(open_frames(leaf.data, max_pixels=opts.max_pixels,
                                                   max_frames=opts.max_pages), start=1):
            shown = wanted.get((leaf.name, number))
            if shown is None:
                continue
            picture = picture_again(OcrJob(file=leaf.name, page=number, gray=frame.gray,
                                           photo_hint=frame.photo_hint,
                                           rotation=frame.exif_rotation, image_width=width), shown)
            if picture:
                found[(leaf.name, number)] = picture
    return found


def _count_pages(result: ReadResult) -> None:
    pages: dict[str, int] = {}
    for page in result.pages:
        pages[page.file] = max(pages.get(page.file, 0), page.page)
    for info in result.files:
        info.pages = pages.get(info.file, info.pages)
