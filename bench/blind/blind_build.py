"""Case builder of the blind set: documents, files, zips and emails, and their truth."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import random
from dataclasses import dataclass, field
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime

import blind_media as M  # noqa: E402
import numpy as np
from blind_common import (  # noqa: E402
    derive_codes,
    digits,
    name_key,
    phone_digits,
    tgl,
)
from blind_data import AG, People  # noqa: E402
from blind_docx import DOCX_LAYOUTS  # noqa: E402
from blind_pdf import LAYOUTS, ROMAN, nip_fmt  # noqa: E402

WITA = dt.timezone(dt.timedelta(hours=8))
FAMS = ["lsans", "lserif", "lnarrow", "dsans", "dserif", "dcond", "fsans", "fserif"]

VALID_TUJUAN = {
    "lpse": ["Kepala LPSE Provinsi Kalimantan Timur"],
    "biro": ["Kepala Biro Pengadaan Barang/Jasa", "Sekretariat Daerah Provinsi Kalimantan Timur"],
    "cq_gub": ["Gubernur Kalimantan Timur", "c.q. Kepala Biro Pengadaan Barang/Jasa",
               "Setda Provinsi Kalimantan Timur"],
    "lpse_long": ["Kepala Layanan Pengadaan Secara Elektronik (LPSE)",
                  "Provinsi Kalimantan Timur"],
    "cq_sekda": ["Sekretaris Daerah Provinsi Kalimantan Timur",
                 "c.q. Kepala Biro Pengadaan Barang dan Jasa",
                 "selaku Kepala LPSE Provinsi Kalimantan Timur"],
    "biro_short": ["Bapak Kepala Biro Pengadaan Barang/Jasa Setda Prov. Kaltim"],
}
INVALID_TUJUAN = {
    "lpse_kutim": (["Kepala LPSE Kabupaten Kutai Timur"], "Sangatta"),
    "cq_kominfo": (["Gubernur Kalimantan Timur",
                    "c.q. Kepala Dinas Komunikasi dan Informatika",
                    "Provinsi Kalimantan Timur"], "Samarinda"),
    "bkd": (["Kepala Badan Kepegawaian Daerah", "Provinsi Kalimantan Timur"], "Samarinda"),
    "biro_umum": (["Kepala Biro Umum Sekretariat Daerah", "Provinsi Kalimantan Timur"],
                  "Samarinda"),
    "lpse_bpp": (["Kepala LPSE Kota Balikpapan"], "Balikpapan"),
}
LABELS = {
    "nama": ["Nama Lengkap", "Nama (beserta gelar)", "Nama Lengkap dan Gelar", "Nama Pemohon",
             "Nama Calon Admin Agency"],
    "nip": ["NIP", "NIP/NRP/NI PPPK", "NIP / NI PPPK", "Nomor Induk Pegawai (NIP)"],
    "jabatan": ["Jabatan", "Jabatan Saat Ini", "Jabatan/Eselon", "Jabatan Fungsional/Pelaksana"],
    "instansi": ["Instansi", "Nama Instansi", "K/L/PD/I", "Instansi Induk"],
    "satuan_kerja": ["Satuan Kerja", "Unit Kerja / OPD", "Perangkat Daerah", "Satker/SKPD",
                     "Nama Satuan Kerja", "Unit Organisasi"],
    "email": ["Email", "Alamat Email (aktif)*", "E-mail Pribadi", "Surel",
              "Alamat Surat Elektronik (Surel)"],
    "telepon": ["No. HP / WhatsApp**", "Nomor Telepon Seluler", "No. Handphone", "Telepon/HP",
                "Nomor HP (aktif WA)"],
}
KOTA_NIK = {"Samarinda": ("KOTA SAMARINDA", "6472"), "Balikpapan": ("KOTA BALIKPAPAN", "6471"),
            "Tanjung Redeb": ("KABUPATEN BERAU", "6403"), "Bontang": ("KOTA BONTANG", "6474"),
            "Penajam": ("KABUPATEN PENAJAM PASER UTARA", "6409"),
            "Ujoh Bilang": ("KABUPATEN MAHAKAM ULU", "6411")}


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, min(d.day, 28))


def fmt_phone(hp: str, style: str) -> str:
    a, b, c = hp[:4], hp[4:8], hp[8:]
    rest = hp[1:]
    return {"plain": hp, "dash4": f"{a}-{b}-{c}", "space4": f"{a} {b} {c}",
            "intl": f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}",
            "intl_paren": f"(+62) {rest[:3]} {rest[3:7]} {rest[7:]}",
            "dots": f"{a}.{b}.{c}", "62": "62" + rest}[style]


@dataclass(eq=False)
class Dc:
    type: str
    layout: str
    fields: dict
    pdf: bytes | None = None
    docx: bytes | None = None
    npages: int = 1
    gradable: bool = True


@dataclass(eq=False)
class Fl:
    name: str
    kind: str          # pdf scan jpg png tiff docx raw
    pages: list        # [(Dc, page index)]
    opts: dict = field(default_factory=dict)
    data: bytes | None = None


@dataclass(eq=False)
class Zp:
    name: str
    members: list      # [(path, Fl)]
    password: str | None = None


@dataclass(eq=False)
class Em:
    name: str
    subject: str
    sender: tuple
    date: dt.datetime
    text: str
    html: str | None = None
    parts: list = field(default_factory=list)     # Fl | Zp | Em (forwarded as rfc822)
    inline: list = field(default_factory=list)    # [(cid, Fl)]
    rfc2231: set = field(default_factory=set)     # names to encode with continuations
    to: str = "LPSE Provinsi Kalimantan Timur <lpse@kaltimprov.go.id>"


class Builder:
    def __init__(self, gen: Gen, key: str, category: str, channel: str):
        self.gen = gen
        self.key = key
        h = f"{gen.seed}:{key}"
        self.r = random.Random(h)
        self.rs = np.random.default_rng(abs(hash_str(h)) % (2 ** 32))
        self.seed = hash_str(h) % 100000
        self.people: People = gen.people
        self.category, self.channel = category, channel
        self.nodes: list = []
        self.codes: list[str] = []
        self.extra_ok: list[str] = []
        self.notes: list[str] = []
        self.packaging = ""
        self.layouts: list[str] = []
        self.fam = self.r.choice(FAMS)
        self.sources: list[tuple[str, bytes]] = []

    # -- people and dates -------------------------------------------------------------------
    def setup(self, ag_key: str, pppk=False, recv: dt.date | None = None, degree=None,
              max_tmt=2024):
        r = self.r
        self.ag = AG[ag_key]
        dom = self.ag["domain"]
        self.app = self.people.person(pppk=pppk, domain=dom, degree=degree, max_tmt=max_tmt)
        self.head = self.people.person(head=True)
        self.sek = self.people.person(head=True)
        if self.ag["kind"] in ("polri", "tni"):
            # a police or army head signs with rank and NRP, not a NIP
            pol = self.ag["kind"] == "polri"
            nrp = f"{r.randint(68, 76)}{r.randint(1, 12):02d}{r.randint(1000, 9999)}"
            self.head = dict(self.head, nama=self.head["plain"] + (", S.I.K." if pol else ""),
                             nip=None, pangkat=None, nrp=nrp,
                             rank_line="KOMBES POL" if pol else "KOLONEL CZI")
        if recv is None:
            while True:
                recv = dt.date(2026, 2, 2) + dt.timedelta(days=r.randint(0, 310))
                if recv.weekday() < 5:
                    break
        self.recv = recv
        self.d_letter = recv - dt.timedelta(days=r.randint(1, 9))
        self.d_form = self.d_letter - dt.timedelta(days=r.randint(0, 3))
        self.d_sk = self.d_letter - dt.timedelta(days=r.randint(8, 160))
        self.wilayah = {"opd": "Provinsi Kalimantan Timur", "rsud": "Provinsi Kalimantan Timur",
                        "kab": self.ag["instansi"].replace("Pemerintah ", ""),
                        "kota": self.ag["instansi"].replace("Pemerintah ", "")}.get(
            self.ag["kind"], "")
        if self.ag["kind"] in ("kab", "kota") and "kepala" not in self.ag:
            self.wilayah = self.ag["instansi"].replace("Pemerintah ", "")
        return self

    def nomor(self, kind: str, d: dt.date) -> str:
        r, ag = self.r, self.ag
        n = r.randint(21, 2890)
        abbr = ag["key"].upper()
        k = ag["kind"]
        if k == "kanwil":
            return (f"{ag['sk_code'].split('-')[0]}-{'UM.01.01' if kind == 'L' else 'KP.07.01'}"
                    f"-{n}" if ag["key"] == "kanwilkum" else
                    f"B-{n}/Kw.17.1/{'HM.01' if kind == 'L' else 'KP.07.6'}/{d.month:02d}/"
                    f"{d.year}")
        if k in ("polri", "tni"):
            unit = "LOG.1.1." if k == "polri" else "Renlog"
            return (f"Sprin/{n}/{ROMAN[d.month - 1]}/{unit}/{d.year}" if kind == "S" else
                    f"B/{n}/{ROMAN[d.month - 1]}/{unit}/{d.year}")
        if k == "univ":
            return f"{n}/{ag['sk_code']}/{'KP' if kind == 'S' else 'TU.00.01'}/{d.year}"
        if k == "balai":
            return f"{'UM' if kind == 'L' else 'KP'}.03.01-Bws35/{n}"
        if k == "lembaga":
            return f"B-{n}/64000/{'KP.650' if kind == 'S' else 'HM.340'}/{d.year}"
        if kind == "KD":
            return f"100.3.3.2/K.{n}/{d.year}"
        if kind == "L":
            return f"000.3/{n}/{abbr}-UM/{ROMAN[d.month - 1]}/{d.year}"
        return f"{ag['sk_code']}/{n}/{abbr}/{d.year}"

    # -- documents --------------------------------------------------------------------------
    def _mk(self, layout: str, ctx: dict) -> tuple[bytes | None, bytes | None, int]:
        if layout in DOCX_LAYOUTS:
            return None, DOCX_LAYOUTS[layout](ctx), 1
        doc = LAYOUTS[layout](ctx)
        data = bytes(doc.output())
        return data, None, doc.pages_count

    def labels(self, **fixed) -> dict:
        r = self.r
        lab = {k: r.choice(v) for k, v in LABELS.items()}
        if self.app.get("pppk") and r.random() < .8:
            lab["nip"] = r.choice(["NIP/NI PPPK", "NI PPPK / NIP", "NIP / NRP / NI PPPK"])
        lab.update(fixed)
        return lab

    def printed(self, *, upper=False, nipstyle=None, phone=None, email_case=False,
                missing=(), **override) -> dict:
        p, ag, r = self.app, self.ag, self.r
        nipstyle = nipstyle or r.choice(["spaced", "plain", "spaced", "plain"])
        phone = phone or r.choice(["plain", "dash4", "space4", "intl", "intl_paren", "dots"])
        email = p["email"]
        if email_case:
            loc, dom = email.split("@")
            email = ".".join(s.capitalize() for s in loc.split(".")) + "@" + dom.capitalize()
        v = dict(nama=p["nama"].upper() if upper else p["nama"],
                 nip=nip_fmt(p["nip"], nipstyle), jabatan=p["jabatan"], instansi=ag["instansi"],
                 satuan_kerja=ag["satker"], email=email, telepon=fmt_phone(p["hp"], phone))
        v.update(override)
        for f in missing:
            v[f] = None
        return v

    def form(self, layout: str, *, v: dict | None = None, labels: dict | None = None,
             date: dt.date | None = None, paper=None, fam=None, **kw) -> Dc:
        r = self.r
        v = v or self.printed()
        date = date or self.d_form
        ctx = dict(v=v, ag=self.ag, head=self.head, date=date, rng=r, seed=self.seed + 100,
                   fam=fam or self.fam, size=kw.pop("size", r.choice([10, 10.5, 11])),
                   paper=paper or r.choice(["A4", "A4", "F4"]), labels=labels or self.labels(),
                   pangkat_gol=f"{self.app['pangkat']} ({self.app['gol']})"
                   if not self.app["pppk"] else "IX (PPPK)", pppk=self.app["pppk"],
                   nik=self.nik(), atasan=self.people.person(head=True), **kw)
        if layout == "fm_replacement" and "old" not in ctx:
            ctx["old"] = self.people.person()
        pdf, docx, n = self._mk(layout, ctx)
        fields = dict(nama=v["nama"], nip=digits(v["nip"]) or None, jabatan=v["jabatan"],
                      instansi=v["instansi"], satuan_kerja=v["satuan_kerja"],
                      email=v["email"].lower() if v["email"] else None,
                      telepon=phone_digits(v["telepon"]), tanggal=date.isoformat())
        self.layouts.append(layout)
        return Dc("formulir", layout, fields, pdf, docx, n)

    def nik(self) -> str:
        city = self.ag["city"]
        code = KOTA_NIK.get(city, ("KOTA SAMARINDA", "6472"))[1]
        b = dt.date.fromisoformat(self.app["birth"])
        day = b.day + (40 if self.app["g"] == 2 else 0)
        return f"{code}{self.r.randint(1, 12):02d}{day:02d}{b:%m%y}{self.r.randint(1, 9999):04d}"

    def validity(self, kind: str, d: dt.date, word="Keputusan ini", until: dt.date | None = None,
                 months=6):
        if kind == "none":
            return f"{word} mulai berlaku pada tanggal ditetapkan.", "sejak ditetapkan", None
        if kind == "none_koreksi":
            return (f"{word} berlaku sejak tanggal ditetapkan, dengan ketentuan apabila di "
                    "kemudian hari terdapat kekeliruan akan diadakan perbaikan sebagaimana "
                    "mestinya.", "sejak ditetapkan", None)
        if kind == "until":
            assert until
            return (f"{word} berlaku sejak tanggal ditetapkan sampai dengan tanggal {tgl(until)}.",
                    f"sampai dengan {tgl(until)}", until.isoformat())
        if kind == "range":
            assert until
            start = dt.date(until.year, 1, 2) if until.month == 12 else d
            return (f"{word} berlaku terhitung mulai tanggal {tgl(start)} sampai dengan tanggal "
                    f"{tgl(until)}.", f"{tgl(start)} s.d. {tgl(until)}", until.isoformat())
        if kind == "months":
            words = {3: "tiga", 6: "enam", 12: "dua belas", 18: "delapan belas"}[months]
            u = add_months(d, months)
            return (f"{word} berlaku untuk jangka waktu {months} ({words}) bulan terhitung sejak "
                    "tanggal ditetapkan.", f"{months} bulan sejak ditetapkan", u.isoformat())
        if kind == "years2":
            u = add_months(d, 24)
            return (f"{word} berlaku selama 2 (dua) tahun sejak tanggal ditetapkan dan dapat "
                    "ditinjau kembali apabila terdapat perubahan.", "2 tahun sejak ditetapkan",
                    u.isoformat())
        if kind == "ta":
            u = dt.date(d.year, 12, 31)
            return (f"{word} berlaku sejak tanggal ditetapkan sampai dengan berakhirnya Tahun "
                    f"Anggaran {d.year}.", f"Tahun Anggaran {d.year}", u.isoformat())
        raise ValueError(kind)

    def appointee(self, p: dict, role="Admin Agency", unit=None) -> dict:
        q = dict(p)
        q["role"] = role
        if unit:
            q["unit"] = unit
        return q

    def sk(self, layout: str, *, validity=("none",), others=2, pos=None, date=None, upper=None,
           nipstyle=None, applicant: dict | None = None, only_others=False, paper=None,
           signer_prefix="", **kw) -> Dc:
        r, ag = self.r, self.ag
        date = date or self.d_sk
        word = {"sk_sprin": "surat perintah ini", "sk_penunjukan_ybt": "Surat penunjukan ini"}.get(
            layout, "Keputusan ini")
        vkind = validity[0]
        vt, berlaku, until = self.validity(vkind, date, word, *validity[1:2],
                                           **(validity[2] if len(validity) > 2 else {}))
        if layout == "sk_sprin":
            vt = vt[0].lower() + vt[1:-1] + ";"
        app = applicant or self.app
        ppl = []
        if layout in ("sk_penunjukan_ybt", "sk_perubahan"):
            others = 0
        for _ in range(others):
            if layout == "sk_sprin" and r.random() < .6:
                ppl.append(self.people.officer(army=ag["kind"] == "tni"))
            else:
                q = self.people.person(domain=ag["domain"], max_tmt=min(2024, date.year - 1))
                if layout == "sk_kepala_daerah":
                    okey = r.choice([k for k in AG if AG[k]["instansi"] == ag["instansi"]
                                     and k != ag["key"]] or [ag["key"]])
                    q["unit"] = AG[okey]["satker"] if okey != ag["key"] else r.choice(
                        ["Dinas Pariwisata", "Dinas Sosial", "Inspektorat Daerah",
                         "Badan Kepegawaian dan Pengembangan SDM", "Dinas Perhubungan",
                         "Dinas Kesehatan", "Dinas Pendidikan", "Bappeda"])
                    q["role"] = r.choice(["Admin Agency", "Admin Agency", "Verifikator",
                                          "Helpdesk"])
                ppl.append(q)
        if not only_others:
            pos = pos if pos is not None else (r.randint(1, len(ppl)) if ppl else 0)
            ppl.insert(pos, self.appointee(app, unit=ag["satker"]))
        if upper is None:
            upper = layout == "sk_kepala_daerah" or r.random() < .3
        nipstyle = nipstyle or r.choice(["plain", "spaced"])
        signer = self.head
        ctx = dict(ag=ag, signer=signer, date=date, city=ag["city"], rng=r, seed=self.seed + 200,
                   fam=kw.pop("fam", self.fam), size=kw.pop("size", r.choice([10.5, 11, 11.5])),
                   paper=paper or r.choice(["A4", "F4", "F4"]), people=ppl,
                   validity_text=vt, nipstyle=nipstyle, upper=upper, wilayah=self.wilayah,
                   signer_prefix=signer_prefix,
                   ref_date=date - dt.timedelta(days=r.randint(10, 40)), **kw)
        ctx["ref_no"] = f"000.3/{r.randint(100, 999)}/B.PBJ-LPSE/{ctx['ref_date'].year}"
        nomor = self.nomor("KD" if layout == "sk_kepala_daerah" else "S", date)
        ctx["nomor"] = nomor
        if layout == "sk_sprin":
            k = ag["kind"]
            ctx["signer"] = dict(nama=signer["plain"] + ", S.I.K., M.H." if k == "polri"
                                 else signer["plain"],
                                 nrp=f"{r.randint(68, 75)}{r.randint(1, 12):02d}"
                                 f"{r.randint(1000, 9999)}"
                                 if k == "polri" else f"11{r.randint(900000, 999999)}",
                                 rank_line="KOMISARIS BESAR POLISI" if k == "polri"
                                 else "KOLONEL INF")
            ctx["signer_jab"] = ("KEPALA BIRO LOGISTIK POLDA KALTIM" if k == "polri"
                                 else "KOMANDAN KOREM 091/ASN")
            ctx["atasan_jab"] = "Kapolda Kaltim" if k == "polri" else "Pangdam VI/Mulawarman"
            signer = ctx["signer"]
        if layout == "sk_kepala_daerah":
            kd = self.people.person(head=True, degree=True)
            ctx["signer"] = dict(nama=kd["nama"])
            ctx["salinan"] = self.people.person(head=True)
            signer = ctx["signer"]
        if layout == "sk_perubahan":
            ctx.setdefault("old", self.people.person())
            ctx["old_no"] = self.nomor("S", date - dt.timedelta(days=r.randint(400, 900)))
        pdf, _, n = self._mk(layout, ctx)
        ditunjuk = [dict(nama=q["nama"].upper() if upper else q["nama"],
                         nip=q["nip"], **({"nrp": q["nrp"]} if q.get("nrp") else {}))
                    for q in ppl]
        fields = dict(nomor=nomor, tanggal=date.isoformat(), berlaku=berlaku,
                      berlaku_sampai=until, ditunjuk=ditunjuk, penandatangan=signer["nama"])
        self.layouts.append(layout)
        self.last_sk = (nomor, {"sk_kadis_kolom": "Keputusan " + ag["head"],
                                "sk_diktum_list": "Keputusan " + ag["head"],
                                "sk_sprin": "Surat Perintah " + ag["short"],
                                "sk_penunjukan_ybt": "Surat Penunjukan " + ag["short"],
                                "sk_perubahan": "Keputusan " + ag["head"],
                                "sk_kepala_daerah": "Keputusan " + ag.get("kepala", "").title()
                                }[layout])
        return Dc("surat_penunjukan", layout, fields, pdf, None, n)

    def letter(self, layout: str, *, tujuan="lpse", date=None, signer="head", person=None,
               paper=None, contact=None, **kw) -> Dc:
        r, ag = self.r, self.ag
        date = date or self.d_letter
        if tujuan in VALID_TUJUAN:
            lines, kota = VALID_TUJUAN[tujuan], "Samarinda"
        else:
            lines, kota = INVALID_TUJUAN[tujuan]
        p = dict(person or self.app)
        if r.random() < .4 and not person:
            p["nama"] = p["plain"]
        sk_no, sk_title = getattr(self, "last_sk", (self.nomor("S", self.d_sk),
                                                    "Keputusan " + ag["head"]))
        if signer == "head":
            s, top = self.head, [ag["head"] + ","]
        elif signer == "an":
            s, top = self.sek, [f"a.n. {ag['short']}", "Sekretaris,"]
        else:
            s, top = self.head, [f"Plt. {ag['head']},"]
        if ag["kind"] in ("polri", "tni"):
            s = dict(nama=self.head["plain"], nrp=f"{r.randint(68, 75)}{r.randint(1, 12):02d}"
                     f"{r.randint(1000, 9999)}", rank_line="AKBP" if ag["kind"] == "polri"
                     else "LETKOL CZI")
            top = [("a.n. " if signer == "an" else "") + ag["head"].upper() + ","]
        if len(top[0]) > 40 and signer == "head":
            top = [ag["short"] + ","]
        ctx = dict(ag=ag, person=p, date=date, city=ag["city"], rng=r, seed=self.seed + 300,
                   fam=kw.pop("fam", self.fam), size=kw.pop("size", r.choice([11, 11.5, 12])),
                   paper=paper or r.choice(["A4", "F4"]), tujuan_lines=lines, tujuan_kota=kota,
                   nomor=self.nomor("L", date), hal=kw.pop("hal", r.choice([
                       "Permohonan Pembuatan Akun Admin Agency",
                       "Permohonan Akun Admin Agency SPSE", "Usulan Admin Agency SPSE",
                       "Pengajuan Akun Admin Agency LPSE"])), signer=s, sign_top=top,
                   nipstyle=r.choice(["plain", "spaced"]), sk_no=sk_no, sk_title=sk_title,
                   contact=contact, **kw)
        pdf, _, n = self._mk(layout, ctx)
        fields = dict(nomor=ctx["nomor"], tanggal=date.isoformat(), tujuan=" ".join(lines),
                      hal=ctx["hal"], nama=p["nama"],
                      nip=p["nip"] if layout != "lt_pengantar" else None,
                      penandatangan=s["nama"])
        self.layouts.append(layout)
        return Dc("surat_permohonan", layout, fields, pdf, None, n)

    def extra(self, layout: str, date=None, **kw) -> Dc:
        r = self.r
        date = date or self.d_form
        p = kw.pop("person", self.app)
        city = self.ag["city"]
        kota, code = KOTA_NIK.get(city, ("KOTA SAMARINDA", "6472"))
        b = dt.date.fromisoformat(p["birth"])
        ktp = dict(kota=kota, nik=kw.pop("nik", None) or self.nik(), nama=p["plain"].upper(),
                   ttl=f"{city.upper()}, {b:%d-%m-%Y}",
                   jk="LAKI-LAKI" if p["g"] == 1 else "PEREMPUAN",
                   alamat=f"JL. {r.choice(['PM NOOR', 'JUANDA', 'PRAMUKA', 'SIRADJ SALMAN'])} "
                   f"GG. {r.randint(1, 20)} NO. {r.randint(1, 80)}",
                   rtrw=f"{r.randint(1, 40):03d}/{r.randint(1, 9):03d}",
                   kel=r.choice(["SIDODADI", "AIR PUTIH", "GUNUNG KELUA", "SEMPAJA SELATAN"]),
                   kec=r.choice(["SAMARINDA ULU", "SAMARINDA UTARA", "SUNGAI PINANG"]),
                   agama=r.choice(["ISLAM", "KRISTEN", "KATOLIK"]), terbit=f"{r.randint(1, 28):02d}"
                   f"-{r.randint(1, 12):02d}-{r.randint(2013, 2022)}")
        ctx = dict(ag=self.ag, person=p, date=date, rng=r, seed=self.seed + 400,
                   fam=kw.pop("fam", self.fam), size=11, paper="A4", ktp=ktp,
                   nomor=f"{r.randint(100, 999)}/SERT/LPSE-KT/{date.year}",
                   lpse_head=self.people.person(head=True), **kw)
        pdf, _, n = self._mk(layout, ctx)
        fields = {"x_pakta": dict(nama=p["nama"], nip=p["nip"]),
                  "x_pernyataan": dict(nama=p["nama"], nip=p["nip"]),
                  "x_ktp": dict(nik=ktp["nik"], nama=ktp["nama"]),
                  "x_sertifikat": dict(nama=p["nama"], nip=p["nip"])}.get(layout, {})
        self.layouts.append(layout)
        return Dc("lainnya", layout.replace("x_", "") if layout != "x_blank" else "blank",
                  fields, pdf, None, n)

    # -- files ------------------------------------------------------------------------------
    @staticmethod
    def _pages(items) -> list:
        out = []
        for it in items:
            if isinstance(it, tuple):
                out.append(it)
            else:
                out.extend((it, i) for i in range(it.npages))
        return out

    def pdf(self, name, *items, **opts) -> Fl:
        return Fl(name, "pdf", self._pages(items), opts)

    def docx(self, name, d: Dc) -> Fl:
        return Fl(name, "docx", [(d, 0)])

    def scan(self, name, *items, kind="scan", **opts) -> Fl:
        return Fl(name, kind, self._pages(items), opts)

    def raw(self, name, d: Dc, data: bytes) -> Fl:
        d.gradable = False
        return Fl(name, "raw", [(d, 0)], data=data)

    def put(self, *nodes):
        self.nodes.extend(nodes)

    def code(self, *codes, extra=()):
        self.codes.extend(codes)
        self.extra_ok.extend(extra)


def hash_str(s: str) -> int:
    import zlib
    return zlib.crc32(s.encode()) * 2654435761 % (2 ** 31)


# =============================================================================================
# materialising files
# =============================================================================================
def materialise(b: Builder, fl: Fl) -> bytes:
    if fl.data is not None and fl.kind == "raw":
        return fl.data
    if fl.kind == "docx":
        return fl.pages[0][0].docx
    if fl.kind == "pdf":
        docs = {id(d) for d, _ in fl.pages}
        d0 = fl.pages[0][0]
        if len(docs) == 1 and [i for _, i in fl.pages] == list(range(d0.npages)):
            data = d0.pdf
        else:
            data = M.merge_pdfs([(d.pdf, i) for d, i in fl.pages])
        if "encrypt" in fl.opts:
            user, owner = fl.opts["encrypt"]
            data = M.protect(data, user, owner, fl.opts.get("alg", "AES-128"))
            if user:
                for d, _ in fl.pages:
                    d.gradable = False
        return data
    # image kinds
    o = fl.opts
    per = o.get("per", {})
    ims = []
    for k, (d, i) in enumerate(fl.pages):
        po = {**o.get("all", {}), **per.get(k, {})}
        if fl.kind in ("jpg", "png") and o.get("photo"):
            img = M.render(d.pdf, i, o.get("dpi", 170))
            im = M.photo(img, b.rs, **o["photo"])
        else:
            img = M.render(d.pdf, i, o.get("dpi", 200))
            skew = po.pop("skew", None)
            if skew is None:
                skew = float(b.rs.uniform(-o.get("maxskew", 1.5), o.get("maxskew", 1.5)))
            im = M.scan(img, b.rs, skew=skew, **po)
            if po.get("unreadable"):
                d.gradable = False
        ims.append(im)
        b.sources.append((f"{fl.name}#{k + 1}.pdf", M.merge_pdfs([(d.pdf, i)])))
    if fl.kind == "scan":
        return M.image_pdf(ims, o.get("dpi", 200), o.get("q", 60))
    if fl.kind == "jpg":
        return M.jpeg(ims[0], o.get("q", 82), o.get("dpi") if not o.get("photo") else None)
    if fl.kind == "png":
        return M.png(ims[0], o.get("dpi"))
    if fl.kind == "tiff":
        return M.tiff(ims, o.get("compression", "group4"), o.get("dpi", 200))
    raise ValueError(fl.kind)


def mime_for(name: str):
    ext = name.rsplit(".", 1)[-1].lower()
    return {"pdf": ("application", "pdf"), "zip": ("application", "zip"),
            "docx": ("application",
                     "vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "jpg": ("image", "jpeg"), "jpeg": ("image", "jpeg"), "png": ("image", "png"),
            "tif": ("image", "tiff"), "tiff": ("image", "tiff")}.get(ext,
                                                                     ("application",
                                                                      "octet-stream"))


def build_zip(b: Builder, z: Zp) -> bytes:
    members = [(path, materialise(b, fl)) for path, fl in z.members]
    if z.password:
        for _, fl in z.members:
            for d, _ in fl.pages:
                d.gradable = False
        return M.zip_encrypted(members, z.password, b.seed)
    return M.zip_bytes(members)


def build_node_bytes(b: Builder, node) -> bytes:
    if isinstance(node, Fl):
        return materialise(b, node)
    if isinstance(node, Zp):
        return build_zip(b, node)
    if isinstance(node, Em):
        return build_eml(b, node)
    raise TypeError(node)


def _rfc2231(name: str) -> str:
    """`filename*0*=UTF-8''...; filename*1*=...`: split on characters, each part encoded."""
    from urllib.parse import quote
    parts = [name[i:i + 24] for i in range(0, len(name), 24)]
    out = []
    for i, c in enumerate(parts):
        head = "UTF-8''" if i == 0 else ""
        out.append(f"filename*{i}*={head}{quote(c, safe='')}")
    return ";\n ".join(out)


def build_eml(b: Builder, e: Em) -> bytes:
    msg = MIMEMultipart("mixed")
    msg["From"] = f"{Header(e.sender[0], 'utf-8').encode()} <{e.sender[1]}>"
    msg["To"] = e.to
    msg["Subject"] = Header(e.subject, "utf-8").encode()
    msg["Date"] = format_datetime(e.date)
    msg["Message-ID"] = f"<{b.key}.{b.seed}.{e.date:%H%M%S}@mail.example.id>"
    msg["MIME-Version"] = "1.0"
    alt = MIMEMultipart("alternative")
    alt.attach(MIMEText(e.text, "plain", "utf-8"))
    if e.html:
        if e.inline:
            rel = MIMEMultipart("related")
            rel.attach(MIMEText(e.html, "html", "utf-8"))
            for cid, fl in e.inline:
                data = materialise(b, fl)
                img = MIMEImage(data, "jpeg")
                img["Content-ID"] = f"<{cid}>"
                img.add_header("Content-Disposition", "inline", filename=fl.name)
                rel.attach(img)
            alt.attach(rel)
        else:
            alt.attach(MIMEText(e.html, "html", "utf-8"))
    msg.attach(alt)
    placeholders = {}
    for k, node in enumerate(e.parts):
        if isinstance(node, Em):
            inner = build_eml(b, node)
            from email import message_from_bytes
            part = MIMEMessage(message_from_bytes(inner))
            part.add_header("Content-Disposition", "attachment", filename=node.name)
            msg.attach(part)
            continue
        data = build_node_bytes(b, node)
        mt, st = mime_for(node.name)
        part = MIMEApplication(data, st) if mt == "application" else MIMEImage(data, st)
        if node.name in e.rfc2231:
            ph = f"PLACEHOLDER{k}.bin"
            placeholders[ph] = node.name
            part.add_header("Content-Disposition", "attachment", filename=ph)
            part.set_param("name", ph)
        else:
            part.add_header("Content-Disposition", "attachment", filename=node.name)
            part.set_param("name", node.name)
        msg.attach(part)
    out = msg.as_bytes()
    for ph, name in placeholders.items():
        out = out.replace(f'filename="{ph}"'.encode(), _rfc2231(name).encode())
        b64 = base64.b64encode(name.encode()).decode()
        out = out.replace(f'name="{ph}"'.encode(), f'name="=?UTF-8?B?{b64}?="'.encode())
    return out


def truth_docs(b: Builder) -> list[dict]:
    out = []

    def leaf(fl: Fl, file: str, part: list | None):
        seen: dict[int, dict] = {}
        order = []
        for k, (d, _i) in enumerate(fl.pages, 1):
            if id(d) not in seen:
                seen[id(d)] = dict(doc=d, pages=[])
                order.append(id(d))
            seen[id(d)]["pages"].append(k)
        for key in order:
            d = seen[key]["doc"]
            ent = dict(file=file, part=part, pages=seen[key]["pages"], type=d.type,
                       layout=d.layout, fields=d.fields)
            if not d.gradable:
                ent["gradable"] = False
            out.append(ent)

    def walk(node, file: str | None, prefix: list):
        if isinstance(node, Fl):
            if file is None:
                leaf(node, node.name, None)
            else:
                leaf(node, file, prefix + [node.name])
        elif isinstance(node, Zp):
            f = file or node.name
            for path, fl in node.members:
                seen_prefix = prefix + [node.name]
                leaf(fl, f, seen_prefix + [path])
        elif isinstance(node, Em):
            f = file or node.name
            pre = prefix + ([node.name] if file is not None else [])
            for _cid, fl in node.inline:
                leaf(fl, f, pre + [fl.name])
            for p in node.parts:
                if isinstance(p, Fl):
                    leaf(p, f, pre + [p.name])
                else:
                    walk(p, f, pre)

    for n in b.nodes:
        walk(n, None, [])
    return out


# =============================================================================================
class Gen:
    def __init__(self, seed: int, out: str):
        self.seed = seed
        self.out = out
        self.people = People(random.Random(seed))


def write_case(gen: Gen, b: Builder, cid: str, notes: str):
    cdir = os.path.join(gen.out, "cases", cid)
    inp = os.path.join(cdir, "input")
    os.makedirs(inp, exist_ok=True)
    for n in b.nodes:
        data = build_node_bytes(b, n)
        path = os.path.join(inp, n.name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
    docs = truth_docs(b)
    forms = [d for d in docs if d["type"] == "formulir" and d.get("gradable", True)]
    if forms:
        f = dict(forms[0]["fields"])
        grade = True
    else:
        p = b.app
        f = dict(nama=p["nama"], nip=p["nip"], jabatan=p["jabatan"], instansi=b.ag["instansi"],
                 satuan_kerja=b.ag["satker"], email=p["email"], telepon=p["hp"])
        grade = False
    f.pop("tanggal", None)
    fields = dict(nama=f["nama"], nama_tanpa_gelar=plain_of(f["nama"]), nip=f["nip"],
                  jabatan=f["jabatan"], instansi=f["instansi"], satuan_kerja=f["satuan_kerja"],
                  email=f["email"], telepon=f["telepon"])
    layouts = []
    for x in b.layouts:
        if x not in layouts:
            layouts.append(x)
    truth = dict(case=cid, received=b.recv.isoformat(), channel=b.channel, complete=None,
                 deficiencies=sorted(set(b.codes)), acceptable_extra_deficiencies=[],
                 documents=docs, fields=fields, grade_fields=grade, category=b.category,
                 layouts=layouts, packaging=b.packaging, notes=notes)
    derived, extra = derive_codes(truth)
    if derived != truth["deficiencies"]:
        raise AssertionError(f"{b.key}: intended {truth['deficiencies']} but documents give "
                             f"{derived}")
    truth["acceptable_extra_deficiencies"] = sorted(set(extra) | set(b.extra_ok))
    truth["complete"] = not truth["deficiencies"]
    assert (b.category == "defective") != truth["complete"], b.key
    with open(os.path.join(cdir, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    if b.sources:
        sdir = os.path.join(gen.out, "sources", cid)
        os.makedirs(sdir, exist_ok=True)
        for name, data in b.sources:
            with open(os.path.join(sdir, name.replace("/", "_")), "wb") as fh:
                fh.write(data)


def plain_of(nama: str) -> str:
    s = nama.split(",")[0].strip()
    toks = s.split()
    while toks and toks[0].lower().strip(".") in {"dr", "ir", "h", "hj", "drs", "dra", "ns"} \
            and toks[0].endswith("."):
        toks.pop(0)
    out = " ".join(toks)
    assert name_key(out) == name_key(nama), (out, nama)
    return out


