"""Write `samples/`: the sample berkas `berkas demo` sends and a newcomer can drop into `inbox/`.

    .venv/bin/python scripts/make-samples.py [--out samples]

Made from the test generator (tests/fixturegen), so the product never imports tests/. Each sample
is a folder with the files an applicant would attach and `surel.json` (sender, subject, body, the
state the intake should reach). Every sample is read and checked after it is written, at today's
date and at a date years ahead, and the script fails if a verdict is not the intended one.

The appointment letters (SK) are made valid until 31 December 2030 (the generator makes them
valid for the year received), so the samples stay complete until then; rerun the script with a
later VALID_UNTIL after that.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from berkas.intake.verdicts import state_of  # noqa: E402
from extractors.check import CheckResult, check  # noqa: E402
from tests.fixturegen.content import Berkas, make_berkas  # noqa: E402
from tests.fixturegen.render import page_images, to_pdf  # noqa: E402

RECEIVED = date(2026, 11, 20)  # the documents are dated before this
VALID_UNTIL = 2030
LATER = date(2030, 6, 1)  # the samples must still read the same then
SCAN_DPI = 150
GREY_LEVELS = 16  # a greyscale scan; fewer levels keep the files small

SAMPLES = [
    # folder, seed, defects, how the files are made, state expected after intake
    ("01-lengkap", 20, {}, "pdf_each", "lengkap",
     "Berkas lengkap: formulir, surat penunjukan dan surat permohonan, masing-masing PDF digital."),
    ("02-tanpa-sk", 22, {"missing": ("surat_penunjukan",)}, "pdf_each", "tidak_lengkap",
     "Berkas tidak lengkap: surat penunjukan (SK) tidak dilampirkan."),
    ("03-pindaian", 21, {}, "scan_each", "lengkap",
     f"Berkas lengkap hasil pindaian: tiga PDF berisi gambar ({SCAN_DPI} dpi, abu-abu), "
     "dibaca dengan OCR."),
    ("04-instansi-lain", 29, {}, "one_pdf", "lengkap",
     "Berkas lengkap dari instansi lain (kota), ketiga dokumen digabung dalam satu PDF."),
    ("05-pindaian-map", 25, {}, "scan_each", "lengkap",
     "Berkas lengkap hasil pindaian untuk folder pindaian (`berkas demo --scan`), bukan surel."),
]


def _valid_until(b: Berkas, year: int) -> None:
    """Move the SK's validity (and the year in its title) to `year`, also where a line break
    separates the word from the year."""
    sk = b.get("surat_penunjukan")
    if sk is None:
        return
    old = str(b.received.year)  # the generator makes it valid for the year received
    pattern = re.compile(rf"((?:Desember|TAHUN|Anggaran)\s+){old}\b")
    previous = ""
    for block in sk.blocks:
        for line in block.lines:
            for seg in line.segs:
                seg.text = pattern.sub(rf"\g<1>{year}", seg.text)
                if seg.text.startswith(old) and re.search(r"(Desember|TAHUN|Anggaran)\s*$",
                                                          previous):
                    seg.text = str(year) + seg.text[len(old):]
                if seg.text.strip():
                    previous = seg.text


def _scan_pdf(images) -> bytes:
    """An image-only PDF of greyscale pages (PNG inside, lossless), A4 at SCAN_DPI."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creator("EPSON Scan")
    step = 256 // GREY_LEVELS
    for image in images:
        grey = image.point(lambda v: 255 if v >= 256 - step else (v // step) * step)
        buf = io.BytesIO()
        grey.save(buf, format="PNG", optimize=True)
        pdf.add_page()
        pdf.image(buf, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def _files(b: Berkas, how: str) -> dict[str, bytes]:
    if how == "pdf_each":
        return {d.filename: to_pdf([d], b.font) for d in b.documents}
    if how == "one_pdf":
        return {"Berkas Admin Agency.pdf": to_pdf(b.documents, b.font)}
    if how == "scan_each":
        return {f"scan{n:04d}.pdf": _scan_pdf(page_images(d, SCAN_DPI, b.font))
                for n, d in enumerate(b.documents, 1)}
    raise ValueError(how)


def _email(b: Berkas, folder: str) -> dict[str, str]:
    p = b.person
    return {
        "from": f"{p.bare_name} <{p.email}>",
        "subject": f"Permohonan Akun Admin Agency - {b.agency.abbr}",
        "body": (f"Yth. Admin LPSE Provinsi Kalimantan Timur,\n\nBersama ini kami kirimkan "
                 f"berkas permohonan pembuatan akun Admin Agency atas nama {p.nama} "
                 f"({p.satuan_kerja}).\nBerkas terlampir.\n\nHormat kami,\n{p.nama}\n"
                 f"{p.telepon_printed}\n"),
    }


def _verdict(folder: Path, received: date) -> CheckResult:
    from berkas.core.settings import Settings
    from berkas.intake.files import collect
    from extractors.reader import read_blobs

    opts = Settings(ocr_workers=1).read_options()
    blobs, problems = collect(sorted(folder.glob("*.pdf")), opts)
    result = read_blobs(blobs, opts)
    result.problems[:0] = problems
    return check(result, received)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "samples")
    args = parser.parse_args()
    out: Path = args.out
    index = []
    failed = False
    for name, seed, defects, how, state, about in SAMPLES:
        b = make_berkas(seed, received=RECEIVED, **defects)
        _valid_until(b, VALID_UNTIL)
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for filename, data in _files(b, how).items():
            (folder / filename).write_bytes(data)
        meta = {**_email(b, name), "expected_state": state, "about": about,
                "nama": b.person.nama, "nip": b.person.nip, "instansi": b.agency.satuan_kerja}
        (folder / "surel.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
        for received in (date.today(), LATER):
            verdict = _verdict(folder, received)
            codes = sorted(d.code for d in verdict.deficiencies)
            reached = state_of(verdict)
            failed |= reached != state
            print(f"{name} @ {received}: {reached} {codes} {verdict.review_reasons or ''}"
                  f"{'' if reached == state else '  <-- NOT ' + state}")
        sizes = {f.name: f.stat().st_size for f in sorted(folder.glob("*.pdf"))}
        print(f"  {sizes}")
        index.append((name, meta, sizes))
    (out / "README.md").write_text(_readme(index), encoding="utf-8")
    return 1 if failed else 0


def _readme(index: list[tuple[str, dict, dict[str, int]]]) -> str:
    lines = [
        "# Contoh berkas permohonan Admin Agency",
        "",
        "Berkas rekaan (nama, NIP, instansi dan nomor surat tidak nyata) untuk mencoba `berkas`.",
        "Dibuat oleh `scripts/make-samples.py` dari pembangkit uji (`tests/fixturegen`); jangan",
        "diubah dengan tangan, jalankan ulang skripnya.",
        "",
        "- `berkas demo` mengirim setiap contoh sebagai surel pemohon ke kotak surel demo",
        "  (pengirim, perihal dan isi surel ada di `surel.json` setiap folder).",
        "- `berkas demo --scan` menyalin `05-pindaian-map/` ke folder pindaian (`inbox/`).",
        "- Salin sendiri satu folder ke `inbox/` untuk mencoba penerimaan pindaian.",
        "",
        f"Surat penunjukan (SK) berlaku sampai dengan 31 Desember {VALID_UNTIL}; sampai tanggal",
        "itu contoh yang lengkap tetap dinilai lengkap.",
        "",
        "| folder | isi | pemohon | keadaan yang diharapkan | berkas (ukuran) |",
        "|---|---|---|---|---|",
    ]
    for name, meta, sizes in index:
        files = ", ".join(f"`{f}` ({size // 1024} KB)" for f, size in sizes.items())
        lines.append(f"| `{name}/` | {meta['about']} | {meta['nama']}, {meta['instansi']} | "
                     f"`{meta['expected_state']}` | {files} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
