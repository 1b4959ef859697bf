"""Invented people and (real-named) agencies for the blind set.  Addresses, numbers, emails and
people are made up."""

from __future__ import annotations

import datetime as dt
import random

MALE = ["Muhammad", "Ahmad", "Rizky", "Andi", "Budi", "Agus", "Dedi", "Hendra", "Irwan", "Syahrul",
        "Fajar", "Yusuf", "Rahmat", "Arif", "Dimas", "Fadli", "Hasanuddin", "Yohanes", "Markus",
        "Stefanus", "Gusti", "Awang", "Taufik", "Wahyu", "Bayu", "Ridwan", "Heri", "Junaidi",
        "Samuel", "Yosef", "Kornelius", "Imam", "Zainal", "Firman", "Aditya", "Reza"]
FEMALE = ["Siti", "Nur", "Dewi", "Rina", "Fitri", "Wulan", "Nurul", "Ayu", "Yuliana", "Maria",
          "Theresia", "Novita", "Rahmawati", "Sri", "Dwi", "Eka", "Ratna", "Herlina", "Yustina",
          "Anisa", "Mega", "Lestari", "Kartika", "Indah", "Rosalina", "Fransiska", "Aprilia",
          "Desy", "Hajrah", "Jumiati"]
MIDDLE = ["Nur", "Eka", "Dwi", "Tri", "Adi", "Budi", "Indra", "Kurnia", "Rahma", "Intan",
          "Cahya", ""]
FEM_LAST = {"Wijayanti", "Handayani", "Rahayu", "Utami", "Anggraini"}
LAST = ["Pratama", "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Hasibuan", "Nasution",
        "Simanjuntak", "Pakpahan", "Palinggi", "Rante", "Sampe", "Lawing", "Ingan", "Jalung",
        "Anyeq", "Noor", "Rahman", "Arsyad", "Mappanyukki", "Baso", "Wibowo", "Santoso", "Purnomo",
        "Susanto", "Wijayanti", "Handayani", "Rahayu", "Gunawan", "Wijaya", "Halim", "Tandirerung",
        "Sinaga", "Manurung", "Lumbantobing", "Parerung", "Sulaiman", "Marpaung", "Fauzi",
        "Ramadhan", "Hamzah", "Mahmud", "Saragih", "Situmorang", "Ginting", "Lesmana",
        "Prasetyo", "Firmansyah", "Hakim", "Maulana", "Syahputra", "Nugroho", "Utami", "Anggraini"]
DEGREES = ["S.Kom.", "S.T.", "S.E.", "S.Sos.", "S.H.", "S.Si.", "S.IP.", "S.Ak.", "S.Pd.",
           "A.Md.", "A.Md.Kom.", "S.Tr.Kom.", "S.Kep.", "S.AP.", "S.M."]
MASTERS = ["M.T.", "M.Si.", "M.M.", "M.Kom.", "M.AP.", "M.H.", "M.Ak."]
GOL = [("Pengatur", "II/c"), ("Pengatur Tingkat I", "II/d"), ("Penata Muda", "III/a"),
       ("Penata Muda Tingkat I", "III/b"), ("Penata", "III/c"), ("Penata Tingkat I", "III/d"),
       ("Pembina", "IV/a")]
HEAD_GOL = [("Pembina", "IV/a"), ("Pembina Tingkat I", "IV/b"), ("Pembina Utama Muda", "IV/c"),
            ("Pembina Utama Madya", "IV/d")]
JABATAN = ["Pranata Komputer Ahli Pertama", "Pranata Komputer Ahli Muda",
           "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
           "Pengelola Pengadaan Barang/Jasa Ahli Muda", "Analis Sistem Informasi",
           "Kepala Subbagian Umum dan Kepegawaian", "Pengadministrasi Perkantoran",
           "Penata Kelola Sistem dan Teknologi Informasi", "Perencana Ahli Pertama",
           "Analis Pengadaan Barang/Jasa", "Kepala Subbagian Program dan Keuangan",
           "Pengelola Layanan Operasional", "Arsiparis Ahli Pertama",
           "Kepala Seksi Sarana dan Prasarana", "Pengolah Data dan Informasi",
           "Kepala Subbagian Perencanaan dan Pelaporan", "Analis Keuangan Pusat dan Daerah"]
PPPK_JABATAN = ["Pranata Komputer Ahli Pertama", "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
                "Penata Kelola Sistem dan Teknologi Informasi", "Operator Layanan Operasional"]
MAILS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com"]


def _ag(**kw):
    kw.setdefault("city", "Samarinda")
    kw.setdefault("kind", "opd")
    return kw


PROV = "Pemerintah Provinsi Kalimantan Timur"
AGENCIES = [
    _ag(key="dinkes", instansi=PROV, satker="Dinas Kesehatan",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KESEHATAN"],
        addr="Jalan Anggur Nomor 7 Samarinda, Kalimantan Timur 75117",
        tel="(0541) 742316", fax="(0541) 742317", mail="dinkes@kaltimprov.go.id",
        web="dinkes.kaltimprov.go.id", head="Kepala Dinas Kesehatan", short="Kepala Dinas",
        domain="kaltimprov.go.id", sk_code="800.1.2"),
    _ag(key="pupr", instansi=PROV,
        satker="Dinas Pekerjaan Umum, Penataan Ruang dan Perumahan Rakyat",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR",
             "DINAS PEKERJAAN UMUM, PENATAAN RUANG", "DAN PERUMAHAN RAKYAT"],
        addr="Jalan Tepian Mahakam Nomor 1 Samarinda 75112",
        tel="(0541) 736103", fax="(0541) 736105", mail="pupr@kaltimprov.go.id",
        web="pupr.kaltimprov.go.id", head="Kepala Dinas Pekerjaan Umum, Penataan Ruang dan "
        "Perumahan Rakyat", short="Kepala Dinas", domain="kaltimprov.go.id", sk_code="000.8.3"),
    _ag(key="bpbd", instansi=PROV, satker="Badan Penanggulangan Bencana Daerah",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "BADAN PENANGGULANGAN BENCANA DAERAH"],
        addr="Jalan Gerilya Nomor 48 Samarinda 75243", tel="(0541) 7770214",
        fax="(0541) 7770215", mail="bpbd@kaltimprov.go.id", web="bpbd.kaltimprov.go.id",
        head="Kepala Pelaksana BPBD", short="Kepala Pelaksana", domain="kaltimprov.go.id",
        sk_code="300.2"),
    _ag(key="dkp", instansi=PROV, satker="Dinas Kelautan dan Perikanan",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KELAUTAN DAN PERIKANAN"],
        addr="Jalan Kesuma Bangsa Nomor 1 Samarinda 75123", tel="(0541) 743162",
        fax="(0541) 748712", mail="dkp@kaltimprov.go.id", web="dkp.kaltimprov.go.id",
        head="Kepala Dinas Kelautan dan Perikanan", short="Kepala Dinas",
        domain="kaltimprov.go.id", sk_code="500.5.1"),
    _ag(key="rsaws", instansi=PROV, satker="RSUD Abdoel Wahab Sjahranie", kind="rsud",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "RUMAH SAKIT UMUM DAERAH",
             "ABDOEL WAHAB SJAHRANIE"],
        addr="Jalan Palang Merah Indonesia Samarinda 75123", tel="(0541) 738118",
        fax="(0541) 741793", mail="rsudaws@kaltimprov.go.id", web="rsudaws.kaltimprov.go.id",
        head="Direktur RSUD Abdoel Wahab Sjahranie", short="Direktur", domain="gmail.com",
        sk_code="445"),
    _ag(key="bapenda", instansi=PROV, satker="Badan Pendapatan Daerah",
        kop=["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "BADAN PENDAPATAN DAERAH"],
        addr="Jalan Dr. Sutomo Nomor 3 Samarinda 75117", tel="(0541) 202011",
        fax="(0541) 202012", mail="bapenda@kaltimprov.go.id", web="bapenda.kaltimprov.go.id",
        head="Kepala Badan Pendapatan Daerah", short="Kepala Badan", domain="kaltimprov.go.id",
        sk_code="900.1.13"),
    _ag(key="mahulu", instansi="Pemerintah Kabupaten Mahakam Ulu", kind="kab",
        satker="Bagian Pengadaan Barang dan Jasa Sekretariat Daerah",
        kop=["PEMERINTAH KABUPATEN MAHAKAM ULU", "SEKRETARIAT DAERAH"],
        addr="Jalan Poros Ujoh Bilang, Kecamatan Long Bagun, Kabupaten Mahakam Ulu 75767",
        tel="(0545) 4120011", fax="(0545) 4120012", mail="setda@mahakamulukab.go.id",
        web="mahakamulukab.go.id", head="Sekretaris Daerah", short="Sekretaris Daerah",
        city="Ujoh Bilang", domain="mahakamulukab.go.id", sk_code="027",
        kepala="BUPATI MAHAKAM ULU"),
    _ag(key="berau", instansi="Pemerintah Kabupaten Berau", kind="kab",
        satker="Dinas Komunikasi, Informatika, Statistik dan Persandian",
        kop=["PEMERINTAH KABUPATEN BERAU",
             "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN"],
        addr="Jalan Pulau Panjang Nomor 2 Tanjung Redeb 77311", tel="(0554) 21432",
        fax="(0554) 21433", mail="diskominfo@beraukab.go.id", web="diskominfo.beraukab.go.id",
        head="Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
        short="Kepala Dinas", city="Tanjung Redeb", domain="beraukab.go.id", sk_code="500.12",
        kepala="BUPATI BERAU"),
    _ag(key="kanwilkum", instansi="Kementerian Hukum Republik Indonesia", kind="kanwil",
        satker="Kantor Wilayah Kementerian Hukum Kalimantan Timur",
        kop=["KEMENTERIAN HUKUM REPUBLIK INDONESIA", "KANTOR WILAYAH KALIMANTAN TIMUR"],
        addr="Jalan M. Yamin Nomor 1 Samarinda 75123", tel="(0541) 741326",
        fax="(0541) 741327", mail="kanwilkaltim@kemenkum.go.id",
        web="kaltim.kemenkum.go.id", head="Kepala Kantor Wilayah", short="Kepala Kantor Wilayah",
        domain="kemenkum.go.id", sk_code="W.17-KP.07.01"),
    _ag(key="kemenag", instansi="Kementerian Agama Republik Indonesia", kind="kanwil",
        satker="Kantor Wilayah Kementerian Agama Provinsi Kalimantan Timur",
        kop=["KEMENTERIAN AGAMA REPUBLIK INDONESIA",
             "KANTOR WILAYAH KEMENTERIAN AGAMA", "PROVINSI KALIMANTAN TIMUR"],
        addr="Jalan M.T. Haryono Nomor 1 Samarinda 75124", tel="(0541) 748502",
        fax="(0541) 748503", mail="kaltim@kemenag.go.id", web="kaltim.kemenag.go.id",
        head="Kepala Kantor Wilayah", short="Kepala Kantor Wilayah", domain="kemenag.go.id",
        sk_code="B-2241/Kw.17.1/KP.07.6"),
    _ag(key="polda", instansi="Kepolisian Negara Republik Indonesia", kind="polri",
        satker="Biro Logistik Polda Kalimantan Timur",
        kop=["KEPOLISIAN NEGARA REPUBLIK INDONESIA", "DAERAH KALIMANTAN TIMUR",
             "BIRO LOGISTIK"],
        addr="Jalan Syarifuddin Yoes Nomor 99 Balikpapan 76114", tel="(0542) 8862135",
        fax="(0542) 8862136", mail="rolog@kaltim.polri.go.id", web="kaltim.polri.go.id",
        head="Kepala Biro Logistik", short="Karolog", city="Balikpapan",
        domain="polri.go.id", sk_code="Sprin"),
    _ag(key="korem", instansi="Tentara Nasional Indonesia Angkatan Darat", kind="tni",
        satker="Komando Resor Militer 091/Aji Surya Natakesuma",
        kop=["KOMANDO DAERAH MILITER VI/MULAWARMAN",
             "KOMANDO RESOR MILITER 091/ASN"],
        addr="Jalan Sudirman Nomor 1 Samarinda 75111", tel="(0541) 742015",
        fax="(0541) 742016", mail="korem091@tniad.mil.id", web="korem091.tniad.mil.id",
        head="Komandan Korem 091/ASN", short="Danrem", domain="tniad.mil.id", sk_code="Sprin"),
    _ag(key="unmul", instansi="Kementerian Pendidikan Tinggi, Sains, dan Teknologi", kind="univ",
        satker="Universitas Mulawarman",
        kop=["KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI", "UNIVERSITAS MULAWARMAN"],
        addr="Gedung Rektorat, Jalan Kuaro, Gunung Kelua, Samarinda 75119",
        tel="(0541) 741118", fax="(0541) 732870", mail="rektorat@unmul.ac.id",
        web="www.unmul.ac.id", head="Rektor Universitas Mulawarman", short="Rektor",
        domain="unmul.ac.id", sk_code="UN17"),
    _ag(key="polnes", instansi="Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
        kind="univ", satker="Politeknik Negeri Samarinda",
        kop=["KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI",
             "POLITEKNIK NEGERI SAMARINDA"],
        addr="Jalan Cipto Mangunkusumo, Kampus Gunung Lipan, Samarinda Seberang 75131",
        tel="(0541) 260588", fax="(0541) 260355", mail="info@polnes.ac.id",
        web="www.polnes.ac.id", head="Direktur Politeknik Negeri Samarinda", short="Direktur",
        domain="polnes.ac.id", sk_code="PL7"),
    _ag(key="bps", instansi="Badan Pusat Statistik", kind="lembaga",
        satker="BPS Provinsi Kalimantan Timur",
        kop=["BADAN PUSAT STATISTIK", "PROVINSI KALIMANTAN TIMUR"],
        addr="Jalan Kemakmuran Nomor 4 Samarinda 75117", tel="(0541) 743914",
        fax="(0541) 732137", mail="bps6400@bps.go.id", web="kaltim.bps.go.id",
        head="Kepala BPS Provinsi Kalimantan Timur", short="Kepala", domain="bps.go.id",
        sk_code="B-64000"),
    _ag(key="ppu", instansi="Pemerintah Kabupaten Penajam Paser Utara", kind="kab",
        satker="RSUD Ratu Aji Putri Botung",
        kop=["PEMERINTAH KABUPATEN PENAJAM PASER UTARA", "RUMAH SAKIT UMUM DAERAH",
             "RATU AJI PUTRI BOTUNG"],
        addr="Jalan Provinsi KM 9, Kelurahan Nipah-Nipah, Penajam 76142", tel="(0542) 7210115",
        fax="(0542) 7210116", mail="rsudrapb@penajamkab.go.id", web="rsud.penajamkab.go.id",
        head="Direktur RSUD Ratu Aji Putri Botung", short="Direktur", city="Penajam",
        domain="penajamkab.go.id", sk_code="445", kepala="BUPATI PENAJAM PASER UTARA"),
    _ag(key="bontang", instansi="Pemerintah Kota Bontang", kind="kota",
        satker="Dinas Pendidikan dan Kebudayaan",
        kop=["PEMERINTAH KOTA BONTANG", "DINAS PENDIDIKAN DAN KEBUDAYAAN"],
        addr="Jalan Awang Long Nomor 5 Bontang 75311", tel="(0548) 21512",
        fax="(0548) 21513", mail="disdikbud@bontangkota.go.id",
        web="disdikbud.bontangkota.go.id", head="Kepala Dinas Pendidikan dan Kebudayaan",
        short="Kepala Dinas", city="Bontang", domain="bontangkota.go.id", sk_code="400.3",
        kepala="WALI KOTA BONTANG"),
    _ag(key="bwsk4", instansi="Kementerian Pekerjaan Umum", kind="balai",
        satker="Balai Wilayah Sungai Kalimantan IV Samarinda",
        kop=["KEMENTERIAN PEKERJAAN UMUM", "DIREKTORAT JENDERAL SUMBER DAYA AIR",
             "BALAI WILAYAH SUNGAI KALIMANTAN IV SAMARINDA"],
        addr="Jalan Tengkawang Nomor 1 Samarinda 75123", tel="(0541) 4121301",
        fax="(0541) 4121302", mail="bwskalimantan4@pu.go.id", web="sda.pu.go.id/balai/bwskal4",
        head="Kepala Balai Wilayah Sungai Kalimantan IV Samarinda", short="Kepala Balai",
        domain="pu.go.id", sk_code="KP.0301-Bws.35"),
]
AG = {a["key"]: a for a in AGENCIES}


class People:
    """Deterministic invented people with valid, unique NIPs."""

    def __init__(self, rng: random.Random):
        self.r = rng
        self.used_nip: set[str] = set()
        self.used_names: set[str] = set()

    def _name(self, g: int) -> str:
        r = self.r
        while True:
            first = r.choice(MALE if g == 1 else FEMALE)
            mid = r.choice(MIDDLE + (["Putra", "Bagus"] if g == 1 else ["Putri", "Ayu", "Sari"]))
            last = r.choice(LAST if g == 2 else [x for x in LAST if x not in FEM_LAST])
            parts = [first] + ([mid] if mid and mid != first and r.random() < .55 else []) + [last]
            if r.random() < .08 and g == 1 and first not in ("Andi", "Gusti", "Awang"):
                parts = ["Andi"] + parts
            n = " ".join(parts)
            if n not in self.used_names and len(set(parts)) == len(parts):
                self.used_names.add(n)
                return n

    def nip(self, birth: dt.date, tmt: tuple[int, int], g: int, pppk: bool = False) -> str:
        while True:
            seq = self.r.randint(1, 40) if self.r.random() < .7 else self.r.randint(41, 999)
            if pppk:
                n = f"{birth:%Y%m%d}{tmt[0]}21{g}{seq:03d}"
            else:
                n = f"{birth:%Y%m%d}{tmt[0]}{tmt[1]:02d}{g}{seq:03d}"
            if n not in self.used_nip:
                self.used_nip.add(n)
                return n

    def person(self, head: bool = False, pppk: bool = False, g: int | None = None,
               degree: bool | None = None, domain: str | None = None,
               max_tmt: int = 2024) -> dict:
        r = self.r
        g = g or r.choice((1, 2))
        plain = self._name(g)
        by = r.randint(1966, 1976) if head else r.randint(1978, 1998)
        birth = dt.date(by, r.randint(1, 12), r.randint(1, 28))
        if pppk:
            tmt = (r.choice((2022, 2023, 2024)), 0)
        else:
            ty = min(by + r.randint(22, 30), max_tmt)
            tmt = (ty, r.choice((1, 2, 3, 4, 12)))
        nip = self.nip(birth, tmt, g, pppk)
        front = ""
        if head and r.random() < .35:
            front = r.choice(["Dr. ", "Ir. ", "H. " if g == 1 else "Hj. ", "Drs. " if g == 1
                              else "Dra. "])
        degs = []
        if degree or (degree is None and r.random() < .85):
            degs.append(r.choice(DEGREES))
            if head or r.random() < .25:
                degs.append(r.choice(MASTERS))
        nama = front + plain + ("" if not degs else ", " + ", ".join(degs))
        first = plain.lower().split()
        local = r.choice([f"{first[0]}.{first[-1]}", f"{first[0]}{first[-1]}{birth:%y}",
                          f"{first[0]}_{first[-1]}", f"{first[-1]}.{first[0]}{r.randint(1, 99)}",
                          f"{first[0]}{first[-1][:3]}{birth.day:02d}"])
        local = local.replace("'", "")
        dom = domain if (domain and r.random() < .5) else r.choice(MAILS)
        if len(local) + len(dom) > 31:
            local = f"{first[0][:8]}{first[-1][:4]}{birth.day:02d}"
        if len(local) + len(dom) > 31:
            dom = r.choice(MAILS)
        hp = "08" + r.choice(["11", "12", "13", "21", "22", "52", "53", "77", "78", "95", "96",
                              "81", "57"])
        hp += "".join(str(r.randint(0, 9)) for _ in range(r.choice((7, 8, 8, 8))))
        pk = r.choice(HEAD_GOL if head else GOL)
        return dict(plain=plain, nama=nama, g=g, birth=birth.isoformat(), nip=nip,
                    pangkat=pk[0], gol=pk[1], email=f"{local}@{dom}", hp=hp, pppk=pppk,
                    jabatan=r.choice(PPPK_JABATAN if pppk else JABATAN), nrp=None)

    def officer(self, army: bool = False) -> dict:
        """A police or army member: identified by an NRP, not a NIP."""
        r = self.r
        g = 1
        plain = self._name(g)
        if army:
            rank = r.choice(["Serka", "Sertu", "Peltu", "Lettu Inf", "Kapten Czi", "Mayor Inf"])
            nrp = f"{r.choice(('21', '31', '11'))}{r.randint(900000, 999999)}"
        else:
            rank = r.choice(["Brigadir Polisi", "Bripka", "Aipda", "Iptu", "AKP", "Kompol"])
            nrp = f"{r.randint(70, 99)}{r.randint(1, 12):02d}{r.randint(1000, 9999)}"
        return dict(plain=plain, nama=plain + (", " + r.choice(DEGREES) if r.random() < .5
                                                else ""),
                    g=g, nip=None, nrp=nrp, pangkat=rank, gol="", email="", hp="",
                    jabatan=r.choice(["Bamin Sibekang", "Pasi Log", "Bati Urlog", "Paur Bekum"]
                                     if army else ["Bamin Subbagrenmin", "Paur Subbagada",
                                                   "Banum Rolog", "Kasubbagada Rolog"]),
                    pppk=False)
