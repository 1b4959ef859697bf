"""OCR of page images in parallel, bounded by a gate that can span processes."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from extractors import preprocess, secondlook, tesseract
from extractors.models import Method, PageText, Word
from extractors.options import ReadOptions
from extractors.rules import find_and_remove

# A page read with less confidence than this is read the other way up too (tesseract's
# confidence on a page upside down: ~0.3-0.4; a poor but upright scan's: 0.6 and more).
_DOUBTFUL_CONFIDENCE = 0.5


class OcrFailure(Exception):
    def __init__(self, file: str, page: int, cause: Exception):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.file, self.page, self.cause = file, page, cause


class OcrGate(Protocol):
    """Grants the right to run one tesseract process (berkas.ocr_slots: machine-wide)."""

    def slot(self) -> AbstractContextManager[object]: ...


class ThreadGate:
    """In-process gate: at most `n` tesseract processes from this process."""

    def __init__(self, n: int):
        self._semaphore = threading.BoundedSemaphore(n)

    def slot(self) -> AbstractContextManager[object]:
        return self._semaphore


@dataclass(frozen=True)
class OcrJob:
    file: str
    page: int
    gray: np.ndarray
    photo_hint: bool = False
    rotation: int = 0  # already applied (EXIF)
    rejected_layer: bool = False
    image_width: int = 0  # keep the image read on PageText.image, this wide at most (0: don't)


def _prepare(gray: np.ndarray, photo_hint: bool) -> preprocess.Prepared:
    prepared = preprocess.prepare(gray, photo_hint=photo_hint)
    image, boxes, letter_rows = find_and_remove(prepared.image, prepared.small,
                                                prepared.factor)
    if not boxes:
        return prepared
    return preprocess.Prepared(image=image, deskew=prepared.deskew,
                               cleanup=[*prepared.cleanup, "rules"], small=prepared.small,
                               factor=prepared.factor, rules=_segments(boxes),
                               letter_rows=letter_rows)


def _segments(boxes: list[tuple[float, float, float, float]]) -> list[
        tuple[float, float, float, float]]:
    """A removed rule's box as the line through its middle: horizontal or vertical."""
    out = []
    for x0, y0, x1, y1 in boxes:
        if x1 - x0 >= y1 - y0:
            y = round((y0 + y1) / 2, 5)
            out.append((round(x0, 5), y, round(x1, 5), y))
        else:
            x = round((x0 + x1) / 2, 5)
            out.append((x, round(y0, 5), x, round(y1, 5)))
    return out


def _is_blank(gray: np.ndarray) -> bool:
    """No ink at all (the empty back of a scanned sheet): nothing for tesseract to do."""
    step = max(1, min(gray.shape) // 400)
    sample = gray[::step, ::step]
    return bool(sample.size == 0 or np.count_nonzero(sample < 160) < sample.size * 0.0003)


def recognise_page(job: OcrJob, opts: ReadOptions,
                   engine: tesseract.Engine | None = None,
                   line_engines: LineEngines | None = None) -> PageText:
    """Clean up, make the page upright, and recognise it once.

    Which way is up is told from the straightened page's text lines (`estimate_turn`,
    milliseconds); only a page that cannot tell (turned a quarter, little text) is shown to
    tesseract's orientation detection first. A page is read a second time only when the
    first reading was garbage: the other way up. Rows of letter boxes and lines holding an
    email address are read again on their own (`secondlook`), with `line_engines` when given.
    """
    if _is_blank(job.gray):
        return PageText(file=job.file, page=job.page, method=Method.OCR, text="",
                        confidence=None, rotation=job.rotation, cleanup=["blank"],
                        text_layer_rejected=job.rejected_layer,
                        image=_kept(job.gray, job.image_width))
    straight = _prepare(job.gray, job.photo_hint)
    rotation = preprocess.estimate_turn(straight.image)
    if rotation is None:
        rotation, _confidence = tesseract.orientation(straight.image,
                                                      timeout=opts.ocr_timeout_seconds)
    prepared = _turned(straight, job.gray, job.photo_hint, rotation)
    result = tesseract.recognise(prepared.image, languages=opts.languages, psm=opts.psm,
                                 timeout=opts.ocr_timeout_seconds, engine=engine)
    if (result.confidence or 0.0) < _DOUBTFUL_CONFIDENCE:
        # The text lines' shape or tesseract's orientation detection misled (a table of
        # capitals, say) and the page came out as garbage: only then is it read the other way
        # up too, and the better reading kept.
        other = _turned(straight, job.gray, job.photo_hint, (rotation + 180) % 360)
        again = tesseract.recognise(other.image, languages=opts.languages, psm=opts.psm,
                                    timeout=opts.ocr_timeout_seconds, engine=engine)
        if (again.confidence or 0.0) > (result.confidence or 0.0):
            prepared, result, rotation = other, again, (rotation + 180) % 360
    result = secondlook.read_again(prepared.image, result, prepared.letter_rows,
                                   _line_readers(opts, line_engines))
    return PageText(
        file=job.file,
        page=job.page,
        method=Method.OCR,
        text=result.text,
        confidence=round(result.confidence, 3) if result.confidence is not None else 0.0,
        rotation=(job.rotation + rotation) % 360,
        deskew=round(prepared.deskew, 2),
        cleanup=list(prepared.cleanup),
        text_layer_rejected=job.rejected_layer,
        words=_page_words(result, prepared.image.shape),
        rules=prepared.rules,
        size=(float(prepared.image.shape[1]), float(prepared.image.shape[0])),
        image=_kept(prepared.image, job.image_width),
    )


@dataclass
class LineEngines:
    """A worker's long-lived tesseract processes for single lines (`secondlook`): in the
    page's languages and in `secondlook.ADDRESS_LANGUAGES`. Each starts when first used."""

    page: tesseract.Engine
    address: tesseract.Engine

    @classmethod
    def for_options(cls, opts: ReadOptions) -> LineEngines:
        return cls(tesseract.Engine(opts.languages, tesseract.LINE_PSM),
                   tesseract.Engine(secondlook.ADDRESS_LANGUAGES, tesseract.LINE_PSM))

    def shutdown(self) -> None:
        self.page.shutdown()
        self.address.shutdown()


def _line_readers(opts: ReadOptions, engines: LineEngines | None) -> secondlook.Readers:
    def reader(languages: str, engine: tesseract.Engine | None) -> secondlook.LineReader:
        return lambda line: tesseract.read_line(line, languages=languages,
                                                timeout=opts.ocr_timeout_seconds, engine=engine)

    return secondlook.Readers(
        page=reader(opts.languages, engines.page if engines else None),
        address=reader(secondlook.ADDRESS_LANGUAGES, engines.address if engines else None))


def _turned(prepared: preprocess.Prepared, gray: np.ndarray, photo_hint: bool,
            rotation: int) -> preprocess.Prepared:
    """The cleaned-up page turned `rotation` degrees clockwise to be upright."""
    if rotation == 180:  # a straightened page turned upside down is still straight
        return preprocess.Prepared(
            image=preprocess.rotate_right_angle(prepared.image, 180), deskew=prepared.deskew,
            cleanup=prepared.cleanup,
            rules=[(1 - x1, 1 - y1, 1 - x0, 1 - y0) for x0, y0, x1, y1 in prepared.rules],
            letter_rows=[(1 - x1, 1 - y1, 1 - x0, 1 - y0)
                         for x0, y0, x1, y1 in prepared.letter_rows])
    if rotation:
        return _prepare(preprocess.rotate_right_angle(gray, rotation), photo_hint)
    return prepared


def picture_again(job: OcrJob, page: PageText) -> bytes | None:
    """The image `recognise_page` kept for `page` (`job.image_width` across), made again
    from the same pixels without OCR: cleaned up the same way and turned as its reading
    recorded (`page.rotation`, of which `job.rotation` was already applied)."""
    if "blank" in page.cleanup:
        return _kept(job.gray, job.image_width)
    turn = (page.rotation - job.rotation) % 360
    prepared = _turned(_prepare(job.gray, job.photo_hint), job.gray, job.photo_hint, turn)
    return _kept(prepared.image, job.image_width)


def _kept(gray: np.ndarray, width: int) -> bytes | None:
    if not width:
        return None
    from extractors.pageimage import encode

    return encode(gray, width)


def _page_words(result: tesseract.OcrText, shape: tuple[int, ...]) -> list[Word]:
    """The words tesseract found, their boxes in fractions of the image it read."""
    height, width = shape[0], shape[1]
    return [Word.model_construct(text=w.text, box=(round(w.box[0] / width, 5),
                                                   round(w.box[1] / height, 5),
                                                   round(w.box[2] / width, 5),
                                                   round(w.box[3] / height, 5)),
                                 confidence=None if w.confidence is None
                                 else round(w.confidence, 3))
            for w in result.boxes]


class OcrPool:
    """Runs OCR jobs on `opts.ocr_workers` threads, each holding a gate slot while it works.

    At most twice as many page images as workers wait in memory, so a 300-page scan does not
    hold 300 rendered pages at once. A worker that takes a job acquires a slot and starts one
    long-lived tesseract process (`tesseract.Engine`) in it, then hands it every further job
    that is already waiting; when none waits it ends the process and frees the slot. So the
    language model is loaded once per worker and burst of pages, not once per page, and a slot
    still means one tesseract at work (`berkas.ocr_slots`: machine-wide): the worker's line
    engines (`LineEngines`, for the second look) start only when needed and work only while its
    page engine waits. A pool made once and kept (a service) also keeps its threads and imports.
    """

    def __init__(self, opts: ReadOptions, gate: OcrGate | None = None):
        self._opts = opts
        self._gate = gate or ThreadGate(opts.ocr_workers)
        self._in_flight = threading.BoundedSemaphore(opts.ocr_workers * 2)
        self._jobs: queue.Queue[tuple[OcrJob, Future[PageText]] | None] = queue.Queue()
        self._use_engines = opts.ocr_engine_processes and tesseract.Engine.available()
        self._workers = [threading.Thread(target=self._work, name=f"ocr-{i}", daemon=True)
                         for i in range(opts.ocr_workers)]
        for worker in self._workers:
            worker.start()

    def submit(self, job: OcrJob) -> Future[PageText]:
        self._in_flight.acquire()
        future: Future[PageText] = Future()
        future.add_done_callback(lambda _f: self._in_flight.release())
        self._jobs.put((job, future))
        return future

    def _work(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            with self._gate.slot():
                engine, lines = ((tesseract.Engine(self._opts.languages, self._opts.psm),
                                  LineEngines.for_options(self._opts))
                                 if self._use_engines else (None, None))
                try:
                    while item is not None:
                        self._run(*item, engine, lines)
                        item = self._waiting()
                finally:
                    if engine is not None and lines is not None:
                        engine.shutdown()
                        lines.shutdown()

    def _waiting(self) -> tuple[OcrJob, Future[PageText]] | None:
        try:
            item = self._jobs.get_nowait()
        except queue.Empty:
            return None
        if item is None:
            self._jobs.put(None)  # the stop signal is for the outer loop
        return item

    def _run(self, job: OcrJob, future: Future[PageText], engine: tesseract.Engine | None,
             lines: LineEngines | None) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(recognise_page(job, self._opts, engine, lines))
        except Exception as exc:  # noqa: BLE001 - reported as that page's problem
            future.set_exception(OcrFailure(job.file, job.page, exc))

    def close(self) -> None:
        while True:  # jobs nobody waits for any more
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                item[1].cancel()
        for _ in self._workers:
            self._jobs.put(None)
        for worker in self._workers:
            worker.join()

    def __enter__(self) -> OcrPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
