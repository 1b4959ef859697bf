#!/usr/bin/env python3
"""Self-check of a generated blind4 set.

    python verify_blind4.py OUT

Asserts for every case: truth well formed (berkas-dev keys in order, codes known, sorted, unique,
complete iff no code); codes and acceptable extras re-derived from the truth documents
(b4_common.derive_codes); fields equal to the form's; every document found (input files, zip
members, forwarded mails, inline images, RFC 2231 names); every digital document prints its truth
values in its text layer (pypdf / python-docx); every scan, photo, PNG or TIFF is image-only and its
text-layer original prints the same values; damaged files really fail (encrypted: needs a password;
corrupt: neither pypdf nor pdfium opens it; unreadable: an image); e-mail Date = received;
file-channel cases hold no image-only page, scan cases at least one. Exit 1 on any problem."""

import datetime as dt
import email
import io
import json
import os
import re
import sys
import zipfile
from email import policy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from b4_common import PHONE_STYLES, derive_codes, fmt_date, fmt_phone  # noqa: E402

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
IMAGE_EXT = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


class Fail(Exception):
    pass


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def pdf_pages_text(data):
    from pypdf import PdfReader

    r = PdfReader(io.BytesIO(data))
    return [p.extract_text() or "" for p in r.pages]


def docx_text(data):
    import docx

    d = docx.Document(io.BytesIO(data))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            out.append(" ".join(c.text for c in row.cells))
    return "\n".join(out)


def has_nip(text, nip):
    if not nip:
        return True
    if not re.fullmatch(r"\d{18}", nip):
        return nip in text
    sep = r"[ .\-]?\s?"
    pat = (
        re.escape(nip[:8]) + sep + re.escape(nip[8:14]) + sep + nip[14] + sep + re.escape(nip[15:])
    )
    return re.search(pat, text) is not None


def has_phone(text, ph):
    if any(fmt_phone(ph, st) in text for st in PHONE_STYLES):
        return True
    for m in re.finditer(r"[+(]?\d[\d .\-()]{4,}\d", text):
        d = re.sub(r"\D", "", m.group(0))
        if d.startswith("62"):
            d = "0" + d[2:]
        if d == ph:
            return True
    return False


def has_date(text, iso):
    d = dt.date.fromisoformat(iso)
    low = text.lower()
    for st in ["long", "long0", "hari", "caps", "short", "roman", "iso", "slash"]:
        if fmt_date(d, st).lower() in low:
            return True
    return False


def check_values(doc, text, where):
    t = norm(text)
    low = t.lower()
    f = doc["fields"]
    errs = []

    def need(ok, what):
        if not ok:
            errs.append(f"{where}: {what} not printed")

    if doc["type"] == "formulir":
        for k in ("nama", "jabatan", "instansi", "satuan_kerja"):
            if f.get(k):
                need(norm(f[k]).lower() in low, f"{k}={f[k]!r}")
        need(has_nip(t, f.get("nip")), f"nip={f.get('nip')}")
        if f.get("email"):
            need(f["email"] in low, f"email={f['email']}")
        if f.get("telepon"):
            need(
                any(has_phone(ln, f["telepon"]) for ln in text.splitlines()),
                f"telepon={f['telepon']}",
            )
        if f.get("tanggal"):
            need(has_date(t, f["tanggal"]), f"tanggal={f['tanggal']}")
    elif doc["type"] == "surat_penunjukan":
        need(f["nomor"] in t, f"nomor={f['nomor']}")
        need(has_date(t, f["tanggal"]), f"tanggal={f['tanggal']}")
        for p in f["ditunjuk"]:
            need(norm(p["nama"]).lower() in low, f"ditunjuk {p['nama']}")
            need(has_nip(t, p["nip"]), f"ditunjuk nip {p['nip']}")
        if f.get("berlaku"):
            need(norm(f["berlaku"]).lower() in low, f"berlaku={f['berlaku']}")
        if f.get("berlaku_sampai") and "sampai dengan" in (f.get("berlaku") or ""):
            need(has_date(t, f["berlaku_sampai"]), "berlaku_sampai")
        need(norm(f["penandatangan"]["nama"]).lower() in low, "penandatangan")
    elif doc["type"] == "surat_permohonan":
        need(f["nomor"] in t, f"nomor={f['nomor']}")
        need(has_date(t, f["tanggal"]), f"tanggal={f['tanggal']}")
        need(norm(f["tujuan"]).lower() in low, f"tujuan={f['tujuan']}")
        need(norm(f["nama"]).lower() in low, f"nama={f['nama']}")
        need(has_nip(t, f["nip"]), f"nip={f['nip']}")
    else:
        if f.get("nama"):
            need(norm(f["nama"]).lower() in low, f"nama={f['nama']}")
        if f.get("nip"):
            need(has_nip(t, f["nip"]), f"nip={f['nip']}")
    return errs


def read_bytes(path):
    with open(path, "rb") as fh:
        return fh.read()


def read_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_eml(path_or_bytes):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else read_bytes(path_or_bytes)
    return email.message_from_bytes(data, policy=policy.default)


def eml_parts(msg):
    """name -> bytes for attachments and inline parts; forwarded messages as their bytes."""
    out = {}
    for part in msg.walk():
        if part is msg:
            continue
        fn = part.get_filename()
        if part.get_content_type() == "message/rfc822":
            inner = (
                part.get_payload()[0]
                if isinstance(part.get_payload(), list)
                else part.get_content()
            )
            out[fn or "forwarded.eml"] = inner.as_bytes()
            continue
        if fn and not part.is_multipart():
            out[fn] = part.get_payload(decode=True)
    return out


def resolve(inp, doc):
    """The bytes of the file that holds this document (last element of part) and its name."""
    path = os.path.join(inp, doc["file"])
    if not doc["part"]:
        return open(path, "rb").read(), doc["file"]
    part = list(doc["part"])
    if doc["file"].lower().endswith(".eml"):
        cur = eml_parts(load_eml(path))
        data = None
        while part:
            name = part.pop(0)
            if name not in cur:
                raise Fail(f"{name} not found in mail (have {sorted(cur)})")
            data = cur[name]
            if name.lower().endswith(".eml") and part:
                cur = eml_parts(load_eml(data))
            elif name.lower().endswith(".zip") and part:
                z = zipfile.ZipFile(io.BytesIO(data))
                cur = {n: z.read(n) for n in z.namelist()}
        return data, doc["part"][-1]
    # file-channel zip
    z = zipfile.ZipFile(io.BytesIO(read_bytes(path)))
    if part[0] != doc["file"]:
        raise Fail("zip part does not start with the zip")
    return z.read(part[1]), part[1]


def is_image_only_pdf(data):
    from pypdf import PdfReader

    r = PdfReader(io.BytesIO(data))
    for p in r.pages:
        if (p.extract_text() or "").strip():
            return False
        res = p.get("/Resources") or {}
        if "/Font" in res:
            return False
    return True


def check_damage(code, data, name):
    from pypdf import PdfReader

    if code == "encrypted":
        r = PdfReader(io.BytesIO(data))
        if not r.is_encrypted:
            raise Fail(f"{name} not encrypted")
        if r.decrypt(""):
            raise Fail(f"{name} opens with an empty password")
    elif code == "corrupt":
        ok = 0
        try:
            r = PdfReader(io.BytesIO(data))
            _ = [p.extract_text() for p in r.pages]
            ok += 1
        except Exception:
            pass
        try:
            import pypdfium2 as pdfium

            d = pdfium.PdfDocument(data)
            if len(d):
                ok += 1
        except Exception:
            pass
        if ok:
            raise Fail(f"{name} still opens")
    elif code == "unreadable":
        if not name.lower().endswith(IMAGE_EXT):
            raise Fail(f"{name}: unreadable file is not an image")
        from PIL import Image

        im = Image.open(io.BytesIO(data))
        if im.width > 1000:
            raise Fail(f"{name}: unreadable image is large ({im.width}px)")


def verify_case(out, cid):
    cdir = os.path.join(out, "cases", cid)
    inp = os.path.join(cdir, "input")
    t = read_json(os.path.join(cdir, "truth.json"))
    smap = read_json(os.path.join(out, "sources", cid, "map.json"))
    errs = []
    if list(t) != KEYS:
        errs.append(f"keys {list(t)}")
    if t["case"] != cid:
        errs.append("case id")
    if t["complete"] != (not t["deficiencies"]):
        errs.append("complete flag")
    if t["deficiencies"] != sorted(set(t["deficiencies"])) or set(t["deficiencies"]) - CODES:
        errs.append(f"codes malformed {t['deficiencies']}")
    damaged = [(d["code"], d["type"]) for d in smap["damaged"]]
    codes, extra = derive_codes(t["documents"], t["received"], damaged)
    if codes != t["deficiencies"]:
        errs.append(f"derived codes {codes} != truth {t['deficiencies']}")
    if not set(extra) <= set(t["acceptable_extra_deficiencies"]):
        errs.append(f"acceptable extras {t['acceptable_extra_deficiencies']} lack {extra}")
    forms = [d for d in t["documents"] if d["type"] == "formulir" and d.get("gradable", True)]
    if t["grade_fields"] != bool(forms):
        errs.append("grade_fields")
    if forms:
        ff = forms[0]["fields"]
        for k in ["nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon"]:
            if ff.get(k) != t["fields"].get(k):
                errs.append(f"field {k}: truth {t['fields'].get(k)!r} form {ff.get(k)!r}")
    for k in [
        "nama",
        "nama_tanpa_gelar",
        "nip",
        "jabatan",
        "instansi",
        "satuan_kerja",
        "email",
        "telepon",
    ]:
        if k not in t["fields"]:
            errs.append(f"fields lacks {k}")
    if t["fields"].get("email") and t["fields"]["email"] != t["fields"]["email"].lower():
        errs.append("email not lower case")
    # every document found; values printed
    images_seen = 0
    seen_files = set()
    for d in t["documents"]:
        try:
            data, name = resolve(inp, d)
        except Exception as e:  # noqa: BLE001
            errs.append(f"{d['file']} {d['part']}: not found ({e})")
            continue
        seen_files.add(d["file"])
        key = "/".join(d["part"]) if d["part"] else d["file"]
        key_alt = "/".join(d["part"][1:]) if d["part"] and len(d["part"]) > 1 else key
        img = smap["images"].get(key) or smap["images"].get(key_alt) or smap["images"].get(name)
        if d.get("gradable") is False:
            dmg = next((x for x in smap["damaged"] if x["type"] == d["type"]), None)
            if not dmg:
                errs.append(f"{key}: not gradable but no damage recorded")
                continue
            try:
                check_damage(dmg["code"], data, name)
            except Fail as e:
                errs.append(str(e))
            continue
        if d["layout"] == "blank":
            continue
        if img:
            images_seen += 1
            if name.lower().endswith(".pdf") and not is_image_only_pdf(data):
                errs.append(f"{key}: scan PDF has a text layer")
            if not name.lower().endswith((".pdf",) + IMAGE_EXT):
                errs.append(f"{key}: unexpected scan medium")
            src = read_bytes(os.path.join(out, "sources", cid, img["source"]))
            pages = pdf_pages_text(src)
            if img["medium"] in ("photo", "png"):
                text = "\n".join(
                    pages
                )  # one picture per page of a one-document original: check it whole
            else:
                text = "\n".join(pages[img["pages"][p - 1] - 1] for p in d["pages"])
            errs += check_values(d, text, f"{key} (original)")
        else:
            if name.lower().endswith(".docx"):
                text = docx_text(data)
            elif name.lower().endswith(".pdf"):
                try:
                    pages = pdf_pages_text(data)
                except Exception as e:  # noqa: BLE001
                    errs.append(f"{key}: digital PDF does not open ({e})")
                    continue
                if not all(p.strip() for i, p in enumerate(pages) if i + 1 in d["pages"]):
                    errs.append(f"{key}: a digital page without text")
                text = "\n".join(pages[p - 1] for p in d["pages"])
            else:
                errs.append(f"{key}: image without a recorded original")
                continue
            errs += check_values(d, text, key)
    # every input file is referenced
    for root, _, files in os.walk(inp):
        for fn in files:
            rel = os.path.relpath(os.path.join(root, fn), inp)
            if rel not in seen_files:
                errs.append(f"input file {rel} not in truth")
    if t["channel"] == "file" and images_seen:
        errs.append("file channel with image pages")
    if t["channel"] == "scan" and not images_seen and not smap["images"]:
        errs.append("scan channel without image pages")
    if t["channel"] == "email":
        emls = [f for f in os.listdir(inp) if f.endswith(".eml")]
        if len(emls) != 1:
            errs.append("email case needs exactly one .eml")
        else:
            m = load_eml(os.path.join(inp, emls[0]))
            dte = email.utils.parsedate_to_datetime(m["Date"])
            if dte.utcoffset() != dt.timedelta(hours=8) or dte.date().isoformat() != t["received"]:
                errs.append(f"Date {m['Date']} != received {t['received']}")
    return t, errs


def main(argv=None):
    argv = argv or sys.argv[1:]
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = argv[0]
    ids = sorted(os.listdir(os.path.join(out, "cases")))
    bad = 0
    cats = {}
    for cid in ids:
        t, errs = verify_case(out, cid)
        cats[t["category"]] = cats.get(t["category"], 0) + 1
        if errs:
            bad += 1
            for e in errs:
                print(f"{cid}: {e}")
    print(json.dumps(dict(cases=len(ids), failed=bad, by_category=cats)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
