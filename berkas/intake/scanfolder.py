"""The scan folder: what staff put in it, when it is safe to take, and where it goes after.

Each entry at the top of the inbox is one berkas: a loose file, or a sub-folder with everything
in it. An entry is taken only when its size and mtime (of every file in it) have not changed for
`scan_stable_seconds`, so a half-copied scan is never read. Only `lstat` is used to look:
symlinks, FIFOs, sockets and device files are never followed or opened; at the top they are
refused by renaming the entry itself.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from berkas.intake.files import SYSTEM_JUNK
from berkas.store.archive import fsync_dir, make_dirs

# Left by copies still in progress: never an item, never "stable".
_IN_PROGRESS_SUFFIXES = (".part", ".partial", ".crdownload", ".tmp", ".download", ".filepart")


def is_junk(name: str) -> bool:
    """Never an item: system files, and hidden ones (`.gitkeep`, `.DS_Store`, editors')."""
    return name.lower() in SYSTEM_JUNK or name.startswith(".")


def in_progress(name: str) -> bool:
    lower = name.lower()
    return name.startswith((".~", "~$")) or lower.endswith(_IN_PROGRESS_SUFFIXES)


def special_kind(mode: int) -> str | None:
    if stat.S_ISLNK(mode):
        return "tautan simbolik (symlink)"
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "berkas perangkat (device)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "jenis berkas tidak dikenal"
    return None


@dataclass(frozen=True)
class ScanItem:
    name: str  # the entry's name in the inbox
    path: Path
    kind: str  # file | folder | special
    signature: tuple = ()  # (relative path, size, mtime_ns) of every entry inside
    special: str | None = None  # what kind of special file, for the reason
    busy: bool = False  # holds a file still being written (a temporary name)


def _signature(path: Path) -> tuple[tuple, bool]:
    rows: list[tuple] = []
    busy = False
    for folder, dirnames, filenames in os.walk(path, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames + [d for d in dirnames if os.path.islink(Path(folder, d))]):
            full = Path(folder, name)
            try:
                info = os.lstat(full)
            except FileNotFoundError:
                busy = True
                continue
            if in_progress(name):
                busy = True
            rows.append((full.relative_to(path).as_posix(), info.st_size, info.st_mtime_ns,
                         stat.S_IFMT(info.st_mode)))
    return tuple(rows), busy


def list_items(inbox: Path) -> list[ScanItem]:
    items: list[ScanItem] = []
    try:
        names = sorted(os.listdir(inbox))
    except FileNotFoundError:
        return items
    for name in names:
        if is_junk(name):
            continue
        name = _utf8_name(inbox, name)
        path = inbox / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        special = special_kind(info.st_mode)
        if special:
            items.append(ScanItem(name, path, "special", special=special))
        elif stat.S_ISDIR(info.st_mode):
            rows, busy = _signature(path)
            items.append(ScanItem(name, path, "folder", rows, busy=busy))
        else:
            items.append(ScanItem(name, path, "file",
                                  ((name, info.st_size, info.st_mtime_ns, stat.S_IFREG),),
                                  busy=in_progress(name)))
    return items


def _utf8_name(inbox: Path, name: str) -> str:
    """A name that is not UTF-8 (copied from an old Windows or a foreign share) cannot be
    recorded or shown: the entry is renamed in place to its readable form (bad bytes as
    U+FFFD) before anything else looks at it."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        readable = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    target = _free_name(inbox, readable)
    try:
        os.rename(inbox / name, target)
    except OSError:
        return name  # gone or not ours to rename: the next look tries again
    return target.name


def current_signature(item: ScanItem) -> tuple:
    """Looked at again (after reading it): equal to `item.signature` if nothing changed."""
    if item.kind == "folder":
        return _signature(item.path)[0]
    try:
        info = os.lstat(item.path)
    except FileNotFoundError:
        return ()
    return ((item.name, info.st_size, info.st_mtime_ns, stat.S_IFMT(info.st_mode)),)


@dataclass
class Stability:
    """Remembers since when each entry has looked the same; ready after `delay` seconds."""

    delay: float
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, tuple[tuple, float]] = field(default_factory=dict)

    def observe(self, items: list[ScanItem]) -> tuple[list[ScanItem], float | None]:
        """The items ready now, and how long until the next one may be (None: nothing waits)."""
        now = self.clock()
        ready, wait = [], None
        present = set()
        for item in items:
            present.add(item.name)
            if item.kind == "special":
                ready.append(item)
                continue
            seen = self._seen.get(item.name)
            if seen is None or seen[0] != item.signature or item.busy:
                self._seen[item.name] = (item.signature, now)
                since = now
            else:
                since = seen[1]
            left = self.delay - (now - since)
            if left <= 0 and not item.busy and item.signature:
                ready.append(item)
            else:
                left = max(left, 0.05)
                wait = left if wait is None else min(wait, left)
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return ready, wait

    def forget(self, name: str) -> None:
        self._seen.pop(name, None)


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    n = 2
    while os.path.lexists(candidate):
        candidate = folder / f"{name} ({n})"
        n += 1
    return candidate


def move_out(path: Path, folder: Path) -> Path:
    """Move an inbox entry (file, folder, or a special file itself) into `folder`, durably."""
    make_dirs(folder)
    target = _free_name(folder, path.name)
    try:
        os.rename(path, target)
    except OSError as exc:
        if exc.errno != 18:  # EXDEV: another file system (a share), copy then remove
            raise
        if path.is_dir() and not path.is_symlink():
            shutil.copytree(path, target, symlinks=True)
            shutil.rmtree(path)
        else:
            shutil.copy2(path, target, follow_symlinks=False)
            path.unlink()
    fsync_dir(folder)
    fsync_dir(path.parent)
    return target


def write_reason(beside: Path, reason: str, when: str) -> Path:
    """`<name>.alasan.txt` next to a refused entry."""
    note = beside.parent / f"{beside.name}.alasan.txt"
    fd = os.open(note, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"Berkas ini tidak diproses ({when}).\nAlasan: {reason}\n")
        handle.flush()
        os.fsync(handle.fileno())
    fsync_dir(beside.parent)
    return note


class Watcher:
    """Wakes the intake loop when anything in the inbox changes (inotify, or polling for
    network shares where inotify sees nothing)."""

    def __init__(self, inbox: Path, polling: bool, poll_seconds: float) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        self.changed = threading.Event()
        changed = self.changed

        class _Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                changed.set()

        make_dirs(inbox)
        self._observer = PollingObserver(timeout=poll_seconds) if polling else Observer()
        self._observer.schedule(_Handler(), str(inbox), recursive=True)

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        with contextlib.suppress(RuntimeError):
            self._observer.join(timeout=5)
