"""Shared test set-up: the project root on sys.path, tesseract single-threaded."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ["OMP_THREAD_LIMIT"] = "1"
# real-world emails and PDFs from public test suites (sources and licences in its README.md)
CORPUS = ROOT / "tests" / "corpora" / "real-world"


@pytest.fixture
def no_local_configuration(monkeypatch, tmp_path) -> Path:
    """Settings from this machine's environment (BERKAS_*) or a berkas.toml must not change the
    results: none is seen; returns the empty data folder the settings now read."""
    for name in list(os.environ):
        if name.startswith("BERKAS_"):
            monkeypatch.delenv(name)
    data_dir = tmp_path / "tanpa-konfigurasi"
    data_dir.mkdir()
    monkeypatch.setenv("BERKAS_DATA_DIR", str(data_dir))
    return data_dir


# --- issue 7: the README's figures on hostile input and faults (tests/hostile.py) ------------
_FAILED: set[str] = set()


def pytest_runtest_logreport(report) -> None:
    if report.failed:
        _FAILED.add(report.nodeid)


def pytest_sessionfinish(session, exitstatus) -> None:
    hostile = sys.modules.get("tests.hostile")
    if hostile is not None:  # only when a test that counts was collected
        hostile.write_figures(_FAILED)
