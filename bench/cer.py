"""Character error rate of tesseract on degraded generated pages, without and with preprocessing.

For every degradation, a few seeded pages (account request forms and cover letters) are read by
tesseract as they are ("raw") and as `berkas read` reads them ("prepared": `ocr.recognise_page`,
i.e. clean-up, rule removal, orientation, one recognition), both with the languages and page
segmentation mode of `ReadOptions`. Prints a Markdown table: mean CER raw, mean CER prepared,
how many pages gave the exact NIP and email, and the time the clean-up took (OpenCV on one
thread).

    .venv/bin/python bench/cer.py [--pages N] [--only skew_3,photo]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from extractors import ocr, preprocess, tesseract  # noqa: E402
from extractors.options import ReadOptions  # noqa: E402
from tests.fixturegen import content, degrade, people, render  # noqa: E402
from tests.fixturegen.cer import cer  # noqa: E402

OPTIONS = ReadOptions()
LANGUAGES = OPTIONS.languages
PSM = OPTIONS.psm
TIMEOUT = 120.0

Degradation = Callable[[Image.Image, int], Image.Image]

DEGRADATIONS: dict[str, Degradation] = {
    "clean": lambda img, i: img,
    "skew_3": lambda img, i: degrade.skew(img, 3.0 if i % 2 else -3.0),
    "skew_8": lambda img, i: degrade.skew(img, -8.0 if i % 2 else 8.0),
    "rotate_90_180_270": lambda img, i: degrade.rotate(img, (90, 180, 270)[i % 3]),
    "salt_pepper_5%": lambda img, i: degrade.noise(img, 0.05, rng=i),
    "gaussian_noise_25": lambda img, i: degrade.noise(img, 0.1, kind="gaussian", rng=i),
    "grey_background": lambda img, i: degrade.grey_background(img, rng=i),
    "uneven_light": lambda img, i: degrade.uneven_light(img),
    "low_res_150dpi": lambda img, i: degrade.low_res(img, 150),
    "low_res_100dpi": lambda img, i: degrade.low_res(img, 100),
    "jpeg_q20": lambda img, i: degrade.jpeg(img, 20),
    "phone_photo": lambda img, i: degrade.photo(img, rng=i),
    "phone_photo_shadow": lambda img, i: degrade.shadow(degrade.photo(img, rng=i), rng=i),
    "combined": lambda img, i: degrade.combined(img, rng=i),
}


@dataclass
class Page:
    text: str
    image: Image.Image
    nip: str  # as printed
    email: str


def make_pages(count: int) -> list[Page]:
    pages = []
    for seed in range(count):
        rng = random.Random(seed)
        agency = people.make_agency(rng)
        person = people.make_person(rng, agency=agency)
        head = people.make_head(rng, agency)
        if seed % 2 == 0:
            doc = content.make_formulir(rng, person, head, agency, date(2026, 10, 14))
        else:
            doc = content.make_surat_permohonan(rng, person, head, agency, date(2026, 10, 14))
        email = person.email if person.email in doc.text else ""
        pages.append(Page(doc.page_texts()[0], render.to_image(doc, dpi=300),
                          person.nip_printed, email))
    return pages


def found(page: Page, text: str) -> bool:
    """The NIP exactly as printed, and the email (compared lower-case, as SPEC reports it)."""
    flat = re.sub(r"\s+", " ", text)
    return page.nip in flat and (not page.email or page.email.lower() in flat.lower())


def read(gray: np.ndarray) -> tesseract.OcrText:
    return tesseract.recognise(gray, languages=LANGUAGES, psm=PSM, timeout=TIMEOUT)


def read_prepared(gray: np.ndarray) -> tuple[str, float]:
    """Text as `berkas read` reads the page, and ms of the clean-up alone."""
    started = time.perf_counter()
    prepared = preprocess.prepare(gray)
    preprocess.estimate_turn(prepared.image)
    spent = time.perf_counter() - started
    page = ocr.recognise_page(ocr.OcrJob(file="page", page=1, gray=gray), OPTIONS)
    return page.text, spent * 1000


def main() -> None:
    global OPTIONS, LANGUAGES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3, help="pages per degradation")
    parser.add_argument("--only", default="", help="comma-separated degradation names")
    parser.add_argument("--languages", default=LANGUAGES, help="tesseract -l for both sides")
    args = parser.parse_args()
    LANGUAGES = args.languages
    OPTIONS = ReadOptions(languages=LANGUAGES, psm=PSM)
    cv2.setNumThreads(1)  # the budget is per core: the OCR step runs one page per core
    names = [n for n in args.only.split(",") if n] or list(DEGRADATIONS)
    pages = make_pages(args.pages)

    print(f"{len(pages)} pages per degradation, tesseract -l {LANGUAGES} --psm {PSM}\n")
    print("| degradation | CER raw | CER prepared | NIP+email raw | NIP+email prepared "
          "| prepare ms (mean / max) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in names:
        raw_cer, prep_cer, raw_ok, prep_ok, spent = [], [], 0, 0, []
        for i, page in enumerate(pages):
            degraded = DEGRADATIONS[name](page.image, i)
            gray = np.asarray(degraded.convert("L"))
            raw = read(gray).text
            prepared, ms = read_prepared(gray)
            raw_cer.append(cer(page.text, raw))
            prep_cer.append(cer(page.text, prepared))
            raw_ok += found(page, raw)
            prep_ok += found(page, prepared)
            spent.append(ms)
        n = len(pages)
        print(f"| {name} | {np.mean(raw_cer):.1%} | {np.mean(prep_cer):.1%} | {raw_ok}/{n} "
              f"| {prep_ok}/{n} | {np.mean(spent):.0f} / {max(spent):.0f} |", flush=True)


if __name__ == "__main__":
    main()
