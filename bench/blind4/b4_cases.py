"""blind4 recipes: one dict per case (category, agency, layouts, validity, packaging, the codes it
must give, Indonesian notes)."""

from b4_common import TUJUAN_INVALID, TUJUAN_VALID


def F(layout, **opts):
    return dict(layout=layout, opts=opts)


def S(layout, validity="none", others=0, **kw):
    return dict(layout=layout, validity=validity, others=others, **kw)


def L(layout, **kw):
    return dict(layout=layout, **kw)


def f(name, docs, media="pdf", **kw):
    d = dict(name=name, docs=docs, media=media)
    d.update(kw)
    return d


SEP = [
    f("01. Formulir Permohonan Admin Agency.pdf", ["form"]),
    f("02. SK Penunjukan.pdf", ["sk"]),
    f("03. Surat Permohonan.pdf", ["letter"]),
]


RECIPES = [
    # ------------------------------------------------------------ complete_digital (15)
    dict(
        key="d01",
        category="complete_digital",
        agency="pupr",
        form=F("f4_garis_bawah"),
        sk=S("s4_sekda_tabel", "until", others=4),
        letter=L("p4_hal_tengah"),
        files=SEP,
        notes=[
            "nilai formulir diketik di atas garis bawah (underscore ikut di lapisan teks)",
            "SK Sekretaris Daerah dengan lampiran lanskap berisi beberapa Admin Agency lintas "
            "perangkat daerah",
        ],
    ),
    dict(
        key="d02",
        category="complete_digital",
        agency="dinkes",
        prev=True,
        form=F("f4_subnomor"),
        sk=S("s4_diktum_kalimat", "years", others=1, pos=0),
        letter=L("p4_dua_halaman"),
        files=[f("Berkas Admin Agency Dinkes.pdf", ["letter", "form", "sk"])],
        packaging="merged",
        notes=[
            "satu PDF: surat (2 halaman), formulir, SK",
            "formulir penggantian memuat nama dan NIP admin lama (4.1/4.2)",
            "surat menyebut admin lama dengan NIP",
        ],
    ),
    dict(
        key="d03",
        category="complete_digital",
        agency="dishub",
        form=F("f4_excel_grid"),
        example_phone="081234567890",
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_kepada_atas"),
        extras=["x4_disposisi"],
        files=SEP + [f("Lembar Disposisi.pdf", ["x0"])],
        notes=[
            "formulir cetakan Excel lanskap dengan gridlines; kolom keterangan memuat contoh nomor "
            "HP (umpan)",
            "Surat Perintah dengan Nama/NIP dalam satu baris",
        ],
    ),
    dict(
        key="d04",
        category="complete_digital",
        agency="dkp",
        form=F("f4_docx_placeholder"),
        sk=S("s4_diktum_kalimat"),
        letter=L("p4_hal_tengah", tujuan=TUJUAN_VALID[3]),
        files=[
            f("Permohonan Admin Agency DKP/Formulir.docx", ["form"], media="docx"),
            f("Permohonan Admin Agency DKP/SK Admin Agency.pdf", ["sk"]),
            f("Permohonan Admin Agency DKP/Surat ke Biro PBJ.pdf", ["letter"]),
        ],
        packaging="subfolder",
        notes=["surat kepada Gubernur c.q. Kepala Biro PBJ"],
    ),
    dict(
        key="d05",
        category="complete_digital",
        agency="unmul",
        form=F("f4_dwibahasa"),
        sk=S("s4_diktum_kalimat", "until", others=1),
        letter=L("p4_kepada_atas"),
        files=[
            dict(
                zip="Berkas_Admin_Agency_UNMUL.zip",
                members=[
                    f("Berkas/1_formulir.pdf", ["form"]),
                    f("Berkas/2_sk_rektor.pdf", ["sk"]),
                    f("Berkas/3_surat_permohonan.pdf", ["letter"]),
                ],
            )
        ],
        packaging="zip",
        notes=["zip dengan folder", "formulir dua bahasa (Indonesia | English | isian)"],
    ),
    dict(
        key="d06",
        category="complete_digital",
        agency="bkad",
        paper="F4",
        form=F("f4_garis_bawah"),
        sk=S("s4_surat_perintah", "ta"),
        letter=L("p4_dua_halaman"),
        files=[f("scan001.pdf", ["form", "letter"]), f("Dokumen (2).pdf", ["sk"])],
        packaging="partial_merge",
        notes=[
            "nama berkas menyesatkan: scan001.pdf adalah PDF digital berisi formulir dan surat",
            "Surat Perintah berlaku untuk Tahun Anggaran berjalan",
        ],
    ),
    dict(
        key="d07",
        category="complete_digital",
        agency="satpol",
        pppk=True,
        form=F("f4_subnomor"),
        sk=S("s4_sekda_tabel", "none", others=3),
        letter=L("p4_hal_tengah"),
        extras=["x4_daftar_hadir"],
        files=SEP + [f("Daftar Hadir Bimtek.pdf", ["x0"])],
        notes=[
            "pemohon PPPK (NI PPPK 18 digit)",
            "daftar hadir bimtek memuat nama dan NIP peserta lain (umpan)",
        ],
    ),
    dict(
        key="d08",
        category="complete_digital",
        agency="dlh",
        form=F("f4_excel_grid"),
        sk=S("s4_sekda_tabel", "ta", others=2),
        letter=L("p4_kepada_atas"),
        extras=["blank"],
        files=[f("SK_Penunjukan.pdf", ["sk", "x0", "form", "letter"])],
        packaging="merged",
        notes=[
            "satu PDF bernama SK_Penunjukan.pdf berisi SK, halaman kosong, formulir dan surat",
            "SK berlaku untuk Tahun Anggaran berjalan (belum kedaluwarsa)",
        ],
    ),
    dict(
        key="d09",
        category="complete_digital",
        agency="bws",
        form=F("f4_dwibahasa"),
        sk=S("s4_surat_perintah", "years", others=1),
        letter=L("p4_dua_halaman"),
        files=SEP,
        notes=["instansi vertikal (Kementerian PU)", "Surat Perintah kepada dua orang"],
    ),
    dict(
        key="d10",
        category="complete_digital",
        agency="disdikbud",
        form=F("f4_docx_placeholder"),
        sk=S("s4_sekda_tabel", "until", others=5, caps=True),
        letter=L("p4_kepada_atas", caps=True),
        files=[
            f("Formulir Admin Agency.docx", ["form"], media="docx"),
            f("SK Sekda Admin Agency.pdf", ["sk"], owner_only=True),
            f("Surat Permohonan.pdf", ["letter"]),
        ],
        notes=[
            "SK dilindungi kata sandi pemilik saja (dapat dibuka, bukan cacat)",
            "nama pemohon di SK dan surat ditulis huruf kapital",
        ],
    ),
    dict(
        key="d11",
        category="complete_digital",
        agency="rsud_aws",
        form=F("f4_garis_bawah"),
        sk=S("s4_diktum_kalimat", "none", old=True),
        letter=L("p4_hal_tengah"),
        files=SEP,
        notes=["SK lama (lebih dari dua tahun) tanpa batas berlaku: tidak kedaluwarsa"],
    ),
    dict(
        key="d12",
        category="complete_digital",
        agency="kemenag",
        form=F("f4_subnomor"),
        sk=S("s4_surat_perintah", "years"),
        letter=L("p4_kepada_atas"),
        files=[
            dict(
                zip="permohonan-admin-agency.zip",
                members=[
                    f("formulir.pdf", ["form"]),
                    f("surat_perintah.pdf", ["sk"]),
                    f("surat_permohonan.pdf", ["letter"]),
                ],
            )
        ],
        packaging="zip",
        notes=["zip tanpa folder", "kantor wilayah kementerian"],
    ),
    dict(
        key="d13",
        category="complete_digital",
        agency="dprd",
        form=F("f4_excel_grid"),
        sk=S("s4_diktum_kalimat", "until", others=1, pos=1),
        letter=L("p4_dua_halaman", signer="head"),
        extras=["x4_disposisi"],
        files=SEP + [f("disposisi.pdf", ["x0"])],
        notes=["pemohon ditunjuk sebagai Admin Agency cadangan pada Diktum KEDUA"],
    ),
    dict(
        key="d14",
        category="complete_digital",
        agency="bpom",
        form=F("f4_dwibahasa"),
        sk=S("s4_diktum_kalimat", "years"),
        letter=L("p4_hal_tengah", tujuan=TUJUAN_VALID[4]),
        extras=["x4_tanda_terima"],
        files=[
            f("Formulir dan SK.pdf", ["form", "sk"]),
            f("Surat Permohonan.pdf", ["letter"]),
            f("Tanda Terima pengajuan pertama.pdf", ["x0"]),
        ],
        packaging="partial_merge",
        notes=[
            "surat kepada Sekretaris Daerah c.q. Kepala Biro PBJ",
            "tanda terima LPSE dari pengajuan sebelumnya (nama petugas penerima sebagai umpan)",
        ],
    ),
    dict(
        key="d15",
        category="complete_digital",
        agency="pupr",
        form=F("f4_garis_bawah"),
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_kepada_atas"),
        files=[
            f("Surat.pdf", ["form"]),
            f("Formulir.pdf", ["letter"]),
            f("Penunjukan.pdf", ["sk"]),
        ],
        notes=[
            "nama berkas menyesatkan: Surat.pdf berisi formulir, Formulir.pdf berisi surat "
            "permohonan"
        ],
    ),
    # ------------------------------------------------------------ complete_scan (14)
    dict(
        key="s01",
        category="complete_scan",
        agency="dinkes",
        form=F("f4_garis_bawah", hand=True),
        sk=S("s4_sekda_tabel", "until", others=3),
        letter=L("p4_hal_tengah"),
        form_date_style="slash",
        files=[
            f(
                "Formulir (tulisan tangan).pdf",
                ["form"],
                media="scan",
                opts=dict(dpi=200, skew=1.8, q=50),
            ),
            f("SK Sekda.pdf", ["sk"]),
            f("Surat Permohonan.pdf", ["letter"]),
        ],
        notes=["formulir diisi tangan lalu dipindai 200 dpi"],
    ),
    dict(
        key="s02",
        category="complete_scan",
        agency="dishub",
        form=F("f4_subnomor", hand=True),
        caps_form=True,
        sk=S("s4_diktum_kalimat", "none"),
        letter=L("p4_kepada_atas"),
        form_date_style="long",
        files=[
            f(
                "IMG-20260312-WA0007.jpg",
                ["form"],
                media="photo",
                opts=dict(width=1600, persp=0.05),
            ),
            f("scan_berkas.pdf", ["sk", "letter"], media="scan", opts=dict(dpi=150, q=40, noise=8)),
        ],
        notes=[
            "formulir diisi tangan dengan huruf kapital, difoto (ukuran WhatsApp)",
            "SK dan surat dipindai 150 dpi",
        ],
    ),
    dict(
        key="s03",
        category="complete_scan",
        agency="dlh",
        form=F("f4_excel_grid"),
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_hal_tengah"),
        files=[
            f(
                "Scan_20260311_0001.pdf",
                ["form", "sk", "letter"],
                media="scan",
                opts=dict(dpi=300, shadow=True, q=45, turns={1: 90}),
            )
        ],
        packaging="merged_scan",
        notes=[
            "satu pindaian 300 dpi; formulir lanskap terpindai miring 90 derajat; bayangan tutup "
            "pemindai"
        ],
    ),
    dict(
        key="s04",
        category="complete_scan",
        agency="bkad",
        form=F("f4_dwibahasa"),
        sk=S("s4_sekda_tabel", "none", others=2),
        letter=L("p4_dua_halaman"),
        files=[
            f(
                "berkas_admin_agency.tif",
                ["form", "sk", "letter"],
                media="tiff_g4",
                opts=dict(dpi=300, noise=4),
            )
        ],
        packaging="tiff",
        notes=["TIFF multi-halaman CCITT G4 300 dpi"],
    ),
    dict(
        key="s05",
        category="complete_scan",
        agency="dkp",
        form=F("f4_garis_bawah"),
        sk=S("s4_sekda_tabel", "years", others=2),
        letter=L("p4_kepada_atas"),
        files=[
            f("foto formulir.jpg", ["form"], media="photo", opts=dict(width=2400, hand=True)),
            f("foto SK.jpg", ["sk"], media="photo", opts=dict(width=2400)),
            f("foto surat.jpg", ["letter"], media="photo", opts=dict(width=2400, falloff=0.5)),
        ],
        packaging="photos",
        notes=[
            "semua dokumen difoto kamera (2400 px); SK dua halaman menjadi dua foto",
            "bayangan tangan pada foto formulir",
        ],
    ),
    dict(
        key="s06",
        category="complete_scan",
        agency="satpol",
        form=F("f4_subnomor"),
        sk=S("s4_diktum_kalimat", "until", others=1),
        letter=L("p4_hal_tengah"),
        files=[
            f("CamScanner Formulir.png", ["form"], media="png", opts=dict(dpi=150, skew=0.6)),
            f("CamScanner SK.png", ["sk"], media="png", opts=dict(dpi=150, skew=-0.8)),
            f("Surat Permohonan.pdf", ["letter"]),
        ],
        notes=["aplikasi pemindai ponsel: PNG per halaman"],
    ),
    dict(
        key="s07",
        category="complete_scan",
        agency="unmul",
        form=F("f4_garis_bawah", hand=True),
        sk=S("s4_diktum_kalimat", "years"),
        letter=L("p4_kepada_atas"),
        form_date_style="long",
        files=[
            f(
                "formulir_tulis_tangan.jpg",
                ["form"],
                media="photo",
                opts=dict(width=1600, hand=True, persp=0.07),
            ),
            f("SK Rektor.pdf", ["sk"]),
            f(
                "surat_permohonan_scan.pdf",
                ["letter"],
                media="scan",
                opts=dict(dpi=150, q=30, noise=10),
            ),
        ],
        notes=[
            "formulir diisi tangan, difoto dengan bayangan tangan",
            "surat dipindai 150 dpi JPEG q30",
        ],
    ),
    dict(
        key="s08",
        category="complete_scan",
        agency="bws",
        form=F("f4_dwibahasa"),
        sk=S("s4_surat_perintah", "until", others=1),
        letter=L("p4_dua_halaman"),
        files=[
            f("formulir.pdf", ["form"], media="scan", opts=dict(dpi=200, turns={1: 270}, skew=0.5)),
            f("surat perintah.pdf", ["sk"], media="scan", opts=dict(dpi=200, skew=4.0, dust=True)),
            f("surat permohonan.pdf", ["letter"]),
        ],
        notes=[
            "formulir terpindai terbalik 90 derajat",
            "Surat Perintah miring 4 derajat dengan debu",
        ],
    ),
    dict(
        key="s09",
        category="complete_scan",
        agency="disdikbud",
        form=F("f4_excel_grid"),
        sk=S("s4_sekda_tabel", "until", others=4),
        letter=L("p4_hal_tengah"),
        files=[
            f("Formulir.pdf", ["form"]),
            f("SK_Sekda.tiff", ["sk"], media="tiff_lzw", opts=dict(dpi=200)),
            f("Surat.pdf", ["letter"], media="scan", opts=dict(dpi=240, contrast=True)),
        ],
        notes=["SK dua halaman dalam TIFF abu-abu LZW", "surat kontras rendah"],
    ),
    dict(
        key="s10",
        category="complete_scan",
        agency="rsud_aws",
        form=F("f4_subnomor", hand=True),
        prev=True,
        sk=S("s4_surat_perintah", "none"),
        letter=L("p4_kepada_atas"),
        form_date_style="slash",
        files=[
            f(
                "Formulir RA-01.pdf",
                ["form"],
                media="scan",
                opts=dict(dpi=300, dust=True, skew=-1.2),
            ),
            f("Surat Perintah.jpg", ["sk"], media="photo", opts=dict(width=1600)),
            f(
                "Surat Permohonan.jpg",
                ["letter"],
                media="photo",
                opts=dict(width=1600, falloff=0.55),
            ),
        ],
        notes=[
            "formulir penggantian diisi tangan (admin lama juga ditulis tangan)",
            "SK dan surat difoto",
        ],
    ),
    dict(
        key="s11",
        category="complete_scan",
        agency="kemenag",
        form=F("f4_docx_placeholder"),
        sk=S("s4_diktum_kalimat", "until", others=1),
        letter=L("p4_hal_tengah"),
        files=[
            f("Formulir Admin Agency.docx", ["form"], media="docx"),
            f("scan001.pdf", ["letter", "sk"], media="scan", opts=dict(dpi=200, q=55)),
        ],
        notes=["campuran: formulir Word dan pindaian surat+SK dalam scan001.pdf"],
    ),
    dict(
        key="s12",
        category="complete_scan",
        agency="dprd",
        form=F("f4_excel_grid"),
        sk=S("s4_diktum_kalimat", "years"),
        letter=L("p4_dua_halaman"),
        files=[
            f(
                "form_scan.pdf",
                ["form"],
                media="scan",
                opts=dict(dpi=200, contrast=True, turns={1: 180}),
            ),
            f("SK.pdf", ["sk"]),
            f("Surat.pdf", ["letter"]),
        ],
        notes=["formulir Excel lanskap dipindai terbalik 180 derajat, kontras rendah"],
    ),
    dict(
        key="s13",
        category="complete_scan",
        agency="bpom",
        form=F("f4_dwibahasa"),
        sk=S("s4_surat_perintah", "ta"),
        letter=L("p4_kepada_atas"),
        files=[
            f("WA/IMG-20260401-WA0011.jpg", ["form"], media="photo", opts=dict(width=1600)),
            f(
                "WA/IMG-20260401-WA0012.jpg",
                ["sk"],
                media="photo",
                opts=dict(width=1600, falloff=0.45),
            ),
            f(
                "WA/IMG-20260401-WA0013.jpg",
                ["letter"],
                media="photo",
                opts=dict(width=1600, persp=0.08),
            ),
        ],
        packaging="photos",
        notes=["semua dokumen difoto ukuran WhatsApp dalam subfolder"],
    ),
    dict(
        key="s14",
        category="complete_scan",
        agency="pupr",
        form=F("f4_garis_bawah"),
        sk=S("s4_sekda_tabel", "none", others=3),
        letter=L("p4_hal_tengah"),
        files=[
            f("01_formulir.pdf", ["form"], media="scan", opts=dict(dpi=250, noise=12, q=40)),
            f("02_sk.pdf", ["sk"], media="scan", opts=dict(dpi=250, skew=-2.7, q=60)),
            f("03_surat.pdf", ["letter"], media="scan", opts=dict(dpi=250, shadow=True)),
        ],
        notes=["tiga pindaian 250 dpi dengan derau"],
    ),
    # ------------------------------------------------------------ email (5)
    dict(
        key="e01",
        category="email",
        agency="dinkes",
        form=F("f4_subnomor"),
        sk=S("s4_diktum_kalimat", "until"),
        letter=L("p4_hal_tengah"),
        packaging="email",
        email=dict(
            files=[
                f("Formulir Admin Agency.pdf", ["form"]),
                f("SK Penunjukan.pdf", ["sk"]),
                f("Surat Permohonan.pdf", ["letter"]),
            ]
        ),
        notes=["lampiran PDF biasa"],
    ),
    dict(
        key="e02",
        category="email",
        agency="dlh",
        form=F("f4_garis_bawah"),
        sk=S("s4_sekda_tabel", "until", others=2),
        letter=L("p4_kepada_atas"),
        packaging="email_zip",
        email=dict(
            files=[
                dict(
                    zip="Berkas Admin Agency DLH.zip",
                    members=[
                        f("Berkas/formulir_scan.pdf", ["form"], media="scan", opts=dict(dpi=200)),
                        f("Berkas/SK.pdf", ["sk"]),
                        f("Berkas/Surat.pdf", ["letter"]),
                    ],
                )
            ]
        ),
        notes=["zip dengan folder; formulir di dalam zip berupa pindaian"],
    ),
    dict(
        key="e03",
        category="email",
        agency="unmul",
        form=F("f4_dwibahasa"),
        sk=S("s4_diktum_kalimat", "years"),
        letter=L("p4_dua_halaman"),
        packaging="email_forward",
        email=dict(
            files=[
                f("Formulir.pdf", ["form"], fwd=True),
                f("SK Rektor.pdf", ["sk"], fwd=True),
                f("Surat Permohonan.pdf", ["letter"], fwd=True),
            ]
        ),
        notes=["email diteruskan sebagai message/rfc822; lampiran ada di email dalam"],
    ),
    dict(
        key="e04",
        category="email",
        agency="bws",
        form=F("f4_subnomor"),
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_hal_tengah"),
        packaging="email_inline",
        email=dict(
            files=[
                f("formulir.jpg", ["form"], media="photo", opts=dict(width=1600), inline=True),
                f("Surat Perintah.pdf", ["sk"]),
                f("Surat Permohonan.pdf", ["letter"]),
            ]
        ),
        notes=["formulir sebagai foto inline (cid:) di bagian HTML"],
    ),
    dict(
        key="e05",
        category="email",
        agency="dkp",
        form=F("f4_excel_grid"),
        sk=S("s4_sekda_tabel", "none", others=3),
        letter=L("p4_kepada_atas"),
        packaging="email_rfc2231",
        email=dict(
            rfc2231=True,
            files=[
                f(
                    "Formulir Permohonan Akun Admin Agency – Dinas Kelautan dan Perikanan (sudah "
                    "ditandatangani).pdf",
                    ["form"],
                ),
                f(
                    "Keputusan Sekretaris Daerah tentang Penunjukan Administrator Agency – "
                    "lampiran.pdf",
                    ["sk"],
                ),
                f(
                    "Surat Permohonan kepada Kepala LPSE Provinsi Kalimantan Timur – DKP.pdf",
                    ["letter"],
                ),
            ],
        ),
        notes=["nama lampiran UTF-8 panjang (RFC 2231, tanda pisah en)"],
    ),
    # ------------------------------------------------------------ defective (20)
    dict(
        key="x01",
        category="defective",
        agency="dishub",
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_hal_tengah"),
        extras=["x4_daftar_hadir"],
        files=[
            f("Surat Perintah.pdf", ["sk"]),
            f("Surat Permohonan.pdf", ["letter"]),
            f("Formulir dan Daftar Hadir.pdf", ["x0"]),
        ],
        expect=["missing:formulir"],
        notes=[
            "formulir tidak ada; berkas bernama 'Formulir dan Daftar Hadir.pdf' "
            "hanya berisi daftar hadir bimtek"
        ],
    ),
    dict(
        key="x02",
        category="defective",
        agency="bkad",
        form=F("f4_dwibahasa"),
        letter=L("p4_kepada_atas"),
        files=[f("Formulir.pdf", ["form"]), f("Surat Permohonan.pdf", ["letter"])],
        expect=["missing:surat_penunjukan"],
        notes=["surat mencentang SK sebagai lampiran, tetapi SK tidak dilampirkan"],
    ),
    dict(
        key="x03",
        category="defective",
        agency="satpol",
        form=F("f4_garis_bawah"),
        sk=S("s4_sekda_tabel", "none", others=2),
        packaging="email",
        email=dict(
            files=[f("Formulir.pdf", ["form"]), f("SK Sekda.pdf", ["sk"])],
            body=(
                "Yth. Kepala LPSE Provinsi Kalimantan Timur,\n\nDengan hormat, bersama ini kami "
                "mengajukan permohonan pembuatan akun Admin Agency untuk pegawai kami sebagaimana "
                "formulir terlampir. Atas perhatian Bapak/Ibu kami ucapkan terima kasih.\n\nKepala "
                "Satuan Polisi Pamong Praja\n"
            ),
        ),
        expect=["missing:surat_permohonan"],
        notes=["isi email berbunyi seperti surat permohonan, tetapi surat tidak dilampirkan"],
    ),
    dict(
        key="x04",
        category="defective",
        agency="dkp",
        form=F("f4_garis_bawah"),
        blank=["jabatan"],
        sk=S("s4_diktum_kalimat", "until"),
        letter=L("p4_hal_tengah"),
        files=SEP,
        expect=["missing_field:jabatan"],
        notes=[
            "isian jabatan hanya garis bawah (kosong)",
            "surat permohonan tetap menyebut jabatan; yang menentukan adalah formulir",
        ],
    ),
    dict(
        key="x05",
        category="defective",
        agency="rsud_aws",
        form=F("f4_excel_grid"),
        blank=["email"],
        sk=S("s4_sekda_tabel", "until", others=2),
        letter=L("p4_hal_tengah"),
        files=SEP,
        expect=["missing_field:email"],
        notes=["sel email kosong; kolom keterangan di sebelahnya tetap berisi petunjuk"],
    ),
    dict(
        key="x06",
        category="defective",
        agency="dinkes",
        form=F("f4_subnomor", hand=True),
        blank=["telepon"],
        sk=S("s4_surat_perintah", "none"),
        letter=L("p4_kepada_atas"),
        form_date_style="long",
        files=[
            f("Formulir.pdf", ["form"], media="scan", opts=dict(dpi=250)),
            f("Surat Perintah.pdf", ["sk"]),
            f("Surat Permohonan.pdf", ["letter"]),
        ],
        expect=["missing_field:telepon"],
        notes=[
            "formulir isian tangan: nomor telepon genggam kosong; telepon kantor terisi",
            "surat permohonan tetap mencantumkan nomor HP; yang menentukan adalah formulir",
        ],
    ),
    dict(
        key="x07",
        category="defective",
        agency="dlh",
        form=F("f4_subnomor"),
        invalid_nip="198806312011011004",
        sk=S("s4_diktum_kalimat", "years"),
        letter=L("p4_dua_halaman"),
        files=SEP,
        expect=["invalid:nip"],
        notes=["NIP dengan tanggal lahir 31 Juni (tidak ada), sama di semua dokumen"],
    ),
    dict(
        key="x08",
        category="defective",
        agency="bpom",
        form=F("f4_dwibahasa"),
        email_mut="no_tld",
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_hal_tengah"),
        files=SEP,
        expect=["invalid:email"],
        notes=["alamat surel tanpa domain tingkat atas ('@gmail')"],
    ),
    dict(
        key="x09",
        category="defective",
        agency="dprd",
        form=F("f4_garis_bawah"),
        phone="0852771",
        phone_print="0852-771",
        sk=S("s4_sekda_tabel", "none", others=2),
        letter=L("p4_kepada_atas"),
        files=SEP,
        expect=["invalid:telepon"],
        notes=["nomor HP hanya 7 digit"],
    ),
    dict(
        key="x10",
        category="defective",
        agency="disdikbud",
        form=F("f4_excel_grid"),
        sk=S("s4_sekda_tabel", "until", others=4, mode="other_name"),
        letter=L("p4_hal_tengah"),
        files=SEP,
        expect=["mismatch:nama"],
        notes=["lampiran SK Sekda: NIP pemohon tercantum dengan nama orang lain"],
    ),
    dict(
        key="x11",
        category="defective",
        agency="kemenag",
        form=F("f4_docx_placeholder"),
        sk=S("s4_diktum_kalimat", "until", mode="other_nip"),
        letter=L("p4_kepada_atas"),
        files=[
            f("Formulir.docx", ["form"], media="docx"),
            f("SK.pdf", ["sk"]),
            f("Surat.pdf", ["letter"]),
        ],
        expect=["mismatch:nip"],
        notes=["nama sama, NIP di kalimat diktum berbeda"],
    ),
    dict(
        key="x12",
        category="defective",
        agency="pupr",
        form=F("f4_subnomor"),
        prev=True,
        sk=S("s4_surat_perintah", "none", mode="others"),
        letter=L("p4_hal_tengah"),
        files=[
            f("scan_berkas.pdf", ["form", "sk", "letter"], media="scan", opts=dict(dpi=300, q=60))
        ],
        expect=["mismatch:nama", "mismatch:nip"],
        notes=["pindaian; Surat Perintah masih menunjuk admin lama"],
    ),
    dict(
        key="x13",
        category="defective",
        agency="bws",
        form=F("f4_dwibahasa"),
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_kepada_atas", invalid=TUJUAN_INVALID[0]),
        files=SEP,
        expect=["invalid:tujuan_surat"],
        notes=["surat ditujukan kepada Kepala LPSE Kota Balikpapan"],
    ),
    dict(
        key="x14",
        category="defective",
        agency="dishub",
        form=F("f4_garis_bawah"),
        sk=S("s4_sekda_tabel", "until", others=2),
        letter=L("p4_hal_tengah", invalid=TUJUAN_INVALID[1]),
        files=SEP,
        expect=["invalid:tujuan_surat"],
        notes=["surat kepada Gubernur c.q. Kepala BKD (bukan Biro PBJ)"],
    ),
    dict(
        key="x15",
        category="defective",
        agency="satpol",
        form=F("f4_excel_grid"),
        sk=S("s4_surat_perintah", "until_past"),
        letter=L("p4_dua_halaman"),
        files=SEP,
        expect=["expired:surat_penunjukan"],
        notes=["Surat Perintah berlaku 'sampai dengan tanggal' sebelum tanggal terima"],
    ),
    dict(
        key="x16",
        category="defective",
        agency="dinkes",
        form=F("f4_subnomor"),
        sk=S("s4_sekda_tabel", "ta", others=2, ta_year=2025),
        letter=L("p4_hal_tengah"),
        files=SEP,
        expect=["expired:surat_penunjukan"],
        notes=["SK Sekda untuk Tahun Anggaran 2025"],
    ),
    dict(
        key="x17",
        category="defective",
        agency="unmul",
        form=F("f4_dwibahasa"),
        future="surat_permohonan",
        sk=S("s4_diktum_kalimat", "years"),
        letter=L("p4_kepada_atas"),
        files=SEP,
        expect=["future_date:surat_permohonan"],
        notes=["surat bertanggal sesudah tanggal terima"],
    ),
    dict(
        key="x18",
        category="defective",
        agency="bkad",
        form=F("f4_garis_bawah"),
        future="surat_penunjukan",
        sk=S("s4_diktum_kalimat", "none"),
        letter=L("p4_hal_tengah"),
        files=SEP,
        expect=["future_date:surat_penunjukan"],
        notes=["SK bertanggal sesudah tanggal terima"],
    ),
    dict(
        key="x19",
        category="defective",
        agency="dkp",
        form=F("f4_subnomor"),
        future="formulir",
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_kepada_atas"),
        files=SEP,
        form_date_style="long",
        expect=["future_date:formulir"],
        notes=["formulir bertanggal tahun depan (salah ketik tahun)"],
    ),
    dict(
        key="x20",
        category="defective",
        agency="rsud_aws",
        form=F("f4_excel_grid"),
        sk=S("s4_diktum_kalimat", "none"),
        letter=L("p4_hal_tengah"),
        files=[
            f("Formulir.pdf", ["form"]),
            f(
                "Foto SK.jpg",
                ["sk"],
                media="photo",
                unreadable=True,
                opts=dict(width=640, blur=5, dark=0.4, q=25),
            ),
            f("Surat.pdf", ["letter"]),
        ],
        damage=("sk", "unreadable"),
        expect=["unreadable"],
        notes=["foto SK sangat kabur dan gelap"],
    ),
    dict(
        key="x21",
        category="defective",
        agency="dprd",
        form=F("f4_dwibahasa"),
        sk=S("s4_sekda_tabel", "none", others=2),
        letter=L("p4_kepada_atas"),
        files=[
            f("Formulir.pdf", ["form"]),
            f("SK.pdf", ["sk"]),
            f("Surat Permohonan.pdf", ["letter"], encrypt="setwan2026"),
        ],
        damage=("letter", "encrypted"),
        expect=["encrypted"],
        notes=["surat permohonan dilindungi kata sandi pengguna"],
    ),
    dict(
        key="x22",
        category="defective",
        agency="bpom",
        form=F("f4_subnomor"),
        sk=S("s4_surat_perintah", "until"),
        letter=L("p4_hal_tengah"),
        files=[
            f("Formulir.pdf", ["form"]),
            f("Surat Perintah.pdf", ["sk"], garble=True),
            f("Surat.pdf", ["letter"]),
        ],
        damage=("sk", "corrupt"),
        expect=["corrupt"],
        notes=["PDF Surat Perintah rusak (isi tertimpa derau)"],
    ),
]

for _r in RECIPES:
    _r.setdefault("expect", [])
    if "damage" in _r:
        _r["extra_ok"] = ["unreadable"] if _r["damage"][1] == "corrupt" else []
