"""Reading speed: `berkas read` on scanned pages vs the raw tesseract CLI, and a digital berkas.

Run from the project root: `.venv/bin/python bench/read_speed.py [--pages N]`.
Prints pages/minute of both on the same page images (same language and page segmentation mode,
tesseract at its best: OMP_THREAD_LIMIT=1 and one process per core), their ratio, and the time to
read a digital three-document berkas in-process and as a cold command.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.models import Blob  # noqa: E402
from extractors.options import ReadOptions  # noqa: E402
from extractors.reader import read_blobs  # noqa: E402
from tests.fixturegen import content, degrade, render  # noqa: E402

BERKAS = str(ROOT / ".venv" / "bin" / "berkas")
LANG, PSM = ReadOptions().languages, ReadOptions().psm
CORES = os.cpu_count() or 1


def make_pages(folder: Path, count: int) -> list[Path]:
    paths: list[Path] = []
    seed = 0
    while len(paths) < count:
        berkas = content.make_berkas(1000 + seed)
        for doc in berkas.documents:
            image = render.to_image(doc, dpi=300, font=berkas.font)
            if len(paths) % 2:  # half of them as a scanner leaves them: a little skew and dust
                image = degrade.noise(degrade.skew(image, 1.2), 0.002, rng=seed)
            path = folder / f"page-{len(paths):03d}.png"
            image.save(path)
            paths.append(path)
            if len(paths) == count:
                break
        seed += 1
    return paths


def tesseract_cli(pages: list[Path], out: Path) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    started = time.perf_counter()
    running: list[subprocess.Popen] = []
    for page in pages:
        if len(running) >= CORES:
            running.pop(0).wait()
        running.append(subprocess.Popen(
            ["tesseract", str(page), str(out / page.stem), "-l", LANG, "--psm", str(PSM)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for proc in running:
        proc.wait()
    return time.perf_counter() - started


def berkas_cold(paths: list[Path]) -> float:
    started = time.perf_counter()
    subprocess.run([BERKAS, "read", "--json", *map(str, paths)], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def per_minute(pages: int, seconds: float) -> float:
    return pages / seconds * 60


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "cli").mkdir()
        pages = make_pages(folder, args.pages)
        scan_pdf = folder / "scan.pdf"
        from PIL import Image

        scan_pdf.write_bytes(render.images_to_pdf([Image.open(p) for p in pages], dpi=300))

        print(f"{len(pages)} scanned A4 pages at 300 dpi, {CORES} cores, -l {LANG} --psm {PSM}")
        cli = tesseract_cli(pages, folder / "cli")
        cold_images = berkas_cold(pages)
        cold_pdf = berkas_cold([scan_pdf])
        blobs = [Blob(name=p.name, data=p.read_bytes()) for p in pages]
        started = time.perf_counter()
        read_blobs(blobs)
        warm = time.perf_counter() - started

        rows = [
            ("tesseract CLI, 1 process/core", cli),
            ("berkas read (images, cold command)", cold_images),
            ("berkas read (images, in-process)", warm),
            ("berkas read (scanned PDF, cold command)", cold_pdf),
        ]
        print(f"{'':42} {'seconds':>8} {'pages/min':>10} {'vs CLI':>7}")
        for label, seconds in rows:
            print(f"{label:42} {seconds:8.2f} {per_minute(len(pages), seconds):10.1f} "
                  f"{cli / seconds:6.2f}x")

        berkas = content.make_berkas(7)
        digital = [Blob(name=f"{d.doc_type}.pdf", data=render.to_pdf([d]))
                   for d in berkas.documents]
        for blob in digital:
            (folder / blob.name).write_bytes(blob.data)
        times = []
        for _ in range(7):
            started = time.perf_counter()
            read_blobs(digital)
            times.append(time.perf_counter() - started)
        cold = berkas_cold([folder / b.name for b in digital])
        print(f"digital berkas of {len(digital)} PDFs: in-process median "
              f"{statistics.median(times) * 1000:.0f} ms, cold command {cold:.2f} s")


if __name__ == "__main__":
    main()
