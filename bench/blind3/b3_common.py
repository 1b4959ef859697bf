"""blind3: invented people, real agencies, Indonesian dates, the PDF page helper and the truth
rules."""

import datetime as dt
import re
from pathlib import Path

from fpdf import FPDF

# the dev corpus's two OFL handwriting fonts, beside the project (../shared)
FONTDIR_GEN = str(Path(__file__).resolve().parents[3] / "shared" / "corpora" / "berkas-dev" / "gen"
                  / "fonts")
LIB = "/usr/share/fonts/truetype/liberation/"
DJ = "/usr/share/fonts/truetype/dejavu/"
FF = "/usr/share/fonts/truetype/freefont/"
FONTS = {
    "LSerif": (
        LIB + "LiberationSerif-Regular.ttf",
        LIB + "LiberationSerif-Bold.ttf",
        LIB + "LiberationSerif-Italic.ttf",
    ),
    "LSans": (
        LIB + "LiberationSans-Regular.ttf",
        LIB + "LiberationSans-Bold.ttf",
        LIB + "LiberationSans-Italic.ttf",
    ),
    "LNarrow": (
        LIB + "LiberationSansNarrow-Regular.ttf",
        LIB + "LiberationSansNarrow-Bold.ttf",
        LIB + "LiberationSansNarrow-Italic.ttf",
    ),
    "DSans": (DJ + "DejaVuSans.ttf", DJ + "DejaVuSans-Bold.ttf", DJ + "DejaVuSans-Oblique.ttf"),
    "DSerif": (DJ + "DejaVuSerif.ttf", DJ + "DejaVuSerif-Bold.ttf", DJ + "DejaVuSerif-Italic.ttf"),
    "FSerif": (FF + "FreeSerif.ttf", FF + "FreeSerifBold.ttf", FF + "FreeSerifItalic.ttf"),
    "FSans": (FF + "FreeSans.ttf", FF + "FreeSansBold.ttf", FF + "FreeSansOblique.ttf"),
    "Mono": (FF + "FreeMono.ttf", FF + "FreeMonoBold.ttf", FF + "FreeMonoOblique.ttf"),
    "LMono": (
        LIB + "LiberationMono-Regular.ttf",
        LIB + "LiberationMono-Bold.ttf",
        LIB + "LiberationMono-Italic.ttf",
    ),
}
HAND = {"Humor": FONTDIR_GEN + "/Humor-Sans.ttf", "Comic": FONTDIR_GEN + "/ComicNeue-Regular.otf"}

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
BULAN3 = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
ANGKA = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
    "dua belas",
]


def tgl(d, style="panjang"):
    """An Indonesian way of writing a date."""
    if style == "panjang":
        return f"{d.day} {BULAN[d.month - 1]} {d.year}"
    if style == "hari":
        return f"{HARI[d.weekday()]}, {d.day} {BULAN[d.month - 1]} {d.year}"
    if style == "kapital":
        return f"{d.day:02d} {BULAN[d.month - 1].upper()} {d.year}"
    if style == "pendek":
        return f"{d.day} {BULAN3[d.month - 1]} {d.year}"
    if style == "strip":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "garis":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "titik":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    raise ValueError(style)


def add_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


# ---------------------------------------------------------------- agencies (real names, invented
# contacts)
AGENCIES = [
    dict(
        key="dinkes",
        instansi="Pemerintah Provinsi Kalimantan Timur",
        satker="Dinas Kesehatan",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KESEHATAN"],
        alamat="Jalan Basuki Rahmat Nomor 14",
        kota="Samarinda",
        kodepos="75117",
        telp="(0541) 743 601",
        fax="(0541) 743 602",
        surel="dinkes@kaltimprov.go.id",
        web="dinkes.kaltimprov.go.id",
        kepala="Kepala Dinas",
        kode="DKK",
        dom="kaltimprov.go.id",
    ),
    dict(
        key="rsud_aws",
        instansi="Pemerintah Provinsi Kalimantan Timur",
        satker="Rumah Sakit Umum Daerah Abdoel Wahab Sjahranie",
        kop=[
            "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
            "RUMAH SAKIT UMUM DAERAH",
            "ABDOEL WAHAB SJAHRANIE",
        ],
        alamat="Jalan Palang Merah Indonesia Nomor 1",
        kota="Samarinda",
        kodepos="75123",
        telp="(0541) 738 118",
        fax="(0541) 741 793",
        surel="rsudaws@kaltimprov.go.id",
        web="rsudaws.kaltimprov.go.id",
        kepala="Direktur",
        kode="RSUD-AWS",
        dom="kaltimprov.go.id",
    ),
    dict(
        key="pupr_kukar",
        instansi="Pemerintah Kabupaten Kutai Kartanegara",
        satker="Dinas Pekerjaan Umum dan Penataan Ruang",
        kop=["PEMERINTAH KABUPATEN KUTAI KARTANEGARA", "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"],
        alamat="Jalan Wolter Monginsidi Nomor 3",
        kota="Tenggarong",
        kodepos="75512",
        telp="(0541) 661 245",
        fax="(0541) 661 246",
        surel="dpupr@kukarkab.go.id",
        web="pu.kukarkab.go.id",
        kepala="Kepala Dinas",
        kode="DPUPR",
        dom="kukarkab.go.id",
    ),
    dict(
        key="disdik_bpp",
        instansi="Pemerintah Kota Balikpapan",
        satker="Dinas Pendidikan dan Kebudayaan",
        kop=["PEMERINTAH KOTA BALIKPAPAN", "DINAS PENDIDIKAN DAN KEBUDAYAAN"],
        alamat="Jalan Jenderal Sudirman Nomor 22",
        kota="Balikpapan",
        kodepos="76114",
        telp="(0542) 421 887",
        fax="(0542) 421 889",
        surel="disdikbud@balikpapan.go.id",
        web="disdikbud.balikpapan.go.id",
        kepala="Kepala Dinas",
        kode="Disdikbud",
        dom="balikpapan.go.id",
    ),
    dict(
        key="bappeda_berau",
        instansi="Pemerintah Kabupaten Berau",
        satker="Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        kop=[
            "PEMERINTAH KABUPATEN BERAU",
            "BADAN PERENCANAAN PEMBANGUNAN,",
            "RISET DAN INOVASI DAERAH",
        ],
        alamat="Jalan Pulau Derawan Nomor 45",
        kota="Tanjung Redeb",
        kodepos="77311",
        telp="(0554) 21 455",
        fax="(0554) 21 456",
        surel="bappelitbang@beraukab.go.id",
        web="bappelitbang.beraukab.go.id",
        kepala="Kepala Badan",
        kode="Bappelitbang",
        dom="beraukab.go.id",
    ),
    dict(
        key="dlh_bontang",
        instansi="Pemerintah Kota Bontang",
        satker="Dinas Lingkungan Hidup",
        kop=["PEMERINTAH KOTA BONTANG", "DINAS LINGKUNGAN HIDUP"],
        alamat="Jalan Bessai Berinta, Kompleks Perkantoran Bontang Lestari",
        kota="Bontang",
        kodepos="75325",
        telp="(0548) 555 021",
        fax="(0548) 555 022",
        surel="dlh@bontangkota.go.id",
        web="dlh.bontangkota.go.id",
        kepala="Kepala Dinas",
        kode="DLH",
        dom="bontangkota.go.id",
    ),
    dict(
        key="rsud_paser",
        instansi="Pemerintah Kabupaten Paser",
        satker="RSUD Panglima Sebaya",
        kop=["PEMERINTAH KABUPATEN PASER", "RUMAH SAKIT UMUM DAERAH PANGLIMA SEBAYA"],
        alamat="Jalan Kusuma Bangsa Km. 5",
        kota="Tana Paser",
        kodepos="76211",
        telp="(0543) 24 563",
        fax="(0543) 24 564",
        surel="rsudps@paserkab.go.id",
        web="rsudps.paserkab.go.id",
        kepala="Direktur",
        kode="RSUD-PS",
        dom="paserkab.go.id",
    ),
    dict(
        key="unmul",
        instansi="Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
        satker="Universitas Mulawarman",
        kop=["KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI", "UNIVERSITAS MULAWARMAN"],
        alamat="Jalan Kuaro, Gunung Kelua",
        kota="Samarinda",
        kodepos="75119",
        telp="(0541) 741 118",
        fax="(0541) 747 479",
        surel="rektorat@unmul.ac.id",
        web="www.unmul.ac.id",
        kepala="Rektor",
        kode="UN17",
        dom="unmul.ac.id",
    ),
    dict(
        key="bps_kutim",
        instansi="Badan Pusat Statistik",
        satker="BPS Kabupaten Kutai Timur",
        kop=["BADAN PUSAT STATISTIK", "KABUPATEN KUTAI TIMUR"],
        alamat="Jalan Soekarno-Hatta, Kawasan Bukit Pelangi",
        kota="Sangatta",
        kodepos="75683",
        telp="(0549) 21 108",
        fax="(0549) 21 109",
        surel="bps6408@bps.go.id",
        web="kutimkab.bps.go.id",
        kepala="Kepala",
        kode="B-6408",
        dom="bps.go.id",
    ),
    dict(
        key="kemenag_smd",
        instansi="Kementerian Agama",
        satker="Kantor Kementerian Agama Kota Samarinda",
        kop=["KEMENTERIAN AGAMA REPUBLIK INDONESIA", "KANTOR KEMENTERIAN AGAMA KOTA SAMARINDA"],
        alamat="Jalan M. Yamin Nomor 2",
        kota="Samarinda",
        kodepos="75124",
        telp="(0541) 743 362",
        fax="(0541) 743 363",
        surel="kotasamarinda@kemenag.go.id",
        web="kaltim.kemenag.go.id",
        kepala="Kepala",
        kode="B-KK.17.05",
        dom="kemenag.go.id",
    ),
    dict(
        key="dishub_mahulu",
        instansi="Pemerintah Kabupaten Mahakam Ulu",
        satker="Dinas Perhubungan",
        kop=["PEMERINTAH KABUPATEN MAHAKAM ULU", "DINAS PERHUBUNGAN"],
        alamat="Kompleks Perkantoran Pemkab Mahakam Ulu",
        kota="Ujoh Bilang",
        kodepos="75767",
        telp="0811 5566 120",
        fax="-",
        surel="dishub@mahakamulukab.go.id",
        web="dishub.mahakamulukab.go.id",
        kepala="Kepala Dinas",
        kode="Dishub",
        dom="mahakamulukab.go.id",
    ),
    dict(
        key="bapenda",
        instansi="Pemerintah Provinsi Kalimantan Timur",
        satker="Badan Pendapatan Daerah",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "BADAN PENDAPATAN DAERAH"],
        alamat="Jalan Gajah Mada Nomor 2",
        kota="Samarinda",
        kodepos="75121",
        telp="(0541) 741 450",
        fax="(0541) 741 451",
        surel="bapenda@kaltimprov.go.id",
        web="bapenda.kaltimprov.go.id",
        kepala="Kepala Badan",
        kode="Bapenda",
        dom="kaltimprov.go.id",
    ),
    dict(
        key="setwan_kubar",
        instansi="Pemerintah Kabupaten Kutai Barat",
        satker="Sekretariat Dewan Perwakilan Rakyat Daerah",
        kop=["PEMERINTAH KABUPATEN KUTAI BARAT", "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH"],
        alamat="Jalan Sendawar Raya, Kompleks Perkantoran Pemkab",
        kota="Sendawar",
        kodepos="75776",
        telp="(0545) 41 156",
        fax="(0545) 41 157",
        surel="setwan@kutaibaratkab.go.id",
        web="dprd.kutaibaratkab.go.id",
        kepala="Sekretaris DPRD",
        kode="Setwan",
        kepala_full="Sekretaris DPRD Kabupaten Kutai Barat",
        dom="kutaibaratkab.go.id",
    ),
    dict(
        key="dkp_ppu",
        instansi="Pemerintah Kabupaten Penajam Paser Utara",
        satker="Dinas Kelautan dan Perikanan",
        kop=["PEMERINTAH KABUPATEN PENAJAM PASER UTARA", "DINAS KELAUTAN DAN PERIKANAN"],
        alamat="Jalan Provinsi Km. 9, Nipah-Nipah",
        kota="Penajam",
        kodepos="76141",
        telp="(0542) 7211 044",
        fax="(0542) 7211 045",
        surel="dkp@penajamkab.go.id",
        web="dkp.penajamkab.go.id",
        kepala="Kepala Dinas",
        kode="DKP",
        dom="penajamkab.go.id",
    ),
    dict(
        key="kanwil_djpb",
        instansi="Kementerian Keuangan",
        satker="Kantor Wilayah Direktorat Jenderal Perbendaharaan Provinsi Kalimantan Timur",
        kop=[
            "KEMENTERIAN KEUANGAN REPUBLIK INDONESIA",
            "DIREKTORAT JENDERAL PERBENDAHARAAN",
            "KANTOR WILAYAH PROVINSI KALIMANTAN TIMUR",
        ],
        alamat="Jalan Kesuma Bangsa Nomor 7",
        kota="Samarinda",
        kodepos="75123",
        telp="(0541) 733 812",
        fax="(0541) 733 813",
        surel="kanwildjpbkaltim@kemenkeu.go.id",
        web="djpb.kemenkeu.go.id/kanwil/kaltim",
        kepala="Kepala Kantor Wilayah",
        kepala_full="Kepala Kantor Wilayah Direktorat Jenderal Perbendaharaan Provinsi "
        "Kalimantan Timur",
        kode="WPB.19",
        dom="kemenkeu.go.id",
    ),
    dict(
        key="disbun",
        instansi="Pemerintah Provinsi Kalimantan Timur",
        satker="Dinas Perkebunan",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS PERKEBUNAN"],
        alamat="Jalan Mohammad Yamin Nomor 31",
        kota="Samarinda",
        kodepos="75123",
        telp="(0541) 736 702",
        fax="(0541) 736 703",
        surel="disbun@kaltimprov.go.id",
        web="disbun.kaltimprov.go.id",
        kepala="Kepala Dinas",
        kode="Disbun",
        dom="kaltimprov.go.id",
    ),
]
AG = {a["key"]: a for a in AGENCIES}

LPSE_KALTIM = [
    "Kepala Biro Pengadaan Barang dan Jasa Sekretariat Daerah Provinsi Kalimantan Timur",
    "Kepala LPSE Provinsi Kalimantan Timur",
    "Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur selaku Kepala LPSE "
    "Provinsi Kalimantan Timur",
    "Kepala Layanan Pengadaan Secara Elektronik (LPSE) Provinsi Kalimantan Timur",
]
WRONG_TUJUAN = [
    "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur",
    "Kepala Badan Kepegawaian Daerah Provinsi Kalimantan Timur",
    "Kepala Bagian Pengadaan Barang dan Jasa Sekretariat Daerah Kabupaten Paser",
    "Kepala LPSE Kabupaten Kutai Timur",
]

# ---------------------------------------------------------------- invented people
MALE_GIVEN = [
    "Muhammad Rizal",
    "Andi",
    "Yohanes",
    "Agus",
    "Heru",
    "Dedi",
    "Rudi",
    "Fajar",
    "Ahmad",
    "Stefanus",
    "Bayu",
    "Iwan",
    "Jumadi",
    "Krisna",
    "Teguh",
    "Samsul",
    "Ignatius",
    "Arief",
    "Ferry",
    "Hendra",
    "Irfan",
    "Rahmat",
    "Yusuf",
    "Benediktus",
    "Syahrul",
    "Wahyu",
    "Reza",
    "Daniel",
    "Hairul",
    "Gusti Ngurah",
    "La Ode",
    "Aditya",
]
MALE_FAMILY = [
    "Saputra",
    "Lolo",
    "Lewar",
    "Mappiare",
    "Prasetyo",
    "Kurniawan",
    "Siregar",
    "Nugroho",
    "Syaifuddin",
    "Lahang",
    "Pamungkas",
    "Setiawan",
    "Ismail",
    "Wardhana",
    "Santoso",
    "Bahri",
    "Hurang",
    "Hakim",
    "Tambunan",
    "Gunawan",
    "Maulana",
    "Hidayat",
    "Pasolo",
    "Ding",
    "Noor",
    "Effendi",
    "Pratama",
    "Ramadhan",
    "Sitorus",
    "Pongsapan",
    "Matasak",
    "Baddu",
    "Luhat",
    "Anshari",
]
FEMALE_GIVEN = [
    "Siti",
    "Dewi Kartika",
    "Nurul",
    "Rina",
    "Maria Goreti",
    "Fitriani",
    "Yuliana",
    "Sri",
    "Annisa",
    "Desy Natalia",
    "Wulan",
    "Hasnah",
    "Novita",
    "Ratna",
    "Lestari",
    "Eka",
    "Herlina",
    "Suryani",
    "Puspita Ayu",
    "Theresia",
    "Nur Aini",
    "Rahmawati",
    "Megawati",
    "Indah",
    "Kristina",
    "Ayu",
]
FEMALE_FAMILY = [
    "Aminah",
    "Sari",
    "Hidayah",
    "Marlina",
    "Uluk",
    "Rahayu",
    "Pabendon",
    "Wahyuni",
    "Rahmadani",
    "Simbolon",
    "Purnamasari",
    "Daeng Baji",
    "Anggraini",
    "Juwita",
    "Handayani",
    "Pratiwi",
    "Ngau",
    "Lubis",
    "Lawing",
    "Noor",
    "Hamzah",
    "Sinaga",
    "Tandilino",
    "Rante",
    "Yuniarti",
    "Safitri",
]
FRONT = {"m": ["", "", "", "", "H.", "Ir.", "Dr."], "f": ["", "", "", "", "Hj.", "Ir.", "Dr."]}
BACK = [
    "S.Kom.",
    "S.T.",
    "S.E.",
    "S.Sos.",
    "S.Kom., M.T.",
    "A.Md.",
    "S.I.Kom.",
    "S.H.",
    "S.Tr.Kom.",
    "S.Si.",
    "M.Kom.",
    "S.AP.",
    "S.Ak.",
    "S.Pd.",
    "S.ST.",
]
HEAD_BACK = [
    "S.H., M.H.",
    "S.T., M.T.",
    "S.E., M.Si.",
    "M.Kes.",
    "S.Sos., M.AP.",
    "S.Hut., M.P.",
    "M.M.",
    "S.E., M.M.",
    "Ph.D.",
    "S.Pi., M.Si.",
]
PANGKAT = [
    ("Pengatur", "II/c"),
    ("Pengatur Tingkat I", "II/d"),
    ("Penata Muda", "III/a"),
    ("Penata Muda Tingkat I", "III/b"),
    ("Penata", "III/c"),
    ("Penata Tingkat I", "III/d"),
    ("Pembina", "IV/a"),
]
HEAD_PANGKAT = [("Pembina Tingkat I", "IV/b"), ("Pembina Utama Muda", "IV/c"), ("Pembina", "IV/a")]
JABATAN = [
    "Pranata Komputer Ahli Pertama",
    "Pranata Komputer Ahli Muda",
    "Pranata Komputer Terampil",
    "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
    "Pengelola Pengadaan Barang/Jasa Ahli Muda",
    "Analis Sistem Informasi",
    "Pengolah Data dan Informasi",
    "Kepala Subbagian Umum dan Kepegawaian",
    "Kepala Subbagian Perencanaan dan Keuangan",
    "Penata Kelola Sistem dan Teknologi Informasi",
    "Penelaah Teknis Kebijakan",
    "Statistisi Ahli Muda",
    "Pengadministrasi Perkantoran",
    "Arsiparis Ahli Pertama",
    "Analis Pengadaan Barang dan Jasa",
]
GMAIL = ["gmail.com", "gmail.com", "yahoo.co.id"]


def kepala_full(ag):
    """'Kepala Dinas' + 'Dinas Kesehatan' -> 'Kepala Dinas Kesehatan'."""
    if ag.get("kepala_full"):
        return ag["kepala_full"]
    k, s = ag["kepala"].split(), ag["satker"].split()
    if len(k) > 1 and k[-1] == s[0]:
        return " ".join(k[:-1] + s)
    return f"{ag['kepala']} {ag['satker']}"


def fmt_nip(nip, style):
    if style == "spasi":
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    if style == "rapat":
        return nip
    if style == "titik":
        return f"{nip[:8]}.{nip[8:14]}.{nip[14]}.{nip[15:]}"
    raise ValueError(style)


def fmt_phone(d, style):
    """d: digits starting with 0."""
    r = d[1:]
    if style == "strip":
        return f"{d[:4]}-{d[4:8]}-{d[8:]}"
    if style == "spasi":
        return f"{d[:4]} {d[4:8]} {d[8:]}"
    if style == "plus":
        return f"+62 {r[:3]} {r[3:7]} {r[7:]}"
    if style == "plus_strip":
        return f"+62-{r[:3]}-{r[3:7]}-{r[7:]}"
    if style == "rapat":
        return d
    if style == "kurung":
        return f"(+62) {r[:3]}-{r[3:7]}-{r[7:]}"
    raise ValueError(style)


class People:
    """Invented people; every NIP unique within a run."""

    def __init__(self, rng):
        self.rng = rng
        self.used_names = set()
        self.used_nips = set()

    def nip(self, sex, birth=None, tmt=None, head=False):
        r = self.rng
        while True:
            b = birth or dt.date(
                r.randint(1966, 1979) if head else r.randint(1980, 1998),
                r.randint(1, 12),
                r.randint(1, 28),
            )
            t = tmt or (min(b.year + r.randint(21, 30), 2024), r.randint(1, 12))
            n = f"{b:%Y%m%d}{t[0]}{t[1]:02d}{1 if sex == 'm' else 2}{r.randint(1, 40):03d}"
            if n not in self.used_nips:
                self.used_nips.add(n)
                return n

    def person(self, dom, head=False, sex=None):
        r = self.rng
        sex = sex or r.choice("mf")
        while True:
            base = (
                (r.choice(MALE_GIVEN) + " " + r.choice(MALE_FAMILY))
                if sex == "m"
                else (r.choice(FEMALE_GIVEN) + " " + r.choice(FEMALE_FAMILY))
            )
            if base not in self.used_names:
                break
        self.used_names.add(base)
        front = r.choice(FRONT[sex]) if (head or r.random() < 0.3) else ""
        if front in ("Dr.", "Ir.") and not head:
            front = ""
        back = r.choice(HEAD_BACK if head else BACK)
        nama = (front + " " if front else "") + base + ", " + back
        words = base.lower().split()
        u = r.choice(
            [
                f"{words[0]}.{words[-1]}",
                f"{words[0]}{words[-1][:3]}",
                f"{words[0][0]}{words[-1]}",
                f"{words[0]}_{words[1] if len(words) > 1 else 'kaltim'}",
            ]
        )
        u = re.sub(r"[^a-z._]", "", u)
        email = f"{u}@{dom}" if r.random() < 0.7 else f"{u}{r.randint(10, 99)}@{r.choice(GMAIL)}"
        tel = (
            "08"
            + r.choice(["11", "12", "13", "21", "22", "52", "53", "57", "77", "95"])
            + "".join(str(r.randint(0, 9)) for _ in range(r.choice([7, 8])))
        )
        pk = r.choice(HEAD_PANGKAT if head else PANGKAT)
        return dict(
            nama=nama,
            nama_tanpa_gelar=base,
            sex=sex,
            nip=self.nip(sex, head=head),
            email=email.lower(),
            telepon=tel,
            pangkat=f"{pk[0]} ({pk[1]})",
            jabatan=r.choice(JABATAN),
        )


# ---------------------------------------------------------------- the truth rules (restated from
# SPEC and berkas-dev)
def nip_valid(n):
    if not n or not re.fullmatch(r"\d{18}", n):
        return False
    try:
        dt.date(int(n[:4]), int(n[4:6]), int(n[6:8]))
    except ValueError:
        return False
    return 1 <= int(n[12:14]) <= 12 and n[14] in "12"


def email_valid(e):
    return (
        bool(e and re.fullmatch(r"[a-z0-9._%+_-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}", e))
        and ".." not in e
    )


def phone_valid(t):
    return bool(t and re.fullmatch(r"08\d{8,11}", t))


def name_key(n):
    n = n.split(",")[0]
    toks = [
        t
        for t in n.split()
        if t.lower().strip(".") not in {"h", "hj", "dr", "drs", "dra", "ir", "ns"}
    ]
    return re.sub(r"[^a-z]", "", "".join(toks).lower())


def tujuan_valid(t):
    """The last addressee (after c.q.) must be the head of LPSE Prov. Kaltim or of its Biro PBJ."""
    last = re.split(r"\bc\.q\.", t)[-1].lower()
    prov = "provinsi kalimantan timur" in last
    return prov and (
        ("kepala" in last and "lpse" in last)
        or "layanan pengadaan secara elektronik" in last
        or ("biro pengadaan barang" in last)
    )


FIELDS7 = ["nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon"]


def derive_codes(docs, received):
    """Codes a document list gives; docs are truth documents (type, fields, gradable, damage)."""
    rec = dt.date.fromisoformat(received)
    codes, acc = set(), set()
    by = {}
    for d in docs:
        by.setdefault(d["type"], []).append(d)
        if d.get("damage"):
            codes.add(d["damage"])
            if d["type"] != "lainnya":
                acc.add(f"missing:{d['type']}")
    for t in ("formulir", "surat_penunjukan", "surat_permohonan"):
        if t not in by:
            codes.add(f"missing:{t}")
    ok = lambda t: [d for d in by.get(t, []) if d.get("gradable", True)]  # noqa: E731
    forms = ok("formulir")
    f = forms[0]["fields"] if forms else None
    if f:
        for k in FIELDS7:
            if not f.get(k):
                codes.add(f"missing_field:{k}")
        if f.get("nip") and not nip_valid(f["nip"]):
            codes.add("invalid:nip")
        if f.get("email") and not email_valid(f["email"]):
            codes.add("invalid:email")
        if f.get("telepon") and not phone_valid(f["telepon"]):
            codes.add("invalid:telepon")
        if f.get("tanggal") and dt.date.fromisoformat(f["tanggal"]) > rec:
            codes.add("future_date:formulir")
    for s in ok("surat_penunjukan"):
        sf = s["fields"]
        if f:
            people = sf["ditunjuk"]
            if f.get("nip"):
                by_nip = [p for p in people if p["nip"] == f["nip"]]
                by_name = [p for p in people if name_key(p["nama"]) == name_key(f["nama"])]
                if by_nip and name_key(by_nip[0]["nama"]) != name_key(f["nama"]):
                    codes.add("mismatch:nama")
                if by_name and by_name[0]["nip"] != f["nip"]:
                    codes.add("mismatch:nip")
                if not by_nip and not by_name:
                    codes |= {"mismatch:nama", "mismatch:nip"}
            elif not any(name_key(p["nama"]) == name_key(f["nama"]) for p in people):
                codes.add("mismatch:nama")
        if sf.get("berlaku_sampai") and dt.date.fromisoformat(sf["berlaku_sampai"]) < rec:
            codes.add("expired:surat_penunjukan")
        if dt.date.fromisoformat(sf["tanggal"]) > rec:
            codes.add("future_date:surat_penunjukan")
    for lt in ok("surat_permohonan"):
        lf = lt["fields"]
        if not tujuan_valid(lf["tujuan"]):
            codes.add("invalid:tujuan_surat")
        if dt.date.fromisoformat(lf["tanggal"]) > rec:
            codes.add("future_date:surat_permohonan")
    return sorted(codes), sorted(acc - codes)


# ---------------------------------------------------------------- the PDF page helper
class Doc(FPDF):
    def __init__(self, fmt="A4", orientation="P", footer_text=None, page_numbers=None):
        super().__init__(orientation=orientation, unit="mm", format=fmt)
        self._loaded = set()
        self.set_auto_page_break(True, 22)
        self.set_margins(25, 18, 20)
        self.footer_text = footer_text
        self.page_numbers = page_numbers  # None, "tengah_atas", "kanan_bawah"
        self.base_font = "LSerif"
        self.set_creator("Microsoft Word")

    def set_font(self, family=None, style="", size=0):
        """Fonts are registered on first use (parsing all of them for every document is slow)."""
        if not isinstance(style, str):
            style = getattr(style, "style", "") or ""
        st = "".join(ch for ch in (style or "").upper() if ch in "BI")
        key = (family, st)
        if family in FONTS and key not in self._loaded:
            r, b, i = FONTS[family]
            self.add_font(family, st, {"": r, "B": b, "I": i, "BI": b}[st])
            self._loaded.add(key)
        elif family in HAND and key not in self._loaded:
            self.add_font(family, "", HAND[family])
            self._loaded.add(key)
        super().set_font(family, style, size)

    def header(self):
        if self.page_numbers == "tengah_atas" and self.page_no() > 1:
            self.set_font(self.base_font, "", 10)
            self.set_y(10)
            self.cell(0, 5, f"- {self.page_no()} -", align="C")
            self.set_y(18)

    def footer(self):
        if self.footer_text:
            self.set_y(-16)
            self.set_font("LSans", "I", 7)
            self.set_text_color(90, 90, 90)
            self.multi_cell(0, 3.2, self.footer_text, align="C")
            self.set_text_color(0, 0, 0)
        if self.page_numbers == "kanan_bawah":
            self.set_y(-10)
            self.set_font("LSans", "", 8)
            self.cell(0, 4, f"Halaman {self.page_no()} dari {{nb}}", align="R")

    def f(self, size=11, style="", fam=None):
        self.set_font(fam or self.base_font, style, size)

    def para(self, text, size=11, style="", h=5.6, align="J", indent=0, fam=None):
        self.f(size, style, fam)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.w - self.l_margin - self.r_margin - indent,
            h,
            text,
            align=align,
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def kv(self, rows, lw=45, size=11, h=5.8, indent=0, colon=":", bold_vals=False, fam=None):
        """Label : value rows."""
        for lab, val in rows:
            self.f(size, "", fam)
            self.set_x(self.l_margin + indent)
            self.cell(lw, h, lab)
            self.cell(4, h, colon)
            self.f(size, "B" if bold_vals else "", fam)
            self.multi_cell(
                self.w - self.r_margin - self.get_x(), h, val, new_x="LMARGIN", new_y="NEXT"
            )

    def emblem(self, x, y, s=20, kind="perisai"):
        self.set_draw_color(40, 40, 40)
        self.set_line_width(0.5)
        if kind == "perisai":
            pts = [
                (x, y),
                (x + s * 0.8, y),
                (x + s * 0.8, y + s * 0.55),
                (x + s * 0.4, y + s),
                (x, y + s * 0.55),
            ]
            self.polygon(pts, style="D")
            self.ellipse(x + s * 0.2, y + s * 0.15, s * 0.4, s * 0.4, style="D")
            self.line(x + s * 0.4, y + s * 0.15, x + s * 0.4, y + s * 0.85)
        else:
            self.ellipse(x, y, s, s, style="D")
            self.ellipse(x + s * 0.15, y + s * 0.15, s * 0.7, s * 0.7, style="D")
            self.star(x + s / 2, y + s / 2, s * 0.12, s * 0.3, 5, style="D")
        self.set_line_width(0.2)

    def kop(self, ag, style="tengah"):
        top = self.get_y()
        if style == "tengah":
            self.emblem(
                self.l_margin, top, 22, "perisai" if "Pemerintah" in ag["instansi"] else "bulat"
            )
            y = top
            for i, line in enumerate(ag["kop"]):
                self.set_xy(self.l_margin + 24, y)
                self.f(13 if i == 0 else 15, "B")
                self.cell(self.w - self.l_margin - self.r_margin - 24, 6.5, line, align="C")
                y += 6.5
            self.f(8.5, "", "LSans")
            for line in (
                f"{ag['alamat']}, {ag['kota']} {ag['kodepos']}",
                f"Telepon {ag['telp']}, Faksimile {ag['fax']}",
                f"Surel: {ag['surel']}  Laman: {ag['web']}",
            ):
                self.set_xy(self.l_margin + 24, y)
                self.cell(self.w - self.l_margin - self.r_margin - 24, 4, line, align="C")
                y += 4
            y = max(y, top + 24) + 1.5
            self.set_line_width(1.0)
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            self.set_line_width(0.3)
            self.line(self.l_margin, y + 1.2, self.w - self.r_margin, y + 1.2)
            self.set_line_width(0.2)
            self.set_y(y + 5)
        else:  # "kiri": logo left, names left-aligned, contacts in one small line, coloured rule
            self.emblem(self.l_margin, top, 16, "bulat")
            y = top
            for i, line in enumerate(ag["kop"]):
                self.set_xy(self.l_margin + 19, y)
                self.f(10 if i < len(ag["kop"]) - 1 else 13, "B", "LSans")
                self.cell(0, 5.5, line)
                y += 5.5
            self.set_xy(self.l_margin + 19, y)
            self.f(7.5, "", "LSans")
            self.multi_cell(
                self.w - self.r_margin - self.l_margin - 19,
                3.6,
                f"{ag['alamat']}, {ag['kota']} {ag['kodepos']} | Telp. {ag['telp']} | "
                f"{ag['surel']} | {ag['web']}",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            y = max(self.get_y() + 1, top + 17)
            self.set_draw_color(20, 90, 160)
            self.set_line_width(0.8)
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            self.set_draw_color(0, 0, 0)
            self.set_line_width(0.2)
            self.set_y(y + 5)

    def stamp(self, x, y, text, r=15):
        self.set_draw_color(60, 70, 170)
        self.set_text_color(60, 70, 170)
        self.set_line_width(0.6)
        self.ellipse(x - r, y - r, 2 * r, 2 * r)
        self.set_line_width(0.3)
        self.ellipse(x - r + 3, y - r + 3, 2 * r - 6, 2 * r - 6)
        self.set_font("LSans", "B", 5.5)
        self.set_xy(x - r + 4, y - 3)
        self.cell(2 * r - 8, 3, text[:26].upper(), align="C")
        self.set_xy(x - r + 4, y)
        self.cell(2 * r - 8, 3, "*", align="C")
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)

    def signature(self, x, y, rng, w=30):
        self.set_draw_color(20, 30, 120)
        self.set_line_width(0.5)
        px, py = x, y
        for _ in range(7):
            nx, ny = px + rng.uniform(2, 6), y + rng.uniform(-5, 4)
            self.line(px, py, nx, ny)
            px, py = nx, ny
        self.line(x, y + 2, px, y - 1)
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)

    def signblock(
        self,
        rng,
        lines_before,
        nama,
        nip=None,
        pangkat=None,
        x=None,
        stamp_text=None,
        sign=True,
        underline=True,
        size=11,
    ):
        x = x if x is not None else self.w - self.r_margin - 78
        if self.get_y() > self.h - 70:
            self.add_page()
        self.f(size)
        for ln in lines_before:
            self.set_x(x)
            self.multi_cell(self.w - self.r_margin - x, 5.5, ln, new_x="LMARGIN", new_y="NEXT")
        y0 = self.get_y()
        if sign:
            self.signature(x + 8, y0 + 10, rng)
        if stamp_text:
            self.stamp(x - 2, y0 + 9, stamp_text)
        self.set_y(y0 + 20)
        self.set_x(x)
        self.f(size, "BU" if underline else "B")
        self.cell(78, 5.5, nama, new_x="LMARGIN", new_y="NEXT")
        self.f(size)
        if pangkat:
            self.set_x(x)
            self.cell(78, 5.5, pangkat, new_x="LMARGIN", new_y="NEXT")
        if nip:
            self.set_x(x)
            self.cell(78, 5.5, f"NIP {nip}", new_x="LMARGIN", new_y="NEXT")

    def dotted(self, x1, y, x2):
        self.set_draw_color(90, 90, 90)
        self.set_dash_pattern(dash=0.3, gap=0.9)
        self.line(x1, y, x2, y)
        self.set_dash_pattern()
        self.set_draw_color(0, 0, 0)
