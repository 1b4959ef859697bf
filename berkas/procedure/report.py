"""`berkas report --month YYYY-MM`: the monthly mutu baku compliance report.

A step belongs to the month in which it started (WITA). For each SOP step: how many ended, the
median and the worst working time, the standard, how many stayed within it and how many went
over; and every deviation (registration, step, actor, time taken, standard, by how much). A step
still running that is already over its standard is a deviation too ("masih berjalan").

Three files go to `--out` (default `<data>/laporan/`), replaced if the report is made again:
- `mutu-baku-YYYY-MM.csv`: one row per step record, UTF-8 with a BOM and `;` between fields,
  which Excel opens as columns under Indonesian (and most European) regional settings, where
  `,` is the decimal separator. Times are whole seconds; text that a spreadsheet would run as a
  formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
- `mutu-baku-YYYY-MM.md`: the summary and the deviations (also the Prefect artifact's text).
- `mutu-baku-YYYY-MM.html`: the same as one self-contained page (no scripts, no requests).
"""

from __future__ import annotations

import csv
import html
import io
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from berkas.core.files import atomic_write
from berkas.procedure.mutu_baku import (
    STANDARDS,
    format_moment,
    markdown_rows,
    role_label,
    step_table,
    verdict_text,
)
from berkas.procedure.worktime import WorkCalendar, format_duration
from berkas.store.models import Application, StepRecord
from extractors.dates import BULAN, HARI

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class RecordRow:
    registration: str
    step: int
    round: int
    name: str
    role: str | None
    actor: str | None
    started: datetime
    ended: datetime | None
    duration: float | None  # working seconds (to the report's `now` while still running)
    standard: float | None
    within: bool | None
    over_by: float | None


@dataclass(frozen=True)
class StepSummary:
    step: int
    name: str
    role: str
    count: int  # ended in the report (started in the month)
    running: int  # started in the month, not yet ended
    median: float | None
    worst: float | None
    worst_registration: str | None
    standard: float | None
    within: int | None  # None where the SOP sets no standard
    over: int | None  # ended over the standard, plus running ones already over it


@dataclass(frozen=True)
class Report:
    month: str  # YYYY-MM
    start: datetime
    end: datetime
    generated_at: datetime
    calendar: WorkCalendar
    records: list[RecordRow] = field(default_factory=list)
    summaries: list[StepSummary] = field(default_factory=list)

    @property
    def deviations(self) -> list[RecordRow]:
        return [r for r in self.records if r.within is False]

    @property
    def title(self) -> str:
        return f"Laporan Mutu Baku {BULAN[self.start.month - 1]} {self.start.year}"

    def text(self, seconds: float | None) -> str:
        return "-" if seconds is None else self.calendar.format_duration(seconds)


def month_bounds(month: str, calendar: WorkCalendar) -> tuple[datetime, datetime]:
    match = MONTH.fullmatch(month)
    if not match:
        raise ValueError(f"bulan harus berformat YYYY-MM (misalnya 2024-05), bukan {month!r}")
    year, number = int(match[1]), int(match[2])
    start = datetime(year, number, 1, tzinfo=calendar.zone)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=calendar.zone)
    return start, end


def build_report(sessions: sessionmaker[Session], calendar: WorkCalendar, month: str,
                 now: datetime | None = None) -> Report:
    """Read the steps that started in `month` (calendar zone) and measure them."""
    start, end = month_bounds(month, calendar)
    now = now or datetime.now(calendar.zone)
    with sessions() as session:
        found = session.execute(
            select(StepRecord, Application.registration)
            .join(Application, StepRecord.application_id == Application.id)
            .where(StepRecord.started_at >= start, StepRecord.started_at < end,
                   StepRecord.phase == "")  # waits inside a step (training) are not timed
            .order_by(StepRecord.started_at, StepRecord.id)).all()
        records = []
        for record, registration in found:
            row = step_table([record], calendar, now=now)[0]
            records.append(RecordRow(
                registration=registration, step=row["step"], round=row["round"],
                name=row["name"], role=row["role"], actor=row["actor"], started=row["started"],
                ended=row["ended"], duration=row["duration"], standard=row["standard"],
                within=row["within"], over_by=row["over_by"]))
    return Report(month=month, start=start, end=end, generated_at=now, calendar=calendar,
                  records=records, summaries=summarise(records))


def summarise(records: Iterable[RecordRow]) -> list[StepSummary]:
    by_step: dict[int, list[RecordRow]] = {step: [] for step in STANDARDS}
    for record in records:
        by_step.setdefault(record.step, []).append(record)
    summaries = []
    for step in sorted(by_step):
        rows = by_step[step]
        ended = [r for r in rows if r.ended is not None and r.duration is not None]
        standard = STANDARDS.get(step)
        limit = standard.seconds if standard else None
        worst = max(ended, key=lambda r: r.duration or 0.0, default=None)
        summaries.append(StepSummary(
            step=step,
            name=standard.name if standard else rows[0].name,
            role=standard.role if standard else (rows[0].role or ""),
            count=len(ended),
            running=len(rows) - len(ended),
            median=statistics.median(r.duration for r in ended if r.duration is not None)
            if ended else None,
            worst=worst.duration if worst else None,
            worst_registration=worst.registration if worst else None,
            standard=limit,
            within=None if limit is None else sum(r.within is True for r in ended),
            over=None if limit is None else sum(r.within is False for r in rows),
        ))
    return summaries


# --- the three forms ------------------------------------------------------------------------

SUMMARY_HEADERS = ("Langkah", "Kegiatan", "Pelaksana", "Selesai", "Berjalan", "Median",
                   "Terlama", "Mutu baku", "Sesuai", "Melebihi")
DEVIATION_HEADERS = ("Nomor registrasi", "Langkah", "Pelaku", "Mulai", "Selesai", "Waktu kerja",
                     "Mutu baku", "Kelebihan")


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def summary_cells(report: Report) -> list[list[str]]:
    return [[str(s.step), s.name, role_label(s.role), str(s.count), str(s.running),
             report.text(s.median),
             report.text(s.worst) + (f" ({s.worst_registration})" if s.worst_registration else ""),
             report.text(s.standard), _count(s.within), _count(s.over)]
            for s in report.summaries]


def deviation_cells(report: Report) -> list[list[str]]:
    cal = report.calendar
    return [[r.registration, str(r.step) if r.round == 1 else f"{r.step} (ke-{r.round})",
             r.actor or "-", format_moment(r.started, cal),
             format_moment(r.ended, cal) if r.ended else "masih berjalan",
             report.text(r.duration), report.text(r.standard), report.text(r.over_by)]
            for r in report.deviations]


def _day_names(days: frozenset[int]) -> str:
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{HARI[ordered[0] - 1]}-{HARI[ordered[-1] - 1]}"
    return ", ".join(HARI[d - 1] for d in ordered)


def calendar_note(report: Report) -> str:
    cal = report.calendar
    zone = "WITA" if cal.zone.key == "Asia/Makassar" else cal.zone.key
    return (f"Waktu dihitung sebagai waktu kerja: {_day_names(cal.work_days)} pukul "
            f"{cal.start:%H:%M}-{cal.end:%H:%M} {zone}, tidak termasuk {len(cal.holidays)} hari "
            f"libur yang ditetapkan; satu hari kerja = {format_duration(cal.day_seconds)}. "
            f"Setiap langkah dihitung pada bulan langkah itu dimulai. "
            f"Dibuat {format_moment(report.generated_at, cal)} {zone}.")


def headline(report: Report) -> str:
    ended = sum(s.count for s in report.summaries)
    return (f"{len(report.records)} catatan langkah ({ended} selesai), "
            f"{len(report.deviations)} penyimpangan dari mutu baku.")


def report_markdown(report: Report) -> str:
    """The summary and every deviation, cells escaped (the Prefect markdown artifact)."""
    parts = [f"# {report.title}", "", headline(report), "", calendar_note(report), "",
             "## Per langkah", "", markdown_rows(SUMMARY_HEADERS, summary_cells(report)),
             "## Penyimpangan", ""]
    if report.deviations:
        parts.append(markdown_rows(DEVIATION_HEADERS, deviation_cells(report)))
    else:
        parts.append("Tidak ada penyimpangan.\n")
    return "\n".join(parts)


_STYLE = ("body{font-family:sans-serif;margin:2em;color:#222}"
          "table{border-collapse:collapse;margin:1em 0}"
          "th,td{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}"
          "th{background:#eee}tr.lebih td{background:#fde8e8}")


def _html_table(headers: Iterable[str], rows: Iterable[list[str]], row_class: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    css = f' class="{row_class}"' if row_class else ""
    body = "".join(f"<tr{css}>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def report_html(report: Report) -> str:
    deviations = (_html_table(DEVIATION_HEADERS, deviation_cells(report), "lebih")
                  if report.deviations else "<p>Tidak ada penyimpangan.</p>")
    title = html.escape(report.title)
    return (
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">"
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{title}</h1><p>{html.escape(headline(report))}</p>"
        f"<p>{html.escape(calendar_note(report))}</p>"
        f"<h2>Per langkah</h2>{_html_table(SUMMARY_HEADERS, summary_cells(report))}"
        f"<h2>Penyimpangan</h2>{deviations}</body></html>\n")


CSV_HEADERS = ("nomor_registrasi", "langkah", "putaran", "kegiatan", "pelaksana", "pelaku",
               "mulai", "selesai", "waktu_kerja_detik", "waktu_kerja", "mutu_baku_detik",
               "sesuai_mutu_baku", "kelebihan_detik")


def _spreadsheet_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _seconds(value: float | None) -> str:
    return "" if value is None else str(int(round(value)))


def report_csv(report: Report) -> str:
    """One row per step record; `;`-separated (written with a BOM by `write_report`)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    moment = "%Y-%m-%d %H:%M:%S"
    zone = report.calendar.zone
    for r in report.records:
        writer.writerow([_spreadsheet_safe(cell) for cell in (
            r.registration, r.step, r.round, r.name, role_label(r.role), r.actor or "",
            r.started.astimezone(zone).strftime(moment),
            r.ended.astimezone(zone).strftime(moment) if r.ended else "",
            _seconds(r.duration), report.text(r.duration), _seconds(r.standard),
            verdict_text(r.within) if r.within is not None else "", _seconds(r.over_by))])
    return out.getvalue()


def write_report(report: Report, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"mutu-baku-{report.month}"
    files = [(stem.with_suffix(".csv"), report_csv(report).encode("utf-8-sig")),
             (stem.with_suffix(".md"), report_markdown(report).encode()),
             (stem.with_suffix(".html"), report_html(report).encode())]
    for path, data in files:
        atomic_write(path, data, mode=0o666, temp_prefix=f".{path.name}.")
    return [path for path, _ in files]
