"""`berkas training import FILE.csv`: a training attendance list activates the accounts of the
people on it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from berkas.procedure.context import shared_context
from berkas.procedure.training import UnreadableList, import_attendance, report


def cmd_import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    path = Path(args.file)
    try:
        summary = import_attendance(shared_context(), path)
    except UnreadableList as exc:
        sys.stderr.write(f"berkas: {path}: {exc}\n")
        return 2
    sys.stdout.write(report(summary))
    return 0


def add_parser(sub) -> None:
    training = sub.add_parser("training", help="pelatihan Admin Agency: aktivasi akun")
    actions = training.add_subparsers(dest="training_command", required=True)
    imported = actions.add_parser(
        "import", help="impor daftar hadir pelatihan (CSV) dan aktifkan akun pesertanya")
    imported.add_argument("file", metavar="FILE.csv",
                          help="kolom: nip (wajib), nama, tanggal_pelatihan; pemisah , atau ;")
    imported.set_defaults(handler=cmd_import)
