"""blind4 forms (formulir) and extra pages (lainnya).

Every form function takes `c` (the case context: agency `ag`, printed values `v`, head `head`, rng,
options) and returns (bytes, pages, kind). `hand=True` prints the blank form and writes the values
in a handwriting font (always scanned or photographed afterwards)."""

import io

from b4_common import Doc, letterhead, sign_block


def _hand(doc, c, x, y, text, size=12, maxw=None):
    """Write `text` as if by hand: handwriting font, blue ink, a little off the line and tilted."""
    if not text:
        return
    rng = c["rng"]
    fam = c.setdefault("handfont", rng.choice(["H1", "H2"]))
    size = size + rng.uniform(-0.5, 1.5)
    doc.set_font(fam, "", size)
    while maxw and size > 7 and doc.get_string_width(text) > maxw:
        size -= 0.5
        doc.set_font(fam, "", size)
    doc.set_text_color(20, 40, 150)
    ang = rng.uniform(-2.2, 2.2)
    with doc.rotation(ang, x, y):
        doc.text(x + rng.uniform(-0.5, 2.5), y + rng.uniform(-1.4, 0.6), text)
    doc.set_text_color(0, 0, 0)
    doc.f()


def _fit(doc, c, val, width):
    """Shrink the typed value's font until it fits the line."""
    if not val or c.get("hand"):
        return
    s = doc.base
    while s > 6.5 and doc.get_string_width(val) > width:
        s -= 0.5
        doc.set_font("B", "", s)


def _value(doc, c, x, y_base, text, width, underscores=False, line=False):
    """A value on a line at baseline y_base: typed (optionally followed by underscores to `width`)
    or handwritten."""
    hand = c.get("hand")
    if hand or line:
        doc.set_draw_color(60, 60, 60)
        doc.line(x, y_base + 1, x + width, y_base + 1)
        doc.set_draw_color(0, 0, 0)
    if hand:
        if underscores:
            doc.f()
            n = int(width / doc.get_string_width("_"))
            doc.text(x, y_base, "_" * n)
        _hand(doc, c, x + 1, y_base - 0.8, text, maxw=width - 4)
        return
    if underscores:
        t = text
        while doc.get_string_width(t + "_") < width:
            t += "_"
        if not text:
            t = "_" * int(width / doc.get_string_width("_"))
        doc.text(x, y_base, t)
    else:
        doc.text(x, y_base, text)
    doc.f()


# ------------------------------------------------------------------ f4_garis_bawah
def form_garis_bawah(c):
    """On the agency letterhead (two emblems), a 3x4 photo box, labels with qualifiers, values typed
    over underscore lines (the underscores stay in the text), Mengetahui (head with NIP) left,
    applicant right."""
    ag, v, rng = c["ag"], c["v"], c["rng"]
    doc = Doc(c["paper"], font=c["font"], size=10.5)
    doc.add_page()
    letterhead(doc, ag, "duologo", rng)
    doc.line_text("FORMULIR ISIAN", style="B", size=13, align="C", h=6)
    doc.line_text(
        "CALON ADMINISTRATOR AGENCY (ADMIN AGENCY) SPSE", style="B", size=12, align="C", h=6
    )
    doc.line_text(
        "Nomor Registrasi LPSE : ........................ (diisi oleh petugas)", size=8.5, align="C"
    )
    doc.gap(4)
    L = doc.l_margin
    top = doc.get_y()
    # photo box
    bx, bw, bh = doc.w - doc.r_margin - 30, 30, 40
    doc.set_draw_color(90, 90, 90)
    doc.rect(bx, top, bw, bh)
    doc.set_draw_color(0, 0, 0)
    doc.set_xy(bx, top + 14)
    doc.f("", 8)
    doc.multi_cell(bw, 4, "Pas Foto\n3 x 4\nBerwarna", align="C")
    rows = [
        ("Nama (lengkap dengan gelar)", v["nama"]),
        ("NIP / NI PPPK", v["nip"]),
        ("Pangkat / Golongan Ruang", v["pangkat"]),
        ("Jabatan (sesuai SK terakhir)", v["jabatan"]),
        ("K/L/Perangkat Daerah/Institusi", v["instansi"]),
        ("Satuan Kerja (Unit Organisasi)", v["satker"]),
        ("Alamat Kantor", v["alamat"]),
        ("Telepon Kantor", v["telp_kantor"]),
        ("Alamat Surel Pribadi (aktif)", v["email"]),
        ("Nomor Telepon Seluler / WA", v["telepon"]),
    ]
    y = top + 5
    lw = 58
    for i, (lab, val) in enumerate(rows):
        right = bx - 4 if y < top + bh + 2 else doc.w - doc.r_margin
        doc.f("", 10)
        doc.text(L, y, f"{i + 1}.")
        doc.text(L + 7, y, lab)
        doc.text(L + lw, y, ":")
        xv = L + lw + 3
        width = right - xv
        doc.f()
        _fit(doc, c, val, width - 2)
        _value(doc, c, xv, y, val or "", width, underscores=True)
        y += 9.5
    doc.set_y(y)
    doc.line_text(
        "Dengan ini saya menyatakan bahwa data yang saya isikan di atas adalah benar, dan saya "
        "bersedia mengikuti pelatihan aplikasi SPSE sebelum akun diaktifkan.",
        size=10,
        h=5,
    )
    doc.gap(5)
    ys = doc.get_y()
    doc.set_y(ys)
    sign_block(
        doc,
        rng,
        L,
        "Mengetahui,",
        [c["head_role"] + ","],
        c["head"]["nama"],
        c["head_nip"],
        stamp=True,
        w=85,
    )
    doc.set_y(ys)
    x2 = doc.w - doc.r_margin - 70
    if c.get("hand"):
        doc.set_xy(x2, ys)
        doc.cell(70, 5.5, "Samarinda, ", new_x="LMARGIN", new_y="NEXT")
        _hand(doc, c, x2 + 20, ys + 4.3, v["tanggal"], 11)
        doc.set_xy(x2, ys + 5.5)
        sign_block(doc, rng, x2, None, ["Pemohon,"], "", None, stamp=False)
        _hand(doc, c, x2, ys + 5.5 + 5.5 + 21 + 4, v["nama"], 11)
    else:
        sign_block(
            doc, rng, x2, f"Samarinda, {v['tanggal']}", ["Pemohon,"], v["nama"], None, stamp=False
        )
    return doc.output(), doc.pages_count, "pdf"


# ------------------------------------------------------------------ f4_subnomor
def form_subnomor(c):
    """Sub-numbered sections 1.1-4.2 with solid value lines; office phone (2.4) and, for a
    replacement, the outgoing admin's name and NIP (4.1/4.2) as decoys; Pemohon right with NIP,
    Atasan Langsung left with NIP."""
    ag, v, rng = c["ag"], c["v"], c["rng"]
    doc = Doc(c["paper"], font=c["font"], size=10.5)
    doc.add_page()
    doc.f("", 8)
    doc.cell(
        0,
        4,
        "Lampiran SOP Registrasi Admin Agency  |  Formulir RA-01",
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.gap(2)
    if c.get("kop", True):
        letterhead(doc, ag, "kiri_blok", rng)
    doc.line_text(
        "FORMULIR PERMOHONAN PEMBUATAN AKUN ADMIN AGENCY", style="B", size=12.5, align="C", h=6
    )
    doc.line_text(
        "Sistem Pengadaan Secara Elektronik (SPSE) LPSE Provinsi Kalimantan Timur",
        size=9.5,
        align="C",
    )
    doc.gap(4)
    L = doc.l_margin
    prev = c.get("prev")
    sections = [
        (
            "1.",
            "IDENTITAS CALON ADMIN AGENCY",
            [
                ("1.1", "Nama Lengkap", v["nama"]),
                ("1.2", "Nomor Induk Pegawai", v["nip"]),
                ("1.3", "Pangkat/Gol. Ruang", v["pangkat"]),
                ("1.4", "Jabatan", v["jabatan"]),
            ],
        ),
        (
            "2.",
            "INSTANSI",
            [
                ("2.1", "Nama Instansi", v["instansi"]),
                ("2.2", "Satuan Kerja", v["satker"]),
                ("2.3", "Alamat Kantor", v["alamat"]),
                ("2.4", "Nomor Telepon Kantor", v["telp_kantor"]),
            ],
        ),
        (
            "3.",
            "KONTAK PRIBADI",
            [
                ("3.1", "Surat Elektronik (e-mail)", v["email"]),
                ("3.2", "Nomor Telepon Genggam", v["telepon"]),
            ],
        ),
        (
            "4.",
            "ADMIN AGENCY YANG DIGANTIKAN (diisi apabila penggantian)",
            [
                ("4.1", "Nama", prev["nama"] if prev else "-"),
                ("4.2", "NIP", prev["nip_print"] if prev else "-"),
            ],
        ),
    ]
    y = doc.get_y() + 4
    for num, title, items in sections:
        doc.f("B", 10.5)
        doc.text(L, y, num)
        doc.text(L + 7, y, title)
        y += 7.5
        for sn, lab, val in items:
            doc.f("", 10.5)
            doc.text(L + 7, y, sn)
            doc.text(L + 17, y, lab)
            doc.text(L + 67, y, ":")
            width = doc.w - doc.r_margin - (L + 70)
            _fit(doc, c, val, width - 1)
            _value(doc, c, L + 70, y, val or "", width, line=True)
            y += 8
        y += 2
    doc.set_y(y)
    doc.gap(2)
    ys = doc.get_y()
    sign_block(
        doc,
        rng,
        L,
        "Mengetahui,",
        ["Atasan Langsung,"],
        c["head"]["nama"],
        c["head_nip"],
        stamp=False,
        w=85,
    )
    doc.set_y(ys)
    x2 = doc.w - doc.r_margin - 72
    if c.get("hand"):
        doc.set_xy(x2, ys)
        doc.cell(72, 5.5, "Samarinda,")
        _hand(doc, c, x2 + doc.get_string_width("Samarinda, ") + 1, ys + 4.3, v["tanggal"], 10)
        doc.set_xy(x2, ys + 5.5)
        doc.cell(72, 5.5, "Pemohon,")
        _hand(doc, c, x2, ys + 5.5 + 28, v["nama"], 11)
        doc.set_xy(x2, ys + 36)
        doc.f()
        doc.cell(72, 5.5, "NIP.")
        _hand(doc, c, x2 + 10, ys + 40, v["nip"], 10)
    else:
        sign_block(
            doc,
            rng,
            x2,
            f"Samarinda, {v['tanggal']}",
            ["Pemohon,"],
            v["nama"],
            v["nip"],
            stamp=False,
        )
    return doc.output(), doc.pages_count, "pdf"


# ------------------------------------------------------------------ f4_excel_grid
def form_excel_grid(c):
    """A spreadsheet print-out in landscape: light-grey gridlines over the whole sheet, a merged
    title, a NO | URAIAN | ISIAN | KETERANGAN table with hints (one hint may show an example phone
    number), the sheet name in the page header and 'Page 1 of 1' in the footer."""
    ag, v, rng = c["ag"], c["v"], c["rng"]
    doc = Doc("A4", orientation="L", font=c["font"], size=9.5, margins=(12, 10, 12))
    doc.set_auto_page_break(False)
    doc.add_page()
    W, H = doc.w, doc.h
    doc.set_draw_color(205, 205, 205)
    doc.set_line_width(0.1)
    x = 12.0
    while x <= W - 12:
        doc.line(x, 16, x, H - 14)
        x += 19.2
    y = 16.0
    while y <= H - 14:
        doc.line(12, y, W - 12, y)
        y += 5.3
    doc.set_draw_color(0, 0, 0)
    doc.set_line_width(0.2)
    doc.f("", 7.5)
    doc.set_xy(12, 8)
    doc.cell(100, 4, "FORM_ADMIN_AGENCY.xlsx - Sheet1")
    doc.set_xy(12, H - 11)
    doc.cell(W - 24, 4, "Page 1 of 1", align="C")
    doc.set_fill_color(255, 255, 255)
    doc.set_xy(12, 21.3)
    doc.f("B", 12)
    doc.cell(
        W - 24,
        6.5,
        "FORMULIR USULAN AKUN ADMIN AGENCY SPSE VERSI 4.5",
        align="C",
        fill=True,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.set_x(12)
    doc.f("B", 10.5)
    doc.cell(W - 24, 5.3, ag["satker"].upper(), align="C", fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.ln(5.3)
    cols = [(12, "NO"), (70, "URAIAN"), (112, "ISIAN"), (79, "KETERANGAN")]
    doc.set_x(12)
    doc.set_fill_color(198, 224, 180)
    doc.f("B", 9.5)
    for w, t in cols:
        doc.cell(w, 7, t, border=1, align="C", fill=True)
    doc.ln(7)
    ex_phone = c.get("example_phone")
    rows = [
        ("Nama Lengkap dan Gelar", v["nama"], "Ditulis sesuai SK, lengkap dengan gelar"),
        ("NIP", v["nip"], "18 digit"),
        ("Pangkat/Golongan", v["pangkat"], ""),
        ("Jabatan", v["jabatan"], ""),
        ("Instansi (K/L/PD/I)", v["instansi"], ""),
        ("Satuan Kerja", v["satker"], "Nama OPD/Satker, tanpa singkatan"),
        ("Alamat Kantor", v["alamat"], ""),
        ("Email", v["email"], "Email pribadi yang aktif, bukan email kantor"),
        (
            "No. HP / WhatsApp",
            v["telepon"],
            f"Contoh penulisan: {ex_phone}" if ex_phone else "Nomor yang aktif WhatsApp",
        ),
        ("Jenis Permohonan", c.get("jenis", "Baru"), "Baru / Penggantian"),
    ]
    doc.set_fill_color(255, 255, 255)
    for i, (lab, val, hint) in enumerate(rows):
        doc.set_x(12)
        doc.f("", 9.5)
        doc.cell(12, 7, str(i + 1), border=1, align="C", fill=True)
        doc.cell(70, 7, lab, border=1, fill=True)
        doc.f("", 9.5 if doc.get_string_width(val or "") < 108 else 8)
        doc.cell(112, 7, val or "", border=1, fill=True)
        doc.f("I", 8)
        doc.set_text_color(90, 90, 90)
        doc.cell(79, 7, hint, border=1, fill=True)
        doc.set_text_color(0, 0, 0)
        doc.ln(7)
    doc.ln(5.3)
    xs = W - 12 - 90
    y0 = doc.get_y()
    doc.f("", 9.5)
    doc.set_xy(xs, y0)
    doc.cell(90, 5.3, f"Samarinda, {v['tanggal']}", fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.set_x(xs)
    doc.cell(90, 5.3, "Yang Mengajukan,", fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.scribble(xs + 8, doc.get_y() + 9, 30, seed=rng.randint(0, 10**6))
    doc.set_xy(xs, doc.get_y() + 18)
    doc.f("BU", 9.5)
    doc.cell(90, 5.3, v["nama"], fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.f("", 9.5)
    doc.set_x(xs)
    doc.cell(90, 5.3, "NIP " + v["nip"], fill=True)
    doc.set_xy(24, y0)
    doc.cell(90, 5.3, "Menyetujui,", fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.set_x(24)
    doc.cell(90, 5.3, c["head_role"], fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.scribble(30, doc.get_y() + 9, 30, seed=rng.randint(0, 10**6))
    doc.set_xy(24, doc.get_y() + 18)
    doc.f("BU", 9.5)
    doc.cell(90, 5.3, c["head"]["nama"], fill=True, new_x="LMARGIN", new_y="NEXT")
    doc.f("", 9.5)
    doc.set_x(24)
    doc.cell(90, 5.3, "NIP " + c["head_nip"], fill=True)
    return doc.output(), doc.pages_count, "pdf"


# ------------------------------------------------------------------ f4_dwibahasa
def form_dwibahasa(c):
    """Bilingual form with three columns: Indonesian label | English label (grey italic) | value;
    bilingual title and signature captions; agency letterhead with contacts right of a vertical
    bar."""
    ag, v, rng = c["ag"], c["v"], c["rng"]
    doc = Doc(c["paper"], font=c["font"], size=10, margins=(20, 18, 18))
    doc.add_page()
    letterhead(doc, ag, "kiri_blok", rng)
    doc.line_text("FORMULIR PERMOHONAN AKUN ADMIN AGENCY", style="B", size=12, align="C", h=6)
    doc.line_text("Admin Agency Account Request Form", style="I", size=10, align="C", h=5)
    doc.gap(4)
    L = doc.l_margin
    rows = [
        ("Nama lengkap", "Full name", v["nama"]),
        ("Nomor Induk Pegawai", "Civil servant ID", v["nip"]),
        ("Pangkat/Golongan", "Rank/Grade", v["pangkat"]),
        ("Jabatan", "Position", v["jabatan"]),
        ("Instansi", "Institution", v["instansi"]),
        ("Satuan kerja", "Work unit", v["satker"]),
        ("Alamat kantor", "Office address", v["alamat"]),
        ("Surel", "E-mail", v["email"]),
        ("Telepon seluler", "Mobile phone", v["telepon"]),
    ]
    w1, w2 = 42, 34
    w3 = doc.pw() - w1 - w2
    doc.set_fill_color(235, 235, 235)
    doc.f("B", 9.5)
    doc.cell(w1, 7, "Uraian", border=1, fill=True)
    doc.f("BI", 9.5)
    doc.cell(w2, 7, "Description", border=1, fill=True)
    doc.f("B", 9.5)
    doc.cell(w3, 7, "Isian / Entry", border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
    for a, b, val in rows:
        doc.f("", 10)
        lines = doc.multi_cell(w3, 5.2, val or "", dry_run=True, output="LINES")
        h = max(8, 5.2 * len(lines) + 2.8)
        y = doc.get_y()
        doc.cell(w1, h, a, border=1)
        doc.f("I", 9)
        doc.set_text_color(110, 110, 110)
        doc.cell(w2, h, b, border=1)
        doc.set_text_color(0, 0, 0)
        doc.f("", 10)
        x3 = doc.get_x()
        doc.rect(x3, y, w3, h)
        doc.set_xy(x3, y + 1.4)
        doc.multi_cell(w3, 5.2, val or "", new_x="LMARGIN", new_y="NEXT")
        doc.set_y(y + h)
    doc.gap(4)
    doc.line_text(
        "Saya menyatakan bahwa data di atas benar. / I declare that the above information is "
        "correct.",
        size=9,
    )
    doc.gap(4)
    ys = doc.get_y()
    sign_block(
        doc,
        rng,
        L,
        "Mengetahui / Acknowledged by,",
        [c["head_role"] + ","],
        c["head"]["nama"],
        c["head_nip"],
        stamp=True,
        w=80,
    )
    doc.set_y(ys)
    sign_block(
        doc,
        rng,
        doc.w - doc.r_margin - 68,
        f"Samarinda, {v['tanggal']}",
        ["Pemohon / Applicant,"],
        v["nama"],
        v["nip"],
        stamp=False,
    )
    return doc.output(), doc.pages_count, "pdf"


# ------------------------------------------------------------------ f4_docx_placeholder
def form_docx_placeholder(c):
    """Word form built from a template: header paragraphs, a Label | : | value table, optional
    fields left with Word's content-control placeholder text, a borderless signature table."""
    import docx
    from docx.shared import Pt

    ag, v = c["ag"], c["v"]
    PH = "Klik atau ketuk di sini untuk memasukkan teks."
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = c.get("docx_font", "Arial")
    st.font.size = Pt(11)
    for ln in ag["kop"]:
        p = d.add_paragraph()
        r = p.add_run(ln)
        r.bold = True
        p.alignment = 1
        p.paragraph_format.space_after = Pt(0)
    p = d.add_paragraph(ag["alamat"] + " - Telp. " + ag["telp"])
    p.alignment = 1
    d.add_paragraph("_" * 78)
    p = d.add_paragraph()
    p.alignment = 1
    r = p.add_run("FORMULIR PERMOHONAN\nAKUN ADMIN AGENCY LPSE PROVINSI KALIMANTAN TIMUR")
    r.bold = True
    d.add_paragraph(
        "Yang bertanda tangan di bawah ini mengajukan permohonan pembuatan akun Admin Agency "
        "dengan data sebagai berikut:"
    )
    ph = c.get("placeholder")
    rows = [
        ("Nama Lengkap", v["nama"]),
        ("NIP", v["nip"]),
        ("Pangkat / Golongan", PH if ph == "pangkat" else v["pangkat"]),
        ("Jabatan", v["jabatan"]),
        ("Instansi", v["instansi"]),
        ("Satuan Kerja", v["satker"]),
        ("Alamat Kantor", PH if ph == "alamat" else v["alamat"]),
        ("Alamat E-mail", v["email"]),
        ("Nomor HP", v["telepon"]),
    ]
    t = d.add_table(rows=0, cols=3)
    t.style = "Table Grid"
    for a, b in rows:
        cells = t.add_row().cells
        cells[0].text = a
        cells[1].text = ":"
        cells[2].text = b or ""
    d.add_paragraph("")
    d.add_paragraph("Demikian permohonan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.")
    s = d.add_table(rows=5, cols=2)
    s.cell(0, 0).text = "Mengetahui,"
    s.cell(0, 1).text = f"Samarinda, {v['tanggal']}"
    s.cell(1, 0).text = c["head_role"] + ","
    s.cell(1, 1).text = "Pemohon,"
    s.cell(2, 0).text = "\n\n"
    s.cell(3, 0).text = c["head"]["nama"]
    s.cell(3, 1).text = v["nama"]
    s.cell(4, 0).text = "NIP. " + c["head_nip"]
    s.cell(4, 1).text = "NIP. " + v["nip"]
    bio = io.BytesIO()
    d.save(bio)
    return bio.getvalue(), 1, "docx"


FORMS = {
    "f4_garis_bawah": form_garis_bawah,
    "f4_subnomor": form_subnomor,
    "f4_excel_grid": form_excel_grid,
    "f4_dwibahasa": form_dwibahasa,
    "f4_docx_placeholder": form_docx_placeholder,
}


# ------------------------------------------------------------------ extra pages
def extra_page(kind, c):
    ag, v, rng = c["ag"], c["v"], c["rng"]
    doc = Doc("A4", font=c["font"], size=10.5)
    doc.add_page()
    fields = {"jenis": kind}
    if kind == "x4_daftar_hadir":
        doc.line_text("DAFTAR HADIR", style="B", size=13, align="C")
        doc.line_text("BIMBINGAN TEKNIS ADMIN AGENCY SPSE VERSI 4.5", style="B", size=11, align="C")
        doc.line_text(
            "Ruang Rapat Biro Pengadaan Barang/Jasa Setda Prov. Kaltim, "
            f"{c['v']['tanggal_bimtek']}",
            size=9.5,
            align="C",
        )
        doc.gap(4)
        people = c["hadir"]
        ws = [10, 58, 44, 50, 28]
        doc.set_fill_color(225, 225, 225)
        doc.f("B", 9)
        for w, t in zip(ws, ["No", "Nama", "NIP", "Instansi/Satker", "Tanda Tangan"], strict=True):
            doc.cell(w, 7, t, border=1, align="C", fill=True)
        doc.ln(7)
        for i, p in enumerate(people):
            doc.f("", 8.5)
            doc.cell(ws[0], 9, str(i + 1), border=1, align="C")
            doc.cell(ws[1], 9, p["nama"], border=1)
            doc.cell(ws[2], 9, p["nip_print"], border=1)
            doc.cell(ws[3], 9, p["satker"][:34], border=1)
            y = doc.get_y()
            x = doc.get_x()
            doc.cell(ws[4], 9, "", border=1)
            doc.scribble(x + 3, y + 5, 18, seed=rng.randint(0, 10**6))
            doc.ln(9)
        fields.update(nama=v["nama"], nip=v["nip_digits"])
    elif kind == "x4_tanda_terima":
        doc.line_text("LAYANAN PENGADAAN SECARA ELEKTRONIK", style="B", size=11, align="C")
        doc.line_text(
            "BIRO PENGADAAN BARANG/JASA SETDA PROVINSI KALIMANTAN TIMUR",
            style="B",
            size=10,
            align="C",
        )
        doc.gap(3)
        doc.line_text("TANDA TERIMA BERKAS", style="BU", size=12.5, align="C")
        doc.gap(4)
        doc.kv("Telah terima dari", ag["satker"], 45)
        doc.kv("Diserahkan oleh", v["nama"], 45)
        doc.kv(
            "Berupa",
            "1. Formulir Permohonan Akun Admin Agency\n2. Surat Penunjukan sebagai Admin Agency\n"
            "3. Surat Permohonan kepada Kepala LPSE",
            45,
        )
        doc.kv("Keterangan", "Berkas akan diperiksa oleh Admin PPE", 45)
        doc.gap(8)
        ys = doc.get_y()
        sign_block(
            doc, rng, doc.l_margin, None, ["Yang Menyerahkan,"], v["nama"], None, stamp=False
        )
        doc.set_y(ys)
        sign_block(
            doc, rng, 120, None, ["Petugas Penerima,"], c["petugas"]["nama"], None, stamp=False
        )
        fields.update(nama=v["nama"])
    elif kind == "x4_disposisi":
        doc.f("B", 12)
        doc.cell(0, 6, "LEMBAR DISPOSISI", align="C", new_x="LMARGIN", new_y="NEXT")
        doc.f("", 9.5)
        doc.cell(0, 5, ag["satker"].upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        doc.gap(3)
        W = doc.pw()
        rows = [
            ("Surat dari", "Biro Pengadaan Barang/Jasa Setda Prov. Kaltim"),
            ("Nomor Surat", c["biro_letter_no"]),
            ("Perihal", "Pembaruan Data Admin Agency SPSE"),
            ("Diterima tanggal", c["v"]["tanggal_disposisi"]),
            ("Diteruskan kepada", "Sekretaris / Kasubbag Umum"),
            (
                "Isi disposisi",
                f"Mohon diproses usulan Admin Agency a.n. {v['nama']}; siapkan formulir, SK dan "
                "surat ke Kepala LPSE.",
            ),
        ]
        for a, b in rows:
            y = doc.get_y()
            doc.multi_cell(45, 8, a, border=1, new_x="RIGHT", new_y="TOP")
            doc.multi_cell(W - 45, 8, b, border=1, new_x="LMARGIN", new_y="NEXT")
        doc.gap(5)
        doc.scribble(130, doc.get_y() + 8, 30, seed=rng.randint(0, 10**6))
        fields.update(nama=v["nama"])
    elif kind == "blank":
        pass
    return doc.output(), 1, "pdf", fields
