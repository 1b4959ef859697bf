"""File-system adapter for reading: the paths a user names become Blobs, safely.

Only regular files are opened: symlinks, FIFOs, sockets and device files are never followed or
read (a FIFO would block forever, a device could be endless).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from extractors.models import Blob, FileProblem, ProblemCode
from extractors.options import ReadOptions

# Files operating systems leave in folders; never part of a berkas.
SYSTEM_JUNK = {"thumbs.db", "desktop.ini", ".ds_store"}


def _is_junk(name: str) -> bool:
    return name.lower() in SYSTEM_JUNK or name.startswith("._") or name.startswith("~$")


def _readable(name: str) -> str:
    """A display name in valid UTF-8: bytes of a foreign file-name encoding become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_regular(path: Path, display: str, opts: ReadOptions) -> Blob | FileProblem | None:
    display = _readable(display)
    try:
        info = os.lstat(path)
    except OSError as exc:
        return FileProblem(file=display, code=ProblemCode.CORRUPT, detail=f"cannot stat: {exc}")
    if not stat.S_ISREG(info.st_mode):
        return None  # symlink, FIFO, socket, device: not a document, never opened
    if info.st_size > opts.max_file_bytes:
        return FileProblem(file=display, code=ProblemCode.TOO_LARGE,
                           detail=f"{info.st_size} bytes > {opts.max_file_bytes}")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        return FileProblem(file=display, code=ProblemCode.CORRUPT, detail=f"cannot open: {exc}")
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None  # swapped for something else between lstat and open
        data = handle.read(opts.max_file_bytes + 1)
    if len(data) > opts.max_file_bytes:
        return FileProblem(file=display, code=ProblemCode.TOO_LARGE,
                           detail=f"over {opts.max_file_bytes} bytes")
    return Blob(name=display, data=data)


def collect(paths: list[Path], opts: ReadOptions) -> tuple[list[Blob], list[FileProblem]]:
    """Files named directly are shown by their name; files in a folder by their relative path."""
    blobs: list[Blob] = []
    problems: list[FileProblem] = []

    def add(item: Blob | FileProblem | None) -> None:
        if isinstance(item, Blob):
            blobs.append(item)
        elif isinstance(item, FileProblem):
            problems.append(item)

    for root in paths:
        if root.is_dir() and not root.is_symlink():
            for folder, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames):
                    if _is_junk(name):
                        continue
                    path = Path(folder) / name
                    add(_read_regular(path, path.relative_to(root).as_posix(), opts))
        else:
            add(_read_regular(root, root.name, opts))
    return blobs, problems
