"""Mutu baku: each step against the SOP's standard time in working time, the per-run table,
and the monthly report (`berkas report`) from a real SQLite database."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from markdown_it import MarkdownIt

from berkas.procedure.mutu_baku import STANDARDS, artifact_rows, markdown_table, step_table
from berkas.procedure.report import build_report, report_markdown, write_report
from berkas.procedure.worktime import WorkCalendar
from berkas.store.database import open_database
from berkas.store.models import Application, StepRecord
from tests.conftest import ROOT

WITA = ZoneInfo("Asia/Makassar")
MIN = 60
# Thursday 9 May 2024 (Kenaikan Isa Almasih) is a holiday.
CALENDAR = WorkCalendar({1, 2, 3, 4, 5}, time(8), time(16), {date(2024, 5, 9)}, WITA)
HOSTILE = '=HYPERLINK("http://x")|[klik](http://evil.example)<script>alert(1)</script>\n# judul'


def wita(*args: int) -> datetime:
    return datetime(*args, tzinfo=WITA)


def render(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)  # raw HTML allowed


# (registration, step, round, actor, started, ended)
STEPS = [
    ("REG-2024-00001", 3, 1, "Budi", wita(2024, 5, 6, 9, 0), wita(2024, 5, 6, 9, 4)),
    ("REG-2024-00001", 4, 1, "Budi", wita(2024, 5, 6, 9, 4), wita(2024, 5, 6, 9, 12)),
    ("REG-2024-00001", 5, 1, "pemohon", wita(2024, 5, 6, 9, 12), wita(2024, 5, 8, 10, 0)),
    ("REG-2024-00001", 3, 2, "Budi", wita(2024, 5, 8, 10, 0), wita(2024, 5, 8, 10, 3)),
    # Wednesday 15:55 to Friday 08:05 over the holiday: 10 working minutes, within 15.
    ("REG-2024-00001", 6, 1, "Sari", wita(2024, 5, 8, 15, 55), wita(2024, 5, 10, 8, 5)),
    ("REG-2024-00001", 7, 1, "Sari", wita(2024, 5, 10, 8, 5), wita(2024, 5, 10, 8, 25)),
    ("REG-2024-00001", 8, 1, None, wita(2024, 5, 10, 9, 0), None),  # still running
    ("REG-2024-00002", 3, 1, HOSTILE, wita(2024, 5, 7, 10, 0), wita(2024, 5, 7, 10, 30)),
    # Started in May, ended in June: it belongs to May.
    ("REG-2024-00002", 6, 1, "Sari", wita(2024, 5, 30, 15, 58), wita(2024, 6, 3, 8, 20)),
    ("REG-2024-00003", 3, 1, "Budi", wita(2024, 4, 30, 15, 0), wita(2024, 5, 2, 9, 0)),  # April
    ("REG-2024-00003", 4, 1, "Budi", wita(2024, 6, 3, 9, 0), wita(2024, 6, 3, 9, 1)),  # June
]
NOW = wita(2024, 6, 3, 12, 0)


def fill(url: str) -> None:
    sessions = open_database(url)
    with sessions.begin() as s:
        apps: dict[str, Application] = {}
        for registration, step, round_, actor, started, ended in STEPS:
            if registration not in apps:
                apps[registration] = Application(
                    registration=registration, created_at=started, updated_at=started,
                    state="lengkap", source="email", archive_path=f"2024/{registration}")
                s.add(apps[registration])
                s.flush()
            s.add(StepRecord(application_id=apps[registration].id, step=step, round=round_,
                             name=STANDARDS[step].name[:60], role=STANDARDS[step].role,
                             started_at=started, ended_at=ended, actor=actor))


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'berkas.db'}"
    fill(url)
    return url


def test_the_report_counts_medians_worst_and_every_deviation(database):
    report = build_report(open_database(database), CALENDAR, "2024-05", now=NOW)
    assert len(report.records) == 9  # April's and June's steps are left out
    by_step = {s.step: s for s in report.summaries}
    assert sorted(by_step) == list(range(1, 9))

    three = by_step[3]  # 4, 3 and 30 minutes
    assert (three.count, three.median, three.worst) == (3, 4 * MIN, 30 * MIN)
    assert three.worst_registration == "REG-2024-00002"
    assert (three.standard, three.within, three.over) == (5 * MIN, 2, 1)

    six = by_step[6]  # 10 minutes (over the holiday) and 2 + 480 + 20 minutes
    assert (six.count, six.median, six.worst) == (2, 256 * MIN, 502 * MIN)
    assert (six.within, six.over) == (1, 1)

    five = by_step[5]  # no standard: measured, never a deviation
    assert five.median == (6 * 60 + 48 + 8 * 60 + 2 * 60) * MIN
    assert (five.standard, five.within, five.over) == (None, None, None)

    eight = by_step[8]
    assert (eight.count, eight.running, eight.median, eight.over) == (0, 1, None, 1)

    deviations = [(d.registration, d.step, d.over_by) for d in report.deviations]
    assert deviations[:3] == [("REG-2024-00001", 4, 3 * MIN), ("REG-2024-00002", 3, 25 * MIN),
                              ("REG-2024-00001", 7, 10 * MIN)]
    running = deviations[3]
    assert running[:2] == ("REG-2024-00001", 8) and running[2] > 10 * 8 * 60 * MIN
    assert deviations[4] == ("REG-2024-00002", 6, 502 * MIN - 15 * MIN)
    assert len(deviations) == 5


def test_the_report_files_csv_markdown_and_html(database, tmp_path):
    report = build_report(open_database(database), CALENDAR, "2024-05", now=NOW)
    paths = write_report(report, tmp_path / "laporan")
    assert [p.name for p in paths] == ["mutu-baku-2024-05.csv", "mutu-baku-2024-05.md",
                                       "mutu-baku-2024-05.html"]
    raw = paths[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 9
    first = rows[0]
    assert (first["nomor_registrasi"], first["langkah"], first["mulai"],
            first["waktu_kerja_detik"], first["sesuai_mutu_baku"]) == (
        "REG-2024-00001", "3", "2024-05-06 09:00:00", "240", "ya")
    hostile = next(r for r in rows if r["nomor_registrasi"] == "REG-2024-00002"
                   and r["langkah"] == "3")
    assert hostile["pelaku"].startswith("'=HYPERLINK")  # never run as a formula
    assert hostile["kelebihan_detik"] == "1500"

    markdown = paths[1].read_text()
    assert markdown.startswith("# Laporan Mutu Baku Mei 2024")
    page = render(markdown)
    assert "<script" not in page and "<a " not in page and "<h1>judul" not in page
    assert "[klik](http://evil.example)&lt;script&gt;" in page.replace("\u200b", "")  # literal
    assert "1 hari kerja 22 menit" in page  # step 6 took 502 working minutes
    assert "1 hari kerja 7 menit" in page  # ... and by how much it was over

    html = paths[2].read_text()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "default-src 'none'" in html


def test_a_month_without_steps_says_so(database):
    report = build_report(open_database(database), CALENDAR, "2023-01", now=NOW)
    assert report.records == [] and report.deviations == []
    assert "Tidak ada penyimpangan." in report_markdown(report)


def test_step_table_measures_in_working_time_and_escapes_markdown():
    class Step:  # the attributes of a StepRecord
        def __init__(self, step, started, ended, actor, round_=1):
            self.step, self.round, self.name, self.role = step, round_, "", STANDARDS[step].role
            self.started_at, self.ended_at, self.actor = started, ended, actor

    steps = [Step(6, wita(2024, 5, 10, 15, 50), wita(2024, 5, 13, 8, 10), HOSTILE),
             Step(3, wita(2024, 5, 10, 15, 40), wita(2024, 5, 10, 15, 45), "Budi"),
             Step(7, wita(2024, 5, 13, 8, 10), None, "Sari")]
    rows = step_table(steps, CALENDAR, now=wita(2024, 5, 13, 8, 15))
    assert [r["step"] for r in rows] == [3, 6, 7]
    assert [r["duration"] for r in rows] == [5 * MIN, 20 * MIN, 5 * MIN]
    assert [r["within"] for r in rows] == [True, False, None]  # 7 is running, not late yet
    assert rows[1]["over_by"] == 5 * MIN
    late = step_table(steps[2:], CALENDAR, now=wita(2024, 5, 13, 8, 30))
    assert late[0]["within"] is False

    table = artifact_rows(rows)
    assert table[1]["Kegiatan"] == "Membuat akun Admin Agency di SPSE"
    assert table[1]["Waktu kerja"] == "20 menit" and table[1]["Mutu baku"] == "15 menit"
    assert table[1]["Sesuai mutu baku"] == "tidak, lebih 5 menit"
    assert table[2]["Waktu kerja"] == "5 menit (berjalan)"

    markdown = markdown_table(rows)
    assert len(markdown.strip().splitlines()) == 5  # the newline in the name did not split it
    page = render(markdown)
    assert page.count("<tr>") == 4 and page.count("<td>") == 3 * 9  # no extra cell from `|`
    assert "<script" not in page and "<a " not in page
    shown = page.replace("\u200b", "")  # the invisible autolink breaker after "http:"
    assert "=HYPERLINK(&quot;http://x&quot;)|[klik](http://evil.example)" in shown


def test_berkas_report_command(database, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BERKAS_")}
    env.update(BERKAS_DATA_DIR=str(tmp_path), BERKAS_DATABASE_URL=database,
               BERKAS_HOLIDAYS='["2024-05-09"]')
    program = ("import argparse, sys\nfrom berkas.cli import report\n"
               "parser = argparse.ArgumentParser(prog='berkas')\n"
               "report.add_parser(parser.add_subparsers(dest='command', required=True))\n"
               "args = parser.parse_args(sys.argv[1:])\nsys.exit(args.handler(args, parser))\n")
    done = subprocess.run([sys.executable, "-c", program, "report", "--month", "2024-05"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "laporan"
    for suffix in ("csv", "md", "html"):
        path = folder / f"mutu-baku-2024-05.{suffix}"
        assert path.exists() and str(path.resolve()) in done.stdout
    assert "Laporan Mutu Baku Mei 2024" in done.stdout

    wrong = subprocess.run([sys.executable, "-c", program, "report", "--month", "2024-13"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2 and "YYYY-MM" in wrong.stderr
