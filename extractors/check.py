"""`berkas check`: classify the pages read, extract the fields, decide the verdict (SPEC)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, cast
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from extractors import verdict as rules
from extractors.classify import OTHER, Document, group, review_confidence
from extractors.fields import appointment, form, letter, person
from extractors.fields.lines import Line, Reading, document_lines
from extractors.layout import PageLayout, layout_page
from extractors.models import EMAIL_BODY_NAME, Method, PageText, ReadResult
from extractors.normalize import load_data, name_key
from extractors.verdict import Deficiency, ReviewReason, Verdict

DEFAULT_TIMEZONE = "Asia/Makassar"
TOP_FIELDS = ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon")


class DocumentResult(BaseModel):
    file: str
    pages: list[int]
    type: str
    confidence: float
    fields: dict[str, Any] = Field(default_factory=dict)


class FieldSource(BaseModel):
    """Where a field's value was read (SPEC, "Provenance of fields"): the box covers the value,
    in fractions of the page (as cleaned up for OCR), origin top-left."""

    file: str
    page: int
    box: tuple[float, float, float, float]
    confidence: float  # 1.0 for a text layer; the OCR words' confidence for a scan


class CheckResult(BaseModel):
    complete: bool
    needs_review: bool
    review_reasons: list[ReviewReason] = Field(default_factory=list)
    deficiencies: list[Deficiency] = Field(default_factory=list)
    documents: list[DocumentResult] = Field(default_factory=list)
    fields: dict[str, str | None] = Field(default_factory=lambda: dict.fromkeys(TOP_FIELDS))
    field_sources: dict[str, FieldSource] = Field(default_factory=dict)
    # Where another document names the person differently (the SK's appointee against the
    # form's nama/nip): shown beside the form's reading on the decision form. Not in SPEC's
    # output of `berkas check`.
    conflict_sources: dict[str, list[FieldSource]] = Field(default_factory=dict)


@lru_cache(maxsize=1)
def _thresholds() -> dict:
    return load_data("doc_types.toml")["thresholds"]


@dataclass
class _Read:
    """One document with its lines and the readings taken from it."""

    doc: Document
    lines: list[Line]
    readings: dict[str, Reading]
    appointed: list[appointment.Appointee]


def _is_email_body(file: str) -> bool:
    return file == EMAIL_BODY_NAME or file.endswith("/" + EMAIL_BODY_NAME)


def _bodies_as_covering_notes(docs: list[Document]) -> list[Document]:
    """An email body is never the Surat Permohonan: however letter-like ("Yth. Kepala LPSE …,
    bersama ini …, Hormat kami"), it is a covering note, typed `lainnya`; the cover letter is the
    agency's signed letter, attached."""
    for doc in docs:
        if doc.type == "surat_permohonan" and _is_email_body(doc.file):
            doc.type = OTHER
    return docs


def check(result: ReadResult, received: date) -> CheckResult:
    v = Verdict()
    rules.file_problems(v, result.problems)
    pages = _ordered_pages(result)
    page_index = {(p.file, p.page): p for p in pages}
    unreadable = _unreadable_files(pages)
    for file in unreadable:
        v.add("unreadable", file=file)
    laid_out = [layout_page(p) for p in pages]  # once: for the page types and the fields
    layouts = {(p.file, p.page): lay for p, lay in zip(pages, laid_out, strict=True)}
    docs = _bodies_as_covering_notes(group(pages, laid_out))
    read = [_read(d, result, layouts) for d in docs]
    _review_classification(v, read)

    present = {r.doc.type for r in read if r.doc.type != OTHER}
    rules.missing_documents(v, present, result.links)
    top: dict[str, str | None] = dict.fromkeys(TOP_FIELDS)

    forms = _best_first([r for r in read if r.doc.type == "formulir"])
    sks = [r for r in read if r.doc.type == "surat_penunjukan"]
    letters = _best_first([r for r in read if r.doc.type == "surat_permohonan"])
    if len(forms) > 1:
        best = forms[0].doc
        v.review("formulir", "several", document=rules.document_name("formulir"),
                 file=best.file, pages=_pages(best.page_numbers))
    sources: dict[str, FieldSource] = {}
    conflicts: dict[str, list[FieldSource]] = {}
    if forms:
        f = forms[0]
        appointed = [a for s in sks for a in s.appointed]
        readings = dict(f.readings)
        for agreed in person.agree(readings, appointed, letters[0].readings if letters else {}):
            readings[agreed.field] = agreed.reading
            v.review(agreed.field, "agreed", field=rules.field_name(agreed.field),
                     value=agreed.reading.value, file=agreed.reading.file,
                     form_value=agreed.weak.value if agreed.weak else None)
        for k in TOP_FIELDS:
            reading = readings.get(k)
            top[k] = None if reading is None or reading.value in (None, "") else str(reading.value)
            if top[k] is not None and reading is not None:
                sources[k] = _source(reading, page_index)
        scanned = {k for k, r in readings.items() if _from_scan(r, page_index)}
        rules.form_fields(v, readings, f.doc.file, scanned)
        _review_readings(v, {k: r for k, r in readings.items() if r.note != "agreed"},
                         page_index, prefix="")
        if sks and appointed:
            sk_scanned = any(p.method == Method.OCR for s in sks for p in s.doc.pages)
            uncertain = any(person.weak(readings.get(k)) for k in ("nama", "nip"))
            rules.person_in_appointment(v, readings, f.doc.file, appointed, sks[0].doc.file,
                                        scanned=uncertain or sk_scanned)
            conflicts = _conflicts(top, appointed)
    for s in sks:
        if not s.appointed and s.doc.type == "surat_penunjukan" and _is_main_sk(s, sks):
            v.review("surat_penunjukan.ditunjuk", "no_appointees", file=s.doc.file)
        rules.expiry(v, s.readings.get("berlaku_sampai"), s.doc.file, received)
        _review_readings(v, s.readings, page_index, prefix="surat_penunjukan.")
    for r in read:
        if r.doc.type in rules.REQUIRED_TYPES:
            dated = r.readings.get("tanggal")
            rules.dated_after(v, r.doc.type, dated, r.doc.file, received)
            if dated is None and (r.doc.type != "surat_penunjukan" or _is_main_sk(r, sks)):
                v.review(f"{r.doc.type}.tanggal", "no_date",
                         document=rules.document_name(r.doc.type), file=r.doc.file)
    if letters:
        lt = letters[0]
        rules.addressee(v, lt.readings.get("tujuan"), lt.doc.file)
        _review_readings(v, lt.readings, page_index, prefix="surat_permohonan.")

    return CheckResult(
        complete=not v.deficiencies,
        needs_review=bool(v.reviews),
        review_reasons=v.reviews,
        deficiencies=v.deficiencies,
        documents=[_document_result(r, top) for r in read],
        fields=top,
        field_sources=sources,
        conflict_sources=conflicts,
    )


def _conflicts(top: dict[str, str | None],
               appointed: list[appointment.Appointee]) -> dict[str, list[FieldSource]]:
    """For the form's nama or nip that no appointee of the SK has, where the SK names the
    person: the appointee sharing the other of the two (else the first), as read."""
    nama, nip = top.get("nama"), top.get("nip")
    out: dict[str, list[FieldSource]] = {}
    for key, value in (("nama", nama), ("nip", nip)):
        if not value or not appointed:
            continue
        if key == "nama":
            if any(name_key(a.nama) == name_key(value) for a in appointed):
                continue
            shown = next((a for a in appointed if nip and a.nip == nip), appointed[0])
        else:
            if any(a.nip == value for a in appointed):
                continue
            shown = next((a for a in appointed if nama and name_key(a.nama) == name_key(nama)),
                         appointed[0])
        if shown.file and shown.box:
            out[key] = [FieldSource(file=shown.file, page=shown.page or 1, box=shown.box,
                                    confidence=round(shown.confidence if shown.confidence
                                                     is not None else 1.0, 3))]
    return out


def _source(r: Reading, page_index: dict[tuple[str, int], PageText]) -> FieldSource:
    page = page_index.get((r.file or "", r.page or 0))
    box = r.box or (0.0, 0.0, 1.0, 1.0)
    if r.confidence is not None:
        confidence = r.confidence
    elif page is not None and page.method == Method.OCR:
        confidence = page.confidence or 0.0
    else:
        confidence = 1.0
    return FieldSource(file=r.file or "", page=r.page or 1, box=box,
                       confidence=round(confidence, 3))


# --- reading documents ---------------------------------------------------------------------------

def _read(doc: Document, result: ReadResult,
          laid_out: dict[tuple[str, int], PageLayout]) -> _Read:
    layouts = [laid_out[(p.file, p.page)] for p in doc.pages]
    lines = document_lines(layouts)
    readings: dict[str, Reading] = {}
    appointed: list[appointment.Appointee] = []
    if doc.type == "formulir":
        readings = form.person_fields(layouts)
        dated = form.form_date(lines)
        if dated:
            readings["tanggal"] = dated
    elif doc.type == "surat_penunjukan":
        appointed = appointment.appointees(lines, layouts)
        for key, r in (("nomor", appointment.number(lines)),
                       ("tanggal", appointment.decree_date(lines))):
            if r is not None:
                readings[key] = r
        issued = date.fromisoformat(cast(str, readings["tanggal"].value)) \
            if "tanggal" in readings else None
        ends = appointment.validity_end(lines, issued)
        if ends is not None:
            readings["berlaku_sampai"] = ends
    elif doc.type == "surat_permohonan":
        readings = form.person_fields(layouts, ("nama", "nip", "jabatan", "email"))
        for key, r in (("nomor", letter.letter_number(lines)),
                       ("tanggal", letter.letter_date(lines)),
                       ("tujuan", letter.addressee(lines)), ("perihal", letter.subject(lines)),
                       ("penandatangan", letter.signer(lines))):
            if r is not None:
                readings[key] = r
        if "tanggal" not in readings and doc.file == EMAIL_BODY_NAME:
            sent = _email_date(result)
            if sent is not None:
                readings["tanggal"] = Reading(sent.isoformat(), doc.file, 1)
    return _Read(doc, lines, readings, appointed)


def _email_date(result: ReadResult, tz: str = DEFAULT_TIMEZONE) -> date | None:
    """The day the outermost email was sent, in local time (SPEC: WITA unless said otherwise)."""
    if result.email is None or not result.email.date:
        return None
    try:
        sent = datetime.fromisoformat(result.email.date)
    except ValueError:
        return None
    return sent.astimezone(ZoneInfo(tz)).date() if sent.tzinfo else sent.date()


def received_date(result: ReadResult, tz: str = DEFAULT_TIMEZONE) -> date:
    """SPEC's default for `--received`: the email's Date, else today (both in `tz`)."""
    return _email_date(result, tz) or datetime.now(ZoneInfo(tz)).date()


def _best_first(reads: list[_Read]) -> list[_Read]:
    return sorted(reads, key=lambda r: (-len(r.readings), -r.doc.confidence))


def _is_main_sk(r: _Read, sks: list[_Read]) -> bool:
    """An appointment's first part (a lampiran page split off by page order has no date)."""
    return r is sks[0] or not any(s.appointed for s in sks if s is not r)


def _document_result(r: _Read, top: dict[str, str | None]) -> DocumentResult:
    fields: dict[str, Any] = {k: rd.value for k, rd in r.readings.items() if rd.value is not None}
    if r.doc.type == "surat_penunjukan" and r.appointed:
        fields["ditunjuk"] = [a.as_field() for a in r.appointed]
        person = next((a for a in r.appointed if top["nip"] and a.nip == top["nip"]), None) or \
            next((a for a in r.appointed if top["nama"]
                  and name_key(a.nama) == name_key(top["nama"])), None) or r.appointed[0]
        fields = {"nama": person.nama, "nip": person.nip, "jabatan": person.jabatan, **fields}
        fields = {k: val for k, val in fields.items() if val is not None}
    return DocumentResult(file=r.doc.file, pages=r.doc.page_numbers, type=r.doc.type,
                          confidence=r.doc.confidence, fields=fields)


# --- scan quality and review reasons -------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]{2,}")


def _has_words(page: PageText) -> bool:
    return len(page.text.split()) >= _thresholds()["min_words"]


def _garbage(page: PageText) -> bool:
    tokens = page.text.split()
    real = [t for t in tokens if _WORD.search(t) and re.search(r"[aeiouAEIOU]", t)]
    return len(real) < _thresholds()["min_word_share"] * len(tokens)


def _unreadable_files(pages: list[PageText]) -> list[str]:
    """Scanned files none of whose non-blank pages could be read with fair confidence, or with a
    page too poor to read."""
    t = _thresholds()
    by_file: dict[str, list[PageText]] = {}
    for p in pages:
        by_file.setdefault(p.file, []).append(p)
    out = []
    for f, ps in by_file.items():
        scanned = [p for p in ps if p.method == Method.OCR]
        if not scanned:
            continue
        poor = [p for p in scanned if _has_words(p) and p.confidence is not None and (
            p.confidence < t["unreadable"] or (p.confidence < t["review"] and _garbage(p)))
            and not _specks(p)]
        if poor or not any(_has_words(p) and not _specks(p) for p in ps):
            out.append(f)
    return out


def _specks(page: PageText) -> bool:
    """An empty sheet's dust and scanner noise read as marks ("—", ". a", "7"): hardly a word
    of three letters among them. No text to read, so not unreadable: a blank page."""
    tokens = page.text.split()
    words = sum(len(re.findall(r"[A-Za-z]", t)) >= 3 for t in tokens)
    return words < _thresholds()["min_words"] * 3 and words < 0.1 * len(tokens)


def _from_scan(r: Reading, page_index: dict[tuple[str, int], PageText]) -> bool:
    page = page_index.get((r.file or "", r.page or 0))
    return page is not None and page.method == Method.OCR


def _review_readings(v: Verdict, readings: dict[str, Reading],
                     page_index: dict[tuple[str, int], PageText], prefix: str) -> None:
    low = _thresholds()["review"]
    for k, r in readings.items():
        name = rules.field_name(k)
        page = page_index.get((r.file or "", r.page or 0))
        if page is not None and page.method == Method.OCR and page.confidence is not None \
                and page.confidence < low:
            v.review(prefix + k, "ocr_low", field=name, confidence=round(page.confidence * 100),
                     file=r.file, page=r.page)
        if r.repaired:
            v.review(prefix + k, "repaired", field=name, file=r.file, value=r.value)
        if r.fallback:
            v.review(prefix + k, "fallback", field=name, file=r.file, value=r.value)
        if r.note == "garbled":
            v.review(prefix + k, "garbled", field=name, file=r.file, page=r.page)


def _review_classification(v: Verdict, read: list[_Read]) -> None:
    threshold = review_confidence()
    for r in read:
        d = r.doc
        if d.type != OTHER and d.confidence < threshold:
            v.review("dokumen", "weak_type", file=d.file, pages=_pages(d.page_numbers),
                     document=rules.document_name(d.type), confidence=round(d.confidence * 100))
        for t in d.weak_evidence:
            v.review("dokumen", "weak_other", file=d.file, pages=_pages(d.page_numbers),
                     document=rules.document_name(t))


def _pages(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _ordered_pages(result: ReadResult) -> list[PageText]:
    """Pages grouped by file (in the order files first appear), in page order within a file."""
    first: dict[str, int] = {}
    for i, p in enumerate(result.pages):
        first.setdefault(p.file, i)
    return sorted(result.pages, key=lambda p: (first[p.file], p.page))
