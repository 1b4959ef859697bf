"""Hostile file names (`../`, absolute, NUL, control characters, 300 characters, Windows
reserved names, bidi overrides, only dots) in emails (RFC 2231, RFC 2047, raw 8-bit) and in zips:
the document is still read under a harmless name, `berkas check` answers, and in the archive
every name stays inside its folder."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from berkas.intake.pipeline import Intake
from berkas.store.archive import Folder, safe_name
from extractors.models import Blob
from tests.fixturegen.content import make_berkas
from tests.fixturegen.render import to_pdf
from tests.hostile import (
    HOSTILE_NAMES,
    assert_inside,
    eml,
    encoded_header_names,
    raw_zip,
    read_and_check,
    record,
)

_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f]")


def _now() -> datetime:
    return datetime(2026, 10, 20, 9, 0, tzinfo=ZoneInfo("Asia/Makassar"))


@pytest.fixture(scope="module")
def form_pdf() -> bytes:
    b = make_berkas(71)
    return to_pdf([b.get("formulir")], b.font)


def assert_display_safe(name: str) -> None:
    assert not _BAD.search(name), repr(name)
    assert not name.startswith("/") and "\\" not in name, name
    assert all(part not in ("", ".", "..") for part in name.split("/")), name
    assert len(name.encode()) <= 1024


@pytest.mark.parametrize("encoding", ["rfc2231", "rfc2047", "raw8bit"])
@pytest.mark.parametrize("name", [n for _, n in HOSTILE_NAMES],
                         ids=[i for i, _ in HOSTILE_NAMES])
def test_attachment_name_in_email(form_pdf, name, encoding):
    params = encoded_header_names(name)[encoding]
    read, verdict = read_and_check([Blob(name="pesan.eml", data=eml(
        [("application/pdf", params, form_pdf)]))])
    [attachment] = [f for f in read.files if f.kind == "pdf"]
    assert_display_safe(attachment.file)
    # the document behind the name is read and judged by its content, not refused
    assert any(p.file == attachment.file and "NIP" in p.text for p in read.pages)
    assert [d.type for d in verdict.documents if d.file == attachment.file] == ["formulir"]
    assert not read.problems
    record("attachment name in email")


def test_every_hostile_name_as_zip_member(form_pdf):
    names = [n for _, n in HOSTILE_NAMES]
    members = [(name or "kosong", form_pdf) for name in names]
    read, verdict = read_and_check([Blob(name="berkas.zip", data=raw_zip(members))])
    shown = [f.file for f in read.files if f.kind == "pdf"]
    for file in shown:
        assert file.startswith("berkas.zip/"), file
        assert_display_safe(file)
    # every member is read (members whose names collapse to the same one are numbered)
    assert len(shown) == len(names) and len(set(shown)) == len(shown)
    assert {d.file for d in verdict.documents if d.type == "formulir"} == set(shown)
    record("zip member name", len(names))


def test_zip_slip_members_never_leave_the_archive_folder(tmp_path, form_pdf):
    """The archive keeps the zip as it came, and names from inside it never become paths."""
    slip = raw_zip([("../../../../../tmp/zip-slip.pdf", form_pdf),
                    ("/etc/cron.d/berkas", b"* * * * * root id"),
                    ("..\\..\\evil.pdf", form_pdf)])
    read, verdict = read_and_check([Blob(name="../../slip.zip", data=slip)])
    assert [f.file for f in read.files] == [
        "slip.zip", "slip.zip/tmp/zip-slip.pdf", "slip.zip/etc/cron.d/berkas",
        "slip.zip/evil.pdf"]
    folder = Folder(tmp_path / "arsip" / "2026" / "REG-2026-00001", _now)
    written = folder.write_many([("../../slip.zip", slip, "lampiran", "zip"),
                                 ("../../../../../tmp/zip-slip.pdf", form_pdf, "lampiran", "m")],
                                source="uji", subdir="../../01-surel")
    files = assert_inside(tmp_path / "arsip")
    assert {p.name for p in files} == {"slip.zip", "zip-slip.pdf", "manifest.jsonl"}
    assert (folder.path / written[0].path).read_bytes() == slip
    assert not (tmp_path / "tmp").exists()
    assert verdict.deficiencies  # a verdict, not a traceback
    record("zip slip member", 3)


@pytest.mark.parametrize("name", [n for _, n in HOSTILE_NAMES],
                         ids=[i for i, _ in HOSTILE_NAMES])
def test_archive_name_is_one_harmless_component(tmp_path, name):
    safe = safe_name(name)
    assert "/" not in safe and "\\" not in safe and safe not in ("", ".", "..")
    assert not safe.startswith(".") and len(safe.encode()) <= 150
    assert not _BAD.search(safe)
    assert not re.fullmatch(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?", safe)
    folder = Folder(tmp_path / "app", _now)
    written = folder.write(name, b"isi", role="lampiran", source=f"uji {name}", item="1")
    assert (tmp_path / "app" / written.path).read_bytes() == b"isi"
    assert_inside(tmp_path)
    record("archive name")


def test_email_files_of_intake_keep_hostile_names_inside(tmp_path, form_pdf):
    """What intake writes for an email (the .eml and each attachment) lands inside the
    application's folder, whatever the attachments are called."""
    parts = [("application/pdf", encoded_header_names(name)[enc], form_pdf)
             for _, name in HOSTILE_NAMES for enc in ("rfc2231", "rfc2047")]
    raw = eml(parts)
    files = Intake._email_files(raw)
    assert len(files) == 1 + len(parts)
    folder = Folder(tmp_path / "arsip" / "2026" / "REG-2026-00002", _now)
    written = folder.write_many([(n, d, r, str(i)) for i, (n, d, r) in enumerate(files)],
                                source="uji", subdir="01-surel")
    on_disk = assert_inside(tmp_path / "arsip")
    assert len(on_disk) == len(files) + 1  # every file kept, plus the manifest
    assert (folder.path / written[0].path).read_bytes() == raw
    record("attachment name archived", len(parts))
