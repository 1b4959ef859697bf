"""A naskah dinas letter as PDF: kop surat (logo, institution, unit, address, double rule), place
and date, Nomor/Sifat/Lampiran/Hal, Yth., justified body, signature block, Tembusan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fpdf import FPDF

from berkas.render import RenderedLetter
from extractors.dates import tanggal

FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"))
_FACES = {"": ("LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"),
          "B": ("LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf")}


@dataclass(frozen=True)
class Letterhead:
    institution: str
    unit_lines: list[str]
    address_lines: list[str]
    logo: Path | None = None


@dataclass(frozen=True)
class Signatory:
    title: str
    name: str
    rank: str
    nip: str


@dataclass(frozen=True)
class Letter:
    number: str
    place: str
    day: date
    content: RenderedLetter
    signatory: Signatory
    extra_yth: list[str] = field(default_factory=lambda: ["di", "Tempat"])


def _font_file(names: tuple[str, ...]) -> Path:
    for directory in FONT_DIRS:
        for name in names:
            if (directory / name).is_file():
                return directory / name
    raise FileNotFoundError(f"no serif font found ({', '.join(names)})")


def letter_pdf(letter: Letter, head: Letterhead) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_creator("berkas")
    pdf.set_title(f"{letter.content.hal} {letter.number}")
    for style, names in _FACES.items():
        pdf.add_font("Serif", style, str(_font_file(names)))
    pdf.add_page()
    _kop(pdf, head)
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font("Serif", "", 12)
    pdf.cell(width, 6, f"{letter.place}, {tanggal(letter.day)}", align="R",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in (("Nomor", letter.number), ("Sifat", letter.content.sifat),
                         ("Lampiran", letter.content.lampiran), ("Hal", letter.content.hal)):
        pdf.cell(25, 6, label)
        pdf.cell(4, 6, ":")
        pdf.multi_cell(width - 29, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.cell(width, 6, "Yth.", new_x="LMARGIN", new_y="NEXT")
    for line in [*letter.content.yth, *letter.extra_yth]:
        pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for paragraph in letter.content.paragraphs:
        pdf.multi_cell(width, 6, paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    _signature(pdf, letter.signatory, width)
    if letter.content.tembusan:
        pdf.ln(8)
        pdf.cell(width, 6, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
        for n, line in enumerate(letter.content.tembusan, start=1):
            pdf.cell(8, 6, f"{n}.")
            pdf.multi_cell(width - 8, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _kop(pdf: FPDF, head: Letterhead) -> None:
    top = pdf.get_y()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    text_x, text_w = pdf.l_margin, width
    if head.logo is not None:
        pdf.image(str(head.logo), x=pdf.l_margin, y=top, h=24)
        text_x, text_w = pdf.l_margin + 26, width - 26
    pdf.set_xy(text_x, top)
    pdf.set_font("Serif", "B", 14)
    pdf.multi_cell(text_w, 6, head.institution, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Serif", "B", 15)
    for line in head.unit_lines:
        pdf.multi_cell(text_w, 6.5, line, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Serif", "", 9.5)
    for line in head.address_lines:
        pdf.multi_cell(text_w, 4.5, line, align="C", new_x="LEFT", new_y="NEXT")
    bottom = max(pdf.get_y(), top + 24 if head.logo is not None else 0) + 2
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, bottom, pdf.w - pdf.r_margin, bottom)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, bottom + 1.2, pdf.w - pdf.r_margin, bottom + 1.2)
    pdf.set_xy(pdf.l_margin, bottom + 6)


def _signature(pdf: FPDF, who: Signatory, width: float) -> None:
    block_x, block_w = pdf.l_margin + width * 0.5, width * 0.5
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    pdf.ln(4)
    pdf.set_x(block_x)
    pdf.multi_cell(block_w, 6, who.title + ",", align="C", new_x="LEFT", new_y="NEXT")
    pdf.ln(22)  # room for the wet or electronic signature and the stamp
    for text, style in ((who.name, "B"), (who.rank, ""), (f"NIP {who.nip}", "")):
        pdf.set_font("Serif", style, 12)
        pdf.set_x(block_x)
        pdf.multi_cell(block_w, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Serif", "", 12)
