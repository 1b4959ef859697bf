"""Reading speed: `berkas read` against the raw tesseract CLI on the same page images.

Run from the project root: `.venv/bin/python bench/read_speed.py [--pages 24] [--clean 16]`.

Two sets, made deterministically from the test generator (`tests/fixturegen`) and kept in
`build/read-speed/` once made:
- **degraded** (`--pages`, at least 24): pages as agencies send them. In turn: a 300 dpi scan
  skewed 0.5-2 degrees with dust, a 200 dpi scan skewed 2-4 degrees, a 150 dpi JPEG scan skewed
  4-6 degrees, a camera photo (perspective, uneven light, the shadow of a hand, 3000 px), a ruled
  form (bordered table) with uneven light, a WhatsApp photo (1600 px); one page turned upside down.
- **clean** (`--clean`): 300 dpi pages straight from the generator.

For each set, in the same run: the raw tesseract CLI at its best (`OMP_THREAD_LIMIT=1`, one
process per core, `-l ind` and the page segmentation mode `berkas read` uses), `berkas read` as a
cold command, and `read_blobs` in-process (imports done). Each is run three times after one
warm-up, interleaved, and the best time counts. Prints seconds, pages/minute, the ratio to the
raw CLI, and the character error rate of the raw CLI and of `berkas read` on the same pages.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.models import Blob  # noqa: E402
from extractors.options import ReadOptions  # noqa: E402
from extractors.reader import read_blobs  # noqa: E402
from tests.fixturegen import content, degrade, render  # noqa: E402
from tests.fixturegen.cer import cer  # noqa: E402

BERKAS = str(ROOT / ".venv" / "bin" / "berkas")
LANG, PSM = ReadOptions().languages, ReadOptions().psm  # what `berkas read` uses
RAW_LANG = "ind"  # the raw CLI at its best: the berkas are Indonesian
CORES = os.cpu_count() or 1
CACHE = ROOT / "build" / "read-speed"
SET_VERSION = "3"  # bump when the pages change
KINDS = ("scan300", "scan200", "scan150", "photo", "ruled", "whatsapp")
TURNED = 7  # this page of the degraded set is upside down


def _degraded_page(i: int) -> tuple[str, str, Callable[[Path], None]]:
    """File name, true text, and a writer of the i-th degraded page."""
    import numpy as np

    kind = KINDS[i % len(KINDS)]
    seed = 2000 + i
    b = content.make_berkas(seed, variants={"formulir": "table"} if kind == "ruled" else None)
    doc = b.documents[0] if kind == "ruled" else b.documents[i % len(b.documents)]
    image = render.to_image(doc, dpi=300, font=b.font)
    rng = np.random.default_rng(seed)
    sign = 1 if i % 2 else -1
    options: dict[str, object] = {}
    suffix = "png"
    if kind == "scan300":
        image = degrade.noise(degrade.skew(image, sign * rng.uniform(0.5, 2)), 0.002, rng=seed)
    elif kind == "scan200":
        image = degrade.low_res(degrade.skew(image, sign * rng.uniform(2, 4)), 200)
    elif kind == "scan150":
        image = degrade.jpeg(degrade.low_res(degrade.skew(image, sign * rng.uniform(4, 6)), 150),
                             60)
        suffix, options = "jpg", {"quality": 90}
    elif kind == "ruled":
        image = degrade.uneven_light(degrade.skew(image, sign * rng.uniform(0.5, 1.5)), 0.3)
    else:
        image = degrade.shadow(degrade.photo(image, rng=seed), rng=seed)
        image = degrade.long_side(image, 3000 if kind == "photo" else 1600)
        suffix, options = "jpg", {"quality": 88 if kind == "photo" else 75}
    if i == TURNED:
        image = image.rotate(180)
        kind += "-turned"
    name = f"p{i:02d}-{kind}.{suffix}"
    return name, doc.page_texts()[0], lambda path: image.save(path, **options)


def _clean_page(i: int) -> tuple[str, str, Callable[[Path], None]]:
    b = content.make_berkas(1000 + i)
    doc = b.documents[i % len(b.documents)]
    image = render.to_image(doc, dpi=300, font=b.font)
    return f"c{i:02d}.png", doc.page_texts()[0], lambda path: image.save(path)


def make_set(name: str, count: int) -> tuple[list[Path], dict[str, str]]:
    """The set's page files (made once, then reused) and their true texts by file name."""
    folder = CACHE / f"{name}-{count}-v{SET_VERSION}"
    truth_file = folder / "truth.json"
    if not truth_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        maker = _degraded_page if name == "degraded" else _clean_page
        truth = {}
        for i in range(count):
            file, text, write = maker(i)
            write(folder / file)
            truth[file] = text
        truth_file.write_text(json.dumps(truth, ensure_ascii=False, indent=1))
    truth = json.loads(truth_file.read_text())
    return [folder / f for f in sorted(truth)], truth


def tesseract_cli(pages: list[Path], out: Path) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    started = time.perf_counter()
    running: list[subprocess.Popen] = []
    for page in pages:
        if len(running) >= CORES:
            running.pop(0).wait()
        running.append(subprocess.Popen(
            ["tesseract", str(page), str(out / page.stem), "-l", RAW_LANG, "--psm", str(PSM)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for proc in running:
        proc.wait()
    return time.perf_counter() - started


def berkas_cold(paths: list[Path], keep: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    # The service's setting BERKAS_OCR_LANGUAGES follows the reading layer's default here.
    env = {**os.environ, "BERKAS_OCR_LANGUAGES": LANG}
    done = subprocess.run([BERKAS, "read", "--json", *map(str, paths)], check=True,
                          stdout=subprocess.PIPE, env=env)
    seconds = time.perf_counter() - started
    if keep is not None:
        for page in json.loads(done.stdout):
            keep[Path(page["file"]).name] = page["text"]
    return seconds


def in_process(paths: list[Path]) -> float:
    blobs = [Blob(name=p.name, data=p.read_bytes()) for p in paths]
    started = time.perf_counter()
    read_blobs(blobs)
    return time.perf_counter() - started


def per_minute(pages: int, seconds: float) -> float:
    return pages / seconds * 60


def measure(label: str, pages: list[Path], truth: dict[str, str], work: Path,
            runs: int) -> None:
    cli_out = work / label
    cli_out.mkdir()
    ours: dict[str, str] = {}
    timings: dict[str, list[float]] = {"cli": [], "cold": [], "warm": []}
    tesseract_cli(pages, cli_out)  # warm-up: files in the page cache, binaries loaded
    berkas_cold(pages)
    in_process(pages)
    for _ in range(runs):
        timings["cli"].append(tesseract_cli(pages, cli_out))
        timings["cold"].append(berkas_cold(pages, ours))
        timings["warm"].append(in_process(pages))
    best = {k: min(v) for k, v in timings.items()}
    n = len(pages)
    print(f"\n{label}: {n} pages, {CORES} cores, raw tesseract -l {RAW_LANG} --psm {PSM}, "
          f"berkas read -l {LANG}, best of {runs} after a warm-up")
    print(f"| {label} | seconds | pages/min | vs raw tesseract |")
    print("|---|---:|---:|---:|")
    for key, name in (("cli", "tesseract CLI, 1 process/core"),
                      ("cold", "`berkas read` (cold command)"),
                      ("warm", "`berkas read` (in-process)")):
        print(f"| {name} | {best[key]:.2f} | {per_minute(n, best[key]):.1f} "
              f"| {best[key] / best['cli']:.2f}x |")
    spread = {k: (max(v) - min(v)) / min(v) for k, v in timings.items()}
    print("spread of the runs (max-min)/min: " + ", ".join(f"{k} {v:.0%}"
                                                           for k, v in spread.items()))
    by_kind: dict[str, list[tuple[float, float]]] = {}
    for page in pages:
        raw = (cli_out / f"{page.stem}.txt").read_text()
        kind = page.stem.split("-", 1)[1] if "-" in page.stem else "clean"
        by_kind.setdefault(kind, []).append((cer(truth[page.name], raw),
                                             cer(truth[page.name], ours.get(page.name, ""))))
    print(f"| {label}: page kind | pages | CER raw tesseract | CER `berkas read` |")
    print("|---|---:|---:|---:|")
    everything = [pair for pairs in by_kind.values() for pair in pairs]
    for kind, pairs in [*sorted(by_kind.items()), ("all", everything)]:
        print(f"| {kind} | {len(pairs)} | {statistics.mean(p[0] for p in pairs):.1%} "
              f"| {statistics.mean(p[1] for p in pairs):.1%} |")


def digital(folder: Path) -> None:
    berkas = content.make_berkas(7)
    blobs = [Blob(name=f"{d.doc_type}.pdf", data=render.to_pdf([d])) for d in berkas.documents]
    for blob in blobs:
        (folder / blob.name).write_bytes(blob.data)
    times = []
    for _ in range(7):
        started = time.perf_counter()
        read_blobs(blobs)
        times.append(time.perf_counter() - started)
    cold = min(berkas_cold([folder / b.name for b in blobs]) for _ in range(3))
    print(f"\ndigital berkas of {len(blobs)} PDFs: in-process median "
          f"{statistics.median(times) * 1000:.0f} ms, cold command {cold:.2f} s (best of 3)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=24, help="degraded pages (at least 24)")
    parser.add_argument("--clean", type=int, default=16, help="clean pages (0: skip)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"load average before: {load:.2f}" + ("  (busy machine: ratios only)" if load > 1
                                                 else ""))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sets = [("degraded", max(args.pages, 24))]
        if args.clean:
            sets.append(("clean", args.clean))
        for name, count in sets:
            pages, truth = make_set(name, count)
            measure(name, pages, truth, work, args.runs)
        digital(work)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
