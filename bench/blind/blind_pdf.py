"""PDF layouts of the blind set (forms, appointment letters, cover letters, extra pages).

Every layout takes a context dict and returns a `Doc` (an FPDF); the values it prints are given
to it already formatted (`ctx["v"]` for the form), so the truth is exactly what is printed.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from blind_assets import ktp_png, logo_png, sig_png, stamp_png
from blind_common import tgl
from fpdf import FPDF
from fpdf.fonts import FontFace

FD = "/usr/share/fonts/truetype/"
FONTS = {
    "lsans": ("liberation/LiberationSans-Regular", "liberation/LiberationSans-Bold",
              "liberation/LiberationSans-Italic", "liberation/LiberationSans-BoldItalic"),
    "lserif": ("liberation/LiberationSerif-Regular", "liberation/LiberationSerif-Bold",
               "liberation/LiberationSerif-Italic", "liberation/LiberationSerif-BoldItalic"),
    "lnarrow": ("liberation/LiberationSansNarrow-Regular", "liberation/LiberationSansNarrow-Bold",
                "liberation/LiberationSansNarrow-Italic",
                "liberation/LiberationSansNarrow-BoldItalic"),
    "dsans": ("dejavu/DejaVuSans", "dejavu/DejaVuSans-Bold", "dejavu/DejaVuSans-Oblique",
              "dejavu/DejaVuSans-BoldOblique"),
    "dserif": ("dejavu/DejaVuSerif", "dejavu/DejaVuSerif-Bold", "dejavu/DejaVuSerif-Italic",
               "dejavu/DejaVuSerif-BoldItalic"),
    "dcond": ("dejavu/DejaVuSansCondensed", "dejavu/DejaVuSansCondensed-Bold",
              "dejavu/DejaVuSansCondensed-Oblique", "dejavu/DejaVuSansCondensed-BoldOblique"),
    "fsans": ("freefont/FreeSans", "freefont/FreeSansBold", "freefont/FreeSansOblique",
              "freefont/FreeSansBoldOblique"),
    "fserif": ("freefont/FreeSerif", "freefont/FreeSerifBold", "freefont/FreeSerifItalic",
               "freefont/FreeSerifBoldItalic"),
    "lmono": ("liberation/LiberationMono-Regular", "liberation/LiberationMono-Bold",
              "liberation/LiberationMono-Italic", "liberation/LiberationMono-BoldItalic"),
}
PAPER = {"A4": "A4", "F4": (215, 330), "Letter": "Letter"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
LPSE_ADDR = "Jalan Gajah Mada Nomor 2 Samarinda"


class Doc(FPDF):
    def __init__(self, fam="lsans", size=11.0, paper="A4", orient="P", margins=(25, 18, 20),
                 created: dt.date | None = None, producer: str | None = None):
        super().__init__(orientation=orient, unit="mm", format=PAPER.get(paper, paper))
        self.fam, self.size = fam, size
        self._fams: set[tuple[str, str]] = set()
        for st in ("", "B", "I", "BI"):
            self._use(fam, st)
        self.set_margins(*margins)
        self.set_auto_page_break(True, 16)
        self.footer_lines: list[str] = []
        self.footer_fam = fam
        when = created or dt.date(2026, 1, 5)
        self.set_creation_date(dt.datetime(when.year, when.month, when.day, 9, 12, 0,
                                           tzinfo=dt.timezone(dt.timedelta(hours=8))))
        self.set_producer(producer or "Microsoft® Word 2019")
        self.set_creator("Microsoft® Word 2019")
        self.F()

    def _use(self, fam, style):
        st = style.replace("U", "")
        st = "BI" if st in ("BI", "IB") else st
        if (fam, st) not in self._fams:
            f = FONTS[fam][("", "B", "I", "BI").index(st)]
            self.add_font(fam, st, FD + f + ".ttf")
            self._fams.add((fam, st))

    def F(self, style="", size=None, fam=None):  # noqa: N802 - short on purpose
        fam = fam or self.fam
        self._use(fam, style)
        self.set_font(fam, style, size or self.size)

    @property
    def lh(self):
        return self.font_size_pt * 0.5 + 0.6

    def ensure(self, h):
        if self.get_y() + h > self.h - self.b_margin:
            self.add_page(orientation=self.cur_orientation)

    def footer(self):
        if not self.footer_lines:
            return
        self.set_y(-14)
        self.set_draw_color(120, 120, 120)
        self.set_line_width(.2)
        self.line(self.l_margin, self.get_y() - 1, self.w - self.r_margin, self.get_y() - 1)
        self.F("", 7, fam=self.footer_fam)
        self.set_text_color(90, 90, 90)
        for t in self.footer_lines:
            self.cell(0, 3.4, t, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.F()

    # -- text helpers -------------------------------------------------------------------
    def para(self, text, align="J", h=None, x=None, w=None, style="", size=None, gap=1.5):
        self.F(style, size)
        if x is not None:
            self.set_x(x)
        self.multi_cell(w or (self.w - self.r_margin - self.get_x()), h or self.lh, text,
                        align=align, new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def center(self, text, style="B", size=None, h=None, underline=False):
        self.F(style + ("U" if underline else ""), size)
        self.multi_cell(0, h or self.lh, text, align="C", new_x="LMARGIN", new_y="NEXT")

    def kv(self, rows, x=None, lw=45.0, cw=5.0, h=None, vw=None, lstyle="", vstyle="",
           colon=":", gap=0.6):
        x = self.l_margin if x is None else x
        h = h or self.lh
        self.F(lstyle)
        widest = max(self.get_string_width(lab) for lab, _ in rows) + 2.5
        if widest > lw:
            if vw:
                vw -= min(widest, 70) - lw
            lw = min(widest, 70)
        vw = vw or (self.w - self.r_margin - x - lw - cw)
        for lab, val in rows:
            self.ensure(h * 2)
            y = self.get_y()
            self.set_xy(x, y)
            self.F(lstyle)
            self.multi_cell(lw, h, lab, align="L", new_x="RIGHT", new_y="TOP")
            y1 = self.get_y()
            self.set_xy(x + lw, y)
            self.cell(cw, h, colon)
            self.F(vstyle)
            self.set_xy(x + lw + cw, y)
            self.multi_cell(vw, h, val or "", align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_y(max(self.get_y(), y1, y + h) + gap)

    def hang(self, label, items, lw=30.0, mw=7.0, h=None, colon=":", style="", gap=0.8,
             x=None):
        """`Menimbang : a. ...` blocks with hanging indents."""
        x = self.l_margin if x is None else x
        h = h or self.lh
        first = True
        for mark, text in items:
            self.ensure(h * 2)
            y = self.get_y()
            self.F(style)
            if first:
                self.set_xy(x, y)
                self.cell(lw, h, label)
                self.cell(4, h, colon)
            self.set_xy(x + lw + 4, y)
            if mark:
                self.cell(mw, h, mark)
            self.set_xy(x + lw + 4 + (mw if mark else 0), y)
            self.multi_cell(self.w - self.r_margin - self.get_x(), h, text, align="J",
                            new_x="LMARGIN", new_y="NEXT")
            self.ln(gap)
            first = False

    def image_bytes(self, data, x, y, w=0, h=0):
        self.image(io.BytesIO(data), x=x, y=y, w=w, h=h)

    def dotted(self, x1, y, x2, dash=0.4, gap=0.9):
        self.set_dash_pattern(dash, gap)
        self.set_line_width(.25)
        self.line(x1, y, x2, y)
        self.set_dash_pattern()

    def box(self, x, y, s=3.6, checked=False):
        self.set_line_width(.3)
        self.rect(x, y, s, s)
        if checked:
            self.set_line_width(.45)
            self.line(x + .6, y + .6, x + s - .6, y + s - .6)
            self.line(x + s - .6, y + .6, x + .6, y + s - .6)
            self.set_line_width(.3)


# -- letterheads --------------------------------------------------------------------------
def fit(doc: Doc, text: str, width: float, style: str, size: float, minsize: float = 6.5):
    doc.F(style, size)
    while doc.get_string_width(text) > width - 2 and size > minsize:
        size -= .5
        doc.F(style, size)


def kop(doc: Doc, ag: dict, style: str = "center", rng: random.Random | None = None):
    rng = rng or random.Random(0)
    lm, w = doc.l_margin, doc.w - doc.l_margin - doc.r_margin
    y0 = doc.t_margin
    logo = logo_png(ag["key"], ag["kind"])
    tel = f"Telepon {ag['tel']}, Faksimile {ag['fax']}"
    web = f"Laman: {ag['web']}, Pos-el: {ag['mail']}"
    if style == "center":
        doc.image_bytes(logo, lm, y0, w=22)
        doc.set_xy(lm + 24, y0)
        tw = w - 24
        for i, t in enumerate(ag["kop"]):
            size = 13 if i == 0 else 15
            doc.F("B", size)
            while doc.get_string_width(t) > tw - 2 and size > 9:
                size -= .5
                doc.F("B", size)
            doc.cell(tw, 6.2 if i else 5.6, t, align="C", new_x="LEFT", new_y="NEXT")
        for t in (ag["addr"], tel, web):
            size = 9
            doc.F("", size)
            while doc.get_string_width(t) > tw - 2 and size > 6.5:
                size -= .5
                doc.F("", size)
            doc.cell(tw, 4, t, align="C", new_x="LEFT", new_y="NEXT")
        y = max(doc.get_y(), y0 + 24) + 1.5
        doc.set_line_width(.9)
        doc.line(lm, y, lm + w, y)
        doc.set_line_width(.25)
        doc.line(lm, y + 1.2, lm + w, y + 1.2)
        doc.set_y(y + 5)
    elif style == "left":
        doc.image_bytes(logo, lm, y0, w=18)
        x = lm + 22
        doc.set_xy(x, y0)
        for i, t in enumerate(ag["kop"]):
            fit(doc, t, w - 22, "B", 10.5 if i == 0 else 12.5)
            doc.cell(w - 22, 5.2, t, new_x="LEFT", new_y="NEXT")
        fit(doc, ag["addr"], w - 22, "", 8)
        doc.cell(w - 22, 3.8, ag["addr"], new_x="LEFT", new_y="NEXT")
        t = f"Telp. {ag['tel']}  |  Fax. {ag['fax']}  |  {ag['mail']}  |  {ag['web']}"
        fit(doc, t, w - 22, "", 8)
        doc.cell(w - 22, 3.8, t, new_x="LEFT", new_y="NEXT")
        y = max(doc.get_y(), y0 + 20) + 2
        doc.set_draw_color(20, 70, 140)
        doc.set_line_width(1.2)
        doc.line(lm, y, lm + w, y)
        doc.set_draw_color(0, 0, 0)
        doc.set_line_width(.25)
        doc.set_y(y + 5)
    elif style == "daerah":
        doc.image_bytes(logo, doc.w / 2 - 11, y0, w=22)
        doc.set_y(y0 + 25)
        doc.F("B", 14)
        doc.cell(0, 7, ag["kepala"], align="C", new_x="LMARGIN", new_y="NEXT")
        doc.ln(3)
    elif style == "polri":
        doc.F("", 10)
        bw = 92
        doc.set_xy(lm, y0)
        for t in ag["kop"]:
            doc.cell(bw, 4.6, t, align="C", new_x="LEFT", new_y="NEXT")
        doc.set_line_width(.3)
        doc.line(lm + 8, doc.get_y() + .6, lm + bw - 8, doc.get_y() + .6)
        doc.set_y(doc.get_y() + 6)
    elif style == "band":
        doc.image_bytes(logo, lm, y0, w=20)
        x = lm + 24
        doc.set_xy(x, y0 + 1)
        fit(doc, ag["kop"][0], w - 24, "", 9.5)
        doc.cell(w - 24, 4.6, ag["kop"][0], new_x="LEFT", new_y="NEXT")
        for t in ag["kop"][1:]:
            fit(doc, t, w - 24, "B", 15)
            doc.cell(w - 24, 6.5, t, new_x="LEFT", new_y="NEXT")
        y = max(doc.get_y(), y0 + 21) + 2
        doc.set_fill_color(196, 150, 30)
        doc.rect(lm, y, w, 1.6, "F")
        doc.set_fill_color(255, 255, 255)
        doc.set_y(y + 6)
        doc.footer_lines = [f"{ag['addr']}  -  Telepon {ag['tel']}  -  Faksimile {ag['fax']}",
                            f"Laman {ag['web']}  -  Pos-el {ag['mail']}"]
    elif style == "lpse":
        doc.image_bytes(logo_png("lpse-kaltim", "opd"), lm, y0, w=17)
        doc.set_xy(lm + 21, y0)
        doc.F("B", 11)
        doc.cell(w - 21, 5, "LAYANAN PENGADAAN SECARA ELEKTRONIK (LPSE)",
                 new_x="LEFT", new_y="NEXT")
        doc.cell(w - 21, 5, "PROVINSI KALIMANTAN TIMUR", new_x="LEFT", new_y="NEXT")
        doc.F("", 7.5)
        doc.cell(w - 21, 3.6, "Biro Pengadaan Barang/Jasa Sekretariat Daerah Provinsi "
                 "Kalimantan Timur, " + LPSE_ADDR, new_x="LEFT", new_y="NEXT")
        doc.cell(w - 21, 3.6, "Telp. (0541) 733333 ext. 1204  -  Pos-el: lpse@kaltimprov.go.id"
                 "  -  https://lpse.kaltimprov.go.id", new_x="LEFT", new_y="NEXT")
        y = max(doc.get_y(), y0 + 18) + 2
        doc.set_line_width(.6)
        doc.line(lm, y, lm + w, y)
        doc.set_line_width(.25)
        doc.set_y(y + 4)
    else:
        raise ValueError(style)
    doc.F()


def sign_block(doc: Doc, x, top: list[str], name: str, below: list[str], seed: int,
               stamp: list[str] | None = None, w=75.0, align="L", underline=True, sig=True,
               space=20.0):
    h = doc.lh
    doc.ensure(len(top) * h + space + (len(below) + 1) * h + 4)
    y = doc.get_y()
    doc.F()
    for t in top:
        doc.set_xy(x, y)
        doc.cell(w, h, t, align=align)
        y += h
    ys = y
    if sig:
        sx = x + (w / 2 - 22 if align == "C" else 4)
        doc.image_bytes(sig_png(seed), sx, ys + 1, w=42)
    if stamp:
        doc.image_bytes(stamp_png(stamp, seed), x - 9 if align == "L" else x + w / 2 - 32,
                        ys - 3, w=26)
    y = ys + space
    doc.set_xy(x, y)
    doc.F("BU" if underline else "B")
    doc.cell(w, h, name, align=align)
    doc.F()
    y += h
    for t in below:
        doc.set_xy(x, y)
        doc.cell(w, h, t, align=align)
        y += h
    low = getattr(doc, "sig_low", (0, 0.0))
    low = (doc.page, max(low[1], y + 2) if low[0] == doc.page else y + 2)
    doc.sig_low = low
    doc.set_y(low[1])
    return y


def fitting(doc: Doc, text: str | None, width: float, pad: float = 3.4) -> FontFace | None:
    """A smaller font for a table cell whose one-token value (an email) would wrap."""
    if not text:
        return None
    size = doc.font_size_pt
    while doc.get_string_width(text) * size / doc.font_size_pt > width - pad and size > 6.5:
        size -= .5
    return None if size == doc.font_size_pt else FontFace(size_pt=size)


def nip_fmt(nip: str, style: str) -> str:
    if style == "spaced" and len(nip) == 18:
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    if style == "dots" and len(nip) == 18:
        return f"{nip[:8]}.{nip[8:14]}.{nip[14]}.{nip[15:]}"
    return nip


def head_lines(head: dict, nipstyle="spaced", pangkat=True) -> list[str]:
    out = []
    if pangkat and head.get("pangkat"):
        out.append(f"{head['pangkat']} ({head['gol']})" if head.get("gol") else head["pangkat"])
    if head.get("nip"):
        out.append("NIP. " + nip_fmt(head["nip"], nipstyle))
    elif head.get("nrp"):
        out.append(f"{head['rank_line']} NRP {head['nrp']}")
    return out


def agency_stamp(ag):
    return [ag["kop"][0].title(), ag["satker"][:28], ag["city"].upper()]


# =========================================================================================
# FORMS
# =========================================================================================
def _form_title(doc, lines, size=12.5, underline_last=False):
    for i, t in enumerate(lines):
        doc.center(t, "B", size if i == 0 else size - 2,
                   underline=underline_last and i == len(lines) - 1)
    doc.ln(3)


def form_grid_duo(c) -> Doc:
    """Ruled 4-column grid, two fields share a row; qualifiers and footnote marks on labels."""
    v, ag, r = c["v"], c["ag"], c["rng"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(20, 15, 18), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "left"), r)
    _form_title(doc, ["FORMULIR PERMOHONAN AKUN ADMIN AGENCY",
                      "Sistem Pengadaan Secara Elektronik (SPSE) - LPSE Provinsi Kalimantan "
                      "Timur"])
    doc.F("B", doc.size - 1)
    doc.set_fill_color(40, 70, 120)
    doc.set_text_color(255, 255, 255)
    doc.cell(0, 6.5, "  A.  DATA CALON ADMIN AGENCY", fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0, 0, 0)
    doc.set_fill_color(255, 255, 255)
    doc.F("", doc.size - 1)
    lab = FontFace(emphasis="B", fill_color=(226, 232, 242), size_pt=doc.size - 1.5)
    L = c["labels"]
    doc.F("", 9.5)
    with doc.table(col_widths=(34, 56, 26, 34), first_row_as_headings=False, line_height=5.2,
                   text_align="LEFT", padding=1.6, v_align="MIDDLE") as t:
        row = t.row()
        row.cell(L["nama"], style=lab)
        row.cell(v["nama"] or "", colspan=3)
        row = t.row()
        row.cell(L["nip"], style=lab)
        row.cell(v["nip"] or "")
        row.cell("Pangkat / Gol.", style=lab)
        row.cell(c["pangkat_gol"])
        row = t.row()
        row.cell(L["jabatan"], style=lab)
        row.cell(v["jabatan"] or "", colspan=3)
        row = t.row()
        row.cell(L["instansi"], style=lab)
        row.cell(v["instansi"] or "")
        row.cell(L["satuan_kerja"], style=lab)
        row.cell(v["satuan_kerja"] or "")
        row = t.row()
        row.cell(L["email"], style=lab)
        row.cell(v["email"] or "", style=fitting(doc, v["email"], doc.epw * 56 / 150))
        row.cell(L["telepon"], style=lab)
        row.cell(v["telepon"] or "")
        row = t.row()
        row.cell("Alamat Kantor", style=lab)
        row.cell(f"{ag['addr']}, Telp. {ag['tel']}", colspan=3)
    doc.ln(1)
    doc.F("I", 8)
    doc.multi_cell(0, 3.8, "*) wajib diisi dan aktif; nama pengguna (user id) dan kata sandi "
                   "akun SPSE dikirim ke alamat email tersebut.\n**) nomor yang dapat "
                   "dihubungi melalui WhatsApp.", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.F("B", doc.size - 1)
    doc.set_fill_color(40, 70, 120)
    doc.set_text_color(255, 255, 255)
    doc.cell(0, 6.5, "  B.  PERNYATAAN", fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0, 0, 0)
    doc.set_fill_color(255, 255, 255)
    doc.ln(1)
    doc.para("Saya menyatakan bahwa data di atas benar, bersedia mengikuti pelatihan Admin "
             "Agency yang diselenggarakan LPSE, menjaga kerahasiaan akun, dan tidak "
             "meminjamkan akun kepada pihak lain.", size=doc.size - 1)
    doc.ln(2)
    y = doc.get_y()
    sign_block(doc, doc.l_margin, ["Mengetahui,", f"{ag['short']},"], c["head"]["nama"],
               head_lines(c["head"]), c["seed"] + 1, stamp=agency_stamp(ag), w=75)
    doc.set_y(y)
    sign_block(doc, doc.w - doc.r_margin - 72, [f"{ag['city']}, {tgl(c['date'])}", "Pemohon,"],
               v["nama"] or "", ["NIP. " + (v["nip"] or "")], c["seed"] + 2, w=72)
    return doc


def form_label_above(c) -> Doc:
    """LPSE template: boxes with a small grey label above each value; NIK box as a decoy."""
    v, ag = c["v"], c["ag"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(18, 14, 18), created=c["date"])
    doc.add_page()
    kop(doc, ag, "lpse")
    y0 = doc.get_y()
    doc.F("B", 12)
    doc.multi_cell(105, 5.5, "PERMOHONAN PEMBUATAN\nAKUN ADMIN AGENCY", align="L",
                   new_x="LMARGIN", new_y="NEXT")
    doc.F("", 7.5)
    x = doc.w - doc.r_margin - 52
    doc.rect(x, y0 - 1, 52, 11)
    doc.set_xy(x + 1.5, y0)
    doc.cell(50, 3.5, "Formulir LPSE-AA.01 (rev. 2)", new_x="LEFT", new_y="NEXT")
    doc.cell(50, 3.5, "No. Registrasi: ..................", new_x="LEFT", new_y="NEXT")
    doc.set_y(doc.get_y() + 4)
    doc.F("I", 8.5)
    doc.multi_cell(0, 4, "Isilah dengan huruf cetak. Satu formulir untuk satu orang Admin "
                   "Agency. Lampirkan surat penunjukan dan surat permohonan dari pimpinan "
                   "instansi.", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    W = doc.w - doc.l_margin - doc.r_margin
    L = c["labels"]
    rows = [[(L["instansi"], v["instansi"], 1)], [(L["satuan_kerja"], v["satuan_kerja"], 1)],
            [(L["nama"], v["nama"], 1)],
            [(L["nip"], v["nip"], .55), ("NIK (sesuai KTP)", c["nik"], .45)],
            [(L["jabatan"], v["jabatan"], .62), ("Pangkat / golongan ruang", c["pangkat_gol"],
                                                   .38)],
            [(L["email"], v["email"], .6), (L["telepon"], v["telepon"], .4)]]
    y = doc.get_y()
    for row in rows:
        x = doc.l_margin
        hmax = 13.5
        for _lab, val, frac in row:
            bw = W * frac - (2 if frac < 1 else 0)
            doc.F("", 10.5)
            lines = doc.multi_cell(bw - 4, 5, val or "", dry_run=True, output="LINES")
            hmax = max(hmax, 8.5 + 5 * len(lines))
        for lab, val, frac in row:
            bw = W * frac - (2 if frac < 1 else 0)
            doc.set_draw_color(150, 150, 150)
            doc.rect(x, y, bw, hmax)
            doc.set_draw_color(0, 0, 0)
            doc.set_text_color(110, 110, 110)
            doc.F("", 7)
            doc.set_xy(x + 1.5, y + 1)
            doc.cell(bw - 3, 3.5, lab)
            doc.set_text_color(0, 0, 0)
            doc.F("", 10.5)
            doc.set_xy(x + 2, y + 5.5)
            doc.multi_cell(bw - 4, 5, val or "", align="L", new_x="LMARGIN", new_y="NEXT")
            x += bw + 4
        y += hmax + 2.5
    doc.set_y(y + 2)
    doc.F("", 9.5)
    doc.multi_cell(0, 4.6, "Dengan ini saya mengajukan permohonan akun Admin Agency dan "
                   "menyatakan bersedia mematuhi ketentuan penggunaan SPSE serta mengikuti "
                   "pelatihan sebelum akun diaktifkan.", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    y = doc.get_y()
    sign_block(doc, doc.l_margin, ["Menyetujui,", "Pimpinan Instansi / Kepala Satuan Kerja"],
               c["head"]["nama"], head_lines(c["head"]), c["seed"] + 3, stamp=agency_stamp(ag),
               w=85)
    doc.set_y(y)
    sign_block(doc, doc.w - doc.r_margin - 70, [f"{ag['city']}, {tgl(c['date'])}", "Pemohon"],
               v["nama"] or "", [], c["seed"] + 4, w=70)
    doc.ln(2)
    doc.ensure(24)
    y = doc.get_y()
    doc.set_fill_color(238, 238, 238)
    doc.rect(doc.l_margin, y, W, 20, "DF")
    doc.set_xy(doc.l_margin + 2, y + 1.5)
    doc.F("B", 8)
    doc.cell(0, 4, "DIISI OLEH PETUGAS LPSE", new_x="LEFT", new_y="NEXT")
    doc.F("", 8)
    doc.cell(0, 4, "Diterima tanggal: ....................   Diverifikasi oleh (Admin PPE): "
             "..............................", new_x="LEFT", new_y="NEXT")
    doc.cell(0, 4, "User ID SPSE: ....................   Pelatihan: [  ] sudah  [  ] belum",
             new_x="LEFT", new_y="NEXT")
    return doc


def form_dotted(c) -> Doc:
    """Printed form: values typed on dotted lines, checkboxes, office phone beside the HP."""
    v, ag, r = c["v"], c["ag"], c["rng"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(24, 16, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), r)
    _form_title(doc, ["FORMULIR PENDAFTARAN", "ADMIN AGENCY SPSE LPSE PROVINSI KALIMANTAN TIMUR"],
                underline_last=True)
    L = c["labels"]
    doc.F()
    lx = doc.l_margin
    lw = min(78, 12 + max(doc.get_string_width(t) for t in (L["nama"], L["nip"], L["jabatan"],
                                                              L["satuan_kerja"], L["instansi"],
                                                              L["email"], "Status Kepegawaian")))
    right = doc.w - doc.r_margin
    h = 8.2
    rows = [("1.", L["nama"], v["nama"]), ("2.", L["nip"], v["nip"]), ("3.", "STATUS", None),
            ("4.", "Pangkat/Golongan", c["pangkat_gol"]), ("5.", L["jabatan"], v["jabatan"]),
            ("6.", L["satuan_kerja"], v["satuan_kerja"]), ("7.", L["instansi"], v["instansi"]),
            ("8.", "Alamat Kantor", ag["addr"]), ("9.", "TELP", None),
            ("10.", L["email"], v["email"])]
    for no, lab, val in rows:
        doc.ensure(h * 2)
        y = doc.get_y()
        doc.F()
        doc.set_xy(lx, y)
        doc.cell(8, h, no)
        doc.cell(lw - 8, h, lab if lab not in ("STATUS", "TELP") else
                 ("Status Kepegawaian" if lab == "STATUS" else "Telp. Kantor"))
        doc.cell(4, h, ":")
        x0 = lx + lw + 4
        if lab == "STATUS":
            doc.box(x0 + 1, y + 2.3, checked=not c["pppk"])
            doc.set_xy(x0 + 6, y)
            doc.cell(18, h, "PNS")
            doc.box(x0 + 26, y + 2.3, checked=c["pppk"])
            doc.set_xy(x0 + 31, y)
            doc.cell(20, h, "PPPK")
            doc.set_y(y + h)
            continue
        if lab == "TELP":
            mid = x0 + 40
            doc.dotted(x0, y + h - 1.6, mid - 2)
            doc.set_xy(x0 + 1, y)
            doc.cell(38, h - 1.5, ag["tel"])
            doc.set_xy(mid, y)
            tl = L["telepon"]
            need = doc.get_string_width(tl) + 9 + doc.get_string_width(v["telepon"] or "")
            if mid + need > right:
                tl = "HP/WA"
            doc.cell(doc.get_string_width(tl) + 2, h, tl)
            xx = doc.get_x()
            doc.cell(4, h, ":")
            doc.dotted(xx + 4, y + h - 1.6, right)
            doc.set_xy(xx + 5, y)
            doc.cell(right - xx - 5, h - 1.5, v["telepon"] or "")
            doc.set_y(y + h)
            continue
        doc.F()
        lines = doc.multi_cell(right - x0 - 1, h - 1.8, val or "", dry_run=True,
                               output="LINES") if val else [""]
        for i in range(len(lines)):
            doc.dotted(x0, y + h - 1.6 + i * (h - 1.8), right)
        doc.set_xy(x0 + 1, y + .4)
        doc.multi_cell(right - x0 - 1, h - 1.8, val or "", align="L", new_x="LMARGIN",
                       new_y="NEXT")
        doc.set_y(y + h + (len(lines) - 1) * (h - 1.8))
    doc.ln(4)
    doc.para("Demikian formulir ini saya isi dengan sebenar-benarnya untuk dipergunakan "
             "sebagaimana mestinya.")
    doc.ln(2)
    y = doc.get_y()
    sign_block(doc, doc.w - doc.r_margin - 70, [f"{ag['city']}, {tgl(c['date'])}",
                                                "Yang mengajukan,"], v["nama"] or "",
               ["NIP. " + (v["nip"] or "")], c["seed"] + 5, w=70)
    doc.set_y(y + 6)
    sup = c["atasan"]
    sign_block(doc, doc.l_margin, ["Mengetahui,", "Atasan Langsung"], sup["nama"],
               ["NIP. " + nip_fmt(sup["nip"], "spaced")], c["seed"] + 6, w=80)
    return doc


def form_bilingual(c) -> Doc:
    """Ruled table, Indonesian label with the English one in italics below it."""
    v, ag, r = c["v"], c["ag"], c["rng"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(22, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "band"), r)
    doc.center("FORMULIR PERMOHONAN AKUN ADMIN AGENCY", "B", 12.5)
    doc.center("Admin Agency Account Request Form", "I", 10)
    doc.ln(3)
    L = c["labels"]
    items = [("Nama Lengkap", "Full Name", v["nama"]),
             ("NIP", "Civil Servant ID Number", v["nip"]),
             ("Jabatan", "Position", v["jabatan"]),
             ("Instansi", "Institution", v["instansi"]),
             ("Unit Kerja", "Work Unit", v["satuan_kerja"]),
             ("Surel", "E-mail", v["email"]),
             ("Telepon Seluler", "Mobile Phone", v["telepon"]),
             ("Telepon Kantor", "Office Phone", ag["tel"])]
    if L.get("swap_unit"):
        items[3], items[4] = items[4], items[3]
    doc.F("", doc.size - .5)
    with doc.table(col_widths=(9, 52, 107), first_row_as_headings=True, line_height=5,
                   markdown=True,
                   text_align=("CENTER", "LEFT", "LEFT"), padding=1.8, v_align="MIDDLE",
                   headings_style=FontFace(emphasis="B", fill_color=(214, 220, 228))) as t:
        row = t.row()
        row.cell("No")
        row.cell("Uraian / Item")
        row.cell("Isian / Entry")
        for i, (ind, eng, val) in enumerate(items, 1):
            row = t.row()
            row.cell(str(i))
            row.cell(f"**{ind}**\n__{eng}__")
            row.cell(val or "")
    doc.ln(4)
    doc.para("Dengan ini saya menyatakan bahwa data yang saya isi adalah benar.", size=10)
    doc.para("I hereby declare that the information given above is true.", style="I", size=9)
    doc.ln(2)
    y = doc.get_y()
    sign_block(doc, doc.w - doc.r_margin - 72, [f"{ag['city']}, {tgl(c['date'])}",
                                                "Pemohon / Applicant,"], v["nama"] or "",
               ["NIP. " + (v["nip"] or "")], c["seed"] + 7, w=72)
    doc.set_y(y)
    sign_block(doc, doc.l_margin, ["Mengetahui / Acknowledged by,", ag["short"] + ","],
               c["head"]["nama"], head_lines(c["head"], pangkat=False), c["seed"] + 8, w=80,
               stamp=agency_stamp(ag))
    return doc


def form_spaced(c) -> Doc:
    """Letter-like form: spaced-out labels (`N a m a`), `Mengetahui` and applicant side by side."""
    v, ag, r = c["v"], c["ag"], c["rng"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(27, 16, 22), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), r)
    doc.center("DATA ADMIN AGENCY", "B", 12.5, underline=True)
    doc.center("Sistem Pengadaan Secara Elektronik", "", 10.5)
    doc.ln(5)
    doc.para("Yang bertanda tangan di bawah ini:")

    def sp(s):
        return " ".join(s) if len(s) < 14 else s
    rows = [(sp("Nama"), v["nama"]), (sp("NIP"), v["nip"]), (sp("Jabatan"), v["jabatan"]),
            (sp("Instansi"), v["instansi"]), ("S a t u a n  K e r j a", v["satuan_kerja"]),
            ("E - m a i l", v["email"]), ("T e l p / H P", v["telepon"])]
    if c["labels"].get("order") == "contact_first":
        rows = rows[:2] + rows[5:] + rows[2:5]
    doc.kv(rows, x=doc.l_margin + 6, lw=40, lstyle="", gap=1.2)
    doc.ln(2)
    doc.para("dengan ini mengajukan permohonan pembuatan akun Admin Agency pada Sistem Pengadaan "
             "Secara Elektronik (SPSE) LPSE Provinsi Kalimantan Timur, dan bersedia mengikuti "
             "pelatihan serta melaksanakan tugas sesuai ketentuan.")
    doc.para("Demikian permohonan ini dibuat dengan sebenarnya.")
    doc.ln(4)
    y = doc.get_y()
    sign_block(doc, doc.l_margin, ["Mengetahui,", f"{ag['short']}"], c["head"]["nama"],
               head_lines(c["head"]), c["seed"] + 9, w=78, stamp=agency_stamp(ag), align="C")
    doc.set_y(y)
    sign_block(doc, doc.w - doc.r_margin - 72, [f"{ag['city']}, {tgl(c['date'])}",
                                                "Pemohon,"], v["nama"] or "",
               ["NIP " + (v["nip"] or "")], c["seed"] + 10, w=72, align="C")
    return doc


def form_row_table(c) -> Doc:
    """Landscape: instansi and satker as header lines, the person as one table row, name and
    NIP on two lines of one cell."""
    v, ag, r = c["v"], c["ag"], c["rng"]
    doc = Doc(c["fam"], c["size"] - .5, c["paper"], orient="L", margins=(18, 14, 18),
              created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "left"), r)
    doc.center("DAFTAR ISIAN CALON ADMIN AGENCY SPSE", "B", 12)
    doc.center("(Formulir Permohonan Akun Admin Agency)", "", 9.5)
    doc.ln(3)
    L = c["labels"]
    doc.kv([(L["instansi"], v["instansi"]), (L["satuan_kerja"], v["satuan_kerja"]),
            ("Alamat Kantor", f"{ag['addr']} (Telp. {ag['tel']})")], lw=42, gap=.3)
    doc.ln(3)
    hs = FontFace(emphasis="B", fill_color=(230, 230, 230))
    doc.F("", 9)
    with doc.table(col_widths=(8, 58, 30, 46, 62, 34, 23), line_height=4.8, padding=1.4,
                   text_align=("CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT"),
                   headings_style=hs, v_align="MIDDLE") as t:
        row = t.row()
        for h in ("No", "Nama / NIP", "Pangkat / Gol.", L["jabatan"], L["email"], L["telepon"],
                  "Ket."):
            row.cell(h)
        row = t.row()
        for h in ("1", "2", "3", "4", "5", "6", "7"):
            row.cell(h, align="CENTER", style=FontFace(size_pt=7, emphasis="I"))
        row = t.row()
        row.cell("1.")
        nm = (v["nama"] or "") + "\n" + (("NIP. " + v["nip"]) if v["nip"] else "NIP. -")
        row.cell(nm)
        row.cell(c["pangkat_gol"])
        row.cell(v["jabatan"] or "")
        row.cell(v["email"] or "", style=fitting(doc, v["email"], doc.epw * 62 / 261))
        row.cell(v["telepon"] or "")
        row.cell("Admin Agency baru")
    doc.ln(5)
    y = doc.get_y()
    sign_block(doc, doc.l_margin + 10, ["Calon Admin Agency,"], v["nama"] or "", [],
               c["seed"] + 11, w=80, align="C")
    doc.set_y(y)
    sign_block(doc, doc.w - doc.r_margin - 95, [f"{ag['city']}, {tgl(c['date'])}",
                                                ag["head"] + ","], c["head"]["nama"],
               head_lines(c["head"]), c["seed"] + 12, w=95, align="C", stamp=agency_stamp(ag))
    return doc


def form_replacement(c) -> Doc:
    """Replacement request: the outgoing admin (name, NIP, email) is printed first."""
    v, ag, r = c["v"], c["ag"], c["rng"]
    old = c["old"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(24, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), r)
    _form_title(doc, ["FORMULIR PERMOHONAN", "PEMBUATAN / PENGGANTIAN AKUN ADMIN AGENCY"])
    doc.F("B")
    doc.cell(45, 6, "Jenis Permohonan")
    doc.F()
    doc.cell(4, 6, ":")
    x = doc.get_x()
    y = doc.get_y()
    doc.box(x, y + 1.2, checked=False)
    doc.set_xy(x + 5, y)
    doc.cell(40, 6, "Pembuatan akun baru")
    doc.box(x + 48, y + 1.2, checked=True)
    doc.set_xy(x + 53, y)
    doc.cell(50, 6, "Penggantian Admin Agency", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.F("B")
    doc.cell(0, 6, "A.  DATA ADMIN AGENCY LAMA (yang digantikan)", new_x="LMARGIN", new_y="NEXT")
    doc.kv([("a.  Nama", old["nama"]), ("b.  NIP", nip_fmt(old["nip"], "spaced")),
            ("c.  Alamat email", old["email"]),
            ("d.  Alasan penggantian", c.get("alasan", "Mutasi / pindah tugas"))],
           x=doc.l_margin + 6, lw=48)
    doc.ln(2)
    doc.F("B")
    doc.cell(0, 6, "B.  DATA ADMIN AGENCY BARU (pemohon)", new_x="LMARGIN", new_y="NEXT")
    L = c["labels"]
    doc.kv([("a.  " + L["nama"], v["nama"]), ("b.  " + L["nip"], v["nip"]),
            ("c.  Pangkat/Golongan", c["pangkat_gol"]), ("d.  " + L["jabatan"], v["jabatan"]),
            ("e.  " + L["instansi"], v["instansi"]),
            ("f.  " + L["satuan_kerja"], v["satuan_kerja"]),
            ("g.  " + L["email"], v["email"]), ("h.  " + L["telepon"], v["telepon"])],
           x=doc.l_margin + 6, lw=48)
    doc.ln(3)
    doc.para("Dengan diterbitkannya akun Admin Agency baru, kami mohon akun atas nama Admin "
             "Agency lama dinonaktifkan.", size=doc.size - .5)
    doc.ln(2)
    y = doc.get_y()
    sign_block(doc, doc.l_margin, ["Mengetahui,", ag["short"] + ","], c["head"]["nama"],
               head_lines(c["head"]), c["seed"] + 13, w=80, stamp=agency_stamp(ag))
    doc.set_y(y)
    sign_block(doc, doc.w - doc.r_margin - 70, [f"{ag['city']}, {tgl(c['date'])}",
                                                "Pemohon,"], v["nama"] or "",
               ["NIP. " + (v["nip"] or "")], c["seed"] + 14, w=70)
    return doc


def form_handfill(c) -> Doc:
    """Printed blank form filled in by hand (slanted blue ink, off the lines).  Scans only."""
    v, ag, r = c["v"], c["ag"], c["rng"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(22, 16, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), r)
    _form_title(doc, ["FORMULIR PERMOHONAN AKUN ADMIN AGENCY"])
    doc.F("I", 8.5)
    doc.cell(0, 4, "Ditulis dengan HURUF KAPITAL dan tinta hitam/biru.", align="C",
             new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    L = c["labels"]
    rows = [(L["nama"], v["nama"]), (L["nip"], v["nip"]), (L["jabatan"], v["jabatan"]),
            (L["satuan_kerja"], v["satuan_kerja"]), (L["instansi"], v["instansi"]),
            (L["email"], v["email"]), (L["telepon"], v["telepon"])]
    right = doc.w - doc.r_margin
    x0 = doc.l_margin + 52
    for lab, val in rows:
        y = doc.get_y()
        doc.F("", 10.5)
        doc.set_text_color(0, 0, 0)
        doc.set_xy(doc.l_margin, y)
        doc.cell(50, 9, lab)
        doc.cell(3, 9, ":")
        doc.set_line_width(.25)
        doc.line(x0, y + 8, right, y + 8)
        nlines = 1
        if val:
            doc.F("I", c.get("hand_size", 13), fam=c.get("hand_fam", "fserif"))
            if doc.get_string_width(val) > right - x0 - 6:
                doc.F("I", 10.5, fam=c.get("hand_fam", "fserif"))
            doc.set_text_color(20, 40, 150)
            ang = r.uniform(-2.2, 2.2)
            tx, ty = x0 + r.uniform(1, 8), y + 6.2 + r.uniform(-2.2, 1.2)
            with doc.rotation(ang, tx, ty):
                doc.text(tx, ty, val)
            doc.set_text_color(0, 0, 0)
        doc.set_y(y + 9.5 * nlines + 1.5)
    doc.ln(3)
    doc.F("", 10)
    doc.para("Saya bersedia mengikuti pelatihan Admin Agency dan menjaga kerahasiaan akun.")
    doc.ln(2)
    y = doc.get_y()
    sign_block(doc, doc.w - doc.r_margin - 70, [f"{ag['city']}, ......................",
                                                "Pemohon,"], "( ................................ )",
               [], c["seed"] + 15, w=70, underline=False)
    doc.set_y(y)
    sign_block(doc, doc.l_margin, ["Mengetahui,", ag["short"] + ","], c["head"]["nama"],
               head_lines(c["head"]), c["seed"] + 16, w=80, stamp=agency_stamp(ag))
    return doc


# =========================================================================================
# APPOINTMENTS (surat_penunjukan)
# =========================================================================================
MENGINGAT = [
    "Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik sebagaimana "
    "telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 1 Tahun 2024;",
    "Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi "
    "Elektronik;",
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah "
    "sebagaimana telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021;",
    "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021 tentang "
    "Unit Kerja Pengadaan Barang/Jasa;",
    "Peraturan Kepala Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 1 Tahun 2015 "
    "tentang E-Tendering;",
]
ABC = "abcdefghij"
DIKTUM = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM"]


def _menimbang(satker, judul):
    return [
        ("a.", "bahwa dalam rangka pelaksanaan pengadaan barang/jasa secara elektronik melalui "
               f"Sistem Pengadaan Secara Elektronik (SPSE) di lingkungan {satker}, perlu "
               "menunjuk Admin Agency yang bertugas mendaftarkan dan memverifikasi pengguna "
               "SPSE instansi;"),
        ("b.", "bahwa pegawai yang namanya tercantum dalam Keputusan ini dipandang cakap dan "
               "memenuhi syarat untuk ditunjuk sebagai Admin Agency;"),
        ("c.", "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, "
               f"perlu menetapkan Keputusan {judul} tentang Penunjukan Admin Agency;"),
    ]


def _tugas(satker, short):
    return [
        "mendaftarkan dan memverifikasi Pokja Pemilihan, Pejabat Pengadaan, PPK dan pengguna "
        f"SPSE lainnya di lingkungan {satker};",
        "mengelola data pengguna SPSE instansi serta menjaga kerahasiaan akun;",
        "berkoordinasi dengan LPSE Provinsi Kalimantan Timur dalam pelaksanaan tugas;",
        f"melaporkan pelaksanaan tugas kepada {short}.",
    ]


def _person_cell(p, nipstyle, upper=False):
    nm = p["nama"].upper() if upper else p["nama"]
    if p.get("nip"):
        return nm, nip_fmt(p["nip"], nipstyle)
    return nm, p.get("nrp") or "-"


def _sk_head(doc, judul_upper, nomor, tentang):
    doc.center(f"KEPUTUSAN {judul_upper}", "B", doc.size + .5)
    doc.center(f"NOMOR {nomor}", "B", doc.size)
    doc.ln(1.5)
    doc.center("TENTANG", "B", doc.size)
    doc.ln(1.5)
    doc.center(tentang, "B", doc.size)
    doc.ln(3)


def _sk_sign(doc, c, x=None, jab=None, kepala_daerah=False):
    x = doc.w - doc.r_margin - 82 if x is None else x
    doc.ensure(62)
    doc.kv([("Ditetapkan di", c["city"]), ("pada tanggal", tgl(c["date"]))], x=x, lw=30, cw=4,
           vw=50, gap=0)
    doc.set_draw_color(0, 0, 0)
    doc.line(x, doc.get_y() + .5, x + 82, doc.get_y() + .5)
    doc.ln(2)
    signer = c["signer"]
    jab = jab or (c["ag"].get("kepala") + "," if kepala_daerah else
                  c.get("signer_prefix", "") + c["ag"]["head"].upper() + ",")
    top = [t for t in jab.split("\n")]
    below = [] if kepala_daerah else head_lines(signer, pangkat=True)
    sign_block(doc, x, top, signer["nama"].upper() if kepala_daerah else signer["nama"],
               below, c["seed"] + 20, stamp=agency_stamp(c["ag"]), w=82)


def _tembusan(doc, items, size=9):
    doc.ensure(8 + 5 * len(items))
    doc.F("U", size)
    doc.cell(0, 5, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
    doc.F("", size)
    for i, t in enumerate(items, 1):
        doc.cell(6, 4.4, f"{i}.")
        doc.multi_cell(0, 4.4, t, align="L", new_x="LMARGIN", new_y="NEXT")
    doc.F()


def sk_kadis_kolom(c) -> Doc:
    """Keputusan Kepala OPD; appointees in a lampiran table with separate NIP and role columns."""
    ag = c["ag"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), c["rng"])
    judul = ag["head"] + " " + c["wilayah"]
    tentang = ("PENUNJUKAN ADMIN AGENCY SISTEM PENGADAAN SECARA ELEKTRONIK\nDI LINGKUNGAN "
               + ag["satker"].upper())
    _sk_head(doc, judul.upper(), c["nomor"], tentang)
    doc.center(judul.upper() + ",", "B", doc.size)
    doc.ln(3)
    doc.hang("Menimbang", _menimbang(ag["satker"], judul), lw=27)
    doc.hang("Mengingat", [(f"{i}.", t) for i, t in enumerate(MENGINGAT[1:], 1)], lw=27)
    doc.ln(1)
    doc.center("MEMUTUSKAN:", "B")
    doc.ln(1)
    doc.hang("Menetapkan", [("", f"KEPUTUSAN {judul.upper()} TENTANG PENUNJUKAN ADMIN AGENCY "
                                 "SISTEM PENGADAAN SECARA ELEKTRONIK.")], lw=27)
    dk = [f"Menunjuk pegawai yang namanya tercantum dalam Lampiran Keputusan ini sebagai Admin "
          f"Agency pada LPSE Provinsi Kalimantan Timur untuk {ag['satker']}.",
          "Admin Agency sebagaimana dimaksud dalam Diktum KESATU bertugas:\n"
          + "\n".join(f"{ABC[i]}. {t}" for i, t in enumerate(_tugas(ag["satker"], ag["short"]))),
          f"Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Dokumen "
          f"Pelaksanaan Anggaran (DPA) {ag['satker']} Tahun Anggaran {c['date'].year}.",
          c["validity_text"]]
    for i, t in enumerate(dk):
        doc.hang(DIKTUM[i], [("", t)], lw=27)
    doc.ln(3)
    _sk_sign(doc, c)
    _tembusan(doc, ["Gubernur Kalimantan Timur (sebagai laporan);",
                    "Kepala Biro Pengadaan Barang/Jasa Setda Prov. Kaltim;",
                    "Yang bersangkutan."])
    # lampiran
    doc.add_page()
    x = doc.w - doc.r_margin - 92
    doc.F("", 9.5)
    doc.set_x(x)
    doc.multi_cell(92, 4.6, f"LAMPIRAN\nKEPUTUSAN {judul.upper()}", align="L",
                   new_x="LMARGIN", new_y="NEXT")
    doc.kv([("NOMOR", c["nomor"]), ("TANGGAL", tgl(c["date"]).upper())], x=x, lw=22, cw=4,
           vw=66, gap=0)
    doc.ln(6)
    doc.center("DAFTAR ADMIN AGENCY SPSE\n" + ag["satker"].upper(), "B", 11)
    doc.ln(3)
    doc.F("", 8.5)
    hs = FontFace(emphasis="B", fill_color=(235, 235, 235))
    with doc.table(col_widths=(8, 40, 41, 24, 30, 22), line_height=4.4, padding=1.3,
                   text_align=("CENTER", "LEFT", "CENTER", "LEFT", "LEFT", "LEFT"),
                   headings_style=hs, v_align="MIDDLE") as t:
        row = t.row()
        for h in ("NO", "NAMA", "NIP", "PANGKAT/ GOL.", "JABATAN", "KEDUDUKAN"):
            row.cell(h, align="CENTER")
        for i, p in enumerate(c["people"], 1):
            nm, nip = _person_cell(p, c["nipstyle"], c.get("upper"))
            row = t.row()
            row.cell(f"{i}.")
            row.cell(nm)
            row.cell(nip, style=fitting(doc, nip if " " not in nip else None, doc.epw * 41 / 165))
            row.cell(f"{p['pangkat']} ({p['gol']})")
            row.cell(p["jabatan"])
            row.cell(p.get("role", "Admin Agency"))
    doc.ln(6)
    doc.set_x(doc.w - doc.r_margin - 82)
    sign_block(doc, doc.w - doc.r_margin - 82, [ag["head"].upper() + ","], c["signer"]["nama"],
               head_lines(c["signer"]), c["seed"] + 21, w=82)
    return doc


def sk_diktum_list(c) -> Doc:
    """Keputusan of a director, rector or head of a regional office: appointees listed inside
    Diktum KESATU as `Nama / NIP / Jabatan` blocks; a `Memperhatikan` clause cites a letter."""
    ag = c["ag"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 15, 22), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "band"), c["rng"])
    judul = ag["head"]
    _sk_head(doc, judul.upper(), c["nomor"], "PENUNJUKAN ADMIN AGENCY PADA LAYANAN PENGADAAN "
             "SECARA ELEKTRONIK\nTAHUN " + str(c["date"].year))
    doc.center(judul.upper() + ",", "B")
    doc.ln(3)
    doc.hang("Menimbang", [(m, t.replace("huruf a dan huruf b", "huruf a")) for m, (_, t) in
                           zip(("a.", "b."), _menimbang(ag["satker"], judul)[::2], strict=True)],
             lw=32)
    doc.hang("Mengingat", [(f"{i}.", t) for i, t in enumerate(MENGINGAT[2:], 1)], lw=32)
    doc.hang("Memperhatikan", [("", "Surat Kepala Biro Pengadaan Barang/Jasa Sekretariat "
                                    f"Daerah Provinsi Kalimantan Timur Nomor {c['ref_no']} "
                                    f"tanggal {tgl(c['ref_date'])} perihal Pemutakhiran Data "
                                    "Admin Agency.")], lw=32)
    doc.center("MEMUTUSKAN:", "B")
    doc.hang("Menetapkan", [("", "KEPUTUSAN " + judul.upper() + " TENTANG PENUNJUKAN ADMIN "
                                 "AGENCY PADA LAYANAN PENGADAAN SECARA ELEKTRONIK.")], lw=32)
    y = doc.get_y()
    doc.set_xy(doc.l_margin, y)
    doc.cell(32, doc.lh, "KESATU")
    doc.cell(4, doc.lh, ":")
    doc.multi_cell(0, doc.lh, "Menunjuk:", new_x="LMARGIN", new_y="NEXT")
    x = doc.l_margin + 36
    for i, p in enumerate(c["people"], 1):
        nm, nip = _person_cell(p, c["nipstyle"], c.get("upper"))
        doc.ensure(26)
        y = doc.get_y()
        doc.set_xy(x, y)
        doc.cell(6, doc.lh, f"{i}.")
        doc.set_y(y)
        doc.kv([("Nama", nm), ("NIP", nip), ("Pangkat/Gol.", f"{p['pangkat']}, {p['gol']}"),
                ("Jabatan", p["jabatan"])], x=x + 6, lw=26, cw=4, gap=0)
        doc.ln(1)
    doc.set_x(x)
    doc.multi_cell(0, doc.lh, "sebagai Admin Agency pada Layanan Pengadaan Secara Elektronik "
                   f"(LPSE) Provinsi Kalimantan Timur untuk {ag['satker']}.", align="J",
                   new_x="LMARGIN", new_y="NEXT")
    doc.ln(1)
    doc.hang("KEDUA", [("", "Admin Agency sebagaimana dimaksud dalam Diktum KESATU "
                            "mempunyai tugas:\n" + "\n".join(
                                f"{i}. {t}" for i, t in enumerate(_tugas(ag["satker"],
                                                                         ag["short"]), 1)))],
             lw=32)
    doc.hang("KETIGA", [("", c["validity_text"])], lw=32)
    doc.ln(3)
    _sk_sign(doc, c)
    doc.F("", 9)
    doc.ensure(20)
    doc.cell(0, 4.4, "SALINAN Keputusan ini disampaikan kepada:", new_x="LMARGIN", new_y="NEXT")
    for i, t in enumerate(["Kepala LPSE Provinsi Kalimantan Timur;",
                           "Para pegawai yang bersangkutan untuk dilaksanakan."], 1):
        doc.cell(0, 4.4, f"{i}. {t}", new_x="LMARGIN", new_y="NEXT")
    return doc


def sk_sprin(c) -> Doc:
    """Surat Perintah (Polri/TNI style): Pertimbangan, Dasar, DIPERINTAHKAN, Kepada table with
    pangkat/NRP/NIP, Untuk, `Selesai.`; the signer has an NRP."""
    ag = c["ag"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 14, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, "polri", c["rng"])
    doc.image_bytes(logo_png(ag["key"], ag["kind"]), doc.w / 2 - 9, doc.get_y() - 4, w=18)
    doc.set_y(doc.get_y() + 17)
    doc.center("SURAT PERINTAH", "B", 12, underline=True)
    doc.center(f"Nomor: {c['nomor']}", "", 10.5)
    doc.ln(4)
    doc.hang("Pertimbangan", [("", "bahwa dalam rangka kelancaran pengadaan barang/jasa "
                                   f"secara elektronik di lingkungan {ag['satker']}, perlu "
                                   "dikeluarkan surat perintah.")], lw=30)
    doc.hang("Dasar", [("1.", MENGINGAT[2]), ("2.", MENGINGAT[3]),
                       ("3.", f"Surat Kepala Biro Pengadaan Barang/Jasa Setda Prov. Kaltim Nomor "
                              f"{c['ref_no']} tanggal {tgl(c['ref_date'])}.")], lw=30)
    doc.ln(1)
    doc.center("DIPERINTAHKAN", "B", 11)
    doc.ln(2)
    doc.F()
    y = doc.get_y()
    doc.cell(30, doc.lh, "Kepada")
    doc.cell(4, doc.lh, ":")
    doc.set_y(y + doc.lh + 1)
    doc.F("", 9)
    hs = FontFace(emphasis="B", fill_color=(240, 240, 240))
    with doc.table(col_widths=(8, 40, 48, 44, 22), line_height=4.6, padding=1.3,
                   text_align=("CENTER", "LEFT", "LEFT", "LEFT", "LEFT"), headings_style=hs,
                   v_align="MIDDLE") as t:
        row = t.row()
        for h in ("NO", "NAMA", "PANGKAT/NRP/NIP", "JABATAN", "KET"):
            row.cell(h, align="CENTER")
        for i, p in enumerate(c["people"], 1):
            row = t.row()
            row.cell(f"{i}.")
            row.cell(p["nama"].upper() if c.get("upper") else p["nama"])
            if p.get("nip"):
                nip = nip_fmt(p["nip"], c["nipstyle"])
                row.cell(f"{p['pangkat'].upper()} {p['gol']}\nNIP {nip}")
            else:
                row.cell(f"{p['pangkat'].upper()}\nNRP {p['nrp']}")
            row.cell(p["jabatan"])
            row.cell(p.get("role", "Admin Agency"))
    doc.ln(3)
    doc.F()
    doc.hang("Untuk", [("1.", "melaksanakan tugas sebagai Admin Agency SPSE LPSE Provinsi "
                              f"Kalimantan Timur untuk {ag['satker']};"),
                       ("2.", "mendaftarkan dan memverifikasi pengguna SPSE di lingkungan "
                              "satuan kerja;"),
                       ("3.", c["validity_text"]),
                       ("4.", "melaksanakan perintah ini dengan saksama dan penuh rasa "
                              "tanggung jawab.")], lw=30)
    doc.ln(1)
    doc.F("B")
    doc.cell(0, doc.lh, "Selesai.", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    x = doc.w - doc.r_margin - 85
    doc.kv([("Dikeluarkan di", c["city"]), ("pada tanggal", tgl(c["date"]))], x=x, lw=30,
           vw=50, gap=0)
    doc.line(x, doc.get_y() + .5, x + 85, doc.get_y() + .5)
    doc.ln(2)
    s = c["signer"]
    sign_block(doc, x, [c["signer_jab"]], s["nama"].upper(), [f"{s['rank_line']} NRP {s['nrp']}"],
               c["seed"] + 22, stamp=agency_stamp(ag), w=85, align="C", underline=False)
    _tembusan(doc, [f"{c['atasan_jab']}.", "Kepala LPSE Provinsi Kalimantan Timur."])
    return doc


def sk_penunjukan_ybt(c) -> Doc:
    """SURAT PENUNJUKAN: the signer's name and NIP printed first (`Yang bertanda tangan`), then
    the person appointed."""
    ag, s = c["ag"], c["signer"]
    p = c["people"][0]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 16, 22), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), c["rng"])
    doc.center("SURAT PENUNJUKAN", "B", 12.5, underline=True)
    doc.center(f"Nomor : {c['nomor']}", "", doc.size)
    doc.ln(5)
    doc.para("Yang bertanda tangan di bawah ini:")
    doc.kv([("Nama", s["nama"]), ("NIP", nip_fmt(s["nip"], "spaced")),
            ("Pangkat/Gol. Ruang", f"{s['pangkat']} ({s['gol']})"), ("Jabatan", ag["head"])],
           x=doc.l_margin + 8, lw=42)
    doc.ln(2)
    doc.para("dengan ini menunjuk:")
    nm, nip = _person_cell(p, c["nipstyle"], c.get("upper"))
    doc.kv([("Nama", nm), ("NIP", nip), ("Pangkat/Gol. Ruang", f"{p['pangkat']} ({p['gol']})"),
            ("Jabatan", p["jabatan"]), ("Unit Kerja", ag["satker"])], x=doc.l_margin + 8,
           lw=42)
    doc.ln(2)
    doc.para("untuk melaksanakan tugas sebagai Admin Agency pada Sistem Pengadaan Secara "
             f"Elektronik (SPSE) LPSE Provinsi Kalimantan Timur di lingkungan {ag['satker']}, "
             "dengan tugas sebagai berikut:")
    for i, t in enumerate(_tugas(ag["satker"], ag["short"]), 1):
        doc.set_x(doc.l_margin + 8)
        doc.cell(6, doc.lh, f"{i}.")
        doc.multi_cell(0, doc.lh, t, align="J", new_x="LMARGIN", new_y="NEXT")
    doc.ln(1.5)
    doc.para(c["validity_text"])
    doc.para("Demikian surat penunjukan ini dibuat untuk dilaksanakan dengan penuh tanggung "
             "jawab.")
    doc.ln(3)
    sign_block(doc, doc.w - doc.r_margin - 80, [f"{c['city']}, {tgl(c['date'])}",
                                                c.get("signer_prefix", "") + ag["short"] + ","],
               s["nama"], head_lines(s), c["seed"] + 23, w=80, stamp=agency_stamp(ag))
    return doc


def sk_perubahan(c) -> Doc:
    """Keputusan amending an earlier one: `Semula | Menjadi` table; the outgoing admin's name
    and NIP also in Menimbang."""
    ag = c["ag"]
    old, new = c["old"], c["people"][0]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), c["rng"])
    judul = ag["head"] + " " + c["wilayah"]
    _sk_head(doc, judul.upper(), c["nomor"],
             f"PERUBAHAN ATAS KEPUTUSAN {judul.upper()}\nNOMOR {c['old_no']}\nTENTANG "
             "PENUNJUKAN ADMIN AGENCY SISTEM PENGADAAN SECARA ELEKTRONIK")
    doc.center(judul.upper() + ",", "B")
    doc.ln(2)
    doc.hang("Menimbang", [
        ("a.", f"bahwa Saudara {old['nama']}, NIP {nip_fmt(old['nip'], 'spaced')}, yang ditunjuk "
               f"sebagai Admin Agency berdasarkan Keputusan {judul} Nomor {c['old_no']}, telah "
               "dimutasi ke unit kerja lain;"),
        ("b.", "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu "
               f"menetapkan Keputusan {judul} tentang Perubahan atas Keputusan tersebut;")],
             lw=27)
    doc.hang("Mengingat", [(f"{i}.", t) for i, t in enumerate(MENGINGAT[2:4], 1)]
             + [("3.", f"Keputusan {judul} Nomor {c['old_no']};")], lw=27)
    doc.center("MEMUTUSKAN:", "B")
    doc.hang("Menetapkan", [("", f"KEPUTUSAN {judul.upper()} TENTANG PERUBAHAN ATAS KEPUTUSAN "
                                 f"{judul.upper()} NOMOR {c['old_no']}.")], lw=27)
    doc.hang("KESATU", [("", "Mengubah Lampiran Keputusan sebagaimana dimaksud, sehingga Admin "
                             "Agency menjadi sebagaimana tercantum pada kolom \"Menjadi\" tabel "
                             "berikut:")], lw=27)
    doc.F("", doc.size - 1)
    hs = FontFace(emphasis="B", fill_color=(235, 235, 235))
    nm, nip = _person_cell(new, c["nipstyle"], c.get("upper"))
    with doc.table(col_widths=(10, 75, 75), line_height=5, padding=1.5, headings_style=hs,
                   text_align=("CENTER", "LEFT", "LEFT"), width=doc.epw - 31, align="RIGHT",
                   v_align="TOP") as t:
        row = t.row()
        row.cell("No")
        row.cell("Semula")
        row.cell("Menjadi")
        row = t.row()
        row.cell("1.")
        row.cell(f"Nama : {old['nama']}\nNIP : {nip_fmt(old['nip'], c['nipstyle'])}\n"
                 f"Jabatan : {old['jabatan']}")
        row.cell(f"Nama : {nm}\nNIP : {nip}\nJabatan : {new['jabatan']}")
    doc.ln(2)
    doc.F()
    doc.hang("KEDUA", [("", f"Hal-hal lain dalam Keputusan {judul} Nomor {c['old_no']} "
                            "dinyatakan tetap berlaku.")], lw=27)
    doc.hang("KETIGA", [("", c["validity_text"])], lw=27)
    doc.ln(2)
    _sk_sign(doc, c)
    return doc


def sk_kepala_daerah(c) -> Doc:
    """Keputusan Bupati/Wali Kota/Gubernur; the signer has no NIP; landscape lampiran with many
    appointees, name and NIP on two lines of one cell, names upper case with titles; a
    `Salinan sesuai dengan aslinya` block with another NIP."""
    ag, s = c["ag"], c["signer"]
    kd = ag["kepala"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 14, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, "daerah", c["rng"])
    tentang = ("PENETAPAN ADMIN AGENCY LAYANAN PENGADAAN SECARA ELEKTRONIK\nPADA PERANGKAT "
               "DAERAH DI LINGKUNGAN " + ag["instansi"].upper())
    _sk_head(doc, kd, c["nomor"], tentang)
    doc.center(kd + ",", "B")
    doc.ln(2)
    doc.hang("Menimbang", _menimbang("Perangkat Daerah", kd.title()), lw=27)
    doc.hang("Mengingat", [(f"{i}.", t) for i, t in enumerate(MENGINGAT, 1)], lw=27)
    doc.center("MEMUTUSKAN:", "B")
    doc.hang("Menetapkan", [("", f"KEPUTUSAN {kd} TENTANG PENETAPAN ADMIN AGENCY LAYANAN "
                                 "PENGADAAN SECARA ELEKTRONIK PADA PERANGKAT DAERAH.")], lw=27)
    dk = ["Menetapkan Admin Agency pada Perangkat Daerah dengan susunan sebagaimana tercantum "
          "dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
          "Admin Agency sebagaimana dimaksud dalam Diktum KESATU bertugas mendaftarkan dan "
          "memverifikasi pengguna SPSE pada Perangkat Daerah masing-masing.",
          "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Anggaran "
          f"Pendapatan dan Belanja Daerah Tahun Anggaran {c['date'].year}.", c["validity_text"]]
    for i, t in enumerate(dk):
        doc.hang(DIKTUM[i], [("", t)], lw=27)
    doc.ln(2)
    x = doc.w - doc.r_margin - 80
    doc.ensure(70)
    doc.kv([("Ditetapkan di", c["city"]), ("pada tanggal", tgl(c["date"]))], x=x, lw=30, vw=46,
           gap=0)
    doc.line(x, doc.get_y() + .5, x + 80, doc.get_y() + .5)
    doc.ln(2)
    sign_block(doc, x, [kd + ","], s["nama"].upper(), [], c["seed"] + 24,
               stamp=agency_stamp(ag), w=80, align="C", underline=False)
    sal = c["salinan"]
    doc.F("", 9)
    y = doc.get_y()
    doc.set_xy(doc.l_margin, y)
    doc.multi_cell(80, 4.3, "Salinan sesuai dengan aslinya\nKEPALA BAGIAN HUKUM,", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    doc.ln(10)
    doc.F("BU", 9)
    doc.cell(80, 4.3, sal["nama"], align="C", new_x="LMARGIN", new_y="NEXT")
    doc.F("", 9)
    doc.cell(80, 4.3, f"{sal['pangkat']} ({sal['gol']})", align="C", new_x="LMARGIN",
             new_y="NEXT")
    doc.cell(80, 4.3, "NIP " + nip_fmt(sal["nip"], "spaced"), align="C", new_x="LMARGIN",
             new_y="NEXT")
    # landscape lampiran
    doc.add_page(orientation="L")
    doc.F("", 9)
    x = doc.w - doc.r_margin - 100
    doc.set_x(x)
    doc.multi_cell(100, 4.3, f"LAMPIRAN\nKEPUTUSAN {kd}\nNOMOR {c['nomor']}\nTANGGAL "
                   f"{tgl(c['date']).upper()}", align="L", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.center("SUSUNAN ADMIN AGENCY PADA PERANGKAT DAERAH", "B", 11)
    doc.ln(2)
    doc.F("", 8.5)
    hs = FontFace(emphasis="B", fill_color=(225, 225, 225))
    with doc.table(col_widths=(9, 62, 16, 58, 66, 30), line_height=4.3, padding=1.2,
                   text_align=("CENTER", "LEFT", "CENTER", "LEFT", "LEFT", "CENTER"),
                   headings_style=hs, v_align="MIDDLE", repeat_headings=1) as t:
        row = t.row()
        for h in ("NO", "NAMA / NIP", "GOL.", "JABATAN", "PERANGKAT DAERAH", "PERAN"):
            row.cell(h, align="CENTER")
        for i, p in enumerate(c["people"], 1):
            nm, nip = _person_cell(p, c["nipstyle"], c.get("upper"))
            row = t.row()
            row.cell(f"{i}.")
            row.cell(f"{nm}\nNIP. {nip}")
            row.cell(p["gol"])
            row.cell(p["jabatan"])
            row.cell(p.get("unit", ag["satker"]))
            row.cell(p.get("role", "Admin Agency"))
    doc.ln(5)
    x = doc.w - doc.r_margin - 80
    sign_block(doc, x, [kd + ","], s["nama"].upper(), [], c["seed"] + 25, w=80, align="C",
               underline=False)
    return doc


# =========================================================================================
# COVER LETTERS (surat_permohonan)
# =========================================================================================
def _yth(doc, c, x=None, w=None, prefix="Yth.", di=True, kepada=False):
    x = doc.l_margin if x is None else x
    w = w or 90
    if kepada:
        doc.set_x(x)
        doc.cell(w, doc.lh, "Kepada", new_x="LEFT", new_y="NEXT")
    lines = c["tujuan_lines"]
    for i, t in enumerate(lines):
        doc.set_x(x)
        if i == 0:
            doc.cell(10, doc.lh, prefix)
        else:
            doc.cell(10, doc.lh, "")
        doc.multi_cell(w - 10, doc.lh, t, align="L", new_x="LEFT", new_y="NEXT")
        doc.set_x(x)
    if di:
        doc.set_x(x + 10)
        doc.cell(w, doc.lh, "di -", new_x="LEFT", new_y="NEXT")
        doc.set_x(x + 18)
        doc.cell(w, doc.lh, c["tujuan_kota"], new_x="LMARGIN", new_y="NEXT")


def _lampiran_list(c):
    return ["Formulir Permohonan Akun Admin Agency (1 lembar);",
            f"{c['sk_title']} Nomor {c['sk_no']} (1 berkas);",
            "Fotokopi Kartu Tanda Penduduk dan Pakta Integritas."]


def _letter_sign(doc, c, x=None, w=82.0, align="L"):
    x = doc.w - doc.r_margin - w if x is None else x
    s = c["signer"]
    top = c["sign_top"]
    below = head_lines(s) if s.get("nip") else [f"{s['rank_line']} NRP {s['nrp']}"]
    sign_block(doc, x, top, s["nama"], below, c["seed"] + 30, stamp=agency_stamp(c["ag"]), w=w,
               align=align)


def letter_tnd_kanan(c) -> Doc:
    """Tata Naskah Dinas: date top right, Nomor/Sifat/Lampiran/Hal left, Yth. block below, the
    person inline in the text."""
    ag, p = c["ag"], c["person"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), c["rng"])
    doc.cell(0, doc.lh, f"{c['city']}, {tgl(c['date'])}", align="R", new_x="LMARGIN",
             new_y="NEXT")
    doc.ln(2)
    doc.kv([("Nomor", c["nomor"]), ("Sifat", c.get("sifat", "Biasa")),
            ("Lampiran", c.get("lampiran", "1 (satu) berkas")), ("Hal", c["hal"])], lw=22,
           cw=4, vw=95, gap=0)
    doc.ln(5)
    _yth(doc, c, w=95)
    doc.ln(5)
    nip = f", NIP {nip_fmt(p['nip'], c['nipstyle'])}" if p.get("nip") else ""
    doc.para(f"Sehubungan dengan pengelolaan pengguna Sistem Pengadaan Secara Elektronik (SPSE) "
             f"di lingkungan {ag['satker']}, bersama ini kami mengajukan permohonan pembuatan "
             f"akun Admin Agency atas nama Saudara {p['nama']}{nip}, {p['jabatan']} pada "
             f"{ag['satker']}.", x=doc.l_margin)
    doc.para("Sebagai bahan pertimbangan, bersama ini kami lampirkan:")
    for i, t in enumerate(_lampiran_list(c), 1):
        doc.set_x(doc.l_margin + 6)
        doc.cell(6, doc.lh, f"{i}.")
        doc.multi_cell(0, doc.lh, t, align="L", new_x="LMARGIN", new_y="NEXT")
    doc.ln(1.5)
    doc.para("Demikian disampaikan, atas perhatian dan kerja sama Bapak/Ibu kami ucapkan terima "
             "kasih.")
    doc.ln(3)
    _letter_sign(doc, c)
    if c.get("tembusan"):
        _tembusan(doc, c["tembusan"])
    return doc


def letter_header_2col(c) -> Doc:
    """Nomor/Lampiran/Perihal on the left and `Kepada Yth.` on the right at the same height;
    the person as an indented list with phone and email."""
    ag, p = c["ag"], c["person"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "left"), c["rng"])
    y = doc.get_y()
    xr = doc.l_margin + 95
    doc.set_xy(xr, y)
    doc.cell(0, doc.lh, f"{c['city']}, {tgl(c['date'])}", new_x="LEFT", new_y="NEXT")
    doc.ln(3)
    _yth(doc, c, x=xr, w=doc.w - doc.r_margin - xr, kepada=True)
    yr = doc.get_y()
    doc.set_y(y + 2 * doc.lh + 3)
    doc.kv([("Nomor", c["nomor"]), ("Lampiran", c.get("lampiran", "1 (satu) berkas")),
            ("Perihal", c["hal"])], lw=20, cw=3, vw=68, gap=0)
    doc.set_y(max(doc.get_y(), yr) + 6)
    doc.para("Dengan hormat,")
    doc.para("Dalam rangka pelaksanaan pengadaan barang/jasa secara elektronik, dengan ini kami "
             "mengusulkan pegawai sebagai berikut untuk didaftarkan sebagai Admin Agency pada "
             "SPSE LPSE Provinsi Kalimantan Timur:")
    rows = [("Nama", p["nama"])]
    if p.get("nip"):
        rows.append(("NIP", nip_fmt(p["nip"], c["nipstyle"])))
    rows += [("Pangkat/Gol.", f"{p['pangkat']} ({p['gol']})"), ("Jabatan", p["jabatan"])]
    if c.get("contact"):
        rows += [("No. HP", c["contact"][1]), ("Email", c["contact"][0])]
    doc.kv(rows, x=doc.l_margin + 10, lw=32)
    doc.ln(1)
    doc.para(f"Surat penunjukan yang bersangkutan ({c['sk_title']} Nomor {c['sk_no']}) dan "
             "formulir permohonan kami lampirkan bersama surat ini.")
    doc.para("Demikian kami sampaikan, atas perhatiannya diucapkan terima kasih.")
    doc.ln(2)
    _letter_sign(doc, c)
    return doc


def letter_numbered(c) -> Doc:
    """Regional office of a ministry: number like W.17-UM.01.01-xxx, numbered body points, the
    person inside point 2, Tembusan."""
    ag, p = c["ag"], c["person"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), c["rng"])
    y = doc.get_y()
    doc.kv([("Nomor", c["nomor"]), ("Sifat", c.get("sifat", "Segera")),
            ("Lampiran", c.get("lampiran", "Satu berkas")), ("Hal", c["hal"])], lw=20, cw=3,
           vw=80, gap=0)
    y2 = doc.get_y()
    doc.set_xy(doc.w - doc.r_margin - 50, y)
    doc.cell(50, doc.lh, tgl(c["date"]), align="R")
    doc.set_y(y2 + 5)
    _yth(doc, c, w=100, di=False)
    doc.set_x(doc.l_margin + 10)
    doc.multi_cell(90, doc.lh, c.get("tujuan_addr", LPSE_ADDR), align="L", new_x="LMARGIN",
                   new_y="NEXT")
    doc.ln(5)
    nip = f" NIP {nip_fmt(p['nip'], c['nipstyle'])}" if p.get("nip") else ""
    pts = [f"Berdasarkan Peraturan Presiden Nomor 16 Tahun 2018 sebagaimana telah diubah dengan "
           f"Peraturan Presiden Nomor 12 Tahun 2021, pengadaan barang/jasa di lingkungan "
           f"{ag['satker']} dilaksanakan secara elektronik melalui SPSE.",
           f"Sehubungan dengan hal tersebut, kami mengusulkan Saudara {p['nama']}{nip}, "
           f"jabatan {p['jabatan']}, untuk dibuatkan akun Admin Agency pada LPSE Provinsi "
           f"Kalimantan Timur.",
           f"Sebagai kelengkapan, bersama ini kami sampaikan formulir permohonan dan "
           f"{c['sk_title']} Nomor {c['sk_no']}.",
           "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."]
    for i, t in enumerate(pts, 1):
        doc.cell(7, doc.lh, f"{i}.")
        doc.multi_cell(0, doc.lh, t, align="J", new_x="LMARGIN", new_y="NEXT")
        doc.ln(1.2)
    doc.ln(3)
    _letter_sign(doc, c)
    _tembusan(doc, c.get("tembusan") or ["Sekretaris Jenderal (sebagai laporan);",
                                          "Kepala Bagian Umum."])
    return doc


def letter_cq_box(c) -> Doc:
    """`Yth.` block on the left (often with c.q.), `Hal` bold underlined, the person in a
    bordered two-column box."""
    ag, p = c["ag"], c["person"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), c["rng"])
    y = doc.get_y()
    doc.kv([("Nomor", c["nomor"]), ("Sifat", c.get("sifat", "Penting")),
            ("Lampiran", c.get("lampiran", "3 (tiga) lembar"))], lw=20, cw=3, vw=82, gap=0)
    doc.F("B")
    doc.cell(20, doc.lh, "Hal")
    doc.cell(3, doc.lh, ":")
    doc.F("BU")
    doc.multi_cell(70, doc.lh, c["hal"], align="L", new_x="LMARGIN", new_y="NEXT")
    doc.F()
    y2 = doc.get_y()
    doc.set_xy(doc.w - doc.r_margin - 60, y)
    doc.cell(60, doc.lh, f"{c['city']}, {tgl(c['date'])}", align="R")
    doc.set_y(y2 + 5)
    _yth(doc, c, w=100, kepada=True)
    doc.ln(5)
    doc.para(c.get("opening", "Dengan hormat, bersama ini kami sampaikan permohonan pembuatan "
             "akun Admin Agency pada Sistem Pengadaan Secara Elektronik (SPSE) bagi pegawai "
             "kami dengan data sebagai berikut:"))
    doc.F("", doc.size - .5)
    rows = [("Nama", p["nama"])]
    if p.get("nip"):
        rows.append(("NIP", nip_fmt(p["nip"], c["nipstyle"])))
    rows += [("Jabatan", p["jabatan"]), ("Unit Kerja", ag["satker"])]
    if c.get("contact"):
        rows.append(("Email / HP", f"{c['contact'][0]} / {c['contact'][1]}"))
    with doc.table(col_widths=(35, 115), first_row_as_headings=False, line_height=5.2,
                   padding=1.6, text_align=("LEFT", "LEFT"), width=150) as t:
        for k, val in rows:
            row = t.row()
            row.cell(k, style=FontFace(emphasis="B"))
            row.cell(val)
    doc.ln(3)
    doc.F()
    doc.para(f"Penunjukan yang bersangkutan ditetapkan dengan {c['sk_title']} Nomor "
             f"{c['sk_no']}, terlampir.")
    doc.para("Demikian permohonan ini, atas perkenan Bapak/Ibu diucapkan terima kasih.")
    doc.ln(3)
    _letter_sign(doc, c)
    if c.get("tembusan"):
        _tembusan(doc, c["tembusan"])
    return doc


def letter_pengantar(c) -> Doc:
    """SURAT PENGANTAR: the documents sent in a ruled table, sender and (blank) receiver blocks."""
    ag, p = c["ag"], c["person"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(22, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "left"), c["rng"])
    y = doc.get_y()
    xr = doc.w - doc.r_margin - 85
    doc.set_xy(xr, y)
    doc.cell(85, doc.lh, f"{c['city']}, {tgl(c['date'])}", new_x="LEFT", new_y="NEXT")
    doc.ln(2)
    _yth(doc, c, x=xr, w=85, kepada=True)
    doc.ln(6)
    doc.center("SURAT PENGANTAR", "BU", 12)
    doc.center(f"Nomor : {c['nomor']}", "", doc.size)
    doc.ln(4)
    doc.F("", doc.size - .5)
    hs = FontFace(emphasis="B", fill_color=(230, 230, 230))
    with doc.table(col_widths=(10, 82, 28, 46), line_height=5, padding=1.5, headings_style=hs,
                   text_align=("CENTER", "LEFT", "CENTER", "LEFT"), v_align="MIDDLE") as t:
        row = t.row()
        for h in ("No.", "Naskah Dinas / Barang yang Dikirimkan", "Banyaknya", "Keterangan"):
            row.cell(h, align="CENTER")
        rows = [(f"Permohonan pembuatan akun Admin Agency SPSE a.n. {p['nama']}", "1 (satu) "
                 "berkas", "Dikirim dengan hormat untuk diproses lebih lanjut."),
                ("Formulir Permohonan Akun Admin Agency", "1 (satu) lembar", "Asli"),
                (f"{c['sk_title']} Nomor {c['sk_no']}", "1 (satu) berkas",
                 "Fotokopi sesuai aslinya")]
        for i, (a, b, k) in enumerate(rows, 1):
            row = t.row()
            row.cell(f"{i}.")
            row.cell(a)
            row.cell(b)
            row.cell(k)
    doc.ln(8)
    y = doc.get_y()
    doc.F()
    doc.set_xy(doc.l_margin, y)
    doc.multi_cell(75, doc.lh, "Diterima tanggal : ..................\nPenerima,", align="L",
                   new_x="LMARGIN", new_y="NEXT")
    doc.ln(16)
    doc.cell(75, doc.lh, "( ...................................... )", new_x="LMARGIN",
             new_y="NEXT")
    doc.cell(75, doc.lh, "NIP.", new_x="LMARGIN", new_y="NEXT")
    doc.set_y(y)
    _letter_sign(doc, c, w=85)
    return doc


def letter_footer_table(c) -> Doc:
    """Letter with the number and subject above the date line, the person in a header-row table,
    contact details in the page footer (decoys)."""
    ag, p = c["ag"], c["person"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(24, 15, 20), created=c["date"])
    doc.add_page()
    kop(doc, ag, "band", c["rng"])
    y = doc.get_y()
    doc.kv([("Nomor", c["nomor"]), ("Hal", c["hal"])], lw=16, cw=3, vw=85, gap=0)
    y2 = doc.get_y()
    doc.set_xy(doc.w - doc.r_margin - 55, y)
    doc.cell(55, doc.lh, tgl(c["date"]), align="R")
    doc.set_y(y2 + 6)
    _yth(doc, c, w=110, di=False)
    doc.set_x(doc.l_margin + 10)
    doc.cell(0, doc.lh, c.get("tujuan_addr", LPSE_ADDR), new_x="LMARGIN", new_y="NEXT")
    doc.ln(6)
    doc.para("Dengan hormat, kami mengajukan permohonan pembuatan akun Admin Agency pada Sistem "
             f"Pengadaan Secara Elektronik untuk {ag['satker']}. Pegawai yang kami usulkan "
             "adalah sebagai berikut:")
    doc.F("", doc.size - 1.5)
    hs = FontFace(emphasis="B", fill_color=(246, 236, 208))
    nip = nip_fmt(p["nip"], c["nipstyle"]) if p.get("nip") else "-"
    with doc.table(col_widths=(8, 46, 46, 57), line_height=5, padding=1.5, headings_style=hs,
                   text_align=("CENTER", "LEFT", "CENTER", "LEFT"), v_align="MIDDLE") as t:
        row = t.row()
        for h in ("No", "Nama", "NIP", "Jabatan / Unit Kerja"):
            row.cell(h, align="CENTER")
        row = t.row()
        row.cell("1")
        row.cell(p["nama"])
        row.cell(nip, style=fitting(doc, nip if " " not in nip else None, doc.epw * 46 / 157))
        row.cell(f"{p['jabatan']} / {ag['satker']}")
    doc.ln(3)
    doc.F()
    doc.para(f"Dasar penunjukan: {c['sk_title']} Nomor {c['sk_no']}. Formulir permohonan yang "
             "telah ditandatangani kami lampirkan.")
    doc.para("Atas perhatian dan kerja sama yang baik, kami ucapkan terima kasih.")
    doc.ln(3)
    _letter_sign(doc, c)
    if c.get("tembusan"):
        _tembusan(doc, c["tembusan"])
    return doc


# =========================================================================================
# EXTRA PAGES (lainnya)
# =========================================================================================
def x_pakta(c) -> Doc:
    ag, p = c["ag"], c["person"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 20, 22), created=c["date"])
    doc.add_page()
    doc.center("PAKTA INTEGRITAS", "B", 14)
    doc.ln(6)
    doc.para("Saya yang bertanda tangan di bawah ini:")
    doc.kv([("Nama", p["nama"]), ("NIP", nip_fmt(p["nip"], "spaced")),
            ("Jabatan", p["jabatan"]), ("Instansi", f"{ag['satker']} {ag['instansi']}")],
           x=doc.l_margin + 6, lw=30)
    doc.ln(2)
    doc.para("dalam rangka pelaksanaan tugas sebagai Admin Agency pada SPSE, dengan ini "
             "menyatakan bahwa saya:")
    for i, t in enumerate([
            "tidak akan melakukan praktik Korupsi, Kolusi, dan Nepotisme;",
            "akan menjaga kerahasiaan nama pengguna dan kata sandi akun yang diberikan;",
            "tidak akan meminjamkan akun kepada pihak lain dalam bentuk apa pun;",
            "apabila melanggar hal-hal tersebut di atas, bersedia menerima sanksi sesuai "
            "ketentuan peraturan perundang-undangan."], 1):
        doc.set_x(doc.l_margin + 6)
        doc.cell(7, doc.lh, f"{i}.")
        doc.multi_cell(0, doc.lh, t, align="J", new_x="LMARGIN", new_y="NEXT")
    doc.ln(6)
    x = doc.w - doc.r_margin - 75
    y = doc.get_y()
    doc.set_xy(x, y)
    doc.cell(75, doc.lh, f"{ag['city']}, {tgl(c['date'])}", new_x="LEFT", new_y="NEXT")
    doc.cell(75, doc.lh, "Yang membuat pernyataan,", new_x="LEFT", new_y="NEXT")
    doc.set_draw_color(120, 120, 120)
    doc.rect(x + 2, doc.get_y() + 3, 26, 15)
    doc.F("", 6.5)
    doc.set_xy(x + 3, doc.get_y() + 8)
    doc.cell(24, 3, "METERAI 10000", align="C")
    doc.image_bytes(sig_png(c["seed"] + 40), x + 16, y + 12, w=40)
    doc.set_xy(x, y + 34)
    doc.F("BU")
    doc.cell(75, doc.lh, p["nama"], new_x="LEFT", new_y="NEXT")
    doc.F()
    doc.cell(75, doc.lh, "NIP. " + nip_fmt(p["nip"], "spaced"), new_x="LMARGIN", new_y="NEXT")
    return doc


def x_pernyataan(c) -> Doc:
    ag, p = c["ag"], c["person"]
    doc = Doc(c["fam"], c["size"], c["paper"], margins=(25, 15, 22), created=c["date"])
    doc.add_page()
    kop(doc, ag, c.get("kop", "center"), c["rng"])
    doc.center("SURAT PERNYATAAN KESANGGUPAN", "BU", 12)
    doc.ln(5)
    doc.para("Yang bertanda tangan di bawah ini:")
    doc.kv([("Nama", p["nama"]), ("NIP", nip_fmt(p["nip"], "spaced")),
            ("Jabatan", p["jabatan"])], x=doc.l_margin + 6, lw=30)
    doc.para("menyatakan sanggup mengikuti pelatihan Admin Agency yang diselenggarakan oleh LPSE "
             "Provinsi Kalimantan Timur, dan memahami bahwa akun baru diaktifkan setelah "
             "pelatihan diikuti.")
    doc.ln(6)
    sign_block(doc, doc.w - doc.r_margin - 75, [f"{ag['city']}, {tgl(c['date'])}",
                                                "Yang menyatakan,"], p["nama"],
               ["NIP. " + nip_fmt(p["nip"], "spaced")], c["seed"] + 41, w=75)
    return doc


def x_ktp(c) -> Doc:
    doc = Doc("lsans", 10, "A4", margins=(25, 20, 20), created=c["date"])
    doc.add_page()
    doc.F("B", 11)
    doc.cell(0, 6, "FOTOKOPI KARTU TANDA PENDUDUK", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(6)
    doc.image_bytes(ktp_png(c["ktp"], c["seed"]), doc.w / 2 - 45, doc.get_y(), w=90)
    if c.get("ktp_text", True):
        doc.set_y(doc.get_y() + 62)
        doc.F("", 9)
        doc.cell(0, 5, f"NIK {c['ktp']['nik']} - {c['ktp']['nama']}", align="C",
                 new_x="LMARGIN", new_y="NEXT")
    return doc


def x_sertifikat(c) -> Doc:
    p = c["person"]
    doc = Doc("lserif", 12, "A4", orient="L", margins=(20, 18, 20), created=c["date"])
    doc.add_page()
    doc.set_draw_color(150, 110, 20)
    doc.set_line_width(1.5)
    doc.rect(10, 10, doc.w - 20, doc.h - 20)
    doc.set_line_width(.4)
    doc.rect(14, 14, doc.w - 28, doc.h - 28)
    doc.set_draw_color(0, 0, 0)
    doc.set_y(30)
    doc.center("SERTIFIKAT", "B", 30)
    doc.center(f"Nomor: {c['nomor']}", "", 11)
    doc.ln(8)
    doc.center("diberikan kepada", "I", 13)
    doc.ln(3)
    doc.center(p["nama"], "B", 22)
    doc.center("NIP " + nip_fmt(p["nip"], "spaced"), "", 12)
    doc.ln(6)
    doc.center("sebagai PESERTA\nBimbingan Teknis Admin Agency dan Verifikator SPSE versi 4.5\n"
               f"yang diselenggarakan oleh LPSE Provinsi Kalimantan Timur pada tanggal "
               f"{tgl(c['date'])}", "", 13)
    doc.ln(8)
    sign_block(doc, doc.w / 2 - 45, ["Kepala Biro Pengadaan Barang/Jasa", "Setda Prov. Kaltim,"],
               c["lpse_head"]["nama"], ["NIP. " + nip_fmt(c["lpse_head"]["nip"], "spaced")],
               c["seed"] + 42, w=90, align="C")
    return doc


def x_cover(c) -> Doc:
    ag = c["ag"]
    doc = Doc("lsans", 12, "A4", margins=(25, 40, 25), created=c["date"])
    doc.add_page()
    doc.set_y(70)
    doc.center("BERKAS PERMOHONAN\nAKUN ADMIN AGENCY SPSE", "B", 22)
    doc.ln(20)
    doc.image_bytes(logo_png(ag["key"], ag["kind"]), doc.w / 2 - 20, doc.get_y(), w=40)
    doc.set_y(doc.get_y() + 55)
    doc.center(ag["satker"].upper() + "\n" + ag["instansi"].upper(), "B", 14)
    doc.ln(6)
    doc.center(str(c["date"].year), "B", 14)
    return doc


def x_blank(c) -> Doc:
    doc = Doc("lsans", 10, c.get("paper", "A4"), created=c["date"])
    doc.add_page()
    return doc


LAYOUTS = {
    "fm_grid_duo": form_grid_duo, "fm_label_above": form_label_above, "fm_dotted": form_dotted,
    "fm_bilingual": form_bilingual, "fm_spaced": form_spaced, "fm_row_table": form_row_table,
    "fm_replacement": form_replacement, "fm_handfill": form_handfill,
    "sk_kadis_kolom": sk_kadis_kolom, "sk_diktum_list": sk_diktum_list, "sk_sprin": sk_sprin,
    "sk_penunjukan_ybt": sk_penunjukan_ybt, "sk_perubahan": sk_perubahan,
    "sk_kepala_daerah": sk_kepala_daerah,
    "lt_tnd_kanan": letter_tnd_kanan, "lt_header_2col": letter_header_2col,
    "lt_numbered": letter_numbered, "lt_cq_box": letter_cq_box, "lt_pengantar": letter_pengantar,
    "lt_footer_table": letter_footer_table,
    "x_pakta": x_pakta, "x_pernyataan": x_pernyataan, "x_ktp": x_ktp,
    "x_sertifikat": x_sertifikat, "x_cover": x_cover, "x_blank": x_blank,
}
