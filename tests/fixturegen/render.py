"""Renderers of `content.Document`s: digital PDF, page images, scanned PDFs, Word files, HTML."""

from __future__ import annotations

import hashlib
import html
import io
import math
import random
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .content import Document
from .layout import FONT_NAMES, MARGIN_L, PAGE_H, PAGE_W, PT, TEXT_W, Line, Seg, paginate

__all__ = ["FONT_NAMES", "FONTS", "images_to_pdf", "page_images", "to_doc", "to_docx", "to_html",
           "to_image", "to_pdf", "with_bad_text_layer"]

FONT_DIR = Path("/usr/share/fonts/truetype")
FONTS: dict[str, tuple[str, str]] = {  # regular and bold file of each of layout.FONT_NAMES
    "DejaVu Sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVu Serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "Liberation Sans": ("liberation/LiberationSans-Regular.ttf",
                        "liberation/LiberationSans-Bold.ttf"),
    "Liberation Serif": ("liberation/LiberationSerif-Regular.ttf",
                         "liberation/LiberationSerif-Bold.ttf"),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
}
DEFAULT_FONT = "Liberation Serif"


def pick_font(rng: random.Random) -> str:
    return rng.choice(sorted(FONTS))


def font_path(font: str, bold: bool = False) -> str:
    return str(FONT_DIR / FONTS[font][1 if bold else 0])


@lru_cache(maxsize=64)
def _pil_font(font: str, bold: bool, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(font, bold), px)


def text_width_mm(font: str, bold: bool, text: str, size_pt: float) -> float:
    return _pil_font(font, bold, 200).getlength(text) / 200 * size_pt * PT


def fitted_size(font: str, seg: Seg) -> float:
    """The segment's size, shrunk if the text would overflow its column."""
    w = text_width_mm(font, seg.bold, seg.text, seg.size)
    return seg.size if w <= seg.max_w else seg.size * seg.max_w / w


def _left_x(font: str, seg: Seg, size: float) -> float:
    """Left edge in mm from the page's left edge."""
    x = MARGIN_L + seg.x
    if seg.align == "l":
        return x
    w = text_width_mm(font, seg.bold, seg.text, size)
    return x - w / 2 if seg.align == "c" else x - w


def _baseline(top: float, line: Line) -> float:
    size = max((s.size for s in line.segs), default=11.0)
    return top + line.pad_top + size * PT


def _scribble(seed_text: str, x: float, top: float,
              height: float) -> list[list[tuple[float, float]]]:
    """A handwritten-looking signature stroke (mm coordinates), deterministic per signer."""
    rng = random.Random(hashlib.sha256(seed_text.encode()).digest())
    cx, cy = MARGIN_L + x + 8, top + height * 0.55
    pts = []
    loops = rng.randint(3, 5)
    for i in range(loops * 12 + 1):
        t = i / 12
        pts.append((cx + t * rng.uniform(5.5, 6.5),
                    cy + math.sin(t * 2 * math.pi) * height * 0.22 * (1 - t / (loops + 1))
                    + rng.uniform(-0.3, 0.3)))
    tail = [(pts[-1][0] + 4, pts[-1][1] - 3), (pts[0][0] - 2, cy + 2)]
    return [pts, tail]


def _draw_ops(doc: Document, font: str):
    """Yield drawing operations per page: ("text", x, baseline, text, size, bold, underline),
    ("line", x1, y1, x2, y2, width) and ("poly", points). All in mm."""
    for page in paginate(doc.blocks):
        ops: list[tuple] = []
        for placed in page:
            blk, y = placed.block, placed.y
            top = y
            for ln in blk.lines:
                base = _baseline(top, ln)
                for seg in ln.segs:
                    size = fitted_size(font, seg)
                    x = _left_x(font, seg, size)
                    ops.append(("text", x, base, seg.text, size, seg.bold))
                    if seg.underline:
                        w = text_width_mm(font, seg.bold, seg.text, size)
                        ops.append(("line", x, base + 0.8, x + w, base + 0.8, 0.25))
                for sx in ln.scribbles:
                    for stroke in _scribble(doc.title + str(sx), sx, top, ln.height):
                        ops.append(("poly", stroke))
                top += ln.height
            if blk.grid:
                x0, x1 = MARGIN_L + blk.grid[0], MARGIN_L + blk.grid[-1]
                # 0.5 pt rules like a word processor's table; adjacent rows share an edge
                ops.append(("rect", x0, y, x1, top, 0.18))
                for gx in blk.grid[1:-1]:
                    ops.append(("line", MARGIN_L + gx, y, MARGIN_L + gx, top, 0.18))
            if blk.rule_below:
                ops.append(("line", MARGIN_L, top + 1.0, MARGIN_L + TEXT_W, top + 1.0, 0.9))
                ops.append(("line", MARGIN_L, top + 2.0, MARGIN_L + TEXT_W, top + 2.0, 0.3))
        yield ops


# --- images -----------------------------------------------------------------------------------

def page_images(doc: Document, dpi: int = 300, font: str = DEFAULT_FONT) -> list[Image.Image]:
    """Every page of the document as a clean grayscale scan (mode "L", A4 at `dpi`)."""
    k = dpi / 25.4
    w, h = round(PAGE_W * k), round(PAGE_H * k)
    pages = []
    for ops in _draw_ops(doc, font):
        img = Image.new("L", (w, h), 255)
        img.info["dpi"] = (dpi, dpi)
        d = ImageDraw.Draw(img)
        for op in ops:
            if op[0] == "text":
                _, x, base, text, size, bold = op
                f = _pil_font(font, bold, max(1, round(size / 72 * dpi)))
                d.text((x * k, base * k), text, fill=0, font=f, anchor="ls")
            elif op[0] == "line":
                _, x1, y1, x2, y2, lw = op
                d.line([(x1 * k, y1 * k), (x2 * k, y2 * k)], fill=0, width=max(1, round(lw * k)))
            elif op[0] == "rect":
                _, x1, y1, x2, y2, lw = op
                lw = max(1, round(lw * k))
                x1, y1, x2, y2 = (round(v * k) for v in (x1, y1, x2, y2))
                for edge in ((x1, y1, x2, y1), (x1, y2, x2, y2), (x1, y1, x1, y2),
                             (x2, y1, x2, y2)):
                    d.line(edge, fill=0, width=lw)
            elif op[0] == "poly":
                d.line([(x * k, y * k) for x, y in op[1]], fill=40, width=max(1, round(0.35 * k)),
                       joint="curve")
        pages.append(img)
    return pages


def to_image(doc: Document, dpi: int = 300, font: str = DEFAULT_FONT) -> Image.Image:
    """The document's first page as a clean grayscale scan (mode "L", A4 at `dpi`). Documents of
    one page (all but an SK with a lampiran) are fully covered; see `page_images` otherwise."""
    return page_images(doc, dpi, font)[0]


def _dpi_of(img: Image.Image, dpi: float | None) -> float:
    """The given dpi, else the image's own, else the one that makes it A4 wide."""
    if dpi:
        return float(dpi)
    if img.info.get("dpi"):
        return float(img.info["dpi"][0])
    return img.width / (PAGE_W / 25.4)


def images_to_pdf(images: list[Image.Image], dpi: float | None = None) -> bytes:
    """An image-only ("scanned") PDF whose page size matches the images at `dpi` (default: the
    images' own dpi, else A4 width)."""
    dpi = _dpi_of(images[0], dpi)
    buf = io.BytesIO()
    rgb = [im if im.mode in ("L", "RGB", "1") else im.convert("RGB") for im in images]
    rgb[0].save(buf, format="PDF", save_all=True, append_images=rgb[1:], resolution=float(dpi))
    return buf.getvalue()


# --- PDF --------------------------------------------------------------------------------------

def _new_pdf(font: str):
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_font(font, "", font_path(font))
    pdf.add_font(font, "B", font_path(font, True))
    pdf.set_creator("Microsoft Word - berkas")
    return pdf


def to_pdf(docs: list[Document], font: str = DEFAULT_FONT) -> bytes:
    """A digital PDF with a real text layer; each document starts on a new page."""
    pdf = _new_pdf(font)
    for doc in docs:
        for ops in _draw_ops(doc, font):
            pdf.add_page()
            for op in ops:
                if op[0] == "text":
                    _, x, base, text, size, bold = op
                    pdf.set_font(font, "B" if bold else "", size)
                    pdf.text(x, base, text)
                elif op[0] == "line":
                    _, x1, y1, x2, y2, lw = op
                    pdf.set_line_width(lw)
                    pdf.line(x1, y1, x2, y2)
                elif op[0] == "rect":
                    _, x1, y1, x2, y2, lw = op
                    pdf.set_line_width(lw)
                    pdf.rect(x1, y1, x2 - x1, y2 - y1)
                elif op[0] == "poly":
                    pdf.set_line_width(0.35)
                    pdf.polyline(op[1])
    return bytes(pdf.output())


def with_bad_text_layer(scan: bytes | list[Image.Image], garbage_text: str | list[str],
                        dpi: float | None = None) -> bytes:
    """A scanned PDF carrying a poor invisible OCR text layer (text render mode 3), as cheap
    scanners produce. `scan`: page images, or an image-only PDF (its pages' images are reused).
    `garbage_text`: one string for every page, or one per page. `dpi` as in `images_to_pdf`."""
    images = _images_of_pdf(bytes(scan)) if isinstance(scan, bytes | bytearray) else scan
    texts = [garbage_text] * len(images) if isinstance(garbage_text, str) else garbage_text
    pdf = _new_pdf("DejaVu Sans")
    for img, text in zip(images, texts, strict=True):
        k = _dpi_of(img, dpi)
        w_mm, h_mm = img.width / k * 25.4, img.height / k * 25.4
        pdf.add_page(format=(w_mm, h_mm))
        buf = io.BytesIO()
        img.convert("L").save(buf, format="PNG")
        pdf.image(buf, x=0, y=0, w=w_mm, h=h_mm)
        with pdf.local_context(text_mode="INVISIBLE"):
            pdf.set_font("DejaVu Sans", "", 10)
            y = 25.0
            for line in text.splitlines():
                pdf.text(25, y, line)
                y += 5
    return bytes(pdf.output())


def _images_of_pdf(data: bytes) -> list[Image.Image]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out = []
    for page in doc:
        for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
            out.append(obj.get_bitmap(render=False).to_pil())
            break
        else:
            out.append(page.render(scale=300 / 72, grayscale=True).to_pil())
    return out


# --- Word -------------------------------------------------------------------------------------

def to_docx(docs: list[Document]) -> bytes:
    """A .docx: bordered tables for boxed blocks, a paragraph per rendered line elsewhere."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    d = Docx()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(PAGE_W), Mm(PAGE_H)
    sec.left_margin, sec.right_margin = Mm(MARGIN_L), Mm(20)
    sec.top_margin = sec.bottom_margin = Mm(18)
    style = d.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(11)
    style.paragraph_format.space_after = Pt(0)
    align = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER,
             "r": WD_ALIGN_PARAGRAPH.RIGHT}
    for n, doc in enumerate(docs):
        if n:
            d.add_page_break()
        i = 0
        blocks = doc.blocks
        while i < len(blocks):
            blk = blocks[i]
            if blk.grid:
                group = []
                while i < len(blocks) and blocks[i].grid == blk.grid:
                    group.append(blocks[i])
                    i += 1
                _docx_table(d, group)
                continue
            for ln in blk.lines:
                if not ln.segs:
                    continue
                p = d.add_paragraph()
                p.alignment = align[ln.segs[0].align]
                if ln.segs[0].align == "l":
                    p.paragraph_format.left_indent = Mm(ln.segs[0].x)
                for j, seg in enumerate(ln.segs):
                    run = p.add_run(("\t" if j else "") + seg.text)
                    run.bold = seg.bold
                    run.underline = seg.underline
                    run.font.size = Pt(seg.size)
            i += 1
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _cell_of(seg: Seg, grid: list[float]) -> int:
    left = seg.x - seg.max_w / 2 if seg.align == "c" else seg.x
    return max(c for c in range(len(grid) - 1) if grid[c] <= left + 0.01)


def _docx_table(d, group) -> None:
    from docx.shared import Mm

    grid = group[0].grid
    ncols = len(grid) - 1
    table = d.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    table.autofit = False
    widths = [Mm(grid[c + 1] - grid[c]) for c in range(ncols)]
    for col, w in zip(table.columns, widths, strict=True):
        col.width = w
    for blk in group:
        cells = ["" for _ in range(ncols)]
        for ln in blk.lines:
            for seg in ln.segs:
                col = _cell_of(seg, grid)
                cells[col] = f"{cells[col]} {seg.text}".strip()
        row = table.add_row().cells
        for c, t in enumerate(cells):
            row[c].text = t
            row[c].width = widths[c]
    d.add_paragraph()


def to_doc(docs: list[Document]) -> bytes:
    """A legacy .doc, converted from `to_docx` by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("to_doc needs LibreOffice (soffice); `make setup` installs it")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "berkas.docx")
        src.write_bytes(to_docx(docs))
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "doc", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=180)
        return Path(tmp, "berkas.doc").read_bytes()


# --- HTML -------------------------------------------------------------------------------------

def to_html(doc: Document) -> str:
    """The document as an HTML email body (tables for boxed blocks)."""
    out = ["<html><body style=\"font-family: Arial, sans-serif; font-size: 11pt\">"]
    in_table = False
    for blk in doc.blocks:
        if blk.grid:
            if not in_table:
                out.append("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">")
                in_table = True
            cells = ["<br>".join(html.escape(s.text) for ln in blk.lines for s in ln.segs
                                 if _cell_of(s, blk.grid) == c)
                     for c in range(len(blk.grid) - 1)]
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        for ln in blk.lines:
            if not ln.segs:
                out.append("<br>")
                continue
            style = {"c": "center", "r": "right"}.get(ln.segs[0].align, "left")
            body = "&nbsp;&nbsp;&nbsp;".join(
                f"<b>{html.escape(s.text)}</b>" if s.bold else html.escape(s.text)
                for s in ln.segs)
            out.append(f"<div style=\"text-align: {style}\">{body}</div>")
    if in_table:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
