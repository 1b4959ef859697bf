"""Every real-world email and PDF (public test suites of mail and PDF libraries) goes through
`berkas read` without a traceback: what cannot be read is reported per file."""

from __future__ import annotations

import json
import os
import subprocess

import numpy as np

from extractors.ocr import _is_blank
from tests.conftest import CORPUS, ROOT

BERKAS = str(ROOT / ".venv" / "bin" / "berkas")


def test_whole_corpus_through_berkas_read(tmp_path):
    emails = sorted((CORPUS / "emails").rglob("*.eml"))
    pdfs = sorted((CORPUS / "pdfs").rglob("*.pdf"))
    assert len(emails) >= 100 and len(pdfs) >= 100
    # Lower resolution and page limit keep this under a few minutes; robustness is the point.
    env = {**os.environ, "BERKAS_OCR_DPI": "150", "BERKAS_MAX_PAGES": "12",
           "BERKAS_DATA_DIR": str(tmp_path)}
    done = subprocess.run([BERKAS, "read", "--json", str(CORPUS)], capture_output=True,
                          text=True, env=env, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    pages = json.loads(done.stdout)
    problems = [line for line in done.stderr.splitlines() if line.startswith("berkas: ")]

    def seen(relative: str) -> bool:
        return any(p["file"].startswith(relative) for p in pages) or any(
            line.startswith(f"berkas: {relative}") for line in problems)

    unseen = [str(p.relative_to(CORPUS)) for p in pdfs if not seen(str(p.relative_to(CORPUS)))]
    assert not unseen, unseen
    # Known facts of the corpus, from its manifest: encrypted files say so, damaged ones too.
    assert any("pypdf/encrypted-file.pdf: encrypted" in line for line in problems)
    assert any("ocrmypdf/hugemono.pdf" in line and "too_large" in line for line in problems)
    assert any("ocrmypdf/invalid.pdf: corrupt" in line for line in problems)
    # Files with a password that only restricts copying are read normally.
    texts = {p["file"] for p in pages}
    assert any(f.startswith("pdfs/qpdf/") for f in texts)
    assert sum(1 for p in pages if p["file"].startswith("emails/")) > 100


def test_blank_page_detection():
    white = np.full((3508, 2480), 255, np.uint8)
    assert _is_blank(white)
    white[1000:1040, 400:900] = 0  # one short line of text
    assert not _is_blank(white)
