"""The `berkas` command. Each subcommand imports only what it needs (`read` never loads Prefect)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def write_json(value) -> None:
    """What `--json` prints: UTF-8 as it is, indented, one trailing newline."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _existing_paths(parser: argparse.ArgumentParser, raw: list[str]) -> list[Path]:
    paths = [Path(p) for p in raw]
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        parser.exit(2, f"berkas: berkas tidak ditemukan: {', '.join(missing)}\n")
    return paths


def _read(paths: list[Path]):
    from berkas.files import collect
    from berkas.ocr_slots import FileSlots
    from berkas.settings import load_settings
    from extractors.reader import read_blobs

    settings = load_settings()
    opts = settings.read_options()
    blobs, problems = collect(paths, opts)
    result = read_blobs(blobs, opts, gate=FileSlots(settings.ocr_slots_dir, settings.ocr_slots))
    result.problems[:0] = problems
    return result


def cmd_read(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    result = _read(_existing_paths(parser, args.paths))
    if args.json:
        write_json([page.model_dump(mode="json") for page in result.pages])
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
    from datetime import date

    from extractors.check import check, received_date

    paths = _existing_paths(parser, args.paths)
    received = None
    if args.received:
        try:
            received = date.fromisoformat(args.received)
        except ValueError:
            parser.exit(2, f"berkas: tanggal --received tidak sah: {args.received}\n")
    result = _read(paths)
    verdict = check(result, received or received_date(result))
    write_json(verdict.model_dump(mode="json"))
    return 0


EXTRA = {"pending": "flows.decisions", "approve": "flows.decisions", "report": "berkas.report",
         "training": "berkas.training", "demo": "berkas.demo", "outbox": "berkas.outbox_cli"}
OWN = ("read", "check", "poll", "run", "status", "preview")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """All subcommands; `command` (the first argument) spares loading the modules of others."""
    parser = argparse.ArgumentParser(
        prog="berkas",
        description="Otomasi SOP Registrasi Admin Agency K/L/D/I (LPSE).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    read = sub.add_parser("read", help="baca setiap halaman setiap dokumen (teks atau OCR)")
    read.add_argument("paths", nargs="+", metavar="PATH")
    read.add_argument("--json", action="store_true", help="keluaran JSON")
    read.set_defaults(handler=cmd_read)

    check = sub.add_parser("check", help="periksa kelengkapan satu berkas permohonan (JSON)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--received", metavar="YYYY-MM-DD", help="tanggal berkas diterima")
    check.set_defaults(handler=cmd_check)

    from berkas import commands  # light: its handlers import the service lazily

    poll = sub.add_parser("poll", help="satu kali ambil surel dan pindaian, lalu selesai")
    poll.add_argument("--once", action="store_true", required=True)
    poll.add_argument("--json", action="store_true", help="keluaran JSON")
    poll.set_defaults(handler=commands.cmd_poll)

    run = sub.add_parser("run", help="layanan: kotak surel (IDLE) dan folder pindaian")
    run.set_defaults(handler=commands.cmd_run)

    status = sub.add_parser("status", help="permohonan, keadaan, kekurangan dan arsipnya")
    status.add_argument("registration", nargs="?", metavar="REG")
    status.add_argument("--json", action="store_true", help="keluaran JSON")
    status.set_defaults(handler=commands.cmd_status)

    from berkas import preview  # light: its handler imports jinja2 and fpdf2 lazily

    show = sub.add_parser("preview", help="tampilkan surat atau email dengan data contoh")
    show.add_argument("template", metavar="TEMPLATE",
                      help="nama surat atau email; tanpa nama yang dikenal: daftar semuanya")
    show.add_argument("--html", action="store_true", help="email: bagian HTML, bukan teks")
    show.add_argument("--out", metavar="FILE", help="surat: berkas PDF (bawaan TEMPLATE.pdf)")
    show.set_defaults(handler=preview.cmd_preview)

    # These modules register their own subcommands; importing them costs ~1 s (SQLAlchemy,
    # jinja2), so a command that is not theirs (`berkas read`) does not load them.
    import importlib

    if command in OWN:
        wanted: set[str] = set()
    else:
        wanted = {EXTRA[command]} if command in EXTRA else set(EXTRA.values())
    for module in sorted(wanted):
        importlib.import_module(module).add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv else None)
    # `approve REG --step N --as NAME KEY=VALUE…`: argparse leaves KEY=VALUE after the options
    # unmatched, so they are collected here for the commands that take them
    args, extra = parser.parse_known_args(argv)
    if extra and hasattr(args, "pairs") and not any(e.startswith("-") for e in extra):
        args.pairs = [*args.pairs, *extra]
    elif extra:
        parser.error(f"argumen tidak dikenal: {' '.join(extra)}")
    try:
        return args.handler(args, parser)
    except BrokenPipeError:
        # `berkas read … | head`: the reader went away, which is not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
