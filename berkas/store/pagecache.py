"""The pictures a reviewer checks values against: each page of a berkas as it was read, and for
each field the crop of the place its value was read from (the value, its label, a margin).

Rendered once, during intake, from the images the reading already made (`PageText.image`: no
second rendering or OCR), into the data folder, `<data>/cache/halaman/<REG>/`, never into the
archive (which keeps only originals, texts, verdicts and what was sent). A cache that is gone
(an older application, a wiped cache) is made again from the archived originals and the text
read from them the first time a picture is asked for, without OCR.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageDraw, ImageFont

from berkas.core.files import atomic_write, make_dirs
from berkas.store.archive import MANIFEST, REGISTRATION
from extractors.check import CheckResult, FieldSource
from extractors.models import EMAIL_BODY_NAME, Blob, ReadResult
from extractors.pageimage import VIEW_WIDTH

log = logging.getLogger("berkas.store")

Box = tuple[float, float, float, float]
SURE = 0.8  # a reading at least this confident, with no review reason, is called "yakin"
LABEL_REACH = 0.35  # of the page's width: how far left of a value its label is looked for
ORIGINAL_ROLES = ("surel", "pindaian", "lampiran")


def merged_names(reads: list[ReadResult]) -> list[dict[str, str]]:
    """For each reading of an application (in the order received), its file names as the
    application shows them: a name an earlier item already used becomes `name (2).ext`."""
    used: set[str] = set()
    maps: list[dict[str, str]] = []
    for number, read in enumerate(reads):
        names = {p.file for p in read.pages} | {p.file for p in read.problems} | \
            {f.file for f in read.files}
        if number and EMAIL_BODY_NAME in used:
            names.discard(EMAIL_BODY_NAME)
        rename = {}
        for name in sorted(names):
            new, n = name, 2
            while new in used:
                stem, dot, ext = name.rpartition(".")
                new = f"{stem} ({n}).{ext}" if dot and stem and "/" not in ext else f"{name} ({n})"
                n += 1
            rename[name] = new
        used |= set(rename.values())
        maps.append(rename)
    return maps


def crop_region(box: Box) -> Box:
    """The value's box grown to take in its label (printed to its left on the same row) and a
    small margin, in fractions of the page."""
    x0, y0, x1, y1 = box
    margin = max(y1 - y0, 0.008) * 0.35  # not into the next line
    return (max(0.0, x0 - LABEL_REACH), max(0.0, y0 - margin),
            min(1.0, x1 + 0.02), min(1.0, y1 + margin))


@dataclass(frozen=True)
class Mark:
    """A field's box to draw on a page: its label and whether it needs a person's look."""

    label: str
    box: Box
    review: bool = False


def _pixels(box: Box, size: tuple[int, int]) -> tuple[int, int, int, int]:
    w, h = size
    x0, y0, x1, y1 = box
    left, top = int(x0 * w), int(y0 * h)
    return left, top, max(left + 1, round(x1 * w)), max(top + 1, round(y1 * h))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


class PageCache:
    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / "cache" / "halaman"
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()

    def folder(self, registration: str) -> Path:
        if not REGISTRATION.fullmatch(registration):
            raise ValueError(f"not a registration number: {registration!r}")
        return self.root / registration

    @staticmethod
    def _digest(*parts: object) -> str:
        return hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()[:24]

    def page_path(self, registration: str, file: str, page: int) -> Path:
        return self.folder(registration) / f"halaman-{self._digest(file, page)}.jpg"

    def crop_path(self, registration: str, file: str, page: int, box: Box) -> Path:
        return self.folder(registration) / f"potongan-{self._digest(file, page, box)}.png"

    def _write(self, path: Path, data: bytes) -> None:
        # a cache: no fsync (a crash loses a picture, which is made again when asked for)
        make_dirs(path.parent)
        atomic_write(path, data, fsync=False, temp_prefix=".sementara-")

    # --- during intake ---------------------------------------------------------------------

    def save(self, registration: str, read: ReadResult, names: dict[str, str],
             verdict: CheckResult | None) -> int:
        """The item's page images (under the application's file names) and the crops of the
        verdict's fields; the number of pictures written."""
        images = {(names.get(p.file, p.file), p.page): p.image for p in read.pages if p.image}
        for (file, page), picture in images.items():
            self._write(self.page_path(registration, file, page), picture)
        count = len(images)
        for source in sources_of(verdict):
            if self.crop(registration, source.file, source.page, source.box,
                         images.get((source.file, source.page)), regenerate=None) is not None:
                count += 1
        return count

    # --- when asked for ----------------------------------------------------------------------

    def page_image(self, registration: str, file: str, page: int,
                   regenerate: Path | None = None) -> bytes | None:
        path = self.page_path(registration, file, page)
        if not path.is_file() and regenerate is not None:
            self._regenerate(registration, regenerate, file, page)
        try:
            return path.read_bytes()
        except OSError:
            return None

    def crop(self, registration: str, file: str, page: int, box: Box,
             picture: bytes | None = None, regenerate: Path | None = None) -> bytes | None:
        """The crop of `box` (the value) with its label and a margin, as PNG, cut from the
        page's `picture` (else the cached one)."""
        path = self.crop_path(registration, file, page, box)
        try:
            return path.read_bytes()
        except OSError:
            pass
        picture = picture or self.page_image(registration, file, page, regenerate)
        if picture is None:
            return None
        with Image.open(io.BytesIO(picture)) as image:
            data = _png(image.crop(_pixels(crop_region(box), image.size)))
        self._write(path, data)
        return data

    def drawn(self, registration: str, file: str, page: int, marks: list[Mark],
              regenerate: Path | None = None) -> bytes | None:
        """The page with the fields' boxes drawn on it: red for those a person must check."""
        page_image = self.page_image(registration, file, page, regenerate)
        if page_image is None:
            return None
        with Image.open(io.BytesIO(page_image)) as source:
            image = source.convert("RGB")
        draw = ImageDraw.Draw(image)
        font = ImageFont.load_default(size=max(14, image.size[0] // 75))
        for mark in marks:
            left, top, right, bottom = _pixels(mark.box, image.size)
            colour = (200, 30, 30) if mark.review else (20, 110, 220)
            draw.rectangle((left - 3, top - 3, right + 3, bottom + 3), outline=colour, width=3)
            # the field's name beside its box, on the right margin side (rows are close)
            draw.text((right + 10, top), mark.label, fill=colour, font=font)
        return _png(image)

    # --- made again from the archive ---------------------------------------------------------

    def _lock(self, registration: str) -> threading.Lock:
        with self._locks_lock:
            return self._locks.setdefault(registration, threading.Lock())

    def _regenerate(self, registration: str, folder: Path, file: str, page: int) -> None:
        """The item `file` came with: its pages' images made again from its archived originals
        and its reading (`teks.json`), without OCR; one item at a time per application (a form
        asks for all its crops at once)."""
        with self._lock(registration):
            if self.page_path(registration, file, page).is_file():
                return  # made while this request waited
            items = item_reads(folder)
            maps = merged_names([read for _, read in items])
            for (subdir, read), names in zip(items, maps, strict=True):
                if file not in names.values():
                    continue
                blobs = _originals(folder, subdir)
                if not blobs:
                    return
                from extractors.reader import pictures_again

                again = pictures_again(blobs, read.pages, VIEW_WIDTH)
                for (name, number), picture in again.items():
                    self._write(self.page_path(registration, names.get(name, name), number),
                                picture)
                log.info("gambar halaman %s dibuat ulang dari arsip", registration)
                return


def sources_of(verdict: CheckResult | None) -> list[FieldSource]:
    if verdict is None:
        return []
    found = list(verdict.field_sources.values())
    for others in verdict.conflict_sources.values():
        found += others
    return found


def entries(folder: Path) -> list[dict]:
    """An application folder's manifest, read only (a line cut short by a crash skipped)."""
    found = []
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            found.append(entry)
    return found


def item_reads(folder: Path) -> list[tuple[str, ReadResult]]:
    """Each item's reading (`teks.json`) in the order received, with the item's sub-folder."""
    return [(str(PurePosixPath(e["path"]).parent),
             ReadResult.model_validate_json((folder / e["path"]).read_bytes()))
            for e in entries(folder) if e.get("role") == "teks"]


def latest_verdict(folder: Path) -> CheckResult | None:
    checks = [e for e in entries(folder) if e.get("role") == "pemeriksaan"]
    if not checks:
        return None
    return CheckResult.model_validate_json((folder / checks[-1]["path"]).read_bytes())


def _originals(folder: Path, subdir: str) -> list[Blob]:
    """What intake read for one item: its email (attachments come out of it again), else its
    scanned files."""
    items = [e for e in entries(folder) if e.get("role") in ORIGINAL_ROLES
             and str(PurePosixPath(e["path"]).parent) == subdir]
    emails = [e for e in items if e["role"] == "surel"]
    if emails:
        return [Blob(name="pesan.eml", data=(folder / emails[0]["path"]).read_bytes(),
                     content_type="message/rfc822")]
    return [Blob(name=e.get("name") or PurePosixPath(e["path"]).name,
                 data=(folder / e["path"]).read_bytes()) for e in items]
