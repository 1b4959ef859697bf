"""blind2: appointment decrees (surat_penunjukan) and cover letters (surat_permohonan) as PDF."""

from __future__ import annotations

import datetime as dt

from b2_common import ROMAWI, TERBILANG, Ctx, P, Person, add_months, emblem, fmt_phone, kop, tgl
from b2_forms import Doc
from fpdf.enums import XPos, YPos

NX = dict(new_x=XPos.LMARGIN, new_y=YPos.NEXT)


# ----------------------------------------------------------------------------------------------
# shared wording
# ----------------------------------------------------------------------------------------------
def validity(ctx: Ctx, subject="Keputusan ini"):
    """(sentence, berlaku, berlaku_sampai)"""
    kind, val = ctx.sk_valid
    if kind == "sampai":
        return (
            f"{subject} mulai berlaku pada tanggal ditetapkan sampai dengan tanggal {tgl(val)}.",
            f"sejak ditetapkan sampai dengan {tgl(val)}",
            val,
        )
    if kind == "bulan":
        n, start = val
        end = add_months(start, n) - dt.timedelta(days=1)
        return (
            f"{subject} berlaku untuk jangka waktu {n} ({TERBILANG[n]}) bulan terhitung mulai "
            "tanggal "
            f"{tgl(start)}.",
            f"{n} ({TERBILANG[n]}) bulan sejak {tgl(start)}",
            end,
        )
    if kind == "ta":
        return (
            f"{subject} berlaku sejak tanggal ditetapkan untuk pelaksanaan kegiatan Tahun "
            f"Anggaran {val}.",
            f"Tahun Anggaran {val}",
            dt.date(val, 12, 31),
        )
    if kind == "tinjau":
        return (
            f"{subject} berlaku sejak tanggal ditetapkan sampai dengan ditetapkannya keputusan "
            "yang baru.",
            "sejak ditetapkan, tanpa batas waktu",
            None,
        )
    return (f"{subject} mulai berlaku pada tanggal ditetapkan.", "sejak tanggal ditetapkan", None)


def appointees(ctx: Ctx) -> list[Person]:
    if "sk_list" in ctx.extra:
        return ctx.extra["sk_list"]
    lst = list(ctx.others)
    pos = ctx.extra.get("sk_pos", len(lst))
    lst.insert(min(pos, len(lst)), ctx.sk_p())
    return lst


def nm(ctx: Ctx, p: Person) -> str:
    return p.nama_upper if ctx.sk_upper else p.nama


def nipf(ctx: Ctx, p: Person) -> str:
    return p.nip_spaced if ctx.extra.get("sk_nip_spaced", True) else p.nip


def ditunjuk(ctx: Ctx, people=None):
    return [
        dict(nama=nm(ctx, p), nip=p.nip, jabatan=p.jabatan) for p in (people or appointees(ctx))
    ]


def signer(p: Person, jab: str):
    return dict(nama=p.nama, nip=p.nip, jabatan=jab)


def sk_sig(ctx: Ctx):
    """who signs the appointment: the agency head unless the case names another signer."""
    return ctx.extra.get("sk_signer", ctx.head), ctx.extra.get("sk_signer_jab", ctx.ag["head"])


def sk_nomor(ctx: Ctx) -> str:
    r = ctx.rng
    code = ctx.extra.get("sk_code") or r.choice(
        ["000.8.3.2", "800.1.11.1", "100.3.3.2", "000.1.2.3"]
    )
    return f"{code}/{r.randint(12, 480)}/{ctx.ag['code']}/{ctx.d_sk.year}"


def letter_nomor(ctx: Ctx) -> str:
    r = ctx.rng
    code = r.choice(["000.3", "027", "800.1.2.3", "000.7.2"])
    unit = r.choice(["Sekr", "Umum", "Prog", "TU"])
    month = ROMAWI[ctx.d_letter.month - 1]
    return f"{code}/{r.randint(100, 2400)}/{ctx.ag['code']}-{unit}/{month}/{ctx.d_letter.year}"


HAL = [
    "Permohonan Pembuatan Akun Admin Agency SPSE",
    "Permohonan Akun Admin Agency",
    "Usulan Admin Agency pada SPSE LPSE Provinsi Kalimantan Timur",
    "Permohonan User ID Admin Agency",
    "Pengajuan Akun Admin Agency SPSE",
]

MENIMBANG = [
    "bahwa dalam rangka pelaksanaan pengadaan barang/jasa secara elektronik di lingkungan "
    "{satker}, perlu menunjuk "
    "pegawai yang bertugas sebagai Admin Agency pada Sistem Pengadaan Secara Elektronik (SPSE);",
    "bahwa pegawai yang namanya tercantum dalam Keputusan ini dipandang cakap dan memenuhi syarat "
    "untuk "
    "melaksanakan tugas tersebut;",
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
    "menetapkan Keputusan "
    "tentang Penunjukan Admin Agency;",
]
MENGINGAT_DAERAH = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa "
    "kali diubah, "
    "terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
    "Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi "
    "Elektronik;",
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana "
    "telah diubah "
    "dengan Peraturan Presiden Nomor 12 Tahun 2021;",
    "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021 tentang "
    "Unit Kerja "
    "Pengadaan Barang/Jasa;",
    "Peraturan Kepala Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 1 Tahun 2015 "
    "tentang E-Tendering;",
]
MENGINGAT_PUSAT = [
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
    "Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi "
    "Elektronik;",
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana "
    "telah diubah "
    "dengan Peraturan Presiden Nomor 12 Tahun 2021;",
    "Peraturan Kepala Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 1 Tahun 2015 "
    "tentang E-Tendering;",
]
TUGAS = [
    "mendaftarkan dan memverifikasi Pokja Pemilihan, Pejabat Pengadaan dan Pejabat Pembuat "
    "Komitmen pada SPSE;",
    "memperbarui data pengguna apabila terjadi perubahan personel;",
    "menjaga kerahasiaan user id dan kata sandi yang diberikan oleh LPSE;",
    "melaporkan pelaksanaan tugas kepada pimpinan secara berkala.",
]


def mengingat(ctx):
    return MENGINGAT_PUSAT if ctx.ag["kind"] == "vertikal" else MENGINGAT_DAERAH


def labeled_list(pdf: P, label, items, lw=28, marks="abc", h=5.4, numbered=True, size=None):
    pdf.f("", size)
    L = pdf.l_margin
    for i, t in enumerate(items):
        y = pdf.get_y()
        if y + h * 2 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_x(L)
        pdf.cell(lw, h, label if i == 0 else "")
        pdf.cell(4, h, ":" if i == 0 else "")
        if numbered:
            mark = (marks[i] + ".") if marks != "123" else f"{i + 1}."
            pdf.cell(7, h, mark)
        pdf.multi_cell(0, h, t, align="J", **NX)
    pdf.ln(1.5)


def diktum(pdf: P, label, text, lw=28, h=5.4, bold=True, sep=":"):
    if pdf.get_y() + h * 2 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.f("B" if bold else "")
    pdf.set_x(pdf.l_margin)
    pdf.cell(lw, h, label)
    pdf.f("")
    pdf.cell(4, h, sep)
    pdf.multi_cell(0, h, text, align="J", **NX)
    pdf.ln(1)


def sub_items(pdf: P, items, x, marks="abcdefg", h=5.4):
    for i, t in enumerate(items):
        pdf.set_x(x)
        pdf.cell(7, h, (marks[i] + ".") if marks != "123" else f"{i + 1}.")
        pdf.multi_cell(0, h, t, align="J", **NX)
    pdf.ln(1)


def tembusan(pdf: P, items, size=9.5):
    pdf.ln(4)
    pdf.f("U", size)
    pdf.cell(0, 4.8, "Tembusan:", **NX)
    pdf.f("", size)
    for i, t in enumerate(items, 1):
        pdf.cell(6, 4.8, f"{i}.")
        pdf.multi_cell(0, 4.8, t, **NX)


def tujuan_text(ctx: Ctx) -> str:
    return (
        f"{ctx.tujuan}"
        if not ctx.cq
        else f"{ctx.extra.get('cq_top', 'Gubernur Kalimantan Timur')} c.q. {ctx.tujuan}"
    )


# ----------------------------------------------------------------------------------------------
# A1: Keputusan with a numbered list of appointees inside KESATU (name / NIP / jabatan lines)
# ----------------------------------------------------------------------------------------------
def sk_kesatu_daftar(ctx: Ctx) -> Doc:
    ag = ctx.ag
    SKH, SKJ = sk_sig(ctx)
    pdf = P(font=ctx.sk_font, size=11, fmt=ctx.fmt, margins=(25, 14, 22))
    kop(
        pdf,
        ag,
        ctx.extra.get("sk_kop", "vertikal" if ag["kind"] == "setda" else ctx.kop_style),
        ctx.phone_office,
    )
    nomor = sk_nomor(ctx)
    head_up = ag["sk_head"]
    topic = (
        "PENUNJUKAN ADMIN AGENCY SISTEM PENGADAAN SECARA ELEKTRONIK DI LINGKUNGAN "
        f"{ag['satker'].upper()}"
    )
    pdf.center(f"KEPUTUSAN {head_up}", "B", 11.5, after=0)
    pdf.center(f"NOMOR {nomor}", "", 11, after=2)
    pdf.center("TENTANG", "", 11, after=2)
    pdf.center(topic, "B", 11, after=3)
    pdf.center(f"{head_up},", "B", 11, after=3)
    labeled_list(pdf, "Menimbang", [t.format(satker=ag["satker"]) for t in MENIMBANG])
    labeled_list(pdf, "Mengingat", mengingat(ctx), marks="123")
    pdf.center("MEMUTUSKAN:", "B", 11, after=2)
    diktum(pdf, "Menetapkan", f"KEPUTUSAN {head_up} TENTANG {topic}.")
    diktum(pdf, "KESATU", "Menunjuk pegawai yang namanya tersebut di bawah ini:")
    x = pdf.l_margin + 32
    for i, p in enumerate(appointees(ctx), 1):
        if pdf.get_y() + 17 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_x(x)
        pdf.f("")
        pdf.cell(7, 5.4, f"{i}.")
        pdf.f("B")
        pdf.multi_cell(0, 5.4, nm(ctx, p), **NX)
        pdf.f("")
        for t in [f"{'NI PPPK' if p.pppk else 'NIP'}. {nipf(ctx, p)}", p.jabatan]:
            pdf.set_x(x + 7)
            pdf.multi_cell(0, 5.4, t, **NX)
        pdf.ln(1)
    pdf.set_x(x)
    pdf.multi_cell(
        0,
        5.4,
        "sebagai Admin Agency pada Sistem Pengadaan Secara Elektronik (SPSE) yang dikelola oleh "
        "LPSE Provinsi Kalimantan Timur.",
        align="J",
        **NX,
    )
    pdf.ln(1)
    diktum(pdf, "KEDUA", "Admin Agency sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas:")
    sub_items(pdf, TUGAS, x)
    diktum(
        pdf,
        "KETIGA",
        "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Dokumen "
        f"Pelaksanaan Anggaran (DPA) {ag['satker']} Tahun Anggaran {ctx.d_sk.year}.",
    )
    vtext, berlaku, sampai = validity(ctx)
    diktum(pdf, "KEEMPAT", vtext)
    pdf.ln(4)
    if pdf.get_y() + 50 > pdf.page_break_trigger:
        pdf.add_page()
    xs = pdf.w - pdf.r_margin - 82
    pdf.f("")
    pdf.need(62)
    pdf.kv("Ditetapkan di", ag["city"], lw=30, x=xs, h=5.4)
    pdf.kv("pada tanggal", tgl(ctx.d_sk), lw=30, x=xs, h=5.4)
    pdf.ln(3)
    pdf.sign_block(
        xs,
        [SKJ.split(" Provinsi")[0].split(" Kabupaten")[0].upper() + ","],
        nm(ctx, SKH),
        f"NIP. {SKH.nip_spaced}",
        seed=ctx.seed + 101,
        stamp_seed=ctx.seed + 5,
        w=82,
        after_lines=[],
        name_style="BU",
    )
    pdf.set_x(xs)
    tembusan(
        pdf,
        [
            "Gubernur Kalimantan Timur di Samarinda;",
            "Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur;",
            "Yang bersangkutan untuk diketahui dan dilaksanakan.",
        ],
    )
    f = dict(
        nomor=nomor,
        tanggal=ctx.d_sk.isoformat(),
        berlaku=berlaku,
        berlaku_sampai=sampai and sampai.isoformat(),
        ditunjuk=ditunjuk(ctx),
        penandatangan=signer(SKH, SKJ),
    )
    return Doc("surat_penunjukan", "a2_kesatu_daftar", f, pdf=pdf.bytes(), npages=pdf.page)


# ----------------------------------------------------------------------------------------------
# A2: Surat Keputusan Direksi of a BUMD (PERTAMA/KEDUA, signed by the board, no NIP)
# ----------------------------------------------------------------------------------------------
def sk_direksi_bumd(ctx: Ctx) -> Doc:
    ag = ctx.ag
    SKH, SKJ = sk_sig(ctx)
    r = ctx.rng
    pdf = P(font=ctx.sk_font, size=10.5, fmt="A4", margins=(22, 12, 22))
    kop(pdf, ag, "bumd", ctx.phone_office, fam="LSans")
    nomor = (
        f"SK-{r.randint(10, 99):03d}/DIR-{ag['code']}/{ROMAWI[ctx.d_sk.month - 1]}/{ctx.d_sk.year}"
    )
    pdf.center("SURAT KEPUTUSAN DIREKSI", "B", 12, after=0)
    pdf.center(ag["kop"][0], "B", 11.5, after=0)
    pdf.center(f"Nomor: {nomor}", "", 10.5, after=2)
    pdf.center("tentang", "", 10.5, after=1)
    pdf.center(
        "PENUNJUKAN PEGAWAI SEBAGAI ADMIN AGENCY\nSISTEM PENGADAAN SECARA ELEKTRONIK",
        "B",
        10.5,
        after=3,
    )
    pdf.center(f"DIREKSI {ag['kop'][0]},", "B", 10.5, after=3)
    labeled_list(
        pdf,
        "Menimbang",
        [
            "bahwa Perseroan melaksanakan pengadaan barang/jasa melalui Sistem Pengadaan Secara "
            "Elektronik yang "
            "dikelola LPSE Provinsi Kalimantan Timur;",
            "bahwa untuk itu perlu menunjuk pegawai Perseroan sebagai Admin Agency dengan Surat "
            "Keputusan Direksi;",
        ],
    )
    labeled_list(
        pdf,
        "Mengingat",
        [
            "Undang-Undang Nomor 40 Tahun 2007 tentang Perseroan Terbatas;",
            "Peraturan Pemerintah Nomor 54 Tahun 2017 tentang Badan Usaha Milik Daerah;",
            "Peraturan Daerah Provinsi Kalimantan Timur tentang Perseroan Terbatas "
            f"{ag['kop'][0].title()};",
            "Anggaran Dasar Perseroan beserta perubahannya;",
            "Peraturan Direksi tentang Pedoman Pengadaan Barang dan Jasa Perseroan.",
        ],
        marks="123",
    )
    labeled_list(
        pdf,
        "Memperhatikan",
        ["Hasil rapat Direksi tentang pengelolaan pengadaan secara elektronik."],
        numbered=False,
    )
    pdf.center("MEMUTUSKAN", "B", 10.5, after=2)
    diktum(
        pdf,
        "Menetapkan",
        "SURAT KEPUTUSAN DIREKSI TENTANG PENUNJUKAN PEGAWAI SEBAGAI ADMIN AGENCY SPSE.",
    )
    diktum(pdf, "PERTAMA", "Menunjuk pegawai Perseroan sebagai berikut:")
    x = pdf.l_margin + 32
    for p in appointees(ctx):
        for k, v in [("Nama", nm(ctx, p)), ("NIP", p.nip), ("Jabatan", p.jabatan)]:
            pdf.kv(k, v, lw=22, x=x, h=5.2)
        pdf.ln(1.5)
    pdf.set_x(x)
    pdf.multi_cell(
        0, 5.2, "sebagai Admin Agency Perseroan pada SPSE LPSE Provinsi Kalimantan Timur.", **NX
    )
    pdf.ln(1)
    diktum(
        pdf,
        "KEDUA",
        "Admin Agency bertanggung jawab kepada Direktur Utama atas pengelolaan akun pengguna "
        "SPSE di lingkungan Perseroan.",
    )
    vtext, berlaku, sampai = validity(ctx, "Surat Keputusan ini")
    diktum(
        pdf,
        "KETIGA",
        vtext + " Apabila di kemudian hari terdapat kekeliruan, akan diadakan perbaikan "
        "sebagaimana mestinya.",
    )
    pdf.ln(3)
    xs = pdf.w - pdf.r_margin - 80
    pdf.need(62)
    pdf.kv("Ditetapkan di", ag["city"], lw=28, x=xs, h=5.2)
    pdf.kv("Pada tanggal", tgl(ctx.d_sk), lw=28, x=xs, h=5.2)
    pdf.ln(2)
    pdf.sign_block(
        xs,
        [f"DIREKSI {ag['kop'][0]}", "Direktur Utama,"],
        SKH.nama,
        None,
        seed=ctx.seed + 111,
        w=80,
    )
    f = dict(
        nomor=nomor,
        tanggal=ctx.d_sk.isoformat(),
        berlaku=berlaku,
        berlaku_sampai=sampai and sampai.isoformat(),
        ditunjuk=ditunjuk(ctx),
        penandatangan=dict(nama=SKH.nama, nip=None, jabatan="Direktur Utama"),
    )
    return Doc("surat_penunjukan", "a2_direksi_bumd", f, pdf=pdf.bytes(), npages=pdf.page)


# ----------------------------------------------------------------------------------------------
# A3: PETIKAN Keputusan (only the relevant diktum; "Untuk petikan yang sah" by another official)
# ----------------------------------------------------------------------------------------------
def sk_petikan(ctx: Ctx) -> Doc:
    ag = ctx.ag
    SKH, SKJ = sk_sig(ctx)
    pdf = P(font=ctx.sk_font, size=11, fmt=ctx.fmt, margins=(26, 16, 22))
    pdf.image(
        emblem("garuda" if ag["kind"] == "vertikal" else "shield"), x=(pdf.w - 16) / 2, y=12, w=16
    )
    pdf.set_y(34)
    nomor = sk_nomor(ctx)
    pdf.center("PETIKAN", "B", 12, after=1)
    pdf.center(f"KEPUTUSAN {ag['sk_head']}", "B", 11, after=0)
    pdf.center(f"NOMOR : {nomor}", "", 11, after=2)
    pdf.center("TENTANG", "", 11, after=1)
    pdf.center("PENUNJUKAN ADMIN AGENCY PADA SISTEM PENGADAAN SECARA ELEKTRONIK", "B", 11, after=3)
    pdf.center(f"{ag['sk_head']},", "B", 11, after=3)
    for k in ["Menimbang", "Mengingat", "Memperhatikan"]:
        diktum(pdf, k, "dst.", bold=False)
    pdf.center("MEMUTUSKAN:", "B", 11, after=2)
    diktum(
        pdf,
        "Menetapkan",
        f"KEPUTUSAN {ag['sk_head']} TENTANG PENUNJUKAN ADMIN AGENCY PADA SISTEM PENGADAAN "
        "SECARA ELEKTRONIK.",
    )
    p = ctx.sk_p()
    diktum(pdf, "KESATU", "Menunjuk Saudara:")
    x = pdf.l_margin + 32
    for k, v in [
        ("Nama", nm(ctx, p)),
        ("NI PPPK" if p.pppk else "NIP", nipf(ctx, p)),
        ("Pangkat/Gol.", p.pangkat),
        ("Jabatan", p.jabatan),
        ("Unit Kerja", ag["satker"]),
    ]:
        pdf.kv(k, v, lw=30, x=x, h=5.6)
    pdf.set_x(x)
    pdf.multi_cell(0, 5.6, "sebagai Admin Agency pada SPSE LPSE Provinsi Kalimantan Timur.", **NX)
    pdf.ln(1)
    diktum(pdf, "KEDUA", "dst.", bold=True)
    vtext, berlaku, sampai = validity(ctx)
    diktum(pdf, "KETIGA", vtext)
    pdf.ln(3)
    xs = pdf.w - pdf.r_margin - 82
    pdf.need(62)
    pdf.kv("Ditetapkan di", ag["city"], lw=30, x=xs, h=5.4)
    pdf.kv("pada tanggal", tgl(ctx.d_sk), lw=30, x=xs, h=5.4)
    pdf.ln(2)
    head_short = SKJ.split(" Provinsi")[0].split(" Kabupaten")[0].upper()
    hn = SKH.nama_upper if ctx.sk_upper else SKH.nama
    for t in [head_short + ",", "", "ttd.", "", hn, f"NIP. {SKH.nip_spaced}"]:
        pdf.set_x(xs)
        pdf.f("BU" if t == hn else "")
        pdf.cell(82, 5.2, t, **NX)
    pdf.ln(4)
    pdf.f("")
    pdf.para(
        f"Petikan Keputusan ini disampaikan kepada Saudara {nm(ctx, p)} untuk diketahui dan "
        "dipergunakan "
        "sebagaimana mestinya.",
        after=4,
    )
    y = pdf.get_y()
    if y + 40 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.sign_block(
        xs,
        ["Untuk petikan yang sah,", ctx.extra.get("sek_title", "Sekretaris") + ","],
        ctx.sek.nama,
        f"NIP. {ctx.sek.nip_spaced}",
        seed=ctx.seed + 121,
        stamp_seed=ctx.seed + 7,
        w=82,
    )
    f = dict(
        nomor=nomor,
        tanggal=ctx.d_sk.isoformat(),
        berlaku=berlaku,
        berlaku_sampai=sampai and sampai.isoformat(),
        ditunjuk=ditunjuk(ctx, [p]),
        penandatangan=signer(SKH, SKJ),
    )
    return Doc("surat_penunjukan", "a2_petikan", f, pdf=pdf.bytes(), npages=pdf.page)


# ----------------------------------------------------------------------------------------------
# A4: Surat Perintah Tugas with a "Kepada" table (name and NIP in separate columns)
# ----------------------------------------------------------------------------------------------
def sk_spt_kepada(ctx: Ctx) -> Doc:
    ag = ctx.ag
    SKH, SKJ = sk_sig(ctx)
    r = ctx.rng
    pdf = P(font=ctx.sk_font, size=11, fmt=ctx.fmt, margins=(22, 14, 20))
    kop(pdf, ag, ctx.kop_style, ctx.phone_office)
    code = r.choice(["800.1.11.1", "094", "000.1.2.3"])
    nomor = f"{code}/{r.randint(100, 990)}/{ag['code']}/{ctx.d_sk.year}"
    pdf.center("SURAT PERINTAH TUGAS", "BU", 13, after=0)
    pdf.center(f"Nomor: {nomor}", "", 11, after=5)
    biro_no = f"000.3/{r.randint(100, 900)}/B.PBJ/{ctx.d_sk.year}"
    biro_d = ctx.d_sk - dt.timedelta(days=r.randint(10, 40))
    labeled_list(
        pdf,
        "Dasar",
        [
            "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah "
            "sebagaimana telah diubah "
            "dengan Peraturan Presiden Nomor 12 Tahun 2021;",
            "Surat Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur Nomor "
            f"{biro_no} tanggal "
            f"{tgl(biro_d)} perihal Pemutakhiran Data Admin Agency;",
            f"Dokumen Pelaksanaan Anggaran {ag['satker']} Tahun Anggaran {ctx.d_sk.year}.",
        ],
        lw=22,
        marks="123",
    )
    pdf.center("MEMERINTAHKAN:", "B", 11.5, after=3)
    pdf.f("")
    pdf.cell(22, 6, "Kepada")
    pdf.cell(4, 6, ":", **NX)
    W = pdf.epw_
    cols = [9, 52, 42, 32, W - 135]
    pdf.row(
        ["No", "Nama", "NIP", "Pangkat/Gol.", "Jabatan"],
        cols,
        h=5.2,
        styles=["B"] * 5,
        aligns=["C"] * 5,
        fills=[235] * 5,
        size=10,
    )
    for i, p in enumerate(appointees(ctx), 1):
        pdf.row(
            [str(i), nm(ctx, p), nipf(ctx, p), p.pangkat, p.jabatan],
            cols,
            h=5.2,
            size=10,
            aligns=["C", "L", "L", "L", "L"],
        )
    pdf.ln(4)
    vtext, berlaku, sampai = validity(ctx, "Surat Perintah Tugas ini")
    labeled_list(
        pdf,
        "Untuk",
        [
            "melaksanakan tugas sebagai Admin Agency pada Sistem Pengadaan Secara Elektronik LPSE "
            "Provinsi "
            "Kalimantan Timur;",
            "mengikuti pelatihan penggunaan aplikasi SPSE yang diselenggarakan oleh LPSE;",
            "melaporkan hasil pelaksanaan tugas kepada pimpinan;",
            vtext,
        ],
        lw=22,
        marks="123",
    )
    pdf.ln(4)
    xs = pdf.w - pdf.r_margin - 80
    pdf.need(62)
    pdf.kv("Dikeluarkan di", ag["city"], lw=30, x=xs, h=5.4)
    pdf.kv("Pada tanggal", tgl(ctx.d_sk), lw=30, x=xs, h=5.4)
    pdf.hline(x0=xs, x1=xs + 78)
    pdf.ln(2)
    pdf.sign_block(
        xs,
        [SKJ + ","],
        SKH.nama,
        f"NIP {SKH.nip_spaced}",
        seed=ctx.seed + 131,
        stamp_seed=ctx.seed + 8,
        w=80,
        after_lines=[SKH.pangkat],
    )
    f = dict(
        nomor=nomor,
        tanggal=ctx.d_sk.isoformat(),
        berlaku=berlaku,
        berlaku_sampai=sampai and sampai.isoformat(),
        ditunjuk=ditunjuk(ctx),
        penandatangan=signer(SKH, SKJ),
    )
    return Doc("surat_penunjukan", "a2_spt_kepada", f, pdf=pdf.bytes(), npages=pdf.page)


# ----------------------------------------------------------------------------------------------
# A5: Keputusan whose LAMPIRAN groups the team by role under Roman numerals
# ----------------------------------------------------------------------------------------------
def sk_lampiran_kelompok(ctx: Ctx) -> Doc:
    ag = ctx.ag
    SKH, SKJ = sk_sig(ctx)
    pdf = P(font=ctx.sk_font, size=11, fmt=ctx.fmt, margins=(25, 14, 22))
    kop(pdf, ag, ctx.kop_style, ctx.phone_office)
    nomor = sk_nomor(ctx)
    head_up = ag["sk_head"]
    topic = f"PEMBENTUKAN TIM PENGELOLA SISTEM PENGADAAN SECARA ELEKTRONIK {ag['satker'].upper()}"
    pdf.center(f"KEPUTUSAN {head_up}", "B", 11, after=0)
    pdf.center(f"NOMOR {nomor}", "", 11, after=2)
    pdf.center("TENTANG", "", 11, after=1)
    pdf.center(topic, "B", 11, after=3)
    pdf.center("DENGAN RAHMAT TUHAN YANG MAHA ESA", "B", 11, after=1)
    pdf.center(f"{head_up},", "B", 11, after=3)
    labeled_list(
        pdf,
        "Menimbang",
        [
            t.format(satker=ag["satker"]).replace("Admin Agency pada", "Tim Pengelola")
            for t in MENIMBANG[:2]
        ],
    )
    labeled_list(pdf, "Mengingat", mengingat(ctx)[:4], marks="123")
    pdf.center("MEMUTUSKAN:", "B", 11, after=2)
    diktum(pdf, "Menetapkan", f"KEPUTUSAN {head_up} TENTANG {topic}.")
    diktum(
        pdf,
        "KESATU",
        "Membentuk Tim Pengelola SPSE dengan susunan keanggotaan sebagaimana tercantum dalam "
        "Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
    )
    diktum(
        pdf,
        "KEDUA",
        "Anggota Tim yang ditunjuk sebagai Admin Agency bertugas mendaftarkan, memverifikasi dan "
        "memutakhirkan data Pokja Pemilihan, Pejabat Pengadaan dan PPK pada SPSE.",
    )
    vtext, berlaku, sampai = validity(ctx)
    diktum(pdf, "KETIGA", vtext)
    pdf.ln(4)
    xs = pdf.w - pdf.r_margin - 82

    def ttd(sd):
        pdf.need(62)
        pdf.kv("Ditetapkan di", ag["city"], lw=30, x=xs, h=5.4)
        pdf.kv("pada tanggal", tgl(ctx.d_sk), lw=30, x=xs, h=5.4)
        pdf.ln(2)
        pdf.sign_block(
            xs,
            [SKJ.split(" Provinsi")[0].split(" Kabupaten")[0].upper() + ","],
            SKH.nama,
            f"NIP {SKH.nip_spaced}",
            seed=ctx.seed + sd,
            stamp_seed=ctx.seed + sd,
            w=82,
        )

    ttd(141)
    pdf.add_page()
    pdf.f("", 10)
    for k, v in [
        ("LAMPIRAN", f"KEPUTUSAN {head_up}"),
        ("NOMOR", nomor),
        ("TANGGAL", tgl(ctx.d_sk)),
        ("TENTANG", topic.title().replace("Sistem", "Sistem")),
    ]:
        pdf.kv(k, v, lw=24, x=pdf.w - pdf.r_margin - 95, h=4.8, size=9.5)
    pdf.ln(6)
    pdf.center("SUSUNAN TIM PENGELOLA SPSE", "B", 11.5, after=4)
    groups = ctx.extra.get("groups")
    if groups is None:
        app = appointees(ctx)
        groups = [
            ("PENANGGUNG JAWAB", [ctx.head]),
            ("ADMIN AGENCY", app[:2]),
            ("OPERATOR DAN VERIFIKATOR", app[2:]),
        ]
    W = pdf.epw_
    cols = [10, 62, 46, W - 118]
    pdf.row(
        ["No", "Nama", "NIP", "Jabatan"],
        cols,
        h=5.2,
        styles=["B"] * 4,
        aligns=["C"] * 4,
        fills=[230] * 4,
        size=10,
    )
    allp = []
    for gi, (gname, people) in enumerate(groups):
        if not people:
            continue
        pdf.row(
            [ROMAWI[gi] + ".", gname],
            [10, W - 10],
            h=5.2,
            styles=["B", "B"],
            fills=[245, 245],
            size=10,
        )
        for i, p in enumerate(people, 1):
            pdf.row(
                [str(i), nm(ctx, p), nipf(ctx, p), p.jabatan],
                cols,
                h=5.2,
                size=10,
                aligns=["C", "L", "L", "L"],
            )
            allp.append(p)
    pdf.ln(8)
    ttd(142)
    f = dict(
        nomor=nomor,
        tanggal=ctx.d_sk.isoformat(),
        berlaku=berlaku,
        berlaku_sampai=sampai and sampai.isoformat(),
        ditunjuk=ditunjuk(ctx, allp),
        penandatangan=signer(SKH, SKJ),
    )
    return Doc("surat_penunjukan", "a2_lampiran_kelompok", f, pdf=pdf.bytes(), npages=pdf.page)


SK_PDF = {
    "a2_kesatu_daftar": sk_kesatu_daftar,
    "a2_direksi_bumd": sk_direksi_bumd,
    "a2_petikan": sk_petikan,
    "a2_spt_kepada": sk_spt_kepada,
    "a2_lampiran_kelompok": sk_lampiran_kelompok,
}


# ----------------------------------------------------------------------------------------------
# letters
# ----------------------------------------------------------------------------------------------
def intro(ctx: Ctx) -> str:
    return (
        "Dalam rangka pelaksanaan pengadaan barang/jasa secara elektronik di lingkungan "
        f"{ctx.ag['satker']}, bersama ini kami mengajukan permohonan pembuatan akun Admin Agency "
        "pada Sistem "
        "Pengadaan Secara Elektronik (SPSE) LPSE Provinsi Kalimantan Timur atas nama:"
    )


def closing(ctx: Ctx) -> str:
    return (
        "Sebagai kelengkapan, bersama ini kami lampirkan formulir permohonan dan surat penunjukan "
        "yang "
        "bersangkutan. Demikian permohonan ini kami sampaikan, atas perhatian dan kerja sama "
        "Bapak/Ibu kami "
        "ucapkan terima kasih."
    )


def letter_fields(ctx: Ctx, nomor, hal, sign: Person, sign_jab) -> dict:
    lp = ctx.let_p()
    return dict(
        nomor=nomor,
        tanggal=ctx.d_letter.isoformat(),
        tujuan=tujuan_text(ctx),
        hal=hal,
        nama=lp.nama,
        nip=lp.nip,
        penandatangan=signer(sign, sign_jab),
    )


def person_lines(ctx: Ctx, with_contact=True):
    p = ctx.let_p()
    rows = [
        ("Nama", p.nama),
        (
            "NI PPPK" if p.pppk else "NIP",
            p.nip_spaced if ctx.extra.get("let_nip_spaced") else p.nip,
        ),
        ("Jabatan", p.jabatan),
    ]
    if with_contact and not ctx.extra.get("let_no_contact"):
        rows += [
            ("Nomor HP", fmt_phone(p.phone, ctx.extra.get("let_phone_style", "dash"))),
            ("Email", p.email),
        ]
    return rows


def _addr_block(pdf: P, ctx: Ctx, x=None, w=90, prefix="Yth."):
    lines = []
    if ctx.cq:
        lines = [
            f"{prefix} {ctx.extra.get('cq_top', 'Gubernur Kalimantan Timur')}",
            f"c.q. {ctx.tujuan}",
        ]
    else:
        lines = [f"{prefix} {ctx.tujuan}"]
    x = pdf.l_margin if x is None else x
    pdf.f("")
    for t in lines:
        pdf.set_x(x)
        pdf.multi_cell(w, 5.4, t, **NX)
    return lines


# L1: addressee block at the bottom, after the signature
def letter_kepada_bawah(ctx: Ctx) -> Doc:
    ag = ctx.ag
    pdf = P(font=ctx.font, size=11, fmt=ctx.fmt, margins=(25, 14, 22))
    kop(pdf, ag, ctx.kop_style, ctx.phone_office)
    nomor = letter_nomor(ctx)
    hal = ctx.extra.get("hal", HAL[0])
    pdf.f("")
    pdf.cell(0, 5.5, f"{ag['city']}, {tgl(ctx.d_letter)}", align="R", **NX)
    pdf.ln(2)
    for k, v in [
        ("Nomor", nomor),
        ("Sifat", "Biasa"),
        ("Lampiran", "2 (dua) berkas"),
        ("Perihal", hal),
    ]:
        pdf.kv(k, v, lw=22, h=5.5, vstyle="B" if k == "Perihal" else "")
    pdf.ln(6)
    pdf.para("Dengan hormat,", after=2)
    pdf.para(intro(ctx), after=2)
    for k, v in person_lines(ctx):
        pdf.kv(k, v, lw=28, x=pdf.l_margin + 12, h=5.6)
    pdf.ln(2)
    pdf.para(closing(ctx), after=6)
    xs = pdf.w - pdf.r_margin - 80
    pdf.sign_block(
        xs,
        [ag["head"] + ","],
        ctx.head.nama,
        f"NIP {ctx.head.nip_spaced}",
        seed=ctx.seed + 201,
        stamp_seed=ctx.seed + 9,
        w=80,
        after_lines=[ctx.head.pangkat],
    )
    pdf.ln(6)
    pdf.f("")
    pdf.cell(0, 5.4, "Kepada", **NX)
    _addr_block(pdf, ctx, w=100, prefix="Yth.")
    pdf.set_x(pdf.l_margin)
    pdf.cell(0, 5.4, "di \u2013", **NX)
    pdf.set_x(pdf.l_margin + 10)
    pdf.f("BU")
    pdf.cell(0, 5.4, ctx.extra.get("kota_tujuan", "SAMARINDA"), **NX)
    pdf.f("")
    tembusan(pdf, ["Sekretaris Daerah Provinsi Kalimantan Timur;", "Arsip."])
    return Doc(
        "surat_permohonan",
        "l2_kepada_bawah",
        letter_fields(ctx, nomor, hal, ctx.head, ag["head"]),
        pdf=pdf.bytes(),
        npages=pdf.page,
    )


# L2: Nota Dinas from the agency to the Biro / LPSE
def letter_nota_dinas(ctx: Ctx) -> Doc:
    ag = ctx.ag
    r = ctx.rng
    pdf = P(font=ctx.font, size=11, fmt=ctx.fmt, margins=(25, 14, 22))
    kop(pdf, ag, ctx.kop_style, ctx.phone_office)
    pdf.center("NOTA DINAS", "BU", 13, after=4)
    nomor = (
        f"{r.choice(['000.1.2.3', '000.3'])}/{r.randint(20, 900)}/{ag['code']}/{ctx.d_letter.year}"
    )
    hal = ctx.extra.get("hal", HAL[1])
    kepada = tujuan_text(ctx)
    for k, v in [
        ("Yth.", kepada),
        ("Dari", ag["head"]),
        ("Tembusan", "Sekretaris Daerah Provinsi Kalimantan Timur"),
        ("Tanggal", tgl(ctx.d_letter)),
        ("Nomor", nomor),
        ("Sifat", "Biasa"),
        ("Lampiran", "1 (satu) berkas"),
        ("Hal", hal),
    ]:
        pdf.kv(k, v, lw=26, h=5.6)
    pdf.ln(1)
    pdf.hline(w=0.8)
    pdf.ln(4)
    p = ctx.let_p()
    paras = [
        f"Berdasarkan Keputusan {ag['head']} tentang penunjukan Admin Agency, bersama ini kami "
        "usulkan pegawai di "
        "lingkungan kami untuk diberikan akun Admin Agency pada SPSE.",
        f"Pegawai yang kami usulkan adalah Sdr. {p.nama}, {'NI PPPK' if p.pppk else 'NIP'} "
        f"{p.nip}, jabatan "
        f"{p.jabatan}"
        + (
            "."
            if ctx.extra.get("let_no_contact")
            else f", dengan nomor telepon seluler {fmt_phone(p.phone, 'space4')} "
            f"dan alamat email {p.email}."
        ),
        "Formulir permohonan dan salinan keputusan penunjukan kami lampirkan. Demikian "
        "disampaikan, atas perhatian "
        "Bapak/Ibu diucapkan terima kasih.",
    ]
    for i, t in enumerate(paras, 1):
        pdf.set_x(pdf.l_margin)
        pdf.cell(7, 5.6, f"{i}.")
        pdf.multi_cell(0, 5.6, t, align="J", **NX)
        pdf.ln(1.5)
    pdf.ln(5)
    xs = pdf.w - pdf.r_margin - 82
    pdf.sign_block(
        xs,
        [ag["head"] + ","],
        ctx.head.nama,
        f"NIP {ctx.head.nip_spaced}",
        seed=ctx.seed + 211,
        w=82,
        after_lines=[ctx.head.pangkat],
    )
    return Doc(
        "surat_permohonan",
        "l2_nota_dinas",
        letter_fields(ctx, nomor, hal, ctx.head, ag["head"]),
        pdf=pdf.bytes(),
        npages=pdf.page,
    )


# L3: a letter with a left sidebar holding the agency's contacts
def letter_sidebar(ctx: Ctx) -> Doc:
    ag = ctx.ag
    fam = ctx.font if ctx.font in ("LSans", "FSans", "DSans", "DCond") else "LSans"
    pdf = P(font=fam, size=10.5, fmt=ctx.fmt, margins=(62, 18, 18))
    sb = 50

    def sidebar(p: P):
        p.set_fill_color(236, 241, 236)
        p.rect(0, 0, sb, p.h, style="F")
        p.set_fill_color(20, 110, 70)
        p.rect(sb - 1.2, 0, 1.2, p.h, style="F")
        p.image(emblem("round" if ag["kind"] == "vertikal" else "shield"), x=14, y=14, w=20)
        y = 42
        p.set_text_color(20, 80, 50)
        for t in ag["kop"]:
            p.f("B", 8.5)
            p.set_xy(6, y)
            p.multi_cell(sb - 10, 4.2, t, align="L", **NX)
            y = p.get_y() + 0.8
        p.set_text_color(60)
        y += 8
        for k, v in [
            ("Alamat", f"{ag['address']}, {ag['city']} {ag['post']}"),
            ("Telepon", ctx.phone_office),
            ("Pos-el", ag["email"]),
            ("Laman", ag["web"]),
        ]:
            p.f("B", 7.5)
            p.set_xy(6, y)
            p.cell(sb - 10, 3.8, k.upper(), **NX)
            p.f("", 7.8)
            p.set_xy(6, y + 4)
            p.multi_cell(sb - 10, 3.8, v, align="L", **NX)
            y = p.get_y() + 4
        p.set_text_color(0)
        p.set_xy(p.l_margin, p.t_margin)
        p.f("", 10.5)

    pdf.header_fn = sidebar
    # the first page was added before the header was set
    sidebar(pdf)
    nomor = letter_nomor(ctx)
    hal = ctx.extra.get("hal", HAL[2])
    pdf.set_y(20)
    pdf.f("")
    pdf.cell(0, 5.4, f"{ag['city']}, {tgl(ctx.d_letter)}", align="R", **NX)
    pdf.ln(3)
    for k, v in [("Nomor", nomor), ("Lampiran", "1 (satu) berkas"), ("Hal", hal)]:
        pdf.kv(k, v, lw=22, h=5.4, x=pdf.l_margin, vstyle="B" if k == "Hal" else "")
    pdf.ln(5)
    _addr_block(pdf, ctx, w=pdf.epw_ - 20)
    for t in ctx.tujuan_alamat:
        pdf.set_x(pdf.l_margin + 9)
        pdf.multi_cell(pdf.epw_ - 20, 5.4, t, **NX)
    pdf.ln(6)
    pdf.para("Dengan hormat,", after=2)
    pdf.para(intro(ctx), after=2)
    for k, v in person_lines(ctx):
        pdf.set_x(pdf.l_margin + 4)
        pdf.cell(5, 5.6, "\u2022")
        pdf.kv(k, v, lw=24, x=pdf.l_margin + 9, h=5.6)
    pdf.ln(2)
    pdf.para(closing(ctx), after=6)
    xs = pdf.w - pdf.r_margin - 74
    pdf.sign_block(
        xs,
        ["Hormat kami,", ag["head"] + ","],
        ctx.head.nama,
        f"NIP {ctx.head.nip}",
        seed=ctx.seed + 221,
        stamp_seed=ctx.seed + 10,
        w=74,
    )
    return Doc(
        "surat_permohonan",
        "l2_sidebar",
        letter_fields(ctx, nomor, hal, ctx.head, ag["head"]),
        pdf=pdf.bytes(),
        npages=pdf.page,
    )


# L4: full block (everything flush left), names the admin being replaced,
# signed a.n. by the secretary
def letter_blok_penuh(ctx: Ctx) -> Doc:
    ag = ctx.ag
    pdf = P(font=ctx.font, size=11, fmt=ctx.fmt, margins=(24, 14, 24))
    kop(pdf, ag, ctx.kop_style, ctx.phone_office)
    nomor = letter_nomor(ctx)
    hal = ctx.extra.get("hal", HAL[3])
    pdf.f("")
    pdf.cell(0, 5.5, f"Nomor  : {nomor}", **NX)
    pdf.cell(0, 5.5, f"{ag['city']}, {tgl(ctx.d_letter)}", **NX)
    pdf.ln(5)
    _addr_block(pdf, ctx, w=120)
    for t in ctx.tujuan_alamat:
        pdf.multi_cell(120, 5.4, t, **NX)
    pdf.ln(5)
    pdf.f("B")
    pdf.multi_cell(0, 5.5, f"Hal: {hal}", **NX)
    pdf.ln(4)
    pdf.f("")
    pdf.para("Dengan hormat,", after=2)
    prev = ctx.prev
    if prev:
        pdf.para(
            f"Sehubungan dengan mutasi Sdr. {prev.nama} (NIP {prev.nip}) yang selama ini bertugas "
            "sebagai Admin "
            f"Agency {ag['satker']}, kami mengajukan permohonan pembuatan akun Admin Agency "
            "pengganti atas "
            "nama:",
            after=2,
        )
    else:
        pdf.para(intro(ctx), after=2)
    for k, v in person_lines(ctx):
        pdf.kv(k, v, lw=30, h=5.6)
    pdf.ln(2)
    if prev:
        pdf.para(f"Kami mohon pula agar akun atas nama Sdr. {prev.plain} dinonaktifkan.", after=2)
    pdf.para(closing(ctx), after=6)
    pdf.sign_block(
        pdf.l_margin,
        [f"a.n. {ag['head']},", "Sekretaris,"],
        ctx.sek.nama,
        f"NIP {ctx.sek.nip_spaced}",
        seed=ctx.seed + 231,
        w=110,
    )
    return Doc(
        "surat_permohonan",
        "l2_blok_penuh",
        letter_fields(ctx, nomor, hal, ctx.sek, "Sekretaris"),
        pdf=pdf.bytes(),
        npages=pdf.page,
    )


# L6: a titled letter ("SURAT PERMOHONAN", number under the title, no Yth. block): the signer
# introduces himself first ("Yang bertanda tangan di bawah ini", with his NIP), the addressee is
# named in the body, the applicant comes second; signed by a Plh., long Tembusan list of other
# offices
def letter_judul_ybt(ctx: Ctx) -> Doc:
    ag = ctx.ag
    pdf = P(font=ctx.font, size=11, fmt=ctx.fmt, margins=(25, 14, 22))
    kop(pdf, ag, ctx.kop_style, ctx.phone_office)
    nomor = letter_nomor(ctx)
    hal = ctx.extra.get("hal", "Permohonan Pembuatan Akun Admin Agency")
    pdf.center("SURAT PERMOHONAN", "BU", 12.5, after=0)
    pdf.center(f"Nomor: {nomor}", "", 11, after=1)
    pdf.center(f"tentang {hal}", "I", 10.5, after=6)
    signer_p, signer_jab = ctx.sek, f"Plh. {ag['head']}"
    pdf.para("Yang bertanda tangan di bawah ini:", after=1)
    for k, v in [("Nama", signer_p.nama), ("NIP", signer_p.nip_spaced), ("Jabatan", signer_jab)]:
        pdf.kv(k, v, lw=34, x=pdf.l_margin + 8, h=5.6)
    pdf.ln(2)
    kepada = tujuan_text(ctx)
    kota = ctx.extra.get("kota_tujuan", "Samarinda")
    pdf.para(
        f"dengan ini mengajukan permohonan kepada {kepada} di {kota} untuk pembuatan akun Admin "
        "Agency pada "
        "Sistem Pengadaan Secara Elektronik bagi pegawai berikut:",
        after=1,
    )
    p = ctx.let_p()
    rows = [
        ("Nama", p.nama),
        ("NI PPPK" if p.pppk else "NIP", p.nip_spaced),
        ("Pangkat/Golongan", p.pangkat),
        ("Jabatan", p.jabatan),
        ("Unit Kerja", ag["satker"]),
    ]
    if not ctx.extra.get("let_no_contact"):
        rows += [
            ("Telepon Seluler", fmt_phone(p.phone, ctx.extra.get("let_phone_style", "plus"))),
            ("Surel", p.email),
        ]
    for k, v in rows:
        pdf.kv(k, v, lw=34, x=pdf.l_margin + 8, h=5.6)
    pdf.ln(2)
    pdf.para(
        "Sebagai kelengkapan kami lampirkan formulir permohonan dan keputusan penunjukan yang "
        "bersangkutan. "
        "Demikian permohonan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.",
        after=6,
    )
    xs = pdf.w - pdf.r_margin - 84
    pdf.sign_block(
        xs,
        [f"{ag['city']}, {tgl(ctx.d_letter)}", signer_jab + ","],
        signer_p.nama,
        f"NIP {signer_p.nip_spaced}",
        seed=ctx.seed + 241,
        stamp_seed=ctx.seed + 11,
        w=84,
        after_lines=[signer_p.pangkat],
    )
    tembusan(
        pdf,
        [
            "Gubernur Kalimantan Timur (sebagai laporan);",
            "Inspektur Daerah Provinsi Kalimantan Timur;",
            "Kepala Badan Kepegawaian Daerah Provinsi Kalimantan Timur;",
            "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur;",
            "Yang bersangkutan;",
            "Pertinggal.",
        ],
    )
    return Doc(
        "surat_permohonan",
        "l2_judul_ybt",
        letter_fields(ctx, nomor, hal, signer_p, signer_jab),
        pdf=pdf.bytes(),
        npages=pdf.page,
    )


LETTERS_PDF = {
    "l2_kepada_bawah": letter_kepada_bawah,
    "l2_nota_dinas": letter_nota_dinas,
    "l2_sidebar": letter_sidebar,
    "l2_blok_penuh": letter_blok_penuh,
    "l2_judul_ybt": letter_judul_ybt,
}
