"""Bombs and loops: zip bombs (high ratio, 42.zip's nesting), archives nested too deep, a PNG
declaring 50000x50000 pixels, a PDF of 2000 pages, PDFs whose structure loops. Each limit
(bytes, files, depth, pixels, pages, seconds) is a setting, and each ends as a deficiency naming
the file with a message in Bahasa Indonesia, quickly and within bounded memory."""

from __future__ import annotations

import resource
import time

import pytest

from berkas.core.settings import Settings
from extractors.models import Blob
from tests.conftest import CORPUS
from tests.hostile import (
    FAST,
    deficiency_for,
    nested_zip,
    pdf_with_pages,
    pdf_xref_loop,
    png_header_bomb,
    raw_zip,
    read_and_check,
    record,
    zip_bomb,
)

MiB = 1 << 20


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_limits_are_settings():
    s = Settings(max_file_bytes=1, max_total_bytes=2, max_pages=3, max_pixels=4,
                 max_archive_members=5, max_depth=6, max_seconds_per_file=7)
    o = s.read_options()
    assert (o.max_file_bytes, o.max_total_bytes, o.max_pages, o.max_pixels,
            o.max_archive_members, o.max_depth, o.max_seconds_per_file) == (1, 2, 3, 4, 5, 6, 7)


def test_high_ratio_zip_bomb_stops_at_the_file_limit():
    bomb = zip_bomb(160 * MiB)  # 160 MiB of zeros in ~160 KB
    assert len(bomb) < 400_000
    opts = FAST.model_copy(update={"max_file_bytes": 8 * MiB, "max_total_bytes": 32 * MiB})
    before = _peak_rss_mib()
    started = time.monotonic()
    read, verdict = read_and_check([Blob(name="lampiran.zip", data=bomb)], opts)
    assert time.monotonic() - started < 10
    assert _peak_rss_mib() - before < 100  # never unpacked whole
    d = deficiency_for(verdict, "too_large", "lampiran.zip/nol-0.pdf")
    assert "melebihi batas" in d["message"]
    record("zip bomb")


def test_many_member_bomb_stops_at_the_total_limit_and_says_so_once():
    bomb = zip_bomb(12 * MiB, members=6)
    opts = FAST.model_copy(update={"max_file_bytes": 16 * MiB, "max_total_bytes": 30 * MiB})
    read, verdict = read_and_check([Blob(name="bom.zip", data=bomb)], opts)
    too_large = [p for p in read.problems if p.code == "too_large"]
    assert len(too_large) == 1 and "total" in too_large[0].detail
    deficiency_for(verdict, "too_large", "bom.zip")
    record("zip bomb")


def test_42_zip_nesting_is_bounded_by_the_total_of_files():
    """16 zips of 16 zips of 16 zips of one PDF: 4096 documents, each archive small and within
    its own member limit. One input may hold at most `max_archive_members` files in all."""
    bomb = nested_zip(3, 16, pdf_with_pages(1))
    opts = FAST.model_copy(update={"max_archive_members": 40})
    started = time.monotonic()
    read, verdict = read_and_check([Blob(name="42.zip", data=bomb)], opts)
    assert time.monotonic() - started < 20
    assert len(read.files) == 41  # the input and 40 files found in it
    [problem] = read.problems
    assert problem.file == "42.zip" and problem.code == "too_large"
    deficiency_for(verdict, "too_large", "42.zip")
    record("nested archive bomb")


def test_42_zip_of_zeros_is_bounded_by_the_total_of_bytes():
    bomb = nested_zip(4, 16, bytes(MiB))  # 65536 leaves of 1 MiB: 64 GiB unpacked
    opts = FAST.model_copy(update={"max_total_bytes": 24 * MiB})
    started = time.monotonic()
    read, verdict = read_and_check([Blob(name="42.zip", data=bomb)], opts)
    assert time.monotonic() - started < 20
    assert len(read.problems) <= 30  # each leaf read is a corrupt file; then one "total" stop
    assert sum("total" in p.detail for p in read.problems) == 1
    record("nested archive bomb")


def test_archive_nested_deeper_than_the_limit():
    data = pdf_with_pages(1)
    for level in range(12):
        data = raw_zip([(f"tingkat{level}.zip" if level else "formulir.pdf", data)])
    read, verdict = read_and_check([Blob(name="dalam.zip", data=data)],
                                   FAST.model_copy(update={"max_depth": 4}))
    [problem] = read.problems
    assert problem.code == "too_large" and "deeper than 4" in problem.detail
    assert problem.file.count("/") == 4
    deficiency_for(verdict, "too_large", "dalam.zip/")
    record("deeply nested archive")


@pytest.mark.parametrize("name", ["besar.png", "besar.zip"])
def test_decompression_bomb_image(name):
    png = png_header_bomb(50_000, 50_000)  # 2.5 gigapixels declared in a few hundred bytes
    data = png if name.endswith(".png") else raw_zip([("foto.png", png)])
    before = _peak_rss_mib()
    read, verdict = read_and_check([Blob(name=name, data=data)])
    assert _peak_rss_mib() - before < 100
    [problem] = read.problems
    assert problem.code == "too_large" and "50000x50000" in problem.detail
    deficiency_for(verdict, "too_large", name)
    record("decompression bomb image")


def test_pixel_limit_is_a_setting():
    read, _ = read_and_check([Blob(name="foto.png", data=png_header_bomb(3000, 3000))],
                             FAST.model_copy(update={"max_pixels": 1_000_000}))
    assert [p.code for p in read.problems] == ["too_large"]
    record("decompression bomb image")


def test_pdf_declaring_a_huge_embedded_image():
    from tests.hostile import _pdf

    stream = b"x" * 10
    pdf = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /XObject << /Im1 4 0 R >> >> >>",
        b"<< /Type /XObject /Subtype /Image /Width 50000 /Height 50000 /ColorSpace "
        b"/DeviceGray /BitsPerComponent 8 /Length 10 >>\nstream\n" + stream + b"\nendstream",
        b"<< /Length 30 >>\nstream\nq 612 0 0 792 0 0 cm /Im1 Do Q\nendstream",
    ])
    read, verdict = read_and_check([Blob(name="pindaian.pdf", data=pdf)])
    assert [(p.code, p.pages) for p in read.problems] == [("too_large", [1])]
    deficiency_for(verdict, "too_large", "pindaian.pdf")
    record("decompression bomb image")


def test_2000_page_pdf_over_the_page_limit():
    pdf = pdf_with_pages(2000)
    assert len(pdf) < 20_000
    started = time.monotonic()
    read, verdict = read_and_check([Blob(name="2000-halaman.pdf", data=pdf)],
                                   FAST.model_copy(update={"max_pages": 300}))
    assert time.monotonic() - started < 5
    [problem] = read.problems
    assert problem.code == "too_large" and "2000 pages" in problem.detail
    assert not read.pages
    deficiency_for(verdict, "too_large", "2000-halaman.pdf")
    record("2000-page pdf")


def test_time_limit_per_file_ends_reading():
    pdf = pdf_with_pages(2000)
    opts = FAST.model_copy(update={"max_pages": 5000, "max_seconds_per_file": 0.3})
    started = time.monotonic()
    read, verdict = read_and_check([Blob(name="lambat.pdf", data=pdf)], opts)
    assert time.monotonic() - started < 5
    assert any(p.code == "too_large" and "took over" in p.detail for p in read.problems)
    assert 0 < len(read.pages) < 2000
    deficiency_for(verdict, "too_large", "lambat.pdf")
    record("time limit")


def test_pdf_whose_page_tree_and_xref_loop():
    read, verdict = read_and_check([Blob(name="putaran.pdf", data=pdf_xref_loop())])
    assert read.problems and {p.code for p in read.problems} <= {"corrupt", "too_large"}
    deficiency_for(verdict, read.problems[0].code, "putaran.pdf")
    record("looping pdf")


LOOPING = ["qpdf/append-xref-loop.pdf", "qpdf/pages-loop.pdf", "qpdf/outlines-with-loop.pdf",
           "qpdf/deep-pages.pdf", "qpdf/issue-149.pdf", "ocrmypdf/hugemono.pdf",
           "pdfminer-six/contrib__issue-1113-evil-xobjects.pdf"]


@pytest.mark.parametrize("name", LOOPING)
def test_real_world_pdfs_that_loop_or_explode(name):
    path = CORPUS / "pdfs" / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    started = time.monotonic()
    read, verdict = read_and_check([Blob(name=path.name, data=path.read_bytes())],
                                   FAST.model_copy(update={"max_pages": 5}))
    assert time.monotonic() - started < 30
    for problem in read.problems:
        deficiency_for(verdict, problem.code.value, problem.file)
    assert read.pages or read.problems  # read, or said why not
    record("looping pdf")
