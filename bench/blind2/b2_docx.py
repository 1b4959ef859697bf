"""blind2: Word documents (a form, a decree, a cover letter)."""

from __future__ import annotations

import datetime as dt
import io

from b2_common import Ctx, fmt_phone, tgl
from b2_forms import Doc, form_fields, nip_label
from b2_letters import (
    HAL,
    MENGINGAT_DAERAH,
    MENGINGAT_PUSAT,
    MENIMBANG,
    TUGAS,
    appointees,
    closing,
    ditunjuk,
    intro,
    letter_fields,
    letter_nomor,
    nipf,
    nm,
    signer,
    sk_nomor,
    sk_sig,
    tujuan_text,
    validity,
)
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor


def _new(font="Arial", size=11, margins=(25, 20, 20, 20)) -> Document:
    d = Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.left_margin, s.top_margin, s.right_margin, s.bottom_margin = [Mm(m) for m in margins]
    st = d.styles["Normal"]
    st.font.name = font
    st.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    st.font.size = Pt(size)
    st.paragraph_format.space_after = Pt(2)
    st.paragraph_format.space_before = Pt(0)
    cp = d.core_properties
    cp.author = "Admin"
    cp.created = dt.datetime(2026, 1, 5, 8, 0, 0)
    cp.modified = dt.datetime(2026, 1, 5, 8, 0, 0)
    cp.last_modified_by = "Admin"
    cp.revision = 1
    return d


def _p(
    d,
    text="",
    bold=False,
    align=None,
    size=None,
    italic=False,
    underline=False,
    indent_mm=None,
    space_after=None,
):
    p = d.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold, r.italic, r.underline = bold, italic, underline
        if size:
            r.font.size = Pt(size)
    if align == "C":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "R":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "J":
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent_mm is not None:
        p.paragraph_format.left_indent = Mm(indent_mm)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def _border_bottom(p, sz=18):
    pPr = p._p.get_or_add_pPr()
    b = OxmlElement("w:pBdr")
    e = OxmlElement("w:bottom")
    e.set(qn("w:val"), "thickThinSmallGap")
    e.set(qn("w:sz"), str(sz))
    e.set(qn("w:space"), "1")
    e.set(qn("w:color"), "000000")
    b.append(e)
    pPr.append(b)


def _shade(cell, hexcolor="E7E6E6"):
    tcPr = cell._tc.get_or_add_tcPr()
    sh = OxmlElement("w:shd")
    sh.set(qn("w:val"), "clear")
    sh.set(qn("w:color"), "auto")
    sh.set(qn("w:fill"), hexcolor)
    tcPr.append(sh)


def _no_borders(table):
    tbl = table._tbl
    tblPr = tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for k in ["top", "left", "bottom", "right", "insideH", "insideV"]:
        e = OxmlElement(f"w:{k}")
        e.set(qn("w:val"), "nil")
        b.append(e)
    tblPr.append(b)


def _widths(table, mm):
    for row in table.rows:
        for i, w in enumerate(mm):
            row.cells[i].width = Mm(w)


def _cell(cell, text, bold=False, italic=False, size=None, color=None):
    cell.text = ""
    p = cell.paragraphs[0]
    for k, line in enumerate(text.split("\n")):
        if k:
            p = cell.add_paragraph()
        r = p.add_run(line)
        r.bold, r.italic = bold, italic
        if size:
            r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor.from_string(color)


def _kop(d, ctx: Ctx):
    ag = ctx.ag
    for i, t in enumerate(ag["kop"]):
        _p(d, t, bold=True, align="C", size=13 if i == len(ag["kop"]) - 1 else 12, space_after=0)
    p = _p(
        d,
        f"{ag['address']}, {ag['city']} {ag['post']} \u2013 Telepon {ctx.phone_office} \u2013 "
        f"Pos-el {ag['email']}",
        align="C",
        size=8.5,
        space_after=6,
    )
    _border_bottom(p)


def _bytes(d) -> bytes:
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


# F7: form as Word, one small three-column table per section (label | value | hint)
def form_docx_bagian(ctx: Ctx) -> Doc:
    d = _new(font=ctx.extra.get("docx_font", "Arial"), size=10.5)
    _p(d, "FORMULIR PERMOHONAN AKUN ADMIN AGENCY", bold=True, align="C", size=13, space_after=0)
    _p(
        d,
        "LAYANAN PENGADAAN SECARA ELEKTRONIK PROVINSI KALIMANTAN TIMUR",
        bold=True,
        align="C",
        size=11,
        space_after=8,
    )
    secs = [
        (
            "BAGIAN 1 \u2013 DATA PEMOHON",
            [
                ("Nama Lengkap", ctx.v("nama"), "Sesuai SK penunjukan, lengkap dengan gelar"),
                (nip_label(ctx), ctx.v("nip"), "18 digit"),
                ("Pangkat/Golongan", ctx.v("pangkat"), ""),
                ("Jabatan", ctx.v("jabatan"), "Jabatan saat ini"),
            ],
        ),
        (
            "BAGIAN 2 \u2013 DATA INSTANSI",
            [
                ("Instansi", ctx.v("instansi"), "Kementerian/Lembaga/Pemerintah Daerah"),
                ("Satuan Kerja", ctx.v("satuan_kerja"), "Nama satker sebagaimana terdaftar"),
                ("Alamat Kantor", ctx.v("alamat"), ""),
            ],
        ),
        (
            "BAGIAN 3 \u2013 KONTAK",
            [
                ("Alamat Email", ctx.v("email"), "Email pribadi yang aktif, bukan email kantor"),
                ("Nomor HP", ctx.v("telepon"), "Nomor yang terhubung dengan WhatsApp"),
            ],
        ),
    ]
    for title, rows in secs:
        _p(d, title, bold=True, size=10.5, space_after=2)
        t = d.add_table(rows=0, cols=3)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for a, b, c in rows:
            cells = t.add_row().cells
            _cell(cells[0], a)
            _cell(cells[1], b, bold=True)
            _cell(cells[2], c, italic=True, size=8.5, color="666666")
            _shade(cells[0])
        _widths(t, [42, 78, 45])
        _p(d, "", space_after=4)
    _p(
        d,
        "Saya menyatakan bahwa data di atas benar dan bersedia mengikuti pelatihan penggunaan "
        "SPSE.",
        align="J",
        space_after=10,
    )
    t = d.add_table(rows=6, cols=2)
    _no_borders(t)
    left = ["Mengetahui,", "Atasan Langsung,", "", "", ctx.sek.nama, f"NIP {ctx.sek.nip}"]
    right = [
        f"{ctx.ag['city']}, {tgl(ctx.d_form)}",
        "Pemohon,",
        "",
        "",
        ctx.v("nama"),
        f"{nip_label(ctx)} {ctx.v('nip')}",
    ]
    for i in range(6):
        _cell(t.rows[i].cells[0], left[i], bold=(i == 4))
        _cell(t.rows[i].cells[1], right[i], bold=(i == 4))
    return Doc("formulir", "f2_docx_bagian", form_fields(ctx), docx=_bytes(d), npages=1)


# A6: Keputusan as Word, the appointees in a five-column table inside the diktum
def sk_docx_keputusan(ctx: Ctx) -> Doc:
    ag = ctx.ag
    d = _new(font=ctx.extra.get("docx_font", "Bookman Old Style"), size=11)
    _kop(d, ctx)
    nomor = sk_nomor(ctx)
    head_up = ag["sk_head"]
    topic = f"PENUNJUKAN ADMIN AGENCY SPSE PADA {ag['satker'].upper()}"
    for t, b in [
        (f"KEPUTUSAN {head_up}", True),
        (f"NOMOR {nomor}", False),
        ("TENTANG", False),
        (topic, True),
        ("", False),
        (f"{head_up},", True),
    ]:
        _p(d, t, bold=b, align="C", space_after=1)
    t = d.add_table(rows=0, cols=3)
    _no_borders(t)
    ming = MENGINGAT_PUSAT if ag["kind"] == "vertikal" else MENGINGAT_DAERAH
    for lab, items, marks in [
        ("Menimbang", [x.format(satker=ag["satker"]) for x in MENIMBANG], "abc"),
        ("Mengingat", ming, "12345"),
    ]:
        for i, it in enumerate(items):
            c = t.add_row().cells
            _cell(c[0], lab if i == 0 else "")
            _cell(c[1], ":" if i == 0 else "")
            _cell(c[2], f"{marks[i]}. {it}")
    _widths(t, [28, 4, 128])
    _p(d, "MEMUTUSKAN:", bold=True, align="C", space_after=2)
    _p(d, f"Menetapkan\t: KEPUTUSAN {head_up} TENTANG {topic}.", align="J")
    _p(
        d,
        "KESATU\t: Menunjuk pegawai sebagaimana tersebut dalam tabel di bawah ini sebagai Admin "
        "Agency pada Sistem "
        "Pengadaan Secara Elektronik LPSE Provinsi Kalimantan Timur:",
        align="J",
    )
    t = d.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for i, h in enumerate(["No", "Nama", "NIP", "Jabatan", "Tugas"]):
        _cell(t.rows[0].cells[i], h, bold=True)
        _shade(t.rows[0].cells[i], "D9D9D9")
    for i, p in enumerate(appointees(ctx), 1):
        c = t.add_row().cells
        _cell(c[0], str(i))
        _cell(c[1], nm(ctx, p))
        _cell(c[2], nipf(ctx, p))
        _cell(c[3], p.jabatan)
        _cell(c[4], ctx.extra.get("tugas_map", {}).get(p.nip, "Admin Agency"))
    _widths(t, [10, 48, 42, 40, 25])
    _p(d, "", space_after=2)
    _p(d, "KEDUA\t: Admin Agency sebagaimana dimaksud dalam Diktum KESATU bertugas:", align="J")
    for i, x in enumerate(TUGAS):
        _p(d, f"{'abcd'[i]}. {x}", indent_mm=32, align="J", space_after=0)
    vtext, berlaku, sampai = validity(ctx)
    _p(d, f"KETIGA\t: {vtext}", align="J", space_after=10)
    SKH, SKJ = sk_sig(ctx)
    for t_ in [
        "Ditetapkan di " + ag["city"],
        "pada tanggal " + tgl(ctx.d_sk),
        "",
        SKJ.split(" Provinsi")[0].split(" Kabupaten")[0].upper() + ",",
        "",
        "",
        "",
    ]:
        _p(d, t_, indent_mm=90, space_after=0)
    _p(d, SKH.nama, bold=True, underline=True, indent_mm=90, space_after=0)
    _p(d, f"NIP {SKH.nip_spaced}", indent_mm=90, space_after=8)
    _p(d, "Tembusan:", underline=True, size=9.5, space_after=0)
    for i, x in enumerate(
        [
            "Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur;",
            "Yang bersangkutan.",
        ],
        1,
    ):
        _p(d, f"{i}. {x}", size=9.5, space_after=0)
    f = dict(
        nomor=nomor,
        tanggal=ctx.d_sk.isoformat(),
        berlaku=berlaku,
        berlaku_sampai=sampai and sampai.isoformat(),
        ditunjuk=ditunjuk(ctx),
        penandatangan=signer(SKH, SKJ),
    )
    return Doc("surat_penunjukan", "a2_docx_keputusan", f, docx=_bytes(d), npages=1)


# L5: cover letter as Word: number and date on one line (right tab), person inline in the text
def letter_docx(ctx: Ctx) -> Doc:
    ag = ctx.ag
    d = _new(font=ctx.extra.get("docx_font", "Times New Roman"), size=12, margins=(30, 20, 25, 20))
    _kop(d, ctx)
    nomor = letter_nomor(ctx)
    hal = ctx.extra.get("hal", HAL[0])
    p = _p(d, f"Nomor\t: {nomor}\t{ag['city']}, {tgl(ctx.d_letter)}")
    p.paragraph_format.tab_stops.add_tab_stop(Mm(22))
    p.paragraph_format.tab_stops.add_tab_stop(Mm(155), WD_TAB_ALIGNMENT.RIGHT)
    for k, v in [("Sifat", "Penting"), ("Lampiran", "1 (satu) berkas"), ("Hal", hal)]:
        q = _p(d, f"{k}\t: {v}", bold=(k == "Hal"))
        q.paragraph_format.tab_stops.add_tab_stop(Mm(22))
    _p(d, "")
    _p(d, "Kepada", space_after=0)
    if ctx.cq:
        _p(d, f"Yth. {ctx.extra.get('cq_top', 'Gubernur Kalimantan Timur')}", space_after=0)
        _p(d, f"c.q. {ctx.tujuan}", space_after=0, indent_mm=8)
    else:
        _p(d, f"Yth. {ctx.tujuan}", space_after=0)
    _p(d, "di \u2013", space_after=0)
    _p(d, "     " + ctx.extra.get("kota_tujuan", "Samarinda"), space_after=8)
    lp = ctx.let_p()
    _p(d, "Dengan hormat,")
    contact = (
        ""
        if ctx.extra.get("let_no_contact")
        else (
            f", dengan alamat email {lp.email} dan nomor telepon seluler "
            f"{fmt_phone(lp.phone, ctx.extra.get('let_phone_style', '62'))}"
        )
    )
    _p(
        d,
        intro(ctx).rstrip(":")
        + f" Sdr. {lp.nama}, {'NI PPPK' if lp.pppk else 'NIP'} {lp.nip}, yang saat ini "
        f"menjabat sebagai {lp.jabatan}{contact}.",
        align="J",
    )
    _p(d, closing(ctx), align="J", space_after=12)
    for t_ in [ag["head"] + ",", "", "", ""]:
        _p(d, t_, indent_mm=85, space_after=0)
    _p(d, ctx.head.nama, bold=True, underline=True, indent_mm=85, space_after=0)
    _p(d, ctx.head.pangkat, indent_mm=85, space_after=0)
    _p(d, f"NIP {ctx.head.nip_spaced}", indent_mm=85, space_after=8)
    return Doc(
        "surat_permohonan",
        "l2_docx",
        letter_fields(ctx, nomor, hal, ctx.head, ag["head"]),
        docx=_bytes(d),
        npages=1,
    )


DOCX = {
    "f2_docx_bagian": form_docx_bagian,
    "a2_docx_keputusan": sk_docx_keputusan,
    "l2_docx": letter_docx,
}
__all__ = ["DOCX", "tujuan_text"]
