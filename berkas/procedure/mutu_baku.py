"""One application's steps measured against the SOP's standard times (mutu baku) in working
time: the table each flow run publishes as a Prefect artifact.

Text in these tables can come from applicants (an actor name typed into a form, a name read
from a document), so every Markdown cell is escaped: it renders as the literal text, never as
a link, an image, HTML or a broken table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from berkas.core.markdown import md_escape
from berkas.procedure.worktime import WorkCalendar
from berkas.sop.model import SOP, Step

# the SOP's steps (berkas/sop/): name, role, standard time (`seconds`, None where it sets none)
STANDARDS: dict[int, Step] = {step.number: step for step in SOP.steps}

HEADERS = ("Langkah", "Kegiatan", "Pelaksana", "Pelaku", "Mulai", "Selesai", "Waktu kerja",
           "Mutu baku", "Sesuai mutu baku")


def role_label(role: str | None) -> str:
    return SOP.role_label(role)


def format_moment(moment: datetime | None, calendar: WorkCalendar) -> str:
    return moment.astimezone(calendar.zone).strftime("%d-%m-%Y %H:%M") if moment else "-"


def verdict_text(within: bool | None) -> str:
    return {True: "ya", False: "tidak", None: "-"}[within]


def step_table(steps: Iterable[Any], calendar: WorkCalendar,
               now: datetime | None = None) -> list[dict[str, Any]]:
    """One row per step record (a StepRecord or anything with its attributes), in order.
    Keys: step, round, name, role, actor, started, ended, duration, standard, within, over_by
    (seconds or datetimes), and `display`: the same as texts in HEADERS order (unescaped).

    `duration` is working seconds from start to end; for a step not yet ended it runs to `now`
    if given (else None). `within` is True/False against the standard; None when the step has
    no standard, or is still running and not yet over it."""
    rows = []
    for record in sorted(steps, key=lambda r: (r.started_at, r.step, r.round)):
        # a wait inside a step (its `phase`, e.g. training) has no standard time of its own
        phase = getattr(record, "phase", "")
        standard = None if phase else STANDARDS.get(record.step)
        limit = standard.seconds if standard else None
        end = record.ended_at or now
        duration = calendar.working_seconds(record.started_at, end) if end else None
        within: bool | None = None
        if limit is not None and duration is not None:
            within = duration <= limit
            if record.ended_at is None and within:
                within = None  # still running, not late yet
        row = {
            "step": record.step,
            "round": record.round,
            "name": standard.name if standard else record.name,
            "role": record.role or (standard.role if standard else None),
            "actor": record.actor,
            "started": record.started_at,
            "ended": record.ended_at,
            "duration": duration,
            "standard": limit,
            "within": within,
            "over_by": duration - limit if within is False and duration is not None
            and limit is not None else None,
        }
        row["display"] = display_row(row, calendar)
        rows.append(row)
    return rows


def display_row(row: dict[str, Any], calendar: WorkCalendar) -> list[str]:
    """A row as the texts a reader sees, in HEADERS order (not yet escaped)."""
    step = f"{row['step']}" if row["round"] == 1 else f"{row['step']} (ke-{row['round']})"
    duration = ("-" if row["duration"] is None else calendar.format_duration(row["duration"])
                + ("" if row["ended"] else " (berjalan)"))
    standard = "-" if row["standard"] is None else calendar.format_duration(row["standard"])
    within = verdict_text(row["within"])
    if row["over_by"] is not None:
        within += f", lebih {calendar.format_duration(row['over_by'])}"
    return [step, row["name"], role_label(row["role"]), row["actor"] or "-",
            format_moment(row["started"], calendar), format_moment(row["ended"], calendar),
            duration, standard, within]


def artifact_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """JSON-ready rows with Indonesian column names, for `create_table_artifact`."""
    return [dict(zip(HEADERS, row["display"], strict=True)) for row in rows]


def escape_cell(value: object) -> str:
    """A table cell's text as inert Markdown (berkas.core.markdown), never empty."""
    return md_escape(str(value)) or " "


def markdown_rows(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(escape_cell(h) for h in headers) + " |",
             "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(escape_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def markdown_table(rows: Sequence[dict[str, Any]]) -> str:
    """The step table in Markdown, every cell escaped (for `create_markdown_artifact`)."""
    return markdown_rows(HEADERS, (row["display"] for row in rows))
