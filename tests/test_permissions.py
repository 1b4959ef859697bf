"""Only the service user reads the archive and the data folder: they hold personal data (NIP,
KTP, telephone, email). Folders are created 0700 and files 0600; an unprivileged local user
(created here) is refused, and nothing is readable by others."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from berkas.core.files import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, make_private
from berkas.intake.service import Service
from tests.fixturegen.content import make_berkas
from tests.fixturegen.render import to_pdf
from tests.hostile import record
from tests.intake_env import intake_settings

STRANGER = "berkas-orang-lain"


@pytest.fixture(scope="module")
def stranger() -> str:
    if os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"):
        pytest.skip("needs root, useradd and runuser to create an unprivileged user")
    exists = subprocess.run(["id", "-u", STRANGER], capture_output=True).returncode == 0
    if not exists:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", STRANGER], check=True)
    return STRANGER


@pytest.fixture
def open_root():
    """A folder everyone may enter (pytest's own tmp folder is private to root already, which
    would prove nothing)."""
    root = Path(tempfile.mkdtemp(prefix="berkas-izin-", dir="/tmp"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _as(user: str, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True,
                          text=True, timeout=30)


def _scan_into_archive(root: Path) -> Path:
    b = make_berkas(91)
    settings = intake_settings(root, ocr_dpi=72)
    (root / "inbox").mkdir(mode=0o777)
    (root / "inbox" / "formulir.pdf").write_bytes(to_pdf([b.get("formulir")], b.font))
    outcomes = Service(settings).poll_once()
    assert [o.disposition for o in outcomes] == ["new"]
    return root / "archive"


def test_archive_is_readable_only_by_the_service_user(stranger, open_root):
    archive = _scan_into_archive(open_root)
    files = [p for p in archive.rglob("*") if p.is_file()]
    folders = [archive, *(p for p in archive.rglob("*") if p.is_dir())]
    assert any(p.name == "formulir.pdf" for p in files) and len(files) >= 4
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == PRIVATE_DIR_MODE, folder
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == PRIVATE_FILE_MODE, path
        refused = _as(stranger, "cat", str(path))
        assert refused.returncode != 0 and "Permission denied" in refused.stderr, path
        assert refused.stdout == ""
    listing = _as(stranger, "ls", str(archive))
    assert listing.returncode != 0 and "Permission denied" in listing.stderr
    assert _as(stranger, "ls", str(open_root)).returncode == 0  # the test itself is sound
    record("access refused to another local user", len(files))


def test_make_private_closes_a_folder_made_by_hand(stranger, open_root):
    """`archive/` made by git or by hand (0755) is closed when the service starts."""
    folder = open_root / "arsip-lama"
    folder.mkdir(mode=0o755)
    (folder / "catatan.txt").write_text("NIP 198001012006041001")
    (folder / "catatan.txt").chmod(0o644)
    assert _as(stranger, "cat", str(folder / "catatan.txt")).returncode == 0
    make_private(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == PRIVATE_DIR_MODE
    assert _as(stranger, "cat", str(folder / "catatan.txt")).returncode != 0
    make_private(open_root / "baru" / "data")
    assert stat.S_IMODE((open_root / "baru" / "data").stat().st_mode) == PRIVATE_DIR_MODE
    record("access refused to another local user")


def test_data_folder_is_readable_only_by_the_service_user(stranger, open_root):
    _scan_into_archive(open_root)
    data = open_root / "data"
    assert stat.S_IMODE(data.stat().st_mode) & 0o077 == 0
    for path in data.rglob("*"):
        refused = _as(stranger, "cat", str(path)) if path.is_file() else \
            _as(stranger, "ls", str(path))
        assert refused.returncode != 0, path
