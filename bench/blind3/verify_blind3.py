#!/usr/bin/env python3
"""Self-check of a generated blind3 set:  python verify_blind3.py OUT   (exit 1 on any problem).

Checks: truth well formed; codes = derive_codes(documents); `fields` = the form's fields; every
document
found (also inside zips and forwarded mails); the truth values printed in each digital document
(pypdf /
python-docx text) and in the text-layer original of each scan; scans and photos image-only;
encrypted files
need a password; corrupt files do not open; file-channel cases hold no image-only page.
"""

import email
import email.policy
import io
import json
import os
import re
import sys
import zipfile

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from b3_common import FIELDS7, derive_codes  # noqa: E402

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
CODES = re.compile(
    r"(missing:(formulir|surat_penunjukan|surat_permohonan)|missing_field:(nama|nip|jabatan|instansi|"
    r"satuan_kerja|email|telepon)|invalid:(nip|email|telepon|tujuan_surat)|mismatch:(nama|nip)|"
    r"expired:surat_penunjukan|future_date:(formulir|surat_penunjukan|surat_permohonan)|unreadable|"
    r"encrypted|corrupt|too_large|link_only)"
)
IMG_EXT = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


def n(s):
    return re.sub(r"[^0-9a-z]", "", (s or "").lower())


def read(path, mode="rb"):
    with open(path, mode) as fh:
        return fh.read()


def pdf_pages_text(b):
    r = PdfReader(io.BytesIO(b))
    return [p.extract_text() or "" for p in r.pages]


def docx_text(b):
    from docx import Document

    d = Document(io.BytesIO(b))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def printed(doc, text, errs, where):
    """The truth values of one document appear in its text (page numbers '- 2 -' taken out)."""
    text = re.sub(r"(?m)^\s*-\s*\d+\s*-\s*$", "", text)
    t_n, t_ns = n(text), re.sub(r"\s+", "", text.lower())
    t_d = re.sub(r"\D", "", text)
    f = doc["fields"]

    def need(label, v, mode="n"):
        if not v:
            return
        ok = {
            "n": lambda: n(v) in t_n,
            "ns": lambda: re.sub(r"\s+", "", v.lower()) in t_ns,
            "d": lambda: v in t_d or ("62" + v[1:]) in t_d or v in re.sub(r"[\s.]", "", text),
        }[mode]()
        if not ok:
            errs.append(f"{where}: {doc['type']} {label} {v!r} not printed")

    if doc["type"] == "formulir":
        need("nama", f["nama"].split(",")[0])
        for k in ("jabatan", "instansi", "satuan_kerja"):
            need(k, f[k])
        need("nip", f["nip"], "d")
        need("email", f["email"], "ns")
        need("telepon", f["telepon"], "d")
    elif doc["type"] == "surat_penunjukan":
        need("nomor", f["nomor"], "ns")
        for p in f["ditunjuk"]:
            need("ditunjuk.nama", p["nama"].split(",")[0])
            need("ditunjuk.nip", p["nip"], "d")
        need("berlaku", f["berlaku"])
        need("penandatangan", f["penandatangan"]["nama"].split(",")[0])
    elif doc["type"] == "surat_permohonan":
        need("nomor", f["nomor"], "ns")
        need("tujuan", f["tujuan"])
        need("nama", f["nama"].split(",")[0])
        need("nip", f["nip"], "d")
    else:
        need("nama", (f.get("nama") or "").split(",")[0])
        need("nip", f.get("nip"), "d")


def ident(doc):
    return doc["type"] + json.dumps(doc["fields"], sort_keys=True)


def email_parts(raw):
    """{outside-in path tuple: bytes} of every attachment, zip member and forwarded attachment."""
    out = {}

    msg = email.message_from_bytes(raw, policy=email.policy.default)

    def walk_top(m, prefix):
        if m.is_multipart():
            for p in m.iter_parts():
                if p.get_content_type() == "message/rfc822":
                    inner = p.get_content()
                    walk_top(inner, prefix + [p.get_filename()])
                elif p.is_multipart():
                    walk_top(p, prefix)
                else:
                    fn = p.get_filename()
                    if fn:
                        data = p.get_payload(decode=True)
                        out[tuple(prefix + [fn])] = data
                        if fn.lower().endswith(".zip"):
                            with zipfile.ZipFile(io.BytesIO(data)) as z:
                                for mm in z.namelist():
                                    out[tuple(prefix + [fn, mm])] = z.read(mm)

    walk_top(msg, [])
    return out


def image_pages(b, name):
    """Page count of an image-only file, or raise."""
    if name.lower().endswith(".pdf"):
        r = PdfReader(io.BytesIO(b))
        for p in r.pages:
            if (p.extract_text() or "").strip():
                raise ValueError("scan page has a text layer")
            if not p.images:
                raise ValueError("scan page has no image")
        return len(r.pages)
    im = Image.open(io.BytesIO(b))
    return getattr(im, "n_frames", 1)


def check_case(cdir, sdir):
    errs = []
    t = json.loads(read(os.path.join(cdir, "truth.json"), "r"))
    smap = json.loads(read(os.path.join(sdir, "map.json"), "r"))
    cid = os.path.basename(cdir)
    if list(t.keys()) != KEYS:
        errs.append(f"keys {list(t.keys())}")
    if t["case"] != cid:
        errs.append("case id")
    if t["complete"] != (not t["deficiencies"]):
        errs.append("complete flag")
    if t["deficiencies"] != sorted(set(t["deficiencies"])):
        errs.append("deficiencies not sorted/unique")
    for c in t["deficiencies"] + t["acceptable_extra_deficiencies"]:
        if not CODES.fullmatch(c):
            errs.append(f"unknown code {c}")
    if set(t["deficiencies"]) & set(t["acceptable_extra_deficiencies"]):
        errs.append("code both expected and acceptable")
    # files
    inp = os.path.join(cdir, "input")
    blobs = {}
    if t["channel"] == "email":
        emls = [f for f in os.listdir(inp) if f.endswith(".eml")]
        if len(emls) != 1 or len(os.listdir(inp)) != 1:
            errs.append("email case must hold exactly one .eml")
        raw = read(os.path.join(inp, emls[0]))
        m = email.message_from_bytes(raw, policy=email.policy.default)
        d = m["Date"].datetime
        if d.date().isoformat() != t["received"] or d.utcoffset().total_seconds() != 8 * 3600:
            errs.append("email Date differs from received / not +0800")
        blobs = email_parts(raw)
    # documents, with the damage from the map for the rule check
    ddocs = []
    texts = {}
    image_only_pages = 0
    for doc in t["documents"]:
        key = tuple(doc["part"]) if doc["part"] else (doc["file"],)
        if t["channel"] == "email":
            b = blobs.get(key)
        elif doc["part"]:
            with zipfile.ZipFile(os.path.join(inp, doc["file"])) as z:
                b = z.read(doc["part"][-1])
        else:
            b = read(os.path.join(inp, doc["file"]))
        if b is None:
            errs.append(f"document not found: {key}")
            continue
        info = smap["files"].get("/".join(key))
        if info is None:
            errs.append(f"no map entry for {key}")
            continue
        dd = dict(doc)
        if info.get("damage"):
            dd["damage"] = info["damage"]
            if doc.get("gradable") is not False:
                errs.append(f"{key}: damaged but gradable")
        ddocs.append(dd)
        where = f"{cid}:{'/'.join(key)}"
        med, dmg = info["medium"], info.get("damage")
        if dmg == "encrypted":
            r = PdfReader(io.BytesIO(b))
            if not r.is_encrypted or r.decrypt("") != 0:
                errs.append(f"{where}: opens without a password")
            continue
        if dmg == "corrupt":
            opened = False
            try:
                r = PdfReader(io.BytesIO(b))
                _ = [p.extract_text() for p in r.pages]
                opened = len(r.pages) > 0
            except Exception:
                pass
            try:
                pdfium.PdfDocument(b)
                opened = True
            except Exception:
                pass
            if opened:
                errs.append(f"{where}: corrupt file still opens")
            continue
        name = key[-1]
        if med == "pdf":
            pages = pdf_pages_text(b)
            for p in doc["pages"]:
                if not pages[p - 1].strip() and doc["layout"] != "blank":
                    errs.append(f"{where}: page {p} has no text layer")
            texts.setdefault(ident(doc), [doc, where, []])[2].append(
                "\n".join(pages[p - 1] for p in doc["pages"])
            )
        elif med == "docx":
            texts.setdefault(ident(doc), [doc, where, []])[2].append(docx_text(b))
        else:
            try:
                npg = image_pages(b, name)
                image_only_pages += len(doc["pages"])
            except Exception as e:  # noqa: BLE001
                errs.append(f"{where}: not image-only ({e})")
                continue
            if max(doc["pages"]) > npg:
                errs.append(f"{where}: page out of range")
            if dmg == "unreadable":
                continue
            src = read(os.path.join(sdir, info["source"]))
            stext = pdf_pages_text(src)
            if len(stext) != npg:
                errs.append(f"{where}: source has {len(stext)} pages, scan {npg}")
            if doc["layout"] != "blank":
                texts.setdefault(ident(doc), [doc, where + " (source)", []])[2].append(
                    "\n".join(stext[p - 1] for p in doc["pages"])
                )
    for (
        doc,
        where,
        parts,
    ) in texts.values():  # a document split over several files is checked as a whole
        printed(doc, "\n".join(parts), errs, where)
    if t["channel"] == "file" and image_only_pages:
        errs.append("file channel with image-only pages")
    if t["channel"] == "scan" and not image_only_pages:
        errs.append("scan channel without image-only pages")
    codes, acc = derive_codes(ddocs, t["received"])
    if codes != t["deficiencies"]:
        errs.append(f"derived {codes} != truth {t['deficiencies']}")
    if acc != t["acceptable_extra_deficiencies"]:
        errs.append(f"acceptable derived {acc} != truth {t['acceptable_extra_deficiencies']}")
    forms = [d for d in t["documents"] if d["type"] == "formulir" and d.get("gradable", True)]
    if t["grade_fields"] != bool(forms):
        errs.append("grade_fields")
    if forms:
        ff = forms[0]["fields"]
        for k in FIELDS7:
            if ff.get(k) != t["fields"].get(k):
                errs.append(f"fields.{k} {t['fields'].get(k)!r} != form {ff.get(k)!r}")
        if n(t["fields"]["nama"].split(",")[0]).find(n(t["fields"]["nama_tanpa_gelar"])) < 0:
            errs.append("nama_tanpa_gelar")
    return t, errs


def main():
    out = sys.argv[1]
    root = os.path.join(out, "cases")
    bad = 0
    cats = {}
    for cid in sorted(os.listdir(root)):
        t, errs = check_case(os.path.join(root, cid), os.path.join(out, "sources", cid))
        cats[t["category"]] = cats.get(t["category"], 0) + 1
        for e in errs:
            print(f"{cid}: {e}")
        bad += bool(errs)
    print(json.dumps({"cases": sum(cats.values()), "bad": bad, "by_category": cats}))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
