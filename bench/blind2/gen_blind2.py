#!/usr/bin/env python3
"""blind2: a held-out evaluation set of *berkas permohonan akun Admin Agency* for `berkas check`.

    python bench/blind2/gen_blind2.py --seed 3031 --out build/blind2

Writes OUT/cases/NNN/input/... and OUT/cases/NNN/truth.json (the berkas-dev format).
Deterministic: the same seed gives the same truth files (bytes of scans, e-mails and Word files
may differ).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from b2_common import (
    AG,
    LPSE_ADDR,
    TUJUAN_OK,
    Ctx,
    agency_phone,
    make_head,
    make_person,
    tgl,
)
from b2_docx import DOCX  # noqa: E402
from b2_forms import EXTRAS, FORMS_PDF, Doc  # noqa: E402
from b2_letters import LETTERS_PDF, SK_PDF  # noqa: E402
from b2_media import (
    Blob,
    docx_blob,
    eml_bytes,
    encrypt_pdf,
    huge_png,
    make_email,
    pdf_blob,  # noqa: E402
    photo_blobs,
    scan_blob,
    truncated,
    zip_blob,
)

WITA = dt.timezone(dt.timedelta(hours=8))
FONTS_SERIF = ["LSerif", "FSerif", "DSerif"]
FONTS_SANS = ["LSans", "FSans", "DSans", "DCond"]
KOPS = ["tripel", "kanan", "polos", "vertikal"]


def digits(s):
    return re.sub(r"\D", "", s or "")


def norm_phone(s):
    d = digits(s)
    if d.startswith("62"):
        d = "0" + d[2:]
    return d or None


# ----------------------------------------------------------------------------------------------
# one case under construction
# ----------------------------------------------------------------------------------------------
class Case:
    def __init__(self, key, category, seed):
        self.key = key
        self.category = category
        self.rng = random.Random(f"blind2-{seed}-{key}")
        self.blobs: list[Blob] = []
        self.deficiencies: list[str] = []
        self.acceptable: list[str] = []
        self.grade_fields = True
        self.channel = None
        self.packaging = ""
        self.notes = ""
        self.ctx: Ctx | None = None
        self.received = None
        self.eml_name = None

    # -- context ---------------------------------------------------------------------------------
    def mk(
        self,
        agkey,
        *,
        pppk=False,
        single=False,
        hyphen=False,
        long_titles=False,
        n_others=None,
        font=None,
        kop_style=None,
        phone_style=None,
        sk_valid=None,
        sk_upper=None,
        tujuan=None,
        cq=False,
        prev=False,
        received=None,
        fmt=None,
        gender=None,
        kind="it",
    ) -> Ctx:
        r = self.rng
        ag = AG[agkey]
        person = make_person(
            r,
            gender=gender,
            pppk=pppk,
            single=single,
            hyphen=hyphen,
            long_titles=long_titles,
            kind=kind,
        )
        head = make_head(r)
        head.jabatan = ag["head"]
        sek = make_head(r)
        sek.jabatan = "Sekretaris"
        sek.pangkat = "Pembina Tingkat I (IV/b)"
        n = r.choice([1, 2, 2, 3]) if n_others is None else n_others
        others = []
        while len(others) < n:
            o = make_person(r, kind=r.choice(["it", "adm"]))
            if o.plain != person.plain:
                others.append(o)
        if received is None:
            received = dt.date(2026, 2, 2) + dt.timedelta(days=r.randint(0, 290))
            while received.weekday() >= 5:
                received += dt.timedelta(days=1)
        d_letter = received - dt.timedelta(days=r.randint(1, 6))
        d_form = d_letter - dt.timedelta(days=r.randint(0, 3))
        d_sk = d_letter - dt.timedelta(days=r.randint(12, 110))
        if sk_valid is None:
            k = r.choice(["sejak", "sampai", "ta", "tinjau", "bulan"])
            sk_valid = {
                "sejak": ("sejak", None),
                "sampai": ("sampai", dt.date(received.year, 12, 31)),
                "ta": ("ta", received.year),
                "tinjau": ("tinjau", None),
                "bulan": ("bulan", (12, d_sk)),
            }[k]
        font = font or r.choice(FONTS_SERIF + FONTS_SERIF + FONTS_SANS)
        ctx = Ctx(
            rng=r,
            ag=ag,
            person=person,
            head=head,
            sek=sek,
            others=others,
            prev=make_person(r, kind="it") if prev else None,
            phone_office=agency_phone(r),
            received=received,
            d_form=d_form,
            d_sk=d_sk,
            d_letter=d_letter,
            phone_style=phone_style or r.choice(["plain", "space4", "paren", "plus", "62", "dash"]),
            seed=r.randint(0, 10**6),
            sk_upper=r.random() < 0.3 if sk_upper is None else sk_upper,
            sk_valid=sk_valid,
            sk_font=r.choice(FONTS_SERIF),
            tujuan=tujuan or r.choice(TUJUAN_OK),
            tujuan_alamat=list(LPSE_ADDR),
            cq=cq,
            font=font,
            kop_style=kop_style or r.choice(KOPS),
            fmt=fmt or r.choice(["A4", "A4", "F4"]),
            show_prev=prev,
        )
        ctx.extra["sk_pos"] = r.randint(1, max(1, len(others)))
        ctx.extra["nip_spaced"] = r.random() < 0.35
        ctx.extra["sk_nip_spaced"] = r.random() < 0.6
        ctx.extra["let_nip_spaced"] = r.random() < 0.3
        ctx.extra["let_phone_style"] = r.choice(["dash", "plus", "space4", "plain", "62"])
        if agkey == "setda":
            sekda = make_head(r)
            ctx.extra["sk_signer"] = sekda
            ctx.extra["sk_signer_jab"] = "Sekretaris Daerah Provinsi Kalimantan Timur"
        if ag["kind"] == "bumd":
            ctx.kop_style = "bumd"
        self.ctx = ctx
        self.received = received
        return ctx

    def d_form_str(self):
        return f"{self.ctx.d_form:%Y-%m-%d}"

    # -- documents ---------------------------------------------------------------------------------
    def doc(self, layout, ctx=None) -> Doc:
        ctx = ctx or self.ctx
        for table in (FORMS_PDF, SK_PDF, LETTERS_PDF, EXTRAS, DOCX):
            if layout in table:
                return table[layout](ctx)
        raise KeyError(layout)

    def add(self, *blobs):
        self.blobs.extend(blobs)

    # -- truth -------------------------------------------------------------------------------------
    def _entries(self):
        out = []

        def walk(b: Blob, top: str, chain: list):
            for d, pages in b.segs:
                e = dict(
                    file=top,
                    part=list(chain) if chain else None,
                    pages=pages,
                    type=d.type,
                    layout=d.layout,
                    fields=d.fields,
                )
                if not d.gradable:
                    e["gradable"] = False
                out.append(e)
            for k in b.children:
                walk(k, top, chain + [k.name])

        for b in self.blobs:
            walk(b, b.name, [])
        return out

    def _any_scan(self):
        def s(b):
            return b.scan or any(s(k) for k in b.children)

        return any(s(b) for b in self.blobs)

    def fields(self):
        ctx = self.ctx
        p = ctx.person
        if not self.grade_fields:
            return dict(
                nama=p.nama,
                nama_tanpa_gelar=p.plain,
                nip=p.nip,
                jabatan=p.jabatan,
                instansi=ctx.ag["instansi"],
                satuan_kerja=ctx.ag["satker"],
                email=p.email.lower(),
                telepon=p.phone,
            )

        def val(k):
            if k in ctx.blank:
                return None
            v = ctx.v(k)
            return v if v and v.strip() else None

        em = val("email")
        return dict(
            nama=val("nama"),
            nama_tanpa_gelar=p.plain if val("nama") else None,
            nip=digits(val("nip")) or None,
            jabatan=val("jabatan"),
            instansi=val("instansi"),
            satuan_kerja=val("satuan_kerja"),
            email=em.lower() if em else None,
            telepon=norm_phone(val("telepon")),
        )

    def truth(self, cid):
        docs = self._entries()
        channel = self.channel or ("scan" if self._any_scan() else "file")
        defs = sorted(set(self.deficiencies))
        return dict(
            case=cid,
            received=self.received.isoformat(),
            channel=channel,
            complete=not defs,
            deficiencies=defs,
            acceptable_extra_deficiencies=sorted(set(self.acceptable) - set(defs)),
            documents=docs,
            fields=self.fields(),
            grade_fields=self.grade_fields,
            category=self.category,
            layouts=sorted({d["layout"] for d in docs}),
            packaging=self.packaging,
            notes=self.notes,
        )

    def write(self, root, cid):
        cdir = os.path.join(root, "cases", cid)
        inp = os.path.join(cdir, "input")
        os.makedirs(inp, exist_ok=True)
        for b in self.blobs:
            path = os.path.join(inp, b.name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(b.data)
        with open(os.path.join(cdir, "truth.json"), "w", encoding="utf-8") as fh:
            json.dump(self.truth(cid), fh, ensure_ascii=False, indent=1)
            fh.write("\n")


# ----------------------------------------------------------------------------------------------
# e-mail helpers
# ----------------------------------------------------------------------------------------------
def when(c: Case, hour=None) -> dt.datetime:
    r = c.rng
    return dt.datetime(
        c.received.year,
        c.received.month,
        c.received.day,
        hour or r.randint(7, 15),
        r.randint(0, 59),
        r.randint(0, 59),
        tzinfo=WITA,
    )


def sender_of(c: Case):
    p = c.ctx.person
    return p.email, p.plain


def email_case(c: Case, name, subject, text, html=None, attachments=(), inline=None, sender=None):
    addr, nm = sender or sender_of(c)
    m = make_email(
        addr, nm, subject, when(c), text, html, attachments, inline, seed=c.rng.randint(0, 2**31)
    )
    kids = list(attachments) + ([inline[1]] if inline else [])
    c.add(Blob(name, eml_bytes(m), [], kids))
    c.eml_name = name
    c.channel = "email"


def body_text(c: Case, extra=""):
    p, ag = c.ctx.person, c.ctx.ag
    return (
        "Yth. Admin LPSE Provinsi Kalimantan Timur,\n\nBersama ini kami kirimkan berkas "
        "permohonan akun Admin "
        f"Agency {ag['satker']} atas nama {p.nama}.{extra}\n\nTerima kasih.\n\nSalam,\n{p.plain}\n"
        f"{ag['satker']}\n"
    )


# ----------------------------------------------------------------------------------------------
# the cases
# ----------------------------------------------------------------------------------------------
def complete_digital(seed):
    out = []

    c = Case("cd01", "complete_digital", seed)
    c.mk("dishub", phone_style="space4")
    c.add(
        pdf_blob("01 Formulir Admin Agency.pdf", [c.doc("f2_dua_halaman")]),
        pdf_blob("02 SK Penunjukan.pdf", [c.doc("a2_kesatu_daftar")]),
        pdf_blob("03 Surat Permohonan.pdf", [c.doc("l2_kepada_bawah")]),
    )
    c.packaging = "tiga PDF digital terpisah"
    c.notes = "Formulir dua halaman, data di halaman 2; alamat tujuan surat di bawah tanda tangan."
    out.append(c)

    c = Case("cd02", "complete_digital", seed)
    c.mk("dinkes", hyphen=True, phone_style="paren")
    docs = [
        c.doc("l2_nota_dinas"),
        c.doc("f2_titik_pemandu"),
        c.doc("x2_daftar_periksa"),
        c.doc("a2_petikan"),
    ]
    first_sk_page = sum(d.npages for d in docs[:3]) + 1
    c.add(pdf_blob("Berkas_Lengkap_AdminAgency.pdf", docs, rotate={first_sk_page: 90}))
    c.packaging = (
        "satu PDF gabungan (nota dinas, formulir, daftar periksa, petikan); "
        "halaman petikan diputar 90 derajat"
    )
    c.notes = (
        "Nama bertanda hubung; daftar periksa menyebut ketiga dokumen tetapi bukan dokumen wajib."
    )
    out.append(c)

    c = Case("cd03", "complete_digital", seed)
    c.mk("bapenda", phone_style="plus", font="LSans")
    c.add(
        pdf_blob("scan_1.pdf", [c.doc("f2_label_bawah")]),
        pdf_blob("dokumen.pdf", [c.doc("a2_spt_kepada")]),
        pdf_blob("lampiran.pdf", [c.doc("l2_sidebar")]),
    )
    c.packaging = "tiga PDF digital dengan nama menyesatkan"
    c.notes = "Label formulir di bawah garis isian; nomor HP ditulis +62."
    out.append(c)

    c = Case("cd04", "complete_digital", seed)
    ctx = c.mk("kemenag", phone_style="62", prev=True)
    c.add(
        zip_blob(
            "Berkas Admin Agency.zip",
            [
                ("Berkas Admin Agency/1. Formulir.pdf", pdf_blob("x", [c.doc("f2_romawi")])),
                (
                    "Berkas Admin Agency/2. SK Tim Pengelola SPSE.pdf",
                    pdf_blob("x", [c.doc("a2_lampiran_kelompok")]),
                ),
                (
                    "Berkas Admin Agency/3. Surat Permohonan.pdf",
                    pdf_blob("x", [c.doc("l2_blok_penuh")]),
                ),
            ],
        )
    )
    c.packaging = "zip dengan sub-folder"
    c.notes = (
        "Formulir dengan bagian I-IV (bagian IV: admin lama, umpan); surat menyebut admin lama "
        "beserta NIP; "
        f"HP ditulis 62...; admin lama {ctx.prev.plain}."
    )
    out.append(c)

    c = Case("cd05", "complete_digital", seed)
    c.mk("bpbd", phone_style="dash", font="FSans")
    c.add(
        pdf_blob("Formulir Permohonan.pdf", [c.doc("f2_tebal_tanpa_titik_dua")]),
        docx_blob("SK Admin Agency BPBD.docx", c.doc("a2_docx_keputusan")),
        docx_blob("Surat Permohonan Akun.docx", c.doc("l2_docx")),
    )
    c.packaging = "formulir PDF, SK dan surat dalam .docx"
    c.notes = "Formulir tanpa titik dua dengan nilai tebal; SK Word dengan tabel lima kolom."
    out.append(c)

    c = Case("cd06", "complete_digital", seed)
    c.mk("setda", long_titles=True, phone_style="plain")
    c.add(
        docx_blob("Formulir_AA_BiroUmum.docx", c.doc("f2_docx_bagian")),
        pdf_blob("Keputusan Sekda.pdf", [c.doc("a2_kesatu_daftar")]),
        pdf_blob("Surat ke LPSE.pdf", [c.doc("l2_judul_ybt")]),
    )
    c.packaging = "formulir .docx, SK dan surat PDF"
    c.notes = (
        "Keputusan Sekretaris Daerah, daftar bernomor dalam KESATU; nama panjang dengan gelar "
        "haji dan "
        "akademik; surat berjudul dengan penanda tangan (Plh., ber-NIP) disebut lebih dahulu dan "
        "tembusan ke instansi lain."
    )
    out.append(c)

    c = Case("cd07", "complete_digital", seed)
    c.mk("dkp", phone_style="space4", cq=True)
    c.add(
        pdf_blob(
            "Permohonan Admin Agency DKP.pdf",
            [c.doc("l2_kepada_bawah"), c.doc("a2_petikan"), c.doc("f2_panel_lanskap")],
        )
    )
    c.packaging = "satu PDF gabungan urutan terbalik (surat, petikan, formulir lanskap)"
    c.notes = (
        "Surat kepada Gubernur c.q. Kepala Biro PBJ di bagian bawah; formulir lanskap dua panel."
    )
    out.append(c)

    c = Case("cd08", "complete_digital", seed)
    c.mk("polnes", phone_style="paren")
    c.add(
        pdf_blob("Formulir.pdf", [c.doc("f2_dua_orang")]),
        pdf_blob("Surat Tugas Admin Agency.pdf", [c.doc("a2_spt_kepada")]),
        pdf_blob("Surat Permohonan Polnes.pdf", [c.doc("l2_sidebar")]),
        pdf_blob("Daftar Riwayat Hidup.pdf", [c.doc("x2_biodata")]),
    )
    c.packaging = "empat PDF terpisah"
    c.notes = (
        "Formulir dua kolom (calon dan atasan langsung, umpan NIP/HP/email atasan); "
        "riwayat hidup dengan NIK."
    )
    out.append(c)

    c = Case("cd09", "complete_digital", seed)
    c.mk("dlh", pppk=True, phone_style="plain")
    sub = "Permohonan Admin Agency DLH/"
    c.add(
        pdf_blob(sub + "formulir_pppk.pdf", [c.doc("f2_titik_pemandu")]),
        pdf_blob(sub + "Keputusan Tim Pengelola.pdf", [c.doc("a2_lampiran_kelompok")]),
        pdf_blob(sub + "Surat Pengantar.pdf", [c.doc("l2_judul_ybt")]),
    )
    c.packaging = "sub-folder dengan tiga PDF"
    c.notes = "Pemohon PPPK (NI PPPK); SK dengan lampiran dikelompokkan per peran."
    out.append(c)

    c = Case("cd10", "complete_digital", seed)
    c.mk("bps", phone_style="dash")
    c.add(
        pdf_blob("form.pdf", [c.doc("f2_label_bawah")]),
        docx_blob("SK.docx", c.doc("a2_docx_keputusan")),
        pdf_blob("surat.pdf", [c.doc("l2_blok_penuh")]),
        pdf_blob("KARPEG.pdf", [c.doc("x2_karpeg")]),
    )
    c.packaging = "PDF dan .docx, ditambah fotokopi kartu pegawai"
    c.notes = "Kartu pegawai sebagai gambar (halaman lainnya) memuat NIP pemohon."
    out.append(c)

    c = Case("cd11", "complete_digital", seed)
    c.mk("rsud", single=True, phone_style="space4")
    c.add(
        pdf_blob("Formulir.pdf", [c.doc("f2_dua_halaman")]),
        pdf_blob("SK_dan_Surat.pdf", [c.doc("a2_kesatu_daftar"), c.doc("l2_sidebar")]),
    )
    c.packaging = "formulir dua halaman; SK dan surat digabung"
    c.notes = "Pemohon bernama tunggal."
    out.append(c)

    c = Case("cd12", "complete_digital", seed)
    c.mk("satpol", phone_style="plus_nospace", font="LSerif")
    c.add(
        pdf_blob("Blanko Admin Agency.pdf", [c.doc("f2_mesin_ketik")]),
        pdf_blob("SK Kasatpol PP.pdf", [c.doc("a2_kesatu_daftar")]),
        docx_blob("Surat Permohonan Satpol PP.docx", c.doc("l2_docx")),
    )
    c.packaging = "dua PDF dan satu .docx"
    c.notes = "Blanko ketik dengan NIK dan tanggal lahir; HP ditulis +62 tanpa spasi."
    out.append(c)

    c = Case("cd13", "complete_digital", seed)
    c.mk("dispar", sk_upper=True, phone_style="paren", font="DSans")
    c.add(
        pdf_blob(
            "Dokumen (3).pdf",
            [
                c.doc("f2_tebal_tanpa_titik_dua"),
                c.doc("x2_sengaja_kosong"),
                c.doc("a2_petikan"),
                c.doc("l2_judul_ybt"),
                c.doc("x2_daftar_periksa"),
            ],
        )
    )
    c.packaging = "satu PDF gabungan dengan halaman 'sengaja dikosongkan' dan daftar periksa"
    c.notes = "Nama dalam petikan huruf kapital; halaman sela di antara dokumen."
    out.append(c)

    c = Case("cd14", "complete_digital", seed)
    c.mk("inspektorat", hyphen=True, phone_style="dots")
    c.add(
        pdf_blob("Surat Permohonan \u2013 Inspektorat.pdf", [c.doc("l2_kepada_bawah")]),
        docx_blob("Formulir Admin Agency (final).docx", c.doc("f2_docx_bagian")),
        docx_blob("SK Penunjukan Admin Agency.docx", c.doc("a2_docx_keputusan")),
    )
    c.packaging = "satu PDF (nama berisi tanda pisah) dan dua .docx"
    c.notes = "Nama bertanda hubung; nomor HP bertitik."
    out.append(c)
    return out


def complete_scan(seed):
    out = []

    c = Case("cs01", "complete_scan", seed)
    c.mk("dishub")
    r = c.rng
    docs = [c.doc("f2_dua_halaman"), c.doc("a2_kesatu_daftar"), c.doc("l2_kepada_bawah")]
    pp = {i: {"skew": r.uniform(-3, 3)} for i in range(1, 8)}
    pp[4] = {"rot": 180, "skew": r.uniform(-1, 1)}
    c.add(scan_blob("scan0001.pdf", docs, r, dpi=200, per_page=pp))
    c.packaging = "satu pindaian PDF 200 dpi; satu halaman terbalik 180 derajat"
    c.notes = "Formulir dua halaman dipindai; halaman 4 terbalik."
    out.append(c)

    c = Case("cs02", "complete_scan", seed)
    c.mk("disdik")
    r = c.rng
    sk = c.doc("a2_petikan")
    names = [f"IMG_{c.received:%Y%m%d}_0930{i}5.jpg" for i in range(sk.npages)]
    c.add(
        scan_blob(
            "Formulir_scan.pdf",
            [c.doc("f2_titik_pemandu")],
            r,
            dpi=150,
            base={"skew": -2.2, "q": 45},
        ),
        *photo_blobs(names, sk, r, long_side=2400),
        pdf_blob("Nota Dinas.pdf", [c.doc("l2_nota_dinas")]),
    )
    c.packaging = "formulir pindaian 150 dpi, petikan difoto (JPG), nota dinas digital"
    c.notes = "Campuran pindaian, foto, dan PDF digital."
    out.append(c)

    c = Case("cs03", "complete_scan", seed)
    c.mk("bapenda", font="LSans")
    r = c.rng
    form = c.doc("f2_label_bawah")
    c.add(
        *photo_blobs(
            [f"WhatsApp Image {c.d_form_str()} at 10.15.32.jpeg"], form, r, long_side=2800, dpi=170
        ),
        scan_blob(
            "SPT dan Surat.pdf",
            [c.doc("a2_spt_kepada"), c.doc("l2_sidebar")],
            r,
            dpi=300,
            base={"skew": 0.8, "q": 60},
        ),
    )
    c.packaging = "formulir difoto kamera (2800 px), SPT dan surat dipindai 300 dpi"
    c.notes = "Foto dengan perspektif dan bayangan tangan."
    out.append(c)

    c = Case("cs04", "complete_scan", seed)
    c.mk("kemenag")
    r = c.rng
    c.add(
        scan_blob(
            "Berkas.tif",
            [c.doc("f2_romawi"), c.doc("a2_lampiran_kelompok"), c.doc("l2_blok_penuh")],
            r,
            dpi=300,
            kind="tiff",
            tiff_comp="group4",
            base={"q": None, "noise": 3},
        )
    )
    c.packaging = "TIFF multi-halaman CCITT G4 300 dpi"
    c.notes = "Hitam-putih G4; lampiran SK dua halaman."
    out.append(c)

    c = Case("cs05", "complete_scan", seed)
    c.mk("dkp", font="DSans")
    r = c.rng
    docs = [c.doc("f2_tebal_tanpa_titik_dua"), c.doc("a2_kesatu_daftar"), c.doc("l2_judul_ybt")]
    pp = {1: {"stain": True, "skew": 1.2}, 2: {"rot": 90}}
    c.add(scan_blob("Scan_Berkas_DKP.pdf", docs, r, dpi=200, per_page=pp))
    c.packaging = "satu pindaian PDF 200 dpi; noda kopi di formulir; halaman 2 diputar 90 derajat"
    c.notes = "Noda cincin kopi menutupi sebagian formulir."
    out.append(c)

    c = Case("cs06", "complete_scan", seed)
    c.mk("dlh")
    r = c.rng
    c.add(
        scan_blob(
            "formulir lanskap.pdf",
            [c.doc("f2_panel_lanskap")],
            r,
            dpi=200,
            base={"fold": "v", "skew": -1.0},
        ),
        scan_blob("petikan sk.pdf", [c.doc("a2_petikan")], r, dpi=200, base={"fold": "h"}),
        scan_blob(
            "surat permohonan.pdf", [c.doc("l2_kepada_bawah")], r, dpi=200, base={"edge": True}
        ),
    )
    c.packaging = "tiga pindaian PDF 200 dpi dengan bayangan lipatan dan tepi"
    c.notes = "Formulir lanskap dengan bayangan lipatan vertikal."
    out.append(c)

    c = Case("cs07", "complete_scan", seed)
    c.mk("bpbd")
    r = c.rng
    c.add(
        scan_blob(
            "BPBD_AdminAgency.tiff",
            [c.doc("f2_mesin_ketik"), c.doc("a2_spt_kepada"), c.doc("l2_nota_dinas")],
            r,
            dpi=200,
            kind="tiff",
            tiff_comp="jpeg",
            base={"q": 30, "noise": 7},
        )
    )
    c.packaging = "TIFF multi-halaman berkompresi JPEG, artefak JPEG kuat"
    c.notes = "Blanko ketik dengan NIK (umpan)."
    out.append(c)

    c = Case("cs08", "complete_scan", seed)
    c.mk("mahulu")
    r = c.rng
    sk = c.doc("a2_lampiran_kelompok")
    c.add(
        *photo_blobs(["formulir.jpg"], c.doc("f2_dua_orang"), r, long_side=1600),
        *photo_blobs([f"sk_hal{i + 1}.jpg" for i in range(sk.npages)], sk, r, long_side=1600),
        *photo_blobs(["surat.jpg"], c.doc("l2_sidebar"), r, long_side=1600),
    )
    c.packaging = "semua dokumen difoto ukuran WhatsApp (1600 px), satu JPG per halaman"
    c.notes = "Formulir dengan kolom atasan langsung (umpan)."
    out.append(c)

    c = Case("cs09", "complete_scan", seed)
    c.mk("inspektorat")
    r = c.rng
    c.add(
        scan_blob("formulir.pdf", [c.doc("f2_titik_pemandu")], r, dpi=300, base={"skew": 5.5}),
        scan_blob("sk.pdf", [c.doc("a2_kesatu_daftar")], r, dpi=300, base={"skew": -3.5}),
        scan_blob("surat.pdf", [c.doc("l2_blok_penuh")], r, dpi=300),
        *photo_blobs(["karpeg.jpg"], c.doc("x2_karpeg"), r, long_side=1600),
    )
    c.packaging = "tiga pindaian 300 dpi (miring sampai 5,5 derajat) dan foto kartu pegawai"
    c.notes = "Kemiringan besar pada formulir."
    out.append(c)

    c = Case("cs10", "complete_scan", seed)
    c.mk("rsud")
    r = c.rng
    c.add(
        *photo_blobs(["Formulir AA RSUD.jpg"], c.doc("f2_romawi"), r, long_side=2400, stain=True),
        scan_blob("Petikan SK.pdf", [c.doc("a2_petikan")], r, dpi=200),
        docx_blob("Surat Permohonan RSUD.docx", c.doc("l2_docx")),
    )
    c.packaging = "formulir difoto (dengan noda), petikan dipindai, surat .docx"
    c.notes = "Campuran foto, pindaian, dan Word."
    out.append(c)

    c = Case("cs11", "complete_scan", seed)
    c.mk("satpol")
    r = c.rng
    c.add(
        scan_blob(
            "Formulir.pdf", [c.doc("f2_dua_halaman")], r, dpi=200, per_page={2: {"rot": 270}}
        ),
        scan_blob("SPT+Surat.pdf", [c.doc("a2_spt_kepada"), c.doc("l2_judul_ybt")], r, dpi=200),
    )
    c.packaging = "dua pindaian PDF; halaman data formulir (halaman 2) diputar 90 derajat"
    c.notes = "Data formulir hanya di halaman 2 yang miring 90 derajat."
    out.append(c)

    c = Case("cs12", "complete_scan", seed)
    c.mk("dispar")
    r = c.rng
    c.add(
        scan_blob(
            "Scan_20260315.pdf",
            [
                c.doc("f2_label_bawah"),
                c.doc("a2_lampiran_kelompok"),
                c.doc("l2_kepada_bawah"),
                c.doc("x2_biodata"),
            ],
            r,
            dpi=150,
            base={"contrast": 0.62, "noise": 6},
        )
    )
    c.packaging = "satu pindaian 150 dpi berkontras rendah"
    c.notes = "Kontras rendah; riwayat hidup dengan NIK (umpan)."
    out.append(c)
    return out


def emails(seed):
    out = []

    c = Case("em01", "email", seed)
    c.mk("bws")
    att = [
        pdf_blob("Formulir Admin Agency BWS.pdf", [c.doc("f2_titik_pemandu")]),
        pdf_blob("SK Penunjukan Admin Agency.pdf", [c.doc("a2_kesatu_daftar")]),
        pdf_blob("Surat Permohonan.pdf", [c.doc("l2_kepada_bawah")]),
    ]
    txt = body_text(c)
    email_case(
        c,
        "Permohonan Akun Admin Agency BWS Kalimantan IV.eml",
        "Permohonan Akun Admin Agency",
        txt,
        "<p>" + txt.replace("\n", "<br>") + "</p>",
        att,
    )
    c.packaging = "surel dengan tiga lampiran PDF"
    c.notes = "Lampiran biasa; badan surel bukan surat permohonan."
    out.append(c)

    c = Case("em02", "email", seed)
    c.mk("dinkes")
    r = c.rng
    inner_att = [
        pdf_blob("formulir.pdf", [c.doc("f2_tebal_tanpa_titik_dua")]),
        pdf_blob("petikan_sk.pdf", [c.doc("a2_petikan")]),
        pdf_blob("nota_dinas.pdf", [c.doc("l2_nota_dinas")]),
    ]
    t0 = when(c, 8)
    p = c.ctx.person
    inner = make_email(
        p.email,
        p.plain,
        "Permohonan Akun Admin Agency Dinas Kesehatan",
        t0 - dt.timedelta(days=1, hours=2),
        body_text(c),
        None,
        inner_att,
        seed=r.randint(0, 2**31),
    )
    mid = make_email(
        "kepala.lpse@kaltimprov.go.id",
        "Kepala LPSE",
        "Fwd: Permohonan Akun Admin Agency Dinas Kesehatan",
        t0 - dt.timedelta(hours=20),
        "Mohon diproses.\n",
        None,
        [Blob("Permohonan Akun Admin Agency.eml", inner, [], inner_att)],
        seed=r.randint(0, 2**31),
    )
    mid_blob = Blob(
        "Fwd Permohonan Akun Admin Agency.eml",
        mid,
        [],
        [Blob("Permohonan Akun Admin Agency.eml", inner, [], inner_att)],
    )
    m = make_email(
        "sekretariat.lpse@kaltimprov.go.id",
        "Sekretariat LPSE",
        "Fwd: Fwd: Permohonan Akun Admin Agency Dinas Kesehatan",
        t0,
        "Diteruskan untuk pemeriksaan.\n",
        None,
        [mid_blob],
        seed=r.randint(0, 2**31),
    )
    c.add(Blob("Fwd Fwd Permohonan Akun Admin Agency Dinkes.eml", eml_bytes(m), [], [mid_blob]))
    c.channel = "email"
    c.packaging = "surel yang meneruskan surel terusan (message/rfc822 di dalam message/rfc822)"
    c.notes = "Lampiran berada dua tingkat di dalam surel terusan."
    out.append(c)

    c = Case("em03", "email", seed)
    c.mk("bapenda")
    inner_zip = zip_blob(
        "Berkas/Lampiran.zip",
        [
            ("Formulir.pdf", pdf_blob("x", [c.doc("f2_romawi")])),
            ("SK Penunjukan.pdf", pdf_blob("x", [c.doc("a2_spt_kepada")])),
        ],
    )
    outer = zip_blob(
        "Berkas_Permohonan.zip",
        [
            ("Berkas/Surat Permohonan.pdf", pdf_blob("x", [c.doc("l2_sidebar")])),
            ("Berkas/Lampiran.zip", inner_zip),
        ],
    )
    email_case(
        c,
        "Berkas Admin Agency Bapenda.eml",
        "Berkas Admin Agency Bapenda",
        body_text(c),
        None,
        [outer],
    )
    c.packaging = "surel dengan zip berisi zip"
    c.notes = "Formulir dan SPT ada di zip di dalam zip."
    out.append(c)

    c = Case("em04", "email", seed)
    c.mk("polnes")
    r = c.rng
    photo = photo_blobs(["formulir_foto.jpg"], c.doc("f2_label_bawah"), r, long_side=1600)[0]
    txt = body_text(c, " Formulir kami sertakan sebagai foto di badan surel.")
    html = "<p>" + txt.replace("\n", "<br>") + '</p><p><img src="cid:formfoto01" width="600"></p>'
    email_case(
        c,
        "Permohonan Admin Agency Polnes.eml",
        "Permohonan Admin Agency",
        txt,
        html,
        [
            pdf_blob("SK Tim Pengelola SPSE Polnes.pdf", [c.doc("a2_lampiran_kelompok")]),
            docx_blob("Surat Permohonan Admin Agency.docx", c.doc("l2_docx")),
        ],
        inline=("formfoto01", photo),
    )
    c.packaging = "formulir sebagai foto sisipan (cid:) di HTML, SK PDF, surat .docx"
    c.notes = "Foto formulir ditampilkan di badan HTML."
    out.append(c)

    c = Case("em05", "email", seed)
    c.mk("mahulu")
    r = c.rng
    nm = (
        "Berkas Permohonan Akun Admin Agency \u2013 Sekretariat Daerah Kabupaten Mahakam Ulu "
        "(pindaian berwarna, lengkap).pdf"
    )
    b = scan_blob(
        nm,
        [c.doc("f2_panel_lanskap"), c.doc("a2_kesatu_daftar"), c.doc("l2_judul_ybt")],
        r,
        dpi=200,
    )
    email_case(
        c,
        "Permohonan Admin Agency Mahulu.eml",
        "Permohonan Akun Admin Agency \u2013 Setda Mahakam Ulu",
        body_text(c),
        None,
        [b],
    )
    c.packaging = "surel dengan satu pindaian gabungan bernama panjang UTF-8 (RFC 2231)"
    c.notes = "Nama lampiran panjang dengan tanda pisah."
    out.append(c)

    c = Case("em06", "email", seed)
    c.mk("dlh")
    r = c.rng
    staff = make_person(r, kind="adm")
    p = c.ctx.person
    fw = (
        f"Mohon diproses.\n\n{staff.plain}\nStaf Subbagian Umum\nHP {staff.phone}\n\n"
        f"---------- Forwarded message ---------\nFrom: {p.plain} <{p.email}>\n"
        f"Date: {tgl(c.received - dt.timedelta(days=1))}\nSubject: Permohonan Admin Agency DLH\n"
        f"To: {staff.email}\n\n" + body_text(c)
    )
    email_case(
        c,
        "Fwd Permohonan Admin Agency DLH.eml",
        "Fwd: Permohonan Admin Agency DLH",
        fw,
        None,
        [
            docx_blob("Formulir AA DLH.docx", c.doc("f2_docx_bagian")),
            docx_blob("Keputusan Kadis DLH.docx", c.doc("a2_docx_keputusan")),
            pdf_blob("Surat Permohonan DLH.pdf", [c.doc("l2_blok_penuh")]),
        ],
        sender=(staff.email, staff.plain),
    )
    c.packaging = "surel terusan dalam teks (bukan rfc822) dengan dua .docx dan satu PDF"
    c.notes = "Pengirim staf lain dengan nomor HP di tanda tangan surel (umpan)."
    out.append(c)
    return out


def defective(seed):
    out = []

    c = Case("d01", "defective", seed)
    c.mk("dkp")
    c.add(
        pdf_blob("SPT Admin Agency.pdf", [c.doc("a2_spt_kepada")]),
        pdf_blob("Surat Permohonan DKP.pdf", [c.doc("l2_kepada_bawah")]),
    )
    c.deficiencies = ["missing:formulir"]
    c.grade_fields = False
    c.packaging = "dua PDF digital"
    c.notes = "Formulir tidak dilampirkan."
    out.append(c)

    c = Case("d02", "defective", seed)
    ctx = c.mk("disdik")
    ctx.extra["karpeg_mark"] = "-"
    c.add(
        pdf_blob("Formulir.pdf", [c.doc("f2_dua_orang")]),
        pdf_blob("Surat.pdf", [c.doc("l2_sidebar")]),
        pdf_blob("Daftar Periksa.pdf", [c.doc("x2_daftar_periksa")]),
    )
    c.deficiencies = ["missing:surat_penunjukan"]
    c.packaging = "tiga PDF digital"
    c.notes = "SK tidak ada, padahal daftar periksa mencentang SK."
    out.append(c)

    c = Case("d03", "defective", seed)
    c.mk("bps")
    p, ag = c.ctx.person, c.ctx.ag
    body = (
        "Yth. Kepala LPSE Provinsi Kalimantan Timur\ndi Samarinda\n\nDengan hormat,\n\nBersama "
        "ini kami mengajukan "
        f"permohonan pembuatan akun Admin Agency untuk {ag['satker']} atas nama {p.nama}, NIP "
        f"{p.nip}. "
        "Formulir dan SK penunjukan kami lampirkan.\n\nDemikian, atas perhatiannya kami ucapkan "
        "terima kasih.\n\n"
        f"Hormat kami,\n{c.ctx.head.nama}\n{ag['head']}\n"
    )
    email_case(
        c,
        "Permohonan Akun Admin Agency BPS.eml",
        "Permohonan Akun Admin Agency BPS Kaltim",
        body,
        None,
        [
            pdf_blob("Formulir.pdf", [c.doc("f2_label_bawah")]),
            pdf_blob("SK Tim SPSE.pdf", [c.doc("a2_lampiran_kelompok")]),
        ],
    )
    c.deficiencies = ["missing:surat_permohonan"]
    c.packaging = "surel dengan formulir dan SK; badan surel bergaya surat"
    c.notes = "Badan surel bukan surat permohonan."
    out.append(c)

    c = Case("d04", "defective", seed)
    ctx = c.mk("satpol")
    ctx.blank = {"telepon"}
    ctx.extra["let_no_contact"] = True
    c.add(
        pdf_blob("Formulir.pdf", [c.doc("f2_label_bawah")]),
        pdf_blob("SK.pdf", [c.doc("a2_petikan")]),
        pdf_blob("Surat.pdf", [c.doc("l2_blok_penuh")]),
    )
    c.deficiencies = ["missing_field:telepon"]
    c.packaging = "tiga PDF digital"
    c.notes = "Garis nomor HP kosong; telepon kantor di kop (umpan)."
    out.append(c)

    c = Case("d05", "defective", seed)
    ctx = c.mk("polnes")
    ctx.blank = {"email"}
    ctx.extra["let_no_contact"] = True
    c.add(
        pdf_blob("Formulir Usulan.pdf", [c.doc("f2_dua_orang")]),
        pdf_blob("SPT.pdf", [c.doc("a2_spt_kepada")]),
        pdf_blob("Surat Permohonan.pdf", [c.doc("l2_sidebar")]),
    )
    c.deficiencies = ["missing_field:email"]
    c.packaging = "tiga PDF digital"
    c.notes = "Email calon kosong, email atasan langsung di kolom sebelahnya terisi."
    out.append(c)

    c = Case("d06", "defective", seed)
    ctx = c.mk("dispar")
    ctx.blank = {"instansi", "satuan_kerja"}
    ctx.blank_mark = "-"
    c.add(
        pdf_blob("Formulir_Dispar.pdf", [c.doc("f2_romawi")]),
        pdf_blob("SK_Dispar.pdf", [c.doc("a2_kesatu_daftar")]),
        pdf_blob("Surat_Dispar.pdf", [c.doc("l2_nota_dinas")]),
    )
    c.deficiencies = ["missing_field:instansi", "missing_field:satuan_kerja"]
    c.packaging = "tiga PDF digital"
    c.notes = (
        "Instansi dan satuan kerja diisi tanda '-'; nama dinas tetap tercetak di SK dan nota dinas."
    )
    out.append(c)

    c = Case("d07", "defective", seed)
    ctx = c.mk("rsud")
    ctx.blank = {"nip", "jabatan"}
    ctx.extra["let_no_contact"] = True
    r = c.rng
    c.add(
        scan_blob("Blanko.pdf", [c.doc("f2_mesin_ketik")], r, dpi=300, base={"skew": 0.7}),
        scan_blob("SK RSUD.pdf", [c.doc("a2_kesatu_daftar")], r, dpi=250),
        pdf_blob("Surat RSUD.pdf", [c.doc("l2_judul_ybt")]),
    )
    c.deficiencies = ["missing_field:jabatan", "missing_field:nip"]
    c.packaging = "blanko dan SK dipindai 250-300 dpi, surat digital"
    c.notes = "NIP dan jabatan kosong pada blanko; NIK tetap terisi (umpan)."
    out.append(c)

    c = Case("d08", "defective", seed)
    ctx = c.mk("esi", n_others=1, sk_valid=("sejak", None))
    r = c.rng
    for pp in [ctx.person, ctx.head] + ctx.others:
        y, m_ = r.randint(2012, 2021), r.randint(1, 12)
        pp.nip = f"{y}{m_:02d}{r.randint(10, 99)}{r.randint(1000, 9999)}"
        pp.pangkat = "Staf Madya"
    ctx.person.jabatan = "Staf Pengadaan dan Logistik"
    c.add(
        pdf_blob("Formulir AA ESI.pdf", [c.doc("f2_tebal_tanpa_titik_dua")]),
        pdf_blob("SK Direksi Admin Agency.pdf", [c.doc("a2_direksi_bumd")]),
        pdf_blob("Surat Permohonan ESI.pdf", [c.doc("l2_kepada_bawah")]),
    )
    c.deficiencies = ["invalid:nip"]
    c.packaging = "tiga PDF digital (BUMD)"
    c.notes = "Nomor pegawai BUMD 12 digit tertulis sebagai NIP, sama di semua dokumen."
    out.append(c)

    c = Case("d09", "defective", seed)
    ctx = c.mk("dinkes", gender=2)
    ctx.person.nip = f"19890230{2014}03" + "2" + "007"
    c.add(
        pdf_blob("formulir.pdf", [c.doc("f2_dua_halaman")]),
        pdf_blob("sk.pdf", [c.doc("a2_kesatu_daftar")]),
        pdf_blob("surat.pdf", [c.doc("l2_kepada_bawah")]),
    )
    c.deficiencies = ["invalid:nip"]
    c.packaging = "tiga PDF digital"
    c.notes = "NIP dengan tanggal lahir 30 Februari, sama di semua dokumen."
    out.append(c)

    c = Case("d10", "defective", seed)
    ctx = c.mk("bapenda")
    p = ctx.person
    user = p.email.split("@")[0]
    ctx.email_override = f"{user}gmail.com"
    ctx.extra["let_no_contact"] = True
    c.add(
        pdf_blob("Formulir Bapenda.pdf", [c.doc("f2_titik_pemandu")]),
        docx_blob("SK Bapenda.docx", c.doc("a2_docx_keputusan")),
        pdf_blob("Surat.pdf", [c.doc("l2_sidebar")]),
    )
    c.deficiencies = ["invalid:email"]
    c.packaging = "PDF dan .docx"
    c.notes = "Alamat email tanpa tanda @; email kantor di kop (umpan)."
    out.append(c)

    c = Case("d11", "defective", seed)
    ctx = c.mk("dkp")
    ctx.phone_override = "0853-4702-1"
    ctx.extra["let_no_contact"] = True
    r = c.rng
    c.add(
        scan_blob(
            "formulir_dkp.pdf", [c.doc("f2_panel_lanskap")], r, dpi=300, base={"skew": 0.4, "q": 75}
        ),
        pdf_blob("sk_dkp.pdf", [c.doc("a2_petikan")]),
        pdf_blob("surat_dkp.pdf", [c.doc("l2_kepada_bawah")]),
    )
    c.deficiencies = ["invalid:telepon"]
    c.packaging = "formulir dipindai bersih 300 dpi, SK dan surat digital"
    c.notes = "Nomor HP hanya 9 digit; telepon kantor lengkap di panel instansi (umpan)."
    out.append(c)

    c = Case("d12", "defective", seed)
    ctx = c.mk("dlh", tujuan="Kepala Bagian Pengadaan Barang/Jasa Sekretariat Daerah Kota Bontang")
    ctx.tujuan_alamat = ["Jalan Moch. Roem Nomor 1", "Bontang"]
    ctx.extra["kota_tujuan"] = "Bontang"
    c.add(
        pdf_blob("Formulir.pdf", [c.doc("f2_romawi")]),
        pdf_blob("Petikan SK.pdf", [c.doc("a2_petikan")]),
        pdf_blob("Surat Permohonan.pdf", [c.doc("l2_judul_ybt")]),
    )
    c.deficiencies = ["invalid:tujuan_surat"]
    c.packaging = "tiga PDF digital"
    c.notes = "Surat ditujukan ke Bagian PBJ Setda Kota Bontang, bukan Biro PBJ/LPSE Provinsi."
    out.append(c)

    c = Case("d13", "defective", seed)
    c.mk("bpbd", tujuan="Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur")
    c.add(
        pdf_blob("Formulir.pdf", [c.doc("f2_dua_halaman")]),
        pdf_blob("SPT.pdf", [c.doc("a2_spt_kepada")]),
        pdf_blob("Surat.pdf", [c.doc("l2_kepada_bawah")]),
    )
    c.deficiencies = ["invalid:tujuan_surat"]
    c.packaging = "tiga PDF digital"
    c.notes = "Alamat tujuan di bawah tanda tangan: Kepala Diskominfo."
    out.append(c)

    c = Case("d14", "defective", seed)
    ctx = c.mk("inspektorat")
    skp = copy.copy(ctx.person)
    n = ctx.person.nip
    seq = int(n[15:])
    skp.nip = n[:15] + f"{seq + 2 if seq < 990 else seq - 2:03d}"
    ctx.sk_person = skp
    c.add(
        pdf_blob("Formulir Itda.pdf", [c.doc("f2_label_bawah")]),
        pdf_blob("SK Itda.pdf", [c.doc("a2_kesatu_daftar")]),
        docx_blob("Surat Itda.docx", c.doc("l2_docx")),
    )
    c.deficiencies = ["mismatch:nip"]
    c.packaging = "dua PDF dan satu .docx"
    c.notes = (
        "SK mencantumkan nama yang sama dengan NIP berbeda tiga digit terakhir "
        f"({skp.nip[-3:]} vs {n[-3:]})."
    )
    out.append(c)

    c = Case("d15", "defective", seed)
    ctx = c.mk("satpol", gender=1)
    skp = copy.copy(ctx.person)
    parts = ctx.person.plain.split()
    alt = [x for x in ["Saputra", "Pratama", "Setiawan", "Kurniawan", "Hidayat"] if x not in parts][
        0
    ]
    skp.plain = " ".join(parts[:-1] + [alt]) if len(parts) > 1 else parts[0] + " " + alt
    ctx.sk_person = skp
    c.add(
        pdf_blob("Formulir.pdf", [c.doc("f2_tebal_tanpa_titik_dua")]),
        pdf_blob("SPT.pdf", [c.doc("a2_spt_kepada")]),
        pdf_blob("Surat.pdf", [c.doc("l2_sidebar")]),
    )
    c.deficiencies = ["mismatch:nama"]
    c.packaging = "tiga PDF digital"
    c.notes = (
        f"SPT memuat NIP pemohon atas nama {skp.plain}, formulir atas nama {ctx.person.plain}."
    )
    out.append(c)

    c = Case("d16", "defective", seed)
    rec = dt.date(2026, 8, 10) + dt.timedelta(days=random.Random(f"{seed}d16").randint(0, 30))
    while rec.weekday() >= 5:
        rec += dt.timedelta(days=1)
    ctx = c.mk("disdik", received=rec, sk_valid=("bulan", (6, dt.date(2026, 1, 2))))
    ctx.d_sk = dt.date(2025, 12, 30)
    c.add(
        pdf_blob("Formulir Disdikbud.pdf", [c.doc("f2_titik_pemandu")]),
        pdf_blob("SPT Admin Agency Disdikbud.pdf", [c.doc("a2_spt_kepada")]),
        pdf_blob("Nota Dinas Disdikbud.pdf", [c.doc("l2_nota_dinas")]),
    )
    c.deficiencies = ["expired:surat_penunjukan"]
    c.packaging = "tiga PDF digital"
    c.notes = "SPT berlaku 6 (enam) bulan sejak 2 Januari 2026, berakhir 1 Juli 2026."
    out.append(c)

    c = Case("d17", "defective", seed)
    ctx = c.mk("setda", received=dt.date(2026, 4, 13), sk_valid=("sampai", dt.date(2026, 3, 31)))
    ctx.d_sk = dt.date(2026, 1, 6)
    r = c.rng
    c.add(
        scan_blob(
            "scan_berkas_biro_umum.pdf",
            [c.doc("f2_dua_halaman"), c.doc("a2_kesatu_daftar"), c.doc("l2_blok_penuh")],
            r,
            dpi=200,
        )
    )
    c.deficiencies = ["expired:surat_penunjukan"]
    c.packaging = "satu pindaian PDF 200 dpi"
    c.notes = "Keputusan Sekda berlaku sampai 31 Maret 2026, diterima 13 April 2026."
    out.append(c)

    c = Case("d18", "defective", seed)
    ctx = c.mk("kemenag")
    ctx.d_letter = ctx.received + dt.timedelta(days=3)
    email_case(
        c,
        "Permohonan Admin Agency Kanwil Kemenag.eml",
        "Permohonan Admin Agency Kanwil Kemenag Kaltim",
        body_text(c),
        None,
        [
            pdf_blob("Formulir.pdf", [c.doc("f2_romawi")]),
            pdf_blob("KMA Tim SPSE.pdf", [c.doc("a2_lampiran_kelompok")]),
            pdf_blob("Surat Permohonan.pdf", [c.doc("l2_judul_ybt")]),
        ],
    )
    c.deficiencies = ["future_date:surat_permohonan"]
    c.packaging = "surel dengan tiga PDF"
    c.notes = "Surat bertanggal tiga hari setelah tanggal surel."
    out.append(c)

    c = Case("d19", "defective", seed)
    ctx = c.mk("dishub")
    ctx.d_sk = ctx.received + dt.timedelta(days=1)
    c.add(
        pdf_blob("Formulir Dishub.pdf", [c.doc("f2_label_bawah")]),
        pdf_blob("Petikan Keputusan Kadishub.pdf", [c.doc("a2_petikan")]),
        pdf_blob("Surat Dishub.pdf", [c.doc("l2_kepada_bawah")]),
    )
    c.deficiencies = ["future_date:surat_penunjukan"]
    c.packaging = "tiga PDF digital"
    c.notes = "Petikan ditetapkan satu hari setelah tanggal terima."
    out.append(c)

    c = Case("d20", "defective", seed)
    c.mk("bws")
    r = c.rng
    sk = c.doc("a2_kesatu_daftar")
    sk.gradable = False
    c.add(
        pdf_blob("Formulir BWS.pdf", [c.doc("f2_titik_pemandu")]),
        scan_blob("SK_scan.pdf", [sk], r, dpi=150, unreadable=True),
        pdf_blob("Surat Permohonan BWS.pdf", [c.doc("l2_sidebar")]),
    )
    c.deficiencies = ["unreadable"]
    c.acceptable = ["missing:surat_penunjukan"]
    c.packaging = "formulir dan surat digital, SK dipindai kabur"
    c.notes = "SK tidak terbaca (resolusi efektif sangat rendah, buram)."
    out.append(c)

    c = Case("d21", "defective", seed)
    c.mk("dispar")
    lt = c.doc("l2_nota_dinas")
    lt.gradable = False
    enc = Blob(
        "Nota Dinas Dispar.pdf",
        encrypt_pdf(lt.pdf, "dispar2026", "owner-dispar"),
        [(lt, list(range(1, lt.npages + 1)))],
    )
    c.add(
        pdf_blob("Formulir Dispar.pdf", [c.doc("f2_tebal_tanpa_titik_dua")]),
        pdf_blob("SK Dispar.pdf", [c.doc("a2_kesatu_daftar")]),
        enc,
    )
    c.deficiencies = ["encrypted"]
    c.acceptable = ["missing:surat_permohonan"]
    c.packaging = "nota dinas PDF dengan kata sandi pembuka"
    c.notes = "Surat permohonan terkunci kata sandi pengguna."
    out.append(c)

    c = Case("d22", "defective", seed)
    c.mk("mahulu")
    fm = c.doc("f2_docx_bagian")
    fm.gradable = False
    c.add(
        Blob("Formulir Admin Agency Mahulu.docx", truncated(fm.docx, 0.5), [(fm, [1])]),
        pdf_blob("SK Sekda Mahulu.pdf", [c.doc("a2_spt_kepada")]),
        pdf_blob("Surat Permohonan Mahulu.pdf", [c.doc("l2_judul_ybt")]),
    )
    c.deficiencies = ["corrupt"]
    c.acceptable = ["missing:formulir"]
    c.grade_fields = False
    c.packaging = "formulir .docx terpotong, SK dan surat PDF"
    c.notes = "Berkas Word rusak (terpotong di tengah)."
    out.append(c)

    c = Case("d23", "defective", seed)
    c.mk("polnes")
    big = Doc("lainnya", "x2_gambar_raksasa", {}, npages=1, gradable=False)
    c.add(
        pdf_blob("Formulir Polnes.pdf", [c.doc("f2_dua_halaman")]),
        docx_blob("SK Direktur Polnes.docx", c.doc("a2_docx_keputusan")),
        pdf_blob("Surat Polnes.pdf", [c.doc("l2_kepada_bawah")]),
        Blob("Foto Gedung Resolusi Tinggi.png", huge_png(21000, 29700), [(big, [1])], scan=True),
    )
    c.deficiencies = ["too_large"]
    c.acceptable = ["corrupt", "unreadable"]
    c.packaging = "berkas lengkap ditambah PNG 21000 x 29700 piksel (624 megapiksel)"
    c.notes = "Gambar tambahan melebihi batas piksel."
    out.append(c)

    c = Case("d24", "defective", seed)
    c.mk("dinkes")
    p, ag = c.ctx.person, c.ctx.ag
    r = c.rng
    link = (
        "https://drive.google.com/drive/folders/1"
        + "".join(
            r.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789_-")
            for _ in range(32)
        )
        + "?usp=sharing"
    )
    txt = (
        "Yth. Admin LPSE,\n\nBerikut kami sampaikan nota dinas permohonan akun Admin Agency atas "
        f"nama {p.nama}. "
        f"Formulir dan SK penunjukan dapat diunduh pada tautan berikut:\n{link}\n\nTerima "
        f"kasih.\n{p.plain}\n"
    )
    email_case(
        c,
        "Permohonan Admin Agency Dinkes (tautan).eml",
        "Permohonan Admin Agency Dinkes",
        txt,
        "<p>"
        + txt.replace("\n", "<br>").replace(
            link, f'<a href="{link}">Folder Berkas Admin Agency</a>'
        )
        + "</p>",
        [pdf_blob("Nota Dinas Dinkes.pdf", [c.doc("l2_nota_dinas")])],
    )
    c.deficiencies = ["link_only", "missing:formulir", "missing:surat_penunjukan"]
    c.grade_fields = False
    c.packaging = (
        "surel dengan nota dinas terlampir; formulir dan SK hanya berupa tautan Google Drive"
    )
    c.notes = "Dokumen wajib hanya ditautkan."
    out.append(c)

    c = Case("d25", "defective", seed)
    rec = dt.date(2026, 2, 16) + dt.timedelta(days=random.Random(f"{seed}d25").randint(0, 30))
    while rec.weekday() >= 5:
        rec += dt.timedelta(days=1)
    ctx = c.mk(
        "bws",
        received=rec,
        sk_valid=("ta", 2025),
        tujuan="Kepala Unit Kerja Pengadaan Barang/Jasa Kabupaten Berau",
    )
    ctx.d_sk = dt.date(2025, 2, 10)
    ctx.tujuan_alamat = ["Jalan Pemuda Nomor 2", "Tanjung Redeb"]
    r = c.rng
    c.add(
        scan_blob(
            "Berkas BWS Kal IV.pdf",
            [c.doc("f2_dua_orang"), c.doc("a2_petikan"), c.doc("l2_blok_penuh")],
            r,
            dpi=200,
        )
    )
    c.deficiencies = ["expired:surat_penunjukan", "invalid:tujuan_surat"]
    c.packaging = "satu pindaian PDF 200 dpi"
    c.notes = "Petikan berlaku Tahun Anggaran 2025; surat ditujukan ke UKPBJ Kabupaten Berau."
    out.append(c)
    return out


def build(seed: int, out: str):
    cases = complete_digital(seed) + complete_scan(seed) + emails(seed) + defective(seed)
    order = list(range(len(cases)))
    random.Random(f"blind2-order-{seed}").shuffle(order)
    if os.path.isdir(os.path.join(out, "cases")):
        shutil.rmtree(os.path.join(out, "cases"))
    os.makedirs(os.path.join(out, "cases"), exist_ok=True)
    index = []
    for new_id, i in enumerate(order, 1):
        cid = f"{new_id:03d}"
        cases[i].write(out, cid)
        index.append((cid, cases[i].key, cases[i].category))
    return cases, index


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seed", type=int, default=3031)
    ap.add_argument("--out", default="build/blind2")
    a = ap.parse_args(argv)
    cases, index = build(a.seed, a.out)
    cats = {}
    for c in cases:
        cats[c.category] = cats.get(c.category, 0) + 1
    print(json.dumps(dict(cases=len(cases), by_category=cats, out=os.path.abspath(a.out))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
