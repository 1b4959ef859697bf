"""What the reviewer's pictures cost intake: a five-page scanned berkas (image-only PDFs at
200 dpi: form, a three-page SK, cover letter) taken in from the scan folder, with the pictures
(each page's image kept as read, JPEG, and every field's crop written to the data folder's cache)
and without, alternating, each run in a fresh folder. Also timed alone: the encoding of the
kept page images (in the OCR workers) and the writing of pages and crops after the verdict.

Usage: .venv/bin/python bench/pictures.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import extractors.pageimage as pageimage  # noqa: E402
from berkas.intake import filing  # noqa: E402
from tests.fixturegen import content  # noqa: E402
from tests.test_pictures import Filed, scanned_files  # noqa: E402

spent = {"encode": 0.0, "save": 0.0}


def timed(name: str, func):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started
    return wrapper


def one_run(files: dict[str, bytes], pictures: bool) -> tuple[float, float, float]:
    spent.update(encode=0.0, save=0.0)
    filing.VIEW_WIDTH = pageimage.VIEW_WIDTH if pictures else 0  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as root:
        env = Filed(Path(root))
        if not pictures:
            env.intake.pictures.save = lambda *a, **k: 0  # type: ignore[method-assign]
        else:
            env.intake.pictures.save = timed(  # type: ignore[method-assign]
                "save", env.intake.pictures.save)
        try:
            _, seconds = env.file("dinas-bench", files)
        finally:
            env.intake.close()
    return seconds, spent["encode"], spent["save"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    b = content.make_berkas(60, appointees=8)
    files = scanned_files(b)
    pageimage.encode = timed("encode", pageimage.encode)  # type: ignore[assignment]
    one_run(files, True)  # warm: imports, tesseract's model in the page cache
    with_pictures, without, encode, save = [], [], [], []
    for _ in range(args.runs):
        seconds, enc, sav = one_run(files, True)
        with_pictures.append(seconds)
        encode.append(enc)
        save.append(sav)
        without.append(one_run(files, False)[0])
    base = statistics.median(without)
    extra = statistics.median(with_pictures) - base
    print(f"five-page scanned berkas, {args.runs} runs each, medians:")
    print(f"  intake without pictures   {base:6.2f} s")
    print(f"  intake with pictures      {statistics.median(with_pictures):6.2f} s "
          f"({extra / base:+.1%})")
    print(f"  JPEG of the 5 pages kept  {statistics.median(encode) * 1000:6.0f} ms "
          f"({statistics.median(encode) / base:.1%} of intake, in the OCR workers)")
    print(f"  pages + crops written     {statistics.median(save) * 1000:6.0f} ms "
          f"({statistics.median(save) / base:.1%} of intake)")


if __name__ == "__main__":
    main()
