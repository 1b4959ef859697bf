"""A naskah dinas letter as PDF: kop surat (logo, institution, unit, address, double rule), place
and date, Nomor/Sifat/Lampiran/Hal, Yth., justified body, signature block, Tembusan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fpdf import FPDF

from berkas.outgoing.render import RenderedLetter
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


LINE = 5.5  # mm per line of 12 pt text: about 1.3 line spacing, one page for a usual letter
YTH_WIDTH = 10  # "Yth." and the addressee share a line; further addressee lines align under it


class _LetterPdf(FPDF):
    def header(self) -> None:
        if self.page_no() > 1:  # naskah dinas: the pages after the first are numbered on top
            self.set_font("Serif", "", 12)
            self.cell(0, LINE, f"- {self.page_no()} -", align="C", new_x="LMARGIN",
                      new_y="NEXT")
            self.ln(4)


def letter_pdf(letter: Letter, head: Letterhead) -> bytes:
    pdf = _LetterPdf(format="A4", unit="mm")
    pdf.set_margins(25, 15, 20)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_creator("berkas")
    pdf.set_title(f"{letter.content.hal} {letter.number}")
    for style, names in _FACES.items():
        pdf.add_font("Serif", style, str(_font_file(names)))
    pdf.add_page()
    _kop(pdf, head)
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font("Serif", "", 12)
    pdf.cell(width, LINE, f"{letter.place}, {tanggal(letter.day)}", align="R",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for label, value in (("Nomor", letter.number), ("Sifat", letter.content.sifat),
                         ("Lampiran", letter.content.lampiran), ("Hal", letter.content.hal)):
        pdf.cell(25, LINE, label)
        pdf.cell(4, LINE, ":")
        pdf.multi_cell(width - 29, LINE, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.cell(YTH_WIDTH, LINE, "Yth.")
    for line in [*letter.content.yth, *letter.extra_yth]:
        pdf.multi_cell(width - YTH_WIDTH, LINE, line, new_x="LEFT", new_y="NEXT")
    pdf.set_x(pdf.l_margin)
    pdf.ln(4)
    tembusan = letter.content.tembusan
    closing_height = 42 + (6 + LINE * (len(tembusan) + 1) if tembusan else 0)
    paragraphs = letter.content.paragraphs
    for n, paragraph in enumerate(paragraphs):
        if n == len(paragraphs) - 1:  # the closing sentence goes with the signature block
            height = pdf.multi_cell(width, LINE, paragraph, align="J", dry_run=True,
                                    output="HEIGHT")
            assert isinstance(height, int | float)
            if pdf.get_y() + height + 2 + closing_height > pdf.page_break_trigger:
                pdf.add_page()
        pdf.multi_cell(width, LINE, paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if pdf.get_y() + closing_height > pdf.page_break_trigger:
        pdf.add_page()  # the signature block and the Tembusan stay together
    _signature(pdf, letter.signatory, width)
    if tembusan:
        pdf.ln(6)
        pdf.cell(width, LINE, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
        for n, line in enumerate(tembusan, start=1):
            pdf.cell(8, LINE, f"{n}.")
            pdf.multi_cell(width - 8, LINE, line, new_x="LMARGIN", new_y="NEXT")
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
    pdf.ln(2)
    pdf.set_x(block_x)
    pdf.multi_cell(block_w, LINE, who.title + ",", align="C", new_x="LEFT", new_y="NEXT")
    pdf.ln(20)  # room for the wet or electronic signature and the stamp
    for text, style in ((who.name, "B"), (who.rank, ""), (f"NIP {who.nip}", "")):
        pdf.set_font("Serif", style, 12)
        pdf.set_x(block_x)
        pdf.multi_cell(block_w, LINE, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Serif", "", 12)
