"""`berkas report --month YYYY-MM`: the monthly mutu baku report as files, and as a Markdown
artifact on the Prefect server when one answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from berkas.core.settings import load_settings
from berkas.procedure.report import (
    MONTH,
    Report,
    build_report,
    headline,
    report_markdown,
    write_report,
)
from berkas.procedure.worktime import CalendarError, WorkCalendar
from berkas.runtime.prefect_server import use_running_prefect
from berkas.store.database import open_database


def _month_argument(text: str) -> str:
    if not MONTH.fullmatch(text):
        raise argparse.ArgumentTypeError(f"bulan harus berformat YYYY-MM (misalnya 2024-05), "
                                         f"bukan {text!r}")
    return text


def add_parser(sub: Any) -> None:
    report = sub.add_parser("report", help="laporan mutu baku satu bulan (CSV, Markdown, HTML)")
    report.add_argument("--month", required=True, type=_month_argument, metavar="YYYY-MM",
                        help="bulan laporan (langkah yang dimulai pada bulan itu, WITA)")
    report.add_argument("--out", type=Path, metavar="DIR",
                        help="folder keluaran (bawaan: <data>/laporan/)")
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    settings = load_settings()
    try:
        calendar = WorkCalendar.from_settings(settings)
    except CalendarError as exc:
        sys.stderr.write(f"berkas: konfigurasi tidak sah: {exc}\n")
        return 2
    sessions = open_database(settings.database, settings.timezone)
    report = build_report(sessions, calendar, args.month)
    paths = write_report(report, args.out or settings.data_dir / "laporan")
    sys.stdout.write(f"{report.title}: {headline(report)}\nDitulis:\n")
    for path in paths:
        sys.stdout.write(f"  {path.resolve()}\n")
    published = publish_artifact(settings, report)
    if published:
        sys.stdout.write(f"Artefak Prefect: {published}\n")
    return 0




def publish_artifact(settings: Any, report: Report) -> str | None:
    """The report as a Markdown artifact on the Prefect server `berkas run` uses (or the one
    PREFECT_API_URL names), so reviewers find it in the UI; None when no server answers."""
    if not use_running_prefect(settings):
        return None
    key = f"laporan-mutu-baku-{report.month}"
    try:
        # Prefect (~1.3 s) is loaded only when a server answers
        from prefect.artifacts import create_markdown_artifact

        create_markdown_artifact(markdown=report_markdown(report), key=key,  # type: ignore[call-arg]
                                 description=report.title, _sync=True)
    except Exception as exc:  # the files are written; the UI copy is a convenience
        sys.stderr.write(f"berkas: artefak Prefect tidak dapat dibuat: {exc}\n")
        return None
    return key
