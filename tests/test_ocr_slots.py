"""Never more tesseract processes than slots, across every berkas process on the machine."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import time
from pathlib import Path

from berkas.core.locks import FileSlots
from tests.conftest import ROOT
from tests.fixturegen import content, render

BERKAS = str(ROOT / ".venv" / "bin" / "berkas")


def _hold(directory: str, slots: int, log: str) -> None:
    gate = FileSlots(Path(directory), slots)
    with gate.slot():
        start = time.monotonic()
        time.sleep(0.15)
        end = time.monotonic()
    with open(log, "a") as out:
        out.write(f"{start} {end}\n")


def _max_overlap(intervals: list[tuple[float, float]]) -> int:
    events = sorted([(s, 1) for s, _ in intervals] + [(e, -1) for _, e in intervals])
    live = peak = 0
    for _, step in events:
        live += step
        peak = max(peak, live)
    return peak


def test_slots_hold_across_processes(tmp_path):
    log = tmp_path / "holds.log"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_hold, args=(str(tmp_path / "slots"), 2, str(log)))
             for _ in range(6)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(30)
    intervals = [tuple(map(float, line.split())) for line in log.read_text().splitlines()]
    assert len(intervals) == 6
    assert _max_overlap(intervals) == 2


def test_a_killed_holder_releases_its_slot(tmp_path):
    holder = subprocess.Popen(
        ["python3", "-c",
         "import fcntl,os,time,sys; fd=os.open(sys.argv[1], os.O_RDWR|os.O_CREAT); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
         str(tmp_path / "slot-0.lock")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    started = time.monotonic()
    with FileSlots(tmp_path, 1).slot() as index:
        assert index == 0
    assert time.monotonic() - started < 1


def _children(parents: set[int], name: str, working: bool = False) -> list[int]:
    """The parent of each child process of `parents` called `name`."""
    found: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/comm") as comm:
                command = comm.read().strip()
        except OSError:
            continue
        if command == name and int(fields[1]) in parents and \
                (not working or fields[0] in ("R", "D")):
            found.append(int(fields[1]))
    return found


def test_two_berkas_processes_share_one_slot(tmp_path):
    berkas = content.make_berkas(5)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i, doc in enumerate(berkas.documents[:3]):
        render.to_image(doc, dpi=150, font=berkas.font).save(folder / f"p{i}.png")
    env = {**os.environ, "BERKAS_OCR_SLOTS": "1", "BERKAS_OCR_WORKERS": "2",
           "BERKAS_OCR_SLOTS_DIR": str(tmp_path / "slots"), "BERKAS_DATA_DIR": str(tmp_path)}
    procs = [subprocess.Popen([BERKAS, "read", "--json", str(folder)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for _ in range(2)]
    parents = {p.pid for p in procs}
    peak = seen = 0
    while any(p.poll() is None for p in procs):
        # The slot's holder keeps its page engine and, for the second look at a line, its line
        # engines: the other berkas process runs none of its own meanwhile.
        peak = max(peak, len(set(_children(parents, "tesseract", working=True))))
        seen = max(seen, len(set(_children(parents, "tesseract"))))
        time.sleep(0.005)
    assert all(p.returncode == 0 for p in procs)
    assert peak == 1 and seen == 1
