"""The Markdown shown above each decision form in the Prefect UI: what the person needs to
decide. Every value that came from an applicant (names, file names, extracted fields) is
escaped, so nothing in a berkas can add a link, an image or HTML to the page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from berkas.markdown_safe import md_escape

FIELD_LABELS = {"nama": "Nama", "nip": "NIP", "jabatan": "Jabatan", "instansi": "Instansi",
                "satuan_kerja": "Satuan kerja", "email": "Email", "telepon": "Telepon"}
TYPE_LABELS = {"formulir": "Formulir permohonan", "surat_penunjukan": "Surat Penunjukan / SK",
               "surat_permohonan": "Surat permohonan", "lainnya": "Dokumen lain"}
ASK = {
    "2": "Kepala LPSE: teruskan (disposisi) berkas ini kepada Admin PPE? Surat Jawaban "
         "Permohonan Pembuatan Akun dikirim kepada pimpinan instansi setelah Anda memutuskan.",
    "3": "Admin PPE: periksa kelengkapan berkas dan kesesuaian salinan dengan aslinya, "
         "perbaiki data yang salah baca, lalu pilih hasil pemeriksaan. \"tidak_lengkap\" "
         "mengirim permintaan kelengkapan kepada pemohon berisi kekurangan di bawah ini dan "
         "kekurangan tambahan yang Anda tulis.",
    "5": "Berkas menunggu kelengkapan dari pemohon. Sistem melanjutkan sendiri ketika balasan "
         "atau pindaian baru masuk; pilih \"periksa_ulang\" bila kelengkapan diterima dengan "
         "cara lain (misalnya berkas fisik).",
    "6": "Akun telah dibuat dan belum aktif. Akun diaktifkan hanya bila yang bersangkutan telah "
         "mengikuti pelatihan aplikasi SPSE; informasi akun dikirim setelah akun aktif.",
    "6a": "NIP atau user id ini sudah memiliki akun dari permohonan lain. Tolak permohonan, "
          "atau kembalikan ke pemeriksaan untuk memperbaiki data.",
}


def _cell(value: Any) -> str:
    return md_escape("-" if value in (None, "") else str(value))


def describe(*, key: str, title: str, registration: str, instansi: str | None,
             received: datetime, waiting_since: datetime | None, standard: str | None,
             verdict: dict[str, Any], links: list[tuple[str, str]], index_link: str | None,
             refused: list[str] | None = None, extra: list[str] | None = None) -> str:
    lines = [f"## {md_escape(title)}", ""]
    if refused:
        lines += ["**Isian sebelumnya belum dapat diterima:**", ""]
        lines += [f"- {md_escape(reason)}" for reason in refused[-1].split("; ")] + [""]
    lines += [ASK.get(key, ""), "",
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
    lines += _verdict(verdict)
    lines += _documents(verdict, links, index_link)
    return "\n".join(lines)


def _verdict(verdict: dict[str, Any]) -> list[str]:
    if not verdict:
        return ["### Hasil pemeriksaan otomatis", "", "Belum ada (pemeriksaan otomatis tidak "
                "berhasil); periksa dokumen secara langsung.", ""]
    fields = verdict.get("fields") or {}
    review = {r.get("field"): r.get("reason") for r in verdict.get("review_reasons", [])}
    lines = ["### Data yang dibaca dari berkas", "", "| Isian | Nilai | Catatan |",
             "|---|---|---|"]
    for key, label in FIELD_LABELS.items():
        lines.append(f"| {label} | {_cell(fields.get(key))} | {_cell(review.get(key, ''))} |")
    state = "LENGKAP" if verdict.get("complete") else "BELUM LENGKAP"
    lines += ["", f"### Hasil pemeriksaan otomatis: {state}", ""]
    if verdict.get("needs_review"):
        lines += ["Sebagian bacaan kurang pasti sehingga perlu dipastikan oleh Admin PPE:", ""]
        lines += [f"- {_cell(r.get('field'))}: {_cell(r.get('reason'))}"
                  for r in verdict.get("review_reasons", [])] + [""]
    for deficiency in verdict.get("deficiencies", []):
        lines.append(f"- `{md_escape(deficiency.get('code', ''))}` "
                     f"{md_escape(deficiency.get('message', ''))}")
    return lines + [""]


def _documents(verdict: dict[str, Any], links: list[tuple[str, str]],
               index_link: str | None) -> list[str]:
    lines = ["### Dokumen", ""]
    kinds: dict[str, list[str]] = {}
    for doc in verdict.get("documents", []):
        kinds.setdefault(doc.get("file"), []).append(
            f"{TYPE_LABELS.get(doc.get('type'), _cell(doc.get('type')))} "
            f"(keyakinan {float(doc.get('confidence') or 0):.0%})")
    if index_link:
        lines += [f"[Buka seluruh dokumen berkas]({index_link})", ""]
    for name, url in links:
        label = "; ".join(kinds.get(name, [])) or "berkas"
        lines.append(f"- [{md_escape(name)}]({url}): {md_escape(label)}")
    if not links:
        lines.append("- (tidak ada tautan dokumen)")
    return lines + [""]
