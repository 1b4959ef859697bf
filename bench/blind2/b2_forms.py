"""blind2: the account request forms (formulir) and the extra pages (lainnya)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from b2_common import AG, Ctx, P, emblem, karpeg_png, kop, tgl, tgl_pendek
from fpdf.enums import MethodReturnValue, XPos, YPos


@dataclass
class Doc:
    type: str
    layout: str
    fields: dict
    pdf: bytes | None = None
    docx: bytes | None = None
    npages: int = 1
    gradable: bool = True
    notes: list = field(default_factory=list)


def form_fields(ctx: Ctx) -> dict:
    keys = ["nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon"]
    return {k: (ctx.v(k) or None) for k in keys}


def nip_label(ctx: Ctx, long=False) -> str:
    if ctx.person.pppk:
        return "Nomor Induk PPPK (NI PPPK)" if long else "NI PPPK"
    return "Nomor Induk Pegawai (NIP)" if long else "NIP"


def _done(pdf: P, layout: str, ctx: Ctx) -> Doc:
    return Doc("formulir", layout, form_fields(ctx), pdf=pdf.bytes(), npages=pdf.page)


def _place(ctx: Ctx) -> str:
    return f"{ctx.ag['city']}, {tgl(ctx.d_form)}"


def _head_line(ctx: Ctx) -> str:
    return ctx.ag["head"]


# ----------------------------------------------------------------------------------------------
# F1: two pages, the rules on page 1 and the data on page 2
# ----------------------------------------------------------------------------------------------
def form_dua_halaman(ctx: Ctx) -> Doc:
    rng = ctx.rng
    pdf = P(font=ctx.font, size=10.5, fmt=ctx.fmt, margins=(20, 14, 20))
    pdf.footer_text = lambda n: f"Halaman {n} dari 2"
    L = pdf.l_margin
    pdf.f("", 8)
    pdf.set_xy(pdf.w - pdf.r_margin - 42, 10)
    pdf.cell(42, 6, "F-LPSE/AA-01  Rev. 03", border=1, align="C")
    pdf.set_y(20)
    pdf.image(emblem("shield"), x=L, y=18, w=15)
    pdf.set_x(L + 18)
    pdf.f("B", 13.5)
    pdf.multi_cell(
        0,
        6.5,
        "FORMULIR PERMOHONAN PEMBUATAN AKUN\nADMIN AGENCY",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_x(L + 18)
    pdf.f("I", 9.5)
    pdf.cell(
        0,
        5,
        "Sistem Pengadaan Secara Elektronik (SPSE) \u2013 LPSE Provinsi Kalimantan Timur",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(4)
    pdf.hline(w=0.6)
    pdf.ln(4)
    pdf.para("A.  KETENTUAN UMUM", style="B", after=1)
    pdf.f("")
    rules = [
        "Admin Agency adalah pegawai pada Kementerian/Lembaga/Perangkat Daerah/Instansi yang "
        "ditugaskan "
        "mengelola data Pokja Pemilihan, Pejabat Pengadaan dan PPK pada aplikasi SPSE.",
        "Setiap satuan kerja mengusulkan paling banyak 2 (dua) orang Admin Agency dan melakukan "
        "penggantian "
        "apabila Admin Agency pindah tugas.",
        "Akun baru diaktifkan setelah calon Admin Agency mengikuti pelatihan penggunaan aplikasi "
        "SPSE yang "
        "diselenggarakan oleh LPSE.",
        "Alamat email yang diisikan harus milik pribadi calon Admin Agency dan masih aktif, "
        "karena informasi "
        "akun (user id dan kata sandi) dikirim ke alamat tersebut.",
        "Kata sandi wajib diganti pada saat pertama kali masuk ke aplikasi.",
    ]
    for i, t in enumerate(rules, 1):
        pdf.set_x(L + 4)
        pdf.cell(6, 5.2, f"{i}.")
        pdf.multi_cell(0, 5.2, t, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.para("B.  PETUNJUK PENGISIAN", style="B", after=1)
    pdf.f("")
    steps = [
        "Formulir diisi dengan huruf cetak atau diketik; tuliskan nama lengkap beserta gelar "
        "sesuai SK.",
        "NIP/NI PPPK ditulis 18 (delapan belas) angka tanpa tanda baca.",
        "Formulir yang telah ditandatangani dilampiri:\n a. Surat Permohonan yang ditujukan "
        "kepada Kepala LPSE "
        "Provinsi Kalimantan Timur;\n b. Surat Keputusan/Surat Tugas penunjukan sebagai Admin "
        "Agency.",
        "Berkas disampaikan dalam bentuk cetak ke Sekretariat LPSE dan dalam bentuk pindaian "
        "melalui "
        "surat elektronik ke lpse@kaltimprov.go.id.",
        "Informasi lebih lanjut: Layanan Bantuan LPSE, telepon (0541) "
        f"7{rng.randint(30000, 39999)} "
        "(hari kerja pukul 08.00\u201315.00 WITA).",
    ]
    for i, t in enumerate(steps, 1):
        pdf.set_x(L + 4)
        pdf.cell(6, 5.2, f"{i}.")
        pdf.multi_cell(0, 5.2, t, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.f("I", 9)
    pdf.multi_cell(
        0,
        4.8,
        "Isian data calon Admin Agency terdapat pada halaman berikut.",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    # page 2
    pdf.add_page()
    pdf.f("B", 10)
    pdf.cell(
        0,
        6,
        "FORMULIR PERMOHONAN AKUN ADMIN AGENCY (lanjutan)",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.hline(w=0.3)
    pdf.ln(4)
    pdf.para("C.  DATA CALON ADMIN AGENCY", style="B", after=2)
    rows = [
        ("Nama lengkap (dengan gelar)", ctx.v("nama")),
        (nip_label(ctx, True), ctx.v("nip")),
        ("Pangkat / Golongan", ctx.v("pangkat")),
        ("Jabatan", ctx.v("jabatan")),
        ("Instansi", ctx.v("instansi")),
        ("Satuan Kerja", ctx.v("satuan_kerja")),
        ("Alamat Kantor", ctx.v("alamat")),
        ("Alamat Email", ctx.v("email")),
        ("Nomor HP (WhatsApp)", ctx.v("telepon")),
    ]
    W = pdf.epw_
    for i, (k, v) in enumerate(rows, 1):
        pdf.row([str(i), k, v], [9, 62, W - 71], h=6, size=10.5, fills=[235, 235, None], pad=1.6)
    pdf.ln(6)
    pdf.para("D.  PERNYATAAN", style="B", after=1)
    pdf.para(
        "Dengan ini saya menyatakan bahwa data yang saya isikan di atas adalah benar, dan saya "
        "bersedia "
        "menjaga kerahasiaan akun serta mematuhi ketentuan penggunaan SPSE.",
        after=6,
    )
    y = pdf.get_y()
    pdf.sign_block(
        pdf.w - pdf.r_margin - 75,
        [_place(ctx), "Calon Admin Agency,"],
        ctx.v("nama") or "",
        f"{nip_label(ctx)}. {ctx.v('nip')}",
        seed=ctx.seed + 11,
        w=75,
    )
    pdf.set_y(y)
    pdf.sign_block(
        L,
        ["Mengetahui,", _head_line(ctx) + ","],
        ctx.head.nama,
        f"NIP. {ctx.head.nip_spaced}",
        seed=ctx.seed + 12,
        stamp_seed=ctx.seed,
        w=78,
    )
    return _done(pdf, "f2_dua_halaman", ctx)


# ----------------------------------------------------------------------------------------------
# F2: labels with dot leaders  "Nama Lengkap ............ : value"
# ----------------------------------------------------------------------------------------------
def _leader(pdf: P, label: str, width: float) -> str:
    s = label + " "
    while pdf.get_string_width(s + ".") < width - 1.5:
        s += "."
    return s


def form_titik_pemandu(ctx: Ctx) -> Doc:
    pdf = P(font=ctx.font, size=11, fmt=ctx.fmt, margins=(25, 12, 20))
    kop(pdf, ctx.ag, ctx.kop_style, ctx.phone_office)
    pdf.center("FORMULIR PENGAJUAN AKUN ADMIN AGENCY", "BU", 12.5)
    pdf.center("PADA LPSE PROVINSI KALIMANTAN TIMUR", "B", 11.5, after=5)
    pdf.para(
        "Yang bertanda tangan di bawah ini mengajukan permohonan pembuatan akun Admin Agency pada "
        "Sistem "
        "Pengadaan Secara Elektronik dengan data sebagai berikut:",
        after=3,
    )
    rows = [
        ("Nama Lengkap dan Gelar", ctx.v("nama")),
        (nip_label(ctx, True), ctx.v("nip")),
        ("Pangkat / Golongan Ruang", ctx.v("pangkat")),
        ("Jabatan", ctx.v("jabatan")),
        ("Instansi", ctx.v("instansi")),
        ("Satuan Kerja", ctx.v("satuan_kerja")),
        ("Alamat Kantor", ctx.v("alamat")),
        ("Telepon Kantor", ctx.phone_office),
        ("Nomor Telepon Genggam", ctx.v("telepon")),
        ("Alamat Surat Elektronik", ctx.v("email")),
    ]
    pdf.f("", 11)
    lw = 68
    for k, v in rows:
        y = pdf.get_y()
        pdf.set_x(pdf.l_margin)
        pdf.cell(lw, 7, _leader(pdf, k, lw))
        pdf.cell(4, 7, ":")
        pdf.multi_cell(0, 7, v, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), y + 7))
    pdf.ln(3)
    pdf.para(
        "Demikian formulir ini saya isi dengan sebenar-benarnya untuk dipergunakan sebagaimana "
        "mestinya.",
        after=8,
    )
    y = pdf.get_y()
    pdf.sign_block(
        pdf.w - pdf.r_margin - 72,
        [_place(ctx), "Pemohon,"],
        ctx.v("nama"),
        f"{nip_label(ctx)} {ctx.v('nip')}",
        seed=ctx.seed + 21,
        w=72,
    )
    pdf.set_y(y)
    pdf.sign_block(
        pdf.l_margin,
        ["", "Mengetahui,", ctx.ag["head"] + ","],
        ctx.head.nama,
        f"NIP {ctx.head.nip}",
        seed=ctx.seed + 22,
        stamp_seed=ctx.seed + 1,
        w=78,
    )
    return _done(pdf, "f2_titik_pemandu", ctx)


# ----------------------------------------------------------------------------------------------
# F3: the value on a line, its label printed small *below* the line
# ----------------------------------------------------------------------------------------------
def _fit(pdf: P, text: str, w: float, size: float, style="") -> float:
    s = size
    pdf.f(style, s)
    while s > 6.5 and pdf.get_string_width(text) > w - 1:
        s -= 0.25
        pdf.f(style, s)
    return s


def form_label_bawah(ctx: Ctx) -> Doc:
    fam = ctx.font
    pdf = P(font=fam, size=11, fmt=ctx.fmt, margins=(18, 14, 18))
    L, R = pdf.l_margin, pdf.w - pdf.r_margin
    pdf.set_draw_color(60)
    pdf.set_line_width(0.5)
    pdf.rect(L, 14, R - L, 22, round_corners=True, style="D")
    pdf.set_line_width(0.2)
    pdf.set_xy(L, 17)
    pdf.f("B", 13)
    pdf.cell(
        R - L,
        7,
        "PERMOHONAN USER ID ADMIN AGENCY SPSE",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.f("", 9)
    pdf.cell(
        R - L,
        5,
        "Layanan Pengadaan Secara Elektronik Provinsi Kalimantan Timur",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.cell(
        R - L,
        5,
        "Biro Pengadaan Barang/Jasa Sekretariat Daerah Provinsi Kalimantan Timur",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_y(44)
    pdf.f("I", 9)
    pdf.multi_cell(
        0,
        4.6,
        "Tulis dengan jelas di atas garis. Keterangan isian tercetak di bawah setiap garis.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(5)
    W = R - L
    layout = [
        [("nama", "Nama lengkap beserta gelar akademik", 1.0)],
        [
            ("nip", ("NI PPPK" if ctx.person.pppk else "NIP") + " (18 digit)", 0.55),
            ("pangkat", "Pangkat / golongan", 0.45),
        ],
        [("jabatan", "Jabatan", 1.0)],
        [("instansi", "Instansi (Kementerian/Lembaga/Pemerintah Daerah)", 1.0)],
        [("satuan_kerja", "Satuan kerja / perangkat daerah", 1.0)],
        [
            ("telepon", "Nomor telepon seluler yang aktif", 0.45),
            ("email", "Alamat email pribadi", 0.55),
        ],
        [("alamat", "Alamat kantor", 1.0)],
    ]
    y = pdf.get_y()
    for row in layout:
        x = L
        for key, label, frac in row:
            w = W * frac - (4 if len(row) > 1 else 0)
            val = ctx.v(key)
            _fit(pdf, val, w, 11.5, "B" if key == "nama" else "")
            pdf.set_xy(x + 1, y)
            pdf.cell(w - 1, 7, val)
            pdf.set_draw_color(90)
            pdf.line(x, y + 7.6, x + w, y + 7.6)
            pdf.set_draw_color(0)
            pdf.set_xy(x, y + 8)
            pdf.f("I", 7.5)
            pdf.set_text_color(95)
            pdf.cell(w, 3.5, label)
            pdf.set_text_color(0)
            x += W * frac + (4 if len(row) > 1 and frac < 1 else 0)
        y += 16
    pdf.set_y(y + 2)
    pdf.f("", 10.5)
    pdf.para(
        "Saya menyatakan bersedia mengikuti pelatihan Admin Agency dan bertanggung jawab atas "
        "penggunaan akun "
        "yang diberikan.",
        after=6,
    )
    y = pdf.get_y()
    xr = R - 70
    for x, top, who, nipline, sd, _st in [
        (L, "Atasan langsung,", ctx.sek.nama, f"NIP {ctx.sek.nip_spaced}", 31, None),
        (xr, _place(ctx), ctx.v("nama"), f"{nip_label(ctx)} {ctx.v('nip')}", 32, None),
    ]:
        pdf.set_xy(x, y)
        pdf.f("", 10)
        pdf.cell(70, 5, top)
        pdf.sign_image(x + 6, y + 7, ctx.seed + sd)
        pdf.set_xy(x, y + 27)
        pdf.f("B", 10)
        pdf.cell(70, 5, who)
        pdf.line(x, y + 32.5, x + 68, y + 32.5)
        pdf.set_xy(x, y + 33)
        pdf.f("I", 7.5)
        pdf.set_text_color(95)
        pdf.cell(70, 3.5, "nama dan tanda tangan")
        pdf.set_text_color(0)
        pdf.set_xy(x, y + 38)
        pdf.f("", 9.5)
        pdf.cell(70, 5, nipline)
    return _done(pdf, "f2_label_bawah", ctx)


# ----------------------------------------------------------------------------------------------
# F4: Roman-numbered sections with lettered items
# ----------------------------------------------------------------------------------------------
def form_romawi(ctx: Ctx) -> Doc:
    pdf = P(font=ctx.font, size=10.5, fmt=ctx.fmt, margins=(24, 14, 20))
    pdf.f("", 8.5)
    pdf.set_text_color(90)
    pdf.cell(
        0,
        4,
        "Lampiran I  SOP Registrasi Admin Agency K/L/D/I",
        align="R",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0)
    pdf.ln(4)
    pdf.center("FORMULIR", "B", 13, after=0)
    pdf.center("PERMOHONAN PEMBUATAN AKUN ADMIN AGENCY", "B", 12, after=0)
    pdf.center("LPSE PROVINSI KALIMANTAN TIMUR", "", 11, after=5)
    secs = [
        (
            "I.",
            "IDENTITAS CALON ADMIN AGENCY",
            [
                ("Nama lengkap", ctx.v("nama")),
                (nip_label(ctx), ctx.v("nip")),
                ("Pangkat/golongan", ctx.v("pangkat")),
                ("Jabatan", ctx.v("jabatan")),
            ],
        ),
        (
            "II.",
            "INSTANSI",
            [
                ("Nama instansi", ctx.v("instansi")),
                ("Satuan kerja", ctx.v("satuan_kerja")),
                ("Alamat kantor", ctx.v("alamat")),
                ("Telepon kantor", ctx.phone_office),
            ],
        ),
        (
            "III.",
            "KONTAK PRIBADI",
            [("Nomor HP/WhatsApp", ctx.v("telepon")), ("Alamat email", ctx.v("email"))],
        ),
    ]
    if ctx.show_prev and ctx.prev:
        secs.append(
            (
                "IV.",
                "ADMIN AGENCY YANG DIGANTIKAN (diisi bila penggantian)",
                [
                    ("Nama", ctx.prev.nama),
                    ("NIP", ctx.prev.nip),
                    ("Alasan penggantian", "Mutasi jabatan"),
                ],
            )
        )
    for num, title, items in secs:
        pdf.f("B", 10.5)
        pdf.set_x(pdf.l_margin)
        pdf.cell(10, 6.5, num)
        pdf.cell(0, 6.5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for i, (k, v) in enumerate(items):
            pdf.set_x(pdf.l_margin + 10)
            pdf.f("", 10.5)
            pdf.cell(6, 6.2, "abcdefgh"[i] + ".")
            pdf.kv(k, v, lw=42, x=pdf.l_margin + 16, h=6.2, size=10.5)
        pdf.ln(2)
    n = len(secs) + 1
    pdf.f("B", 10.5)
    pdf.cell(10, 6.5, ["", "I.", "II.", "III.", "IV.", "V."][n])
    pdf.cell(0, 6.5, "PERNYATAAN", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.para(
        "Saya yang namanya tercantum pada bagian I menyatakan bahwa data di atas benar, bersedia "
        "mengikuti "
        "pelatihan, dan akan segera mengganti kata sandi setelah akun diterima.",
        indent=10,
        after=6,
    )
    y = pdf.get_y()
    pdf.sign_block(
        pdf.w - pdf.r_margin - 70,
        [_place(ctx), "Yang menyatakan,"],
        ctx.v("nama"),
        f"{nip_label(ctx)}. {ctx.v('nip')}",
        seed=ctx.seed + 41,
        w=70,
    )
    pdf.set_y(y)
    pdf.sign_block(
        pdf.l_margin,
        ["", "Mengetahui,", f"Kepala {ctx.ag['short']},"],
        ctx.head.nama,
        f"NIP. {ctx.head.nip_spaced}",
        seed=ctx.seed + 42,
        stamp_seed=ctx.seed + 2,
        w=75,
    )
    return _done(pdf, "f2_romawi", ctx)


# ----------------------------------------------------------------------------------------------
# F5: light labels, bold values, no colon, thin rules (an e-office print-out)
# ----------------------------------------------------------------------------------------------
def form_tebal(ctx: Ctx) -> Doc:
    rng = ctx.rng
    fam = ctx.font if ctx.font in ("LSans", "FSans", "DSans", "DCond", "LNarrow") else "LSans"
    pdf = P(font=fam, size=10, fmt=ctx.fmt, margins=(20, 16, 20))
    L, R = pdf.l_margin, pdf.w - pdf.r_margin
    pdf.set_fill_color(22, 90, 150)
    pdf.rect(0, 0, pdf.w, 9, style="F")
    pdf.f("", 8)
    pdf.set_text_color(110)
    pdf.set_xy(L, 12)
    pdf.cell(90, 4, f"Nomor pengajuan  AA/{ctx.d_form.year}/{rng.randint(100, 999):04d}")
    pdf.cell(
        R - L - 90,
        4,
        f"Dicetak {tgl_pendek(ctx.d_form)} {rng.randint(8, 15):02d}:{rng.randint(0, 59):02d}",
        align="R",
    )
    pdf.set_text_color(0)
    pdf.set_xy(L, 22)
    pdf.f("B", 16)
    pdf.cell(0, 8, "Permohonan Akun Admin Agency", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.f("", 9.5)
    pdf.set_text_color(100)
    pdf.cell(
        0,
        5,
        "LPSE Provinsi Kalimantan Timur \u00b7 Sistem Pengadaan Secara Elektronik",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0)
    pdf.ln(6)
    secs = [
        (
            "Identitas",
            [
                ("Nama", ctx.v("nama")),
                (nip_label(ctx), ctx.v("nip")),
                ("Pangkat / golongan", ctx.v("pangkat")),
                ("Jabatan", ctx.v("jabatan")),
            ],
        ),
        (
            "Unit kerja",
            [
                ("Instansi", ctx.v("instansi")),
                ("Satuan kerja", ctx.v("satuan_kerja")),
                ("Alamat", ctx.v("alamat")),
            ],
        ),
        ("Kontak", [("Surel", ctx.v("email")), ("Ponsel", ctx.v("telepon"))]),
    ]
    lw = 48
    for title, items in secs:
        pdf.f("B", 9)
        pdf.set_text_color(22, 90, 150)
        pdf.set_char_spacing(0.8)
        pdf.cell(0, 6, title.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_char_spacing(0)
        pdf.set_text_color(0)
        pdf.hline(w=0.5, color=120)
        for k, v in items:
            y = pdf.get_y() + 1.5
            pdf.set_xy(L, y + 0.6)
            pdf.f("", 8.5)
            pdf.set_text_color(125)
            pdf.cell(lw, 5, k)
            pdf.set_text_color(0)
            pdf.set_xy(L + lw, y)
            pdf.f("B", 11)
            pdf.multi_cell(R - L - lw, 6, v or " ", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_y(pdf.get_y() + 1.5)
            pdf.hline(w=0.15, color=200)
        pdf.ln(5)
    pdf.f("", 9.5)
    pdf.para(
        "Pemohon menyatakan data di atas benar dan bersedia mengikuti pelatihan penggunaan SPSE "
        "sebelum akun "
        "diaktifkan.",
        after=6,
        size=9.5,
    )
    pdf.sign_block(
        R - 70,
        [_place(ctx), "Pemohon"],
        ctx.v("nama"),
        f"{nip_label(ctx)} {ctx.v('nip')}",
        seed=ctx.seed + 51,
        w=70,
        name_style="B",
    )
    return _done(pdf, "f2_tebal_tanpa_titik_dua", ctx)


# ----------------------------------------------------------------------------------------------
# F6: landscape, two panels side by side (agency left, person right)
# ----------------------------------------------------------------------------------------------
def form_panel_lanskap(ctx: Ctx) -> Doc:
    fam = ctx.font
    pdf = P(orientation="L", font=fam, size=10, fmt="A4", margins=(14, 12, 14), bottom=8)
    L, R = pdf.l_margin, pdf.w - pdf.r_margin
    pdf.image(emblem("shield"), x=L, y=10, w=12)
    pdf.set_xy(L + 15, 11)
    pdf.f("B", 14)
    pdf.cell(
        0,
        7,
        "FORMULIR PERMOHONAN PEMBUATAN AKUN ADMIN AGENCY SPSE",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_x(L + 15)
    pdf.f("", 9.5)
    pdf.cell(
        0,
        5,
        "Ditujukan kepada LPSE Provinsi Kalimantan Timur \u2013 diisi lengkap dan ditandatangani",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    gap = 8
    pw = (R - L - gap) / 2
    top = 30
    panels = [
        (
            "A. DATA INSTANSI",
            L,
            [
                ("Instansi", ctx.v("instansi")),
                ("Satuan Kerja", ctx.v("satuan_kerja")),
                ("Alamat Kantor", ctx.v("alamat")),
                ("Telepon Kantor", ctx.phone_office),
                ("Email Kantor", ctx.ag.get("email") or "-"),
                ("Pimpinan Satker", ctx.head.nama),
                ("NIP Pimpinan", ctx.head.nip_spaced),
            ],
        ),
        (
            "B. DATA CALON ADMIN AGENCY",
            L + pw + gap,
            [
                ("Nama Lengkap", ctx.v("nama")),
                (nip_label(ctx), ctx.v("nip")),
                ("Pangkat/Gol.", ctx.v("pangkat")),
                ("Jabatan", ctx.v("jabatan")),
                ("Nomor HP", ctx.v("telepon")),
                ("Email Pribadi", ctx.v("email")),
            ],
        ),
    ]
    bottom = top
    for title, x, items in panels:
        pdf.set_fill_color(225, 232, 240)
        pdf.rect(x, top, pw, 8, style="F")
        pdf.set_xy(x + 3, top + 1.2)
        pdf.f("B", 10.5)
        pdf.cell(pw - 6, 6, title)
        y = top + 11
        lw = 36
        for k, v in items:
            pdf.set_xy(x + 3, y)
            pdf.f("", 9.5)
            pdf.cell(lw, 6, k)
            pdf.cell(3, 6, ":")
            pdf.f("", 10)
            pdf.set_xy(x + 3 + lw + 3, y)
            pdf.multi_cell(pw - lw - 9, 6, v, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            y = max(pdf.get_y(), y + 6) + 1.2
        bottom = max(bottom, y)
    for _, x, _ in panels:
        pdf.set_draw_color(120)
        pdf.rect(x, top, pw, bottom - top + 2)
    pdf.set_draw_color(0)
    y = bottom + 7
    pdf.set_xy(L, y)
    pdf.f("", 9.5)
    pdf.multi_cell(
        R - L,
        5,
        "Dengan ini kami mengusulkan pegawai tersebut pada bagian B sebagai Admin Agency dan "
        "menyatakan bahwa data yang diisikan adalah benar.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    y = pdf.get_y() + 4
    for x, lines, nm, nipl, sd, st in [
        (
            L + 10,
            ["Mengetahui,", ctx.ag["head"] + ","],
            ctx.head.nama,
            f"NIP {ctx.head.nip_spaced}",
            61,
            ctx.seed + 3,
        ),
        (
            L + pw + gap + 30,
            [_place(ctx), "Calon Admin Agency,"],
            ctx.v("nama"),
            f"{nip_label(ctx)} {ctx.v('nip')}",
            62,
            None,
        ),
    ]:
        pdf.set_y(y)
        pdf.sign_block(x, lines, nm, nipl, seed=ctx.seed + sd, stamp_seed=st, w=105, gap=17)
    return _done(pdf, "f2_panel_lanskap", ctx)


# ----------------------------------------------------------------------------------------------
# F8: a typed-in blank (typewriter values on underlines), with NIK and birth data
# ----------------------------------------------------------------------------------------------
def form_mesin_ketik(ctx: Ctx) -> Doc:
    pdf = P(
        font="LSerif" if ctx.font not in ("FSerif", "DSerif") else ctx.font,
        size=10.5,
        fmt=ctx.fmt,
        margins=(24, 15, 20),
    )
    kop(pdf, ctx.ag, ctx.kop_style, ctx.phone_office)
    pdf.center("BLANKO ISIAN CALON ADMIN AGENCY", "B", 12, after=0)
    pdf.center("(untuk disampaikan kepada LPSE Provinsi Kalimantan Timur)", "I", 9.5, after=5)
    p = ctx.person
    rows = [
        ("Nama", ctx.v("nama")),
        (nip_label(ctx), ctx.v("nip")),
        ("NIK (sesuai KTP)", p.nik),
        ("Tempat / Tgl. Lahir", f"Samarinda, {tgl(p.birth)}"),
        ("Pangkat / Gol. Ruang", ctx.v("pangkat")),
        ("Jabatan", ctx.v("jabatan")),
        ("Instansi", ctx.v("instansi")),
        ("Satuan Kerja", ctx.v("satuan_kerja")),
        ("No. Telp. / HP", ctx.v("telepon")),
        ("E-mail", ctx.v("email")),
    ]
    L, R = pdf.l_margin, pdf.w - pdf.r_margin
    lw = 52
    for i, (k, v) in enumerate(rows, 1):
        y = pdf.get_y()
        pdf.f("", 10.5)
        pdf.set_x(L)
        pdf.cell(8, 7.5, f"{i})")
        pdf.cell(lw - 8, 7.5, k)
        pdf.cell(4, 7.5, ":")
        x0 = L + lw + 4
        pdf.f("", 10.5, "FMono")
        lines = pdf.multi_cell(R - x0, 7.5, v, dry_run=True, output=MethodReturnValue.LINES)
        for j, t in enumerate(lines or [""]):
            pdf.set_xy(x0, y + j * 7.5)
            pdf.cell(R - x0, 7.5, t)
            pdf.set_draw_color(80)
            pdf.line(x0, y + j * 7.5 + 6.4, R, y + j * 7.5 + 6.4)
        pdf.set_draw_color(0)
        pdf.set_y(y + 7.5 * max(1, len(lines or [""])) + 0.6)
    pdf.ln(4)
    pdf.f("", 10.5)
    pdf.para(
        "Blanko ini diisi dengan sebenarnya dan dilampiri Surat Keputusan penunjukan serta surat "
        "permohonan "
        "dari pimpinan instansi.",
        after=8,
    )
    pdf.sign_block(
        R - 72,
        [_place(ctx), "Yang bersangkutan,"],
        ctx.v("nama"),
        f"{nip_label(ctx)} {ctx.v('nip')}",
        seed=ctx.seed + 81,
        w=72,
    )
    return _done(pdf, "f2_mesin_ketik", ctx)


# ----------------------------------------------------------------------------------------------
# F9: two people side by side: the candidate and the direct superior
# ----------------------------------------------------------------------------------------------
def form_dua_orang(ctx: Ctx) -> Doc:
    pdf = P(font=ctx.font, size=10, fmt=ctx.fmt, margins=(18, 14, 18))
    kop(pdf, ctx.ag, ctx.kop_style, ctx.phone_office)
    pdf.center("FORMULIR USULAN ADMIN AGENCY", "B", 12.5, after=0)
    pdf.center(
        "Sistem Pengadaan Secara Elektronik \u2013 LPSE Provinsi Kalimantan Timur", "", 10, after=5
    )
    W = pdf.epw_
    sek = ctx.sek
    sek_mail = ctx.extra.get("sek_email", sek.email)
    cols = [44, (W - 44) / 2, (W - 44) / 2]
    pdf.row(
        ["Uraian", "Calon Admin Agency", "Atasan Langsung"],
        cols,
        h=5.5,
        styles=["B", "B", "B"],
        aligns=["C", "C", "C"],
        fills=[220, 220, 220],
    )
    rows = [
        ("Nama", ctx.v("nama"), sek.nama),
        (nip_label(ctx) if ctx.person.pppk else "NIP", ctx.v("nip"), sek.nip),
        ("Pangkat/Golongan", ctx.v("pangkat"), sek.pangkat),
        ("Jabatan", ctx.v("jabatan"), sek.jabatan),
        ("Nomor HP", ctx.v("telepon"), sek.phone if ctx.extra.get("sek_phone", True) else ""),
        ("Email", ctx.v("email"), sek_mail),
    ]
    for k, a, b in rows:
        pdf.row([k, a, b], cols, h=5.5, fills=[245, None, None])
    pdf.ln(4)
    pdf.row(["Instansi", ctx.v("instansi")], [44, W - 44], h=5.5, fills=[245, None])
    pdf.row(["Satuan Kerja", ctx.v("satuan_kerja")], [44, W - 44], h=5.5, fills=[245, None])
    pdf.row(["Alamat Kantor", ctx.v("alamat")], [44, W - 44], h=5.5, fills=[245, None])
    pdf.ln(5)
    pdf.para(
        "Atasan langsung menyetujui pengusulan calon Admin Agency tersebut di atas dan "
        "bertanggung jawab atas "
        "kebenaran data yang diisikan.",
        after=6,
    )
    y = pdf.get_y()
    pdf.sign_block(
        pdf.l_margin,
        ["", "Calon Admin Agency,"],
        ctx.v("nama"),
        f"NIP {ctx.v('nip')}",
        seed=ctx.seed + 91,
        w=80,
    )
    pdf.set_y(y)
    pdf.sign_block(
        pdf.w - pdf.r_margin - 75,
        [_place(ctx), "Atasan Langsung,"],
        sek.nama,
        f"NIP {sek.nip}",
        seed=ctx.seed + 92,
        w=75,
    )
    return _done(pdf, "f2_dua_orang", ctx)


FORMS_PDF = {
    "f2_dua_halaman": form_dua_halaman,
    "f2_titik_pemandu": form_titik_pemandu,
    "f2_label_bawah": form_label_bawah,
    "f2_romawi": form_romawi,
    "f2_tebal_tanpa_titik_dua": form_tebal,
    "f2_panel_lanskap": form_panel_lanskap,
    "f2_mesin_ketik": form_mesin_ketik,
    "f2_dua_orang": form_dua_orang,
}


# ----------------------------------------------------------------------------------------------
# extra pages (lainnya)
# ----------------------------------------------------------------------------------------------
def extra_daftar_periksa(ctx: Ctx) -> Doc:
    pdf = P(font=ctx.font, size=10.5, margins=(22, 18, 20))
    pdf.center("DAFTAR PERIKSA KELENGKAPAN BERKAS", "B", 12, after=0)
    pdf.center("Permohonan Akun Admin Agency", "", 11, after=5)
    pdf.kv("Satuan kerja", ctx.ag["satker"], lw=38)
    pdf.kv("Tanggal kirim", tgl(ctx.d_letter), lw=38)
    pdf.ln(4)
    W = pdf.epw_
    cols = [10, W - 10 - 22 - 50, 22, 50]
    pdf.row(
        ["No", "Dokumen", "Ada", "Keterangan"],
        cols,
        styles=["B"] * 4,
        aligns=["C"] * 4,
        fills=[230] * 4,
    )
    items = [
        ("Surat permohonan kepada Kepala LPSE Provinsi Kalimantan Timur", "V", "asli + pindaian"),
        ("Formulir permohonan akun Admin Agency", "V", "ditandatangani"),
        ("Surat Keputusan / Surat Tugas penunjukan Admin Agency", "V", "salinan"),
        ("Fotokopi kartu pegawai", ctx.extra.get("karpeg_mark", "-"), "bila ada"),
        ("Sertifikat pelatihan SPSE", "-", "menyusul"),
    ]
    for i, (a, b, c) in enumerate(items, 1):
        pdf.row([str(i), a, b, c], cols, aligns=["C", "L", "C", "L"])
    pdf.ln(6)
    pdf.para("Diperiksa oleh petugas pengirim sebelum berkas dikirim.", style="I", size=9.5)
    return Doc("lainnya", "x2_daftar_periksa", {}, pdf=pdf.bytes(), npages=pdf.page)


def extra_karpeg(ctx: Ctx) -> Doc:
    pdf = P(font=ctx.font, size=10, margins=(25, 25, 25))
    pdf.center("FOTOKOPI KARTU PEGAWAI", "B", 11, after=4)
    pdf.image(karpeg_png(ctx.person, ctx.seed), x=45, y=pdf.get_y() + 2, w=120)
    pdf.set_y(pdf.get_y() + 84)
    pdf.para("Sesuai dengan aslinya.", align="C", style="I")
    return Doc(
        "lainnya",
        "x2_karpeg",
        {"nama": ctx.person.nama, "nip": ctx.person.nip},
        pdf=pdf.bytes(),
        npages=pdf.page,
    )


def extra_biodata(ctx: Ctx) -> Doc:
    p = ctx.person
    pdf = P(font=ctx.font, size=10.5, margins=(24, 18, 22))
    pdf.center("DAFTAR RIWAYAT HIDUP SINGKAT", "BU", 12, after=5)
    rows = [
        ("Nama", p.nama),
        ("NIK", p.nik),
        ("Tempat, tanggal lahir", f"Samarinda, {tgl(p.birth)}"),
        ("Jenis kelamin", "Laki-laki" if p.gender == 1 else "Perempuan"),
        (
            "Alamat rumah",
            f"Jalan Pramuka {ctx.rng.randint(2, 60)} RT {ctx.rng.randint(1, 40):03d}, Samarinda",
        ),
        ("Nomor HP", p.phone),
        ("Pendidikan terakhir", "S1 Teknik Informatika" if "Kom" in p.back else "S1"),
        ("Unit kerja", ctx.ag["satker"]),
    ]
    for k, v in rows:
        pdf.kv(k, v, lw=50)
    pdf.ln(4)
    pdf.para("Riwayat jabatan:", style="B", after=1)
    for i, t in enumerate(
        ["Pengadministrasi Umum (2015\u20132019)", f"{p.jabatan} (2020\u2013sekarang)"], 1
    ):
        pdf.para(f"{i}. {t}", indent=6, after=0.5)
    pdf.ln(8)
    pdf.sign_block(
        pdf.w - pdf.r_margin - 70,
        [f"{ctx.ag['city']}, {tgl(ctx.d_form)}"],
        p.nama,
        None,
        seed=ctx.seed + 99,
        w=70,
    )
    return Doc(
        "lainnya", "x2_biodata", {"nama": p.nama, "nik": p.nik}, pdf=pdf.bytes(), npages=pdf.page
    )


def extra_sengaja_kosong(ctx: Ctx) -> Doc:
    pdf = P(font=ctx.font, size=11)
    pdf.set_y(140)
    pdf.center("Halaman ini sengaja dikosongkan.", "I", 11)
    return Doc("lainnya", "x2_sengaja_kosong", {}, pdf=pdf.bytes(), npages=1)


EXTRAS = {
    "x2_daftar_periksa": extra_daftar_periksa,
    "x2_karpeg": extra_karpeg,
    "x2_biodata": extra_biodata,
    "x2_sengaja_kosong": extra_sengaja_kosong,
}

__all__ = ["Doc", "FORMS_PDF", "EXTRAS", "form_fields", "nip_label", "AG", "io"]
