"""Deficiencies (SPEC codes) and review reasons, each with its Indonesian text from
data/messages.toml, decided from what was read."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, model_serializer
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractors import nip as nip_rules
from extractors.dates import tanggal
from extractors.fields import person
from extractors.fields.appointment import Appointee
from extractors.fields.letter import addressed_to_lpse
from extractors.fields.lines import Reading
from extractors.models import FileProblem
from extractors.normalize import load_data, name_key, normalize_email, normalize_phone

REQUIRED_TYPES = ("formulir", "surat_penunjukan", "surat_permohonan")
REQUIRED_FIELDS = ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon")
# Names this close (difflib ratio, 0..1) are the same person misread or mistyped: no mismatch, but
# a person looks.
NEAR_NAME = 0.88
# Read from a scan, a name that holds the other (OCR ran it into the next cell, "MUHAMMAD RAHMA
# Penata Tingkat I", or garbled a part) is the same person misread: rapidfuzz partial ratio.
NEAR_NAME_SCANNED = 85


class Deficiency(BaseModel):
    code: str
    message: str
    file: str | None = None

    @model_serializer(mode="wrap")
    def _without_empty_file(self, handler: Any) -> dict:
        data = handler(self)
        if data.get("file") is None:
            data.pop("file", None)
        return data


class ReviewReason(BaseModel):
    field: str
    reason: str


@lru_cache(maxsize=1)
def _messages() -> dict:
    return load_data("messages.toml")


def document_name(doc_type: str) -> str:
    return _messages()["documents"].get(doc_type, doc_type)


def field_name(f: str) -> str:
    return _messages()["fields"].get(f, f)


def format_date(d: date | str | None) -> str:
    if d is None:
        return "-"
    if isinstance(d, str):
        d = date.fromisoformat(d)
    return tanggal(d)


def _fill(template: str, **values: Any) -> str:
    values = {**_messages()["settings"], **{k: ("-" if v is None else v)
                                            for k, v in values.items()}}
    return template.format_map(_Default(values))


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "-"


@dataclass
class Verdict:
    deficiencies: list[Deficiency] = field(default_factory=list)
    reviews: list[ReviewReason] = field(default_factory=list)

    def add(self, code: str, key: str | None = None, file: str | None = None,
            **values: Any) -> None:
        if any(d.code == code and d.file == file for d in self.deficiencies):
            return
        template = _messages()["deficiencies"][key or code]
        self.deficiencies.append(Deficiency(code=code, file=file,
                                            message=_fill(template, file=file, **values)))

    def review(self, field_: str, key: str, **values: Any) -> None:
        reason = _fill(_messages()["review"][key], **values)
        if not any(r.field == field_ and r.reason == reason for r in self.reviews):
            self.reviews.append(ReviewReason(field=field_, reason=reason))


# --- rules -----------------------------------------------------------------------------------

def file_problems(v: Verdict, problems: list[FileProblem]) -> None:
    for p in problems:
        v.add(str(p.code), file=p.file)


def missing_documents(v: Verdict, present: set[str], links: list[str]) -> list[str]:
    missing = [t for t in REQUIRED_TYPES if t not in present]
    for t in missing:
        v.add(f"missing:{t}", "missing", document=document_name(t))
    if missing and links:
        v.add("link_only", links=", ".join(links[:3]),
              documents=", ".join(document_name(t) for t in missing))
    return missing


def form_fields(v: Verdict, readings: dict[str, Reading], file: str, from_scan: set[str]) -> None:
    """Empty and invalid fields of the form; `from_scan`: fields read by OCR. A value written
    but unreadable on a scan (a "garbled" reading) is no missing field: the applicant filled it
    in, and the review reason sends a person to read it."""
    for f in REQUIRED_FIELDS:
        r = readings.get(f)
        if r is None or (r.value in (None, "") and r.note != "garbled"):
            v.add(f"missing_field:{f}", "missing_field", file=file, field=field_name(f),
                  document=document_name("formulir"))
    for f, check in (("nip", _valid_nip), ("email", _valid_email), ("telepon", _valid_phone)):
        r = readings.get(f)
        if r is None or r.value in (None, "") or check(str(r.value)):
            continue
        v.add(f"invalid:{f}", file=file, value=r.value)
        if f in from_scan:
            v.review(f, "invalid_scan", field=field_name(f), file=file, value=r.value)


def _valid_nip(value: str) -> bool:
    return nip_rules.is_valid(value)


def _valid_email(value: str) -> bool:
    return normalize_email(value, exact=True).valid


def _valid_phone(value: str) -> bool:
    return normalize_phone(value).valid


def person_in_appointment(v: Verdict, readings: dict[str, Reading], form_file: str,
                          appointed: list[Appointee], sk_file: str, scanned: bool) -> None:
    """`mismatch:nama` / `mismatch:nip`: the form's person is not among the appointees."""
    listed = "; ".join(f"{a.nama or '-'} (NIP {a.nip or '-'})" for a in appointed)
    nama = readings.get("nama")
    nip = readings.get("nip")
    names = [a.nama for a in appointed if a.nama]
    same_nip = [a for a in appointed if nip and nip.value and a.nip == nip.value]
    if nama and nama.value and any(_same_person_name(str(nama.value), a.nama) for a in same_nip):
        names = []  # the NIP identifies the appointee and the name agrees (a table cell wrapped)
    unsure = [a for a in same_nip if person.scanned_weak(a)]
    if nama and nama.value and names and scanned and unsure:
        # The NIP, all 18 digits, names the appointee; the name beside it read unsurely from a
        # scan is a misreading for a person to look at, not another person.
        v.review("nama", "name_unsure", value=nama.value, other=unsure[0].nama or "-")
        names = []
    if nama and nama.value and names:
        key = name_key(str(nama.value))
        keys = [name_key(n) for n in names]
        if key not in keys:
            near = max(names, key=lambda n: _similar(key, name_key(n)))
            if _similar(key, name_key(near)) >= NEAR_NAME or (
                    scanned and fuzz.partial_ratio(key, name_key(near)) >= NEAR_NAME_SCANNED):
                v.review("nama", "name_near", value=nama.value, other=near)
            else:
                v.add("mismatch:nama", file=form_file, value=nama.value, sk_file=sk_file,
                      appointees=listed)
                if scanned:
                    v.review("nama", "mismatch_scan", value=nama.value, appointees=listed)
    nips = [a.nip for a in appointed if a.nip]
    if nip and nip.value and nips and nip.value not in nips:
        close = [n for n in nips if _differs_by_one(str(nip.value), n)]
        if scanned and close:
            v.review("nip", "nip_near", value=nip.value, other=close[0])
        else:
            v.add("mismatch:nip", file=form_file, value=nip.value, sk_file=sk_file,
                  appointees=listed)
            if scanned:
                v.review("nip", "mismatch_scan", value=nip.value, appointees=listed)


def _same_person_name(form_name: str, appointed_name: str | None) -> bool:
    a, b = name_key(form_name), name_key(appointed_name)
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 6
                                         and (a.startswith(b) or b.startswith(a))))


def _similar(a: str, b: str) -> float:
    if a and b and (a.startswith(b) or b.startswith(a)) and min(len(a), len(b)) >= 6:
        return 0.95  # the same name with or without a further word (a rank read along)
    return difflib.SequenceMatcher(None, a, b).ratio()


def _differs_by_one(a: str, b: str) -> bool:
    """One digit misread; or, where `b` (the SK's) has the wrong length for a NIP, one digit
    dropped or doubled by OCR (a 17-digit "NIP" proves no other person)."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    return len(b) != len(a) and Levenshtein.distance(a, b) == 1 and not nip_rules.is_valid(b)


def expiry(v: Verdict, ends: Reading | None, file: str, received: date) -> None:
    if ends is None or ends.value is None:
        return
    if date.fromisoformat(str(ends.value)) < received:
        v.add("expired:surat_penunjukan", file=file, date=format_date(str(ends.value)),
              received=format_date(received))


def dated_after(v: Verdict, doc_type: str, dated: Reading | None, file: str,
                received: date) -> None:
    if dated is None or dated.value is None:
        return
    if date.fromisoformat(str(dated.value)) > received:
        v.add(f"future_date:{doc_type}", "future_date", file=file,
              document=document_name(doc_type), date=format_date(str(dated.value)),
              received=format_date(received))


def addressee(v: Verdict, tujuan: Reading | None, file: str) -> None:
    if tujuan is None or not tujuan.value:
        v.review("surat_permohonan.tujuan", "no_tujuan", file=file)
        return
    if not addressed_to_lpse(str(tujuan.value)):
        v.add("invalid:tujuan_surat", file=file, value=tujuan.value)
