"""The Markdown shown above each decision form in the Prefect UI: what the person needs to
decide. Every value that came from an applicant (names, file names, extracted fields) is
escaped, so nothing in a berkas can add a link, an image or HTML to the page; the only images
are the viewer's crops of where each value was read (linked, never embedded as `data:`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from berkas.core.markdown import md_escape
from berkas.sop.model import SOP
from berkas.store.pagecache import SURE
from extractors.check import CheckResult


@dataclass(frozen=True)
class Picture:
    """The crop of the place a value was read, served by the document viewer."""

    url: str
    file: str
    page: int
    confidence: float


@dataclass(frozen=True)
class FieldPictures:
    """For each field, the crop of the form's reading and of any document that disagrees."""

    pages_link: str
    crops: dict[str, list[Picture]] = field(default_factory=dict)


@dataclass(frozen=True)
class Addressee:
    """Where the pre-filled addressee comes from: the field it is made of, as read."""

    label: str
    value: str
    picture: Picture
    sure: bool


def _cell(value: Any) -> str:
    return md_escape("-" if value in (None, "") else str(value))


def describe(*, ask: str, title: str, registration: str, instansi: str | None,
             received: datetime, waiting_since: datetime | None, standard: str | None,
             verdict: CheckResult | None, links: list[tuple[str, str]], index_link: str | None,
             refused: list[str] | None = None, extra: list[str] | None = None,
             pictures: FieldPictures | None = None, addressee: Addressee | None = None,
             details: list[str] | None = None) -> str:
    """`extra`: notes (plain text, escaped here); `details`: Markdown we wrote ourselves, its
    values already escaped."""
    lines = [f"## {md_escape(title)}", ""]
    if refused:
        lines += ["**Isian sebelumnya belum dapat diterima:**", ""]
        lines += [f"- {md_escape(reason)}" for reason in refused[-1].split("; ")] + [""]
    lines += [ask, "",
              "| | |", "|---|---|",
              f"| Nomor registrasi | {_cell(registration)} |",
              f"| Instansi | {_cell(instansi)} |",
              f"| Diterima | {received:%d-%m-%Y %H:%M} WITA |"]
    if waiting_since is not None:
        lines.append(f"| Menunggu sejak | {waiting_since:%d-%m-%Y %H:%M} WITA |")
    if standard:
        lines.append(f"| Mutu baku langkah ini | {md_escape(standard)} |")
    lines.append("")
    for note in extra or []:
        lines += [md_escape(note), ""]
    lines += details or []
    if addressee is not None:
        lines += _addressee(addressee)
    lines += _verdict(verdict, pictures)
    lines += _documents(verdict, links, index_link)
    return "\n".join(lines)


def _verdict(verdict: CheckResult | None, pictures: FieldPictures | None = None) -> list[str]:
    if verdict is None:
        return ["### Hasil pemeriksaan otomatis", "", "Belum ada (pemeriksaan otomatis tidak "
                "berhasil); periksa dokumen secara langsung.", ""]
    fields = verdict.fields
    review = {r.field: r.reason for r in verdict.review_reasons}
    if pictures is not None:
        lines = _beside_pictures(verdict, pictures)
    else:
        lines = ["### Data yang dibaca dari berkas", "", "| Isian | Nilai | Catatan |",
                 "|---|---|---|"]
        for person_field in SOP.person:
            lines.append(f"| {person_field.short} | {_cell(fields.get(person_field.key))} | "
                         f"{_cell(review.get(person_field.key, ''))} |")
    state = "LENGKAP" if verdict.complete else "BELUM LENGKAP"
    lines += ["", f"### Hasil pemeriksaan otomatis: {state}", ""]
    if verdict.needs_review:
        lines += ["Sebagian bacaan kurang pasti sehingga perlu dipastikan oleh Admin PPE:", ""]
        lines += [f"- {_cell(r.field)}: {_cell(r.reason)}"
                  for r in verdict.review_reasons] + [""]
    for deficiency in verdict.deficiencies:
        lines.append(f"- `{md_escape(deficiency.code)}` {md_escape(deficiency.message)}")
    return lines + [""]


def _beside_pictures(verdict: CheckResult, pictures: FieldPictures) -> list[str]:
    """Each value beside the picture of where it was read (file, page, certainty in words);
    the fields a person must check first, marked; two documents that disagree side by side."""
    review: dict[str, list[str]] = {}
    for reason in verdict.review_reasons:
        review.setdefault(reason.field, []).append(reason.reason)

    def doubtful(key: str) -> bool:
        crops = pictures.crops.get(key, [])
        return key in review or len(crops) > 1 or any(c.confidence < SURE for c in crops[:1]) \
            or not verdict.fields.get(key)

    ordered = sorted(SOP.person, key=lambda f: not doubtful(f.key))
    lines = ["### Data yang dibaca dari berkas", "",
             f"[Lihat semua halaman berkas dengan kotak isian]({pictures.pages_link})", "",
             "Isian yang perlu diperiksa didahulukan dan ditandai ⚠.", ""]
    for person_field in ordered:
        key = person_field.key
        crops = pictures.crops.get(key, [])
        check = doubtful(key)
        mark = "⚠ " if check else ""
        lines += [f"#### {mark}{md_escape(person_field.short)}: {_cell(verdict.fields.get(key))}",
                  ""]
        if not crops:
            lines += ["Tidak terbaca dari dokumen bergambar; periksa dokumen secara langsung.", ""]
            continue
        words = "perlu diperiksa" if check else "yakin"
        lines.append(f"Dibaca dari {md_escape(crops[0].file)}, halaman {crops[0].page}: "
                     f"**{words}** (keyakinan {crops[0].confidence:.0%}).")
        lines += [f"Catatan: {md_escape(note)}" for note in review.get(key, [])] + [""]
        if len(crops) == 1:
            lines += [_image(person_field.short, crops[0]), ""]
            continue
        lines += ["Dokumen tidak sama:", "",
                  "| " + " | ".join(f"{md_escape(c.file)}, halaman {c.page}" for c in crops)
                  + " |", "|" + "---|" * len(crops),
                  "| " + " | ".join(_image(person_field.short, c) for c in crops) + " |", ""]
    return lines


def _addressee(found: Addressee) -> list[str]:
    words = "yakin" if found.sure else "perlu diperiksa"
    mark = "" if found.sure else "⚠ "
    return [f"### {mark}Asal isian tujuan surat", "",
            f"Disusun dari {md_escape(found.label)}: {_cell(found.value)}, dibaca dari "
            f"{md_escape(found.picture.file)}, halaman {found.picture.page}: **{words}** "
            f"(keyakinan {found.picture.confidence:.0%}).", "",
            _image(found.label, found.picture), ""]


def _image(label: str, picture: Picture) -> str:
    alt = md_escape(f"{label} pada {picture.file} halaman {picture.page}")
    return f"![{alt}]({picture.url})"


def _documents(verdict: CheckResult | None, links: list[tuple[str, str]],
               index_link: str | None) -> list[str]:
    lines = ["### Dokumen", ""]
    kinds: dict[str, list[str]] = {}
    for doc in verdict.documents if verdict else []:
        kinds.setdefault(doc.file, []).append(
            f"{SOP.document_labels.get(doc.type, _cell(doc.type))} "
            f"(keyakinan {float(doc.confidence or 0):.0%})")
    if index_link:
        lines += [f"[Buka seluruh dokumen berkas]({index_link})", ""]
    for name, url in links:
        label = "; ".join(kinds.get(name, [])) or "berkas"
        lines.append(f"- [{md_escape(name)}]({url}): {md_escape(label)}")
    if not links:
        lines.append("- (tidak ada tautan dokumen)")
    return lines + [""]
