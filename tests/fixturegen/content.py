"""Documents of an Admin Agency application (berkas) as structured data with exact ground truth.

Every generator takes an rng and the people involved, and returns a `Document` whose `.text` is the
plain text as rendered (one entry per rendered line, reading order) and whose `.fields` are the
values as printed. `.expected` holds the same values normalised as `berkas check` reports them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .layout import TEXT_W, Block, Builder, Seg, paginate, wrap
from .people import ROMAWI, Agency, Person, tanggal_id

DOC_TYPES = ("formulir", "surat_penunjukan", "surat_permohonan", "lainnya")
LPSE_KALTIM = "LPSE Provinsi Kalimantan Timur"
TUJUAN_BENAR = [
    "Kepala LPSE Provinsi Kalimantan Timur",
    "Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur",
    "Kepala Layanan Pengadaan Secara Elektronik (LPSE) Provinsi Kalimantan Timur",
    "Kepala Biro Pengadaan Barang dan Jasa Sekretariat Daerah Provinsi Kalimantan Timur",
]
TUJUAN_SALAH = [
    "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur",
    "Kepala Badan Kepegawaian Daerah Provinsi Kalimantan Timur",
    "Kepala Inspektorat Daerah Provinsi Kalimantan Timur",
]


@dataclass
class Document:
    doc_type: str
    title: str
    blocks: list[Block]
    fields: dict[str, str]  # values as printed ("" when deliberately left empty)
    expected: dict[str, str | None] = field(default_factory=dict)  # normalised as in SPEC
    variant: str = ""
    filename: str = ""  # a name an applicant might give the file

    @property
    def lines(self) -> list[str]:
        return [t for b in self.blocks for t in b.text_lines]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def page_texts(self) -> list[str]:
        """Ground truth per rendered page (pagination does not depend on the font)."""
        return ["\n".join(t for p in page for t in p.block.text_lines)
                for page in paginate(self.blocks)]


# --- normalisation, as SPEC's `check` reports values -------------------------------------------

def norm_nip(s: str) -> str:
    return re.sub(r"\s", "", s)


def norm_phone(s: str) -> str:
    digits = re.sub(r"\D", "", s)
    return "0" + digits[2:] if digits.startswith("62") else digits


def person_expected(p: Person, printed: dict[str, str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for k in ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon",
              "pangkat_golongan", "alamat_kantor"):
        v = printed.get(k)
        if v is None or v == "":
            out[k] = None
        elif k == "nip":
            out[k] = norm_nip(v)
        elif k == "telepon":
            out[k] = norm_phone(v)
        elif k == "email":
            out[k] = v.lower()
        else:
            out[k] = v
    return out


# --- shared pieces ----------------------------------------------------------------------------

def letter_number(rng: random.Random, agency: Agency, d: date, kode: str | None = None) -> str:
    kode = kode or rng.choice(["000.3", "027", "800", "000.3.1", "027/PBJ"])
    n = rng.randint(12, 2400)
    if rng.random() < 0.5:
        return f"{kode}/{n}/{agency.abbr}/{ROMAWI[d.month - 1]}/{d.year}"
    return f"{kode}/{n}/{agency.abbr}/{d.year}"


def kop(b: Builder, agency: Agency, rng: random.Random) -> None:
    region = agency.region.name.upper()
    head = [f"PEMERINTAH {region}", agency.unit.upper()]
    domain = agency.region.domain
    site = agency.abbr.lower().replace(".", "")
    tel = f"({rng.choice(['0541', '0542', '0543', '0548', '0554'])}) {rng.randint(200000, 799999)}"
    addr = [f"{agency.alamat}, Telepon {tel}",
            f"Laman: {site}.{domain}, Pos-el: {site}@{domain}"]
    b.kop(head, addr)


def signer_lines(head: Person, rng: random.Random) -> list[str]:
    lines = [head.nama]
    if rng.random() < 0.8:
        lines.append(head.pangkat_golongan)
    lines.append(f"NIP. {head.nip_printed}" if rng.random() < 0.7 else f"NIP {head.nip_printed}")
    return lines


# --- formulir ---------------------------------------------------------------------------------

FORM_TITLES = [
    ["FORMULIR PERMOHONAN PEMBUATAN AKUN ADMIN AGENCY"],
    ["FORMULIR PERMOHONAN PEMBUATAN AKUN ADMIN AGENCY",
     "LAYANAN PENGADAAN SECARA ELEKTRONIK (LPSE) PROVINSI KALIMANTAN TIMUR"],
    ["FORMULIR PENDAFTARAN USER ID ADMIN AGENCY SPSE"],
]
FORM_LABELS = {
    "nama": ["Nama Lengkap", "Nama"],
    "nip": ["NIP", "NIP/NI PPPK"],
    "jabatan": ["Jabatan"],
    "pangkat_golongan": ["Pangkat/Golongan", "Pangkat / Gol. Ruang"],
    "instansi": ["Instansi", "K/L/D/I"],
    "satuan_kerja": ["Satuan Kerja", "Unit Kerja", "SKPD"],
    "alamat_kantor": ["Alamat Kantor"],
    "email": ["Alamat Email", "E-mail"],
    "telepon": ["No. Telepon/HP", "Nomor HP"],
}
FORM_ORDER = ["nama", "nip", "jabatan", "pangkat_golongan", "instansi", "satuan_kerja",
              "alamat_kantor", "email", "telepon"]


def make_formulir(rng: random.Random, person: Person, head: Person, agency: Agency, dated: date,
                  variant: str | None = None, omit: tuple[str, ...] = (),
                  overrides: dict[str, str] | None = None, with_kop: bool | None = None,
                  size: float = 11.0) -> Document:
    """The account request form. variant: "table" (bordered label|:|value) or "list"
    ("1. Nama Lengkap : ..."). `omit` leaves those fields empty; `overrides` prints other values."""
    variant = variant or rng.choice(["table", "list"])
    b = Builder(size)
    if with_kop if with_kop is not None else rng.random() < 0.5:
        kop(b, agency, rng)
    title = rng.choice(FORM_TITLES)
    b.title(title, size=size + 1, space_after=5)
    printed = {
        "nama": person.nama, "nip": person.nip_printed, "jabatan": person.jabatan,
        "pangkat_golongan": person.pangkat_golongan, "instansi": person.instansi,
        "satuan_kerja": person.satuan_kerja, "alamat_kantor": person.alamat_kantor,
        "email": person.email, "telepon": person.telepon_printed,
    }
    printed.update(overrides or {})
    for k in omit:
        printed[k] = ""
    order = [k for k in FORM_ORDER if k != "alamat_kantor" or rng.random() < 0.6]
    labels = {k: rng.choice(FORM_LABELS[k]) for k in order}
    if person.kind == "pppk" and labels["nip"] == "NIP":
        labels["nip"] = "NI PPPK"
    if variant == "table":
        b.para("Data Calon Admin Agency:" if rng.random() < 0.5 else
               "Yang bertanda tangan di bawah ini:", space_after=2)
        b.kv([(labels[k], printed[k]) for k in order], label_w=48, borders=True, space_after=5)
    else:
        b.para("Yang bertanda tangan di bawah ini:", space_after=2)
        b.kv([(f"{i}. {labels[k]}", printed[k]) for i, k in enumerate(order, 1)], label_w=52,
             indent=4, space_after=4)
    b.para("Dengan ini mengajukan permohonan pembuatan akun Admin Agency pada Sistem Pengadaan "
           f"Secara Elektronik (SPSE) {LPSE_KALTIM} dan bersedia mematuhi ketentuan dan "
           "tata tertib penggunaan SPSE yang berlaku.", space_after=6)
    place_date = f"{agency.region.seat}, {tanggal_id(dated)}"
    person_below = [person.nama if printed["nama"] else "(....................)"]
    person_below.append(f"NIP. {printed['nip']}" if printed["nip"] else "NIP.")
    if rng.random() < 0.6:
        b.signatures([
            (0.0, ["", "Pemohon,"], person_below),
            (95.0, [place_date, "Mengetahui,", f"{head.jabatan},"], signer_lines(head, rng)),
        ])
    else:
        b.signatures([(95.0, [place_date, "Pemohon,"], person_below)])
    fields = {k: printed[k] for k in order}
    fields["tanggal"] = tanggal_id(dated)
    expected = person_expected(person, fields)
    expected["tanggal"] = dated.isoformat()
    return Document("formulir", " ".join(title), b.blocks, fields, expected, variant,
                    rng.choice(["Formulir Admin Agency.pdf", "formulir_permohonan_akun.pdf",
                                "FORM AKUN ADMIN AGENCY.pdf"]))


# --- surat permohonan -------------------------------------------------------------------------

HAL = ["Permohonan Pembuatan Akun Admin Agency", "Permohonan User ID Admin Agency SPSE",
       "Permohonan Pembuatan User ID dan Password Admin Agency"]


def make_surat_permohonan(rng: random.Random, person: Person, head: Person, agency: Agency,
                          dated: date, variant: str | None = None, tujuan: str | None = None,
                          wrong_addressee: bool = False, size: float = 11.0) -> Document:
    """The cover letter (naskah dinas) to the head of LPSE. variant: "kepada" (Yth. block on
    the right, date above it) or "yth" (date on the right, Yth. below the Hal line)."""
    variant = variant or rng.choice(["kepada", "yth"])
    tujuan = tujuan or rng.choice(TUJUAN_SALAH if wrong_addressee else TUJUAN_BENAR)
    b = Builder(size)
    kop(b, agency, rng)
    nomor = letter_number(rng, agency, dated)
    sifat = rng.choice(["Biasa", "Biasa", "Segera", "Penting"])
    hal = rng.choice(HAL)
    rows = [("Nomor", nomor), ("Sifat", sifat)]
    lampiran = None
    if rng.random() < 0.7:
        lampiran = rng.choice(["1 (satu) berkas", "2 (dua) lembar", "1 (satu) set"])
        rows.append(("Lampiran", lampiran))
    rows.append(("Hal", hal))
    place_date = f"{agency.region.seat}, {tanggal_id(dated)}"
    di = rng.choice(["Samarinda", "Tempat"])
    b.add(Block([b._line([Seg(TEXT_W, place_date, size, align="r")])], space_after=2))
    if variant == "kepada":
        # older style: the addressee block on the right, under the date
        x = 95.0
        lines = [b._line([Seg(x, "Kepada", size)])]
        for i, w in enumerate(wrap("Yth. " + tujuan, TEXT_W - x, size)):
            lines.append(b._line([Seg(x + (0 if i == 0 else 8.5), w, size, max_w=TEXT_W - x)]))
        lines.append(b._line([Seg(x, "di", size)]))
        lines.append(b._line([Seg(x + 8, di, size)]))
        b.add(Block(lines, space_after=4))
        b.kv(rows, label_w=22, width=100, space_after=6)
        b.para("Dengan hormat,", space_after=2)
    else:
        b.kv(rows, label_w=22, width=100, space_after=4)
        b.para("Yth. " + tujuan, width=95, space_after=0)
        b.para("di", space_after=0)
        b.para(di, indent=8, space_after=5)
    satker = person.satuan_kerja
    b.para(f"Dalam rangka mendukung pelaksanaan pengadaan barang/jasa secara elektronik di "
           f"lingkungan {satker}, bersama ini kami mengajukan permohonan pembuatan akun Admin "
           f"Agency pada Sistem Pengadaan Secara Elektronik (SPSE) {LPSE_KALTIM} atas nama:",
           first_indent=10, space_after=2)
    person_rows = [("Nama", person.nama), ("NIP", person.nip_printed),
                   ("Jabatan", person.jabatan)]
    if rng.random() < 0.5:
        person_rows.append(("Email", person.email))
    b.kv(person_rows, label_w=25, indent=10, space_after=3)
    b.para("Sebagai bahan pertimbangan, bersama ini kami lampirkan Formulir Permohonan Pembuatan "
           "Akun Admin Agency dan Surat Keputusan Penunjukan Admin Agency.", first_indent=10,
           space_after=2)
    b.para("Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, "
           "kami ucapkan terima kasih.", first_indent=10, space_after=6)
    b.signatures([(85.0, [f"{head.jabatan},"], signer_lines(head, rng))], width=78)
    tembusan = None
    if rng.random() < 0.5:
        tembusan = [f"{agency.region.head_title} {agency.region.name.split(' ', 1)[1]} "
                    "(sebagai laporan);", "Arsip."]
        b.para("Tembusan:", size=size - 1, space_after=0)
        for i, t in enumerate(tembusan, 1):
            b.para(f"{i}. {t}", size=size - 1, space_after=0)
    fields = {"nomor": nomor, "tanggal": tanggal_id(dated), "sifat": sifat, "hal": hal,
              "tujuan": tujuan, "nama": person.nama, "nip": person.nip_printed,
              "penandatangan": head.nama, "nip_penandatangan": head.nip_printed}
    if lampiran:
        fields["lampiran"] = lampiran
    expected = {"nomor": nomor, "tanggal": dated.isoformat(), "tujuan": tujuan,
                "nama": person.nama, "nip": person.nip}
    return Document("surat_permohonan", hal, b.blocks, fields, expected, variant,
                    rng.choice(["Surat Permohonan.pdf", "surat_permohonan_akun.pdf",
                                f"Surat Permohonan – {agency.abbr}.pdf"]))


# --- surat penunjukan (SK / Surat Tugas / Surat Penunjukan) -------------------------------------

MENGINGAT = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa "
    "kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
    "Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi "
    "Elektronik;",
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana "
    "telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021;",
    "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021 tentang "
    "Unit Kerja Pengadaan Barang/Jasa;",
]


def _validity(rng: random.Random, year: int, style: str | None) -> tuple[str, str]:
    """(sentence fragment, ISO end date)."""
    style = style or rng.choice(["sampai", "tahun_anggaran"])
    if style == "sampai":
        return f"berlaku sampai dengan 31 Desember {year}", f"{year}-12-31"
    return f"berlaku untuk Tahun Anggaran {year}", f"{year}-12-31"


def _appointee_table(b: Builder, people: list[Person], size: float) -> None:
    rows = [["No", "Nama", "NIP", "Jabatan"]]
    rows += [[str(i), p.nama, p.nip_printed, p.jabatan] for i, p in enumerate(people, 1)]
    b.table(rows, [10, 55, 45, 55], size=size - 1)


def make_surat_penunjukan(rng: random.Random, appointees: list[Person], head: Person,
                          agency: Agency, dated: date, valid_year: int | None = None,
                          variant: str | None = None, validity_style: str | None = None,
                          size: float = 11.0) -> Document:
    """The appointment of the Admin Agency. variant: "sk" (Surat Keputusan; several appointees go
    to a lampiran page), "surat_tugas" or "surat_penunjukan" (appointees inline). Signed by the
    head, whose NIP is printed too."""
    variant = variant or rng.choice(["sk", "surat_tugas", "surat_penunjukan"])
    valid_year = valid_year or dated.year
    berlaku, berlaku_iso = _validity(rng, valid_year, validity_style)
    if variant == "sk":
        size -= 1  # a decree is dense; keep its main part on one page
    b = Builder(size)
    kop(b, agency, rng)
    unit_upper = agency.head_jabatan.upper()
    kode = rng.choice(["000.3", "800", "027"])
    nomor = letter_number(rng, agency, dated, kode)
    satker = agency.satuan_kerja
    tugas = (f"sebagai Admin Agency pada Sistem Pengadaan Secara Elektronik (SPSE) {LPSE_KALTIM} "
             f"untuk {satker}")
    several = len(appointees) > 1
    place = agency.region.seat
    if variant == "sk":
        title = f"KEPUTUSAN {unit_upper}"
        tentang = f"PENUNJUKAN ADMIN AGENCY LAYANAN PENGADAAN SECARA ELEKTRONIK TAHUN {valid_year}"
        b.title([title, f"NOMOR {nomor}"], space_after=2)
        b.title(["TENTANG"], space_after=2)
        b.title([tentang], space_after=3)
        b.title([f"{unit_upper},"], space_after=3)
        b.kv([("Menimbang", "\ta. bahwa dalam rangka kelancaran pelaksanaan pengadaan barang/jasa "
               f"secara elektronik di lingkungan {satker}, perlu menunjuk Admin Agency;\n"
               "\tb. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu "
               "menetapkan Keputusan tentang Penunjukan Admin Agency;"),
              ("Mengingat", "\n".join(f"\t{i}. {t}" for i, t in
                                       enumerate(rng.sample(MENGINGAT, rng.randint(2, 3)), 1)))],
             label_w=27, space_after=2)
        b.title(["MEMUTUSKAN:"], space_after=2)
        if several:
            kesatu = ("Menunjuk nama-nama sebagaimana tercantum dalam Lampiran Keputusan ini "
                      f"{tugas}.")
        else:
            p = appointees[0]
            sdr = "Saudara" if p.gender == 1 else "Saudari"
            kesatu = (f"Menunjuk {sdr} {p.nama}, NIP {p.nip_printed}, Jabatan {p.jabatan}, "
                      f"{tugas}.")
        b.kv([("Menetapkan", f"KEPUTUSAN {unit_upper} TENTANG {tentang}."),
              ("KESATU", kesatu),
              ("KEDUA", "Admin Agency sebagaimana dimaksud dalam Diktum KESATU bertugas "
                        "mendaftarkan dan memverifikasi Pokja Pemilihan, Pejabat Pengadaan dan "
                        "PPK pada SPSE."),
              ("KETIGA", "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan "
                         f"pada DPA {satker}."),
              ("KEEMPAT", f"Keputusan ini mulai berlaku pada tanggal ditetapkan dan {berlaku}.")],
             label_w=27, space_after=5)
        b.signatures([(85.0, [f"Ditetapkan di {place}", f"pada tanggal {tanggal_id(dated)}",
                              f"{agency.head_jabatan.upper()},"], signer_lines(head, rng))],
                     width=78)
        if several:
            b.page_break()
            b.kv([("LAMPIRAN", f"KEPUTUSAN {unit_upper}"), ("NOMOR", nomor),
                  ("TANGGAL", tanggal_id(dated))], label_w=25, indent=50, size=size - 1,
                 space_after=6)
            b.title(["DAFTAR NAMA ADMIN AGENCY"], space_after=3)
            _appointee_table(b, appointees, size)
            b.signatures([(85.0, [f"{agency.head_jabatan.upper()},"], signer_lines(head, rng))],
                         width=78)
        doc_title = f"Keputusan tentang {tentang.title()}"
    else:
        heading = "SURAT TUGAS" if variant == "surat_tugas" else "SURAT PENUNJUKAN"
        b.title([heading], size=size + 2, underline=True, space_after=0)
        b.title([f"Nomor: {nomor}"], bold=False, space_after=5)
        if variant == "surat_tugas":
            b.kv([("Dasar", "\n".join(f"\t{i}. {t}" for i, t in
                                      enumerate(rng.sample(MENGINGAT, 2), 1)))],
                 label_w=22, space_after=3)
            b.title(["MEMBERI TUGAS"], space_after=3)
            lead = "Kepada"
        else:
            b.para("Yang bertanda tangan di bawah ini:", space_after=2)
            b.kv([("Nama", head.nama), ("NIP", head.nip_printed), ("Jabatan", head.jabatan)],
                 label_w=25, indent=8, space_after=3)
            b.para("dengan ini menunjuk:", space_after=2)
            lead = None
        if several:
            if lead:
                b.kv([(lead, "nama-nama sebagaimana tercantum di bawah ini:")], label_w=22,
                     space_after=2)
            _appointee_table(b, appointees, size)
        else:
            p = appointees[0]
            rows = [("Nama", p.nama), ("NIP", p.nip_printed)]
            if rng.random() < 0.6:
                rows.append(("Pangkat/Gol.", p.pangkat_golongan))
            rows.append(("Jabatan", p.jabatan))
            if lead:
                b.para(f"{lead}:", space_after=1)
            b.kv(rows, label_w=30, indent=8, space_after=3)
        if variant == "surat_tugas":
            b.kv([("Untuk", f"\t1. Melaksanakan tugas {tugas};\n"
                            f"\t2. Surat Tugas ini {berlaku};\n"
                            "\t3. Melaksanakan tugas ini dengan penuh tanggung jawab.")],
                 label_w=22, space_after=5)
            above = [f"Dikeluarkan di {place}", f"pada tanggal {tanggal_id(dated)}"]
        else:
            b.para(f"untuk melaksanakan tugas {tugas}. Penunjukan ini {berlaku}.", space_after=2)
            b.para("Demikian surat penunjukan ini dibuat untuk dipergunakan sebagaimana "
                   "mestinya.", space_after=5)
            above = [f"{place}, {tanggal_id(dated)}"]
        b.signatures([(85.0, above + [f"{agency.head_jabatan},"], signer_lines(head, rng))],
                     width=78)
        doc_title = heading.title()
    fields = {"nomor": nomor, "tanggal": tanggal_id(dated), "berlaku": berlaku,
              "penandatangan": head.nama, "nip_penandatangan": head.nip_printed,
              "nama": "; ".join(p.nama for p in appointees),
              "nip": "; ".join(p.nip_printed for p in appointees)}
    expected = {"nomor": nomor, "tanggal": dated.isoformat(), "berlaku_sampai": berlaku_iso,
                "appointees": [{"nama": p.nama, "nip": p.nip} for p in appointees]}
    names = {"sk": ["SK Penunjukan Admin Agency.pdf", "SK_ADMIN_AGENCY.pdf",
                    "SK Penunjukan №5.pdf"],
             "surat_tugas": ["Surat Tugas Admin Agency.pdf", "ST admin agency.pdf"],
             "surat_penunjukan": ["Surat Penunjukan.pdf", "surat_penunjukan_admin.pdf"]}
    return Document("surat_penunjukan", doc_title, b.blocks, fields, expected, variant,
                    rng.choice(names[variant]))


# --- lainnya: documents that are not part of the required three ---------------------------------

KTP_REGION = {"Kabupaten Paser": "6401", "Kabupaten Kutai Kartanegara": "6402",
              "Kabupaten Berau": "6403", "Kabupaten Kutai Barat": "6407",
              "Kabupaten Kutai Timur": "6408", "Kabupaten Penajam Paser Utara": "6409",
              "Kabupaten Mahakam Ulu": "6411", "Kota Balikpapan": "6471",
              "Kota Samarinda": "6472", "Kota Bontang": "6474",
              "Provinsi Kalimantan Timur": "6472"}


def make_nik(rng: random.Random, person: Person, agency: Agency) -> str:
    """A 16-digit NIK (a decoy next to the 18-digit NIP): region, district, birth date (day + 40
    for women), sequence."""
    birth = person.nip[:8]
    day = int(birth[6:8]) + (40 if person.gender == 2 else 0)
    return (f"{KTP_REGION[agency.region.name]}{rng.randint(1, 20):02d}{day:02d}{birth[4:6]}"
            f"{birth[2:4]}{rng.randint(1, 9999):04d}")


def make_pakta_integritas(rng: random.Random, person: Person, agency: Agency, dated: date,
                          size: float = 11.0) -> Document:
    b = Builder(size)
    b.title(["PAKTA INTEGRITAS"], size=size + 2, space_after=5)
    b.para("Saya yang bertanda tangan di bawah ini:", space_after=2)
    b.kv([("Nama", person.nama), ("NIP", person.nip_printed), ("Jabatan", person.jabatan),
          ("Instansi", person.instansi)], label_w=30, indent=8, space_after=3)
    b.para("dalam rangka pelaksanaan tugas sebagai Admin Agency, dengan ini menyatakan bahwa saya:",
           space_after=2)
    items = ["tidak akan melakukan praktik Korupsi, Kolusi, dan Nepotisme;",
             "akan menjaga kerahasiaan akun (user id dan password) yang diberikan kepada saya;",
             "akan melaporkan kepada pihak yang berwajib apabila mengetahui ada indikasi KKN;",
             "apabila melanggar hal-hal tersebut di atas, bersedia dikenakan sanksi sesuai "
             "dengan ketentuan peraturan perundang-undangan."]
    b.kv([("", "\n".join(f"\t{i}. {t}" for i, t in enumerate(items, 1)))], label_w=4,
         colon=False, space_after=6)
    b.signatures([(95.0, [f"{agency.region.seat}, {tanggal_id(dated)}", "Yang menyatakan,"],
                   [person.nama, f"NIP. {person.nip_printed}"])])
    return Document("lainnya", "Pakta Integritas", b.blocks,
                    {"nama": person.nama, "nip": person.nip_printed}, {}, "pakta_integritas",
                    "Pakta Integritas.pdf")


def make_invoice(rng: random.Random, agency: Agency, dated: date, size: float = 11.0) -> Document:
    vendor = rng.choice(["CV Mahakam Jaya Komputer", "PT Borneo Data Solusi",
                         "CV Tepian Mandiri", "Toko Sinar Kaltim"])
    b = Builder(size)
    b.title([vendor.upper()], size=size + 3, space_after=0)
    phone = f"0541 7{rng.randint(0, 99999):05d}"
    b.title([f"Jl. Juanda No. {rng.randint(1, 200)}, Samarinda - Telp. {phone}"],
            bold=False, size=size - 1, space_after=4)
    nomor = f"INV/{dated.year}/{dated.month:02d}/{rng.randint(100, 999)}"
    b.title(["INVOICE"], size=size + 2, underline=True, space_after=4)
    b.kv([("Nomor", nomor), ("Tanggal", tanggal_id(dated)), ("Kepada", agency.satuan_kerja)],
         label_w=25, space_after=4)
    items = [("Kertas HVS A4 80 gram", 20, 55000), ("Toner printer", 3, 850000),
             ("Flashdisk 32 GB", 5, 95000), ("Map plastik", 50, 4500)]
    rows = [["No", "Uraian", "Jumlah", "Harga Satuan", "Total"]]
    total = 0
    for i, (name, qty, price) in enumerate(rng.sample(items, 3), 1):
        total += qty * price
        rows.append([str(i), name, str(qty), _rupiah(price), _rupiah(qty * price)])
    rows.append(["", "JUMLAH", "", "", _rupiah(total)])
    b.table(rows, [10, 60, 20, 35, 40])
    rekening = f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}"
    b.para(f"Pembayaran ditransfer ke rekening Bank Kaltimtara {rekening} a.n. {vendor}.",
           space_after=6)
    b.signatures([(95.0, ["Hormat kami,"], [rng.choice(["Rudi Hartono", "Lina Marlina"])])])
    return Document("lainnya", "Invoice", b.blocks, {"nomor": nomor, "total": _rupiah(total)}, {},
                    "invoice", f"invoice_{nomor.replace('/', '_')}.pdf")


def _rupiah(n: int) -> str:
    return "Rp " + f"{n:,}".replace(",", ".")


def make_ktp(rng: random.Random, person: Person, agency: Agency, size: float = 10.0) -> Document:
    """The text of an identity card (KTP) as copied onto a page: a 16-digit NIK decoy."""
    nik = make_nik(rng, person, agency)
    birth = date(int(person.nip[:4]), int(person.nip[4:6]), int(person.nip[6:8]))
    b = Builder(size)
    b.title(["PROVINSI KALIMANTAN TIMUR", _ktp_region(agency)], space_after=2)
    b.kv([("NIK", nik), ("Nama", person.bare_name.upper()),
          ("Tempat/Tgl Lahir", f"{agency.region.seat.upper()}, {birth:%d-%m-%Y}"),
          ("Jenis Kelamin", "LAKI-LAKI" if person.gender == 1 else "PEREMPUAN"),
          ("Alamat", f"JL. {rng.choice(['MERDEKA', 'PAHLAWAN', 'CENDANA', 'SEMPAJA'])} "
                     f"NO. {rng.randint(1, 99)}"),
          ("RT/RW", f"{rng.randint(1, 40):03d}/{rng.randint(1, 12):03d}"),
          ("Agama", rng.choice(["ISLAM", "KRISTEN", "KATOLIK"])),
          ("Status Perkawinan", rng.choice(["KAWIN", "BELUM KAWIN"])),
          ("Pekerjaan", "PEGAWAI NEGERI SIPIL" if person.kind == "pns" else "PEGAWAI PEMERINTAH"),
          ("Kewarganegaraan", "WNI"), ("Berlaku Hingga", "SEUMUR HIDUP")],
         label_w=38, borders=False, width=120, space_after=2)
    return Document("lainnya", "KTP", b.blocks, {"nik": nik, "nama": person.bare_name.upper()}, {},
                    "ktp", rng.choice(["KTP.jpg", "ktp_scan.pdf"]))


def _ktp_region(agency: Agency) -> str:
    name = agency.region.name
    return "KOTA SAMARINDA" if name.startswith("Provinsi") else name.upper()


# --- the whole berkas -------------------------------------------------------------------------

REQUIRED = ("formulir", "surat_penunjukan", "surat_permohonan")
REQUIRED_FIELDS = ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon")


@dataclass
class Berkas:
    """One application: its documents and the verdict facts a correct judge must reach."""

    seed: int
    person: Person
    head: Person
    agency: Agency
    received: date
    documents: list[Document]
    expected_deficiencies: set[str]
    expected_fields: dict[str, str | None] | None  # None when the form is missing
    others: list[Person] = field(default_factory=list)  # other appointees on the SK
    font: str = "Liberation Serif"
    defects: dict = field(default_factory=dict)

    def get(self, doc_type: str) -> Document | None:
        return next((d for d in self.documents if d.doc_type == doc_type), None)

    @property
    def complete(self) -> bool:
        return not self.expected_deficiencies


def _invalid_nip(rng: random.Random, nip: str) -> str:
    kind = rng.choice(["short", "month", "gender"])
    if kind == "short":
        return nip[:-1]
    if kind == "month":
        return nip[:4] + "13" + nip[6:]
    return nip[:14] + "3" + nip[15:]


def make_berkas(seed: int, person: Person | None = None, *, kind: str = "pns",
                received: date = date(2026, 10, 20), missing: tuple[str, ...] = (),
                omit_fields: tuple[str, ...] = (), wrong_nip: bool = False,
                bad_email: bool = False, bad_telepon: bool = False,
                sk_other_person: bool = False, sk_other_nip: bool = False,
                expired: bool = False, future: tuple[str, ...] = (),
                wrong_addressee: bool = False, appointees: int | None = None,
                lainnya: tuple[str, ...] = (), variants: dict[str, str] | None = None,
                ) -> Berkas:
    """A complete application for `seed`, with the given defects injected.

    Defects: `missing` document types; `omit_fields` left empty on the form; `wrong_nip` (an
    invalid NIP, the same typo on every document); `bad_email`/`bad_telepon` on the form;
    `sk_other_person` (the SK appoints someone else), `sk_other_nip` (the SK prints the person with
    another valid NIP); `expired` SK; `future` document types dated after `received`;
    `wrong_addressee` on the cover letter. `lainnya`: any of "pakta_integritas", "invoice", "ktp".
    `variants`: doc_type -> variant name of its generator."""
    from .layout import FONT_NAMES
    from .people import agency_of, make_agency, make_head, make_nip, make_person

    rng = random.Random(seed)
    variants = variants or {}
    if person is None:
        agency = make_agency(rng)
        person = make_person(rng, kind, agency)
    else:
        agency = agency_of(person, rng)
    head = make_head(rng, agency)
    font = rng.choice(FONT_NAMES)
    if wrong_nip:
        bad = _invalid_nip(rng, person.nip)
        person = replace(person, nip=bad, nip_printed=bad)
    n_app = appointees if appointees is not None else rng.choice([1, 1, 1, 2, 3])
    others = [make_person(rng, rng.choice(["pns", "pppk"]), agency) for _ in range(n_app - 1)]

    def dated(doc_type: str, back: tuple[int, int]) -> date:
        if doc_type in future:
            return received + timedelta(days=rng.randint(3, 40))
        return received - timedelta(days=rng.randint(*back))

    expected: set[str] = {f"missing:{t}" for t in missing}
    docs: list[Document] = []
    if "formulir" not in missing:
        overrides = {}
        if bad_email:
            user, _, dom = person.email.partition("@")
            overrides["email"] = rng.choice([f"{user}.{dom}", f"{user}@{dom.split('.')[0]}"])
            expected.add("invalid:email")
        if bad_telepon:
            overrides["telepon"] = person.telepon[: rng.choice([6, 7])]
            expected.add("invalid:telepon")
        form = make_formulir(rng, person, head, agency, dated("formulir", (1, 8)),
                             variants.get("formulir"), tuple(omit_fields), overrides)
        docs.append(form)
        expected |= {f"missing_field:{f}" for f in omit_fields if f in REQUIRED_FIELDS}
        if wrong_nip and "nip" not in omit_fields:
            expected.add("invalid:nip")
        expected -= {f"invalid:{f}" for f in omit_fields}
    if "surat_penunjukan" not in missing:
        on_sk = person
        if sk_other_person:
            on_sk = make_person(rng, person.kind, agency, gender=person.gender)
        elif sk_other_nip:
            nip = make_nip(rng, person.gender, person.kind)
            on_sk = replace(person, nip=nip, nip_printed=nip)
        if expired:
            sk_date = date(received.year - 1, rng.randint(1, 6), rng.randint(1, 28))
            valid_year = received.year - 1
            expected.add("expired:surat_penunjukan")
        else:
            sk_date = dated("surat_penunjukan", (10, 90))
            valid_year = max(sk_date.year, received.year)
        people = [on_sk] + others
        rng.shuffle(people)
        docs.append(make_surat_penunjukan(rng, people, head, agency, sk_date, valid_year,
                                          variants.get("surat_penunjukan")))
        if "formulir" not in missing:
            if sk_other_person and "nama" not in omit_fields:
                expected.add("mismatch:nama")
            if (sk_other_person or sk_other_nip) and "nip" not in omit_fields:
                expected.add("mismatch:nip")
    if "surat_permohonan" not in missing:
        docs.append(make_surat_permohonan(rng, person, head, agency,
                                          dated("surat_permohonan", (0, 6)),
                                          variants.get("surat_permohonan"),
                                          wrong_addressee=wrong_addressee))
        if wrong_addressee:
            expected.add("invalid:tujuan_surat")
    expected |= {f"future_date:{t}" for t in future if t not in missing}
    for extra in lainnya:
        if extra == "pakta_integritas":
            docs.append(make_pakta_integritas(rng, person, agency, received - timedelta(days=2)))
        elif extra == "invoice":
            docs.append(make_invoice(rng, agency, received - timedelta(days=20)))
        elif extra == "ktp":
            docs.append(make_ktp(rng, person, agency))
        else:
            raise ValueError(f"unknown lainnya document: {extra}")
    form = next((d for d in docs if d.doc_type == "formulir"), None)
    fields = None
    if form:
        fields = {k: form.expected.get(k) for k in REQUIRED_FIELDS}
    defects = {k: v for k, v in dict(
        missing=missing, omit_fields=omit_fields, wrong_nip=wrong_nip, bad_email=bad_email,
        bad_telepon=bad_telepon, sk_other_person=sk_other_person, sk_other_nip=sk_other_nip,
        expired=expired, future=future, wrong_addressee=wrong_addressee).items() if v}
    return Berkas(seed, person, head, agency, received, docs, expected, fields, others, font,
                  defects)
