"""The scan folder under attack: hostile file names, symlinks (to /etc/passwd, to a file
outside), FIFOs, sockets and device files, bombs. Intake never blocks, never follows a link,
never writes outside its folders, keeps every original, and answers with a deficiency."""

from __future__ import annotations

import os
import socket
import stat
import threading

import pytest

from berkas.cli.service import status_rows
from berkas.intake.service import Service
from tests.fixturegen.content import make_berkas
from tests.fixturegen.render import to_pdf
from tests.hostile import (
    archived_originals,
    assert_inside,
    assert_manifest_matches_disk,
    nested_zip,
    pdf_with_pages,
    pdf_xref_loop,
    png_header_bomb,
    record,
    zip_bomb,
)
from tests.intake_env import intake_settings

MiB = 1 << 20
# Names a file system allows (no `/`, no NUL): control characters, 255 bytes, Windows
# reserved names, bidi overrides, only dots, a leading dash, and bytes that are not UTF-8.
SCAN_NAMES: list[bytes] = [
    b"ctrl\x01\x1b[31m.pdf", b"baris\nbaru\r.pdf", b"F" * 251 + b".pdf",
    ("é" * 125 + ".pdf").encode(), b"CON", b"NUL.txt", b"COM1.pdf",
    "surat\u202efdp.exe".encode(), b"-rf .pdf", b"manifest.jsonl", b"pdf.",
    b"\xff\xfeformulir-cp1252-\xe9.pdf", b"<i>tebal<i onclick=x>.pdf", b"{{ 7*7 }}.pdf",
]


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _poll(service: Service) -> list:
    """One pass, in a thread: a blocked open (a FIFO) must not hang the test run."""
    result: dict = {}
    worker = threading.Thread(target=lambda: result.update(o=service.poll_once()), daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "intake blocked"
    return result["o"]


def _check_archive(tmp_path) -> dict[str, list[str]]:
    archive = tmp_path / "archive"
    assert_inside(archive)
    assert_manifest_matches_disk(archive)
    return archived_originals(archive)


@pytest.fixture(scope="module")
def form_pdf() -> bytes:
    b = make_berkas(72)
    return to_pdf([b.get("formulir")], b.font)


def test_hostile_scan_names_are_archived_inside(tmp_path, form_pdf):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    datas = {}
    for n, name in enumerate(SCAN_NAMES):
        data = form_pdf + f"\n% {n}\n".encode()  # each file its own bytes
        with open(os.path.join(os.fsencode(inbox), name), "wb") as handle:
            handle.write(data)
        datas[name] = data
    service = Service(intake_settings(tmp_path, ocr_dpi=72))
    outcomes = _poll(service)
    assert len(outcomes) == len(SCAN_NAMES)
    assert not [o for o in outcomes if o.disposition == "failed"], outcomes
    assert os.listdir(inbox) == []
    archived = _check_archive(tmp_path)
    for name, data in datas.items():
        assert len(archived[_sha(data)]) == 1, name  # every original, exactly once
    for path in (tmp_path / "archive").rglob("*"):
        assert "\u202e" not in path.name and "\n" not in path.name and \
            not path.name.upper().startswith(("CON", "NUL.", "COM1")), path
    done = os.listdir(tmp_path / "scans-done")
    assert len(done) == len(SCAN_NAMES)
    assert any("\ufffd" in name for name in done)  # the non-UTF-8 name, made readable
    record("scan folder file name", len(SCAN_NAMES))


def test_links_pipes_sockets_and_devices_are_refused_unopened(tmp_path, form_pdf):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = tmp_path / "di-luar.pdf"
    outside.write_bytes(form_pdf + b"% rahasia di luar\n")
    os.symlink("/etc/passwd", inbox / "passwd.pdf")
    os.symlink(outside, inbox / "tautan-luar.pdf")
    os.symlink(tmp_path, inbox / "folder-tautan")
    os.mkfifo(inbox / "pipa.pdf")
    os.mknod(inbox / "zero.pdf", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    os.mknod(inbox / "disk.pdf", stat.S_IFBLK | 0o600, os.makedev(7, 0))  # a loop device
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(inbox / "soket.pdf"))
    mixed = inbox / "Berkas Campuran"
    mixed.mkdir()
    (mixed / "formulir.pdf").write_bytes(form_pdf)
    os.symlink("/etc/shadow", mixed / "shadow.pdf")
    os.mkfifo(mixed / "pipa.pdf")
    os.mknod(mixed / "random.pdf", stat.S_IFCHR | 0o600, os.makedev(1, 8))  # /dev/random
    try:
        outcomes = _poll(Service(intake_settings(tmp_path, ocr_dpi=72)))
    finally:
        sock.close()
    assert len(outcomes) == 8
    assert os.listdir(inbox) == []
    refused = set(os.listdir(tmp_path / "scans-refused"))
    for name in ("passwd.pdf", "tautan-luar.pdf", "folder-tautan", "pipa.pdf", "zero.pdf",
                 "disk.pdf", "soket.pdf"):
        assert {name, f"{name}.alasan.txt"} <= refused, name
    assert os.path.islink(tmp_path / "scans-refused" / "passwd.pdf")  # moved, not followed
    archived = _check_archive(tmp_path)
    everything = b"".join(p.read_bytes() for p in (tmp_path / "archive").rglob("*")
                          if p.is_file())
    assert b"root:" not in everything and b"rahasia di luar" not in everything
    assert _sha(form_pdf) in archived  # the regular file of the mixed folder is kept
    record("special file in scan folder", 11)


def test_bombs_in_the_scan_folder_end_as_deficiencies(tmp_path, form_pdf):
    bombs = {
        "bom.zip": zip_bomb(64 * MiB),
        "42.zip": nested_zip(3, 16, pdf_with_pages(1)),
        "besar.png": png_header_bomb(50_000, 50_000),
        "2000-halaman.pdf": pdf_with_pages(2000),
        "putaran.pdf": pdf_xref_loop(),
    }
    inbox = tmp_path / "inbox"
    folder = inbox / "Berkas Bom"
    folder.mkdir(parents=True)
    (folder / "formulir.pdf").write_bytes(form_pdf)
    for name, data in bombs.items():
        (folder / name).write_bytes(data)
        (inbox / f"lepas-{name}").write_bytes(data)  # and each one alone
    settings = intake_settings(tmp_path, ocr_dpi=72, max_file_bytes=16 * MiB,
                               max_total_bytes=48 * MiB, max_archive_members=50)
    outcomes = _poll(Service(settings))
    assert not [o for o in outcomes if o.disposition == "failed"]
    assert os.listdir(inbox) == []
    archived = _check_archive(tmp_path)
    for data in bombs.values():
        assert len(archived[_sha(data)]) == 2  # in the application, and refused alone
    apps = status_rows(settings=settings)
    [app] = [a for a in apps if any(d.get("file") == "besar.png" for d in a["deficiencies"])]
    codes = {d["file"]: d["code"] for d in app["deficiencies"] if d.get("file")}
    for name, code in (("bom.zip/nol-0.pdf", "too_large"), ("42.zip", "too_large"),
                       ("besar.png", "too_large"), ("2000-halaman.pdf", "too_large"),
                       ("putaran.pdf", "corrupt")):
        assert codes.get(name) == code, (name, codes)
    for d in (d for a in apps for d in a["deficiencies"]):
        if d.get("file"):
            assert d["file"] in d["message"] and d["message"].startswith("Berkas ")
    for name in bombs:  # alone: refused with the reason, or an application that says why
        note = tmp_path / "scans-refused" / f"lepas-{name}.alasan.txt"
        assert (note.exists() and "tidak ada halaman yang dapat dibaca" in note.read_text()) \
            or any(d.get("file", "").startswith(f"lepas-{name}") for a in apps
                   for d in a["deficiencies"]), name
    record("bomb through intake", 2 * len(bombs))
