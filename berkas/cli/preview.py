"""`berkas preview NAME`: any letter or email rendered with sample data, without a database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from berkas.core.settings import load_settings
from berkas.outgoing.letters import make_letter_pdf
from berkas.outgoing.outbox import tagged
from berkas.outgoing.preview import (
    SAMPLE_NUMBER_AT,
    SAMPLE_REGISTRATION,
    SAMPLES,
    _sample_number,
    sample_context,
)
from berkas.outgoing.render import environment, render_email


def cmd_preview(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    sample = SAMPLES.get(args.template)
    if sample is None:
        parser.exit(2, f"berkas: templat tidak dikenal: {args.template} "
                       f"(tersedia: {', '.join(sorted(SAMPLES))})\n")
    settings = load_settings()
    env = environment(settings.templates_dir)
    context = sample_context(settings, args.template)
    if sample["kind"] == "email":
        rendered = render_email(env, sample.get("template", args.template), context)
        sys.stdout.write(f"Subject: {tagged(rendered.subject, SAMPLE_REGISTRATION)}\n\n")
        sys.stdout.write(rendered.html if args.html else rendered.text)
        return 0
    out = Path(args.out or f"{args.template}.pdf")
    out.write_bytes(make_letter_pdf(env, settings, args.template, _sample_number(settings),
                                    SAMPLE_NUMBER_AT.date(), context))
    sys.stdout.write(f"{out}\n")
    return 0


def add_parser(sub) -> None:
    show = sub.add_parser("preview", help="tampilkan surat atau email dengan data contoh")
    show.add_argument("template", metavar="TEMPLATE",
                      help="nama surat atau email; tanpa nama yang dikenal: daftar semuanya")
    show.add_argument("--html", action="store_true", help="email: bagian HTML, bukan teks")
    show.add_argument("--out", metavar="FILE", help="surat: berkas PDF (bawaan TEMPLATE.pdf)")
    show.set_defaults(handler=cmd_preview)
