"""blind3: appointment letters (SK / Surat Tugas / Surat Penunjukan) and cover letters (Surat
Permohonan)."""

from b3_common import ROMAWI, Doc, kepala_full, tgl

MENGINGAT = [
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa "
    "kali diubah, "
    "terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah "
    "sebagaimana telah diubah "
    "dengan Peraturan Presiden Nomor 12 Tahun 2021;",
    "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021 tentang "
    "Unit Kerja "
    "Pengadaan Barang/Jasa;",
    "Peraturan Kepala Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 1 Tahun 2015 "
    "tentang "
    "E-Tendering;",
]


def _kepala_full(ag):
    return kepala_full(ag)


def _sign_prefix(c, upper=True):
    """'a.n.', 'Plt.' or 'Plh.' and the lines above the signer."""
    ag, mode = c["ag"], c.get("sign_mode", "kepala")
    kep = _kepala_full(ag).upper() if upper else _kepala_full(ag)
    if mode == "plt":
        return [f"Plt. {kep},"], c["signer"]
    if mode == "plh":
        return [f"Plh. {kep},"], c["signer"]
    if mode == "an":
        return [f"a.n. {kep}", "Sekretaris,"], c["signer"]
    return [f"{kep},"], c["signer"]


def _ditunjuk_rows(c):
    return c["ditunjuk"]  # list of dicts: nama_p, nip_p, pangkat, jabatan, peran


def sk_lampiran(c, rng):
    """Keputusan with Menimbang/Mengingat in three-column form, diktum KESATU..KELIMA, LAMPIRAN
    table with NIP first."""
    ag = c["ag"]
    pdf = Doc(fmt=rng.choice(["A4", (215, 330)]), page_numbers="tengah_atas")
    pdf.base_font = rng.choice(["LSerif", "DSerif", "FSerif"])
    pdf.add_page()
    pdf.kop(ag, "tengah")
    kep = _kepala_full(ag).upper()
    pdf.f(11.5, "B")
    for line in (
        f"KEPUTUSAN {kep}",
        f"NOMOR {c['nomor']}",
        "",
        "TENTANG",
        "",
        "PENUNJUKAN ADMIN AGENCY LAYANAN PENGADAAN SECARA ELEKTRONIK",
        f"DI LINGKUNGAN {ag['satker'].upper()}",
        "",
        f"{kep},",
    ):
        pdf.multi_cell(0, 5.5, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    W = pdf.w - pdf.l_margin - pdf.r_margin

    def block(title, items, letters):
        first = True
        for i, it in enumerate(items):
            pdf.f(11)
            y = pdf.get_y()
            pdf.set_x(pdf.l_margin)
            pdf.cell(27, 5.5, title if first else "")
            pdf.cell(4, 5.5, ":" if first else "")
            pdf.cell(7, 5.5, (letters[i] + ".") if letters else f"{i + 1}.")
            pdf.multi_cell(W - 38, 5.5, it, align="J", new_x="LMARGIN", new_y="NEXT")
            first = False
            if pdf.get_y() < y:
                pass
        pdf.ln(2)

    block(
        "Menimbang",
        [
            f"bahwa dalam rangka kelancaran pelaksanaan pengadaan barang/jasa secara elektronik "
            f"di lingkungan "
            f"{ag['satker']}, perlu menunjuk Admin Agency pada Sistem Pengadaan Secara "
            f"Elektronik (SPSE);",
            "bahwa pegawai yang namanya tercantum dalam Lampiran Keputusan ini dipandang cakap "
            "dan mampu untuk "
            "melaksanakan tugas sebagai Admin Agency;",
            f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, "
            f"perlu menetapkan Keputusan "
            f"{_kepala_full(ag)} tentang Penunjukan Admin Agency Layanan Pengadaan Secara "
            f"Elektronik;",
        ],
        "abc",
    )
    block("Mengingat", rng.sample(MENGINGAT, 4), None)
    pdf.f(11, "B")
    pdf.cell(0, 6, "MEMUTUSKAN:", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.f(11)
    diktum = [
        (
            "Menetapkan",
            f"KEPUTUSAN {kep} TENTANG PENUNJUKAN ADMIN AGENCY LAYANAN PENGADAAN SECARA "
            f"ELEKTRONIK DI LINGKUNGAN {ag['satker'].upper()}.",
        ),
        (
            "KESATU",
            "Menunjuk pegawai yang nama dan jabatannya tercantum dalam Lampiran yang merupakan "
            "bagian "
            "tidak terpisahkan dari Keputusan ini sebagai Admin Agency pada SPSE LPSE Provinsi "
            "Kalimantan Timur.",
        ),
        (
            "KEDUA",
            "Admin Agency sebagaimana dimaksud dalam Diktum KESATU bertugas mendaftarkan, "
            "memverifikasi "
            "dan mengelola akun Pejabat Pembuat Komitmen, Pejabat Pengadaan dan pengguna lain di "
            "lingkungan instansi.",
        ),
        (
            "KETIGA",
            f"Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Dokumen "
            f"Pelaksanaan Anggaran (DPA) {ag['satker']} Tahun Anggaran {c['tanggal'].year}.",
        ),
        ("KEEMPAT", c["berlaku_teks"]),
    ]
    for lab, txt in diktum:
        pdf.set_x(pdf.l_margin)
        pdf.f(11, "B" if lab != "Menetapkan" else "")
        pdf.cell(27, 5.5, lab)
        pdf.f(11)
        pdf.cell(4, 5.5, ":")
        pdf.multi_cell(W - 31, 5.5, txt, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.ln(3)
    pre, sg = _sign_prefix(c)
    pdf.signblock(
        rng,
        [
            f"Ditetapkan di {ag['kota']}",
            f"pada tanggal {tgl(c['tanggal'], c.get('date_style', 'panjang'))}",
        ]
        + pre,
        sg["nama"],
        nip=sg["nip_p"],
        pangkat=sg.get("pangkat"),
        stamp_text=ag["satker"],
    )
    pdf.ln(4)
    pdf.f(10)
    pdf.cell(0, 5, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
    for i, t in enumerate(
        [
            "Kepala Biro Pengadaan Barang dan Jasa Setda Provinsi Kalimantan Timur;",
            "Inspektur;",
            "Yang bersangkutan untuk diketahui.",
        ],
        1,
    ):
        pdf.cell(0, 5, f"{i}. {t}", new_x="LMARGIN", new_y="NEXT")
    # lampiran
    pdf.add_page()
    x = pdf.w - pdf.r_margin - 85
    pdf.f(10)
    for ln in (
        f"LAMPIRAN KEPUTUSAN {kep}",
        f"NOMOR   {c['nomor']}",
        f"TANGGAL {tgl(c['tanggal'])}",
        "TENTANG PENUNJUKAN ADMIN AGENCY LAYANAN PENGADAAN SECARA ELEKTRONIK",
    ):
        pdf.set_x(x)
        pdf.multi_cell(85, 4.8, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.f(11, "B")
    pdf.cell(0, 6, "DAFTAR ADMIN AGENCY", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.f(9.5)
    with pdf.table(
        col_widths=(8, 38, 46, 30, 44, 26),
        line_height=5,
        text_align="LEFT",
        first_row_as_headings=True,
    ) as t:
        r = t.row()
        for h in ("NO", "NIP", "NAMA", "PANGKAT/GOL.", "JABATAN", "KEDUDUKAN"):
            r.cell(h)
        for i, p in enumerate(_ditunjuk_rows(c), 1):
            r = t.row()
            for v in (str(i), p["nip_p"], p["nama_p"], p["pangkat"], p["jabatan"], p["peran"]):
                r.cell(v)
    pdf.ln(8)
    pdf.signblock(
        rng, pre, sg["nama"], nip=sg["nip_p"], pangkat=sg.get("pangkat"), sign=rng.random() < 0.5
    )
    return bytes(pdf.output()), pdf.page_no()


def sk_surat_tugas(c, rng):
    """Short Surat Tugas: Dasar cites a Biro letter, MEMBERI TUGAS, Kepada numbered colon blocks,
    Untuk points."""
    ag = c["ag"]
    pdf = Doc(
        footer_text=rng.choice([None, f"{ag['alamat']} {ag['kota']} | {ag['telp']} | {ag['web']}"])
    )
    pdf.base_font = rng.choice(["LSans", "FSans", "DSans"])
    pdf.add_page()
    pdf.kop(ag, rng.choice(["tengah", "kiri"]))
    pdf.f(12.5, "BU")
    pdf.cell(0, 6, "SURAT TUGAS", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.f(11)
    pdf.cell(0, 6, f"Nomor: {c['nomor']}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    W = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.cell(22, 5.5, "Dasar")
    pdf.cell(4, 5.5, ":")
    pdf.multi_cell(
        W - 26,
        5.5,
        f"Surat Kepala Biro Pengadaan Barang dan Jasa Setda Provinsi Kalimantan Timur "
        f"Nomor 027/{rng.randint(100, 999)}/B.PBJ-LPSE tanggal "
        f"{tgl(c['dasar_tgl'])} perihal Pemutakhiran Admin Agency SPSE.",
        align="J",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    pdf.f(11.5, "B")
    pdf.cell(0, 6, "MEMBERI TUGAS", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.f(11)
    pdf.cell(22, 5.5, "Kepada")
    pdf.cell(4, 5.5, ":", new_x="LMARGIN", new_y="NEXT")
    for i, p in enumerate(_ditunjuk_rows(c), 1):
        pdf.set_x(pdf.l_margin + 26)
        pdf.cell(6, 5.5, f"{i}.")
        first = True
        for lab, v in (
            ("Nama", p["nama_p"]),
            ("NIP", p["nip_p"]),
            ("Pangkat/Gol.", p["pangkat"]),
            ("Jabatan", p["jabatan"]),
        ):
            if not first:
                pdf.set_x(pdf.l_margin + 32)
            pdf.cell(28, 5.5, lab)
            pdf.cell(4, 5.5, ":")
            pdf.multi_cell(W - 64, 5.5, v, new_x="LMARGIN", new_y="NEXT")
            first = False
        pdf.ln(1)
    pdf.ln(1)
    pdf.cell(22, 5.5, "Untuk")
    pdf.cell(4, 5.5, ":")
    pts = [
        "Melaksanakan tugas sebagai Admin Agency pada Sistem Pengadaan Secara Elektronik (SPSE) "
        "LPSE Provinsi "
        "Kalimantan Timur;",
        "Mengikuti pelatihan/bimbingan teknis yang diselenggarakan oleh LPSE Provinsi "
        "Kalimantan Timur;",
        c["berlaku_teks"],
        "Melaksanakan tugas ini dengan penuh tanggung jawab dan melaporkan hasilnya kepada "
        "pimpinan.",
    ]
    for i, t in enumerate(pts, 1):
        if i > 1:
            pdf.set_x(pdf.l_margin + 26)
        pdf.cell(6, 5.5, f"{i}.")
        pdf.multi_cell(W - 32, 5.5, t, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pre, sg = _sign_prefix(c)
    pdf.signblock(
        rng,
        [
            f"Dikeluarkan di {ag['kota']}",
            f"pada tanggal {tgl(c['tanggal'], c.get('date_style', 'panjang'))}",
        ]
        + pre,
        sg["nama"],
        nip=sg["nip_p"],
        pangkat=sg.get("pangkat"),
        stamp_text=ag["satker"],
    )
    return bytes(pdf.output()), pdf.page_no()


def tembusan_1(ag):
    if "Pemerintah" in ag["instansi"]:
        return ag["instansi"].replace("Pemerintah", "Sekretaris Daerah")
    return "Pimpinan " + ag["instansi"]


def sk_penunjukan_prosa(c, rng):
    """SURAT PENUNJUKAN in prose, the person(s) in a bordered label/value box, validity in the
    closing text."""
    ag = c["ag"]
    pdf = Doc()
    pdf.base_font = rng.choice(["LSerif", "FSerif"])
    pdf.add_page()
    pdf.kop(ag, "tengah")
    pdf.f(12, "B")
    pdf.cell(0, 6, "SURAT PENUNJUKAN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.f(11)
    pdf.cell(0, 5.5, f"NOMOR : {c['nomor']}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pdf.para(
        f"Dalam rangka pelaksanaan pengadaan barang/jasa pemerintah secara elektronik, "
        f"{_kepala_full(ag)} "
        f"dengan ini menunjuk pegawai sebagaimana tersebut di bawah ini:"
    )
    pdf.ln(2)
    W = pdf.w - pdf.l_margin - pdf.r_margin
    for p in _ditunjuk_rows(c):
        with pdf.table(col_widths=(45, W - 45), line_height=6.5, first_row_as_headings=False) as t:
            for lab, v in (
                ("Nama", p["nama_p"]),
                ("NIP", p["nip_p"]),
                ("Pangkat/Golongan", p["pangkat"]),
                ("Jabatan", p["jabatan"]),
                ("Unit Kerja", ag["satker"]),
            ):
                r = t.row()
                r.cell(lab)
                r.cell(v)
        pdf.ln(3)
    pdf.para(
        "sebagai Admin Agency pada Sistem Pengadaan Secara Elektronik (SPSE) Layanan Pengadaan "
        "Secara "
        f"Elektronik Provinsi Kalimantan Timur untuk lingkungan {ag['satker']}, {ag['instansi']}."
    )
    pdf.ln(2)
    pdf.para(c["berlaku_teks"])
    pdf.ln(2)
    pdf.para(
        "Demikian Surat Penunjukan ini dibuat untuk dapat dilaksanakan dengan penuh tanggung jawab."
    )
    pdf.ln(5)
    pre, sg = _sign_prefix(c)
    pdf.signblock(
        rng,
        [f"{ag['kota']}, {tgl(c['tanggal'], c.get('date_style', 'panjang'))}"] + pre,
        sg["nama"],
        nip=sg["nip_p"],
        pangkat=sg.get("pangkat"),
        stamp_text=ag["satker"],
    )
    pdf.ln(3)
    pdf.f(9.5)
    pdf.cell(0, 5, "Tembusan Yth.:", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        5,
        "1. " + tembusan_1(ag) + ";",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(0, 5, "2. Arsip.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), pdf.page_no()


SKS = {
    "s3_lampiran": sk_lampiran,
    "s3_surat_tugas": sk_surat_tugas,
    "s3_penunjukan_prosa": sk_penunjukan_prosa,
}


# ---------------------------------------------------------------- cover letters
def _addr_lines(tujuan, cq):
    if cq:
        return ["Gubernur Kalimantan Timur", f"c.q. {tujuan}"]
    return [tujuan]


def lt_tte(c, rng):
    """Tata Naskah letter signed electronically (BSrE box), date right, Yth. block, person inline
    with contacts."""
    ag, pv = c["ag"], c["pv"]
    pdf = Doc(
        footer_text="Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat "
        "elektronik "
        "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi "
        "Negara."
    )
    pdf.base_font = rng.choice(["LSans", "DSans"])
    pdf.add_page()
    pdf.kop(ag, rng.choice(["tengah", "kiri"]))
    pdf.f(11)
    pdf.cell(
        0,
        5.5,
        f"{ag['kota']}, {tgl(c['tanggal'], c.get('date_style', 'panjang'))}",
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.kv(
        [
            ("Nomor", c["nomor"]),
            ("Sifat", "Biasa"),
            ("Lampiran", "1 (satu) berkas"),
            ("Hal", c["hal"]),
        ],
        lw=22,
    )
    pdf.ln(4)
    pdf.cell(0, 5.5, "Yth.", new_x="LMARGIN", new_y="NEXT")
    for ln in _addr_lines(c["tujuan"], c.get("cq")):
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(100, 5.5, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5.5, "di Samarinda", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    nip_s = f", NIP {pv['nip']}" if pv.get("nip") else ""
    pdf.para(
        f"Menindaklanjuti ketentuan pengelolaan pengguna Sistem Pengadaan Secara Elektronik "
        f"(SPSE), bersama ini "
        f"kami mengajukan permohonan pembuatan akun Admin Agency bagi Saudara {pv['nama']}{nip_s}, "
        f"{pv['jabatan']} pada {ag['satker']}, dengan nomor HP {pv['telepon'] or '-'} dan "
        f"alamat surel "
        f"{pv['email'] or '-'}.",
        indent=0,
    )
    pdf.ln(2)
    pdf.para(
        "Sebagai bahan pertimbangan, bersama ini kami lampirkan formulir permohonan akun dan "
        "surat penunjukan "
        "yang bersangkutan. Demikian disampaikan, atas perhatian dan kerja samanya diucapkan "
        "terima kasih."
    )
    pdf.ln(5)
    pre, sg = _sign_prefix(c)
    x = pdf.w - pdf.r_margin - 80
    pdf.f(11)
    for ln in pre:
        pdf.set_x(x)
        pdf.multi_cell(pdf.w - pdf.r_margin - x, 5.5, ln, new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 1
    pdf.set_fill_color(0, 0, 0)
    for i in range(7):
        for j in range(7):
            if rng.random() < 0.5 or (i in (0, 6) or j in (0, 6)):
                pdf.rect(x + i * 2.2, y + j * 2.2, 2.2, 2.2, style="F")
    pdf.set_xy(x + 18, y + 2)
    pdf.f(7.5, "I")
    pdf.multi_cell(60, 3.5, "Ditandatangani secara elektronik", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(y + 18)
    pdf.set_x(x)
    pdf.f(11, "B")
    pdf.cell(80, 5.5, sg["nama"], new_x="LMARGIN", new_y="NEXT")
    pdf.f(11)
    pdf.set_x(x)
    pdf.cell(80, 5.5, f"NIP {sg['nip_p']}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.f(10)
    pdf.cell(0, 5, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        5,
        "1. Yang bersangkutan;"
        if c.get("sign_mode", "kepala") == "kepala"
        else f"1. {_kepala_full(ag)} (sebagai laporan);",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(0, 5, "2. Arsip.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), pdf.page_no()


def lt_kolom_kepada(c, rng):
    """Nomor/Lampiran/Perihal left and 'Kepada Yth.' right at the same height, person as an
    indented colon list."""
    ag, pv = c["ag"], c["pv"]
    pdf = Doc(fmt=rng.choice(["A4", (215, 330)]))
    pdf.base_font = rng.choice(["LSerif", "FSerif", "DSerif"])
    pdf.add_page()
    pdf.kop(ag, "tengah")
    pdf.f(11)
    pdf.cell(
        0,
        5.5,
        f"{ag['kota']}, {tgl(c['tanggal'], c.get('date_style', 'panjang'))}",
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    y = pdf.get_y()
    for lab, v in (("Nomor", c["nomor"]), ("Lampiran", "-"), ("Perihal", c["hal"])):
        pdf.set_x(pdf.l_margin)
        pdf.cell(20, 5.5, lab)
        pdf.cell(3, 5.5, ":")
        pdf.multi_cell(62, 5.5, v, new_x="LMARGIN", new_y="NEXT")
    yl = pdf.get_y()
    x = pdf.l_margin + 95
    pdf.set_xy(x, y)
    pdf.cell(0, 5.5, "Kepada", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(x - 8)
    pdf.cell(8, 5.5, "Yth.")
    for ln in _addr_lines(c["tujuan"], c.get("cq")):
        pdf.set_x(x)
        pdf.multi_cell(pdf.w - pdf.r_margin - x, 5.5, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(x)
    pdf.cell(0, 5.5, "di -", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(x + 8)
    pdf.f(11, "BU")
    pdf.cell(0, 5.5, "SAMARINDA", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(yl, pdf.get_y()) + 6)
    ind = 23
    pdf.para(
        "Dalam rangka pelaksanaan pengadaan barang/jasa secara elektronik di lingkungan "
        f"{ag['satker']}, dengan hormat kami mohon kiranya dapat dibuatkan akun Admin Agency pada "
        "SPSE LPSE Provinsi Kalimantan Timur atas nama:",
        indent=ind,
    )
    pdf.ln(1)
    rows = [("Nama", pv["nama"])]
    if pv.get("nip"):
        rows.append(("NIP", pv["nip"]))
    rows += [("Jabatan", pv["jabatan"]), ("Unit Kerja", ag["satker"])]
    pdf.kv(rows, lw=30, indent=ind + 5)
    pdf.ln(1)
    pdf.para(
        "Bersama ini kami lampirkan Formulir Permohonan dan Surat Keputusan penunjukan yang "
        "bersangkutan. "
        "Demikian permohonan ini disampaikan, atas perhatian dan kerja sama Bapak/Ibu kami "
        "ucapkan terima "
        "kasih.",
        indent=ind,
    )
    pdf.ln(5)
    pre, sg = _sign_prefix(c)
    pdf.signblock(
        rng, pre, sg["nama"], nip=sg["nip_p"], pangkat=sg.get("pangkat"), stamp_text=ag["satker"]
    )
    return bytes(pdf.output()), pdf.page_no()


def lt_ringkas(c, rng):
    """Ministry/university style: number and date on one line, subject bold, addressee with
    street address,
    numbered paragraphs, paraf hierarki box."""
    ag, pv = c["ag"], c["pv"]
    pdf = Doc()
    pdf.base_font = rng.choice(["LSans", "FSans"])
    pdf.add_page()
    pdf.kop(ag, "kiri")
    pdf.f(10.5)
    y = pdf.get_y()
    pdf.cell(0, 5.5, f"Nomor  : {c['nomor']}")
    pdf.set_xy(pdf.l_margin, y)
    pdf.cell(
        0,
        5.5,
        tgl(c["tanggal"], c.get("date_style", "panjang")),
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(0, 5.5, "Lampiran: 2 (dua) berkas", new_x="LMARGIN", new_y="NEXT")
    pdf.f(10.5, "B")
    pdf.cell(0, 5.5, f"Hal      : {c['hal']}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.f(10.5)
    pdf.cell(0, 5.5, "Yth.", new_x="LMARGIN", new_y="NEXT")
    for ln in _addr_lines(c["tujuan"], c.get("cq")):
        pdf.multi_cell(110, 5.5, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0, 5.5, c.get("tujuan_alamat", "Jalan Gajah Mada Nomor 2"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(0, 5.5, "Samarinda", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pts = [
        f"Sehubungan dengan mutasi pegawai di lingkungan {ag['satker']}, Admin Agency kami "
        f"perlu diganti.",
        f"Sehubungan dengan hal tersebut, kami mengusulkan {pv['nama']}"
        + (f" (NIP {pv['nip']})" if pv.get("nip") else "")
        + f", {pv['jabatan']}, untuk dibuatkan akun Admin Agency pada SPSE LPSE Provinsi "
        f"Kalimantan Timur.",
        "Formulir permohonan dan surat penunjukan yang bersangkutan kami lampirkan bersama "
        "surat ini.",
    ]
    for i, p in enumerate(pts, 1):
        pdf.set_x(pdf.l_margin)
        pdf.cell(7, 5.5, f"{i}.")
        pdf.multi_cell(
            pdf.w - pdf.l_margin - pdf.r_margin - 7,
            5.5,
            p,
            align="J",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(1)
    pdf.para("Atas perhatian dan kerja sama Saudara, kami sampaikan terima kasih.", 10.5)
    pdf.ln(4)
    pre, sg = _sign_prefix(c)
    pdf.signblock(
        rng,
        _sign_prefix(c, upper=False)[0],
        sg["nama"],
        nip=sg["nip_p"],
        size=10.5,
        underline=False,
    )
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_draw_color(140, 140, 140)
    pdf.rect(pdf.l_margin, y, 40, 12)
    pdf.set_xy(pdf.l_margin + 1, y + 1)
    pdf.f(7)
    pdf.cell(38, 3, "Paraf Hierarki:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 1)
    pdf.cell(38, 3, "Kasubag Umum ....  Sekretaris ....")
    pdf.set_draw_color(0, 0, 0)
    return bytes(pdf.output()), pdf.page_no()


LETTERS = {"p3_tte": lt_tte, "p3_kolom_kepada": lt_kolom_kepada, "p3_ringkas": lt_ringkas}


def nomor_surat(rng, ag, d, kind):
    if kind == "sk":
        return (
            f"800.1.11.1/{rng.randint(10, 499)}/{ag['kode']}/{d.year}"
            if "UN" not in ag["kode"]
            else f"{rng.randint(100, 999)}/UN17/KP/{d.year}"
        )
    return rng.choice(
        [
            f"000.8.3/{rng.randint(100, 2999)}/{ag['kode']}/{ROMAWI[d.month - 1]}/{d.year}",
            f"{ag['kode']}/{rng.randint(100, 999)}/PL.01/{d.month:02d}/{d.year}",
            f"027/{rng.randint(100, 999)}/{ag['kode']}.{rng.randint(1, 4)}/{d.year}",
        ]
    )
