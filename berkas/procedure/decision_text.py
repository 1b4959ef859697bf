"""The Markdown shown above each decision form in the Prefect UI: what the person needs to
decide. Every value that came from an applicant (names, file names, extracted fields) is
escaped, so nothing in a berkas can add a link, an image or HTML to the page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from berkas.core.markdown import md_escape
from berkas.sop.model import SOP
from extractors.check import CheckResult


def _cell(value: Any) -> str:
    return md_escape("-" if value in (None, "") else str(value))


def describe(*, ask: str, title: str, registration: str, instansi: str | None,
             received: datetime, waiting_since: datetime | None, standard: str | None,
             verdict: CheckResult | None, links: list[tuple[str, str]], index_link: str | None,
             refused: list[str] | None = None, extra: list[str] | None = None,
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
    lines += _verdict(verdict)
    lines += _documents(verdict, links, index_link)
    return "\n".join(lines)


def _verdict(verdict: CheckResult | None) -> list[str]:
    if verdict is None:
        return ["### Hasil pemeriksaan otomatis", "", "Belum ada (pemeriksaan otomatis tidak "
                "berhasil); periksa dokumen secara langsung.", ""]
    fields = verdict.fields
    review = {r.field: r.reason for r in verdict.review_reasons}
    lines = ["### Data yang dibaca dari berkas", "", "| Isian | Nilai | Catatan |",
             "|---|---|---|"]
    for field in SOP.person:
        lines.append(f"| {field.short} | {_cell(fields.get(field.key))} | "
                     f"{_cell(review.get(field.key, ''))} |")
    state = "LENGKAP" if verdict.complete else "BELUM LENGKAP"
    lines += ["", f"### Hasil pemeriksaan otomatis: {state}", ""]
    if verdict.needs_review:
        lines += ["Sebagian bacaan kurang pasti sehingga perlu dipastikan oleh Admin PPE:", ""]
        lines += [f"- {_cell(r.field)}: {_cell(r.reason)}"
                  for r in verdict.review_reasons] + [""]
    for deficiency in verdict.deficiencies:
        lines.append(f"- `{md_escape(deficiency.code)}` {md_escape(deficiency.message)}")
    return lines + [""]


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
