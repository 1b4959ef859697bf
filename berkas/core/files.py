"""Writing files so that a crash leaves either the whole file or none: one atomic write, the
fsyncs that make a name durable, and folders only the service user may enter."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

# Only the service user reads what berkas keeps: it holds personal data (NIP, KTP, telephone).
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def atomic_write(path: Path, data: bytes, *, mode: int = PRIVATE_FILE_MODE,
                 overwrite: bool = True, fsync: bool = True, temp_prefix: str = ".sementara-",
                 write: Callable[[int, memoryview], int] = os.write) -> None:
    """`data` under `path`, whole or not at all: written to a temporary name beside it (fsynced
    unless `fsync` is false: a caller that syncs a batch itself), then renamed over `path`
    (`overwrite`) or hard-linked to it, which fails with FileExistsError if it exists: never
    overwritten. A failed write (ENOSPC) leaves no temporary copy behind. `write` is the
    system call every byte goes through."""
    temp = path.parent / f"{temp_prefix}{secrets.token_hex(8)}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    try:
        view = memoryview(data)
        while view:  # a short write (disk nearly full) must not drop the rest
            view = view[write(fd, view):]
        if fsync:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(temp)
        raise
    os.close(fd)
    if overwrite:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    finally:
        os.unlink(temp)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_all(files: list[Path], directory: Path) -> None:
    """Files written without fsync, made durable in one pass, then their directory."""
    for path in files:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    if files:
        fsync_dir(directory)


def make_dirs(path: Path, mode: int = 0o777) -> None:
    """mkdir -p, fsyncing each parent whose entries changed, so the folder survives a crash.
    Folders it creates get `mode` (less the umask)."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode)
        fsync_dir(directory.parent)


def make_private(path: Path) -> None:
    """The folder (created if missing) readable and enterable only by the service user; for
    the archive and data folders at start-up, which may have been made by hand or by git."""
    make_dirs(path, PRIVATE_DIR_MODE)
    os.chmod(path, PRIVATE_DIR_MODE)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
