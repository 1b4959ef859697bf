"""`berkas poll --once` SIGKILLed while tesseract reads a scanned berkas: the restart reads it
again, archives it exactly once, opens one application, and the machine-wide OCR slot the dead
process held is free again."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.fixturegen.content import make_berkas
from tests.fixturegen.render import images_to_pdf, page_images
from tests.hostile import record
from tests.intake_env import env_for, manifest_files

ROOT = Path(__file__).resolve().parents[1]
BERKAS = [str(ROOT / ".venv" / "bin" / "berkas"), "poll", "--once"]
pytestmark = pytest.mark.timeout(300)


def _tesseract_under(pid: int) -> bool:
    """A tesseract process whose parent is `pid` is running."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        if name == "tesseract" and parent == pid:
            return True
    return False


def test_killed_while_reading_a_scan_then_restarted(tmp_path: Path) -> None:
    b = make_berkas(321)
    folder = tmp_path / "inbox" / "pindaian-dinas"
    folder.mkdir(parents=True)
    scans = {f"{d.doc_type}.pdf": images_to_pdf(page_images(d, dpi=200), dpi=200)
             for d in b.documents}
    for name, data in scans.items():
        (folder / name).write_bytes(data)
    env = dict(os.environ, OMP_THREAD_LIMIT="1", **env_for(tmp_path))
    env["BERKAS_SCAN_STABLE_SECONDS"] = "0.2"

    child = subprocess.Popen(BERKAS, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not _tesseract_under(child.pid):
        assert child.poll() is None, "the pass ended before OCR could be interrupted"
        assert time.monotonic() < deadline, "tesseract never started"
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    started = time.monotonic()
    done = subprocess.run(BERKAS, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 200  # the dead process' OCR slot did not block it

    entries = manifest_files(tmp_path / "archive")
    archived = Counter(e["sha256"] for e in entries if e["role"] == "pindaian")
    assert archived == Counter(hashlib.sha256(d).hexdigest() for d in scans.values())
    assert len({e["folder"] for e in entries if e["role"] == "pindaian"}) == 1
    assert not any((tmp_path / "inbox").rglob("*.pdf"))  # taken out of the scan folder
    record("fault:process killed during OCR")
