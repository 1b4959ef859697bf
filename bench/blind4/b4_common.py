"""blind4 common pieces: fonts, invented people, agencies, print styles, the PDF page helper and the
truth rules (restated from SPEC.md and berkas-dev's README, never from the program)."""

import datetime as dt
import re
from pathlib import Path

from fpdf import FPDF

# ---------------------------------------------------------------- fonts
_D = "/usr/share/fonts/truetype"
FONTSETS = {
    "libserif": [
        f"{_D}/liberation/LiberationSerif-{s}.ttf"
        for s in ("Regular", "Bold", "Italic", "BoldItalic")
    ],
    "libsans": [
        f"{_D}/liberation/LiberationSans-{s}.ttf"
        for s in ("Regular", "Bold", "Italic", "BoldItalic")
    ],
    "libnarrow": [
        f"{_D}/liberation/LiberationSansNarrow-{s}.ttf"
        for s in ("Regular", "Bold", "Italic", "BoldItalic")
    ],
    "dejaserif": [
        f"{_D}/dejavu/DejaVuSerif{s}.ttf" for s in ("", "-Bold", "-Italic", "-BoldItalic")
    ],
    "dejasans": [
        f"{_D}/dejavu/DejaVuSans{s}.ttf" for s in ("", "-Bold", "-Oblique", "-BoldOblique")
    ],
    "dejacond": [
        f"{_D}/dejavu/DejaVuSansCondensed{s}.ttf" for s in ("", "-Bold", "-Oblique", "-BoldOblique")
    ],
    "freeserif": [f"{_D}/freefont/FreeSerif{s}.ttf" for s in ("", "Bold", "Italic", "BoldItalic")],
    "freesans": [f"{_D}/freefont/FreeSans{s}.ttf" for s in ("", "Bold", "Oblique", "BoldOblique")],
    "mono": [
        f"{_D}/liberation/LiberationMono-{s}.ttf"
        for s in ("Regular", "Bold", "Italic", "BoldItalic")
    ],
}
# The two OFL handwriting fonts of berkas-dev, beside the project's checkout (../shared).
_HAND = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "berkas-dev" / "gen" / "fonts"
HANDFONTS = [str(_HAND / "Humor-Sans.ttf"), str(_HAND / "ComicNeue-Regular.otf")]
BODY_FONTS = [
    "libserif",
    "libsans",
    "libnarrow",
    "dejaserif",
    "dejasans",
    "dejacond",
    "freeserif",
    "freesans",
]

PAPER = {"A4": (210, 297), "F4": (215, 330)}

# ---------------------------------------------------------------- calendar
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
BULAN3 = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
ANGKA = {
    1: "satu",
    2: "dua",
    3: "tiga",
    4: "empat",
    5: "lima",
    6: "enam",
    12: "dua belas",
    18: "delapan belas",
    24: "dua puluh empat",
}


def fmt_date(d, style):
    """Indonesian date print styles used in this set (other styles than the earlier sets where it
    matters)."""
    if style == "long":
        return f"{d.day} {BULAN[d.month - 1]} {d.year}"
    if style == "long0":
        return f"{d.day:02d} {BULAN[d.month - 1]} {d.year}"
    if style == "hari":
        return f"{HARI[d.weekday()]}, {d.day} {BULAN[d.month - 1]} {d.year}"
    if style == "caps":
        return f"{d.day} {BULAN[d.month - 1].upper()} {d.year}"
    if style == "short":
        return f"{d.day} {BULAN3[d.month - 1]}. {d.year}"
    if style == "roman":
        return f"{d.day}-{ROMAWI[d.month - 1]}-{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    raise ValueError(style)


DATE_STYLES = ["long", "long0", "hari", "caps", "short", "roman", "slash"]
DATE_STYLES_FORM = ["long", "long0", "slash", "iso", "caps"]


def add_months(d, n):
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue


# ---------------------------------------------------------------- people
GIVEN_M = [
    "Andi",
    "Bayu",
    "Rudi",
    "Fajar",
    "Hendra",
    "Irfan",
    "Yusuf",
    "Gilang",
    "Reza",
    "Taufik",
    "Arif",
    "Dimas",
    "Syahrul",
    "Muhammad",
    "Rahmat",
    "Ikhsan",
    "Wahyu",
    "Teguh",
    "Eko",
    "Agus",
    "Danang",
    "Yohanes",
    "Stefanus",
    "Daud",
    "Lukas",
    "Ferdi",
    "Ridwan",
    "Hasanuddin",
    "Zainal",
    "Iwan",
]
GIVEN_F = [
    "Nurul",
    "Siti",
    "Dewi",
    "Rina",
    "Fitri",
    "Ayu",
    "Wulan",
    "Maya",
    "Yuliana",
    "Rosmawati",
    "Intan",
    "Putri",
    "Lestari",
    "Anisa",
    "Mardiana",
    "Herlina",
    "Kartika",
    "Selvi",
    "Maria",
    "Theresia",
    "Fransiska",
    "Nova",
    "Rahmawati",
    "Sri",
    "Dian",
    "Ratna",
    "Husnul",
    "Nadia",
    "Marlina",
    "Yunita",
]
MIDDLE = [
    "Adi",
    "Nur",
    "Dwi",
    "Tri",
    "Eka",
    "Puspita",
    "Budi",
    "Indah",
    "Kurnia",
    "Sari",
    "Putra",
    "Ananda",
    "",
]
SURNAMES = [
    "Saputra",
    "Hidayat",
    "Ramadhan",
    "Pratama",
    "Lubis",
    "Sembiring",
    "Lumban Gaol",
    "Pasaribu",
    "Tandiayu",
    "Rantelino",
    "Daeng Matara",
    "Nugraha",
    "Kusuma",
    "Wijayanti",
    "Handayani",
    "Maharani",
    "Pangala",
    "Bulolo",
    "Sinaga",
    "Mappangara",
    "Husain",
    "Alatas",
    "Effendi",
    "Syamsuddin",
    "Kaharuddin",
    "Tomasoa",
    "Rorimpandey",
    "Wenas",
    "Lahay",
    "Ngau",
    "Belawan",
    "Jaang",
    "Lingau",
    "Hamzah",
    "Rasyid",
    "Setiawati",
]
BACK_TITLES = [
    "S.T.",
    "S.Kom.",
    "S.E.",
    "A.Md.",
    "S.Sos.",
    "S.H.",
    "S.I.P.",
    "S.Ak.",
    "A.Md.Kom.",
    "S.Si.",
    "S.Tr.Kom.",
    "S.Pd.",
    "S.Kep., Ns.",
    "S.K.M.",
    "S.P.",
]
MASTER = ["M.M.", "M.T.", "M.Si.", "M.A.P.", "M.Kom.", "M.Ak."]
HEAD_TITLES_FRONT = ["Dr.", "Ir.", "H.", "Drs.", "dr.", ""]
PANGKAT = [
    ("Pengatur", "II/c"),
    ("Pengatur Tingkat I", "II/d"),
    ("Penata Muda", "III/a"),
    ("Penata Muda Tingkat I", "III/b"),
    ("Penata", "III/c"),
    ("Penata Tingkat I", "III/d"),
    ("Pembina", "IV/a"),
]
PANGKAT_HEAD = [
    ("Pembina Tingkat I", "IV/b"),
    ("Pembina Utama Muda", "IV/c"),
    ("Pembina Utama Madya", "IV/d"),
]
JABATAN = [
    "Pranata Komputer Ahli Pertama",
    "Pranata Komputer Ahli Muda",
    "Pranata Komputer Terampil",
    "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
    "Pengelola Pengadaan Barang/Jasa Ahli Muda",
    "Analis Sistem Informasi",
    "Pengadministrasi Perkantoran",
    "Penata Kelola Sistem dan Teknologi Informasi",
    "Kepala Subbagian Umum dan Kepegawaian",
    "Analis Pengadaan Barang/Jasa",
    "Pengelola Layanan Operasional",
    "Penelaah Teknis Kebijakan",
    "Kepala Seksi Perencanaan",
    "Arsiparis Ahli Pertama",
]


def make_nip(rng, birth=None, gender=None, tmt=None):
    birth = birth or dt.date(rng.randint(1972, 1998), rng.randint(1, 12), rng.randint(1, 28))
    gender = gender or rng.choice([1, 2])
    tmt = tmt or (min(birth.year + rng.randint(22, 30), 2023), rng.randint(1, 12))
    return f"{birth:%Y%m%d}{tmt[0]:04d}{tmt[1]:02d}{gender}{rng.randint(1, 40):03d}"


def make_nipppk(rng, birth=None, gender=None):
    birth = birth or dt.date(rng.randint(1975, 1996), rng.randint(1, 12), rng.randint(1, 28))
    gender = gender or rng.choice([1, 2])
    return (
        f"{birth:%Y%m%d}{rng.choice([2022, 2023, 2024])}{rng.randint(1, 3):02d}"
        f"{gender}{rng.randint(1, 400):03d}"
    )


def make_person(rng, titled=True, head=False, gender=None, pppk=False):
    gender = gender or rng.choice([1, 2])
    given = rng.choice(GIVEN_M if gender == 1 else GIVEN_F)
    mid = rng.choice(MIDDLE)
    sur = rng.choice(SURNAMES)
    bare = " ".join(x for x in (given, mid, sur) if x)
    front = ""
    back = ""
    if head:
        front = rng.choice(HEAD_TITLES_FRONT)
        if front in ("H.",) and gender == 2:
            front = "Hj."
        back = rng.choice(BACK_TITLES[:8]) + ", " + rng.choice(MASTER)
        if front in ("Ir.", "Drs.", "dr."):
            back = rng.choice(MASTER)
    elif titled:
        back = rng.choice(BACK_TITLES)
        if rng.random() < 0.25:
            back += ", " + rng.choice(MASTER)
        if rng.random() < 0.1:
            front = "Hj." if gender == 2 else "H."
    nama = (front + " " if front else "") + bare + (", " + back if back else "")
    nip = make_nipppk(rng, gender=gender) if pppk else make_nip(rng, gender=gender)
    pg = rng.choice(PANGKAT_HEAD if head else PANGKAT)
    return dict(
        nama=nama,
        bare=bare,
        nip=nip,
        gender=gender,
        pangkat=f"{pg[0]}",
        golongan=pg[1],
        jabatan=rng.choice(JABATAN),
        pppk=pppk,
    )


def pangkat_gol(p, style=0):
    if p.get("pppk"):
        return "PPPK Golongan IX" if style else "IX (PPPK)"
    return [
        f"{p['pangkat']} ({p['golongan']})",
        f"{p['pangkat']} / {p['golongan']}",
        f"{p['pangkat']}, {p['golongan']}",
    ][style % 3]


def fmt_nip(nip, style):
    if not re.fullmatch(r"\d{18}", nip or ""):
        return nip
    if style == "plain":
        return nip
    if style == "space":
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    if style == "dash":
        return f"{nip[:8]}-{nip[8:14]}-{nip[14]}-{nip[15:]}"
    raise ValueError(style)


NIP_STYLES = ["plain", "space", "space", "dash"]


def make_phone(rng):
    pre = rng.choice(
        [
            "0811",
            "0812",
            "0813",
            "0821",
            "0822",
            "0852",
            "0853",
            "0857",
            "0878",
            "0896",
            "0819",
            "0838",
        ]
    )
    n = rng.choice([11, 12, 12, 12, 13])
    return pre + "".join(str(rng.randint(0, 9)) for _ in range(n - 4))


def fmt_phone(ph, style):
    if not ph or not ph.startswith("08"):
        return ph
    r = ph[1:]
    if style == "plain":
        return ph
    if style == "dot":
        return f"{ph[:4]}.{ph[4:8]}.{ph[8:]}"
    if style == "plus":
        return f"+62{r}"
    if style == "plusdash":
        return f"+62-{r[:3]}-{r[3:7]}-{r[7:]}"
    if style == "62":
        return f"62{r}"
    if style == "paren":
        return f"(0{r[:3]}) {r[3:7]} {r[7:]}"
    raise ValueError(style)


PHONE_STYLES = ["plain", "dot", "plus", "plusdash", "62", "paren"]


def make_email(rng, p, domain=None):
    parts = p["bare"].lower().replace("'", "").split()
    style = rng.randint(0, 3)
    if style == 0:
        local = parts[0] + "." + parts[-1].replace(" ", "")
    elif style == 1:
        local = parts[0] + parts[-1][:4] + str(rng.randint(1, 99))
    elif style == 2:
        local = parts[0][0] + parts[-1].replace(" ", "") + p["nip"][2:4]
    else:
        local = parts[0] + "_" + parts[-1].replace(" ", "") + p["nip"][:4][-2:]
    dom = domain or rng.choice(
        ["gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com"]
    )
    return f"{local}@{dom}"


# --------------------------------------------------------- agencies (real names, invented contacts)
PROV = "Pemerintah Provinsi Kalimantan Timur"
AGENCIES = [
    dict(
        key="pupr",
        instansi=PROV,
        satker="Dinas Pekerjaan Umum, Penataan Ruang dan Perumahan Rakyat",
        kop=[
            "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
            "DINAS PEKERJAAN UMUM, PENATAAN RUANG",
            "DAN PERUMAHAN RAKYAT",
        ],
        alamat="Jalan Tepian Mahakam Nomor 1, Samarinda 75111",
        telp="(0541) 736215",
        web="dpupr.kaltimprov.go.id",
        mail="dpupr@kaltimprov.go.id",
        head="Kepala Dinas",
        code="DPUPR",
        prov=True,
    ),
    dict(
        key="dinkes",
        instansi=PROV,
        satker="Dinas Kesehatan",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KESEHATAN"],
        alamat="Jalan Jenderal Basuki Rahmat Nomor 17, Samarinda 75117",
        telp="(0541) 748419",
        web="dinkes.kaltimprov.go.id",
        mail="dinkes@kaltimprov.go.id",
        head="Kepala Dinas",
        code="Dinkes",
        prov=True,
    ),
    dict(
        key="bkad",
        instansi=PROV,
        satker="Badan Keuangan dan Aset Daerah",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "BADAN KEUANGAN DAN ASET DAERAH"],
        alamat="Jalan Kesuma Bangsa Nomor 2, Samarinda 75121",
        telp="(0541) 733394",
        web="bkad.kaltimprov.go.id",
        mail="bkad@kaltimprov.go.id",
        head="Kepala Badan",
        code="BKAD",
        prov=True,
    ),
    dict(
        key="dishub",
        instansi=PROV,
        satker="Dinas Perhubungan",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS PERHUBUNGAN"],
        alamat="Jalan Ir. H. Juanda Nomor 5, Samarinda 75124",
        telp="(0541) 742980",
        web="dishub.kaltimprov.go.id",
        mail="dishub@kaltimprov.go.id",
        head="Kepala Dinas",
        code="Dishub",
        prov=True,
    ),
    dict(
        key="dkp",
        instansi=PROV,
        satker="Dinas Kelautan dan Perikanan",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KELAUTAN DAN PERIKANAN"],
        alamat="Jalan Kesuma Bangsa Nomor 1, Samarinda 75123",
        telp="(0541) 741552",
        web="dkp.kaltimprov.go.id",
        mail="dkp@kaltimprov.go.id",
        head="Kepala Dinas",
        code="DKP",
        prov=True,
    ),
    dict(
        key="dlh",
        instansi=PROV,
        satker="Dinas Lingkungan Hidup",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS LINGKUNGAN HIDUP"],
        alamat="Jalan Muhammad Yamin Nomor 1, Samarinda 75123",
        telp="(0541) 744107",
        web="dlh.kaltimprov.go.id",
        mail="dlh@kaltimprov.go.id",
        head="Kepala Dinas",
        code="DLH",
        prov=True,
    ),
    dict(
        key="satpol",
        instansi=PROV,
        satker="Satuan Polisi Pamong Praja",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "SATUAN POLISI PAMONG PRAJA"],
        alamat="Jalan Kesuma Bangsa Nomor 3, Samarinda 75121",
        telp="(0541) 731260",
        web="satpolpp.kaltimprov.go.id",
        mail="satpolpp@kaltimprov.go.id",
        head="Kepala Satuan",
        code="Satpol PP",
        prov=True,
    ),
    dict(
        key="dprd",
        instansi=PROV,
        satker="Sekretariat DPRD Provinsi Kalimantan Timur",
        kop=["SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH", "PROVINSI KALIMANTAN TIMUR"],
        alamat="Jalan Teuku Umar, Karang Paci, Samarinda 75243",
        telp="(0541) 766513",
        web="dprd.kaltimprov.go.id",
        mail="setwan@kaltimprov.go.id",
        head="Sekretaris DPRD",
        code="Setwan",
        prov=True,
    ),
    dict(
        key="rsud_aws",
        instansi=PROV,
        satker="RSUD Abdul Wahab Sjahranie",
        kop=[
            "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
            "RUMAH SAKIT UMUM DAERAH",
            "ABDUL WAHAB SJAHRANIE",
        ],
        alamat="Jalan Palang Merah Indonesia Nomor 1, Samarinda 75123",
        telp="(0541) 738118",
        web="rsudaws.kaltimprov.go.id",
        mail="rsud.aws@kaltimprov.go.id",
        head="Direktur",
        code="RSUD.AWS",
        prov=True,
    ),
    dict(
        key="disdikbud",
        instansi=PROV,
        satker="Dinas Pendidikan dan Kebudayaan",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS PENDIDIKAN DAN KEBUDAYAAN"],
        alamat="Jalan Basuki Rahmat Nomor 48, Samarinda 75112",
        telp="(0541) 734981",
        web="disdikbud.kaltimprov.go.id",
        mail="disdikbud@kaltimprov.go.id",
        head="Kepala Dinas",
        code="Disdikbud",
        prov=True,
    ),
    dict(
        key="unmul",
        instansi="Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
        satker="Universitas Mulawarman",
        kop=["KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI", "UNIVERSITAS MULAWARMAN"],
        alamat="Jalan Kuaro, Gunung Kelua, Samarinda 75119",
        telp="(0541) 741118",
        web="www.unmul.ac.id",
        mail="rektorat@unmul.ac.id",
        head="Rektor",
        code="UN17",
        prov=False,
    ),
    dict(
        key="bws",
        instansi="Kementerian Pekerjaan Umum",
        satker="Balai Wilayah Sungai Kalimantan IV Samarinda",
        kop=[
            "KEMENTERIAN PEKERJAAN UMUM",
            "DIREKTORAT JENDERAL SUMBER DAYA AIR",
            "BALAI WILAYAH SUNGAI KALIMANTAN IV SAMARINDA",
        ],
        alamat="Jalan Gerilya Nomor 2, Samarinda 75117",
        telp="(0541) 7779012",
        web="sda.pu.go.id/balai/bwskalimantan4",
        mail="bwskal4@pu.go.id",
        head="Kepala Balai",
        code="BWS4",
        prov=False,
    ),
    dict(
        key="bpom",
        instansi="Badan Pengawas Obat dan Makanan",
        satker="Balai Besar POM di Samarinda",
        kop=[
            "BADAN PENGAWAS OBAT DAN MAKANAN",
            "BALAI BESAR PENGAWAS OBAT DAN MAKANAN DI SAMARINDA",
        ],
        alamat="Jalan Jenderal Sudirman Nomor 13, Samarinda 75121",
        telp="(0541) 742491",
        web="samarinda.pom.go.id",
        mail="bbpom_samarinda@pom.go.id",
        head="Kepala Balai Besar",
        code="BBPOM",
        prov=False,
    ),
    dict(
        key="kemenag",
        instansi="Kementerian Agama",
        satker="Kantor Wilayah Kementerian Agama Provinsi Kalimantan Timur",
        kop=[
            "KEMENTERIAN AGAMA REPUBLIK INDONESIA",
            "KANTOR WILAYAH KEMENTERIAN AGAMA",
            "PROVINSI KALIMANTAN TIMUR",
        ],
        alamat="Jalan Abdul Wahab Syahranie Nomor 188, Samarinda 75124",
        telp="(0541) 743712",
        web="kaltim.kemenag.go.id",
        mail="kanwilkaltim@kemenag.go.id",
        head="Kepala Kantor Wilayah",
        code="Kw.17",
        prov=False,
    ),
]
AGENCY = {a["key"]: a for a in AGENCIES}

# addressees of the cover letter
TUJUAN_VALID = [
    "Kepala LPSE Provinsi Kalimantan Timur",
    "Kepala Biro Pengadaan Barang/Jasa Sekretariat Daerah Provinsi Kalimantan Timur",
    "Kepala Layanan Pengadaan Secara Elektronik (LPSE) Provinsi Kalimantan Timur",
    "Gubernur Kalimantan Timur c.q. Kepala Biro Pengadaan Barang dan Jasa Setda Provinsi "
    "Kalimantan Timur",
    "Sekretaris Daerah Provinsi Kalimantan Timur c.q. Kepala Biro Pengadaan Barang/Jasa",
]
TUJUAN_INVALID = [
    "Kepala LPSE Kota Balikpapan",
    "Gubernur Kalimantan Timur c.q. Kepala Badan Kepegawaian Daerah Provinsi Kalimantan Timur",
    "Kepala Biro Umum Sekretariat Daerah Provinsi Kalimantan Timur",
    "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur",
]


def tujuan_valid(t):
    t = t.lower()
    last = re.split(r"c\.\s*q\.?", t)[-1]
    if "lpse" in last or "layanan pengadaan secara elektronik" in last:
        return "provinsi kalimantan timur" in last
    return "biro pengadaan barang" in last


# ---------------------------------------------------------------- truth rules
def _date_ok(y, m, d):
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def nip_valid(nip):
    if not nip or not re.fullmatch(r"\d{18}", nip):
        return False
    y, m, d = int(nip[:4]), int(nip[4:6]), int(nip[6:8])
    if not (1940 <= y <= 2010 and _date_ok(y, m, d)):
        return False
    # PNS: YYYYMM TMT, gender, 3-digit sequence
    ty, tm, g = int(nip[8:12]), int(nip[12:14]), nip[14]
    pns = 1960 <= ty <= 2030 and 1 <= tm <= 12 and g in "12"
    # NI PPPK: YYYYMMDD birth, YYYY year, 2-digit contract count, gender, 3-digit sequence
    pppk = 2019 <= ty <= 2030 and nip[14] in "12"
    return pns or pppk


def email_valid(e):
    return (
        bool(e)
        and re.fullmatch(r"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}", e) is not None
    )


def phone_valid(p):
    return bool(p) and re.fullmatch(r"0\d{9,12}", p) is not None


FRONT = {
    "dr",
    "drg",
    "drs",
    "dra",
    "ir",
    "h",
    "hj",
    "prof",
    "ns",
    "apt",
    "sdr",
    "sdri",
    "bapak",
    "ibu",
}


def bare_name(n):
    s = (n or "").split(",")[0]
    toks = s.split()
    while toks and toks[0].lower().strip(".") in FRONT and toks[0].endswith("."):
        toks.pop(0)
    return re.sub(r"[^a-z]", "", " ".join(toks).lower())


REQUIRED = ["nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon"]


def derive_codes(docs, received, damaged):
    """docs: truth document entries (gradable ones); damaged: list of (code, type) of
    unreadable/encrypted/corrupt files. Returns (codes, acceptable_extras)."""
    codes, extra = set(), set()
    rec = dt.date.fromisoformat(received)
    for code, typ in damaged:
        codes.add(code)
        if typ in ("formulir", "surat_penunjukan", "surat_permohonan"):
            extra.add("missing:" + typ)
    good = [d for d in docs if d.get("gradable", True)]
    types = {d["type"] for d in good}
    damaged_types = {t for _, t in damaged}
    for t in ("formulir", "surat_penunjukan", "surat_permohonan"):
        if t not in types and t not in damaged_types:
            codes.add("missing:" + t)
    form = next((d for d in good if d["type"] == "formulir"), None)
    sks = [d for d in good if d["type"] == "surat_penunjukan"]
    lets = [d for d in good if d["type"] == "surat_permohonan"]
    if form:
        f = form["fields"]
        for k in REQUIRED:
            if not f.get(k):
                codes.add("missing_field:" + k)
        if f.get("nip") and not nip_valid(f["nip"]):
            codes.add("invalid:nip")
        if f.get("email") and not email_valid(f["email"]):
            codes.add("invalid:email")
        if f.get("telepon") and not phone_valid(f["telepon"]):
            codes.add("invalid:telepon")
        if sks:
            ditunjuk = [p for d in sks for p in d["fields"]["ditunjuk"]]
            names = {bare_name(p["nama"]) for p in ditunjuk}
            nips = {p["nip"] for p in ditunjuk}
            me_n, me_nip = bare_name(f.get("nama")), f.get("nip")
            if f.get("nama") and not f.get("nip"):
                if me_n not in names:
                    codes.add("mismatch:nama")
            elif f.get("nama") and f.get("nip"):
                pair = any(bare_name(p["nama"]) == me_n and p["nip"] == me_nip for p in ditunjuk)
                if not pair:
                    if me_nip in nips and me_n not in names:
                        codes.add("mismatch:nama")
                    elif me_n in names and me_nip not in nips:
                        codes.add("mismatch:nip")
                    else:
                        codes.update(["mismatch:nama", "mismatch:nip"])
        if f.get("tanggal") and dt.date.fromisoformat(f["tanggal"]) > rec:
            codes.add("future_date:formulir")
    for d in sks:
        if (
            d["fields"].get("berlaku_sampai")
            and dt.date.fromisoformat(d["fields"]["berlaku_sampai"]) < rec
        ):
            codes.add("expired:surat_penunjukan")
        if dt.date.fromisoformat(d["fields"]["tanggal"]) > rec:
            codes.add("future_date:surat_penunjukan")
    for d in lets:
        if not tujuan_valid(d["fields"]["tujuan"]):
            codes.add("invalid:tujuan_surat")
        if dt.date.fromisoformat(d["fields"]["tanggal"]) > rec:
            codes.add("future_date:surat_permohonan")
    extra -= codes
    return sorted(codes), sorted(extra)


# ---------------------------------------------------------------- PDF page helper
class Doc(FPDF):
    """An fpdf2 document with one body font set registered as 'B' (body) plus mono and hand
    fonts."""

    def __init__(
        self,
        paper="A4",
        orientation="P",
        font="libserif",
        size=11,
        margins=(25, 20, 20),
        footer=None,
    ):
        w, h = PAPER[paper]
        super().__init__(orientation=orientation, unit="mm", format=(w, h))
        self.set_margins(margins[0], margins[1], margins[2])
        self.set_auto_page_break(True, 22)
        for fam, files in (("B", FONTSETS[font]), ("M", FONTSETS["mono"])):
            for style, f in zip(("", "B", "I", "BI"), files, strict=True):
                self.add_font(fam, style, f)
        self.add_font("H1", "", HANDFONTS[0])
        self.add_font("H2", "", HANDFONTS[1])
        self.base = size
        self.footer_lines = footer
        self.set_font("B", "", size)
        self.c_margin = 1

    def multi_cell(self, *a, **k):
        k.setdefault("align", "L")
        return super().multi_cell(*a, **k)

    def footer(self):
        if self.footer_lines:
            self.set_y(-16)
            self.set_draw_color(120, 120, 120)
            self.line(self.l_margin, self.get_y() - 1, self.w - self.r_margin, self.get_y() - 1)
            self.set_font("B", "", 7.5)
            self.set_text_color(70, 70, 70)
            for ln in self.footer_lines:
                self.cell(0, 3.4, ln, align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)
            self.set_font("B", "", self.base)

    def keep(self, h):
        """Start a new page unless `h` mm are left (keeps a signature block whole)."""
        if self.get_y() + h > self.h - self.b_margin:
            self.add_page()

    def f(self, style="", size=None):
        self.set_font("B", style, size or self.base)

    def line_text(self, txt, h=5.5, style="", size=None, align="L", w=0):
        self.f(style, size)
        self.multi_cell(w, h, txt, align=align, new_x="LMARGIN", new_y="NEXT")

    def gap(self, h=3):
        self.ln(h)

    def pw(self):
        return self.w - self.l_margin - self.r_margin

    def kv(self, label, value, lw=55, h=5.5, sep=":", x=None, style_v=""):
        x = self.l_margin if x is None else x
        self.set_x(x)
        self.f()
        self.cell(lw, h, label)
        self.cell(4, h, sep)
        self.f(style_v)
        self.multi_cell(
            self.w - self.r_margin - self.get_x(),
            h,
            value,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.f()

    def emblem(self, x, y, r=11, color=(30, 30, 30), kind="shield"):
        """A drawn, made-up emblem (no real coat of arms)."""
        self.set_draw_color(*color)
        self.set_line_width(0.6)
        if kind == "shield":
            pts = [
                (x - r * 0.8, y - r),
                (x + r * 0.8, y - r),
                (x + r * 0.8, y + r * 0.1),
                (x, y + r),
                (x - r * 0.8, y + r * 0.1),
            ]
            self.polygon(pts, style="D")
            self.ellipse(x - r * 0.35, y - r * 0.55, r * 0.7, r * 0.7, style="D")
            self.line(x - r * 0.6, y + r * 0.25, x + r * 0.6, y + r * 0.25)
        else:
            self.ellipse(x - r, y - r, 2 * r, 2 * r, style="D")
            self.ellipse(x - r * 0.7, y - r * 0.7, 1.4 * r, 1.4 * r, style="D")
            self.star(x, y, r * 0.25, r * 0.55, 5, style="D")
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)

    def stamp(self, x, y, text, r=15, color=(60, 60, 170)):
        self.set_draw_color(*color)
        self.set_line_width(0.5)
        self.ellipse(x - r, y - r, 2 * r, 2 * r, style="D")
        self.ellipse(x - r + 2.5, y - r + 2.5, 2 * r - 5, 2 * r - 5, style="D")
        self.star(x, y, 2, 4.2, 5, style="D")
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)
        # the stamp's words are drawn as short strokes, not text, so it adds no text layer
        self.set_draw_color(*color)
        for i in range(18):
            import math

            a = math.pi * (0.15 + 0.7 * i / 17)
            cx, cy = x + (r - 1.3) * math.cos(math.pi + a), y - (r - 1.3) * math.sin(a) + 0.0
            self.line(cx - 0.5, cy, cx + 0.5, cy)
        self.set_draw_color(0, 0, 0)

    def scribble(self, x, y, w=30, seed=0, color=(20, 30, 120)):
        import math
        import random

        r = random.Random(seed)
        self.set_draw_color(*color)
        self.set_line_width(0.45)
        px, py = x, y
        for i in range(1, 24):
            nx = x + w * i / 23
            ny = y + 3.5 * math.sin(i * 1.3 + r.random()) - r.random() * 2
            self.line(px, py, nx, ny)
            px, py = nx, ny
        self.line(x + w * 0.2, y + 2.5, x + w * 0.9, y - 3)
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)


def letterhead(doc, ag, style, rng):
    """Letterhead styles of this set: 'duologo' (two emblems, centred text, thick rule with a
    coloured thin rule), 'kiri_blok' (name block left, contacts right of a vertical bar), 'kaki'
    (emblem and name only; contacts in the page footer, set up by the caller)."""
    top = doc.get_y()
    L, R = doc.l_margin, doc.w - doc.r_margin
    if style == "duologo":
        doc.emblem(L + 11, top + 12, 11)
        doc.emblem(R - 11, top + 12, 10, color=(0, 90, 40), kind="round")
        doc.set_y(top)
        n = len(ag["kop"])
        for i, ln in enumerate(ag["kop"]):
            doc.set_x(L + 24)
            doc.f("B", 12.5 if i else 12)
            if i == n - 1:
                doc.f("B", 14)
            doc.cell(R - L - 48, 6, ln, align="C", new_x="LMARGIN", new_y="NEXT")
        doc.f("", 8.5)
        doc.set_x(L + 24)
        doc.cell(R - L - 48, 4, ag["alamat"], align="C", new_x="LMARGIN", new_y="NEXT")
        doc.set_x(L + 24)
        doc.cell(
            R - L - 48,
            4,
            f"Telepon {ag['telp']}  Surel {ag['mail']}  Laman {ag['web']}",
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        y = max(doc.get_y(), top + 25) + 1.5
        doc.set_line_width(1.1)
        doc.line(L, y, R, y)
        doc.set_draw_color(0, 110, 60)
        doc.set_line_width(0.5)
        doc.line(L, y + 1.3, R, y + 1.3)
        doc.set_draw_color(0, 0, 0)
        doc.set_line_width(0.2)
        doc.set_y(y + 5)
    elif style == "kiri_blok":
        doc.emblem(L + 8, top + 10, 8.5)
        doc.set_xy(L + 19, top)
        for i, ln in enumerate(ag["kop"]):
            doc.set_x(L + 19)
            size = 9 if i < len(ag["kop"]) - 1 else 11.5
            doc.f("B", size)
            while doc.get_string_width(ln) > 94 and size > 6:
                size -= 0.5
                doc.f("B", size)
            doc.cell(95, 4.8, ln, new_x="LMARGIN", new_y="NEXT")
        ybot = doc.get_y()
        bx = L + 118
        doc.set_draw_color(0, 70, 140)
        doc.set_line_width(0.7)
        doc.line(bx - 3, top, bx - 3, max(ybot, top + 18))
        doc.set_line_width(0.2)
        doc.set_draw_color(0, 0, 0)
        doc.set_xy(bx, top)
        doc.f("", 7.5)
        for ln in [ag["alamat"], "Telp. " + ag["telp"], ag["mail"], ag["web"]]:
            doc.set_x(bx)
            doc.multi_cell(R - bx, 3.7, ln, align="L", new_x="LMARGIN", new_y="NEXT")
        y = max(doc.get_y(), ybot, top + 18) + 2
        doc.set_draw_color(0, 70, 140)
        doc.line(L, y, R, y)
        doc.set_draw_color(0, 0, 0)
        doc.set_y(y + 5)
    elif style == "kaki":
        doc.emblem(doc.w / 2, top + 9, 9)
        doc.set_y(top + 20)
        for i, ln in enumerate(ag["kop"]):
            doc.f("B", 11 if i < len(ag["kop"]) - 1 else 12.5)
            doc.cell(0, 5.5, ln, align="C", new_x="LMARGIN", new_y="NEXT")
        doc.set_y(doc.get_y() + 4)
    doc.f()


def kaki_footer(ag):
    return [ag["alamat"], f"Telepon {ag['telp']} | Pos-el {ag['mail']} | {ag['web']}"]


def sign_block(
    doc,
    rng,
    x,
    place_date,
    role_lines,
    name,
    nip,
    pangkat=None,
    stamp=True,
    ink=True,
    style="u",
    w=None,
):
    """A signature block at x: place/date line, role lines, a signature, the name (underlined /
    bold) and NIP."""
    doc.set_x(x)
    w = w or (doc.w - doc.r_margin - x)
    doc.f()
    if place_date:
        doc.cell(w, 5.5, place_date, new_x="LMARGIN", new_y="NEXT")
    for r in role_lines:
        doc.set_x(x)
        doc.multi_cell(w, 5.5, r, align="L", new_x="LMARGIN", new_y="NEXT")
    y = doc.get_y()
    if stamp:
        doc.stamp(x + 6, y + 9.5, "", r=11.5)
    if ink:
        doc.scribble(x + 10, y + 11, 32, seed=rng.randint(0, 10**6))
    doc.set_xy(x, y + 21)
    doc.f("BU" if style == "u" else "B")
    doc.cell(w, 5.5, name, new_x="LMARGIN", new_y="NEXT")
    doc.f()
    if pangkat:
        doc.set_x(x)
        doc.cell(w, 5.5, pangkat, new_x="LMARGIN", new_y="NEXT")
    if nip:
        doc.set_x(x)
        doc.cell(w, 5.5, "NIP. " + nip, new_x="LMARGIN", new_y="NEXT")
