"""blind2: shared pieces (fonts, people, agencies, dates, the PDF page helper, small pictures).

Everything here is invented; only the agency names are real East Kalimantan bodies (plus one made-up
BUMD).  Nothing here knows how `berkas` reads documents.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from PIL import Image, ImageDraw, ImageFont

FIXED_DT = dt.datetime(2026, 1, 5, 8, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))

_L = "/usr/share/fonts/truetype/liberation/"
_D = "/usr/share/fonts/truetype/dejavu/"
_F = "/usr/share/fonts/truetype/freefont/"
FONTS = {
    "LSans": {
        "": _L + "LiberationSans-Regular.ttf",
        "B": _L + "LiberationSans-Bold.ttf",
        "I": _L + "LiberationSans-Italic.ttf",
        "BI": _L + "LiberationSans-BoldItalic.ttf",
    },
    "LSerif": {
        "": _L + "LiberationSerif-Regular.ttf",
        "B": _L + "LiberationSerif-Bold.ttf",
        "I": _L + "LiberationSerif-Italic.ttf",
        "BI": _L + "LiberationSerif-BoldItalic.ttf",
    },
    "LNarrow": {
        "": _L + "LiberationSansNarrow-Regular.ttf",
        "B": _L + "LiberationSansNarrow-Bold.ttf",
        "I": _L + "LiberationSansNarrow-Italic.ttf",
        "BI": _L + "LiberationSansNarrow-BoldItalic.ttf",
    },
    "LMono": {
        "": _L + "LiberationMono-Regular.ttf",
        "B": _L + "LiberationMono-Bold.ttf",
        "I": _L + "LiberationMono-Italic.ttf",
        "BI": _L + "LiberationMono-BoldItalic.ttf",
    },
    "DSans": {
        "": _D + "DejaVuSans.ttf",
        "B": _D + "DejaVuSans-Bold.ttf",
        "I": _D + "DejaVuSans-Oblique.ttf",
        "BI": _D + "DejaVuSans-BoldOblique.ttf",
    },
    "DSerif": {
        "": _D + "DejaVuSerif.ttf",
        "B": _D + "DejaVuSerif-Bold.ttf",
        "I": _D + "DejaVuSerif-Italic.ttf",
        "BI": _D + "DejaVuSerif-BoldItalic.ttf",
    },
    "DCond": {
        "": _D + "DejaVuSansCondensed.ttf",
        "B": _D + "DejaVuSansCondensed-Bold.ttf",
        "I": _D + "DejaVuSansCondensed-Oblique.ttf",
        "BI": _D + "DejaVuSansCondensed-BoldOblique.ttf",
    },
    "FSans": {
        "": _F + "FreeSans.ttf",
        "B": _F + "FreeSansBold.ttf",
        "I": _F + "FreeSansOblique.ttf",
        "BI": _F + "FreeSansBoldOblique.ttf",
    },
    "FSerif": {
        "": _F + "FreeSerif.ttf",
        "B": _F + "FreeSerifBold.ttf",
        "I": _F + "FreeSerifItalic.ttf",
        "BI": _F + "FreeSerifBoldItalic.ttf",
    },
    "FMono": {
        "": _F + "FreeMono.ttf",
        "B": _F + "FreeMonoBold.ttf",
        "I": _F + "FreeMonoOblique.ttf",
        "BI": _F + "FreeMonoBoldOblique.ttf",
    },
}
SERIFS = ["LSerif", "FSerif", "DSerif"]
SANS = ["LSans", "FSans", "DSans", "DCond", "LNarrow"]

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
ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
TERBILANG = {
    1: "satu",
    2: "dua",
    3: "tiga",
    4: "empat",
    5: "lima",
    6: "enam",
    7: "tujuh",
    8: "delapan",
    9: "sembilan",
    10: "sepuluh",
    11: "sebelas",
    12: "dua belas",
}


def tgl(d: dt.date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def tgl_pendek(d: dt.date) -> str:
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def iso(d: dt.date | None):
    return d.isoformat() if d else None


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    last = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


# ----------------------------------------------------------------------------------------------
# people
# ----------------------------------------------------------------------------------------------
MALE = [
    "Ahmad",
    "Muhammad",
    "Rizky",
    "Budi",
    "Agus",
    "Hendra",
    "Fajar",
    "Arief",
    "Yusuf",
    "Rahmat",
    "Syamsul",
    "Irwan",
    "Dedi",
    "Bayu",
    "Hasan",
    "Aditya",
    "Fikri",
    "Ilham",
    "Ridwan",
    "Taufik",
    "Wahyu",
    "Yohanes",
    "Stefanus",
    "Kristian",
    "Eko",
    "Joko",
    "Lukas",
    "Marthen",
    "Daud",
    "Rusdi",
    "Akhmad",
    "Abdul",
    "Gusti",
    "Reza",
    "Hadi",
    "Iqbal",
    "Samuel",
    "Yosef",
    "Antonius",
    "Benny",
    "Heri",
    "Sultan",
    "Firdaus",
]
FEMALE = [
    "Siti",
    "Nur",
    "Rina",
    "Dewi",
    "Fitri",
    "Ayu",
    "Novita",
    "Maria",
    "Yuliana",
    "Dian",
    "Indah",
    "Ratna",
    "Nurul",
    "Aisyah",
    "Putri",
    "Kartika",
    "Theresia",
    "Helena",
    "Sri",
    "Erna",
    "Mega",
    "Annisa",
    "Lina",
    "Winda",
    "Yosephina",
    "Rosa",
    "Fransiska",
    "Halimah",
    "Zahra",
    "Melati",
    "Citra",
    "Evi",
]
MID_M = [
    "Eka",
    "Dwi",
    "Adi",
    "Arif",
    "Nur",
    "Wahyu",
    "Budi",
    "Surya",
    "Dian",
    "Rahmat",
    "Fajar",
    "Tri",
    "Bagus",
    "Ardiansyah",
    "Hidayat",
    "Syahrul",
]
MID_F = [
    "Ayu",
    "Dwi",
    "Nur",
    "Eka",
    "Sri",
    "Tri",
    "Puspa",
    "Indah",
    "Rahma",
    "Maya",
    "Ratih",
    "Wulan",
]
LAST = [
    "Santoso",
    "Pratama",
    "Saputra",
    "Hidayat",
    "Rahman",
    "Wijaya",
    "Kurniawan",
    "Setiawan",
    "Nugroho",
    "Hakim",
    "Maulana",
    "Syahputra",
    "Fauzi",
    "Ramadhan",
    "Pangaribuan",
    "Simanjuntak",
    "Tandi Lolo",
    "Lahagu",
    "Ngau",
    "Lawing",
    "Jalung",
    "Hanafiah",
    "Noor",
    "Sihombing",
    "Manurung",
    "Anshari",
    "Basri",
    "Tamher",
    "Patiung",
    "Sembiring",
    "Kalalo",
    "Rante",
    "Amiruddin",
    "Arsyad",
    "Baharuddin",
    "Mappasessu",
    "Sulaiman",
    "Yunus",
    "Siregar",
    "Tampubolon",
    "Effendi",
    "Irawan",
    "Susanto",
    "Gunawan",
    "Hermawan",
]
LAST_F = [
    "Lestari",
    "Wulandari",
    "Puspitasari",
    "Handayani",
    "Kusumawati",
    "Rahmadani",
    "Fadillah",
    "Anggraini",
    "Safitri",
    "Maharani",
    "Permatasari",
    "Oktaviani",
    "Septiani",
    "Rahmawati",
    "Novianti",
    "Hanafiah",
    "Noor",
    "Sihombing",
    "Simanjuntak",
    "Lawing",
    "Rante",
    "Patiung",
]
SINGLE_M = ["Paiman", "Tukiran", "Suparjo", "Ngatimin", "Sarjono", "Kaswadi"]
SINGLE_F = ["Sukarmi", "Sumarni", "Yuliani", "Juwita", "Suwarni", "Painem"]
HYPHEN = [
    ("Lukas Dominggus Kewa-Lolon", 1),
    ("Christina Ngau-Lawing", 2),
    ("Maria Goretti Bere-Tallo", 2),
    ("Yohanes Bosco Rante-Allo", 1),
    ("Anastasia Jalung-Ping", 2),
]
BACK = {
    "kom": ["S.Kom.", "S.Kom., M.Kom.", "A.Md.Kom.", "S.T., M.T.", "S.Tr.Kom.", "S.Kom., M.M."],
    "adm": [
        "S.E.",
        "S.Sos.",
        "S.AP.",
        "S.IP., M.Si.",
        "S.E., M.M.",
        "S.H.",
        "S.Ak.",
        "A.Md.",
        "S.AB.",
        "S.Sos., M.AP.",
        "S.H., M.H.",
        "S.Pd.",
        "S.T.",
    ],
}
FRONT_M = ["H.", "Ir.", "Drs.", "Ir. H.", "dr.", "Dr. H."]
FRONT_F = ["Hj.", "Dra.", "Ns.", "apt.", "Dr. Hj.", "Ir."]

PANGKAT = [
    ("Pengatur", "II/c"),
    ("Pengatur Tingkat I", "II/d"),
    ("Penata Muda", "III/a"),
    ("Penata Muda Tingkat I", "III/b"),
    ("Penata", "III/c"),
    ("Penata Tingkat I", "III/d"),
    ("Pembina", "IV/a"),
    ("Pembina Tingkat I", "IV/b"),
    ("Pembina Utama Muda", "IV/c"),
]
JAB_IT = [
    "Pranata Komputer Ahli Pertama",
    "Pranata Komputer Ahli Muda",
    "Pranata Komputer Terampil",
    "Pranata Komputer Mahir",
    "Penata Kelola Sistem dan Teknologi Informasi",
    "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
    "Pengelola Pengadaan Barang/Jasa Ahli Muda",
    "Analis Sistem Informasi",
    "Pengelola Sistem dan Jaringan",
]
JAB_ADM = [
    "Kepala Subbagian Umum dan Kepegawaian",
    "Kepala Subbagian Perencanaan dan Keuangan",
    "Analis Perencanaan, Evaluasi dan Pelaporan",
    "Pengadministrasi Perkantoran",
    "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
    "Penelaah Teknis Kebijakan",
    "Pengelola Layanan Operasional",
    "Perencana Ahli Muda",
    "Analis Keuangan Pusat dan Daerah Ahli Pertama",
]
PREFIX = [
    "0811",
    "0812",
    "0813",
    "0821",
    "0822",
    "0823",
    "0852",
    "0853",
    "0851",
    "0856",
    "0857",
    "0877",
    "0878",
    "0895",
    "0896",
    "0898",
    "0881",
    "0882",
]
MAILDOM = ["gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com"]


@dataclass
class Person:
    plain: str  # name without titles
    gender: int  # 1 male, 2 female
    front: str = ""  # front titles ("Hj.", "dr.")
    back: str = ""  # degrees after the comma
    nip: str = ""  # 18 digits (or the invalid digits as printed)
    pppk: bool = False
    pangkat: str = ""
    jabatan: str = ""
    email: str = ""
    phone: str = ""  # digits with leading 0
    birth: dt.date | None = None
    nik: str = ""

    @property
    def nama(self) -> str:
        s = (self.front + " " if self.front else "") + self.plain
        return s + (", " + self.back if self.back else "")

    @property
    def nama_upper(self) -> str:
        s = ((self.front + " ") if self.front else "") + self.plain.upper()
        return s + (", " + self.back if self.back else "")

    @property
    def nip_spaced(self) -> str:
        n = self.nip
        if len(n) != 18:
            return n
        if self.pppk:
            return f"{n[:8]} {n[8:12]} {n[12:14]} {n[14]} {n[15:]}"
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


def make_nip(
    rng: random.Random, gender: int, pppk=False, birth: dt.date | None = None
) -> tuple[str, dt.date]:
    if birth is None:
        birth = dt.date(rng.randint(1972, 1998), rng.randint(1, 12), rng.randint(1, 28))
    if pppk:
        year = rng.choice([2022, 2023, 2024, 2025])
        return f"{birth:%Y%m%d}{year}21{gender}{rng.randint(1, 420):03d}", birth
    tmt_y = min(2024, birth.year + rng.randint(23, 32))
    tmt_m = rng.choice([1, 2, 3, 4, 12, 3, 1, 5, 6, 10])
    return f"{birth:%Y%m%d}{tmt_y}{tmt_m:02d}{gender}{rng.randint(1, 12):03d}", birth


def make_phone(rng: random.Random, n=None) -> str:
    p = rng.choice(PREFIX)
    n = n or rng.choice([11, 12, 12, 12, 13])
    return p + "".join(str(rng.randint(0, 9)) for _ in range(n - 4))


def fmt_phone(d: str, style: str) -> str:
    """d: digits with leading 0."""
    r = d[1:]
    if style == "plain":
        return d
    if style == "space4":  # 0812 3456 7890
        return " ".join([d[:4], d[4:8], d[8:]])
    if style == "paren":  # (0812) 3456-7890
        return f"({d[:4]}) {d[4:8]}-{d[8:]}"
    if style == "plus":  # +62 812-3456-7890
        return f"+62 {r[:3]}-{r[3:7]}-{r[7:]}"
    if style == "62":  # 6281234567890
        return "62" + r
    if style == "dash":  # 0812-3456-7890
        return f"{d[:4]}-{d[4:8]}-{d[8:]}"
    if style == "dots":  # 0812.3456.7890
        return f"{d[:4]}.{d[4:8]}.{d[8:]}"
    if style == "plus_nospace":
        return "+62" + r
    return d


def ascii_name(s: str) -> str:
    return "".join(c for c in s.lower() if c.isalpha() or c == " ").split()


def make_email(rng: random.Random, plain: str, domain: str | None = None) -> str:
    parts = ascii_name(plain)
    if len(parts) == 1:
        local = parts[0] + str(rng.randint(70, 99))
    else:
        k = rng.randint(0, 3)
        if k == 0:
            local = parts[0] + "." + parts[-1]
        elif k == 1:
            local = parts[0] + parts[-1][:1] + str(rng.randint(80, 99))
        elif k == 2:
            local = parts[0][:1] + parts[-1] + str(rng.randint(1, 30))
        else:
            local = parts[0] + "_" + parts[1]
    return f"{local}@{domain or rng.choice(MAILDOM)}"


def make_person(
    rng: random.Random,
    gender=None,
    titles="mix",
    pppk=False,
    kind="it",
    name=None,
    single=False,
    hyphen=False,
    long_titles=False,
) -> Person:
    if hyphen:
        plain, gender = rng.choice(HYPHEN)
    gender = gender or rng.choice([1, 2])
    if name:
        plain = name
    elif hyphen:
        pass
    elif single:
        plain = rng.choice(SINGLE_M if gender == 1 else SINGLE_F)
    elif gender == 1:
        parts = [rng.choice(MALE)]
        if rng.random() < 0.55:
            parts.append(rng.choice(MID_M))
        parts.append(rng.choice(LAST))
        plain = " ".join(dict.fromkeys(parts))
    else:
        parts = [rng.choice(FEMALE)]
        if rng.random() < 0.5:
            parts.append(rng.choice(MID_F))
        parts.append(rng.choice(LAST_F))
        plain = " ".join(dict.fromkeys(parts))
    front = back = ""
    if long_titles:
        front = rng.choice(
            ["Dr. H.", "Ir. H.", "H."] if gender == 1 else ["Dr. Hj.", "Hj.", "Ir. Hj."]
        )
        back = rng.choice(
            ["S.Kom., M.T.", "S.T., M.Eng.", "S.E., M.Si., Ak.", "S.Kom., M.Kom., CGEIT"]
        )
    elif titles == "mix":
        if rng.random() < 0.8 and not single:
            back = rng.choice(BACK["kom" if kind == "it" else "adm"])
        if rng.random() < 0.15 and not single:
            front = rng.choice(FRONT_M if gender == 1 else FRONT_F)
            if front in ("dr.", "Ns.", "apt."):
                back = {"dr.": "M.Kes.", "Ns.": "S.Kep.", "apt.": "S.Farm."}[front]
            elif front in ("Ir.", "Drs.", "Dra.", "Ir. H."):
                back = rng.choice(["M.T.", "M.Si.", "M.M.", ""])
            elif front.startswith("Dr."):
                back = rng.choice(["S.Kom., M.T.", "S.E., M.Si.", "S.T., M.Eng."])
    elif titles == "none":
        pass
    nip, birth = make_nip(rng, gender, pppk)
    if pppk:
        pk = rng.choice(["IX", "VII", "X", "V"])
        pangkat = f"Golongan {pk} (PPPK)"
    else:
        age = 2026 - birth.year
        idx = max(0, min(len(PANGKAT) - 1, (age - 24) // 4 + rng.randint(-1, 1)))
        p, g = PANGKAT[idx]
        pangkat = f"{p} ({g})" if rng.random() < 0.6 else f"{p}, {g}"
    jab = rng.choice(JAB_IT if kind == "it" else JAB_ADM)
    return Person(
        plain=plain,
        gender=gender,
        front=front,
        back=back,
        nip=nip,
        pppk=pppk,
        pangkat=pangkat,
        jabatan=jab,
        email=make_email(rng, plain),
        phone=make_phone(rng),
        birth=birth,
        nik="64"
        + "".join(str(rng.randint(0, 9)) for _ in range(2))
        + f"{rng.randint(1, 15):02d}"
        + f"{birth.day + (40 if gender == 2 else 0):02d}{birth:%m%y}"
        + f"{rng.randint(1, 40):04d}",
    )


def make_head(rng: random.Random, gender=None) -> Person:
    gender = gender or rng.choice([1, 1, 2])
    p = make_person(rng, gender=gender, kind="adm", titles="none")
    p.back = rng.choice(
        [
            "S.T., M.T.",
            "S.E., M.M.",
            "S.Sos., M.Si.",
            "S.H., M.H.",
            "S.IP., M.AP.",
            "S.Kom., M.M.",
            "S.Pd., M.Pd.",
            "S.E., M.Ak.",
        ]
    )
    if rng.random() < 0.25:
        p.front = "H." if gender == 1 else "Hj."
    elif rng.random() < 0.1:
        p.front = "Dr."
        p.back = rng.choice(["S.T., M.T.", "S.E., M.Si."])
    p.nip, _ = make_nip(
        rng, gender, birth=dt.date(rng.randint(1966, 1978), rng.randint(1, 12), rng.randint(1, 28))
    )
    p.pangkat = rng.choice(
        ["Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)", "Pembina Utama Madya (IV/d)"]
    )
    return p


# ----------------------------------------------------------------------------------------------
# agencies
# ----------------------------------------------------------------------------------------------
PROV = "Pemerintah Provinsi Kalimantan Timur"


def _ag(
    key,
    instansi,
    satker,
    kop,
    short,
    address,
    head,
    kind="opd",
    code=None,
    email=None,
    web=None,
    city="Samarinda",
    post="75123",
    sk_head=None,
    parent_line=None,
    unit=None,
):
    return dict(
        key=key,
        instansi=instansi,
        satker=satker,
        kop=kop,
        short=short,
        address=address,
        head=head,
        kind=kind,
        code=code or short,
        email=email,
        web=web,
        city=city,
        post=post,
        sk_head=sk_head or head.upper(),
        parent_line=parent_line,
        unit=unit,
    )


AGENCIES = [
    _ag(
        "dishub",
        PROV,
        "Dinas Perhubungan Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS PERHUBUNGAN"],
        "Dishub",
        "Jalan Kemakmuran Nomor 37",
        "Kepala Dinas Perhubungan Provinsi Kalimantan Timur",
        email="dishub@kaltimprov.go.id",
        web="dishub.kaltimprov.go.id",
        post="75117",
    ),
    _ag(
        "dinkes",
        PROV,
        "Dinas Kesehatan Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KESEHATAN"],
        "Dinkes",
        "Jalan Anggur Nomor 08",
        "Kepala Dinas Kesehatan Provinsi Kalimantan Timur",
        email="dinkes@kaltimprov.go.id",
        web="dinkes.kaltimprov.go.id",
        post="75117",
    ),
    _ag(
        "disdik",
        PROV,
        "Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS PENDIDIKAN DAN KEBUDAYAAN"],
        "Disdikbud",
        "Jalan Basuki Rahmat Nomor 54",
        "Kepala Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Timur",
        email="disdikbud@kaltimprov.go.id",
        web="disdikbud.kaltimprov.go.id",
        post="75112",
    ),
    _ag(
        "bapenda",
        PROV,
        "Badan Pendapatan Daerah Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "BADAN PENDAPATAN DAERAH"],
        "Bapenda",
        "Jalan Gajah Mada Nomor 1",
        "Kepala Badan Pendapatan Daerah Provinsi Kalimantan Timur",
        email="bapenda@kaltimprov.go.id",
        web="bapenda.kaltimprov.go.id",
        post="75121",
    ),
    _ag(
        "bpbd",
        PROV,
        "Badan Penanggulangan Bencana Daerah Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "BADAN PENANGGULANGAN BENCANA DAERAH"],
        "BPBD",
        "Jalan Mayjen Sutoyo Nomor 12",
        "Kepala Pelaksana Badan Penanggulangan Bencana Daerah Provinsi Kalimantan Timur",
        email="bpbd@kaltimprov.go.id",
        web="bpbd.kaltimprov.go.id",
        post="75118",
    ),
    _ag(
        "dkp",
        PROV,
        "Dinas Kelautan dan Perikanan Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KELAUTAN DAN PERIKANAN"],
        "DKP",
        "Jalan Kesuma Bangsa Nomor 3",
        "Kepala Dinas Kelautan dan Perikanan Provinsi Kalimantan Timur",
        email="dkp@kaltimprov.go.id",
        web="dkp.kaltimprov.go.id",
        post="75121",
    ),
    _ag(
        "dlh",
        PROV,
        "Dinas Lingkungan Hidup Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS LINGKUNGAN HIDUP"],
        "DLH",
        "Jalan Wolter Monginsidi Nomor 1",
        "Kepala Dinas Lingkungan Hidup Provinsi Kalimantan Timur",
        email="dlh@kaltimprov.go.id",
        web="dlh.kaltimprov.go.id",
        post="75123",
    ),
    _ag(
        "setda",
        PROV,
        "Biro Umum Sekretariat Daerah Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "SEKRETARIAT DAERAH"],
        "Setda",
        "Jalan Gajah Mada Nomor 2",
        "Kepala Biro Umum Sekretariat Daerah Provinsi Kalimantan Timur",
        kind="setda",
        email="biroumum@kaltimprov.go.id",
        web="kaltimprov.go.id",
        post="75121",
        unit="Biro Umum",
        code="B.Umum",
        sk_head="SEKRETARIS DAERAH PROVINSI KALIMANTAN TIMUR",
    ),
    _ag(
        "rsud",
        PROV,
        "RSUD Abdoel Wahab Sjahranie",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "RUMAH SAKIT UMUM DAERAH ABDOEL WAHAB SJAHRANIE"],
        "RSUD AWS",
        "Jalan Palang Merah Indonesia Nomor 1",
        "Direktur RSUD Abdoel Wahab Sjahranie",
        kind="blud",
        code="RSUD-AWS",
        email="rsudaws@kaltimprov.go.id",
        web="rsudaws.kaltimprov.go.id",
        post="75123",
    ),
    _ag(
        "kemenag",
        "Kementerian Agama",
        "Kantor Wilayah Kementerian Agama Provinsi Kalimantan Timur",
        [
            "KEMENTERIAN AGAMA REPUBLIK INDONESIA",
            "KANTOR WILAYAH KEMENTERIAN AGAMA",
            "PROVINSI KALIMANTAN TIMUR",
        ],
        "Kanwil Kemenag",
        "Jalan M. Yamin Nomor 48",
        "Kepala Kantor Wilayah Kementerian Agama Provinsi Kalimantan Timur",
        kind="vertikal",
        code="Kw.17.1",
        email="kaltim@kemenag.go.id",
        web="kaltim.kemenag.go.id",
        post="75119",
    ),
    _ag(
        "bps",
        "Badan Pusat Statistik",
        "Badan Pusat Statistik Provinsi Kalimantan Timur",
        ["BADAN PUSAT STATISTIK", "PROVINSI KALIMANTAN TIMUR"],
        "BPS Kaltim",
        "Jalan Kemakmuran Nomor 4",
        "Kepala Badan Pusat Statistik Provinsi Kalimantan Timur",
        kind="vertikal",
        code="64000",
        email="bps6400@bps.go.id",
        web="kaltim.bps.go.id",
        post="75117",
    ),
    _ag(
        "polnes",
        "Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
        "Politeknik Negeri Samarinda",
        ["KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI", "POLITEKNIK NEGERI SAMARINDA"],
        "Polnes",
        "Jalan Cipto Mangunkusumo, Kampus Gunung Lipan",
        "Direktur Politeknik Negeri Samarinda",
        kind="vertikal",
        code="PL7",
        email="info@polnes.ac.id",
        web="polnes.ac.id",
        post="75131",
    ),
    _ag(
        "bws",
        "Kementerian Pekerjaan Umum",
        "Balai Wilayah Sungai Kalimantan IV Samarinda",
        [
            "KEMENTERIAN PEKERJAAN UMUM",
            "DIREKTORAT JENDERAL SUMBER DAYA AIR",
            "BALAI WILAYAH SUNGAI KALIMANTAN IV SAMARINDA",
        ],
        "BWS Kal IV",
        "Jalan Sultan Alimuddin Nomor 5",
        "Kepala Balai Wilayah Sungai Kalimantan IV Samarinda",
        kind="vertikal",
        code="BWS.IV",
        email="bwskalimantan4@pu.go.id",
        web="sda.pu.go.id/balai/bwskalimantan4",
        post="75251",
    ),
    _ag(
        "mahulu",
        "Pemerintah Kabupaten Mahakam Ulu",
        "Sekretariat Daerah Kabupaten Mahakam Ulu",
        ["PEMERINTAH KABUPATEN MAHAKAM ULU", "SEKRETARIAT DAERAH"],
        "Setda Mahulu",
        "Jalan Poros Ujoh Bilang - Long Bagun",
        "Sekretaris Daerah Kabupaten Mahakam Ulu",
        kind="setda",
        email="setda@mahakamulukab.go.id",
        web="mahakamulukab.go.id",
        city="Ujoh Bilang",
        post="75767",
        unit="Bagian Umum",
    ),
    _ag(
        "satpol",
        PROV,
        "Satuan Polisi Pamong Praja Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "SATUAN POLISI PAMONG PRAJA"],
        "Satpol PP",
        "Jalan Jenderal Sudirman Nomor 2",
        "Kepala Satuan Polisi Pamong Praja Provinsi Kalimantan Timur",
        email="satpolpp@kaltimprov.go.id",
        web="satpolpp.kaltimprov.go.id",
        post="75121",
    ),
    _ag(
        "dispar",
        PROV,
        "Dinas Pariwisata Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS PARIWISATA"],
        "Dispar",
        "Jalan Dahlia Nomor 12",
        "Kepala Dinas Pariwisata Provinsi Kalimantan Timur",
        email="dispar@kaltimprov.go.id",
        web="dispar.kaltimprov.go.id",
        post="75121",
    ),
    _ag(
        "inspektorat",
        PROV,
        "Inspektorat Daerah Provinsi Kalimantan Timur",
        ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "INSPEKTORAT DAERAH"],
        "Itda",
        "Jalan M.T. Haryono Nomor 6",
        "Inspektur Daerah Provinsi Kalimantan Timur",
        email="inspektorat@kaltimprov.go.id",
        web="inspektorat.kaltimprov.go.id",
        post="75124",
    ),
    _ag(
        "esi",
        "PT Etam Sarana Infrastruktur (Perseroda)",
        "Divisi Pengadaan dan Logistik",
        ["PT ETAM SARANA INFRASTRUKTUR (PERSERODA)"],
        "ESI",
        "Gedung Etam Lantai 3, Jalan Untung Suropati Nomor 8",
        "Direktur Utama PT Etam Sarana Infrastruktur (Perseroda)",
        kind="bumd",
        code="ESI",
        email="sekretariat@etamsarana.co.id",
        web="www.etamsarana.co.id",
        post="75124",
    ),
]
AG = {a["key"]: a for a in AGENCIES}

LPSE_ADDR = ["Kantor Gubernur Kalimantan Timur, Jalan Gajah Mada Nomor 2", "Samarinda"]
TUJUAN_OK = [
    "Kepala Biro Pengadaan Barang/Jasa Sekretariat Daerah Provinsi Kalimantan Timur",
    "Kepala LPSE Provinsi Kalimantan Timur",
    "Kepala Layanan Pengadaan Secara Elektronik (LPSE) Provinsi Kalimantan Timur",
    "Kepala Biro Pengadaan Barang dan Jasa Setda Prov. Kaltim selaku Pengelola LPSE Provinsi "
    "Kalimantan Timur",
    "Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur",
]
TUJUAN_CQ = (
    "Gubernur Kalimantan Timur",
    "Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur",
)


def agency_phone(rng: random.Random) -> str:
    return f"(0541) 7{rng.randint(10000, 49999)}"


# ----------------------------------------------------------------------------------------------
# small pictures (no text in the PDF text layer)
# ----------------------------------------------------------------------------------------------
def _png(img: Image.Image) -> io.BytesIO:
    b = io.BytesIO()
    img.save(b, "PNG")
    b.seek(0)
    return b


def emblem(kind: str, seed: int = 0) -> io.BytesIO:
    """A made-up emblem: a shield (regional), a round seal (ministry), a square mark (company)."""
    W = 240
    im = Image.new("RGBA", (W, int(W * 1.15)), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    if kind == "shield":
        pts = [(20, 10), (220, 10), (220, 150), (120, 265), (20, 150)]
        d.polygon(pts, fill=(22, 110, 60, 255), outline=(200, 160, 20, 255))
        d.line(pts + [pts[0]], fill=(200, 160, 20, 255), width=8)
        d.ellipse((70, 50, 170, 150), fill=(235, 200, 40, 255))
        d.polygon(
            [
                (120, 60),
                (135, 100),
                (175, 100),
                (142, 122),
                (155, 160),
                (120, 137),
                (85, 160),
                (98, 122),
                (65, 100),
                (105, 100),
            ],
            fill=(180, 30, 30, 255),
        )
        for i in range(5):
            d.line((45 + i * 38, 185, 60 + i * 30, 230), fill=(240, 240, 240, 255), width=6)
    elif kind == "round":
        d.ellipse(
            (10, 10, 230, 230), fill=(255, 255, 255, 255), outline=(20, 60, 140, 255), width=10
        )
        d.ellipse((40, 40, 200, 200), fill=(20, 120, 70, 255))
        d.polygon([(120, 55), (160, 175), (80, 175)], fill=(240, 200, 40, 255))
        d.rectangle((100, 140, 140, 190), fill=(255, 255, 255, 255))
    elif kind == "garuda":
        d.polygon(
            [
                (120, 20),
                (150, 70),
                (230, 60),
                (170, 120),
                (190, 200),
                (120, 160),
                (50, 200),
                (70, 120),
                (10, 60),
                (90, 70),
            ],
            fill=(205, 160, 30, 255),
            outline=(120, 80, 10, 255),
        )
        d.rectangle(
            (95, 95, 145, 150), fill=(180, 30, 30, 255), outline=(255, 255, 255, 255), width=4
        )
    else:  # company
        d.rounded_rectangle((10, 40, 230, 250), radius=30, fill=(0, 90, 160, 255))
        d.polygon([(40, 220), (120, 70), (200, 220)], fill=(255, 255, 255, 255))
        d.polygon([(80, 220), (120, 140), (160, 220)], fill=(0, 170, 120, 255))
    return _png(im)


def stamp(color=(95, 60, 170), seed=0, text=None) -> io.BytesIO:
    rng = random.Random(seed)
    W = 300
    im = Image.new("RGBA", (W, W), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    a = 150 + rng.randint(0, 60)
    c = color + (a,)
    d.ellipse((8, 8, W - 8, W - 8), outline=c, width=9)
    d.ellipse((48, 48, W - 48, W - 48), outline=c, width=4)
    # ring of little marks instead of lettering
    for k in range(40):
        ang = 2 * math.pi * k / 40
        r1, r2 = 108, 126
        x1, y1 = W / 2 + r1 * math.cos(ang), W / 2 + r1 * math.sin(ang)
        x2, y2 = W / 2 + r2 * math.cos(ang + 0.05), W / 2 + r2 * math.sin(ang + 0.05)
        d.line((x1, y1, x2, y2), fill=c, width=5)
    d.polygon(
        [
            (150, 95),
            (165, 135),
            (205, 135),
            (172, 160),
            (185, 200),
            (150, 176),
            (115, 200),
            (128, 160),
            (95, 135),
            (135, 135),
        ],
        fill=c,
    )
    # a few random specks to look inked
    for _ in range(60):
        x, y = rng.randint(0, W - 1), rng.randint(0, W - 1)
        if (x - W / 2) ** 2 + (y - W / 2) ** 2 < (W / 2 - 10) ** 2:
            im.putpixel((x, y), (255, 255, 255, 0))
    return _png(im.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC))


def signature_png(seed=0, color=(15, 30, 120)) -> io.BytesIO:
    rng = random.Random(seed)
    W, H = 420, 170
    im = Image.new("RGBA", (W, H), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    x, y = 25, H * 0.6
    pts = []
    for i in range(60):
        x += rng.uniform(3, 9)
        y = (
            H * 0.55
            + math.sin(i * rng.uniform(0.5, 0.9)) * rng.uniform(15, 55)
            + rng.uniform(-6, 6)
        )
        pts.append((x, max(5, min(H - 5, y))))
    d.line(pts, fill=color + (255,), width=4, joint="curve")
    d.line(
        [(pts[5][0], pts[5][1] + 30), (pts[-1][0] + 10, pts[-8][1] - 20)],
        fill=color + (255,),
        width=3,
    )
    return _png(im)


def font_pil(fam="DSans", style="", size=20):
    return ImageFont.truetype(FONTS[fam][style], size)


def karpeg_png(person: Person, seed=0) -> io.BytesIO:
    """A drawn civil-servant card (all its text is pixels)."""
    W, H = 1012, 638
    im = Image.new("RGB", (W, H), (236, 240, 228))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, W, 120), fill=(40, 110, 70))
    d.text((150, 25), "KARTU PEGAWAI", font=font_pil("DSans", "B", 42), fill=(255, 255, 255))
    d.text((150, 78), "APARATUR SIPIL NEGARA", font=font_pil("DSans", "", 24), fill=(255, 255, 255))
    em = Image.open(emblem("garuda")).convert("RGBA").resize((100, 115))
    im.paste(em, (25, 3), em)
    f = font_pil("DSans", "", 28)
    rows = [
        ("NIP", person.nip_spaced),
        ("Nama", person.nama),
        ("Tempat/Tgl. Lahir", f"Samarinda, {tgl_pendek(person.birth) if person.birth else '-'}"),
        ("Jenis Kelamin", "Laki-laki" if person.gender == 1 else "Perempuan"),
    ]
    y = 170
    for k, v in rows:
        d.text((300, y), k, font=font_pil("DSans", "", 22), fill=(60, 60, 60))
        d.text((300, y + 28), v, font=f, fill=(10, 10, 10))
        y += 95
    d.rectangle((40, 170, 260, 460), fill=(190, 200, 215), outline=(120, 120, 120), width=3)
    d.ellipse((100, 210, 200, 320), fill=(150, 120, 100))
    d.rectangle((85, 330, 215, 460), fill=(60, 70, 90))
    return _png(im)


# ----------------------------------------------------------------------------------------------
# the PDF page helper
# ----------------------------------------------------------------------------------------------
class P(FPDF):
    def __init__(
        self, orientation="P", fmt="A4", font="LSerif", size=11.0, margins=(22, 15, 20), bottom=18
    ):
        if fmt == "F4":
            fmt = (215, 330)
        super().__init__(orientation=orientation, unit="mm", format=fmt)
        self.set_creation_date(FIXED_DT)
        self.set_margins(margins[0], margins[1], margins[2])
        self.set_auto_page_break(True, bottom)
        self.base, self.bsize = font, size
        self._fonts = set()
        self.footer_text = None
        self.header_fn = None
        self.add_page()
        self.f()

    def f(self, style="", size=None, fam=None):
        fam = fam or self.base
        st = style.replace("U", "")
        if (fam, st) not in self._fonts:
            self.add_font(fam, st, FONTS[fam][st])
            self._fonts.add((fam, st))
        self.set_font(fam, style, size or self.bsize)
        return self

    def footer(self):
        if self.footer_text:
            self.set_y(-12)
            fam, st, sz = self.font_family, self.font_style, self.font_size_pt
            self.f("I", 8)
            self.set_text_color(110)
            self.cell(
                0,
                5,
                self.footer_text(self.page_no())
                if callable(self.footer_text)
                else self.footer_text,
                align="C",
            )
            self.set_text_color(0)
            self.set_font(fam, st, sz)

    def header(self):
        if self.header_fn:
            self.header_fn(self)

    @property
    def epw_(self):
        return self.w - self.l_margin - self.r_margin

    def para(self, text, h=None, align="J", indent=0, style="", size=None, after=1.5, x=None):
        self.f(style, size)
        h = h or self.font_size * 1.45
        if x is not None:
            self.set_x(x)
        elif indent:
            self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.w - self.r_margin - self.get_x(),
            h,
            text,
            align=align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(after)

    def center(self, text, style="B", size=None, h=None, after=0.5):
        self.f(style, size)
        self.multi_cell(
            0, h or self.font_size * 1.35, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        if after:
            self.ln(after)

    def hline(self, y=None, w=0.3, x0=None, x1=None, color=0):
        y = self.get_y() if y is None else y
        self.set_draw_color(color)
        self.set_line_width(w)
        self.line(
            x0 if x0 is not None else self.l_margin,
            y,
            x1 if x1 is not None else self.w - self.r_margin,
            y,
        )
        self.set_line_width(0.2)
        self.set_draw_color(0)

    def need(self, mm):
        if self.get_y() + mm > self.page_break_trigger:
            self.add_page()

    def kv(
        self,
        label,
        value,
        lw=45,
        sep=":",
        h=None,
        x=None,
        vstyle="",
        lstyle="",
        size=None,
        sw=4,
        after=0.0,
        align="L",
    ):
        """label  :  value (the value wraps under itself)."""
        self.f(lstyle, size)
        h = h or self.font_size * 1.5
        x0 = self.l_margin if x is None else x
        self.set_xy(x0, self.get_y())
        self.multi_cell(lw, h, label, align="L", new_x=XPos.RIGHT, new_y=YPos.TOP)
        y_label_end = self.get_y()
        self.set_xy(x0 + lw, self.get_y())
        self.cell(sw, h, sep)
        self.f(vstyle, size)
        y0 = self.get_y()
        self.multi_cell(
            self.w - self.r_margin - (x0 + lw + sw),
            h,
            value,
            align=align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_y(max(self.get_y(), y0 + h))
        del y_label_end
        if after:
            self.ln(after)

    def height_of(self, w, h, text):
        return self.multi_cell(w, h, text, dry_run=True, output=MethodReturnValue.HEIGHT)

    def row(
        self,
        cells,
        widths,
        h=None,
        border=True,
        aligns=None,
        styles=None,
        fills=None,
        size=None,
        x=None,
        pad=1.2,
        valign="T",
        min_h=0,
    ):
        """One table row; every cell wraps; the row is as tall as its tallest cell."""
        x0 = self.l_margin if x is None else x
        h = h or (size or self.bsize) * 0.352 * 1.35
        heights = []
        for i, t in enumerate(cells):
            self.f((styles or [""] * len(cells))[i], size)
            heights.append(self.height_of(widths[i] - 2 * pad, h, t))
        rh = max(max(heights) + 2 * pad, min_h)
        if self.get_y() + rh > self.page_break_trigger:
            self.add_page()
        y0 = self.get_y()
        x = x0
        for i, t in enumerate(cells):
            if fills and fills[i] is not None:
                self.set_fill_color(*fills[i]) if isinstance(
                    fills[i], tuple
                ) else self.set_fill_color(fills[i])
                self.rect(x, y0, widths[i], rh, style="F")
            if border:
                self.set_draw_color(40)
                self.rect(x, y0, widths[i], rh)
            self.f((styles or [""] * len(cells))[i], size)
            yy = y0 + pad
            if valign == "M":
                yy = y0 + (rh - heights[i]) / 2
            self.set_xy(x + pad, yy)
            self.multi_cell(
                widths[i] - 2 * pad,
                h,
                t,
                align=(aligns or ["L"] * len(cells))[i],
                new_x=XPos.RIGHT,
                new_y=YPos.TOP,
            )
            x += widths[i]
        self.set_xy(x0, y0 + rh)
        return rh

    def sign_image(self, x, y, seed, w=38, stamp_seed=None, stamp_color=(95, 60, 170)):
        self.image(signature_png(seed), x=x, y=y, w=w)
        if stamp_seed is not None:
            self.image(stamp(stamp_color, stamp_seed), x=x - 12, y=y - 3, w=27)

    def sign_block(
        self,
        x,
        lines_before,
        name,
        nip_line=None,
        seed=0,
        stamp_seed=None,
        w=80,
        h=None,
        name_style="BU",
        gap=22,
        after_lines=(),
        align="L",
    ):
        """Lines before the gap (place/date, jabatan), a signature, the name (bold, underlined),
        then a NIP line."""
        h = h or self.font_size * 1.4
        if (
            self.get_y() + (len(lines_before) + 2 + len(after_lines)) * h + gap
            > self.page_break_trigger
        ):
            self.add_page()
        for t in lines_before:
            self.set_x(x)
            self.multi_cell(w, h, t, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = self.get_y()
        if self.get_y() + gap + 3 * h > self.page_break_trigger:
            self.add_page()
            y = self.get_y()
        self.sign_image(x + 4, y + 1, seed, stamp_seed=stamp_seed)
        self.set_y(y + gap)
        st = self.font_style
        self.f(name_style)
        self.set_x(x)
        self.multi_cell(w, h, name, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.f(st.replace("B", "").replace("U", ""))
        for t in ([nip_line] if nip_line else []) + list(after_lines):
            self.set_x(x)
            self.multi_cell(w, h, t, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bytes(self) -> bytes:
        return bytes(self.output())


# ----------------------------------------------------------------------------------------------
# letterheads (kop surat)
# ----------------------------------------------------------------------------------------------
def kop(pdf: P, ag: dict, style: str, phone: str, fam=None):
    """Draws the letterhead and leaves the cursor under it."""
    fam = fam or pdf.base
    L, R = pdf.l_margin, pdf.w - pdf.r_margin
    top = pdf.get_y()
    contacts = f"Telepon {phone}"
    mail = f"Pos-el: {ag['email']}" if ag.get("email") else ""
    web = f"Laman: {ag['web']}" if ag.get("web") else ""
    addr = f"{ag['address']}, {ag['city']} {ag['post']}"
    if style == "kanan":
        kind = (
            "round"
            if ag["kind"] == "vertikal"
            else ("company" if ag["kind"] == "bumd" else "shield")
        )
        pdf.image(emblem(kind), x=R - 22, y=top, w=21)
        y = top + 1
        for i, t in enumerate(ag["kop"]):
            pdf.f("B", 12.5 if i == len(ag["kop"]) - 1 else 10.5, fam)
            pdf.set_xy(L, y)
            pdf.cell(R - L - 26, 5.6, t, align="R")
            y += 5.8
        pdf.f("", 8.3, fam)
        for t in [addr, f"{contacts}  {mail}", web]:
            if t:
                pdf.set_xy(L, y)
                pdf.cell(R - L - 26, 4, t, align="R")
                y += 4
        y = max(y, top + 25) + 2
        pdf.hline(y, 0.5, color=130)
        pdf.set_y(y + 5)
    elif style == "tripel":
        kind = "round" if ag["kind"] == "vertikal" else "shield"
        pdf.image(emblem(kind), x=L, y=top, w=22)
        y = top
        for i, t in enumerate(ag["kop"]):
            last = i == len(ag["kop"]) - 1
            pdf.f("B", 15 if last else 12.5, fam)
            pdf.set_xy(L + 20, y)
            pdf.cell(R - L - 20, 6.8 if last else 5.8, t, align="C")
            y += 6.8 if last else 5.8
        pdf.f("", 8.8, fam)
        for t in [
            addr,
            " ".join(x for x in [contacts, "Faksimile " + phone[:-2] + "99", mail] if x),
        ]:
            pdf.set_xy(L + 20, y)
            pdf.cell(R - L - 20, 4.2, t, align="C")
            y += 4.2
        y = max(y, top + 26) + 1.5
        pdf.hline(y, 0.25)
        pdf.hline(y + 0.9, 1.1)
        pdf.hline(y + 2.0, 0.25)
        pdf.set_y(y + 7)
    elif style == "polos":
        y = top
        for i, t in enumerate(ag["kop"]):
            pdf.f("B", 12 if i < len(ag["kop"]) - 1 else 14, fam)
            pdf.set_char_spacing(1.2)
            pdf.set_xy(L, y)
            pdf.cell(R - L, 6.5, t, align="C")
            pdf.set_char_spacing(0)
            y += 6.5
        pdf.f("I", 8.5, fam)
        pdf.set_xy(L, y + 0.5)
        pdf.cell(R - L, 4, addr + " \u2013 " + contacts, align="C")
        y += 4.5
        if mail or web:
            pdf.set_xy(L, y)
            pdf.cell(R - L, 4, "  |  ".join(t for t in [mail, web] if t), align="C")
            y += 4.5
        pdf.set_draw_color(60)
        pdf.set_dash_pattern(dash=0.6, gap=0.8)
        pdf.set_line_width(0.5)
        pdf.line(L, y + 1.5, R, y + 1.5)
        pdf.set_dash_pattern()
        pdf.set_line_width(0.2)
        pdf.set_y(y + 7)
    elif style == "vertikal":
        kind = "garuda" if ag["kind"] == "vertikal" else "shield"
        pdf.image(emblem(kind), x=(pdf.w - 18) / 2, y=top, w=18)
        y = top + 22
        for i, t in enumerate(ag["kop"]):
            pdf.f("B", 11.5 if i == 0 else 11, fam)
            pdf.set_xy(L, y)
            pdf.cell(R - L, 5.2, t, align="C")
            y += 5.2
        pdf.f("", 8.5, fam)
        for t in [addr, "  ".join(x for x in [contacts, mail, web] if x)]:
            pdf.set_xy(L, y)
            pdf.cell(R - L, 4, t, align="C")
            y += 4
        pdf.hline(y + 1.5, 0.8)
        pdf.set_y(y + 7)
    elif style == "bumd":
        pdf.set_fill_color(0, 90, 160)
        pdf.rect(0, 0, pdf.w, 4, style="F")
        pdf.image(emblem("company"), x=L, y=top, w=16)
        pdf.f("B", 14, fam)
        pdf.set_text_color(0, 70, 130)
        pdf.set_xy(L + 19, top + 3)
        pdf.cell(95, 7, ag["kop"][0])
        pdf.set_text_color(0)
        pdf.f("I", 8.5, fam)
        pdf.set_xy(L + 19, top + 10.5)
        pdf.cell(95, 4, "Badan Usaha Milik Daerah Provinsi Kalimantan Timur")
        pdf.f("", 7.8, fam)
        y = top + 1
        for t in [
            ag["address"],
            f"{ag['city']} {ag['post']}",
            f"T. {phone}",
            ag["email"],
            ag["web"],
        ]:
            pdf.set_xy(R - 62, y)
            pdf.cell(62, 3.6, t, align="R")
            y += 3.6
        pdf.set_draw_color(0, 170, 120)
        pdf.set_line_width(1.2)
        pdf.line(L, top + 21, R, top + 21)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(0)
        pdf.set_y(top + 27)
    pdf.f("", None, fam)


@dataclass
class Ctx:
    """Everything one application needs to be drawn."""

    rng: random.Random
    ag: dict
    person: Person  # the applicant as printed on the form
    head: Person  # the agency head (signs the SK and the letter)
    sek: Person  # the secretary / another official (a.n. signer, petikan)
    others: list = field(default_factory=list)  # other people appointed by the SK
    prev: Person | None = None  # the previous admin (decoy)
    phone_office: str = "(0541) 741234"
    received: dt.date = dt.date(2026, 6, 1)
    d_form: dt.date = dt.date(2026, 5, 28)
    d_sk: dt.date = dt.date(2026, 3, 2)
    d_letter: dt.date = dt.date(2026, 5, 29)
    phone_style: str = "plain"
    seed: int = 0
    # SK options
    sk_person: Person | None = None  # the applicant as the SK lists him (None: same as person)
    sk_upper: bool = False
    sk_valid: tuple = ("sejak", None)  # (kind, end date) kind: sejak|sampai|bulan|ta
    sk_months: int = 0
    sk_font: str = "LSerif"
    # letter options
    tujuan: str = TUJUAN_OK[0]
    tujuan_alamat: list = field(default_factory=lambda: list(LPSE_ADDR))
    cq: bool = False
    letter_person: Person | None = None
    font: str = "LSerif"
    kop_style: str = "tripel"
    fmt: str = "A4"
    blank: set = field(default_factory=set)  # form fields printed empty
    blank_mark: str = ""  # what an empty value shows ("", "-", "....")
    email_override: str | None = None  # printed email (invalid ones)
    phone_override: str | None = None  # printed phone (invalid ones)
    show_prev: bool = False
    extra: dict = field(default_factory=dict)

    def sk_p(self) -> Person:
        return self.sk_person or self.person

    def let_p(self) -> Person:
        return self.letter_person or self.person

    def v(self, key: str) -> str:
        """The value the form prints for a field."""
        p = self.person
        if key in self.blank:
            return self.blank_mark
        if key == "nama":
            return p.nama
        if key == "nip":
            return p.nip_spaced if self.extra.get("nip_spaced") else p.nip
        if key == "jabatan":
            return p.jabatan
        if key == "instansi":
            return self.ag["instansi"]
        if key == "satuan_kerja":
            return self.ag["satker"]
        if key == "email":
            return self.email_override if self.email_override is not None else p.email
        if key == "telepon":
            return (
                self.phone_override
                if self.phone_override is not None
                else fmt_phone(p.phone, self.phone_style)
            )
        if key == "pangkat":
            return p.pangkat
        if key == "alamat":
            return f"{self.ag['address']}, {self.ag['city']}"
        raise KeyError(key)
