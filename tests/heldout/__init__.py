"""The held-out berkas: hand-written documents in wordings the fixture generator never makes.

Each case is a folder: `docs/` holds the berkas as received (plain-text documents, pages split by
form feeds, or `.eml` files), `expected.json` the exact verdict:

    {"received": "YYYY-MM-DD", "deficiencies": [codes], "fields": {the seven fields},
     "types": [[file, [pages], type], ...], "documents": {type: {field: value}},
     "render": {"x.txt": "pdf" | "scan" | "poor_scan" | "encrypted"},
     "options": {ReadOptions overrides},
     "note": "what the case is about"}

`render` turns a text document into a digital PDF, an image-only scanned PDF (read by OCR) or a
password-protected PDF named like the text file with `.pdf`; `options` sets reading limits.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extractors.models import Blob, ReadResult
from extractors.options import ReadOptions

HERE = Path(__file__).parent
FONT_DIR = Path("/usr/share/fonts/truetype")
SCAN_DPI = 200


@dataclass
class Case:
    name: str
    folder: Path
    expected: dict

    @property
    def received(self) -> date:
        return date.fromisoformat(self.expected["received"])

    @property
    def scanned(self) -> bool:
        return any("scan" in how for how in self.expected.get("render", {}).values())


def cases() -> list[Case]:
    out = []
    for folder in sorted(p for p in HERE.iterdir() if (p / "expected.json").is_file()):
        out.append(Case(folder.name, folder, json.loads((folder / "expected.json").read_text())))
    return out


def blobs(case: Case) -> list[Blob]:
    render = case.expected.get("render", {})
    out = []
    for path in sorted((case.folder / "docs").rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(case.folder / "docs").as_posix()
        how = render.get(rel)
        if how is None:
            out.append(Blob(name=rel, data=path.read_bytes()))
            continue
        pages = [p.strip("\n") for p in path.read_text(encoding="utf-8").split("\f")]
        data = {"pdf": text_pdf, "scan": scan_pdf, "poor_scan": poor_scan_pdf,
                "encrypted": encrypted_pdf}[how](pages)
        out.append(Blob(name=rel.rsplit(".", 1)[0] + ".pdf", data=data))
    return out


def read(case: Case) -> ReadResult:
    from extractors.reader import read_blobs

    opts = ReadOptions(ocr_workers=1, **case.expected.get("options", {}))
    return read_blobs(blobs(case), opts)


# --- rendering -----------------------------------------------------------------------------------

def text_pdf(pages: list[str]) -> bytes:
    """A plain digital PDF: one text line per line, monospace-free body font, A4."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("body", "", str(FONT_DIR / "dejavu/DejaVuSans.ttf"))
    pdf.set_font("body", size=10)
    pdf.set_auto_page_break(False)
    for text in pages:
        pdf.add_page()
        y = 15.0
        for line in text.splitlines():
            if line.strip():
                pdf.set_xy(15, y)
                pdf.cell(180, 5, line.rstrip())
            y += 5.2
    return bytes(pdf.output())


def poor_scan_pdf(pages: list[str]) -> bytes:
    return scan_pdf(pages, poor=True)


def encrypted_pdf(pages: list[str]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(pages))))
    writer.encrypt(user_password="rahasia123", owner_password="pemilik456")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def scan_pdf(pages: list[str], poor: bool = False) -> bytes:
    """An image-only PDF: each page drawn at 200 dpi in grey on off-white, slightly uneven;
    `poor`: a faint, blurred, noisy copy of a copy that no one can read reliably."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(str(FONT_DIR / "liberation/LiberationSerif-Regular.ttf"),
                              17 if poor else 30)
    images = []
    for n, text in enumerate(pages):
        im = Image.new("L", (1654, 2339), 243)
        draw = ImageDraw.Draw(im)
        y = 120
        for line in text.splitlines():
            if line.strip():
                draw.text((130, y), line.rstrip(), fill=110 if poor else 25, font=font)
            y += 26 if poor else 42
        im = im.rotate(0.6 if n % 2 == 0 else -0.4, fillcolor=243, resample=Image.BICUBIC)
        im = im.filter(ImageFilter.GaussianBlur(1.5 if poor else 0.6))
        if poor:
            noise = np.random.default_rng(7 + n).normal(0, 45, (im.height, im.width))
            im = Image.fromarray(np.clip(np.asarray(im, float) + noise, 0, 255).astype("uint8"))
        images.append(im)
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:],
                   resolution=float(SCAN_DPI))
    return buf.getvalue()
