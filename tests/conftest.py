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
