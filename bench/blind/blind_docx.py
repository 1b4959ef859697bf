"""Word (.docx) forms of the blind set."""

from __future__ import annotations

import io

from blind_assets import logo_png
from blind_common import tgl
from blind_pdf import nip_fmt
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor


def _border_bottom(par, sz=18):
    ppr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    b.set(qn("w:val"), "thickThinSmallGap")
    b.set(qn("w:sz"), str(sz))
    b.set(qn("w:space"), "1")
    b.set(qn("w:color"), "000000")
    bdr.append(b)
    ppr.append(bdr)


def _shade(cell, fill="D9E2F3"):
    tcpr = cell._tc.get_or_add_tcPr()
    sh = OxmlElement("w:shd")
    sh.set(qn("w:val"), "clear")
    sh.set(qn("w:color"), "auto")
    sh.set(qn("w:fill"), fill)
    tcpr.append(sh)


def _no_borders(table):
    tblpr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for e in ("top", "left", "bottom", "right", "insideH", "insideV"):
        x = OxmlElement(f"w:{e}")
        x.set(qn("w:val"), "nil")
        b.append(x)
    tblpr.append(b)


def _doc(font, size, f4=False):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = font
    st.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    st.font.size = Pt(size)
    st.paragraph_format.space_after = Pt(0)
    st.paragraph_format.line_spacing = 1.1
    s = d.sections[0]
    if f4:
        s.page_width, s.page_height = Cm(21.5), Cm(33)
    else:
        s.page_width, s.page_height = Cm(21), Cm(29.7)
    s.left_margin, s.right_margin = Cm(2.5), Cm(2)
    s.top_margin, s.bottom_margin = Cm(1.5), Cm(1.5)
    d.core_properties.author = "Subbag Umum"
    d.core_properties.title = "Formulir Admin Agency"
    return d


def _kop(d, ag):
    t = d.add_table(rows=1, cols=2)
    _no_borders(t)
    t.autofit = False
    c0, c1 = t.rows[0].cells
    c0.width, c1.width = Cm(2.6), Cm(13.9)
    c0.paragraphs[0].add_run().add_picture(io.BytesIO(logo_png(ag["key"], ag["kind"])),
                                           width=Cm(2.2))
    for i, line in enumerate(ag["kop"]):
        p = c1.paragraphs[0] if i == 0 else c1.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.bold = True
        r.font.size = Pt(12 if i == 0 else 14)
    for line in (ag["addr"], f"Telepon {ag['tel']}  Faksimile {ag['fax']}",
                 f"Pos-el {ag['mail']}  Laman {ag['web']}"):
        p = c1.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).font.size = Pt(8.5)
    p = d.add_paragraph()
    _border_bottom(p)
    d.add_paragraph()


def _sign_table(d, left, right):
    t = d.add_table(rows=1, cols=2)
    _no_borders(t)
    for cell, lines in zip(t.rows[0].cells, (left, right), strict=True):
        for i, (txt, bold) in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(txt)
            r.bold = bold
            if bold:
                r.underline = True


def form_docx_tabs(c) -> bytes:
    """Paragraphs with tab stops (`Label<TAB>:<TAB>value`), NIP before the name, no table."""
    v, ag, h = c["v"], c["ag"], c["head"]
    d = _doc(c.get("docx_font", "Bookman Old Style"), 11, c["paper"] == "F4")
    _kop(d, ag)
    for t, sz in (("FORMULIR PERMOHONAN", 13), ("AKUN ADMIN AGENCY SPSE", 12)):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(t)
        r.bold = True
        r.font.size = Pt(sz)
    d.add_paragraph()
    d.add_paragraph("Yang bertanda tangan di bawah ini, pegawai pada "
                    f"{ag['satker']}, mengajukan permohonan akun Admin Agency dengan data:")
    L = c["labels"]
    rows = [(L["nip"], v["nip"]), (L["nama"], v["nama"]),
            ("Pangkat/Golongan", c["pangkat_gol"]), (L["jabatan"], v["jabatan"]),
            (L["satuan_kerja"], v["satuan_kerja"]), (L["instansi"], v["instansi"]),
            (L["telepon"], v["telepon"]), (L["email"], v["email"])]
    for lab, val in rows:
        p = d.add_paragraph()
        pf = p.paragraph_format
        pf.left_indent = Cm(0.6)
        pf.tab_stops.add_tab_stop(Cm(5.4), WD_TAB_ALIGNMENT.LEFT)
        pf.tab_stops.add_tab_stop(Cm(5.9), WD_TAB_ALIGNMENT.LEFT)
        pf.space_after = Pt(3)
        p.add_run(f"{lab}\t:\t")
        if val:
            p.add_run(val)
    d.add_paragraph()
    d.add_paragraph("Saya bersedia mengikuti pelatihan Admin Agency, menjaga kerahasiaan akun, "
                    "dan melaksanakan tugas sesuai ketentuan LPSE Provinsi Kalimantan Timur.")
    d.add_paragraph()
    _sign_table(d, [("Mengetahui,", False), (ag["short"] + ",", False), ("", False),
                    ("", False), ("", False), (h["nama"], True),
                    (f"NIP. {nip_fmt(h['nip'], 'spaced')}", False)],
                [(f"{ag['city']}, {tgl(c['date'])}", False), ("Pemohon,", False), ("", False),
                 ("", False), ("", False), (v["nama"] or "", True),
                 (f"NIP. {v['nip'] or ''}", False)])
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def form_docx_grid4(c) -> bytes:
    """A 4-column table: merged section rows, two fields per row, checkbox statements."""
    v, ag, h = c["v"], c["ag"], c["head"]
    d = _doc(c.get("docx_font", "Arial"), 10.5, c["paper"] == "F4")
    _kop(d, ag)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("FORMULIR ISIAN PERMOHONAN AKUN ADMIN AGENCY")
    r.bold = True
    r.font.size = Pt(12)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("LPSE Provinsi Kalimantan Timur")
    r.italic = True
    d.add_paragraph()
    L = c["labels"]
    t = d.add_table(rows=0, cols=4)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Cm(3.4), Cm(5.2), Cm(2.9), Cm(5.0))

    def sec(title):
        cells = t.add_row().cells
        m = cells[0].merge(cells[3])
        m.text = ""
        rr = m.paragraphs[0].add_run(title)
        rr.bold = True
        _shade(m, "BDD7EE")

    def full(lab, val):
        cells = t.add_row().cells
        cells[0].text = lab
        _shade(cells[0], "F2F2F2")
        m = cells[1].merge(cells[3])
        m.text = val or ""

    def two(l1, v1, l2, v2):
        cells = t.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = l1, v1 or "", l2, v2 or ""
        _shade(cells[0], "F2F2F2")
        _shade(cells[2], "F2F2F2")

    sec("I.  IDENTITAS CALON ADMIN AGENCY")
    full(L["nama"], v["nama"])
    two(L["nip"], v["nip"], "Gol. Ruang", c["pangkat_gol"])
    full(L["jabatan"], v["jabatan"])
    sec("II.  INSTANSI")
    two(L["satuan_kerja"], v["satuan_kerja"], L["instansi"], v["instansi"])
    full("Alamat Kantor", f"{ag['addr']} - Telp. {ag['tel']}")
    sec("III.  KONTAK")
    two(L["email"], v["email"], L["telepon"], v["telepon"])
    sec("IV.  PERNYATAAN")
    for txt in ("Bersedia mengikuti pelatihan Admin Agency SPSE",
                "Bersedia menjaga kerahasiaan nama pengguna dan kata sandi",
                "Data yang diisikan adalah benar"):
        cells = t.add_row().cells
        m = cells[0].merge(cells[3])
        m.text = "\u2612  " + txt
    for row in t.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]
    d.add_paragraph()
    _sign_table(d, [("Mengetahui,", False), ("Pimpinan Instansi/Kepala Satker", False),
                    ("", False), ("", False), ("", False), (h["nama"], True),
                    (f"NIP {nip_fmt(h['nip'], 'spaced')}", False)],
                [(f"{ag['city']}, {tgl(c['date'])}", False), ("Calon Admin Agency,", False),
                 ("", False), ("", False), ("", False), (v["nama"] or "", True),
                 (f"NIP {v['nip'] or ''}", False)])
    p = d.add_paragraph()
    r = p.add_run("Catatan: formulir diserahkan bersama surat permohonan dan surat penunjukan.")
    r.italic = True
    r.font.size = Pt(8)
    r.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


DOCX_LAYOUTS = {"fm_docx_tabs": form_docx_tabs, "fm_docx_grid4": form_docx_grid4}
