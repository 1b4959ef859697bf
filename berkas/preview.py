"""`berkas preview NAME`: any letter or email rendered with sample data, without a database.

Emails print their subject (with the tag), then the plain text, or the HTML with `--html`;
letters are written as PDF to `--out` (default `NAME.pdf`) with a sample Nomor."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from extractors.dates import month_roman

SAMPLE_REGISTRATION = "REG-2026-00042"
SAMPLE_RECEIVED = date(2026, 11, 24)


def _deficiencies() -> list[dict[str, str]]:
    return [
        {"code": "missing", "message": "Surat Penunjukan (Surat Keputusan/Surat Tugas) sebagai "
         "Admin Agency belum dilampirkan. Mohon lampirkan Surat Penunjukan (Surat Keputusan/Surat "
         "Tugas) sebagai Admin Agency yang telah ditandatangani dalam bentuk PDF atau hasil "
         "pindaian yang jelas."},
        {"code": "invalid:email", "file": "formulir.pdf", "message": "Alamat email pada formulir "
         "(berkas formulir.pdf) tertulis \"budi.santoso@gmail\" dan bukan alamat email yang dapat "
         "digunakan. Akun dan kata sandi akan dikirim ke alamat email tersebut, sehingga mohon "
         "kirim ulang formulir dengan alamat email aktif yang benar "
         "(contoh: nama@instansi.go.id)."},
    ]


SAMPLES: dict[str, dict[str, Any]] = {
    "tanda_terima": {
        "kind": "email",
        "context": {"sender_name": "Budi Santoso", "instansi": "Dinas Pekerjaan Umum Kabupaten "
                    "Kutai Kartanegara", "received": SAMPLE_RECEIVED},
    },
    "permintaan_kelengkapan": {
        "kind": "email",
        "context": {"sender_name": "Budi Santoso", "instansi": "Dinas Pekerjaan Umum Kabupaten "
                    "Kutai Kartanegara", "received": SAMPLE_RECEIVED},
    },
    "jawaban_permohonan": {
        "kind": "letter",
        "context": {"pimpinan_jabatan": "Kepala Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara",
                    "instansi": "Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara",
                    "surat_nomor": "027/1234/DPU-KK/XI/2026", "surat_tanggal": date(2026, 11, 17),
                    "surat_perihal": "Permohonan Pembuatan Akun Admin Agency",
                    "received": SAMPLE_RECEIVED, "nama": "Budi Santoso, S.T.",
                    "nip": "198503122010011004"},
    },
}


def email_context(settings, name: str, **values: Any) -> dict[str, Any]:
    """What every email template is given besides its own values."""
    from berkas.emails import base_context

    return base_context(settings, name, **values)


def cmd_preview(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from berkas.letters import make_letter_pdf
    from berkas.outbox import tagged
    from berkas.render import environment, render_email
    from berkas.settings import load_settings

    sample = SAMPLES.get(args.template)
    if sample is None:
        parser.exit(2, f"berkas: templat tidak dikenal: {args.template} "
                       f"(tersedia: {', '.join(sorted(SAMPLES))})\n")
    settings = load_settings()
    env = environment(settings.templates_dir)
    context = {"registration": SAMPLE_REGISTRATION, **sample["context"]}
    if sample["kind"] == "email":
        if args.template == "permintaan_kelengkapan":
            context["deficiencies"] = _deficiencies()
        rendered = render_email(env, args.template, email_context(settings, args.template,
                                                                   **context))
        sys.stdout.write(f"Subject: {tagged(rendered.subject, SAMPLE_REGISTRATION)}\n\n")
        sys.stdout.write(rendered.html if args.html else rendered.text)
        return 0
    when = datetime(2026, 11, 24)
    number = settings.letter_number_pattern.format(
        seq=1, year=when.year, month=when.month, month_roman=month_roman(when.month),
        registration=SAMPLE_REGISTRATION)
    out = Path(args.out or f"{args.template}.pdf")
    out.write_bytes(make_letter_pdf(env, settings, args.template, number, when.date(), context))
    sys.stdout.write(f"{out}\n")
    return 0
