"""Realistic Indonesian civil servants of agencies in Kalimantan Timur, from an rng."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from datetime import date

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"]
ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def tanggal_id(d: date) -> str:
    """`date(2026, 10, 14)` -> "14 Oktober 2026"."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


GIVEN_MALE = ["Ahmad", "Muhammad", "Budi", "Agus", "Hendra", "Rudi", "Dedi", "Eko", "Andi", "Rizky",
              "Fajar", "Arif", "Yusuf", "Hadi", "Joko", "Bambang", "Irwan", "Syahrul", "Rahmat",
              "Dimas", "Heru", "Wahyu", "Taufik", "Imam", "Zainal", "Darmawan", "Fikri", "Yohanes",
              "Suryadi", "Aditya", "Ilham", "Gusti", "Abdul", "Firman"]
GIVEN_FEMALE = ["Siti", "Nur", "Dewi", "Sri", "Rina", "Fitri", "Ratna", "Yuliani", "Wulan", "Indah",
                "Ayu", "Nurul", "Maya", "Fitriani", "Lestari", "Novita", "Anisa", "Rizka", "Dian",
                "Eka", "Yanti", "Erna", "Mega", "Putri", "Kartika", "Hikmah", "Margaretha"]
FAMILY_MALE = ["Saputra", "Hidayat", "Pratama", "Kurniawan", "Setiawan", "Nugroho", "Purnomo",
               "Firmansyah", "Ramadhan", "Syahputra", "Gunawan", "Wibowo", "Fauzi", "Hakim"]
FAMILY_FEMALE = ["Rahmawati", "Lestari", "Handayani", "Susanti", "Hasanah", "Sari", "Puspitasari",
                 "Anggraini", "Wulandari", "Rahayu", "Permatasari", "Kusumawati", "Safitri"]
FAMILY_ANY = ["Santoso", "Wijaya", "Siregar", "Nasution", "Lubis", "Simanjuntak", "Hutapea",
              "Pakpahan", "Tarigan", "Kusuma", "Effendi", "Aminuddin", "Mappaseng", "Daeng"]

SUFFIX_S1 = ["S.Kom.", "S.T.", "S.E.", "S.H.", "S.Sos.", "S.AP.", "S.Pd.", "S.Kep.", "S.Ak.",
             "S.I.P.", "S.Si."]
SUFFIX_S2 = ["M.T.", "M.Si.", "M.M.", "M.Kom.", "M.AP.", "M.H.", "M.Ak."]
SUFFIX_D3 = ["A.Md.", "A.Md.Kom.", "A.Md.Ak."]

PANGKAT_PNS = ["Pengatur Muda (II/a)", "Pengatur Muda Tk. I (II/b)", "Pengatur (II/c)",
               "Pengatur Tk. I (II/d)", "Penata Muda (III/a)", "Penata Muda Tk. I (III/b)",
               "Penata (III/c)", "Penata Tk. I (III/d)", "Pembina (IV/a)"]
PANGKAT_HEAD = ["Pembina Tk. I (IV/b)", "Pembina Utama Muda (IV/c)", "Pembina Utama Madya (IV/d)"]
GOLONGAN_PPPK = ["Golongan V", "Golongan VII", "Golongan IX", "Golongan X"]

JABATAN = ["Pranata Komputer Ahli Pertama", "Pranata Komputer Ahli Muda",
           "Pranata Komputer Terampil", "Analis Sistem Informasi",
           "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
           "Pengelola Pengadaan Barang/Jasa Ahli Muda", "Kepala Subbagian Umum dan Kepegawaian",
           "Kepala Subbagian Program dan Keuangan", "Pengadministrasi Perkantoran",
           "Analis Kebijakan Ahli Muda", "Perencana Ahli Pertama", "Penata Kelola Sistem dan "
           "Teknologi Informasi", "Kepala Seksi Infrastruktur Teknologi Informasi"]


@dataclass(frozen=True)
class Region:
    name: str  # "Kabupaten Kutai Kartanegara"
    seat: str  # town where letters are signed
    domain: str
    head_title: str  # "Bupati" / "Wali Kota" / "Gubernur"
    street: str


REGIONS = [
    Region("Kabupaten Berau", "Tanjung Redeb", "beraukab.go.id", "Bupati", "Jl. Pemuda"),
    Region("Kabupaten Kutai Barat", "Sendawar", "kutaibaratkab.go.id", "Bupati",
           "Jl. Sendawar Raya"),
    Region("Kabupaten Kutai Kartanegara", "Tenggarong", "kukarkab.go.id", "Bupati",
           "Jl. Wolter Monginsidi"),
    Region("Kabupaten Kutai Timur", "Sangatta", "kutaitimurkab.go.id", "Bupati",
           "Jl. Soekarno-Hatta"),
    Region("Kabupaten Mahakam Ulu", "Ujoh Bilang", "mahakamulukab.go.id", "Bupati",
           "Jl. Poros Ujoh Bilang"),
    Region("Kabupaten Paser", "Tana Paser", "paserkab.go.id", "Bupati", "Jl. Jenderal Sudirman"),
    Region("Kabupaten Penajam Paser Utara", "Penajam", "penajamkab.go.id", "Bupati",
           "Jl. Propinsi Km. 9"),
    Region("Kota Balikpapan", "Balikpapan", "balikpapan.go.id", "Wali Kota",
           "Jl. Jenderal Sudirman"),
    Region("Kota Bontang", "Bontang", "bontangkota.go.id", "Wali Kota", "Jl. Moh. Roem"),
    Region("Kota Samarinda", "Samarinda", "samarindakota.go.id", "Wali Kota",
           "Jl. Kesuma Bangsa"),
    Region("Provinsi Kalimantan Timur", "Samarinda", "kaltimprov.go.id", "Gubernur",
           "Jl. Gajah Mada"),
]

# (unit name, abbreviation used in letter numbers, title of its head)
UNITS = [
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Kepala"),
    ("Dinas Kesehatan", "Dinkes", "Kepala"),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", "Kepala"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "Kepala"),
    ("Bagian Pengadaan Barang dan Jasa Sekretariat Daerah", "Bag.PBJ", "Kepala"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "Kepala"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Kepala"),
    ("Dinas Perhubungan", "Dishub", "Kepala"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Kepala"),
    ("Dinas Lingkungan Hidup", "DLH", "Kepala"),
    ("Rumah Sakit Umum Daerah", "RSUD", "Direktur"),
]

MOBILE_PREFIXES = ["0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0858",
                   "0877", "0878", "0895", "0896"]


@dataclass(frozen=True)
class Person:
    nama: str  # as printed, with academic titles
    nip: str  # 18 digits
    jabatan: str
    pangkat_golongan: str
    instansi: str  # "Pemerintah Kabupaten Kutai Kartanegara"
    satuan_kerja: str
    email: str  # lower-case
    telepon: str  # digits only, leading 0
    alamat_kantor: str
    kind: str = "pns"  # "pns" | "pppk"
    gender: int = 1  # 1 male, 2 female (as in the NIP)
    nip_printed: str = ""  # as printed on documents, e.g. "19860926 201505 2 001"
    telepon_printed: str = ""  # as printed, e.g. "+62 812-3456-7890"

    @property
    def bare_name(self) -> str:
        return strip_titles(self.nama)


@dataclass(frozen=True)
class Agency:
    region: Region
    unit: str  # "Dinas Komunikasi dan Informatika"
    abbr: str
    head_title: str  # "Kepala" / "Direktur", followed by the unit name
    alamat: str  # office address

    @property
    def instansi(self) -> str:
        return f"Pemerintah {self.region.name}"

    @property
    def satuan_kerja(self) -> str:
        return f"{self.unit} {self.region.name}"

    @property
    def head_jabatan(self) -> str:
        return f"{self.head_title} {self.unit} {self.region.name}"


_TITLE_RE = re.compile(r"^(?:(?:Ir|Dr|Drs|Dra|dr|drg|H|Hj|Prof)\.\s*)+")


def strip_titles(nama: str) -> str:
    """Name without academic or religious titles: "Ir. H. Ahmad Fauzi, M.T." -> "Ahmad Fauzi"."""
    base = nama.split(",")[0]
    return _TITLE_RE.sub("", base).strip()


def agency_of(person: Person, rng: random.Random) -> Agency:
    """The agency a generated person works at (from the satuan kerja), else a random one."""
    for region in REGIONS:
        for unit, abbr, head_title in UNITS:
            if person.satuan_kerja == f"{unit} {region.name}":
                return Agency(region, unit, abbr, head_title, person.alamat_kantor)
    return make_agency(rng)


def make_agency(rng: random.Random) -> Agency:
    region = rng.choice(REGIONS)
    unit, abbr, head_title = rng.choice(UNITS)
    alamat = f"{region.street} No. {rng.randint(1, 120)}, {region.seat}"
    if rng.random() < 0.5:
        alamat += f" {rng.choice(['75111', '75117', '75124', '76112', '75311', '75511', '77311'])}"
    return Agency(region, unit, abbr, head_title, alamat)


def make_name(rng: random.Random, gender: int, senior: bool = False) -> tuple[str, str]:
    """(name with titles, name without) for gender 1 (male) or 2 (female)."""
    given = GIVEN_MALE if gender == 1 else GIVEN_FEMALE
    family = (FAMILY_MALE if gender == 1 else FAMILY_FEMALE) + FAMILY_ANY
    parts = [rng.choice(given)]
    if rng.random() < 0.35:
        second = rng.choice(given)
        if second != parts[0]:
            parts.append(second)
    if rng.random() < 0.85:
        parts.append(rng.choice(family))
    bare = " ".join(parts)
    prefix = []
    if rng.random() < (0.35 if senior else 0.08):
        prefix.append(rng.choice(["Ir.", "Dr.", "Drs."] if gender == 1 else ["Dr.", "Dra.", "Ir."]))
    if rng.random() < (0.35 if senior else 0.1):
        prefix.append("H." if gender == 1 else "Hj.")
    r = rng.random()
    if r < 0.12 and not senior:
        suffix = [rng.choice(SUFFIX_D3)]
    elif r < (0.45 if senior else 0.75):
        suffix = [rng.choice(SUFFIX_S1)]
    elif r < 0.95:
        suffix = [rng.choice(SUFFIX_S1), rng.choice(SUFFIX_S2)]
    else:
        suffix = []
    if "Ir." in prefix or "Drs." in prefix or "Dra." in prefix:
        suffix = suffix[1:]  # an old-style degree replaces the bachelor suffix
    name = " ".join(prefix + [bare])
    if suffix:
        name += ", " + ", ".join(suffix)
    return name, bare


def _random_date(rng: random.Random, start_year: int, end_year: int) -> date:
    start = date(start_year, 1, 1).toordinal()
    end = date(end_year, 12, 31).toordinal()
    return date.fromordinal(rng.randint(start, end))


def make_nip(rng: random.Random, gender: int, kind: str = "pns", birth: date | None = None) -> str:
    """A valid PNS NIP or NI PPPK (18 digits)."""
    birth = birth or _random_date(rng, 1968, 1998)
    if kind == "pppk":
        year = rng.randint(max(2019, birth.year + 20), 2025)
        return f"{birth:%Y%m%d}{year}{rng.randint(1, 4):02d}{gender}{rng.randint(1, 400):03d}"
    tmt_year = rng.randint(birth.year + 20, min(birth.year + 33, 2024))
    tmt_month = rng.choice([1, 2, 3, 4, 5, 10, 11, 12])
    return f"{birth:%Y%m%d}{tmt_year}{tmt_month:02d}{gender}{rng.randint(1, 350):03d}"


def nip_is_valid(nip: str) -> bool:
    """The SPEC rule: 18 digits, a real birth date, a plausible year/month, gender 1 or 2."""
    if not re.fullmatch(r"\d{18}", nip):
        return False
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return False
    if not 1940 <= birth.year <= 2010 or nip[14] not in "12":
        return False
    year, mm = int(nip[8:12]), int(nip[12:14])
    pns = 1 <= mm <= 12 and birth.year < year <= 2030
    pppk = 2019 <= year <= 2030 and 1 <= mm <= 20
    return pns or pppk


def print_nip(rng: random.Random, nip: str) -> str:
    """NIPs are often printed grouped: "19860926 201505 2 001"."""
    if rng.random() < 0.3:
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def make_phone(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + "".join(str(rng.randint(0, 9))
                                                 for _ in range(rng.choice([7, 8, 8, 8])))


def print_phone(rng: random.Random, phone: str) -> str:
    r = rng.random()
    rest = phone[1:]
    if r < 0.2:
        return f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}"
    if r < 0.35:
        return f"{phone[:4]}-{phone[4:8]}-{phone[8:]}"
    if r < 0.45:
        return f"{phone[:4]} {phone[4:8]} {phone[8:]}"
    return phone


def make_email(rng: random.Random, bare: str, birth_year: int, domain: str) -> str:
    parts = [p.lower() for p in re.findall(r"[A-Za-z]+", bare)]
    r = rng.random()
    if r < 0.4:
        return f"{'.'.join(parts[:2])}@{domain}"
    if r < 0.6:
        return f"{parts[0]}{parts[-1][:1]}@{domain}"
    if r < 0.85:
        return f"{''.join(parts[:2])}{birth_year % 100:02d}@gmail.com"
    return f"{parts[0]}.{parts[-1]}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'yahoo.co.id'])}"


def make_person(rng: random.Random, kind: str = "pns", agency: Agency | None = None,
                gender: int | None = None) -> Person:
    """The person to get the Admin Agency account."""
    agency = agency or make_agency(rng)
    gender = gender or rng.choice([1, 2])
    nama, bare = make_name(rng, gender)
    birth = _random_date(rng, 1972, 1998)
    nip = make_nip(rng, gender, kind, birth)
    phone = make_phone(rng)
    pangkat = rng.choice(GOLONGAN_PPPK) if kind == "pppk" else rng.choice(PANGKAT_PNS)
    return Person(
        nama=nama, nip=nip, jabatan=rng.choice(JABATAN), pangkat_golongan=pangkat,
        instansi=agency.instansi, satuan_kerja=agency.satuan_kerja,
        email=make_email(rng, bare, birth.year, agency.region.domain), telepon=phone,
        alamat_kantor=agency.alamat, kind=kind, gender=gender,
        nip_printed=print_nip(rng, nip), telepon_printed=print_phone(rng, phone),
    )


def make_head(rng: random.Random, agency: Agency) -> Person:
    """The Pimpinan Instansi who signs letters: his NIP is a decoy for the judging layer."""
    gender = rng.choice([1, 1, 2])
    nama, bare = make_name(rng, gender, senior=True)
    birth = _random_date(rng, 1966, 1980)
    nip = make_nip(rng, gender, "pns", birth)
    phone = make_phone(rng)
    return Person(
        nama=nama, nip=nip, jabatan=agency.head_jabatan, pangkat_golongan=rng.choice(PANGKAT_HEAD),
        instansi=agency.instansi, satuan_kerja=agency.satuan_kerja,
        email=f"{agency.abbr.lower().replace('.', '')}@{agency.region.domain}", telepon=phone,
        alamat_kantor=agency.alamat, gender=gender, nip_printed=nip, telepon_printed=phone,
    )


def with_changes(person: Person, **changes) -> Person:
    return replace(person, **changes)
