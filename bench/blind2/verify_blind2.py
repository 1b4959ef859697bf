#!/usr/bin/env python3
"""Self-check of a generated blind2 set (it never runs `berkas`).

    python bench/blind2/verify_blind2.py build/blind2

For every case: the truth is well formed; every truth document can be found (inside zips and
e-mails too); the form's field values are really printed in the digital documents (pypdf text,
python-docx text); the appointment lists the applicant exactly when no mismatch is expected; dates,
validity, NIP, e-mail, phone and addressee agree with the expected codes; scan pages carry no text
layer; damaged files really fail.  Exit 1 when anything is wrong.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import json
import os
import re
import sys
import zipfile
from email.policy import default as email_default

from pypdf import PdfReader

CODES = (
    {
        "missing:formulir",
        "missing:surat_penunjukan",
        "missing:surat_permohonan",
        "invalid:nip",
        "invalid:email",
        "invalid:telepon",
        "invalid:tujuan_surat",
        "mismatch:nama",
        "mismatch:nip",
        "expired:surat_penunjukan",
        "unreadable",
        "encrypted",
        "corrupt",
        "too_large",
        "link_only",
    }
    | {
        f"missing_field:{f}"
        for f in ["nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon"]
    }
    | {f"future_date:{t}" for t in ["formulir", "surat_penunjukan", "surat_permohonan"]}
)
KEYS = [
    "case",
    "received",
    "channel",
    "complete",
    "deficiencies",
    "acceptable_extra_deficiencies",
    "documents",
    "fields",
    "grade_fields",
    "category",
    "layouts",
    "packaging",
    "notes",
]
FIELD_KEYS = [
    "nama",
    "nama_tanpa_gelar",
    "nip",
    "jabatan",
    "instansi",
    "satuan_kerja",
    "email",
    "telepon",
]
FRONT = {"dr", "drg", "drs", "dra", "ir", "h", "hj", "prof", "ns", "apt"}


def alnum(s):
    return re.sub(r"[^0-9a-z]", "", (s or "").casefold())


def digits(s):
    return re.sub(r"\D", "", s or "")


def plain_name(s):
    s = (s or "").split(",")[0]
    toks = s.split()
    while toks and toks[0].lower().strip(".") in FRONT:
        toks.pop(0)
    return alnum(" ".join(toks))


def valid_date(s):
    try:
        dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
        return True
    except ValueError:
        return False


def valid_nip(n):
    if not n or len(n) != 18 or not n.isdigit() or not valid_date(n[:8]):
        return False
    pns = 1 <= int(n[12:14]) <= 12 and n[14] in "12"
    pppk = n[14] in "12"  # YYYYMMDD YYYY NN G SSS
    return pns or pppk


def valid_email(e):
    return bool(e) and re.fullmatch(r"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+", e) is not None


def valid_phone(p):
    return bool(p) and p.startswith("08") and 10 <= len(p) <= 13


def tujuan_ok(t):
    t = alnum(t)
    return (
        "biropengadaanbarang" in t
        and "kalimantantimur" in t
        or "kepalalpseprovinsikalimantantimur" in t
        or ("lpse" in t and "provinsikalimantantimur" in t and "kepala" in t and "bagian" not in t)
    )


# ----------------------------------------------------------------------------------------------
def zip_items(data, chain):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for n in z.namelist():
            b = z.read(n)
            yield chain + [n], b
            if n.lower().endswith(".zip"):
                yield from zip_items(b, chain + [n])


def email_items(msg, chain):
    for part in msg.iter_parts():
        ct = part.get_content_type()
        if ct == "message/rfc822":
            name = part.get_filename()
            inner = part.get_payload()[0]
            yield from email_items(inner, chain + [name])
        elif part.is_multipart():
            yield from email_items(part, chain)
        elif part.get_filename():
            b = part.get_payload(decode=True)
            yield chain + [part.get_filename()], b
            if part.get_filename().lower().endswith(".zip"):
                yield from zip_items(b, chain + [part.get_filename()])


def email_body(msg):
    out = []
    for part in msg.walk():
        if part.get_content_type() in ("text/plain", "text/html") and not part.get_filename():
            out.append(part.get_content())
    return "\n".join(out)


def resolve(inp, doc, cache):
    top = os.path.join(inp, doc["file"])
    if doc.get("part") is None:
        with open(top, "rb") as fh:
            return fh.read()
    if top not in cache:
        with open(top, "rb") as fh:
            data = fh.read()
        if top.lower().endswith(".eml"):
            m = email.message_from_bytes(data, policy=email_default)
            cache[top] = {tuple(c): b for c, b in email_items(m, [])}
        else:
            cache[top] = {tuple(c): b for c, b in zip_items(data, [])}
    return cache[top].get(tuple(doc["part"]))


def doc_text(data, name, pages):
    if name.lower().endswith(".docx"):
        from docx import Document

        d = Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    parts.append(c.text)
        return "\n".join(parts)
    if name.lower().endswith(".pdf"):
        r = PdfReader(io.BytesIO(data))
        return "\n".join(r.pages[p - 1].extract_text() or "" for p in pages)
    return ""


def is_scan_pdf(data):
    r = PdfReader(io.BytesIO(data))
    for pg in r.pages:
        if (pg.extract_text() or "").strip():
            return False
        if not list(pg.images):
            return False
    return True


# ----------------------------------------------------------------------------------------------
def check_case(cdir):
    errs = []
    with open(os.path.join(cdir, "truth.json"), encoding="utf-8") as fh:
        t = json.load(fh)
    inp = os.path.join(cdir, "input")
    for k in KEYS:
        if k not in t:
            errs.append(f"key {k} missing")
    defs = t["deficiencies"]
    if defs != sorted(set(defs)):
        errs.append("deficiencies not sorted/unique")
    if t["complete"] != (not defs):
        errs.append("complete disagrees with deficiencies")
    for d in defs + t["acceptable_extra_deficiencies"]:
        if d not in CODES:
            errs.append(f"unknown code {d}")
    if set(t["fields"]) != set(FIELD_KEYS):
        errs.append("fields keys")
    rec = dt.date.fromisoformat(t["received"])
    cache = {}
    by_type = {}
    for doc in t["documents"]:
        top = os.path.join(inp, doc["file"])
        if not os.path.isfile(top):
            errs.append(f"no file {doc['file']}")
            continue
        name = (doc.get("part") or [doc["file"]])[-1]
        data = resolve(inp, doc, cache)
        if data is None:
            errs.append(f"cannot resolve {doc['file']} {doc.get('part')}")
            continue
        doc["_data"], doc["_name"] = data, name
        by_type.setdefault(doc["type"], []).append(doc)
        low = name.lower()
        if low.endswith((".jpg", ".jpeg", ".png", ".tif", ".tiff")):
            doc["_scan"] = True
        if doc.get("gradable") is False:
            if "encrypted" in defs and low.endswith(".pdf") and doc["type"] != "lainnya":
                r = PdfReader(io.BytesIO(data))
                if not r.is_encrypted or r.decrypt("") != 0:
                    errs.append(f"{name}: not user-password encrypted")
            elif "corrupt" in defs and doc["type"] != "lainnya":
                try:
                    doc_text(data, name, doc["pages"])
                    errs.append(f"{name}: corrupt file opens")
                except Exception:
                    pass
            elif "unreadable" in defs and low.endswith(".pdf"):
                doc["_scan"] = True
                if not is_scan_pdf(data):
                    errs.append(f"{name}: unreadable file has text")
            continue
        if low.endswith(".pdf"):
            r = PdfReader(io.BytesIO(data))
            if max(doc["pages"]) > len(r.pages):
                errs.append(f"{name}: page {max(doc['pages'])} > {len(r.pages)}")
            has_text = any((r.pages[p - 1].extract_text() or "").strip() for p in doc["pages"])
            doc["_scan"] = not has_text
            if not has_text and not is_scan_pdf(data):
                errs.append(f"{name}: pages without text but not image-only")
        elif low.endswith((".jpg", ".jpeg", ".png", ".tif", ".tiff")):
            doc["_scan"] = True
        else:
            doc["_scan"] = False
        doc["_text"] = "" if doc["_scan"] else doc_text(data, name, doc["pages"])
    # scan channel really has image-only content
    if t["channel"] == "scan" and not any(d.get("_scan") for d in t["documents"]):
        errs.append("channel scan but no image-only document")
    if t["channel"] == "file" and any(
        d.get("_scan") for d in t["documents"] if d["type"] != "lainnya"
    ):
        errs.append("channel file but a scanned document")
    # fields printed on digital forms
    f = t["fields"]
    forms = [d for d in by_type.get("formulir", []) if d.get("gradable", True)]
    if t["grade_fields"] and not forms:
        errs.append("grade_fields but no readable form")
    if ("missing:formulir" in defs or "corrupt" in defs and not forms) and t["grade_fields"]:
        errs.append("grade_fields with no form")
    for d in forms:
        if d.get("_scan"):
            continue
        txt = alnum(d["_text"])
        dig = digits(d["_text"])
        for k in ["nama", "jabatan", "instansi", "satuan_kerja", "email"]:
            if f.get(k) and alnum(f[k]) not in txt:
                errs.append(f"{d['_name']}: {k} {f[k]!r} not printed")
        if f.get("nip") and f["nip"] not in dig:
            errs.append(f"{d['_name']}: nip not printed")
        if f.get("telepon"):
            ph = f["telepon"]
            if ph not in dig and ("62" + ph[1:]) not in dig:
                errs.append(f"{d['_name']}: telepon not printed")
    # codes agree with the values
    if t["grade_fields"]:
        for k in ["nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon"]:
            if (f.get(k) in (None, "")) != (f"missing_field:{k}" in defs):
                errs.append(f"missing_field:{k} disagrees with the value")
        if f.get("nip") and valid_nip(f["nip"]) == ("invalid:nip" in defs):
            errs.append("invalid:nip disagrees")
        if f.get("email") and valid_email(f["email"]) == ("invalid:email" in defs):
            errs.append("invalid:email disagrees")
        if f.get("telepon") and valid_phone(f["telepon"]) == ("invalid:telepon" in defs):
            errs.append("invalid:telepon disagrees")
        if plain_name(f.get("nama")) != alnum(f.get("nama_tanpa_gelar")):
            errs.append(f"nama_tanpa_gelar {f.get('nama_tanpa_gelar')!r} vs {f.get('nama')!r}")
    sks = [d for d in by_type.get("surat_penunjukan", []) if d.get("gradable", True)]
    if bool(by_type.get("surat_penunjukan")) == ("missing:surat_penunjukan" in defs):
        errs.append("missing:surat_penunjukan disagrees")
    if bool(by_type.get("surat_permohonan")) == ("missing:surat_permohonan" in defs):
        errs.append("missing:surat_permohonan disagrees")
    if bool(by_type.get("formulir")) == ("missing:formulir" in defs):
        errs.append("missing:formulir disagrees")
    for d in sks:
        sf = d["fields"]
        names = {plain_name(x["nama"]) for x in sf["ditunjuk"]}
        nips = {x["nip"] for x in sf["ditunjuk"]}
        pairs = {(plain_name(x["nama"]), x["nip"]) for x in sf["ditunjuk"]}
        me = (alnum(f["nama_tanpa_gelar"]), f["nip"])
        if f.get("nip") and t["grade_fields"]:
            if "mismatch:nama" not in defs and "mismatch:nip" not in defs and me not in pairs:
                errs.append("applicant not appointed but no mismatch")
            if "mismatch:nip" in defs and not (me[0] in names and me[1] not in nips):
                errs.append("mismatch:nip not real")
            if "mismatch:nama" in defs and not (me[1] in nips and me[0] not in names):
                errs.append("mismatch:nama not real")
        end = sf.get("berlaku_sampai")
        expired = bool(end) and dt.date.fromisoformat(end) < rec
        if expired != ("expired:surat_penunjukan" in defs):
            errs.append("expired disagrees")
        if (dt.date.fromisoformat(sf["tanggal"]) > rec) != ("future_date:surat_penunjukan" in defs):
            errs.append("future_date:surat_penunjukan disagrees")
        if not d.get("_scan") and d["_text"]:
            txt = alnum(d["_text"])
            for x in sf["ditunjuk"]:
                if plain_name(x["nama"]) not in txt or x["nip"] not in digits(d["_text"]):
                    errs.append(f"{d['_name']}: appointee {x['nama']} not printed")
    for d in by_type.get("surat_permohonan", []):
        lf = d["fields"]
        if tujuan_ok(lf["tujuan"]) == ("invalid:tujuan_surat" in defs):
            errs.append(f"tujuan {lf['tujuan']!r} disagrees")
        if (dt.date.fromisoformat(lf["tanggal"]) > rec) != ("future_date:surat_permohonan" in defs):
            errs.append("future_date:surat_permohonan disagrees")
        if (
            d.get("gradable", True)
            and not d.get("_scan")
            and d.get("_text")
            and alnum(lf["tujuan"].split(" c.q. ")[-1]) not in alnum(d["_text"])
        ):
            errs.append(f"{d['_name']}: tujuan not printed")
    if t["channel"] == "email":
        emls = [x for x in os.listdir(inp) if x.endswith(".eml")]
        if len(emls) != 1:
            errs.append("email case needs exactly one .eml")
        else:
            with open(os.path.join(inp, emls[0]), "rb") as fh:
                m = email.message_from_bytes(fh.read(), policy=email_default)
            dd = m["Date"].datetime.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
            if dd != rec:
                errs.append("received is not the e-mail date")
            if "link_only" in defs and "drive.google.com" not in email_body(m):
                errs.append("link_only without a link")
    if "too_large" in defs:
        big = [x for x in os.listdir(inp) if x.lower().endswith(".png")]
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = None
        for x in big:
            with Image.open(os.path.join(inp, x)) as im:
                if im.size[0] * im.size[1] < 200_000_000:
                    errs.append("too_large image is not large")
    return t, errs


def main(argv=None):
    root = (argv or sys.argv[1:] or ["build/blind2"])[0]
    cdirs = sorted(os.path.join(root, "cases", x) for x in os.listdir(os.path.join(root, "cases")))
    bad = 0
    cats = {}
    for cdir in cdirs:
        t, errs = check_case(cdir)
        cats[t["category"]] = cats.get(t["category"], 0) + 1
        if errs:
            bad += 1
            print(f"{os.path.basename(cdir)} ({t['category']}): " + "; ".join(errs))
    print(json.dumps(dict(cases=len(cdirs), bad=bad, by_category=cats)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
