"""blind3: the request forms (PDF and Word) and the extra pages."""

import io

from b3_common import Doc, kepala_full, tgl
from fpdf.fonts import FontFace

TITLES = [
    "FORMULIR PERMOHONAN AKUN ADMIN AGENCY",
    "FORMULIR PERMOHONAN PEMBUATAN AKUN ADMIN AGENCY SPSE",
    "FORMULIR PERMOHONAN AKUN ADMIN AGENCY / ADMIN PPE",
    "FORMULIR PENDAFTARAN ADMIN AGENCY",
]


def _v(x):
    return x if x else ""


def _hand(pdf, rng, x, y, text, size=12, upper=False):
    """A value written by hand near (x, y) (baseline-ish), slightly tilted."""
    if not text:
        return
    pdf.set_font(rng.choice(["Humor", "Comic"]), "", size + rng.uniform(-1, 1.5))
    pdf.set_text_color(rng.choice([20, 30]), rng.choice([30, 40]), rng.choice([110, 140]))
    ang = rng.uniform(-2.2, 2.2)
    xx, yy = x + rng.uniform(0, 4), y + rng.uniform(-1.6, 0.6)
    with pdf.rotation(ang, xx, yy):
        pdf.text(xx, yy, text.upper() if upper else text)
    pdf.set_text_color(0, 0, 0)


def _box(pdf, x, y, checked, s=3.6):
    pdf.rect(x, y, s, s)
    if checked:
        pdf.line(x + 0.6, y + 0.6, x + s - 0.6, y + s - 0.6)
        pdf.line(x + 0.6, y + s - 0.6, x + s - 0.6, y + 0.6)


def form_titik(c, rng):
    """Dotted lines, values typed (monospace) or handwritten off the lines."""
    pv, ag = c["pv"], c["ag"]
    pdf = Doc(
        fmt=rng.choice(["A4", (215, 330)]),
        footer_text=rng.choice([None, "Formulir LPSE-AA/01 Rev. 02"]),
    )
    pdf.add_page()
    if rng.random() < 0.6:
        pdf.kop(ag, rng.choice(["tengah", "kiri"]))
    pdf.f(13, "B", "LSans")
    pdf.multi_cell(0, 6.5, rng.choice(TITLES), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.f(10, "", "LSans")
    pdf.cell(
        0,
        5,
        "Layanan Pengadaan Secara Elektronik (LPSE) Provinsi Kalimantan Timur",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    pdf.f(10.5, "", "LSans")
    pdf.cell(0, 5, "Jenis Akun yang dimohonkan:", new_x="LMARGIN", new_y="NEXT")
    x = pdf.l_margin + 4
    for lab, on in (
        ("Admin Agency", True),
        ("Admin PPE", False),
        ("Verifikator", False),
        ("Helpdesk", False),
    ):
        _box(pdf, x, pdf.get_y() + 1, on and c["fill"] != "tangan")
        if on and c["fill"] == "tangan":
            _hand(pdf, rng, x - 1, pdf.get_y() + 4.5, "V", 13)
        pdf.set_x(x + 5)
        pdf.cell(34, 6, lab)
        x += 38
    pdf.ln(9)
    labels = c.get("labels") or rng.choice(
        [
            [
                ("Nama Lengkap (beserta gelar)", "nama"),
                ("NIP/NRP", "nip"),
                ("Pangkat/Gol. Ruang", "pangkat"),
                ("Jabatan Struktural/Fungsional", "jabatan"),
                ("Unit Kerja", "satker"),
                ("Instansi/Lembaga", "instansi"),
                ("No. HP/WA", "telepon"),
                ("Alamat Surel (e-mail)", "email"),
                ("Alamat Kantor", "alamat"),
            ],
            [
                ("Instansi", "instansi"),
                ("Satuan Kerja/Unit Kerja", "satker"),
                ("Nama Lengkap", "nama"),
                ("Nomor Induk Pegawai", "nip"),
                ("Jabatan", "jabatan"),
                ("Golongan", "pangkat"),
                ("Alamat Surel Dinas/Pribadi", "email"),
                ("Nomor Telepon Seluler", "telepon"),
                ("Alamat Kantor", "alamat"),
            ],
        ]
    )
    hand = c["fill"] == "tangan"
    upper = hand and c.get("hand_upper")
    lw = 62
    for i, (lab, key) in enumerate(labels, 1):
        y = pdf.get_y()
        pdf.f(10.5, "", "LSans")
        pdf.cell(8, 9, f"{i}.")
        pdf.cell(lw, 9, lab)
        pdf.cell(4, 9, ":")
        x0 = pdf.get_x()
        pdf.dotted(x0, y + 7.5, pdf.w - pdf.r_margin)
        val = _v(pv.get(key))
        if hand:
            _hand(
                pdf,
                rng,
                x0 + 1,
                y + 6.6,
                val,
                12.5,
                upper and key in ("nama", "jabatan", "satker", "instansi"),
            )
        elif val:
            pdf.set_font("Mono", "", 10.5 if len(val) < 48 else 9)
            pdf.set_xy(x0 + 1, y + 1.8)
            pdf.cell(0, 5, val)
        pdf.set_xy(pdf.l_margin, y + 9.5)
    pdf.ln(4)
    pdf.para(
        "Dengan ini saya menyatakan bahwa data di atas benar dan bersedia mematuhi ketentuan "
        "penggunaan "
        "akun pada Sistem Pengadaan Secara Elektronik (SPSE).",
        10,
        fam="LSans",
    )
    pdf.ln(3)
    y = pdf.get_y()
    date_s = f"{ag['kota']}, " + (
        tgl(c["tanggal"], rng.choice(["panjang", "strip"])) if not hand else ""
    )
    pdf.set_xy(pdf.w - pdf.r_margin - 75, y)
    pdf.f(10.5, "", "LSans")
    pdf.cell(75, 5, date_s)
    if hand:
        _hand(
            pdf,
            rng,
            pdf.w - pdf.r_margin - 75 + pdf.get_string_width(date_s) + 1,
            y + 4,
            tgl(c["tanggal"], rng.choice(["garis", "panjang"])),
            11,
        )
    pdf.set_xy(pdf.l_margin, y + 6)
    pdf.cell(75, 5, "Mengetahui,")
    pdf.set_xy(pdf.w - pdf.r_margin - 75, y + 6)
    pdf.cell(75, 5, "Pemohon,")
    pdf.set_xy(pdf.l_margin, y + 11)
    pdf.cell(75, 5, f"{kepala_full(ag)},")
    pdf.signature(pdf.l_margin + 10, y + 22, rng)
    pdf.signature(pdf.w - pdf.r_margin - 65, y + 22, rng)
    pdf.stamp(pdf.l_margin + 8, y + 22, ag["satker"])
    pdf.set_xy(pdf.l_margin, y + 32)
    pdf.f(10.5, "BU", "LSans")
    pdf.cell(80, 5, c["head"]["nama"])
    pdf.set_xy(pdf.w - pdf.r_margin - 75, y + 32)
    pdf.f(10.5, "BU" if not hand else "", "LSans")
    if hand:
        pdf.cell(75, 5, "(" + " " * 50 + ")")
        _hand(pdf, rng, pdf.w - pdf.r_margin - 73, y + 35.5, pv["nama"] or "", 11)
    else:
        pdf.cell(75, 5, pv["nama"] or "")
    pdf.f(10.5, "", "LSans")
    pdf.set_xy(pdf.l_margin, y + 37)
    pdf.cell(80, 5, f"NIP {c['head']['nip_p']}")
    return bytes(pdf.output()), 1


def form_inggris(c, rng):
    """English-influenced labels in a 3-column table (No | Item | Data), a role table and head's
    contacts."""
    pv, ag = c["pv"], c["ag"]
    pdf = Doc(page_numbers=None)
    pdf.base_font = "LSans"
    pdf.add_page()
    pdf.kop(ag, "kiri")
    pdf.f(12, "B")
    pdf.cell(
        0, 6, "FORMULIR PERMOHONAN USER ADMIN AGENCY", align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.f(9, "I")
    pdf.cell(
        0,
        5,
        "(Request Form for SPSE Admin Agency Account)",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    rows = [
        ("Full Name / Nama Lengkap", pv["nama"]),
        ("Employee ID (NIP)", pv["nip"]),
        ("Position / Jabatan", pv["jabatan"]),
        ("Rank / Pangkat-Golongan", pv["pangkat"]),
        ("Organization / Instansi", pv["instansi"]),
        ("Work Unit / Satuan Kerja", pv["satker"]),
        ("E-mail Address", pv["email"]),
        ("Mobile Phone (WhatsApp)", pv["telepon"]),
        ("Office Address / Alamat Kantor", pv["alamat"]),
    ]
    pdf.f(10)
    with pdf.table(
        col_widths=(10, 62, 93),
        line_height=7,
        text_align=("CENTER", "LEFT", "LEFT"),
        headings_style=FontFace(emphasis="BOLD", fill_color=(220, 220, 220)),
        first_row_as_headings=True,
    ) as t:
        r = t.row()
        for h in ("No", "Item", "Data"):
            r.cell(h)
        for i, (lab, val) in enumerate(rows, 1):
            r = t.row()
            r.cell(str(i))
            r.cell(lab)
            r.cell(_v(val))
    pdf.ln(4)
    pdf.f(10, "B")
    pdf.cell(0, 6, "Role yang diminta:", new_x="LMARGIN", new_y="NEXT")
    pdf.f(10)
    for lab, on in (
        ("Admin Agency (pengelola user PP/PPK/Pokja di instansi)", True),
        ("Verifikator Penyedia", False),
        ("Auditor", False),
    ):
        _box(pdf, pdf.l_margin + 3, pdf.get_y() + 1.2, on)
        pdf.set_x(pdf.l_margin + 9)
        pdf.cell(0, 6, lab, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.f(10, "B")
    pdf.cell(0, 6, "Supervisor / Atasan Langsung:", new_x="LMARGIN", new_y="NEXT")
    pdf.kv(
        [
            ("Name", c["head"]["nama"]),
            ("NIP", c["head"]["nip_p"]),
            ("E-mail", c["head"]["email"]),
            ("Phone", c["head"]["tel_p"]),
        ],
        lw=30,
        size=10,
        h=5.5,
    )
    pdf.ln(3)
    pdf.signblock(
        rng,
        [
            f"{ag['kota']}, {tgl(c['tanggal'], rng.choice(['panjang', 'hari']))}",
            "Applicant / Pemohon,",
        ],
        pv["nama"] or "",
        nip=pv["nip"] or None,
        size=10,
    )
    return bytes(pdf.output()), 1


def form_ybt(c, rng):
    """The head speaks first (his own name, NIP, e-mail and phone), then the employee proposed."""
    pv, ag, hd = c["pv"], c["ag"], c["head"]
    pdf = Doc(fmt=(215, 330))
    pdf.base_font = rng.choice(["LSerif", "FSerif", "DSerif"])
    pdf.add_page()
    pdf.kop(ag, "tengah")
    pdf.f(12, "BU")
    pdf.cell(
        0, 6, "FORMULIR PERMOHONAN AKUN ADMIN AGENCY", align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(4)
    pdf.para("Yang bertanda tangan di bawah ini:")
    pdf.kv(
        [
            ("Nama", hd["nama"]),
            ("NIP", hd["nip_p"]),
            ("Jabatan", kepala_full(ag)),
            ("Alamat surel", hd["email"]),
            ("Nomor telepon", hd["tel_p"]),
        ],
        lw=38,
        indent=6,
    )
    pdf.ln(2)
    pdf.para(
        "dengan ini mengajukan permohonan pembuatan akun Admin Agency pada Sistem Pengadaan Secara "
        "Elektronik (SPSE) LPSE Provinsi Kalimantan Timur bagi pegawai kami sebagai berikut:"
    )
    pdf.ln(1)
    pdf.kv(
        [
            ("Nama Lengkap", _v(pv["nama"])),
            ("NIP", _v(pv["nip"])),
            ("Pangkat/Golongan", _v(pv["pangkat"])),
            ("Jabatan", _v(pv["jabatan"])),
            ("Instansi", _v(pv["instansi"])),
            ("Unit Kerja", _v(pv["satker"])),
            ("Alamat Surel", _v(pv["email"])),
            ("No. HP/WA", _v(pv["telepon"])),
        ],
        lw=38,
        indent=6,
        bold_vals=True,
    )
    pdf.ln(2)
    pdf.para(
        "Pegawai tersebut telah/akan mengikuti pelatihan penggunaan aplikasi SPSE dan "
        "bertanggung jawab atas "
        "penggunaan akun sesuai ketentuan yang berlaku. Demikian permohonan ini kami sampaikan."
    )
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_xy(pdf.l_margin, y + 5.5)
    pdf.f(11)
    pdf.cell(70, 5.5, "Calon Admin Agency,")
    pdf.signature(pdf.l_margin + 8, y + 20, rng)
    pdf.set_xy(pdf.l_margin, y + 31)
    pdf.f(11, "U")
    pdf.cell(70, 5.5, _v(pv["nama"]))
    pdf.set_xy(pdf.l_margin, y)
    pdf.signblock(
        rng,
        [f"{ag['kota']}, {tgl(c['tanggal'], 'panjang')}", f"{kepala_full(ag)},"],
        hd["nama"],
        nip=hd["nip_p"],
        pangkat=hd["pangkat"],
        stamp_text=ag["satker"],
    )
    return bytes(pdf.output()), 1


def form_dua_kolom(c, rng):
    """Two newspaper columns: staff identity left; agency and contacts (office decoys) right."""
    pv, ag = c["pv"], c["ag"]
    pdf = Doc()
    pdf.base_font = "DSans"
    pdf.add_page()
    pdf.set_fill_color(230, 236, 245)
    pdf.f(12.5, "B")
    pdf.cell(
        0,
        9,
        "PERMOHONAN AKUN ADMIN AGENCY - LPSE PROV. KALTIM",
        align="C",
        fill=True,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.f(8)
    pdf.cell(
        0,
        5,
        "Isi dengan huruf cetak. Lampirkan SK/Surat Penunjukan dan surat permohonan.",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    colw = 78
    x1, x2 = pdf.l_margin, pdf.l_margin + colw + 9
    y0 = pdf.get_y()

    def stack(x, y, label, val):
        pdf.set_xy(x, y)
        pdf.f(7.5)
        pdf.set_text_color(80, 80, 80)
        pdf.cell(colw, 4, label.upper())
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(x, y + 4)
        pdf.f(10 if len(_v(val)) < 40 else 8.5, "B")
        pdf.multi_cell(colw, 5, _v(val) or " ", new_x="LEFT", new_y="NEXT")
        yy = pdf.get_y() + 0.6
        pdf.line(x, yy, x + colw, yy)
        return yy + 3

    pdf.set_xy(x1, y0)
    pdf.f(10, "B")
    pdf.cell(colw, 6, "I. IDENTITAS PEGAWAI")
    y = y0 + 8
    for lab, k in (
        ("Nama lengkap dan gelar", "nama"),
        ("NIP", "nip"),
        ("Pangkat / golongan ruang", "pangkat"),
        ("Jabatan", "jabatan"),
    ):
        y = stack(x1, y, lab, pv[k])
    yl = y
    pdf.set_xy(x2, y0)
    pdf.f(10, "B")
    pdf.cell(colw, 6, "II. INSTANSI")
    y = y0 + 8
    for lab, k in (
        ("Instansi / pemerintah daerah", "instansi"),
        ("Unit kerja / OPD", "satker"),
        ("Alamat kantor", "alamat"),
    ):
        y = stack(x2, y, lab, pv[k])
    y = stack(x2, y, "Telepon kantor", ag["telp"])
    pdf.set_xy(x2, y + 2)
    pdf.f(10, "B")
    pdf.cell(colw, 6, "III. KONTAK PEMOHON")
    y += 10
    y = stack(x2, y, "Surel (untuk pengiriman user ID)", pv["email"])
    y = stack(x2, y, "Nomor HP / WhatsApp", pv["telepon"])
    y = stack(x2, y, "Surel kantor", ag["surel"])
    pdf.set_draw_color(150, 150, 150)
    pdf.line(pdf.l_margin + colw + 4.5, y0, pdf.l_margin + colw + 4.5, max(y, yl))
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(x1, yl + 4)
    pdf.f(8.5)
    pdf.multi_cell(
        colw,
        4.2,
        "Pernyataan: Saya bersedia menjaga kerahasiaan kata sandi dan tidak "
        "meminjamkan akun kepada pihak lain.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(max(y, pdf.get_y()) + 6)
    pdf.signblock(
        rng,
        [
            f"{ag['kota']}, {tgl(c['tanggal'], rng.choice(['pendek', 'panjang']))}",
            f"{kepala_full(ag)},",
        ],
        c["head"]["nama"],
        nip=c["head"]["nip_p"],
        stamp_text=ag["satker"],
        size=10,
    )
    return bytes(pdf.output()), 1


def form_lpse_nipbox(c, rng):
    """LPSE's own template: LPSE header with its helpdesk contacts, NIP in 18 boxes (8-6-1-3),
    office-use box."""
    pv, ag = c["pv"], c["ag"]
    pdf = Doc(
        footer_text="LPSE Provinsi Kalimantan Timur - Jalan Gajah Mada Nomor 2 Samarinda - "
        "Helpdesk 0811 5530 477 - lpse@kaltimprov.go.id"
    )
    pdf.base_font = "LNarrow"
    pdf.add_page()
    pdf.emblem(pdf.l_margin, 16, 18, "perisai")
    pdf.set_xy(pdf.l_margin + 22, 16)
    pdf.f(11, "B")
    pdf.cell(
        0,
        5.5,
        "BIRO PENGADAAN BARANG DAN JASA SETDA PROVINSI KALIMANTAN TIMUR",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_x(pdf.l_margin + 22)
    pdf.f(10)
    pdf.cell(0, 5, "Layanan Pengadaan Secara Elektronik (LPSE)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 22)
    pdf.cell(
        0,
        5,
        "Telp. (0541) 733 333 | Surel: lpse@kaltimprov.go.id | https://spse.inaproc.id/kaltimprov",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(4)
    pdf.f(13, "B")
    pdf.cell(
        0, 6, "FORMULIR PERMOHONAN AKUN ADMIN AGENCY", align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.f(10)
    pdf.cell(
        0,
        5,
        "Nomor Registrasi: ..................... (diisi petugas)",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    W = pdf.w - pdf.l_margin - pdf.r_margin
    lw = 55

    def row(label, val, boxes=False):
        y = pdf.get_y()
        pdf.rect(pdf.l_margin, y, W, 9)
        pdf.line(pdf.l_margin + lw, y, pdf.l_margin + lw, y + 9)
        pdf.set_xy(pdf.l_margin + 2, y + 2)
        pdf.f(10.5)
        pdf.cell(lw - 3, 5, label)
        if boxes:
            digits = [ch for ch in (val or "") if ch.isdigit()]
            x = pdf.l_margin + lw + 3
            groups, k = (8, 6, 1, 3), 0
            for g in groups:
                for _ in range(g):
                    pdf.rect(x, y + 1.5, 5, 6)
                    if k < len(digits):
                        pdf.set_xy(x, y + 2)
                        pdf.f(10.5, "B", "LMono")
                        pdf.cell(5, 5, digits[k], align="C")
                    k += 1
                    x += 5
                x += 2.5
            while k < len(digits):  # an over-long number still shows all its digits
                pdf.set_xy(x, y + 2)
                pdf.cell(5, 5, digits[k], align="C")
                k += 1
                x += 5
        else:
            pdf.set_xy(pdf.l_margin + lw + 2, y + 2)
            pdf.f(10.5 if len(_v(val)) < 52 else 9, "B")
            pdf.cell(W - lw - 3, 5, _v(val))
        pdf.set_xy(pdf.l_margin, y + 9)

    for lab, k in (
        ("Nama (tanpa disingkat)", "nama"),
        ("NIP", "nip"),
        ("Jabatan", "jabatan"),
        ("Pangkat/Golongan", "pangkat"),
        ("K/L/PD/Instansi", "instansi"),
        ("Satuan Kerja", "satker"),
        ("Email Aktif", "email"),
        ("Handphone", "telepon"),
    ):
        row(lab, pv[k], boxes=(k == "nip"))
    pdf.ln(5)
    pdf.signblock(
        rng,
        [f"{ag['kota']}, {tgl(c['tanggal'], 'titik')}", "Pemohon,"],
        _v(pv["nama"]),
        nip=pv["nip"] or None,
        size=10.5,
    )
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(pdf.l_margin, y, W, 22)
    pdf.set_xy(pdf.l_margin + 2, y + 2)
    pdf.f(9, "B")
    pdf.cell(0, 4.5, "DIISI OLEH PETUGAS LPSE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 2)
    pdf.f(9)
    pdf.cell(
        0,
        4.5,
        "User ID: ................................   Tanggal aktivasi: ....................",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_x(pdf.l_margin + 2)
    pdf.cell(
        0,
        4.5,
        "Pelatihan: [  ] sudah   [  ] belum        Paraf Admin PPE: ..........",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_draw_color(0, 0, 0)
    return bytes(pdf.output()), 1


def form_docx(c, rng):
    """Word: Uraian | Isian | Keterangan table, and a second table with the superior's data and
    contacts."""
    from docx import Document
    from docx.shared import Pt

    pv, ag, hd = c["pv"], c["ag"], c["head"]
    d = Document()
    st = d.styles["Normal"]
    st.font.name = rng.choice(["Arial", "Bookman Old Style", "Times New Roman"])
    st.font.size = Pt(11)
    for line in ag["kop"]:
        p = d.add_paragraph()
        p.alignment = 1
        r = p.add_run(line)
        r.bold = True
        p.paragraph_format.space_after = Pt(0)
    p = d.add_paragraph(f"{ag['alamat']}, {ag['kota']} - Telp. {ag['telp']} - {ag['surel']}")
    p.alignment = 1
    p = d.add_paragraph()
    p.alignment = 1
    r = p.add_run("FORMULIR ISIAN PERMOHONAN AKUN ADMIN AGENCY SPSE")
    r.bold = True
    r.underline = True
    rows = [
        ("Nama lengkap", pv["nama"], "beserta gelar"),
        ("NIP", pv["nip"], "18 digit"),
        ("Pangkat/Gol.", pv["pangkat"], ""),
        ("Jabatan", pv["jabatan"], "sesuai SK"),
        ("Instansi", pv["instansi"], ""),
        ("Satuan Kerja", pv["satker"], ""),
        ("Alamat surel", pv["email"], "surel dinas diutamakan"),
        ("No. HP/WA", pv["telepon"], "aktif WhatsApp"),
    ]
    t = d.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(("No.", "Uraian", "Isian", "Keterangan")):
        t.rows[0].cells[i].text = h
    for i, (a, b, k) in enumerate(rows, 1):
        cells = t.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = str(i), a, _v(b), k
    d.add_paragraph()
    d.add_paragraph("Data Atasan Langsung:")
    t2 = d.add_table(rows=0, cols=2)
    t2.style = "Table Grid"
    for a, b in (
        ("Nama", hd["nama"]),
        ("NIP", hd["nip_p"]),
        ("Jabatan", kepala_full(ag)),
        ("Surel", hd["email"]),
        ("Telepon", hd["tel_p"]),
    ):
        cells = t2.add_row().cells
        cells[0].text, cells[1].text = a, b
    d.add_paragraph()
    p = d.add_paragraph(f"{ag['kota']}, {tgl(c['tanggal'], rng.choice(['panjang', 'kapital']))}")
    p.alignment = 2
    p = d.add_paragraph("Pemohon,\n\n\n\n" + _v(pv["nama"]))
    p.alignment = 2
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), 1


FORMS = {
    "f3_titik": form_titik,
    "f3_inggris": form_inggris,
    "f3_ybt": form_ybt,
    "f3_dua_kolom": form_dua_kolom,
    "f3_lpse_nipbox": form_lpse_nipbox,
    "f3_docx": form_docx,
}


# ---------------------------------------------------------------- extra pages (lainnya)
def x_sertifikat(c, rng):
    pv = c["pv"]
    pdf = Doc(orientation="L")
    pdf.add_page()
    pdf.set_draw_color(150, 110, 40)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.2)
    pdf.set_y(30)
    pdf.f(24, "B", "FSerif")
    pdf.cell(0, 12, "SERTIFIKAT", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.f(12)
    pdf.cell(
        0,
        7,
        f"Nomor: 027/{rng.randint(100, 999)}/LPSE-KT/{c['tanggal'].year}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(6)
    pdf.cell(0, 7, "diberikan kepada", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.f(18, "B")
    pdf.cell(0, 10, pv["nama"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.f(12)
    pdf.cell(0, 7, f"NIP {pv['nip']}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(
        0,
        7,
        "atas partisipasinya sebagai peserta Pelatihan Penggunaan Aplikasi SPSE bagi Admin "
        "Agency yang diselenggarakan oleh LPSE Provinsi Kalimantan Timur.",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    lp = c["lpse_head"]
    pdf.signblock(
        rng,
        ["Samarinda, " + tgl(c["tanggal_sert"]), "Kepala Biro Pengadaan Barang dan Jasa,"],
        lp["nama"],
        nip=lp["nip_p"],
        size=11,
    )
    return (
        bytes(pdf.output()),
        1,
        {"jenis": "sertifikat pelatihan", "nama": pv["nama"], "nip": c["nip_digits"]},
    )


def x_pernyataan(c, rng):
    pv, ag = c["pv"], c["ag"]
    pdf = Doc()
    pdf.add_page()
    pdf.f(12, "BU")
    pdf.cell(0, 6, "SURAT PERNYATAAN TANGGUNG JAWAB", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pdf.para("Saya yang bertanda tangan di bawah ini:")
    pdf.kv(
        [
            ("Nama", pv["nama"]),
            ("NIP", pv["nip"]),
            ("Jabatan", pv["jabatan"]),
            ("Unit Kerja", pv["satker"]),
        ],
        lw=30,
        indent=5,
    )
    pdf.ln(2)
    pdf.para(
        "menyatakan bertanggung jawab penuh atas penggunaan akun Admin Agency yang diberikan "
        "oleh LPSE "
        "Provinsi Kalimantan Timur, tidak akan meminjamkan akun kepada pihak lain, dan segera "
        "melaporkan "
        "apabila terjadi penyalahgunaan akun."
    )
    pdf.ln(4)
    y = pdf.get_y() + 12
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(pdf.w - pdf.r_margin - 75, y, 22, 14)
    pdf.set_xy(pdf.w - pdf.r_margin - 75, y + 4)
    pdf.f(6, "", "LSans")
    pdf.cell(22, 3, "METERAI", align="C")
    pdf.set_xy(pdf.w - pdf.r_margin - 75, y + 7)
    pdf.cell(22, 3, "10000", align="C")
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(y - 12)
    pdf.signblock(
        rng, [f"{ag['kota']}, {tgl(c['tanggal'])}", "Yang menyatakan,"], pv["nama"], nip=pv["nip"]
    )
    return (
        bytes(pdf.output()),
        1,
        {"jenis": "surat pernyataan", "nama": pv["nama"], "nip": c["nip_digits"]},
    )


def x_daftar(c, rng):
    pdf = Doc()
    pdf.base_font = "LSans"
    pdf.add_page()
    pdf.set_y(80)
    pdf.f(20, "B")
    pdf.cell(0, 10, "BERKAS PERMOHONAN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 10, "AKUN ADMIN AGENCY SPSE", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.f(13)
    pdf.cell(0, 7, c["ag"]["satker"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, c["ag"]["instansi"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.f(11)
    for i, s in enumerate(
        ["Surat Permohonan", "Formulir Permohonan Akun", "Surat Keputusan Penunjukan"], 1
    ):
        pdf.set_x(70)
        pdf.cell(0, 6, f"{i}. {s}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(20)
    pdf.cell(0, 6, str(c["tanggal"].year), align="C")
    return bytes(pdf.output()), 1, {"jenis": "sampul"}


def x_blank(c, rng):
    pdf = Doc()
    pdf.add_page()
    return bytes(pdf.output()), 1, {"jenis": "halaman kosong"}


EXTRAS = {
    "x3_sertifikat": x_sertifikat,
    "x3_pernyataan": x_pernyataan,
    "x3_sampul": x_daftar,
    "blank": x_blank,
}
