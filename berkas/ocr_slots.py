"""Machine-wide OCR slots: at most N tesseract processes across every berkas process.

Each slot is a lock file held with flock(2); the kernel releases it when a process dies, so a
killed worker never leaks a slot.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_POLL_SECONDS = 0.005


class FileSlots:
    def __init__(self, directory: Path, slots: int):
        self._directory = directory
        self._slots = slots
        directory.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def slot(self) -> Iterator[int]:
        fd, index = self._acquire()
        try:
            yield index
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _acquire(self) -> tuple[int, int]:
        while True:
            for index in range(self._slots):
                path = self._directory / f"slot-{index}.lock"
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                return fd, index
            time.sleep(_POLL_SECONDS)
