#!/usr/bin/env python3
"""Self-check of the blind set: the truth must be what the files print.

    python bench/blind/verify_blind.py build/blind

For every case it checks that truth.json has berkas-dev's keys; that its deficiency codes follow
from its documents (blind_common.derive_codes); that its `fields` are the form's; and, opening
every document the truth lists (inside zips and emails too), that

* a digital document (PDF text layer via pypdf, or .docx via python-docx) prints the values the
  truth gives it: the seven fields of the form, the appointees and number of an SK, the
  addressee, number and person of a letter, the NIK or NIP of an extra page;
* every page of a scan or photo is image-only (no text layer, at least one image), and the
  text-layer original it was rendered from (DIR/sources/) prints those values;
* an encrypted file does not open without a password, a corrupt one does not parse.

Exit 1 with a list of failures, 0 when all hold.
"""

from __future__ import annotations

import email
import io
import json
import os
import re
import sys
import unicodedata
import zipfile
from email import policy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from blind_common import BULAN, derive_codes, name_key, phone_digits  # noqa: E402
from PIL import Image  # noqa: E402
from pypdf import PdfReader  # noqa: E402

TOP = {"case", "received", "channel", "complete", "deficiencies",
       "acceptable_extra_deficiencies", "documents", "fields", "grade_fields", "category",
       "layouts", "packaging", "notes"}
DOC = {"file", "part", "pages", "type", "layout", "fields"}
FIELDS = {"nama", "nama_tanpa_gelar", "nip", "jabatan", "instansi", "satuan_kerja", "email",
          "telepon"}


def nows(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s)).casefold()


def one_space(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).casefold()


def tgl_forms(iso: str) -> list[str]:
    y, m, d = (int(x) for x in iso.split("-"))
    return [f"{d} {BULAN[m - 1]} {y}", f"{d:02d}/{m:02d}/{y}", f"{d:02d}-{m:02d}-{y}"]


class Fail(Exception):
    pass


# -- opening what a truth entry points at ---------------------------------------------------
def _attachments(msg):
    """(name, bytes-or-message) of every attachment and inline image, walking nested parts."""
    out = []
    for p in msg.walk():
        if p is msg:
            continue
        ct = p.get_content_type()
        name = p.get_filename()
        if ct == "message/rfc822":
            out.append((name, p.get_payload(0)))
        elif name and not p.is_multipart():
            out.append((name, p.get_payload(decode=True)))
    return out


def open_part(inp: str, doc: dict):
    path = os.path.join(inp, doc["file"])
    part = doc.get("part")
    with open(path, "rb") as fh:
        raw = fh.read()
    if not part:
        return doc["file"], raw
    data: object = raw
    if doc["file"].lower().endswith(".eml"):
        data = email.message_from_bytes(data, policy=policy.default)
    elif part[0] == doc["file"]:
        part = part[1:]
        data = ("zip", data)
    for i, name in enumerate(part):
        if isinstance(data, tuple):
            data = zipfile.ZipFile(io.BytesIO(data[1])).read(name)
            continue
        if isinstance(data, email.message.Message):
            found = [x for n, x in _attachments(data) if n == name]
            if not found:
                raise Fail(f"attachment {name!r} not found")
            data = found[0]
            if isinstance(data, email.message.Message):
                continue
            if name.lower().endswith(".zip") and i + 1 < len(part):
                data = ("zip", data)
            continue
    return part[-1], data


# -- text of a document ---------------------------------------------------------------------
def docx_text(data: bytes) -> str:
    from docx import Document
    d = Document(io.BytesIO(data))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                out.append(c.text)
    return "\n".join(out)


def check_values(doc: dict, text: str, where: str, errs: list):
    f = doc["fields"]
    t_nows, t_one = nows(text), one_space(text)
    lines = text.splitlines()

    def need(value, label, mode="nows"):
        if value in (None, ""):
            return
        ok = nows(value) in t_nows if mode == "nows" else one_space(value) in t_one
        if not ok:
            errs.append(f"{where}: {label} {value!r} not printed")

    def need_digits(value, label, wrap=False):
        """A NIP printed whole, or in its groups (8 6 1 3) split by a space, a dot or, where
        `wrap`, a line break; never broken inside a group."""
        if not value:
            return
        sep = r"[ .]{0,3}\n?" if wrap else r"[ .]{0,3}"   # justified text widens spaces
        if len(value) == 18:
            pat = sep.join(re.escape(g) for g in (value[:8], value[8:14], value[14],
                                                   value[15:]))
        else:
            pat = re.escape(value)
        if not re.search(pat, text):
            errs.append(f"{where}: {label} {value} not printed whole")

    def need_phone(value):
        if not value:
            return
        cands = {phone_digits(re.sub(r"[^\d+]", "", ln)) for ln in lines}
        found = any(value in (c or "") or value[1:] in (c or "") for c in cands)
        seqs = set()
        for ln in lines:
            for m in re.finditer(r"(?:\(?\+?62\)?|0)[\d .\-]{6,}", ln):
                seqs.add(phone_digits(m.group(0).strip(" .-")))
        if value not in seqs and not found:
            errs.append(f"{where}: telepon {value} not printed")

    t = doc["type"]
    if t == "formulir":
        need(f.get("nama"), "nama")
        need_digits(f.get("nip"), "nip")
        for k in ("jabatan", "instansi", "satuan_kerja"):
            need(f.get(k), k)
        need(f.get("email"), "email", mode="space")
        need_phone(f.get("telepon"))
    elif t == "surat_penunjukan":
        need(f["nomor"], "nomor")
        for p in f["ditunjuk"]:
            need(p["nama"], "ditunjuk.nama")
            need_digits(p.get("nip"), "ditunjuk.nip", wrap=True)
            if p.get("nrp"):
                need(p["nrp"], "nrp")
        if not any(nows(x) in t_nows for x in tgl_forms(f["tanggal"])):
            errs.append(f"{where}: tanggal {f['tanggal']} not printed")
        if f.get("berlaku_sampai") and "sampai dengan" in f["berlaku"]:
            if not any(nows(x) in t_nows for x in tgl_forms(f["berlaku_sampai"])):
                errs.append(f"{where}: berlaku_sampai {f['berlaku_sampai']} not printed")
        elif f.get("berlaku_sampai"):
            key = f["berlaku"].split(" ")[0]
            if nows(key) not in t_nows:
                errs.append(f"{where}: validity {f['berlaku']!r} not printed")
        need(f["penandatangan"], "penandatangan")
    elif t == "surat_permohonan":
        need(f["nomor"], "nomor")
        need(f["tujuan"], "tujuan")
        need(f["nama"], "nama")
        need_digits(f.get("nip"), "nip", wrap=True)
        if not any(nows(x) in t_nows for x in tgl_forms(f["tanggal"])):
            errs.append(f"{where}: tanggal {f['tanggal']} not printed")
    else:
        need(f.get("nama"), "nama")
        need_digits(f.get("nip"), "nip", wrap=True)
        need_digits(f.get("nik"), "nik")


def pdf_pages(data: bytes):
    r = PdfReader(io.BytesIO(data))
    if r.is_encrypted and not r.decrypt(""):
        return None
    return r


def verify_case(root: str, cid: str) -> list[str]:
    errs: list[str] = []
    cdir = os.path.join(root, "cases", cid)
    with open(os.path.join(cdir, "truth.json"), encoding="utf-8") as fh:
        truth = json.load(fh)
    inp = os.path.join(cdir, "input")
    if set(truth) != TOP:
        errs.append(f"keys {sorted(set(truth) ^ TOP)}")
    if truth["deficiencies"] != sorted(set(truth["deficiencies"])):
        errs.append("deficiencies not sorted/unique")
    if truth["complete"] != (not truth["deficiencies"]):
        errs.append("complete disagrees with deficiencies")
    if set(truth["fields"]) != FIELDS:
        errs.append("fields keys")
    derived, extra = derive_codes(truth)
    if derived != truth["deficiencies"]:
        errs.append(f"codes {truth['deficiencies']} but documents give {derived}")
    if not set(extra) <= set(truth["acceptable_extra_deficiencies"]):
        errs.append("tolerated missing:* not listed")
    forms = [d for d in truth["documents"] if d["type"] == "formulir" and d.get("gradable", True)]
    if truth["grade_fields"] != bool(forms):
        errs.append("grade_fields")
    if forms:
        ff = forms[0]["fields"]
        for k in FIELDS - {"nama_tanpa_gelar"}:
            if truth["fields"][k] != ff.get(k):
                errs.append(f"fields.{k} differs from the form")
        if name_key(truth["fields"]["nama_tanpa_gelar"]) != name_key(ff["nama"]):
            errs.append("nama_tanpa_gelar")
    if truth["channel"] == "email":
        emls = [x for x in os.listdir(inp) if x.endswith(".eml")]
        if len(emls) != 1:
            errs.append("email case without exactly one .eml")
    image_pages = 0
    for d in truth["documents"]:
        if set(d) - {"gradable"} != DOC:
            errs.append(f"document keys {sorted(d)}")
        where = "/".join(d.get("part") or [d["file"]])
        try:
            name, data = open_part(inp, d)
        except Fail as e:
            errs.append(f"{where}: {e}")
            continue
        except Exception as e:  # noqa: BLE001
            if d.get("gradable", True):
                errs.append(f"{where}: cannot open: {type(e).__name__}: {e}")
            elif not ({"encrypted", "corrupt"} & set(truth["deficiencies"])):
                errs.append(f"{where}: unopenable but no encrypted/corrupt code")
            continue
        low = name.lower()
        bad = not d.get("gradable", True)
        if low.endswith(".pdf"):
            try:
                r = pdf_pages(data)
            except Exception:  # noqa: BLE001
                if not (bad and "corrupt" in truth["deficiencies"]):
                    errs.append(f"{where}: PDF does not parse")
                continue
            if r is None:
                if not (bad and "encrypted" in truth["deficiencies"]):
                    errs.append(f"{where}: encrypted without the code")
                continue
            if bad and "corrupt" in truth["deficiencies"] and "unreadable" not in \
                    truth["deficiencies"]:
                errs.append(f"{where}: marked corrupt but parses")
            if max(d["pages"]) > len(r.pages):
                errs.append(f"{where}: page {max(d['pages'])} > {len(r.pages)}")
                continue
            texts = [r.pages[p - 1].extract_text() or "" for p in d["pages"]]
            has_img = [bool(r.pages[p - 1].images) for p in d["pages"]]
            if d["layout"] == "blank":
                continue
            if all(t.strip() for t in texts):
                if not bad:
                    check_values(d, "\n".join(texts), where, errs)
            elif not any(t.strip() for t in texts) and all(has_img):
                image_pages += len(texts)
                if truth["channel"] == "file":
                    errs.append(f"{where}: image-only page in a file-channel case")
                if not bad:
                    check_sources(root, cid, name, d, where, errs)
            else:
                errs.append(f"{where}: mixed text and image-only pages in one document")
        elif low.endswith(".docx"):
            try:
                text = docx_text(data)
            except Exception:  # noqa: BLE001
                if not (bad and "corrupt" in truth["deficiencies"]):
                    errs.append(f"{where}: docx does not open")
                continue
            if bad:
                errs.append(f"{where}: marked bad but opens")
            check_values(d, text, where, errs)
        elif low.endswith((".jpg", ".jpeg", ".png", ".tif", ".tiff")):
            im = Image.open(io.BytesIO(data))
            n = getattr(im, "n_frames", 1)
            if max(d["pages"]) > n:
                errs.append(f"{where}: page {max(d['pages'])} > {n} frames")
            image_pages += len(d["pages"])
            if truth["channel"] == "file":
                errs.append(f"{where}: image in a file-channel case")
            if not bad:
                check_sources(root, cid, name, d, where, errs)
            elif "unreadable" not in truth["deficiencies"]:
                errs.append(f"{where}: bad image without unreadable")
        else:
            errs.append(f"{where}: unknown file type")
    if truth["channel"] == "scan" and not image_pages:
        errs.append("scan case without any image page")
    if "encrypted" in truth["deficiencies"]:
        check_encrypted(inp, truth, errs)
    if "link_only" in truth["deficiencies"]:
        with open(os.path.join(inp, truth["documents"][0]["file"]), "rb") as fh:
            m = email.message_from_bytes(fh.read(), policy=policy.default)
        body = m.get_body(("plain",)).get_content()
        if "drive.google.com" not in body:
            errs.append("link_only without a link in the body")
    return errs


def check_sources(root, cid, name, d, where, errs):
    base = os.path.basename(name)
    src = os.path.join(root, "sources", cid)
    texts = []
    for p in d["pages"]:
        f = os.path.join(src, f"{base}#{p}.pdf")
        if not os.path.exists(f):
            errs.append(f"{where}: no source for page {p}")
            return
        texts.append(PdfReader(f).pages[0].extract_text() or "")
    check_values(d, "\n".join(texts), where + " (source)", errs)


def check_encrypted(inp, truth, errs):
    ok = False
    for d in truth["documents"]:
        if d.get("gradable", True):
            continue
        path = os.path.join(inp, d["file"])
        if d["file"].lower().endswith(".zip"):
            z = zipfile.ZipFile(path)
            ok = all(zi.flag_bits & 1 for zi in z.infolist())
            try:
                z.read(z.infolist()[0])
                ok = False
            except RuntimeError:
                pass
        elif d["file"].lower().endswith(".pdf"):
            r = PdfReader(path)
            ok = ok or (r.is_encrypted and not r.decrypt(""))
    if not ok:
        errs.append("encrypted code but no file that needs a password")


def main(argv=None):
    argv = argv if argv is not None else sys.argv[1:]
    if len(argv) != 1:
        print(__doc__)
        return 2
    root = argv[0]
    ids = sorted(os.listdir(os.path.join(root, "cases")))
    bad = 0
    for cid in ids:
        errs = verify_case(root, cid)
        if errs:
            bad += 1
            for e in errs:
                print(f"{cid}: {e}")
    print(json.dumps(dict(cases=len(ids), failing=bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
