"""blind3: builds one case (documents, files, e-mail, truth) from a recipe in b3_cases.py."""

import datetime as dt
import io
import re

import b3_media as M
from b3_common import (
    AG,
    ANGKA,
    LPSE_KALTIM,
    WRONG_TUJUAN,
    People,
    add_years,
    derive_codes,
    fmt_nip,
    fmt_phone,
)
from b3_forms import EXTRAS, FORMS
from b3_letters import LETTERS, SKS, nomor_surat
from pypdf import PdfReader

HAL = [
    "Permohonan Pembuatan Akun Admin Agency",
    "Permohonan Akun Admin Agency SPSE",
    "Usulan Admin Agency pada SPSE LPSE Provinsi Kalimantan Timur",
    "Permohonan User ID Admin Agency",
]
SK_WORD = {
    "s3_lampiran": "Keputusan ini",
    "s3_surat_tugas": "Surat Tugas ini",
    "s3_penunjukan_prosa": "Surat Penunjukan ini",
}


def digits(s):
    return re.sub(r"\D", "", s or "")


def phone_truth(s):
    d = digits(s)
    if not d:
        return None
    return "0" + d[2:] if d.startswith("62") else d


def _date_between(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def _validity(rng, kind, R, word):
    """(sk date, text, end date or None)."""
    if kind == "none":
        sk = R - dt.timedelta(days=rng.randint(30, 700))
        txt = rng.choice(
            [
                f"{word} mulai berlaku pada tanggal ditetapkan dengan ketentuan apabila di "
                f"kemudian hari "
                f"terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya.",
                f"{word} berlaku sejak tanggal ditetapkan sampai dengan ditetapkannya "
                f"penunjukan baru.",
            ]
        )
        return sk, txt, None
    if kind in ("sampai", "exp_sampai"):
        if kind == "sampai":
            sk = R - dt.timedelta(days=rng.randint(20, 300))
            end = rng.choice(
                [dt.date(R.year + 1, 12, 31), dt.date(R.year + 2, 6, 30), dt.date(R.year, 12, 31)]
            )
        else:
            sk = R - dt.timedelta(days=rng.randint(300, 600))
            end = R - dt.timedelta(days=rng.randint(15, 90))
        from b3_common import tgl

        return sk, f"{word} berlaku sejak tanggal ditetapkan sampai dengan tanggal {tgl(end)}.", end
    if kind == "tahun":
        n = rng.choice([2, 3])
        sk = R - dt.timedelta(days=rng.randint(20, 300))
        return (
            sk,
            (f"{word} berlaku selama {n} ({ANGKA[n]}) tahun terhitung sejak tanggal ditetapkan."),
            add_years(sk, n) - dt.timedelta(days=1),
        )
    if kind == "exp_tahun":
        from b3_common import tgl

        sk = R - dt.timedelta(days=365 + rng.randint(40, 200))
        return (
            sk,
            (
                f"{word} berlaku untuk jangka waktu 1 (satu) tahun terhitung mulai tanggal "
                f"{tgl(sk)}."
            ),
            add_years(sk, 1) - dt.timedelta(days=1),
        )
    if kind == "ta":
        sk = dt.date(R.year, 1, rng.randint(2, 20))
        return sk, f"{word} berlaku untuk Tahun Anggaran {R.year}.", dt.date(R.year, 12, 31)
    raise ValueError(kind)


def _official(people, ag, role, rng):
    p = people.person(ag["dom"], head=True)
    p["nip_p"] = fmt_nip(p["nip"], rng.choice(["spasi", "spasi", "rapat"]))
    p["tel_p"] = fmt_phone(p["telepon"], rng.choice(["strip", "spasi", "plus"]))
    p["role"] = role
    return p


def build_case(spec, rng, cid):
    people = People(rng)
    ag = AG[spec.get("ag") or rng.choice(sorted(AG))]
    R = spec.get("received") or _date_between(rng, dt.date(2026, 2, 2), dt.date(2026, 11, 20))
    app = people.person(ag["dom"], sex=spec.get("sex"))
    head = _official(people, ag, "kepala", rng)
    notes = list(spec.get("notes", []))

    # ---- what the form prints
    ov = spec.get("pv", {})
    nip_style = (
        rng.choice(["spasi", "rapat", "rapat", "titik"])
        if (spec.get("form") or ("",))[0] != "f3_lpse_nipbox"
        else "rapat"
    )
    pv = dict(
        nama=app["nama"],
        nip=fmt_nip(app["nip"], nip_style),
        pangkat=app["pangkat"],
        jabatan=app["jabatan"],
        instansi=ag["instansi"],
        satker=ag["satker"],
        email=app["email"] if rng.random() < 0.85 else app["email"].capitalize(),
        telepon=fmt_phone(
            app["telepon"], rng.choice(["strip", "spasi", "plus", "rapat", "plus_strip", "kurung"])
        ),
        alamat=f"{ag['alamat']}, {ag['kota']}",
    )
    if "nip_raw" in ov:
        pv["nip"] = ov["nip_raw"]
        app["nip"] = digits(ov["nip_raw"])
    for k in ("email", "telepon", "nip", "jabatan"):
        if k in ov and ov[k] is None:
            pv[k] = None
    if ov.get("email_raw") == "COMMA":  # a comma typed for the last dot of the domain
        i = pv["email"].rfind(".")
        pv["email"] = pv["email"][:i] + "," + pv["email"][i + 1 :]
    if "telepon_raw" in ov:
        pv["telepon"] = ov["telepon_raw"]
    form = spec.get("form")
    fill = form[1] if form else None
    hand_upper = False
    if fill == "tangan":
        hand_upper = rng.random() < 0.5

    # ---- dates
    letter_date = R - dt.timedelta(days=rng.randint(1, 10))
    if (spec.get("letter") or {}).get("future"):
        letter_date = R + dt.timedelta(days=rng.randint(4, 25))
    form_date = min(letter_date, R - dt.timedelta(days=1)) - dt.timedelta(days=rng.randint(0, 4))

    docs = {}  # id -> dict(type, layout, bytes, npages, ext, fields)
    lpse_head = _official(People(rng), AG["bapenda"], "lpse", rng)
    lpse_head["nama"] = rng.choice(
        ["Dr. H. Muhammad Irfan Syahputra, S.T., M.T.", "Hj. Rusmini Laila, S.E., M.Si."]
    )
    ctx = dict(
        ag=ag,
        pv=pv,
        head=head,
        tanggal=form_date,
        fill=fill,
        lpse_head=lpse_head,
        nip_digits=digits(pv["nip"]) or None,
        tanggal_sert=form_date - dt.timedelta(days=rng.randint(10, 200)),
    )
    if form:
        layout = form[0]
        if hand_upper:
            pass
        fb, n = FORMS[layout](dict(ctx, hand_upper=hand_upper), rng)
        ff = dict(
            nama=pv["nama"],
            nip=digits(pv["nip"]) or None,
            pangkat_golongan=pv["pangkat"],
            jabatan=pv["jabatan"],
            instansi=pv["instansi"],
            satuan_kerja=pv["satker"],
            alamat_kantor=pv["alamat"] if layout not in ("f3_docx",) else None,
            email=pv["email"].lower() if pv["email"] else None,
            telepon=phone_truth(pv["telepon"]),
            jenis_permohonan="baru",
            tanggal=form_date.isoformat(),
            pimpinan=dict(nama=head["nama"], nip=head["nip"])
            if layout not in ("f3_lpse_nipbox",)
            else None,
        )
        if hand_upper:
            for k in ("nama", "jabatan", "instansi", "satuan_kerja"):
                ff[k] = ff[k].upper() if ff[k] else ff[k]
        docs["F"] = dict(
            type="formulir",
            layout=layout,
            bytes=fb,
            npages=n,
            ext="docx" if layout == "f3_docx" else "pdf",
            fields=ff,
        )

    # ---- the appointment
    sks = spec.get("sk")
    if sks:
        layout = sks["layout"]
        sk_date, btxt, bend = _validity(rng, sks.get("validity", "none"), R, SK_WORD[layout])
        if sks.get("future"):
            sk_date = R + dt.timedelta(days=rng.randint(6, 40))
        others = [people.person(ag["dom"]) for _ in range(sks.get("others", 2))]
        for o in others:
            o["nip_p"] = None
        style = rng.choice(["spasi", "rapat"])
        upper = rng.random() < 0.4

        def shown(nama):
            if upper:
                return nama.upper()
            return nama

        rows = []
        for o in others:
            rows.append(
                dict(
                    nama_p=shown(o["nama"]),
                    nip=o["nip"],
                    nip_p=fmt_nip(o["nip"], style),
                    pangkat=o["pangkat"],
                    jabatan=o["jabatan"],
                    peran="Anggota",
                )
            )
        var = sks.get("variant")
        a_nama = app["nama"] if rng.random() < 0.6 else app["nama_tanpa_gelar"]
        a_nip = app["nip"]
        if var == "mismatch_nip":
            a_nip = people.nip(
                app["sex"],
                birth=dt.date(int(app["nip"][:4]), int(app["nip"][4:6]), int(app["nip"][6:8])),
            )
        if var == "mismatch_nama":
            a_nama = people.person(ag["dom"], sex=app["sex"])["nama"]
        if var != "others_only":
            arow = dict(
                nama_p=shown(a_nama),
                nip=a_nip,
                nip_p=pv["nip"] if "nip_raw" in ov else fmt_nip(a_nip, style),
                pangkat=app["pangkat"],
                jabatan=app["jabatan"],
                peran="Admin Agency",
            )
            pos = sks.get("pos", rng.randint(0, len(rows)))
            rows.insert(min(pos, len(rows)), arow)
        if layout == "s3_lampiran":
            rows[0]["peran"] = (
                rng.choice(["Penanggung Jawab", "Koordinator"])
                if len(rows) > 2
                else rows[0]["peran"]
            )
            for r in rows:
                if r["peran"] == "Anggota":
                    r["peran"] = rng.choice(["Admin Agency", "Operator"])
        sign_mode = sks.get("sign", rng.choice(["kepala", "kepala", "an", "plt"]))
        signer = head if sign_mode == "kepala" else _official(people, ag, sign_mode, rng)
        nomor = nomor_surat(rng, ag, sk_date, "sk")
        sctx = dict(
            ctx,
            nomor=nomor,
            tanggal=sk_date,
            berlaku_teks=btxt,
            ditunjuk=rows,
            sign_mode=sign_mode,
            signer=signer,
            dasar_tgl=sk_date - dt.timedelta(days=rng.randint(5, 40)),
            date_style=rng.choice(["panjang", "panjang", "kapital"]),
        )
        sb, n = SKS[layout](sctx, rng)
        docs["S"] = dict(
            type="surat_penunjukan",
            layout=layout,
            bytes=sb,
            npages=n,
            ext="pdf",
            fields=dict(
                nomor=nomor,
                tanggal=sk_date.isoformat(),
                perihal="Penunjukan Admin Agency",
                berlaku=btxt,
                berlaku_sampai=bend.isoformat() if bend else None,
                ditunjuk=[dict(nama=r["nama_p"], nip=digits(r["nip_p"])) for r in rows],
                penandatangan=dict(nama=signer["nama"], nip=signer["nip"]),
            ),
        )

    # ---- the cover letter
    lts = spec.get("letter")
    if lts:
        layout = lts["layout"]
        tj = lts.get("tujuan", "ok")
        tujuan = (
            rng.choice(WRONG_TUJUAN[:3])
            if tj == "wrong"
            else rng.choice(LPSE_KALTIM[:2] if tj == "cq" else LPSE_KALTIM)
        )
        if tj == "wrong" and lts.get("tujuan_text"):
            tujuan = lts["tujuan_text"]
        sign_mode = lts.get("sign", rng.choice(["kepala", "an", "plh"]))
        signer = head if sign_mode == "kepala" else _official(people, ag, sign_mode, rng)
        nomor = nomor_surat(rng, ag, letter_date, "lt")
        hal = rng.choice(HAL)
        lpv = dict(pv)
        if lpv["nip"]:
            lpv["nip"] = (
                fmt_nip(digits(pv["nip"]), rng.choice(["spasi", "rapat"]))
                if "nip_raw" not in ov
                else pv["nip"]
            )
        lctx = dict(
            ctx,
            pv=lpv,
            nomor=nomor,
            tanggal=letter_date,
            tujuan=tujuan,
            cq=(tj == "cq"),
            hal=hal,
            sign_mode=sign_mode,
            signer=signer,
            date_style=rng.choice(["panjang", "panjang", "hari"]),
        )
        lb, n = LETTERS[layout](lctx, rng)
        docs["L"] = dict(
            type="surat_permohonan",
            layout=layout,
            bytes=lb,
            npages=n,
            ext="pdf",
            fields=dict(
                nomor=nomor,
                tanggal=letter_date.isoformat(),
                tujuan=(f"Gubernur Kalimantan Timur c.q. {tujuan}" if tj == "cq" else tujuan),
                hal=hal,
                nama=pv["nama"],
                nip=digits(pv["nip"]) or None,
                penandatangan=dict(nama=signer["nama"], nip=signer["nip"]),
            ),
        )

    for x in spec.get("extras", []):
        xb, n, xf = EXTRAS[x](ctx, rng)
        docs[x] = dict(type="lainnya", layout=x, bytes=xb, npages=n, ext="pdf", fields=xf)

    # ---- files
    files, sources, smap, tdocs = {}, {}, {"files": {}}, []
    em = spec.get("email")

    def page_list(fs):
        if fs.get("order"):
            return [(d, p) for d, p in fs["order"]]
        return [(d, p) for d in fs["docs"] for p in range(docs[d]["npages"])]

    def render_file(fs):
        """bytes of one file, its page list, and its text-layer source (for scans)."""
        med = fs.get("medium", "pdf")
        pl = page_list(fs)
        if med == "docx":
            return docs[fs["docs"][0]]["bytes"], pl, None
        src = M.merge_pdfs([(docs[d]["bytes"], [p]) for d, p in pl])
        o = dict(fs.get("o", {}))
        if med == "pdf":
            b = M.merge_pdfs([(docs[d]["bytes"], [p]) for d, p in pl], rotate=fs.get("rot"))
            if fs.get("damage") == "encrypted":
                b = M.encrypt_pdf(b, "kaltim" + str(rng.randint(100, 999)))
            if fs.get("damage") == "corrupt":
                b = M.truncate(b, 0.3)
            return b, pl, None
        dpi = fs.get("dpi") or rng.choice([150, 200, 240, 300])
        if med in ("photo", "unreadable_photo"):
            img = M.render(src, 200)[0]
            if med == "unreadable_photo":
                o.update(blur=9, width=1000, q=30, hand_shadow=True)
            if fs.get("rot"):
                o["rot"] = fs["rot"][0]
            b = M.photo(img, rng, o)
            if med == "unreadable_photo":
                from PIL import Image

                im = Image.open(io.BytesIO(b))
                im = im.point(lambda v: int(v * 0.35))
                buf = io.BytesIO()
                im.save(buf, "JPEG", quality=30)
                b = buf.getvalue()
            return b, pl, src
        imgs = M.render(src, dpi)
        outs = []
        for i, im in enumerate(imgs):
            oo = dict(o)
            if fs.get("rot") and i in fs["rot"]:
                oo["rot"] = fs["rot"][i]
            outs.append(M.scan(im, rng, oo))
        if med == "scan":
            return M.images_to_pdf(outs, dpi), pl, src
        if med == "png":
            buf = io.BytesIO()
            outs[0].point(lambda v: 255 if v > 165 else (0 if v < 90 else v)).save(
                buf, "PNG", dpi=(dpi, dpi)
            )
            return buf.getvalue(), pl, src
        if med in ("tiff_g4", "tiff"):
            return M.images_to_tiff(outs, dpi, med == "tiff_g4"), pl, src
        raise ValueError(med)

    def add_truth(fs, pl, file_rel, part):
        seen = {}
        for i, (d, _p) in enumerate(pl, 1):
            seen.setdefault(d, []).append(i)
        for d, pages in seen.items():
            doc = docs[d]
            e = dict(
                file=file_rel,
                part=part,
                pages=pages,
                type=doc["type"],
                layout=doc["layout"],
                fields=doc["fields"],
            )
            if fs.get("damage"):
                e["gradable"] = False
                e["damage"] = fs["damage"]
            tdocs.append(e)

    def emit(fs, container=None):
        """Returns [(name, bytes)] for this spec (zip members flattened into one zip)."""
        if fs.get("medium") == "zip":
            members = []
            for m in fs["members"]:
                b, pl, src = render_file(m)
                members.append((m["name"], b))
                prefix = container or []
                add_truth(m, pl, None, prefix + [fs["name"], m["name"]])
                mkey = "/".join(prefix + [fs["name"], m["name"]])
                smap["files"][mkey] = dict(
                    medium=m.get("medium", "pdf"),
                    damage=m.get("damage"),
                    source=(_safe(mkey) + ".src.pdf") if src else None,
                )
                if src:
                    sources[_safe(mkey) + ".src.pdf"] = src
            return [(fs["name"], M.make_zip(members))]
        b, pl, src = render_file(fs)
        add_truth(fs, pl, None, (container or []) + [fs["name"]])
        key = "/".join((container or []) + [fs["name"]])
        smap["files"][key] = dict(
            medium=fs.get("medium", "pdf"),
            damage=fs.get("damage"),
            source=(_safe(key) + ".src.pdf") if src else None,
        )
        if src:
            sources[_safe(key) + ".src.pdf"] = src
        return [(fs["name"], b)]

    def expand(fl):
        """'split': one file per page ({n} in the name); 'reverse': pages in reverse order."""
        out = []
        for fs in fl:
            if fs.get("medium") == "zip":
                out.append(dict(fs, members=expand(fs["members"])))
            elif fs.get("split"):
                for d in fs["docs"]:
                    for p in range(docs[d]["npages"]):
                        out.append(
                            dict(fs, name=fs["name"].format(n=p + 1), order=[(d, p)], split=False)
                        )
            elif fs.get("reverse"):
                out.append(dict(fs, order=page_list(fs)[::-1]))
            else:
                out.append(fs)
        return out

    spec = dict(spec, files=expand(spec["files"]))
    if em is None:
        for fs in spec["files"]:
            for name, b in emit(fs):
                files[name] = b
        for e in tdocs:  # file channel: 'file' is the path, 'part' only inside zips
            p = e["part"]
            if len(p) == 1:
                e["file"], e["part"] = p[0], None
            else:
                e["file"] = p[0]
    else:
        eml_name = em.get("name", "Permohonan Akun Admin Agency.eml")
        when = dt.datetime(
            R.year,
            R.month,
            R.day,
            rng.randint(7, 16),
            rng.randint(0, 59),
            rng.randint(0, 59),
            tzinfo=dt.timezone(dt.timedelta(hours=8)),
        )
        frm = (
            f"{app['nama_tanpa_gelar']} <{app['email']}>"
            if em.get("from_app", True)
            else f"Sekretariat {ag['satker']} <{ag['surel']}>"
        )
        body = em.get("body") or (
            f"Yth. Admin LPSE Provinsi Kalimantan Timur,\n\nBersama ini kami kirimkan berkas "
            f"permohonan akun Admin "
            f"Agency atas nama {pv['nama']} dari {ag['satker']}. Mohon dapat "
            f"diproses.\n\nTerima kasih.\n\n"
            f"Salam,\n{app['nama_tanpa_gelar']}\n{ag['satker']}"
        )
        atts, inline = [], None
        container = [em["inner_name"]] if em.get("forward") else []
        for fs in spec["files"]:
            for name, b in emit(fs, container):
                if fs.get("inline"):
                    inline = (name, b, "foto-formulir-01@" + ag["dom"])
                else:
                    atts.append((name, b))
        html = None
        if inline:
            html = (
                "<p>Yth. Admin LPSE,</p><p>Berikut foto formulir, surat keputusan dan surat "
                "permohonan kami.</p>"
                f'<p><img src="cid:{inline[2]}" width="600"></p><p>Hormat '
                f"kami,<br>{app['nama_tanpa_gelar']}</p>"
            )
        if em.get("forward"):
            inner_when = when - dt.timedelta(days=rng.randint(1, 3), hours=2)
            inner = M.make_email(
                frm, "lpse@kaltimprov.go.id", "Berkas Admin Agency", inner_when, body, atts
            )
            fwd_body = em.get(
                "fwd_body",
                "Mohon maaf, berkas kami teruskan kembali karena pengiriman sebelumnya "
                "belum mendapat balasan.\n\nSalam.",
            )
            msg = M.make_email(
                frm,
                "lpse@kaltimprov.go.id",
                "Fwd: Berkas Admin Agency",
                when,
                fwd_body,
                [],
                forward=(em["inner_name"], inner),
            )
        else:
            msg = M.make_email(
                frm,
                "LPSE Prov. Kaltim <lpse@kaltimprov.go.id>",
                em.get("subject", "Permohonan Akun Admin Agency - " + ag["satker"]),
                when,
                body,
                atts,
                html=html,
                inline=inline,
            )
        files[eml_name] = msg.as_bytes()
        for e in tdocs:
            e["file"] = eml_name

    # ---- truth
    codes, acc = derive_codes(tdocs, R.isoformat())
    want = sorted(spec.get("codes", []))
    if codes != want:
        raise SystemExit(f"{spec['key']}: derived {codes} but the recipe wants {want}")
    for e in tdocs:
        e.pop("damage", None)
    form_ok = "F" in docs and not any(
        e["type"] == "formulir" and e.get("gradable") is False for e in tdocs
    )
    fields = dict(
        nama=pv["nama"],
        nama_tanpa_gelar=app["nama_tanpa_gelar"],
        nip=digits(pv["nip"]) or None,
        jabatan=pv["jabatan"],
        instansi=pv["instansi"],
        satuan_kerja=pv["satker"],
        email=pv["email"].lower() if pv["email"] else None,
        telepon=phone_truth(pv["telepon"]),
    )
    if hand_upper:
        for k in ("nama", "jabatan", "instansi", "satuan_kerja"):
            fields[k] = fields[k].upper() if fields[k] else fields[k]
    channel = (
        "email"
        if em is not None
        else (
            "scan"
            if any(v["medium"] not in ("pdf", "docx") for v in smap["files"].values())
            else "file"
        )
    )
    truth = dict(
        case=cid,
        received=R.isoformat(),
        channel=channel,
        complete=not codes,
        deficiencies=codes,
        acceptable_extra_deficiencies=acc,
        documents=tdocs,
        fields=fields,
        grade_fields=form_ok,
        category=spec["cat"],
        layouts={
            "formulir": docs["F"]["layout"] if "F" in docs else None,
            "surat_penunjukan": docs["S"]["layout"] if "S" in docs else None,
            "surat_permohonan": docs["L"]["layout"] if "L" in docs else None,
        },
        packaging=spec.get("pack", "separate"),
        notes=notes,
    )
    if fill == "tangan":
        truth["notes"].append("formulir diisi tulisan tangan")
    smap["received"] = R.isoformat()
    return files, truth, sources, smap


def _safe(s):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", s)


def pdf_text(b):
    r = PdfReader(io.BytesIO(b))
    return "\n".join(p.extract_text() or "" for p in r.pages)
