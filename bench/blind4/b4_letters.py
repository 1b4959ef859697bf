"""blind4 appointments (surat_penunjukan) and cover letters (surat_permohonan).

SK functions take `c` and `sk` (nomor, tanggal printed, validity sentence, appointees with printed
values, signer) and return (bytes, pages, kind)."""

from b4_common import Doc, kaki_footer, letterhead, sign_block

DIKTUM = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM"]


def _diktum(doc, label, text, lw=26):
    doc.f("B")
    x = doc.l_margin
    doc.set_x(x)
    doc.cell(lw, 5.6, label)
    doc.cell(4, 5.6, ":")
    doc.f()
    doc.multi_cell(doc.pw() - lw - 4, 5.6, text, align="J", new_x="LMARGIN", new_y="NEXT")
    doc.gap(1.5)


def _pointed(doc, head, items, lw=28, numbered=True):
    doc.f()
    first = True
    for i, it in enumerate(items):
        doc.set_x(doc.l_margin)
        doc.cell(lw, 5.6, head if first else "")
        doc.cell(4, 5.6, ":" if first else "")
        mark = f"{i + 1}." if numbered else f"{'abcdefg'[i]}."
        doc.cell(7, 5.6, mark)
        doc.multi_cell(doc.pw() - lw - 11, 5.6, it, align="J", new_x="LMARGIN", new_y="NEXT")
        first = False
    doc.gap(1.5)


MENGINGAT = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali "
    "diubah, terakhir dengan Undang-Undang Nomor 9 Tahun 2015;",
    "Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi "
    "Elektronik;",
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana "
    "telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021;",
    "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021 tentang Unit "
    "Kerja Pengadaan Barang/Jasa;",
]


# ------------------------------------------------------------------ s4_sekda_tabel
def sk_sekda_tabel(c, sk):
    """Keputusan Sekretaris Daerah Provinsi for several Perangkat Daerah:
    Menimbang/Mengingat/MEMUTUSKAN, KESATU refers to the Lampiran; the Lampiran is a landscape page
    with a multi-column table (No | Nama | NIP | Pangkat/Gol. | Jabatan | Perangkat Daerah | Ket.);
    the Sekda signs with NIP."""
    rng = c["rng"]
    doc = Doc(c["paper"], font=c["font"], size=10, margins=(25, 15, 20))
    doc.add_page()
    doc.emblem(doc.w / 2, doc.get_y() + 10, 10)
    doc.set_y(doc.get_y() + 24)
    for t in [
        "KEPUTUSAN SEKRETARIS DAERAH PROVINSI KALIMANTAN TIMUR",
        f"NOMOR {sk['nomor']}",
        "TENTANG",
        "PENUNJUKAN ADMINISTRATOR AGENCY (ADMIN AGENCY) SISTEM PENGADAAN SECARA ELEKTRONIK "
        "PADA PERANGKAT DAERAH DI LINGKUNGAN PEMERINTAH PROVINSI KALIMANTAN TIMUR",
        "",
        "SEKRETARIS DAERAH PROVINSI KALIMANTAN TIMUR,",
    ]:
        doc.line_text(t, style="B", align="C", h=5.5)
    doc.gap(3)
    _pointed(
        doc,
        "Menimbang",
        [
            "bahwa untuk kelancaran pengelolaan pengguna Sistem Pengadaan Secara Elektronik pada "
            "Perangkat Daerah perlu menunjuk Administrator Agency;",
            "bahwa berdasarkan usulan Kepala Perangkat Daerah, Aparatur Sipil Negara yang namanya "
            "tercantum dalam Lampiran Keputusan ini dipandang cakap dan memenuhi syarat;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
            "menetapkan Keputusan Sekretaris Daerah tentang Penunjukan Administrator Agency;",
        ],
        numbered=False,
    )
    _pointed(doc, "Mengingat", MENGINGAT)
    doc.line_text("MEMUTUSKAN:", style="B", align="C")
    doc.gap(1)
    doc.f()
    doc.cell(26, 5.6, "Menetapkan")
    doc.cell(4, 5.6, ":")
    doc.multi_cell(
        doc.pw() - 30,
        5.6,
        "KEPUTUSAN SEKRETARIS DAERAH TENTANG PENUNJUKAN ADMINISTRATOR AGENCY SISTEM PENGADAAN "
        "SECARA ELEKTRONIK PADA PERANGKAT DAERAH DI LINGKUNGAN PEMERINTAH PROVINSI KALIMANTAN "
        "TIMUR.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.gap(1.5)
    _diktum(
        doc,
        "KESATU",
        "Menunjuk Aparatur Sipil Negara yang namanya tercantum dalam Lampiran yang merupakan "
        "bagian tidak terpisahkan dari Keputusan ini sebagai Administrator Agency (Admin Agency) "
        "pada Perangkat Daerah masing-masing.",
    )
    _diktum(
        doc,
        "KEDUA",
        "Admin Agency sebagaimana dimaksud dalam Diktum KESATU bertugas mendaftarkan dan "
        "memverifikasi Pejabat Pembuat Komitmen, Pokja Pemilihan dan Pejabat Pengadaan pada "
        "aplikasi SPSE.",
    )
    _diktum(
        doc,
        "KETIGA",
        f"Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Dokumen "
        f"Pelaksanaan Anggaran Biro Pengadaan Barang/Jasa Tahun Anggaran {sk['tahun']}.",
    )
    _diktum(doc, "KEEMPAT", sk["validity_text"])
    doc.gap(3)
    doc.keep(52)
    x = doc.w - doc.r_margin - 80
    doc.set_x(x)
    doc.cell(80, 5.5, "Ditetapkan di Samarinda", new_x="LMARGIN", new_y="NEXT")
    doc.set_x(x)
    doc.cell(80, 5.5, f"pada tanggal {sk['tanggal_print']}", new_x="LMARGIN", new_y="NEXT")
    sign_block(
        doc,
        rng,
        x,
        None,
        ["SEKRETARIS DAERAH,"],
        sk["signer"]["nama"],
        sk["signer_nip"],
        pangkat=sk["signer_pangkat"],
    )
    doc.gap(3)
    doc.f("", 9)
    doc.line_text(
        "Tembusan Yth.:\n1. Gubernur Kalimantan Timur (sebagai laporan);\n2. Kepala Biro Pengadaan "
        "Barang/Jasa Setda Prov. Kaltim;\n3. Kepala Perangkat Daerah terkait;\n4. Yang "
        "bersangkutan.",
        size=9,
        h=4.5,
    )
    # lampiran, landscape
    doc.add_page(orientation="L")
    x = doc.w - doc.r_margin - 110
    doc.f("", 9.5)
    for t in [
        "LAMPIRAN",
        "KEPUTUSAN SEKRETARIS DAERAH PROVINSI KALIMANTAN TIMUR",
        f"NOMOR   {sk['nomor']}",
        f"TANGGAL {sk['tanggal_print']}",
    ]:
        doc.set_x(x)
        doc.cell(110, 4.8, t, new_x="LMARGIN", new_y="NEXT")
    doc.gap(4)
    doc.line_text("DAFTAR ADMINISTRATOR AGENCY PERANGKAT DAERAH", style="B", size=11, align="C")
    doc.gap(2)
    ws = [9, 56, 42, 36, 48, 42]
    ws.append(doc.pw() - sum(ws))
    doc.set_fill_color(220, 220, 220)
    doc.f("B", 9)
    for w, t in zip(
        ws,
        ["NO", "NAMA", "NIP", "PANGKAT/GOL.", "JABATAN", "PERANGKAT DAERAH", "KET."],
        strict=True,
    ):
        doc.cell(w, 8, t, border=1, align="C", fill=True)
    doc.ln(8)
    for i, p in enumerate(sk["ditunjuk"]):
        vals = [
            str(i + 1),
            p["nama_print"],
            p["nip_print"],
            p["pangkat_print"],
            p["jabatan"],
            p["satker"],
            p.get("ket", "Baru"),
        ]
        doc.f("", 8.5)
        nl = max(
            len(doc.multi_cell(w - 2, 4.4, t, dry_run=True, output="LINES"))
            for w, t in zip(ws, vals, strict=True)
        )
        h = 4.4 * nl + 2
        y = doc.get_y()
        xx = doc.l_margin
        for w, t in zip(ws, vals, strict=True):
            doc.rect(xx, y, w, h)
            doc.set_xy(xx + 0.5, y + 1)
            doc.multi_cell(w - 1, 4.4, t, align="C" if w == 9 else "L")
            xx += w
        doc.set_xy(doc.l_margin, y + h)
    doc.gap(4)
    doc.keep(52)
    x = doc.w - doc.r_margin - 80
    sign_block(
        doc,
        rng,
        x,
        None,
        ["SEKRETARIS DAERAH,"],
        sk["signer"]["nama"],
        sk["signer_nip"],
        pangkat=sk["signer_pangkat"],
    )
    return doc.output(), doc.pages_count, "pdf"


# ------------------------------------------------------------------ s4_diktum_kalimat
def sk_diktum_kalimat(c, sk):
    """Keputusan of the agency head with each appointee written as one sentence in a Diktum (name,
    NIP, rank, post and unit inline); a second appointee, if any, as reserve in KEDUA; 'Salinan ...
    disampaikan kepada'."""
    ag, rng = c["ag"], c["rng"]
    doc = Doc(c["paper"], font=c["font"], size=11)
    doc.add_page()
    letterhead(doc, ag, c.get("kop_style", "duologo"), rng)
    head_up = sk["signer_role"].upper()
    for t in [
        f"KEPUTUSAN {head_up}",
        f"NOMOR : {sk['nomor']}",
        "TENTANG",
        "PENUNJUKAN ADMIN AGENCY LAYANAN PENGADAAN SECARA ELEKTRONIK",
        "",
        f"{head_up},",
    ]:
        doc.line_text(t, style="B", align="C", h=5.5)
    doc.gap(3)
    _pointed(
        doc,
        "Menimbang",
        [
            "bahwa dalam rangka pelaksanaan pengadaan barang/jasa secara elektronik perlu ditunjuk "
            "Admin Agency yang mengelola akun pengguna SPSE;",
            "bahwa sehubungan dengan huruf a, perlu menetapkan Keputusan tentang Penunjukan Admin "
            "Agency;",
        ],
        numbered=False,
    )
    _pointed(
        doc,
        "Mengingat",
        MENGINGAT[2:]
        + [
            "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 1 "
            "Tahun 2015 tentang E-Tendering;"
        ],
    )
    doc.line_text("MEMUTUSKAN:", style="B", align="C")
    doc.gap(1)
    doc.f()
    doc.cell(26, 5.6, "Menetapkan")
    doc.cell(4, 5.6, ":")
    doc.multi_cell(
        doc.pw() - 30,
        5.6,
        f"KEPUTUSAN {head_up} TENTANG PENUNJUKAN ADMIN AGENCY LAYANAN PENGADAAN SECARA ELEKTRONIK.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.gap(1.5)
    k = 0
    for i, p in enumerate(sk["ditunjuk"]):
        sdr = "Saudara" if p.get("gender", 1) == 1 else "Saudari"
        role = "sebagai Admin Agency" if i == 0 else "sebagai Admin Agency Cadangan"
        _diktum(
            doc,
            DIKTUM[k],
            f"Menunjuk {sdr} {p['nama_print']}, NIP {p['nip_print']}, pangkat/golongan "
            f"{p['pangkat_print']}, jabatan {p['jabatan']} pada {p['satker']}, {role} Layanan "
            "Pengadaan Secara Elektronik Provinsi Kalimantan Timur.",
        )
        k += 1
    _diktum(
        doc,
        DIKTUM[k],
        "Admin Agency bertugas mendaftarkan, memverifikasi dan menonaktifkan akun Pejabat Pembuat "
        "Komitmen, Pokja Pemilihan dan Pejabat Pengadaan pada SPSE serta menjaga kerahasiaan akun.",
    )
    k += 1
    _diktum(doc, DIKTUM[k], sk["validity_text"])
    doc.gap(2)
    doc.keep(52)
    x = doc.w - doc.r_margin - 78
    doc.set_x(x)
    doc.cell(78, 5.5, "Ditetapkan di : Samarinda", new_x="LMARGIN", new_y="NEXT")
    doc.set_x(x)
    doc.cell(78, 5.5, f"pada tanggal  : {sk['tanggal_print']}", new_x="LMARGIN", new_y="NEXT")
    sign_block(
        doc,
        rng,
        x,
        None,
        [sk["signer_role"] + ","],
        sk["signer"]["nama"],
        sk["signer_nip"],
        pangkat=sk["signer_pangkat"],
    )
    doc.gap(2)
    doc.line_text(
        "Salinan Keputusan ini disampaikan kepada Yth.:\n1. Kepala Biro Pengadaan Barang/Jasa "
        "Setda Provinsi Kalimantan Timur di Samarinda;\n2. Kepala LPSE Provinsi Kalimantan "
        "Timur;\n3. Yang bersangkutan untuk dilaksanakan.",
        size=9,
        h=4.5,
    )
    return doc.output(), doc.pages_count, "pdf"


# ------------------------------------------------------------------ s4_surat_perintah
def sk_surat_perintah(c, sk):
    """Civil SURAT PERINTAH of the agency head: Dasar (cites the Biro's letter), MEMERINTAHKAN,
    Kepada with 'Nama/NIP' on one line separated by ' / ', Untuk points holding the validity,
    Dikeluarkan di/Pada tanggal, Tembusan; contacts in the page footer."""
    ag, rng = c["ag"], c["rng"]
    doc = Doc(c["paper"], font=c["font"], size=11, footer=kaki_footer(ag))
    doc.add_page()
    letterhead(doc, ag, "kaki", rng)
    doc.line_text("SURAT PERINTAH", style="BU", size=13, align="C", h=6)
    doc.line_text(f"NOMOR : {sk['nomor']}", align="C")
    doc.gap(4)
    _pointed(
        doc,
        "Dasar",
        [
            "Peraturan Presiden Nomor 12 Tahun 2021 tentang Perubahan atas Peraturan Presiden "
            "Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah;",
            "Surat Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur Nomor "
            f"{c['biro_letter_no']} tanggal {c['biro_letter_date']} perihal Pembaruan Data Admin "
            "Agency SPSE.",
        ],
        lw=22,
    )
    doc.line_text("MEMERINTAHKAN:", style="B", align="C")
    doc.gap(2)
    doc.f()
    for i, p in enumerate(sk["ditunjuk"]):
        rows = [
            ("Nama/NIP", f"{p['nama_print']} / {p['nip_print']}"),
            ("Pangkat/Gol.", p["pangkat_print"]),
            ("Jabatan", p["jabatan"]),
        ]
        for j, (a, b) in enumerate(rows):
            doc.set_x(doc.l_margin)
            doc.cell(22, 5.6, "Kepada" if (i == 0 and j == 0) else "")
            doc.cell(4, 5.6, ":" if (i == 0 and j == 0) else "")
            doc.cell(7, 5.6, f"{i + 1}." if (j == 0 and len(sk["ditunjuk"]) > 1) else "")
            doc.cell(28, 5.6, a)
            doc.cell(4, 5.6, ":")
            doc.multi_cell(doc.pw() - 65, 5.6, b, new_x="LMARGIN", new_y="NEXT")
        doc.gap(1.5)
    _pointed(
        doc,
        "Untuk",
        [
            "melaksanakan tugas sebagai Admin Agency Sistem Pengadaan Secara Elektronik pada "
            f"{ag['satker']};",
            "mengikuti pelatihan aplikasi SPSE yang diselenggarakan oleh LPSE Provinsi Kalimantan "
            "Timur;",
            sk["validity_text"],
            "melaksanakan perintah ini dengan penuh tanggung jawab.",
        ],
        lw=22,
    )
    doc.gap(2)
    doc.keep(52)
    x = doc.w - doc.r_margin - 78
    doc.set_x(x)
    doc.cell(78, 5.5, "Dikeluarkan di : Samarinda", new_x="LMARGIN", new_y="NEXT")
    doc.set_x(x)
    doc.cell(78, 5.5, f"Pada tanggal   : {sk['tanggal_print']}", new_x="LMARGIN", new_y="NEXT")
    sign_block(
        doc,
        rng,
        x,
        None,
        [sk["signer_role"] + ","],
        sk["signer"]["nama"],
        sk["signer_nip"],
        pangkat=sk["signer_pangkat"],
    )
    doc.gap(2)
    doc.line_text(
        "Tembusan:\n1. Kepala Biro Pengadaan Barang/Jasa Setda Prov. Kaltim;\n2. Arsip.",
        size=9,
        h=4.5,
    )
    return doc.output(), doc.pages_count, "pdf"


SKS = {
    "s4_sekda_tabel": sk_sekda_tabel,
    "s4_diktum_kalimat": sk_diktum_kalimat,
    "s4_surat_perintah": sk_surat_perintah,
}


# ------------------------------------------------------------------ cover letters
def _yth(doc, tujuan, x=None, w=None, di=True):
    x = doc.l_margin if x is None else x
    w = w or doc.pw()
    parts = [p.strip() for p in tujuan.replace("c.q.", "\nc.q.").split("\n")]
    doc.f()
    doc.set_x(x)
    doc.multi_cell(w, 5.5, "Yth. " + parts[0], new_x="LMARGIN", new_y="NEXT")
    for p in parts[1:]:
        doc.set_x(x + 8)
        doc.multi_cell(w - 8, 5.5, p, new_x="LMARGIN", new_y="NEXT")
    if di:
        doc.set_x(x)
        doc.cell(w, 5.5, "di -", new_x="LMARGIN", new_y="NEXT")
        doc.set_x(x + 10)
        doc.cell(w, 5.5, "Samarinda", new_x="LMARGIN", new_y="NEXT")


def _closing_sign(doc, c, lt):
    doc.keep(45)
    x = doc.w - doc.r_margin - 80
    sign_block(
        doc,
        c["rng"],
        x,
        None,
        lt["signer_roles"],
        lt["signer"]["nama"],
        lt["signer_nip"],
        pangkat=lt.get("signer_pangkat"),
    )


def letter_hal_tengah(c, lt):
    """Date right; Nomor/Sifat/Lampiran in a small ruled grid at the left; Kepada/Yth. block; the
    subject as a centred bold title; the applicant inline with rank; Plt./a.n. signer with NIP;
    Tembusan with other offices."""
    ag, v = c["ag"], c["lv"]
    doc = Doc(c["paper"], font=c["font"], size=11)
    doc.add_page()
    letterhead(doc, ag, c.get("kop_style", "kiri_blok"), c["rng"])
    doc.cell(0, 5.5, f"Samarinda, {lt['tanggal_print']}", align="R", new_x="LMARGIN", new_y="NEXT")
    doc.gap(2)
    for a, b in [("Nomor", lt["nomor"]), ("Sifat", "Biasa"), ("Lampiran", "1 (satu) berkas")]:
        doc.cell(22, 6, a, border=1)
        doc.cell(68, 6, b, border=1, new_x="LMARGIN", new_y="NEXT")
    doc.gap(4)
    doc.cell(0, 5.5, "Kepada", new_x="LMARGIN", new_y="NEXT")
    _yth(doc, lt["tujuan"], w=100)
    doc.gap(5)
    doc.line_text(lt["hal"].upper(), style="B", align="C")
    doc.gap(3)
    doc.line_text(
        "Dalam rangka tertib administrasi pengelolaan pengguna Sistem Pengadaan Secara Elektronik "
        f"(SPSE) pada {ag['satker']}, bersama ini kami mengusulkan {lt['sdr']} {lt['nama_print']}, "
        f"NIP {lt['nip_print']}, pangkat/golongan {v['pangkat']}, jabatan {v['jabatan']}, untuk "
        "dibuatkan akun Admin Agency pada LPSE Provinsi Kalimantan Timur.",
        align="J",
    )
    doc.gap(2)
    doc.line_text(
        "Sebagai kelengkapan, bersama ini kami lampirkan formulir permohonan yang telah diisi dan "
        "ditandatangani serta surat penunjukan yang bersangkutan sebagai Admin Agency.",
        align="J",
    )
    doc.gap(2)
    doc.line_text(
        "Demikian permohonan ini kami sampaikan, atas perhatian dan kerja samanya diucapkan terima "
        "kasih.",
        align="J",
    )
    doc.gap(4)
    _closing_sign(doc, c, lt)
    doc.gap(3)
    doc.line_text(
        "Tembusan:\n1. Sekretaris Daerah Provinsi Kalimantan Timur (sebagai laporan);\n2. "
        "Inspektur Provinsi Kalimantan Timur;\n3. Arsip.",
        size=9,
        h=4.5,
    )
    return doc.output(), doc.pages_count, "pdf"


def letter_dua_halaman(c, lt):
    """A two-page letter on F4/A4 with contacts in the footer: numbered points (basis, the outgoing
    admin moved away with name and NIP, the proposal), the applicant as a dash list on page 2,
    signed a.n. by the Sekretaris."""
    ag, v = c["ag"], c["lv"]
    doc = Doc(c["paper"], font=c["font"], size=11, footer=kaki_footer(ag))
    doc.add_page()
    letterhead(doc, ag, "kaki", c["rng"])
    for a, b in [("Nomor", lt["nomor"]), ("Lampiran", "3 (tiga) dokumen"), ("Hal", lt["hal"])]:
        doc.cell(22, 5.5, a)
        doc.cell(4, 5.5, ":")
        doc.multi_cell(95, 5.5, b, new_x="LMARGIN", new_y="NEXT")
    doc.set_xy(doc.w - doc.r_margin - 60, doc.get_y() - 16.5)
    doc.cell(60, 5.5, lt["tanggal_print"], align="R", new_x="LMARGIN", new_y="NEXT")
    doc.set_y(doc.get_y() + 14)
    _yth(doc, lt["tujuan"], w=110)
    doc.gap(5)
    prev = c.get("prev")
    paras = [
        "Berdasarkan Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa "
        "Pemerintah sebagaimana telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021, dan "
        "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 1 Tahun 2015 tentang "
        "E-Tendering, setiap instansi pengguna SPSE wajib memiliki Admin Agency yang bertugas "
        "mengelola akun Pejabat Pembuat Komitmen dan Pejabat Pengadaan di lingkungan instansinya.",
        (
            f"Admin Agency pada {ag['satker']} sebelumnya, Saudara {prev['nama']} NIP "
            f"{prev['nip_print']}, telah dipindahtugaskan sehingga akun yang bersangkutan perlu "
            "dinonaktifkan."
        )
        if prev
        else (
            f"Sampai dengan saat ini {ag['satker']} belum memiliki Admin Agency yang aktif pada "
            "SPSE LPSE Provinsi Kalimantan Timur, sehingga pendaftaran PPK dan Pejabat Pengadaan "
            "masih dilakukan melalui helpdesk."
        ),
        "Sehubungan dengan hal tersebut di atas, dan mengingat padatnya jadwal pengadaan "
        "barang/jasa tahun berjalan, bersama ini kami mengajukan permohonan pembuatan akun Admin "
        "Agency untuk pegawai sebagai berikut:",
    ]
    doc.f()
    for i, p in enumerate(paras):
        doc.cell(8, 5.6, f"{i + 1}.")
        doc.multi_cell(doc.pw() - 8, 5.6, p, align="J", new_x="LMARGIN", new_y="NEXT")
        doc.gap(2)
    doc.add_page()
    doc.cell(0, 5, "- 2 -", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.gap(5)
    for a, b in [
        ("Nama", lt["nama_print"]),
        ("NIP", lt["nip_print"]),
        ("Pangkat/Gol.", v["pangkat"]),
        ("Jabatan", v["jabatan"]),
        ("Unit Kerja", ag["satker"]),
        ("Surel", v["email"]),
        ("Telepon Seluler", v["telepon"]),
    ]:
        doc.set_x(doc.l_margin + 8)
        doc.cell(5, 5.6, "-")
        doc.cell(34, 5.6, a)
        doc.cell(4, 5.6, ":")
        doc.multi_cell(doc.pw() - 51, 5.6, b or "", new_x="LMARGIN", new_y="NEXT")
    doc.gap(3)
    doc.cell(8, 5.6, "4.")
    doc.multi_cell(
        doc.pw() - 8,
        5.6,
        "Bersama ini kami lampirkan formulir permohonan, surat penunjukan sebagai Admin Agency, "
        "dan fotokopi kartu pegawai yang bersangkutan. Demikian disampaikan, atas perhatian "
        "Bapak/Ibu diucapkan terima kasih.",
        align="J",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.gap(5)
    _closing_sign(doc, c, lt)
    return doc.output(), doc.pages_count, "pdf"


def letter_kepada_atas(c, lt):
    """Place and date, then the Kepada block on the right, then Nomor/Sifat/Lampiran/Perihal on the
    left below it; the applicant in one sentence with e-mail and phone; an enclosure checklist table
    (Ada/Tidak)."""
    ag, v = c["ag"], c["lv"]
    doc = Doc(c["paper"], font=c["font"], size=11)
    doc.add_page()
    letterhead(doc, ag, c.get("kop_style", "duologo"), c["rng"])
    x = doc.w - doc.r_margin - 85
    doc.set_x(x)
    doc.cell(85, 5.5, f"Samarinda, {lt['tanggal_print']}", new_x="LMARGIN", new_y="NEXT")
    doc.gap(2)
    doc.set_x(x)
    doc.cell(85, 5.5, "Kepada", new_x="LMARGIN", new_y="NEXT")
    _yth(doc, lt["tujuan"], x=x, w=85)
    doc.gap(4)
    for a, b in [
        ("Nomor", lt["nomor"]),
        ("Sifat", "Segera"),
        ("Lampiran", "1 (satu) set"),
        ("Perihal", lt["hal"]),
    ]:
        doc.cell(22, 5.5, a)
        doc.cell(4, 5.5, ":")
        doc.multi_cell(90, 5.5, b, new_x="LMARGIN", new_y="NEXT")
    doc.gap(5)
    doc.set_x(doc.l_margin + 26)
    doc.multi_cell(
        doc.pw() - 26,
        5.6,
        "Dengan hormat, bersama ini kami mohon kiranya dapat dibuatkan akun Admin Agency SPSE "
        f"bagi {lt['sdr']} {lt['nama_print']} (NIP {lt['nip_print']}), {v['jabatan']} pada "
        f"{ag['satker']}, alamat surel {v['email']} dan nomor telepon seluler {v['telepon']}. "
        "Kelengkapan berkas kami sampaikan sebagai berikut:",
        align="J",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.gap(2)
    xx = doc.l_margin + 26
    ws = [10, 95, 20, 20]
    doc.set_x(xx)
    doc.set_fill_color(230, 230, 230)
    for w, t in zip(ws, ["No", "Dokumen", "Ada", "Tidak"], strict=True):
        doc.cell(w, 6.5, t, border=1, align="C", fill=True)
    doc.ln(6.5)
    for i, t in enumerate(
        [
            "Formulir Permohonan Akun Admin Agency",
            "Surat Penunjukan sebagai Admin Agency",
            "Fotokopi Kartu Tanda Pegawai",
        ]
    ):
        doc.set_x(xx)
        doc.cell(ws[0], 6.5, str(i + 1), border=1, align="C")
        doc.cell(ws[1], 6.5, t, border=1)
        doc.cell(ws[2], 6.5, "V", border=1, align="C")
        doc.cell(ws[3], 6.5, "", border=1, align="C")
        doc.ln(6.5)
    doc.gap(3)
    doc.set_x(xx)
    doc.multi_cell(
        doc.pw() - 26,
        5.6,
        "Demikian kami sampaikan, atas perkenan Bapak/Ibu diucapkan terima kasih.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.gap(4)
    _closing_sign(doc, c, lt)
    return doc.output(), doc.pages_count, "pdf"


LETTERS = {
    "p4_hal_tengah": letter_hal_tengah,
    "p4_dua_halaman": letter_dua_halaman,
    "p4_kepada_atas": letter_kepada_atas,
}
