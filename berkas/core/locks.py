"""Locks between processes, one helper on `filelock`: a lock file held with flock(2), which the
kernel releases when its holder dies, so a killed process never leaves a lock behind.

- `ProcessLock`: one holder at a time, among processes and among the threads of one process
  (one intake per data folder);
- `hold_or_none`: held for as long as the process wants it, or None when another holds it (one
  flow executor per data folder);
- `FileSlots`: at most N holders machine-wide (tesseract processes across every berkas process).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

_SLOT_POLL_SECONDS = 0.005


def file_lock(path: Path, mode: int = -1) -> FileLock:
    """The lock on `path` (created if missing: with `mode`, or as the umask allows), not yet
    taken. One object may be used from any thread; it is not reentrant across threads (see
    ProcessLock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(path, mode=mode, thread_local=False)


def hold_or_none(path: Path, mode: int = -1) -> FileLock | None:
    """The lock on `path`, taken now, or None when another process holds it."""
    lock = file_lock(path, mode)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        return None
    return lock


class ProcessLock:
    """Waits until no other process, and no other thread of this one, holds `path`."""

    def __init__(self, path: Path) -> None:
        self._file = file_lock(path)
        self._thread = threading.Lock()  # a FileLock counts re-entries, not threads

    def __enter__(self) -> ProcessLock:
        self._thread.acquire()
        try:
            self._file.acquire()
        except BaseException:
            self._thread.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.release()
        self._thread.release()


class FileSlots:
    """At most `slots` holders at once, machine-wide: slot N is the lock on `slot-N.lock`."""

    def __init__(self, directory: Path, slots: int):
        self._directory = directory
        self._slots = slots
        directory.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def slot(self) -> Iterator[int]:
        while True:
            for index in range(self._slots):
                lock = hold_or_none(self._directory / f"slot-{index}.lock")
                if lock is not None:
                    try:
                        yield index
                    finally:
                        lock.release()
                    return
            threading.Event().wait(_SLOT_POLL_SECONDS)
