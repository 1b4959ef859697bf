"""Rules shared by the blind-set generator and its self-check.

They restate the contract (SPEC "Deficiency codes") and the decisions of the berkas-dev README,
written from those two texts only.  Nothing here comes from the program under test.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

REQUIRED = ("formulir", "surat_penunjukan", "surat_permohonan")
FIELDS = ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon")
FRONT_TITLES = {"dr", "drg", "drs", "dra", "ir", "h", "hj", "prof", "ns", "apt", "sdr", "sdri"}
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"]


def name_key(v: str | None) -> str:
    """A person's name without titles, case, punctuation or spacing."""
    s = unicodedata.normalize("NFKC", v or "").strip()
    s = s.split(",")[0]
    toks = [t for t in s.split() if t]
    while toks and toks[0].lower().strip(".") in FRONT_TITLES and (toks[0].endswith(".")
                                                                     or len(toks) > 2):
        toks.pop(0)
    while len(toks) > 1 and re.fullmatch(r"(?:[A-Za-z]{1,5}\.){1,4}[A-Za-z]{0,5}\.?", toks[-1]):
        toks.pop()
    return re.sub(r"[^a-z]", "", " ".join(toks).casefold())


def digits(v: str | None) -> str:
    return re.sub(r"\D", "", v or "")


def phone_digits(v: str | None) -> str | None:
    if v is None:
        return None
    d = digits(v)
    if d.startswith("62"):
        d = "0" + d[2:]
    return d or None


def _date_ok(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def nip_valid(nip: str | None) -> bool:
    """PNS NIP or NI PPPK, both 18 digits (SPEC, `invalid:nip`)."""
    n = digits(nip)
    if len(n) != 18:
        return False
    by, bm, bd = int(n[0:4]), int(n[4:6]), int(n[6:8])
    if not (1940 <= by <= 2010 and _date_ok(by, bm, bd)):
        return False
    if n[14] not in "12":
        return False
    y, m = int(n[8:12]), int(n[12:14])
    pns = 1960 <= y <= 2030 and 1 <= m <= 12 and y >= by + 15
    pppk = 2019 <= y <= 2030 and y >= by + 15      # YYYY + 2-digit contract count
    return pns or pppk


_LOCAL = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}"
EMAIL_RE = re.compile(rf"^{_LOCAL}@{_DOMAIN}$")


def email_valid(e: str | None) -> bool:
    return bool(e) and bool(EMAIL_RE.match(e.strip().lower()))


def phone_valid(p: str | None) -> bool:
    d = phone_digits(p)
    return bool(d) and d.startswith("08") and 10 <= len(d) <= 13


def tgl(d: dt.date, style: str = "long") -> str:
    if style == "long":
        return f"{d.day} {BULAN[d.month - 1]} {d.year}"
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "upper":
        return f"{d.day} {BULAN[d.month - 1].upper()} {d.year}"
    raise ValueError(style)


FILE_CODES = {"unreadable", "encrypted", "corrupt", "link_only", "too_large"}


def tujuan_valid(tujuan: str | None) -> bool:
    """The letter's final addressee (after the last c.q.) heads LPSE Prov. Kaltim or the Biro
    Pengadaan Barang/Jasa."""
    s = re.sub(r"\s+", " ", (tujuan or "")).lower()
    last = re.split(r"\bc\.\s?q\.?", s)[-1]
    prov = re.search(r"provinsi kalimantan timur|prov\. kaltim|prov\. kalimantan timur", last)
    lpse = re.search(r"\blpse\b|layanan pengadaan secara elektronik", last)
    biro = re.search(r"biro pengadaan barang( dan |/)jasa", last)
    return bool(prov and (lpse or biro) and re.search(r"\bkepala\b", last))


def derive_codes(truth: dict) -> tuple[list[str], list[str]]:
    """The deficiency codes that follow from a truth's documents, and the tolerated extras.

    Used by the generator (each case's intended codes must equal these) and by verify_blind.py.
    """
    recv = dt.date.fromisoformat(truth["received"])
    docs = truth["documents"]
    codes: set[str] = set()
    extra: set[str] = set()
    codes.update(c for c in truth["deficiencies"] if c in FILE_CODES)
    good = {t: [d for d in docs if d["type"] == t and d.get("gradable", True)] for t in REQUIRED}
    bad = {t: [d for d in docs if d["type"] == t and not d.get("gradable", True)]
           for t in REQUIRED}
    for t in REQUIRED:
        if not good[t]:
            (extra if bad[t] else codes).add(f"missing:{t}")
    form = good["formulir"][0]["fields"] if good["formulir"] else None
    if form:
        for f in FIELDS:
            if form.get(f) in (None, ""):
                codes.add(f"missing_field:{f}")
        if form.get("nip") and not nip_valid(form["nip"]):
            codes.add("invalid:nip")
        if form.get("email") and not email_valid(form["email"]):
            codes.add("invalid:email")
        if form.get("telepon") and not phone_valid(form["telepon"]):
            codes.add("invalid:telepon")
        for sk in good["surat_penunjukan"]:
            people = sk["fields"]["ditunjuk"]
            nk, nn = name_key(form["nama"]), digits(form.get("nip"))
            same = [p for p in people if name_key(p["nama"]) == nk]
            if same and (not nn or any(digits(p.get("nip")) == nn for p in same)):
                continue    # a NIP missing on the form is reported as missing, not mismatched
            if any(digits(p.get("nip")) == nn and nn for p in people):
                codes.add("mismatch:nama")
            elif same:
                codes.add("mismatch:nip")
            else:
                codes.update({"mismatch:nama", "mismatch:nip"})
    for sk in good["surat_penunjukan"]:
        until = sk["fields"].get("berlaku_sampai")
        if until and dt.date.fromisoformat(until) < recv:
            codes.add("expired:surat_penunjukan")
    for d in docs:
        if not d.get("gradable", True) or d["type"] == "lainnya":
            continue
        t = d["fields"].get("tanggal")
        if t and dt.date.fromisoformat(t) > recv:
            codes.add(f"future_date:{d['type']}")
    for d in good["surat_permohonan"]:
        if not tujuan_valid(d["fields"].get("tujuan")):
            codes.add("invalid:tujuan_surat")
    return sorted(codes), sorted(extra - codes)
