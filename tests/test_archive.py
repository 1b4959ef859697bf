"""The archive: byte-identical, never overwritten, names that cannot escape, manifest lines."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berkas.store.archive import MANIFEST, Archive, Folder, safe_name

WITA = ZoneInfo("Asia/Makassar")


def _now() -> datetime:
    return datetime(2026, 10, 20, 9, 0, tzinfo=WITA)


def _manifest(folder) -> list[dict]:
    return [json.loads(line) for line in (folder / MANIFEST).read_text().splitlines()]


def _all_files(root) -> set[str]:
    return {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs}


def test_originals_byte_identical_with_manifest_lines(tmp_path):
    archive = Archive(tmp_path, _now)
    assert archive.relative(2026, "REG-2026-00042") == "2026/REG-2026-00042"
    folder = archive.application("2026/REG-2026-00042")
    eml = b"From: a@b\r\nSubject: x\r\n\r\nisi\r\n\x00\xff"
    written = folder.write("pesan.eml", eml, role="surel", source="surel uji", item="m#0",
                           subdir="01-surel")
    path = tmp_path / "2026" / "REG-2026-00042" / "01-surel" / "pesan.eml"
    assert path.read_bytes() == eml
    line = _manifest(tmp_path / "2026" / "REG-2026-00042")[0]
    assert line["path"] == "01-surel/pesan.eml" == written.path
    assert line["sha256"] == hashlib.sha256(eml).hexdigest()
    assert line["size"] == len(eml)
    assert (line["role"], line["source"]) == ("surel", "surel uji")
    assert line["written_at"] == "2026-10-20T09:00:00+08:00"


def test_same_name_twice_both_kept_nothing_overwritten(tmp_path):
    folder = Folder(tmp_path / "REG", _now)
    first = folder.write("formulir.pdf", b"%PDF-1 satu", role="lampiran", source="s", item="a#1")
    second = folder.write("formulir.pdf", b"%PDF-1 dua", role="lampiran", source="s", item="a#2")
    same_bytes = folder.write("formulir.pdf", b"%PDF-1 satu", role="lampiran", source="s",
                              item="a#3")
    assert [first.path, second.path, same_bytes.path] == \
        ["formulir.pdf", "formulir (2).pdf", "formulir (3).pdf"]
    assert (tmp_path / "REG" / "formulir.pdf").read_bytes() == b"%PDF-1 satu"
    assert (tmp_path / "REG" / "formulir (2).pdf").read_bytes() == b"%PDF-1 dua"
    assert len(_manifest(tmp_path / "REG")) == 3


def test_rewriting_an_item_after_a_crash_does_not_copy_it_twice(tmp_path):
    folder = Folder(tmp_path / "REG", _now)
    folder.write("sk.pdf", b"isi sk", role="lampiran", source="s", item="m#1")
    again = Folder(tmp_path / "REG", _now).write("sk.pdf", b"isi sk", role="lampiran",
                                                 source="s", item="m#1")
    assert again.path == "sk.pdf"
    assert _all_files(tmp_path / "REG") == {"sk.pdf", MANIFEST}
    assert len(_manifest(tmp_path / "REG")) == 1


def test_file_written_before_crash_without_manifest_line_is_adopted(tmp_path):
    (tmp_path / "REG").mkdir()
    (tmp_path / "REG" / "sk.pdf").write_bytes(b"isi sk")  # linked, then killed before the line
    (tmp_path / "REG" / MANIFEST).write_bytes(b'{"path": "lain.pdf", "sha2')  # a cut line
    (tmp_path / "REG" / ".sementara-0123").write_bytes(b"isi")  # a copy cut short
    written = Folder(tmp_path / "REG", _now).write("sk.pdf", b"isi sk", role="lampiran",
                                                   source="s", item="m#1")
    assert written.path == "sk.pdf"
    assert _all_files(tmp_path / "REG") == {"sk.pdf", MANIFEST}
    lines = (tmp_path / "REG" / MANIFEST).read_text().splitlines()
    assert lines[0] == '{"path": "lain.pdf", "sha2'  # appended after, never rewritten
    assert json.loads(lines[1])["path"] == "sk.pdf"


@pytest.mark.parametrize("hostile, expected", [
    ("../../../etc/passwd", "passwd"),
    ("..\\..\\windows\\system32\\x.dll", "x.dll"),
    ("/etc/shadow", "shadow"),
    ("..", "berkas"),
    ("", "berkas"),
    ("manifest.jsonl", "_manifest.jsonl"),
    (".bashrc", "bashrc"),
    ("a\x00b\r\n.pdf", "a_b__.pdf"),
    ("SK <No. 5>: \"final\"?.pdf", "SK _No. 5__ _final__.pdf"),
])
def test_hostile_names_stay_in_their_folder(tmp_path, hostile, expected):
    assert safe_name(hostile) == expected
    folder = Folder(tmp_path / "app", _now)
    written = folder.write(hostile, b"x", role="lampiran", source="s", item=hostile)
    assert (tmp_path / "app" / written.path).read_bytes() == b"x"
    assert set(os.listdir(tmp_path)) == {"app"}


def test_long_names_keep_extension_and_fit(tmp_path):
    name = "Surat Penunjukan Admin Agency " * 20 + ".pdf"
    short = safe_name(name)
    assert short.endswith(".pdf") and len(short.encode()) <= 150
    folder = Folder(tmp_path / "app", _now)
    assert folder.write(name, b"1", role="r", source="s", item="1").path == short


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_no_name_escapes(tmp_path_factory, name):
    root = tmp_path_factory.mktemp("escape")
    folder = Folder(root / "app", _now)
    written = folder.write(name, b"data", role="r", source="s", item="k")
    target = (root / "app" / written.path).resolve()
    assert target.parent == (root / "app").resolve()
    assert target.read_bytes() == b"data"
    assert sorted(os.listdir(root)) == ["app"]
