"""The cases of the blind set.  Each function builds one application and returns its notes
(in Indonesian).  Category and channel are declared in CASES at the bottom."""

from __future__ import annotations

import datetime as dt

from blind_build import Em, Zp
from blind_common import tgl
from blind_media import zip_bytes
from blind_pdf import nip_fmt

WITA = dt.timezone(dt.timedelta(hours=8))


def _at(b, hour=None):
    r = b.r
    return dt.datetime(b.recv.year, b.recv.month, b.recv.day, hour or r.randint(7, 16),
                       r.randint(0, 59), r.randint(0, 59), tzinfo=WITA)


def _body(b, extra=""):
    p, ag = b.app, b.ag
    return (f"Yth. Admin LPSE Provinsi Kalimantan Timur,\n\n"
            f"Bersama ini kami sampaikan berkas permohonan pembuatan akun Admin Agency atas nama "
            f"{p['nama']} (NIP {p['nip']}) dari {ag['satker']}.{extra}\n\n"
            f"Mohon dapat diproses. Atas perhatian Bapak/Ibu kami ucapkan terima kasih.\n\n"
            f"Salam,\nSubbagian Umum dan Kepegawaian\n{ag['satker']}\nTelp. {ag['tel']}\n")


def _html(text, img_cid=None):
    paras = "".join(f"<p>{x.replace(chr(10), '<br>')}</p>" for x in text.split("\n\n"))
    img = f'<p><img src="cid:{img_cid}" width="480" alt="formulir"></p>' if img_cid else ""
    return f"<html><body>{paras}{img}</body></html>"


# =============================================================================================
# complete, digital
# =============================================================================================
def d_separate(b):
    b.setup("dinkes")
    F = b.form("fm_grid_duo")
    S = b.sk("sk_kadis_kolom", others=3)
    L = b.letter("lt_tnd_kanan", tujuan="biro", tembusan=["Sekretaris Dinas Kesehatan."])
    b.put(b.pdf("01_Surat_Permohonan.pdf", L), b.pdf("02_SK_Admin_Agency.pdf", S),
          b.pdf("03_Formulir_Admin_Agency.pdf", F))
    b.packaging = "tiga PDF terpisah"
    return ("Formulir berupa grid 4 kolom, dua isian dalam satu baris (NIP | Pangkat/Gol., Email | "
            "No. HP), label dengan tanda * dan **; SK dengan lampiran tabel berkolom NIP "
            "terpisah, pemohon bukan di baris pertama; NIP kepala dinas di blok Mengetahui.")


def d_merged_odd(b):
    b.setup("pupr")
    S = b.sk("sk_kadis_kolom", others=2, validity=("until", dt.date(2027, 12, 31)))
    F = b.form("fm_label_above")
    L = b.letter("lt_header_2col", tujuan="lpse", signer="an",
                 contact=(b.app["email"], b.app["hp"]))
    K = b.extra("x_ktp")
    b.put(b.pdf("Berkas Permohonan Admin Agency.pdf", S, F, L), b.pdf("KTP.pdf", K))
    b.packaging = "satu PDF gabungan (SK 2 hlm, formulir, surat) + PDF KTP"
    return ("Urutan gabungan SK-formulir-surat; formulir model isian kotak dengan label kecil di "
            "atas nilai, kotak NIK (16 digit) di sebelah NIP, kop LPSE dengan telepon dan email "
            "LPSE; SK berlaku s.d. 31 Desember 2027.")


def d_zip_folder(b):
    b.setup("bpbd")
    F = b.form("fm_dotted")
    S = b.sk("sk_penunjukan_ybt", validity=("years2",))
    L = b.letter("lt_cq_box", tujuan="cq_gub", contact=(b.app["email"], b.app["hp"]))
    P = b.extra("x_pakta")
    z = Zp("Berkas_AdminAgency_BPBD.zip", [("BPBD/1. Surat Permohonan.pdf", b.pdf("a", L)),
                                           ("BPBD/2. Surat Penunjukan.pdf", b.pdf("b", S)),
                                           ("BPBD/3. Formulir.pdf", b.pdf("c", F)),
                                           ("BPBD/4. Pakta Integritas.pdf", b.pdf("d", P))])
    for path, fl in z.members:
        fl.name = path
    b.put(z)
    b.packaging = "zip dengan subfolder"
    return ("Zip berisi folder BPBD; surat penunjukan mencantumkan nama dan NIP penandatangan "
            "lebih dahulu (Yang bertanda tangan), baru pegawai yang ditunjuk; surat via c.q.; "
            "formulir isian di atas garis titik-titik dengan telepon kantor di baris yang sama "
            "dengan HP.")


def d_docx_rsud(b):
    b.setup("rsaws")
    F = b.form("fm_docx_tabs")
    S = b.sk("sk_diktum_list", others=1, validity=("none_koreksi",))
    L = b.letter("lt_cq_box", tujuan="lpse_long")
    b.put(b.docx("Formulir Admin Agency RSUD AWS.docx", F), b.pdf("SK Direktur.pdf", S),
          b.pdf("Surat Permohonan.pdf", L))
    b.packaging = "docx + dua PDF"
    return ("Formulir Word dengan tab stop (tanpa tabel), NIP sebelum nama; SK Direktur "
            "menyebut dua orang di diktum KESATU dalam blok Nama/NIP/Jabatan; Memperhatikan "
            "mengutip surat Biro PBJ.")


def d_docx_kanwil(b):
    b.setup("kanwilkum")
    F = b.form("fm_docx_grid4")
    S = b.sk("sk_perubahan")
    L = b.letter("lt_numbered", tujuan="biro")
    b.put(b.docx("form_admin_agency.docx", F), b.pdf("SK Perubahan Admin Agency.pdf", S),
          b.pdf("Surat Usulan.pdf", L))
    b.packaging = "docx + dua PDF"
    return ("Formulir Word tabel 4 kolom dengan baris judul digabung dan kotak centang; SK "
            "perubahan dengan tabel Semula | Menjadi (admin lama beserta NIP di kolom Semula dan "
            "di Menimbang).")


def d_polri(b):
    b.setup("polda")
    F = b.form("fm_spaced")
    S = b.sk("sk_sprin", others=3, validity=("until", dt.date(b.recv.year + 1, 12, 31)))
    L = b.letter("lt_tnd_kanan", tujuan="lpse", signer="an")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("Sprin Admin Agency.pdf", S),
          b.pdf("Surat Karolog.pdf", L))
    b.packaging = "tiga PDF"
    return ("Surat Perintah gaya Polri: tabel Kepada dengan anggota ber-NRP dan PNS ber-NIP, "
            "penandatangan dengan NRP; formulir berlabel berspasi (N a m a, N I P).")


def d_univ(b):
    b.setup("unmul")
    dsk = dt.date(b.recv.year, 1, 6) + dt.timedelta(days=b.r.randint(0, 20))
    F = b.form("fm_bilingual")
    S = b.sk("sk_diktum_list", others=2, validity=("ta",), date=dsk)
    L = b.letter("lt_footer_table", tujuan="lpse")
    X = b.extra("x_sertifikat", date=b.d_sk + dt.timedelta(days=3))
    b.put(b.pdf("Form_AdminAgency_Unmul.pdf", F), b.pdf("SK_Rektor.pdf", S),
          b.pdf("Surat_Rektor.pdf", L), b.pdf("Sertifikat_Bimtek.pdf", X))
    b.packaging = "empat PDF (termasuk sertifikat pelatihan)"
    return ("Formulir dwibahasa (label Indonesia tebal, Inggris miring di bawahnya) dengan "
            "telepon kantor di baris terakhir; SK berlaku s.d. akhir Tahun Anggaran berjalan; "
            "kontak kampus di footer surat; sertifikat menyebut pemohon.")


def d_pppk(b):
    b.setup("dkp", pppk=True)
    F = b.form("fm_dotted")
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_header_2col", tujuan="biro_short", contact=(b.app["email"], b.app["hp"]))
    b.put(b.pdf("Permohonan_Admin_Agency_DKP.pdf", L, F, S))
    b.packaging = "satu PDF gabungan: surat, formulir, SK"
    return "Pemohon PPPK dengan NI PPPK 18 digit (bukan NIP PNS); status PPPK dicentang."


def d_partial_merge(b):
    b.setup("bapenda")
    F = b.form("fm_row_table")
    P = b.extra("x_pakta")
    L = b.letter("lt_pengantar", tujuan="biro")
    S = b.sk("sk_kadis_kolom", others=3)
    b.put(b.pdf("Formulir_dan_Pakta.pdf", F, P), b.pdf("Surat+SK.pdf", L, S))
    b.packaging = "dua PDF gabungan"
    return ("Formulir lanskap: instansi/satker sebagai baris kepala, pemohon satu baris tabel "
            "dengan nama dan NIP dalam satu sel; surat pengantar bertabel; Pakta Integritas "
            "menyebut pemohon.")


def d_misleading(b):
    b.setup("bontang")
    F = b.form("fm_replacement")
    S = b.sk("sk_penunjukan_ybt")
    L = b.letter("lt_numbered", tujuan="cq_sekda")
    b.put(b.pdf("SK.pdf", F), b.pdf("Formulir.pdf", S), b.pdf("Dokumen (3).pdf", L))
    b.packaging = "nama berkas menyesatkan"
    return ("SK.pdf berisi formulir, Formulir.pdf berisi surat penunjukan; formulir penggantian "
            "mencantumkan admin lama (nama, NIP, email) sebelum admin baru; surat via c.q. "
            "Sekda selaku Kepala LPSE.")


def d_f4_old_sk(b):
    b.setup("berau", max_tmt=2019)
    F = b.form("fm_label_above", paper="F4")
    S = b.sk("sk_kepala_daerah", others=9, date=dt.date(2021, 3, 15), validity=("none",))
    L = b.letter("lt_cq_box", tujuan="cq_sekda", paper="F4")
    b.put(b.pdf("formulir.pdf", F), b.pdf("Kepbup Admin Agency 2021.pdf", S),
          b.pdf("surat permohonan.pdf", L))
    b.packaging = "tiga PDF ukuran F4"
    return ("SK Bupati tahun 2021 tanpa batas berlaku (klausul anggaran TA 2021 bukan masa "
            "berlaku); lampiran lanskap 10 orang, nama kapital dengan gelar, nama dan NIP satu "
            "sel; blok Salinan sesuai aslinya dengan NIP lain.")


def d_owner_pw(b):
    b.setup("mahulu")
    F = b.form("fm_grid_duo")
    S = b.sk("sk_perubahan")
    L = b.letter("lt_tnd_kanan", tujuan="biro", signer="plt")
    X = b.extra("x_blank")
    b.put(b.pdf("Surat_Permohonan_signed.pdf", L, encrypt=("", "r4h4s14-owner")),
          b.pdf("Lampiran.pdf", F, X, S))
    b.packaging = "surat PDF dengan kata sandi pemilik saja (terbuka tanpa sandi) + gabungan"
    return ("Surat diproteksi owner password saja (bisa dibuka, bukan cacat); halaman kosong "
            "di tengah gabungan; penandatangan Plt.")


def d_upper_titles(b):
    b.setup("ppu", degree=True)
    b.app["nama"] = "Ns. " + b.app["plain"] + ", S.Kep."
    v = b.printed(email_case=True, phone="intl", nipstyle="spaced")
    F = b.form("fm_spaced", v=v)
    S = b.sk("sk_kadis_kolom", others=2, upper=True, nipstyle="plain")
    L = b.letter("lt_footer_table", tujuan="lpse_long")
    b.put(b.pdf("1 Formulir.pdf", F), b.pdf("2 SK.pdf", S), b.pdf("3 Surat.pdf", L))
    b.packaging = "tiga PDF"
    return ("Nama dengan gelar depan Ns. dan belakang S.Kep.; SK menulis nama kapital "
            "(NS. ..., S.KEP.) dan NIP tanpa spasi; email ditulis dengan huruf besar; HP +62.")


def d_balai(b):
    b.setup("bwsk4")
    F = b.form("fm_replacement")
    S = b.sk("sk_diktum_list", others=2, validity=("months", None, {"months": 12}))
    L = b.letter("lt_header_2col", tujuan="biro_short")
    X = b.extra("x_pernyataan")
    b.put(b.pdf("surat.pdf", L), b.pdf("sk.pdf", S), b.pdf("form.pdf", F),
          b.pdf("pernyataan.pdf", X))
    b.packaging = "empat PDF"
    return ("Instansi vertikal (Balai); SK berlaku 12 bulan sejak ditetapkan; surat pernyataan "
            "kesanggupan menyebut pemohon.")


def d_tni(b):
    b.setup("korem")
    F = b.form("fm_grid_duo")
    S = b.sk("sk_sprin", others=2)
    L = b.letter("lt_numbered", tujuan="lpse")
    b.put(b.pdf("Formulir_Korem.pdf", F), b.pdf("Sprin_AdminAgency.pdf", S),
          b.pdf("Surat_Danrem.pdf", L))
    b.packaging = "tiga PDF"
    return "PNS TNI AD; Surat Perintah dengan NRP penandatangan dan anggota; formulir grid."


def d_docx_merged(b):
    b.setup("bps")
    F = b.form("fm_docx_tabs")
    L = b.letter("lt_cq_box", tujuan="biro")
    S = b.sk("sk_diktum_list", others=1)
    K = b.extra("x_ktp")
    X = b.extra("x_pernyataan")
    b.put(b.docx("Formulir.docx", F), b.pdf("Scan_Berkas.pdf", L, S, K, X))
    b.packaging = "docx + satu PDF gabungan digital bernama Scan_Berkas"
    return ("PDF digital bernama Scan_Berkas berisi surat, SK, KTP (NIK) dan surat pernyataan.")


# =============================================================================================
# complete, scanned or photographed
# =============================================================================================
def s_single(b):
    b.setup("pupr")
    L = b.letter("lt_tnd_kanan", tujuan="lpse")
    S = b.sk("sk_kadis_kolom", others=2)
    F = b.form("fm_dotted")
    b.put(b.scan("scan001.pdf", L, S, F, dpi=200, q=55, maxskew=1.5,
                 all=dict(noise=5)))
    b.packaging = "satu PDF pindaian 200 dpi abu-abu"
    return "Satu pindaian berisi surat, SK (2 hlm) dan formulir; miring hingga 1,5 derajat."


def s_three_lowq(b):
    b.setup("bapenda")
    L = b.letter("lt_header_2col", tujuan="biro")
    S = b.sk("sk_penunjukan_ybt")
    F = b.form("fm_grid_duo", size=11)
    o = dict(dpi=150, q=35, maxskew=4, all=dict(noise=8))
    b.put(b.scan("Surat.pdf", L, **o), b.scan("SK.pdf", S, **o), b.scan("Formulir.pdf", F, **o))
    b.packaging = "tiga PDF pindaian 150 dpi, JPEG q35"
    return "Pindaian 150 dpi kualitas JPEG rendah, miring hingga 4 derajat."


def s_rot180(b):
    b.setup("kemenag")
    F = b.form("fm_label_above")
    S = b.sk("sk_diktum_list", others=1)
    L = b.letter("lt_numbered", tujuan="lpse")
    b.put(b.scan("Berkas_Kanwil.pdf", F, S, L, dpi=300, q=70, maxskew=.8,
                 per={1: dict(rot=180)}))
    b.packaging = "PDF pindaian 300 dpi, satu halaman terbalik 180 derajat"
    return "Halaman pertama SK terbalik (180 derajat)."


def s_rot90(b):
    b.setup("dkp")
    F = b.form("fm_row_table")
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_cq_box", tujuan="cq_gub")
    b.put(b.scan("formulir_scan.pdf", F, dpi=200, q=60, per={0: dict(rot=90, skew=.7)}),
          b.scan("sk_scan.pdf", S, dpi=200, q=60), b.scan("surat_scan.pdf", L, dpi=200, q=60))
    b.packaging = "tiga PDF pindaian; formulir lanskap diputar 90 derajat"
    return "Formulir lanskap dipindai dalam posisi diputar 90 derajat."


def s_photos(b):
    b.setup("polnes")
    F = b.form("fm_handfill", v=b.printed(upper=True), hand_fam="fserif")
    S = b.sk("sk_diktum_list", others=2)
    L = b.letter("lt_tnd_kanan", tujuan="biro")
    b.put(b.scan(f"WhatsApp Image 2026-{b.d_letter:%m-%d} at 09.41.12.jpeg", F,
                 kind="jpg", photo=dict(long_side=1600, persp=.06, angle=-3, bg="wood",
                                        light=.3), dpi=170),
          b.pdf("SK Direktur Polnes.pdf", S),
          b.scan(f"IMG_{b.d_letter:%Y%m%d}_101533.jpg", L, kind="jpg",
                 photo=dict(long_side=2400, persp=.08, angle=2, bg="desk", light=.4), dpi=170))
    b.packaging = "foto WhatsApp formulir tulisan tangan, foto kamera surat, SK digital"
    return ("Formulir diisi tulisan tangan (miring, tinta biru) difoto di atas meja kayu; surat "
            "difoto dengan bayangan dan cahaya tidak rata.")


def s_tiff_g4(b):
    b.setup("berau")
    L = b.letter("lt_tnd_kanan", tujuan="biro")
    F = b.form("fm_bilingual")
    S = b.sk("sk_kepala_daerah", others=7)
    b.put(b.scan("Berkas_Diskominfo_Berau.tif", L, F, S, kind="tiff", dpi=200,
                 compression="group4", maxskew=1.0, all=dict(bilevel=True, noise=3)))
    b.packaging = "TIFF multi-halaman CCITT G4 (hitam-putih)"
    return "TIFF hitam-putih multi-halaman; lampiran SK lanskap; formulir dwibahasa."


def s_tiff_jpeg(b):
    b.setup("bontang")
    S = b.sk("sk_penunjukan_ybt")
    F = b.form("fm_spaced")
    L = b.letter("lt_tnd_kanan", tujuan="lpse")
    b.put(b.scan("dokumen.tiff", S, F, L, kind="tiff", dpi=150, compression="jpeg",
                 maxskew=2.5, all=dict(noise=6, gray=True)))
    b.packaging = "TIFF multi-halaman terkompresi JPEG 150 dpi"
    return "TIFF abu-abu 150 dpi; urutan SK, formulir, surat."


def s_mixed(b):
    b.setup("rsaws")
    F = b.form("fm_docx_grid4")
    S = b.sk("sk_kadis_kolom", others=3)
    L = b.letter("lt_header_2col", tujuan="lpse")
    b.put(b.docx("Form Admin Agency.docx", F),
          b.scan("SK Admin Agency RSUD.pdf", S, dpi=200, q=60, per={0: dict(skew=6.0)}),
          b.scan("WhatsApp Image surat.jpeg", L, kind="jpg",
                 photo=dict(long_side=1600, persp=.05, angle=1.5, bg="cloth", light=.25),
                 dpi=170))
    b.packaging = "docx + PDF pindaian + foto WhatsApp"
    return "Campuran: formulir Word, SK dipindai (halaman 1 miring 6 derajat), surat difoto."


def s_camscanner(b):
    b.setup("bwsk4")
    F = b.form("fm_replacement")
    S = b.sk("sk_perubahan")
    L = b.letter("lt_cq_box", tujuan="biro")
    b.put(b.scan(f"CamScanner {b.d_letter:%d-%m-%Y} 09.33.pdf", F, S, L,
                 dpi=200, q=65, maxskew=1.2, all=dict(contrast=1.25, bright=-10, noise=4)))
    b.packaging = "PDF hasil aplikasi pemindai ponsel (kontras tinggi)"
    return "Kontras dipertajam; formulir penggantian dengan data admin lama."


def s_photo_dust(b):
    b.setup("mahulu")
    F = b.form("fm_grid_duo")
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_footer_table", tujuan="biro")
    b.put(b.scan("foto formulir.jpg", F, kind="jpg",
                 photo=dict(long_side=2200, persp=.09, angle=-4, bg="desk", light=.5), dpi=170),
          b.scan("SK_Surat_scan.pdf", S, L, dpi=200, q=50, maxskew=2,
                 all=dict(dust=60, speckle=.0004, lid=True, noise=6)))
    b.packaging = "foto formulir + PDF pindaian berdebu"
    return ("Formulir difoto dengan cahaya sangat tidak rata; SK dan surat dipindai dengan "
            "debu, bintik, dan bayangan tutup pemindai.")


def s_png_handfill(b):
    b.setup("bpbd")
    F = b.form("fm_handfill", v=b.printed(upper=True), hand_fam="dserif")
    S = b.sk("sk_penunjukan_ybt")
    L = b.letter("lt_cq_box", tujuan="lpse")
    b.put(b.scan("formulir.png", F, kind="png", dpi=200, all=dict(contrast=.7, noise=4)),
          b.scan("sk_dan_surat.pdf", S, L, dpi=200, q=60, maxskew=1))
    b.packaging = "PNG pindaian formulir tulisan tangan + PDF pindaian"
    return "Formulir tulisan tangan dipindai ke PNG dengan kontras rendah."


def s_skew6(b):
    b.setup("unmul")
    F = b.form("fm_label_above")
    S = b.sk("sk_diktum_list", others=1)
    L = b.letter("lt_footer_table", tujuan="lpse")
    o = dict(dpi=150, q=30, all=dict(lid=True, noise=7))
    b.put(b.scan("Formulir.pdf", F, per={0: dict(skew=-5.8)}, **o),
          b.scan(f"scan_{b.d_letter:%Y%m%d}.pdf", S, L, maxskew=3, **o))
    b.packaging = "PDF pindaian 150 dpi JPEG q30, miring hingga 6 derajat"
    return "Formulir miring hampir 6 derajat, bayangan tutup pemindai."


# =============================================================================================
# email
# =============================================================================================
def e_plain(b):
    b.setup("kemenag")
    F = b.form("fm_bilingual")
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_tnd_kanan", tujuan="biro")
    t = _body(b)
    b.put(Em("permohonan_admin_agency.eml", "Permohonan Akun Admin Agency - Kanwil Kemenag Kaltim",
             ("Kasubbag Umum Kanwil Kemenag", "umum.kanwilkaltim@kemenag.go.id"), _at(b), t,
             _html(t), parts=[b.pdf("Surat Permohonan.pdf", L), b.pdf("SK Admin Agency.pdf", S),
                              b.pdf("Formulir.pdf", F)]))
    b.packaging = "email dengan tiga lampiran PDF"
    return "Isi email menyebut nama dan NIP pemohon tetapi bukan surat permohonan."


def e_zip(b):
    b.setup("pupr")
    F = b.form("fm_dotted")
    S = b.sk("sk_kadis_kolom", others=3)
    L = b.letter("lt_cq_box", tujuan="cq_gub")
    z = Zp("BERKAS ADMIN AGENCY PUPR.zip", [
        ("BERKAS ADMIN AGENCY/Surat.pdf", b.pdf("BERKAS ADMIN AGENCY/Surat.pdf", L)),
        ("BERKAS ADMIN AGENCY/SK Kadis.pdf", b.pdf("BERKAS ADMIN AGENCY/SK Kadis.pdf", S)),
        ("BERKAS ADMIN AGENCY/Form.pdf", b.pdf("BERKAS ADMIN AGENCY/Form.pdf", F))])
    t = _body(b, " Berkas kami kirim dalam satu file zip.")
    b.put(Em("Berkas Admin Agency.eml", "Berkas Admin Agency Dinas PUPR-PERA",
             (b.app["plain"], b.app["email"]), _at(b), t, None, parts=[z]))
    b.packaging = "email dengan lampiran zip bersubfolder"
    return "Lampiran zip dengan subfolder; email hanya teks."


def e_forward(b):
    b.setup("bps")
    F = b.form("fm_replacement")
    S = b.sk("sk_diktum_list", others=1)
    L = b.letter("lt_header_2col", tujuan="lpse")
    inner_t = _body(b)
    inner = Em("Permohonan Akun Admin Agency.eml", "Permohonan Akun Admin Agency BPS Kaltim",
               (b.app["plain"], b.app["email"]), _at(b, 8), inner_t, _html(inner_t),
               parts=[b.pdf("Formulir_AA.pdf", F), b.pdf("SK_Kepala_BPS.pdf", S),
                      b.pdf("Surat_Permohonan_BPS.pdf", L)])
    t = ("Mohon diteruskan ke Admin PPE.\n\n---------- Forwarded message ---------\n"
         f"Dari: {b.app['plain']} <{b.app['email']}>\nPerihal: Permohonan Akun Admin Agency BPS "
         "Kaltim\n\n(pesan asli terlampir)\n\nSekretariat LPSE Prov. Kaltim")
    b.put(Em("Fwd_ Permohonan Akun Admin Agency.eml", "Fwd: Permohonan Akun Admin Agency BPS "
             "Kaltim", ("Sekretariat LPSE", "sekretariat.lpse@kaltimprov.go.id"), _at(b, 13), t,
             None, parts=[inner]))
    b.packaging = "email meneruskan pesan asli sebagai lampiran message/rfc822"
    return "Lampiran berada di dalam pesan yang diteruskan (message/rfc822)."


def e_inline(b):
    b.setup("berau")
    F = b.form("fm_handfill", v=b.printed(upper=True), hand_fam="fserif")
    S = b.sk("sk_diktum_list", others=2)
    L = b.letter("lt_tnd_kanan", tujuan="lpse")
    ph = b.scan(f"IMG-{b.d_letter:%Y%m%d}-WA0007.jpg", F, kind="jpg",
                photo=dict(long_side=1600, persp=.05, angle=2, bg="wood", light=.3), dpi=170)
    t = _body(b, " Formulir kami foto dan sisipkan di badan email.")
    b.put(Em("Formulir dan SK Admin Agency.eml", "Formulir dan SK Admin Agency Diskominfo Berau",
             ("Diskominfo Berau", "diskominfo.berau@gmail.com"), _at(b), t,
             _html(t, "formulir01@berau"), inline=[("formulir01@berau", ph)],
             parts=[b.scan("SK Admin Agency.pdf", S, dpi=200, q=60, maxskew=1),
                    b.pdf("Surat Permohonan Diskominfo.pdf", L)]))
    b.packaging = "email HTML dengan foto formulir sisipan (cid:) + lampiran"
    return "Formulir berupa foto sisipan di HTML (cid:); SK pindaian; surat digital."


def e_rfc2231(b):
    b.setup("dkp")
    F = b.form("fm_label_above")
    S = b.sk("sk_perubahan")
    L = b.letter("lt_numbered", tujuan="biro")
    names = ["Formulir Permohonan Akun Admin Agency \u2013 Dinas Kelautan dan Perikanan.pdf",
             "SK Perubahan Admin Agency (Revisi) \u2013 DKP Kaltim.pdf",
             "Surat Permohonan Kepala Dinas \u2013 Nomor 000.3.pdf"]
    t = _body(b)
    b.put(Em("surat_masuk.eml", "Permohonan Akun Admin Agency \u2013 DKP Provinsi Kaltim",
             ("Bidang Perencanaan DKP", "perencanaan.dkp@gmail.com"), _at(b), t, _html(t),
             parts=[b.pdf(names[0], F), b.pdf(names[1], S), b.pdf(names[2], L)],
             rfc2231=set(names)))
    b.packaging = "email dengan nama lampiran RFC 2231 (UTF-8, bersambung)"
    return "Nama lampiran panjang ber-en dash dikodekan RFC 2231 dengan kelanjutan (*0*, *1*)."


def e_docx_scan(b):
    b.setup("ppu")
    F = b.form("fm_docx_grid4")
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_tnd_kanan", tujuan="lpse_long")
    t = _body(b, " Formulir dalam format Word, SK dan surat hasil pindaian.")
    b.put(Em("Re_ Kelengkapan berkas.eml", "Re: Kelengkapan berkas Admin Agency RSUD RAPB",
             (b.app["plain"], b.app["email"]), _at(b), t + "\n> Yth. Bapak/Ibu, mohon kirimkan "
             "formulir, SK, dan surat permohonan.\n> Admin LPSE\n", None,
             parts=[b.docx("Formulir Admin Agency.docx", F),
                    b.scan("scan001.pdf", (S, S.npages - 1),
                           *[(S, i) for i in range(S.npages - 1)], L, dpi=200, q=55,
                           maxskew=1.5)]))
    b.packaging = "email balasan: docx + scan001.pdf (lampiran SK di depan)"
    return "Pindaian gabungan: halaman lampiran SK sebelum halaman pertamanya, lalu surat."


# =============================================================================================
# defective
# =============================================================================================
def x_missing_form(b):
    b.setup("bontang")
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_header_2col", tujuan="lpse", contact=(b.app["email"], b.app["hp"]))
    P = b.extra("x_pakta")
    b.put(b.pdf("Surat Permohonan.pdf", L), b.pdf("SK Penunjukan.pdf", S),
          b.pdf("Pakta Integritas.pdf", P))
    b.code("missing:formulir")
    b.packaging = "tiga PDF tanpa formulir"
    return ("Tidak ada formulir; Pakta Integritas dan surat memuat nama, NIP, email dan HP "
            "pemohon (bukan formulir).")


def x_missing_sk(b):
    b.setup("polnes")
    F = b.form("fm_grid_duo")
    L = b.letter("lt_tnd_kanan", tujuan="biro")
    K = b.extra("x_ktp")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("Surat.pdf", L), b.pdf("KTP Pemohon.pdf", K))
    b.code("missing:surat_penunjukan")
    b.packaging = "formulir, surat, KTP"
    return "Surat menyebut SK terlampir, tetapi SK tidak dilampirkan."


def x_missing_letter(b):
    b.setup("kemenag")
    F = b.form("fm_bilingual")
    S = b.sk("sk_kadis_kolom", others=2)
    X = b.extra("x_pernyataan")
    b.put(b.pdf("berkas_admin_agency.pdf", F, S, X))
    b.code("missing:surat_permohonan")
    b.packaging = "satu PDF gabungan tanpa surat permohonan"
    return "Surat pernyataan kesanggupan ber-kop dinas bukan surat permohonan."


def x_missing_email(b):
    b.setup("berau")
    F = b.form("fm_dotted", v=b.printed(missing=("email",)))
    S = b.sk("sk_kadis_kolom", others=1)
    L = b.letter("lt_cq_box", tujuan="biro")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("missing_field:email")
    b.packaging = "tiga PDF"
    return "Baris email pada formulir titik-titik kosong; kop surat memuat email kantor."


def x_missing_jab_satker(b):
    b.setup("bwsk4")
    F = b.form("fm_bilingual", v=b.printed(missing=("jabatan", "satuan_kerja")))
    S = b.sk("sk_diktum_list", others=1)
    L = b.letter("lt_numbered", tujuan="lpse")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("missing_field:jabatan", "missing_field:satuan_kerja")
    b.packaging = "tiga PDF"
    return "Sel Jabatan dan Unit Kerja pada tabel dwibahasa kosong (SK dan surat memuatnya)."


def x_missing_nip(b):
    b.setup("mahulu")
    F = b.form("fm_grid_duo", v=b.printed(missing=("nip",)))
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_tnd_kanan", tujuan="biro")
    b.put(b.pdf("Berkas Mahulu.pdf", L, F, S))
    b.code("missing_field:nip")
    b.packaging = "satu PDF gabungan"
    return ("Sel NIP kosong, sel Pangkat/Gol. di sebelahnya terisi; NIP kepala di blok "
            "Mengetahui dan NIP pemohon di SK/surat tidak menggantikan isian formulir.")


def x_missing_tel_scan(b):
    b.setup("dinkes")
    F = b.form("fm_handfill", v=b.printed(upper=True, missing=("telepon",)),
               hand_fam="fserif")
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_tnd_kanan", tujuan="lpse")
    b.put(b.scan("scan_berkas.pdf", L, S, F, dpi=250, q=65, maxskew=1))
    b.code("missing_field:telepon")
    b.packaging = "satu PDF pindaian"
    return "Formulir tulisan tangan dengan baris nomor HP kosong; telepon kantor di kop."


def x_nip_leapday(b):
    b.setup("dkp")
    n = b.app["nip"]
    b.app["nip"] = "19890229" + n[8:]
    b.app["birth"] = "1989-02-28"
    F = b.form("fm_label_above", v=b.printed(nipstyle="spaced"))
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_header_2col", tujuan="biro")
    P = b.extra("x_pakta")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L),
          b.pdf("Pakta.pdf", P))
    b.code("invalid:nip")
    b.packaging = "empat PDF"
    return ("NIP dengan tanggal lahir 29 Februari 1989 (bukan tahun kabisat), tertulis sama di "
            "semua dokumen.")


def x_nip_gender(b):
    b.setup("bapenda")
    n = b.app["nip"]
    b.app["nip"] = n[:14] + "3" + n[15:]
    F = b.form("fm_docx_tabs", v=b.printed(nipstyle="spaced"))
    S = b.sk("sk_penunjukan_ybt")
    L = b.letter("lt_cq_box", tujuan="lpse")
    b.put(b.docx("Formulir.docx", F), b.pdf("Surat Penunjukan.pdf", S), b.pdf("Surat.pdf", L))
    b.code("invalid:nip")
    b.packaging = "docx + dua PDF"
    return "Digit jenis kelamin NIP bernilai 3; NIP sama di semua dokumen."


def x_email_noat(b):
    b.setup("pupr")
    bad = b.app["email"].replace("@", ".")
    F = b.form("fm_label_above", v=b.printed(email=bad))
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_tnd_kanan", tujuan="lpse")
    b.put(b.pdf("Form.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("invalid:email")
    b.packaging = "tiga PDF"
    return "Email tanpa @ tetapi berakhiran domain yang tampak sah (mis. nama.gmail.com)."


def x_email_space(b):
    b.setup("unmul")
    loc, dom = b.app["email"].split("@")
    first = b.app["plain"].split()[0].lower()
    bad = f"{first} {loc.replace(first, '').strip('._') or 'admin'}@{dom}"
    F = b.form("fm_row_table", v=b.printed(email=bad))
    S = b.sk("sk_diktum_list", others=1)
    L = b.letter("lt_footer_table", tujuan="lpse")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("invalid:email")
    b.packaging = "tiga PDF"
    return "Email dengan spasi di bagian lokal; bagian belakangnya tampak sah."


def x_tel_short(b):
    b.setup("rsaws")
    hp = b.app["hp"][:8]
    F = b.form("fm_spaced", v=b.printed(telepon=f"{hp[:4]}-{hp[4:]}"))
    S = b.sk("sk_diktum_list", others=1)
    L = b.letter("lt_cq_box", tujuan="lpse_long")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("invalid:telepon")
    b.packaging = "tiga PDF"
    return "Nomor HP hanya 8 digit."


def x_mismatch_nama_lampiran(b):
    b.setup("bontang")
    other = b.people.person(g=b.app["g"])
    alt = dict(b.app, nama=other["nama"], plain=other["plain"])
    F = b.form("fm_grid_duo")
    S = b.sk("sk_kepala_daerah", others=9, applicant=alt)
    L = b.letter("lt_tnd_kanan", tujuan="biro")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("Keputusan Wali Kota.pdf", S),
          b.pdf("Surat Permohonan.pdf", L))
    b.code("mismatch:nama")
    b.packaging = "tiga PDF"
    return ("Lampiran lanskap 10 orang: NIP pemohon tercantum dengan nama orang lain "
            "(nama dan NIP satu sel).")


def x_mismatch_nip_lampiran(b):
    b.setup("dinkes")
    n = b.app["nip"]
    seq = int(n[15:])
    alt = dict(b.app, nip=n[:15] + f"{(seq + 2) % 1000 or 3:03d}")
    F = b.form("fm_bilingual")
    S = b.sk("sk_kadis_kolom", others=4, applicant=alt, nipstyle="spaced")
    L = b.letter("lt_header_2col", tujuan="lpse")
    b.put(b.pdf("Berkas Dinkes.pdf", L, S, F))
    b.code("mismatch:nip")
    b.packaging = "satu PDF gabungan"
    return ("Nama pemohon di lampiran SK sama, tetapi tiga digit terakhir NIP berbeda (tetap "
            "NIP yang sah).")


def x_sk_others(b):
    b.setup("polnes")
    other = b.people.person()
    F = b.form("fm_replacement", old=other)
    S = b.sk("sk_penunjukan_ybt", applicant=other)
    L = b.letter("lt_numbered", tujuan="lpse")
    b.put(b.scan("scan_berkas_polnes.pdf", F, S, L, dpi=200, q=60, maxskew=1.2))
    b.code("mismatch:nama", "mismatch:nip")
    b.packaging = "satu PDF pindaian"
    return ("Surat penunjukan yang dilampirkan masih menunjuk admin lama (yang tercantum juga "
            "di bagian A formulir), bukan pemohon.")


def x_tujuan_kutim(b):
    b.setup("bpbd")
    F = b.form("fm_dotted")
    S = b.sk("sk_penunjukan_ybt")
    L = b.letter("lt_tnd_kanan", tujuan="lpse_kutim")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("invalid:tujuan_surat")
    b.packaging = "tiga PDF"
    return "Surat ditujukan kepada Kepala LPSE Kabupaten Kutai Timur."


def x_tujuan_cq_kominfo(b):
    b.setup("berau")
    F = b.form("fm_label_above")
    S = b.sk("sk_kadis_kolom", others=1)
    L = b.letter("lt_cq_box", tujuan="cq_kominfo")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("invalid:tujuan_surat")
    b.packaging = "tiga PDF"
    return ("Surat kepada Gubernur c.q. Kepala Dinas Komunikasi dan Informatika Provinsi (bukan "
            "LPSE/Biro PBJ).")


def x_expired_until(b):
    b.setup("kanwilkum")
    until = b.recv - dt.timedelta(days=b.r.randint(30, 60))
    F = b.form("fm_docx_grid4")
    S = b.sk("sk_diktum_list", others=1, validity=("until", until),
             date=until - dt.timedelta(days=330))
    L = b.letter("lt_numbered", tujuan="biro")
    b.put(b.docx("Formulir.docx", F), b.pdf("SK Kakanwil.pdf", S), b.pdf("Surat.pdf", L))
    b.code("expired:surat_penunjukan")
    b.packaging = "docx + dua PDF"
    return f"SK berlaku sampai dengan {tgl(until)}, sebelum tanggal diterima."


def x_expired_months(b):
    b.setup("ppu")
    d = add_days(b.recv, -b.r.randint(250, 300))
    F = b.form("fm_grid_duo")
    S = b.sk("sk_kadis_kolom", others=2, validity=("months", None, {"months": 6}), date=d)
    L = b.letter("lt_tnd_kanan", tujuan="lpse")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("expired:surat_penunjukan")
    b.packaging = "tiga PDF"
    return "SK berlaku 6 (enam) bulan sejak ditetapkan; sudah lewat saat diterima."


def x_future_letter(b):
    b.setup("polda")
    F = b.form("fm_spaced")
    S = b.sk("sk_sprin", others=2)
    L = b.letter("lt_tnd_kanan", tujuan="lpse", date=b.recv + dt.timedelta(days=10))
    b.put(b.pdf("Formulir.pdf", F), b.pdf("Sprin.pdf", S), b.pdf("Surat.pdf", L))
    b.code("future_date:surat_permohonan")
    b.packaging = "tiga PDF"
    return "Surat bertanggal 10 hari sesudah tanggal diterima."


def x_future_sk(b):
    b.setup("mahulu", recv=dt.date(2026, 12, 9))
    F = b.form("fm_row_table")
    S = b.sk("sk_penunjukan_ybt", date=dt.date(2027, 1, 5))
    L = b.letter("lt_cq_box", tujuan="biro")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("Surat Penunjukan.pdf", S), b.pdf("Surat.pdf", L))
    b.code("future_date:surat_penunjukan")
    b.packaging = "tiga PDF"
    return "Surat penunjukan bertanggal 5 Januari 2027 (salah ketik tahun), sesudah diterima."


def x_unreadable(b):
    b.setup("korem")
    F = b.form("fm_grid_duo")
    S = b.sk("sk_sprin", others=2)
    L = b.letter("lt_numbered", tujuan="lpse")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("Sprin.pdf", S),
          b.scan("foto_surat.jpg", L, kind="jpg", dpi=150, q=40, all=dict(unreadable=True)))
    b.code("unreadable")
    b.packaging = "dua PDF + foto surat yang tidak terbaca"
    return "Foto surat sangat kabur dan gelap, tidak terbaca."


def x_encrypted_sk(b):
    b.setup("dkp")
    F = b.form("fm_spaced")
    S = b.sk("sk_kadis_kolom", others=2)
    L = b.letter("lt_header_2col", tujuan="lpse")
    b.put(b.pdf("Formulir.pdf", F), b.pdf("SK_terproteksi.pdf", S, encrypt=("dkp2026", "dkp#own"),
                                          alg="AES-256"),
          b.pdf("Surat.pdf", L))
    b.code("encrypted")
    b.packaging = "SK PDF berkata sandi pengguna (AES-256)"
    return "SK dilindungi kata sandi pembuka; tidak dapat dibuka."


def x_corrupt_html(b):
    b.setup("bontang")
    F = b.form("fm_dotted")
    S = b.sk("sk_kadis_kolom", others=1)
    L = b.letter("lt_tnd_kanan", tujuan="lpse")
    html = (b"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Google "
            b"Drive - Kuota unduhan terlampaui</title></head><body><div class=\"uc-main\"><p>"
            b"Maaf, Anda tidak dapat melihat atau mendownload file ini saat ini.</p><p>Terlalu "
            b"banyak pengguna telah melihat atau mendownload file ini baru-baru ini.</p></div>"
            b"</body></html>\n")
    b.put(b.pdf("Formulir.pdf", F), b.raw("SK_Admin_Agency.pdf", S, html),
          b.pdf("Surat.pdf", L))
    b.code("corrupt")
    b.packaging = "SK.pdf sebenarnya halaman HTML Google Drive"
    return "Berkas SK berekstensi .pdf tetapi isinya halaman galat unduhan HTML."


def x_zipcrypto(b):
    b.setup("bwsk4")
    F = b.form("fm_grid_duo")
    S = b.sk("sk_diktum_list", others=1)
    L = b.letter("lt_header_2col", tujuan="lpse")
    z = Zp("Berkas_Admin_Agency.zip", [("Formulir.pdf", b.pdf("Formulir.pdf", F)),
                                       ("SK.pdf", b.pdf("SK.pdf", S)),
                                       ("Surat.pdf", b.pdf("Surat.pdf", L))], password="bws4")
    b.put(z)
    b.code("encrypted", extra=())
    b.packaging = "zip terenkripsi (ZipCrypto) berisi ketiga dokumen"
    return "Seluruh berkas dalam zip berkata sandi; tidak dapat dibuka."


def x_corrupt_docx(b):
    b.setup("bps")
    F = b.form("fm_docx_tabs")
    S = b.sk("sk_diktum_list", others=1)
    L = b.letter("lt_numbered", tujuan="lpse")
    b.put(b.raw("Formulir_Admin_Agency.docx", F, F.docx[: len(F.docx) // 3]),
          b.pdf("SK.pdf", S), b.pdf("Surat.pdf", L))
    b.code("corrupt")
    b.packaging = "docx terpotong"
    return "Formulir Word terpotong (unggahan gagal), tidak dapat dibuka."


def x_link_only(b):
    b.setup("kanwilkum")
    F = b.form("fm_bilingual")
    L = b.letter("lt_numbered", tujuan="biro")
    t = _body(b, " Karena ukurannya besar, SK penunjukan dapat diunduh pada tautan berikut: "
                 "https://drive.google.com/file/d/1qZx7Kd0aB3mLw9TnE2vYp/view?usp=sharing")
    b.put(Em("permohonan.eml", "Permohonan Admin Agency Kanwil", (b.app["plain"], b.app["email"]),
             _at(b), t, _html(t), parts=[b.pdf("Formulir.pdf", F), b.pdf("Surat.pdf", L)]))
    b.code("link_only", "missing:surat_penunjukan")
    b.packaging = "email: formulir dan surat terlampir, SK hanya tautan Google Drive"
    return "SK hanya berupa tautan Google Drive di isi email."


def add_days(d, n):
    return d + dt.timedelta(days=n)


_ = (zip_bytes, nip_fmt)

CASES = [
    ("d_separate", "complete_digital", "file", d_separate),
    ("d_merged_odd", "complete_digital", "file", d_merged_odd),
    ("d_zip_folder", "complete_digital", "file", d_zip_folder),
    ("d_docx_rsud", "complete_digital", "file", d_docx_rsud),
    ("d_docx_kanwil", "complete_digital", "file", d_docx_kanwil),
    ("d_polri", "complete_digital", "file", d_polri),
    ("d_univ", "complete_digital", "file", d_univ),
    ("d_pppk", "complete_digital", "file", d_pppk),
    ("d_partial_merge", "complete_digital", "file", d_partial_merge),
    ("d_misleading", "complete_digital", "file", d_misleading),
    ("d_f4_old_sk", "complete_digital", "file", d_f4_old_sk),
    ("d_owner_pw", "complete_digital", "file", d_owner_pw),
    ("d_upper_titles", "complete_digital", "file", d_upper_titles),
    ("d_balai", "complete_digital", "file", d_balai),
    ("d_tni", "complete_digital", "file", d_tni),
    ("d_docx_merged", "complete_digital", "file", d_docx_merged),
    ("s_single", "complete_scan", "scan", s_single),
    ("s_three_lowq", "complete_scan", "scan", s_three_lowq),
    ("s_rot180", "complete_scan", "scan", s_rot180),
    ("s_rot90", "complete_scan", "scan", s_rot90),
    ("s_photos", "complete_scan", "scan", s_photos),
    ("s_tiff_g4", "complete_scan", "scan", s_tiff_g4),
    ("s_tiff_jpeg", "complete_scan", "scan", s_tiff_jpeg),
    ("s_mixed", "complete_scan", "scan", s_mixed),
    ("s_camscanner", "complete_scan", "scan", s_camscanner),
    ("s_photo_dust", "complete_scan", "scan", s_photo_dust),
    ("s_png_handfill", "complete_scan", "scan", s_png_handfill),
    ("s_skew6", "complete_scan", "scan", s_skew6),
    ("e_plain", "email", "email", e_plain),
    ("e_zip", "email", "email", e_zip),
    ("e_forward", "email", "email", e_forward),
    ("e_inline", "email", "email", e_inline),
    ("e_rfc2231", "email", "email", e_rfc2231),
    ("e_docx_scan", "email", "email", e_docx_scan),
    ("x_missing_form", "defective", "file", x_missing_form),
    ("x_missing_sk", "defective", "file", x_missing_sk),
    ("x_missing_letter", "defective", "file", x_missing_letter),
    ("x_missing_email", "defective", "file", x_missing_email),
    ("x_missing_jab_satker", "defective", "file", x_missing_jab_satker),
    ("x_missing_nip", "defective", "file", x_missing_nip),
    ("x_missing_tel_scan", "defective", "scan", x_missing_tel_scan),
    ("x_nip_leapday", "defective", "file", x_nip_leapday),
    ("x_nip_gender", "defective", "file", x_nip_gender),
    ("x_email_noat", "defective", "file", x_email_noat),
    ("x_email_space", "defective", "file", x_email_space),
    ("x_tel_short", "defective", "file", x_tel_short),
    ("x_mismatch_nama_lampiran", "defective", "file", x_mismatch_nama_lampiran),
    ("x_mismatch_nip_lampiran", "defective", "file", x_mismatch_nip_lampiran),
    ("x_sk_others", "defective", "scan", x_sk_others),
    ("x_tujuan_kutim", "defective", "file", x_tujuan_kutim),
    ("x_tujuan_cq_kominfo", "defective", "file", x_tujuan_cq_kominfo),
    ("x_expired_until", "defective", "file", x_expired_until),
    ("x_expired_months", "defective", "file", x_expired_months),
    ("x_future_letter", "defective", "file", x_future_letter),
    ("x_future_sk", "defective", "file", x_future_sk),
    ("x_unreadable", "defective", "scan", x_unreadable),
    ("x_encrypted_sk", "defective", "file", x_encrypted_sk),
    ("x_corrupt_html", "defective", "file", x_corrupt_html),
    ("x_zipcrypto", "defective", "file", x_zipcrypto),
    ("x_corrupt_docx", "defective", "file", x_corrupt_docx),
    ("x_link_only", "defective", "email", x_link_only),
]
