"""Word-processor files read back to text: docx, doc and odt (via LibreOffice + antiword), rtf."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

from extractors import office
from extractors.office import (
    OfficeEncrypted,
    OfficeUnreadable,
    doc_text,
    docx_text,
    odt_text,
    plain_text,
    rtf_text,
)
from extractors.sniff import OLE2_MAGIC, sniff

PAGE_ONE = ("KOP SURAT DINAS PEKERJAAN UMUM\n"
            "FORMULIR PERMOHONAN AKUN ADMIN AGENCY\n"
            "Nama | Siti Rahmawati, S.Kom.\n"
            "NIP | 19860926 201505 2 001\n"
            "Email | siti.rahmawati@pu.kaltimprov.go.id\n"
            "Demikian permohonan ini kami sampaikan.")
PAGE_TWO = "SURAT PENUNJUKAN\nNomor: 800/123/DPU/2026"


def _form_docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "KOP SURAT DINAS PEKERJAAN UMUM"
    document.add_paragraph("FORMULIR PERMOHONAN AKUN ADMIN AGENCY")
    table = document.add_table(rows=3, cols=2)
    rows = [("Nama", "Siti Rahmawati, S.Kom."), ("NIP", "19860926 201505 2 001"),
            ("Email", "siti.rahmawati@pu.kaltimprov.go.id")]
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    closing = document.add_paragraph("Demikian permohonan ini kami sampaikan.")
    closing.add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("SURAT PENUNJUKAN")
    document.add_paragraph("Nomor: 800/123/DPU/2026")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def form_docx() -> bytes:
    return _form_docx()


def test_docx_table_and_page_break_read_back_exactly(form_docx: bytes) -> None:
    assert sniff(form_docx, "formulir.docx", None) == "docx"
    assert docx_text(form_docx) == [PAGE_ONE, PAGE_TWO]


def test_docx_section_break_starts_a_page() -> None:
    document = docx.Document()
    document.add_paragraph("Halaman satu")
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Halaman dua")
    document.add_section(WD_SECTION.CONTINUOUS)
    document.add_paragraph("masih halaman dua")
    buf = io.BytesIO()
    document.save(buf)
    # python-docx puts each section end in an empty paragraph of its own: the blank line
    assert docx_text(buf.getvalue()) == ["Halaman satu", "Halaman dua\n\nmasih halaman dua"]


def test_broken_docx_raises_unreadable(form_docx: bytes) -> None:
    with pytest.raises(OfficeUnreadable):
        docx_text(form_docx[: len(form_docx) // 2])
    with pytest.raises(OfficeUnreadable):
        docx_text(b"PK\x05\x06" + b"\0" * 18)  # an empty zip: no word/document.xml
    with pytest.raises(OfficeUnreadable):
        doc_text(b"not a word file at all")


def test_password_protected_docx_is_encrypted() -> None:
    # Only the OLE2 signature and the stream name matter to the check; no tool here writes a real
    # encrypted docx (LibreOffice 7.4 ignores a password given on the command line).
    fake = OLE2_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512
    assert sniff(fake, "rahasia.docx", None) == "docx"
    with pytest.raises(OfficeEncrypted):
        docx_text(fake)


def test_rtf_text_with_escapes_tables_and_pages() -> None:
    rtf = (rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\*\generator Msftedit;}\f0 "
           rb"Caf\'e9 \u8364? Rp 10.000\par"
           rb"\trowd\cellx1000\cellx2000 Nama\cell Budi\cell\row"
           rb"{\header Kop}Selesai\page Halaman dua}")
    assert rtf_text(rtf) == ["Café € Rp 10.000\nNama | Budi\nSelesai", "Halaman dua"]
    with pytest.raises(OfficeUnreadable):
        rtf_text(b"plain text")


def test_plain_text_reader_handles_legacy_encodings() -> None:
    assert plain_text(b"Jl. Jend. Sudirman \xe9\r\nNo. 1\fHal 2") == [
        "Jl. Jend. Sudirman é\nNo. 1", "Hal 2"]
    assert set(office.READERS) == {"docx", "doc", "odt", "rtf", "text", "html"}


# --- through LibreOffice (installed by `make test`) -----------------------------------------

@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory, form_docx: bytes) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("soffice is not installed")
    folder = tmp_path_factory.mktemp("office")
    source = folder / "formulir.docx"
    source.write_bytes(form_docx)
    for target in ("doc", "odt"):
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to", target, "--outdir", str(folder), str(source)],
                       check=True, capture_output=True, timeout=180)
    return folder


def test_doc_made_by_libreoffice_reads_back_through_antiword(converted: Path) -> None:
    data = (converted / "formulir.doc").read_bytes()
    assert sniff(data, "formulir.doc", None) == "doc"
    # antiword prints no headers and marks no pages for LibreOffice's page breaks: one page
    assert doc_text(data) == [
        "FORMULIR PERMOHONAN AKUN ADMIN AGENCY\n\n"
        "Nama | Siti Rahmawati, S.Kom.\n"
        "NIP | 19860926 201505 2 001\n"
        "Email | siti.rahmawati@pu.kaltimprov.go.id\n\n"
        "Demikian permohonan ini kami sampaikan.\n\n"
        "SURAT PENUNJUKAN\n\n"
        "Nomor: 800/123/DPU/2026"]


def test_odt_made_by_libreoffice_keeps_its_page_break(converted: Path) -> None:
    data = (converted / "formulir.odt").read_bytes()
    assert sniff(data, "formulir.odt", None) == "odt"
    assert odt_text(data) == [PAGE_ONE.split("\n", 1)[1], PAGE_TWO]
