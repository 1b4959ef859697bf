"""The disk fills up while archiving: a real, small tmpfs as the archive (ENOSPC from the
kernel), and ENOSPC injected at the archive's write layer for the manifest. Afterwards nothing
is half-written (no partial file under a final name, no partial manifest line, every line names
a complete file), the item waits, and once space is back the next pass archives it: nothing
lost, nothing twice."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from berkas.cli.service import status_rows
from berkas.intake.service import Service
from berkas.store import archive as archive_module
from berkas.store.archive import MANIFEST, Folder
from tests.dovecot import dovecot  # noqa: F401  (session fixture)
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import berkas_email
from tests.fixturegen.render import to_pdf
from tests.hostile import archived_originals, assert_inside, assert_manifest_matches_disk, record
from tests.intake_env import intake_settings


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs mounted as the archive; skipped where mounting is not allowed."""
    mount = tmp_path / "archive"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs",
                           str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(mount, leave: int):
    """Take all free space but `leave` bytes; returns the filler to delete later."""
    filler = mount / "pengisi"
    stat = os.statvfs(mount)
    free = stat.f_bavail * stat.f_frsize
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))
    return filler


def _nothing_half_written(archive) -> None:
    """Every file under a final name is complete: listed with its hash, or (written before its
    manifest line, adopted on the next pass) a whole original or JSON; no temporary copies."""
    for path in assert_inside(archive):
        assert not path.name.startswith(".sementara-"), path
    listed = {}
    for manifest in archive.rglob(MANIFEST):
        for line in manifest.read_text().splitlines():
            entry = json.loads(line)  # no cut line: each one parses
            listed[manifest.parent / entry["path"]] = entry["sha256"]
    for path, sha in listed.items():
        assert _sha(path.read_bytes()) == sha, path


def test_archive_on_a_full_tmpfs_recovers_when_space_is_back(tmp_path, small_disk):
    b = make_berkas(81)
    pdfs = {f"{d.doc_type}.pdf": to_pdf([d], b.font) for d in b.documents}
    assert all(len(data) > 8_000 for data in pdfs.values())
    folder = tmp_path / "inbox" / "Berkas Dinas"
    folder.mkdir(parents=True)
    for name, data in pdfs.items():
        (folder / name).write_bytes(data)
    settings = intake_settings(tmp_path, ocr_dpi=72)
    service = Service(settings)
    filler = _fill(small_disk, leave=min(len(d) for d in pdfs.values()) + 12_000)

    first = service.poll_once(max_wait=1)
    assert [o.disposition for o in first] == ["failed"]
    assert folder.exists() and sorted(os.listdir(folder)) == sorted(pdfs)  # still waiting
    _nothing_half_written(small_disk)
    second = service.poll_once(max_wait=1)  # still full: fails again, changes nothing
    assert [o.disposition for o in second] == ["failed"]
    _nothing_half_written(small_disk)

    filler.unlink()
    third = service.poll_once()
    assert [o.disposition for o in third] == ["resumed"]
    assert not (tmp_path / "inbox" / "Berkas Dinas").exists()
    assert_manifest_matches_disk(small_disk)  # every file listed once, with its bytes
    archived = archived_originals(small_disk)
    assert {_sha(d): 1 for d in pdfs.values()} == {k: len(v) for k, v in archived.items()}
    [app] = status_rows(settings=settings)
    assert app["state"] == "lengkap"
    record("fault:disk full (scan folder, tmpfs)")


def test_mail_filed_on_a_full_tmpfs_is_filed_once_space_is_back(tmp_path, small_disk,
                                                               dovecot):  # noqa: F811
    mail = berkas_email(make_berkas(82), "pdf_each")
    user = dovecot.new_user()
    dovecot.deliver(user, mail.eml)
    settings = intake_settings(tmp_path, dovecot.env(user), ocr_dpi=72)
    service = Service(settings)
    filler = _fill(small_disk, leave=len(mail.eml) // 2)

    first = service.poll_once(max_wait=1)
    assert [o.disposition for o in first] == ["failed"]
    # still on the server, in one place (in the inbox, or moved once it was safe in the spool)
    held = dovecot.folder_bytes(user, "INBOX") + dovecot.folder_bytes(user, "Berkas-Diproses")
    assert len(held) == 1
    _nothing_half_written(small_disk)

    filler.unlink()
    second = service.poll_once()
    assert [o.disposition for o in second] in (["resumed"], ["new"])
    assert_manifest_matches_disk(small_disk)
    archived = archived_originals(small_disk)
    assert dovecot.folder_bytes(user, "INBOX") == []
    [held] = dovecot.folder_bytes(user, "Berkas-Diproses")
    assert len(archived[_sha(held)]) == 1  # the message, exactly once
    for data in mail.files.values():
        assert len(archived[_sha(data)]) == 1
    assert len(status_rows(settings=settings)) == 1
    record("fault:disk full (mail, tmpfs)")


def _now() -> datetime:
    return datetime(2026, 10, 20, 9, 0, tzinfo=ZoneInfo("Asia/Makassar"))


@pytest.mark.parametrize("fail_at", ["file", "manifest"])
def test_enospc_injected_at_the_write_layer(tmp_path, monkeypatch, fail_at):
    """Where the machine allows no tmpfs: the same promise, ENOSPC raised by the layer that
    writes, after a short write (the kernel's way of saying the disk is nearly full)."""
    real_write = os.write
    manifest_fds: set[int] = set()
    real_open = os.open

    def tracking_open(path, flags, mode=0o777, **kw):
        fd = real_open(path, flags, mode, **kw)
        if str(path).endswith(MANIFEST):
            manifest_fds.add(fd)
        return fd

    def full_disk(fd, data):
        if (fd in manifest_fds) == (fail_at == "manifest"):
            if len(data) > 5:
                return real_write(fd, bytes(data[:5]))  # part of it went through
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    files = [(f"dokumen-{n}.pdf", os.urandom(3000 + n), "lampiran", f"m#{n}") for n in range(3)]
    folder = Folder(tmp_path / "REG", _now)
    folder.write("awal.pdf", b"sudah ada", role="lampiran", source="s", item="awal")
    monkeypatch.setattr(archive_module.os, "open", tracking_open)
    monkeypatch.setattr(archive_module, "_os_write", full_disk)
    with pytest.raises(OSError) as failure:
        folder.write_many(files, source="uji", subdir="01-surel")
    assert failure.value.errno == errno.ENOSPC
    monkeypatch.undo()
    _nothing_half_written(tmp_path)
    lines = (tmp_path / "REG" / MANIFEST).read_text()
    assert lines.endswith("\n") and len(lines.splitlines()) == 1  # no line cut in half

    again = Folder(tmp_path / "REG", _now)  # the next pass, space back
    again.write_many(files, source="uji", subdir="01-surel")
    assert_manifest_matches_disk(tmp_path)
    for name, data, _, _ in files:
        assert (tmp_path / "REG" / "01-surel" / name).read_bytes() == data
    assert len((tmp_path / "REG" / MANIFEST).read_text().splitlines()) == 4
    record(f"fault:disk full (injected at {fail_at} write)")
