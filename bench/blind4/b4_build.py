"""blind4 case builder: people and dates, printed values, documents, files, containers, e-mail and
truth."""

import datetime as dt
import json
import os

import b4_media as M
from b4_common import (
    AGENCIES,
    AGENCY,
    ANGKA,
    BODY_FONTS,
    DATE_STYLES,
    DATE_STYLES_FORM,
    NIP_STYLES,
    PHONE_STYLES,
    TUJUAN_VALID,
    derive_codes,
    fmt_date,
    fmt_nip,
    fmt_phone,
    make_email,
    make_person,
    pangkat_gol,
)
from b4_forms import FORMS, extra_page
from b4_letters import LETTERS, SKS

TZ = dt.timezone(dt.timedelta(hours=8))


def head_role(ag):
    if ag["key"] == "dprd":
        return "Sekretaris DPRD Provinsi Kalimantan Timur"
    if ag["head"].startswith("Kepala"):
        return "Kepala " + ag["satker"]
    return ag["head"] + " " + ag["satker"]


def _upper_name(n):
    return n.upper()


class Builder:
    def __init__(self, r, rng, case_id):
        self.r, self.rng, self.id = r, rng, case_id
        self.notes = list(r.get("notes", []))

    # -------------------------------------------------------------- context
    def setup(self):
        r, rng = self.r, self.rng
        ag = AGENCY[r["agency"]]
        self.ag = ag
        y0 = dt.date(2026, 2, 16)
        self.received = y0 + dt.timedelta(days=rng.randint(0, 280))
        rec = self.received
        p = make_person(rng, pppk=r.get("pppk", False))
        if r.get("invalid_nip"):
            p["nip"] = r["invalid_nip"]
        self.p = p
        self.head = make_person(rng, head=True)
        self.sekr = make_person(rng, head=True)
        self.prev = make_person(rng)
        self.prev["nip_print"] = fmt_nip(self.prev["nip"], "space")
        self.letter_date = rec - dt.timedelta(days=rng.randint(1, 9))
        self.form_date = self.letter_date - dt.timedelta(days=rng.randint(0, 4))
        if r.get("future") == "formulir":
            self.form_date = self.form_date.replace(year=self.form_date.year + 1)
        if r.get("future") == "surat_permohonan":
            self.letter_date = rec + dt.timedelta(days=rng.randint(3, 12))
        email = r.get("email_addr") or make_email(rng, p, r.get("email_domain"))
        if r.get("email_mut") == "no_tld":
            email = email.split("@")[0] + "@gmail"
        phone = r.get("phone") or M_phone(rng)
        nip_style = r.get("nip_style") or rng.choice(NIP_STYLES)
        self.nip_style = nip_style
        self.font = r.get("font") or rng.choice(BODY_FONTS)
        self.paper = r.get("paper") or rng.choice(["A4", "A4", "F4"])
        nama_print = p["nama"].upper() if r.get("caps_form") else p["nama"]
        email_print = r.get("email_print") or email
        v = dict(
            nama=nama_print,
            nip=fmt_nip(p["nip"], nip_style),
            pangkat=pangkat_gol(p, rng.randint(0, 2)),
            jabatan=p["jabatan"],
            instansi=ag["instansi"],
            satker=ag["satker"],
            alamat=ag["alamat"],
            telp_kantor=ag["telp"],
            email=email_print,
            telepon=r.get("phone_print") or fmt_phone(phone, rng.choice(PHONE_STYLES)),
            tanggal=fmt_date(
                self.form_date, r.get("form_date_style") or rng.choice(DATE_STYLES_FORM)
            ),
            nip_digits=p["nip"],
            tanggal_bimtek=fmt_date(self.received - dt.timedelta(days=rng.randint(30, 90)), "long"),
            tanggal_disposisi=fmt_date(
                self.letter_date - dt.timedelta(days=rng.randint(5, 15)), "long"
            ),
        )
        self.lv = dict(
            v
        )  # the person's real values, as letters print them (a blank on the form stays in letters)
        for k in r.get("blank", []):
            v[k] = ""
        self.v = v
        self.truth_fields = dict(
            nama=nama_print or None,
            nama_tanpa_gelar=bare_display(nama_print) if nama_print else None,
            nip=p["nip"] if v["nip"] else None,
            jabatan=v["jabatan"] or None,
            instansi=v["instansi"] or None,
            satuan_kerja=v["satker"] or None,
            email=(email_print.lower() if v["email"] else None),
            telepon=(norm_phone(v["telepon"]) if v["telepon"] else None),
        )
        self.biro_no = f"000.3.2/{rng.randint(100, 999)}/B.PBJ-LPSE/{rec.year}"
        self.biro_date = fmt_date(rec - dt.timedelta(days=rng.randint(40, 120)), "long")
        self.ctx = dict(
            ag=ag,
            v=v,
            lv=self.lv,
            rng=rng,
            head=self.head,
            head_role=head_role(ag),
            head_nip=fmt_nip(self.head["nip"], rng.choice(NIP_STYLES)),
            paper=self.paper,
            font=self.font,
            prev=self.prev if r.get("prev") else None,
            biro_letter_no=self.biro_no,
            biro_letter_date=self.biro_date,
            petugas=make_person(rng),
            example_phone=r.get("example_phone"),
            jenis="Penggantian" if r.get("prev") else "Baru",
        )
        self.ctx.update(r.get("ctx", {}))
        self.docs = {}

    # -------------------------------------------------------------- documents
    def make_form(self):
        fr = self.r.get("form")
        if not fr:
            return
        c = dict(self.ctx)
        c.update(fr.get("opts", {}))
        if fr["layout"] == "f4_docx_placeholder":
            c["placeholder"] = self.rng.choice(["pangkat", "alamat"])
            self.notes.append(
                "isian opsional berisi teks placeholder Word ('Klik atau ketuk di sini ...')"
            )
        data, n, kind = FORMS[fr["layout"]](c)
        layout = fr["layout"] + ("_tangan" if c.get("hand") else "")
        tf = self.truth_fields
        fields = dict(
            nama=tf["nama"],
            nip=tf["nip"],
            pangkat_golongan=self.v["pangkat"],
            jabatan=tf["jabatan"],
            instansi=tf["instansi"],
            satuan_kerja=tf["satuan_kerja"],
            alamat_kantor=self.v["alamat"],
            email=tf["email"],
            telepon=tf["telepon"],
            jenis_permohonan="penggantian" if self.r.get("prev") else "baru",
            tanggal=self.form_date.isoformat(),
            pimpinan=dict(nama=self.head["nama"], nip=self.head["nip"]),
        )
        if c.get("placeholder") == "pangkat":
            fields["pangkat_golongan"] = None
        if c.get("placeholder") == "alamat":
            fields["alamat_kantor"] = None
        self.docs["form"] = dict(
            type="formulir", layout=layout, fields=fields, data=bytes(data), kind=kind, pages=n
        )

    def _validity(self, kind, noun, sk_date):
        rec = self.received
        if kind == "none":
            return (
                (
                    f"{noun} mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di "
                    "kemudian hari terdapat kekeliruan akan diadakan perbaikan sebagaimana "
                    "mestinya."
                ),
                None,
                None,
            )
        if kind == "until":
            end = rec + dt.timedelta(days=self.rng.randint(150, 600))
            ph = f"sampai dengan tanggal {fmt_date(end, 'long')}"
            return f"{noun} berlaku sejak tanggal ditetapkan {ph}.", ph, end
        if kind == "until_past":
            end = rec - dt.timedelta(days=self.rng.randint(5, 60))
            ph = f"sampai dengan tanggal {fmt_date(end, 'long')}"
            return f"{noun} berlaku sejak tanggal ditetapkan {ph}.", ph, end
        if kind == "years":
            n = 2
            end = sk_date.replace(year=sk_date.year + n) - dt.timedelta(days=1)
            ph = f"selama {n} ({ANGKA[n]}) tahun terhitung sejak tanggal ditetapkan"
            return f"{noun} berlaku {ph}.", ph, end
        if kind == "ta":
            ph = f"untuk Tahun Anggaran {sk_date.year}"
            return f"{noun} berlaku {ph}.", ph, dt.date(sk_date.year, 12, 31)
        raise ValueError(kind)

    def make_sk(self):
        sr = self.r.get("sk")
        if not sr:
            return
        rng, rec, ag, p = self.rng, self.received, self.ag, self.p
        layout = sr["layout"]
        vk = sr.get("validity", "none")
        if vk == "ta":
            sk_date = rec - dt.timedelta(days=rng.randint(10, max(11, rec.timetuple().tm_yday - 5)))
        elif vk == "until_past":
            sk_date = rec - dt.timedelta(days=rng.randint(200, 420))
        elif sr.get("old"):
            sk_date = rec - dt.timedelta(days=rng.randint(800, 1200))
        else:
            sk_date = rec - dt.timedelta(days=rng.randint(12, 300))
        if sr.get("ta_year"):
            sk_date = dt.date(sr["ta_year"], rng.randint(1, 6), rng.randint(1, 28))
        if self.r.get("future") == "surat_penunjukan":
            sk_date = rec + dt.timedelta(days=rng.randint(2, 20))
        noun = "Surat Perintah ini" if layout == "s4_surat_perintah" else "Keputusan ini"
        vtext, ph, end = self._validity(vk, noun, sk_date)
        if layout == "s4_surat_perintah":
            vtext = vtext[:-1] + ";"
        mode = sr.get("mode", "ok")
        me = dict(
            nama=p["nama"],
            nip=p["nip"],
            gender=p["gender"],
            pangkat=p["pangkat"],
            golongan=p["golongan"],
            pppk=p["pppk"],
            jabatan=p["jabatan"],
            satker=ag["satker"],
        )
        if sr.get("caps"):
            me["nama_print"] = _upper_name(p["nama"])
        if mode == "other_name":
            o = make_person(rng, gender=p["gender"])
            me["nama"] = o["nama"]
            me["nama_print"] = o["nama"]
            self.notes.append(f"SK mencantumkan NIP pemohon dengan nama lain ({o['nama']})")
        elif mode == "other_nip":
            b = p["nip"]
            new = b[:15] + f"{(int(b[15:]) + rng.randint(3, 40)) % 1000:03d}"
            me["nip"] = new
            self.notes.append(
                "SK mencantumkan nama pemohon dengan NIP lain (tiga digit terakhir berbeda)"
            )
        people = []
        nothers = sr.get("others", 0)
        others = []
        for _ in range(nothers):
            o = make_person(rng)
            o["satker"] = (
                rng.choice([a for a in AGENCIES if a["prov"] and a["key"] != ag["key"]])["satker"]
                if layout == "s4_sekda_tabel"
                else ag["satker"]
            )
            others.append(o)
        if mode == "others":
            pv = dict(self.prev)
            pv["satker"] = ag["satker"]
            people = [pv] + others
            self.notes.append(
                "SK/Surat Perintah hanya menunjuk pegawai lain; pemohon tidak tercantum"
            )
        else:
            pos = sr.get("pos", rng.randint(0, nothers))
            people = others[:pos] + [me] + others[pos:]
        ns = sr.get("nip_style") or rng.choice(NIP_STYLES)
        for q in people:
            q.setdefault("nama_print", q["nama"])
            q["nip_print"] = fmt_nip(q["nip"], ns)
            q["pangkat_print"] = pangkat_gol(q, rng.randint(0, 2))
        if layout == "s4_sekda_tabel":
            signer = make_person(rng, head=True)
            srole = "Sekretaris Daerah Provinsi Kalimantan Timur"
            nomor = f"000.3.3/K.{rng.randint(100, 899)}/Setda.PBJ/{sk_date.year}"
        elif layout == "s4_surat_perintah":
            signer, srole = self.head, head_role(ag)
            nomor = f"800.1.11.1/{rng.randint(100, 999)}/SP/{ag['code']}/{sk_date.year}"
        else:
            signer, srole = self.head, head_role(ag)
            nomor = (
                f"800.1.11.1/{rng.randint(10, 999)}/{ag['code']}/"
                f"{ROMAN[sk_date.month - 1]}/{sk_date.year}"
            )
        sk = dict(
            nomor=nomor,
            tanggal_print=fmt_date(sk_date, rng.choice(["long", "long0", "caps"])),
            tahun=sk_date.year,
            validity_text=vtext,
            ditunjuk=people,
            signer=signer,
            signer_role=srole,
            signer_nip=fmt_nip(signer["nip"], ns),
            signer_pangkat=f"{signer['pangkat']} ({signer['golongan']})"
            if rng.random() < 0.6
            else None,
        )
        c = dict(self.ctx)
        c.update(sr.get("opts", {}))
        data, n, kind = SKS[layout](c, sk)
        fields = dict(
            nomor=nomor,
            tanggal=sk_date.isoformat(),
            perihal="Penunjukan Admin Agency",
            berlaku=ph,
            berlaku_sampai=end.isoformat() if end else None,
            ditunjuk=[dict(nama=q["nama_print"], nip=q["nip"]) for q in people],
            penandatangan=dict(nama=signer["nama"], nip=signer["nip"]),
        )
        self.docs["sk"] = dict(
            type="surat_penunjukan",
            layout=layout,
            fields=fields,
            data=bytes(data),
            kind=kind,
            pages=n,
        )

    def make_letter(self):
        lr = self.r.get("letter")
        if not lr:
            return
        rng, ag, p = self.rng, self.ag, self.p
        tujuan = lr.get("tujuan") or rng.choice(TUJUAN_VALID)
        if lr.get("invalid"):
            tujuan = lr["invalid"]
        signer, roles = self.head, [head_role(ag) + ","]
        how = lr.get("signer") or rng.choice(["head", "an", "plt"])
        if how == "an" and ag["head"] in ("Kepala Dinas", "Kepala Badan"):
            signer, roles = self.sekr, [f"a.n. {head_role(ag)}", "Sekretaris,"]
        elif how == "plt":
            signer, roles = self.sekr, [f"Plt. {head_role(ag)},"]
        nama_print = p["nama"].upper() if lr.get("caps") else p["nama"]
        lt = dict(
            nomor=f"{rng.choice(['000.1.2', '800.1.11', '027', '000.3'])}/{rng.randint(100, 2999)}/"
            f"{ag['code']}/{self.letter_date.year}",
            tanggal_print=fmt_date(self.letter_date, rng.choice(DATE_STYLES)),
            tujuan=tujuan,
            hal=rng.choice(
                [
                    "Permohonan Pembuatan Akun Admin Agency",
                    "Permohonan Akun Admin Agency SPSE",
                    "Usulan Pembuatan User ID Admin Agency",
                ]
            ),
            nama_print=nama_print,
            nip_print=fmt_nip(p["nip"], self.nip_style),
            sdr="Saudara" if p["gender"] == 1 else "Saudari",
            signer=signer,
            signer_roles=roles,
            signer_nip=fmt_nip(signer["nip"], rng.choice(NIP_STYLES)),
            signer_pangkat=f"{signer['pangkat']} ({signer['golongan']})"
            if rng.random() < 0.5
            else None,
        )
        c = dict(self.ctx)
        c.update(lr.get("opts", {}))
        data, n, kind = LETTERS[lr["layout"]](c, lt)
        fields = dict(
            nomor=lt["nomor"],
            tanggal=self.letter_date.isoformat(),
            tujuan=tujuan,
            hal=lt["hal"],
            nama=nama_print,
            nip=p["nip"],
            penandatangan=dict(nama=signer["nama"], nip=signer["nip"]),
        )
        self.docs["letter"] = dict(
            type="surat_permohonan",
            layout=lr["layout"],
            fields=fields,
            data=bytes(data),
            kind=kind,
            pages=n,
        )

    def make_extras(self):
        for i, kind in enumerate(self.r.get("extras", [])):
            c = dict(self.ctx)
            if kind == "x4_daftar_hadir":
                hadir = []
                for _ in range(5):
                    o = make_person(self.rng)
                    o["nip_print"] = fmt_nip(o["nip"], "space")
                    o["satker"] = self.rng.choice(AGENCIES)["satker"]
                    hadir.append(o)
                me = dict(
                    nama=self.v["nama"] or self.p["nama"],
                    nip_print=fmt_nip(self.p["nip"], "space"),
                    satker=self.ag["satker"],
                )
                hadir.insert(self.rng.randint(1, 4), me)
                c["hadir"] = hadir
            data, n, kind2, fields = extra_page(kind, c)
            self.docs[f"x{i}"] = dict(
                type="lainnya", layout=kind, fields=fields, data=bytes(data), kind="pdf", pages=n
            )

    # -------------------------------------------------------------- files
    def render_file(self, spec, sources, smap, relkey):
        """Returns list of (name, bytes, [(docid, pages_in_file)]) - a photo spec of a multi-page
        doc gives one file per page."""
        rng = self.rng
        media = spec.get("media", "pdf")
        ids = spec["docs"]
        name = spec["name"]
        if media == "docx":
            d = self.docs[ids[0]]
            assert d["kind"] == "docx"
            return [(name, d["data"], [(ids[0], [1])])]
        parts, mapping, off = [], [], 0
        for i in ids:
            d = self.docs[i]
            assert d["kind"] == "pdf", (self.r["key"], i)
            parts.append(d["data"])
            mapping.append((i, list(range(off + 1, off + d["pages"] + 1))))
            off += d["pages"]
        pdf = parts[0] if len(parts) == 1 else M.merge_pdfs(parts)
        if media == "pdf":
            if spec.get("owner_only"):
                r = M.PdfReader(__import__("io").BytesIO(pdf))
                w = M.PdfWriter()
                for pg in r.pages:
                    w.add_page(pg)
                w.encrypt(user_password="", owner_password="Biro#2026", algorithm="AES-128")
                b = __import__("io").BytesIO()
                w.write(b)
                pdf = b.getvalue()
            if spec.get("encrypt"):
                pdf = M.encrypt_pdf(pdf, spec["encrypt"])
            if spec.get("garble"):
                pdf = M.garble(pdf, rng)
            return [(name, pdf, mapping)]
        # image media: keep the text-layer original for the self-check
        src_name = f"src{len(sources):02d}.pdf"
        sources.append((src_name, pdf))
        opts = spec.get("opts", {})
        if media in ("scan", "tiff_g4", "tiff_lzw"):
            dpi = opts.get("dpi", 200)
            imgs = M.render(pdf, dpi)
            turns = opts.get("turns", {})
            out = []
            for k, im in enumerate(imgs):
                o = dict(opts)
                o["turn"] = turns.get(k + 1)
                out.append(M.scan_page(im, rng, o))
            if media == "scan":
                data = M.images_to_pdf(out, dpi, opts.get("q", rng.randint(35, 70)))
            else:
                data = M.tiff_bytes(out, "g4" if media == "tiff_g4" else "lzw")
            smap[relkey(name)] = dict(source=src_name, medium=media, pages=list(range(1, off + 1)))
            return [(name, data, mapping)]
        # one image per page: photo (jpg) or png
        imgs = M.render(pdf, opts.get("dpi", 150), grey=False)
        res = []
        stem, ext = name.rsplit(".", 1)
        for k, im in enumerate(imgs):
            nm = name if len(imgs) == 1 else f"{stem}_{k + 1}.{ext}"
            if media == "photo":
                o = dict(opts)
                o.setdefault(
                    "table",
                    rng.choice([[118, 84, 58], [150, 150, 155], [60, 70, 90], [190, 180, 160]]),
                )
                data = M.jpeg_bytes(M.photo_page(im, rng, o), opts.get("q", rng.randint(60, 85)))
            else:  # png: scanner app look, cleaned grey
                data = M.png_bytes(M.scan_page(im.convert("L"), rng, dict(opts, noise=3)))
            docid = next(i for i, pg in mapping if k + 1 in pg)
            pages_in_doc = [p for i, pg in mapping for p in pg if i == docid]
            smap[relkey(nm)] = dict(source=src_name, medium=media, pages=[k + 1])
            res.append((nm, data, [(docid, [1])]))
            if len(pages_in_doc) > 1:
                self.photo_split = True
        return res

    def build(self, out_case, out_src):
        self.setup()
        self.make_form()
        self.make_sk()
        self.make_letter()
        self.make_extras()
        r = self.r
        sources, smap, entries = [], {}, []
        inp = os.path.join(out_case, "input")
        os.makedirs(inp, exist_ok=True)
        damaged_files = set()
        channel = "file"
        image_media = {"scan", "tiff_g4", "tiff_lzw", "photo", "png"}

        def rel(name):
            return name

        def add_entries(files, file_field, part_prefix):
            for name, _data, mapping in files:
                for docid, pages in mapping:
                    part = (part_prefix + [name]) if part_prefix is not None else None
                    entries.append(
                        dict(
                            file=file_field(name),
                            part=part,
                            pages=pages,
                            docid=docid,
                            bad=name in damaged_files,
                        )
                    )

        if "email" in r:
            channel = "email"
            em = r["email"]
            atts = []  # (name, bytes)
            inner_atts = []
            inline = None
            eml_name = em.get("eml_name", "Permohonan Akun Admin Agency.eml")
            fwd_name = "Permohonan Akun Admin Agency.eml"
            for spec in em["files"]:
                if "zip" in spec:
                    members = []
                    for ms in spec["members"]:
                        fs = self.render_file(
                            ms, sources, smap, lambda n, z=spec["zip"]: f"{z}/{n}"
                        )
                        members += [(n, b) for n, b, _ in fs]
                        add_entries(
                            fs,
                            lambda n: eml_name,
                            [spec["zip"]] if not spec.get("fwd") else [fwd_name, spec["zip"]],
                        )
                        if ms.get("media", "pdf") in image_media:
                            channel_scan = True  # noqa: F841
                    (inner_atts if spec.get("fwd") else atts).append(
                        (spec["zip"], M.zip_bytes(members))
                    )
                    continue
                prefix = [fwd_name] if spec.get("fwd") else []
                fs = self.render_file(spec, sources, smap, lambda n, pf=prefix: "/".join(pf + [n]))
                if spec.get("inline"):
                    n, b, mp = fs[0]
                    inline = ("foto-formulir@blind4", n, b)
                    add_entries(fs, lambda n: eml_name, [])
                    continue
                add_entries(fs, lambda n: eml_name, prefix)
                for n, b, _ in fs:
                    (inner_atts if spec.get("fwd") else atts).append((n, b))
            when = dt.datetime.combine(
                self.received, dt.time(self.rng.randint(7, 16), self.rng.randint(0, 59)), tzinfo=TZ
            )
            addr = self.truth_fields["email"] or "admin@" + self.ag["web"]
            frm = f"{self.v['nama'] or self.p['nama']} <{addr}>"
            subj = em.get("subject", f"Permohonan Akun Admin Agency - {self.ag['satker']}")
            body = em.get(
                "body",
                "Yth. Admin LPSE Provinsi Kalimantan Timur,\n\nBersama ini kami kirimkan berkas "
                "permohonan pembuatan akun Admin Agency. Mohon dapat diproses.\n\nTerima kasih.\n"
                f"{self.ag['satker']}\n",
            )
            html = None
            if inline:
                html = (
                    "<p>Yth. Admin LPSE,</p><p>Berikut foto formulir permohonan akun Admin Agency, "
                    "surat penunjukan dan surat permohonan terlampir.</p>"
                    '<img src="cid:foto-formulir@blind4" '
                    f'width="600"><p>Hormat kami,<br>{self.ag["satker"]}</p>'
                )
            if inner_atts:
                inner = M.build_email(
                    frm,
                    f"Sekretariat <sekretariat@{self.ag['mail'].split('@')[1]}>",
                    subj,
                    when - dt.timedelta(days=1),
                    body,
                    inner_atts,
                )
                atts.append((fwd_name, inner))
                user = self.ag["code"].lower().replace(" ", "").replace(".", "")
                frm2 = f"Staf Umum <umum.{user}@gmail.com>"
                body2 = (
                    "Meneruskan email dari pemohon di bawah ini, mohon diproses.\n\n-- Pesan "
                    "terusan terlampir --\n"
                )
                eml = M.build_email(
                    frm2,
                    "LPSE Prov. Kaltim <lpse@kaltimprov.go.id>",
                    "Fwd: " + subj,
                    when,
                    body2,
                    atts,
                )
            else:
                eml = M.build_email(
                    frm,
                    "LPSE Prov. Kaltim <lpse@kaltimprov.go.id>",
                    subj,
                    when,
                    body,
                    atts,
                    html=html,
                    inline=inline,
                    rfc2231=em.get("rfc2231", False),
                )
            with open(os.path.join(inp, eml_name), "wb") as fh:
                fh.write(eml)
        else:
            for spec in r["files"]:
                if "zip" in spec:
                    members = []
                    for ms in spec["members"]:
                        fs = self.render_file(
                            ms, sources, smap, lambda n, z=spec["zip"]: f"{z}/{n}"
                        )
                        members += [(n, b) for n, b, _ in fs]
                        add_entries(fs, lambda n, z=spec["zip"]: z, [spec["zip"]])
                        if ms.get("media", "pdf") in image_media:
                            channel = "scan"
                    with open(os.path.join(inp, spec["zip"]), "wb") as fh:
                        fh.write(M.zip_bytes(members))
                    continue
                if spec.get("encrypt") or spec.get("garble") or spec.get("unreadable"):
                    damaged_files.add(spec["name"])
                if spec.get("media", "pdf") in image_media:
                    channel = "scan"
                fs = self.render_file(spec, sources, smap, lambda n: n)
                for n, b, _ in fs:
                    pth = os.path.join(inp, n)
                    os.makedirs(os.path.dirname(pth), exist_ok=True)
                    with open(pth, "wb") as fh:
                        fh.write(b)
                add_entries(fs, lambda n: n, None)
        # ---------------------------------------------------------- truth
        damage = r.get("damage")  # (docid, code)
        damaged = []
        documents = []
        for e in entries:
            d = self.docs[e["docid"]]
            ent = dict(
                file=e["file"],
                part=e["part"],
                pages=e["pages"],
                type=d["type"],
                layout=d["layout"],
                fields=d["fields"],
            )
            if damage and e["docid"] == damage[0]:
                ent["gradable"] = False
                damaged.append(
                    (damage[1], d["type"], e["file"] if not e["part"] else "/".join(e["part"]))
                )
            documents.append(ent)
        codes, extra = derive_codes(
            documents, self.received.isoformat(), [(c, t) for c, t, _ in damaged]
        )
        if sorted(codes) != sorted(r.get("expect", [])):
            raise SystemExit(f"case {r['key']}: derived {codes} != expected {r.get('expect', [])}")
        if damage:
            extra = sorted(set(extra) | set(r.get("extra_ok", [])))
        has_form = any(d["type"] == "formulir" and d.get("gradable", True) for d in documents)
        if channel == "file" and smap:
            channel = "scan"
        if channel == "email" and r.get("category") == "complete_scan":
            pass
        tf = dict(self.truth_fields)
        if not has_form:
            tf = dict(
                nama=self.p["nama"],
                nama_tanpa_gelar=bare_display(self.p["nama"]),
                nip=self.p["nip"],
                jabatan=self.p["jabatan"],
                instansi=self.ag["instansi"],
                satuan_kerja=self.ag["satker"],
                email=None,
                telepon=None,
            )
        layouts = {}
        for d in documents:
            if d["type"] != "lainnya":
                layouts.setdefault(d["type"], d["layout"])
        truth = dict(
            case=self.id,
            received=self.received.isoformat(),
            channel=channel,
            complete=not codes,
            deficiencies=codes,
            acceptable_extra_deficiencies=extra,
            documents=documents,
            fields=tf,
            grade_fields=has_form,
            category=r["category"],
            layouts=layouts,
            packaging=r.get("packaging", "separate"),
            notes=self.notes,
        )
        with open(os.path.join(out_case, "truth.json"), "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=1)
        if sources:
            os.makedirs(out_src, exist_ok=True)
            for n, b in sources:
                with open(os.path.join(out_src, n), "wb") as fh:
                    fh.write(b)
        os.makedirs(out_src, exist_ok=True)
        with open(os.path.join(out_src, "map.json"), "w", encoding="utf-8") as fh:
            json.dump(
                dict(images=smap, damaged=[dict(code=c, type=t, file=f) for c, t, f in damaged]),
                fh,
                ensure_ascii=False,
                indent=1,
            )
        return truth


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def M_phone(rng):
    from b4_common import make_phone

    return make_phone(rng)


def norm_phone(s):
    import re

    d = re.sub(r"\D", "", s or "")
    if d.startswith("62"):
        d = "0" + d[2:]
    return d or None


def bare_display(n):
    """The name without front and back titles, as printed."""
    s = n.split(",")[0].strip()
    toks = s.split()
    while (
        toks
        and toks[0].lower().strip(".") in {"dr", "drs", "ir", "h", "hj", "dra"}
        and toks[0].endswith(".")
    ):
        toks.pop(0)
    return " ".join(toks)
