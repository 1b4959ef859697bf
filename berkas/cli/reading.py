"""`berkas read` and `berkas check`: reading and judging files offline (never loads Prefect)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from berkas.cli.output import write_json
from berkas.core.locks import FileSlots
from berkas.core.settings import load_settings
from berkas.intake.files import collect
from extractors.check import check, received_date
from extractors.reader import read_blobs


def _existing_paths(parser: argparse.ArgumentParser, raw: list[str]) -> list[Path]:
    paths = [Path(p) for p in raw]
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        parser.exit(2, f"berkas: berkas tidak ditemukan: {', '.join(missing)}\n")
    return paths


def _read(paths: list[Path]):
    settings = load_settings()
    opts = settings.read_options()
    blobs, problems = collect(paths, opts)
    result = read_blobs(blobs, opts, gate=FileSlots(settings.ocr_slots_dir, settings.ocr_slots))
    result.problems[:0] = problems
    return result


def cmd_read(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    result = _read(_existing_paths(parser, args.paths))
    if args.json:
        # The page's geometry (every word's box, the ruling lines) is the judging's input, not
        # what a person or a script reading pages wants: SPEC's fields only.
        write_json([page.model_dump(mode="json", exclude={"words", "rules", "size"})
                    for page in result.pages])
    else:
        for page in result.pages:
            sys.stdout.write(_page_header(page) + "\n" + page.text + "\n\n")
    for problem in result.problems:
        pages = f" (halaman {', '.join(map(str, problem.pages))})" if problem.pages else ""
        sys.stderr.write(f"berkas: {problem.file}{pages}: {problem.code.value}: {problem.detail}\n")
    for link in result.links:
        sys.stderr.write(f"berkas: tautan penyimpanan daring, bukan lampiran: {link}\n")
    return 0


def _page_header(page) -> str:
    parts = [page.method.value]
    if page.confidence is not None:
        parts.append(f"keyakinan {page.confidence:.2f}")
    if page.rotation:
        parts.append(f"diputar {page.rotation}°")
    if page.deskew:
        parts.append(f"diluruskan {page.deskew:+.1f}°")
    if page.cleanup:
        parts.append("dibersihkan: " + ", ".join(page.cleanup))
    if page.text_layer_rejected:
        parts.append("lapisan teks asli buruk, dibaca ulang")
    return f"==> {page.file} — halaman {page.page} ({'; '.join(parts)}) <=="


def cmd_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    paths = _existing_paths(parser, args.paths)
    received = None
    if args.received:
        try:
            received = date.fromisoformat(args.received)
        except ValueError:
            parser.exit(2, f"berkas: tanggal --received tidak sah: {args.received}\n")
    result = _read(paths)
    verdict = check(result, received or received_date(result))
    # SPEC's shape: the other documents' readings are for the decision forms, not the output
    write_json(verdict.model_dump(mode="json", exclude={"conflict_sources"}))
    return 0


def add_parser(sub) -> None:
    read = sub.add_parser("read", help="baca setiap halaman setiap dokumen (teks atau OCR)")
    read.add_argument("paths", nargs="+", metavar="PATH")
    read.add_argument("--json", action="store_true", help="keluaran JSON")
    read.set_defaults(handler=cmd_read)

    check = sub.add_parser("check", help="periksa kelengkapan satu berkas permohonan (JSON)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--received", metavar="YYYY-MM-DD", help="tanggal berkas diterima")
    check.set_defaults(handler=cmd_check)
