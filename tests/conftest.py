"""Shared test set-up: the project root on sys.path, tesseract single-threaded."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ["OMP_THREAD_LIMIT"] = "1"
CORPUS = ROOT.parent / "shared" / "corpora" / "real-world"


# --- issue 7: the README's figures on hostile input and faults (tests/hostile.py) ------------
_FAILED: set[str] = set()


def pytest_runtest_logreport(report) -> None:
    if report.failed:
        _FAILED.add(report.nodeid)


def pytest_sessionfinish(session, exitstatus) -> None:
    hostile = sys.modules.get("tests.hostile")
    if hostile is not None:  # only when a test that counts was collected
        hostile.write_figures(_FAILED)
