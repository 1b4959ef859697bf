"""The archive (SPEC): `<archive>/<YYYY>/<REG>/`, byte-identical originals, `manifest.jsonl`.

Every file is written to a temporary name, fsynced, then hard-linked to its final name (a link
never replaces an existing file, so nothing is ever overwritten), the directory is fsynced, and
only then is its manifest line appended (and fsynced). Names that arrive with a file (attachment
names, scan names) are reduced to one safe component, so none can leave its folder; two files
that want the same name both stay, the later one as `name (2).ext`.

Writes are idempotent per `item` key: after a crash, writing the same item again finds the file
(by its manifest line, or an unlisted file with the same name and hash) instead of copying it
twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

MANIFEST = "manifest.jsonl"
REGISTRATION = re.compile(r"REG-\d{4}-\d{5}")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')
_MAX_NAME_BYTES = 150
_TEMP_PREFIX = ".sementara-"


class ArchiveError(Exception):
    pass


@dataclass(frozen=True)
class Written:
    path: str  # relative to the application's folder, POSIX separators
    sha256: str
    size: int
    role: str
    written_at: str
    source: str
    item: str  # idempotency key: the same item is never written twice

    def manifest_line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True) + "\n"


def safe_name(name: str, fallback: str = "berkas") -> str:
    """One harmless file-name component: no directories, no control characters, no leading dot,
    at most 150 bytes with the extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = _UNSAFE.sub("_", name).strip().strip(".").strip()
    if not name:
        name = fallback
    if name.lower() == MANIFEST or name.startswith(_TEMP_PREFIX):
        name = "_" + name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10 or not stem:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    budget = _MAX_NAME_BYTES - len(suffix.encode())
    while len(stem.encode()) > budget:
        stem = stem[:-1]
    return stem.rstrip() + suffix


def _numbered(name: str, n: int) -> str:
    if n == 1:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({n})"
    return f"{stem} ({n}).{ext}"


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


def make_dirs(path: Path) -> None:
    """mkdir -p, fsyncing each parent whose entries changed, so the folder survives a crash."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            directory.mkdir()
        fsync_dir(directory.parent)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Folder:
    """One application's (or one refused item's) archive folder."""

    def __init__(self, path: Path, now) -> None:
        self.path = path
        self._now = now
        make_dirs(path)
        for leftover in path.glob(f"**/{_TEMP_PREFIX}*"):  # a copy cut short by a crash
            leftover.unlink()
        self._entries = self._read_manifest()

    def _read_manifest(self) -> list[dict]:
        manifest = self.path / MANIFEST
        if not manifest.exists():
            return []
        entries = []
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a line cut short by a crash; the next append starts a fresh line
        return entries

    def entries(self) -> list[dict]:
        return list(self._entries)

    def write(self, name: str, data: bytes, *, role: str, source: str, item: str,
              subdir: str | None = None) -> Written:
        return self.write_many([(name, data, role, item)], source=source, subdir=subdir)[0]

    def write_many(self, files: list[tuple[str, bytes, str, str]], *, source: str,
                   subdir: str | None = None, after_each=None) -> list[Written]:
        """Write (name, data, role, item) files: each file's data is fsynced, then each
        directory once, then all their manifest lines in one append (one fsync). A line is
        only ever written for a file that is already durable."""
        target_dir = self.path
        if subdir:
            target_dir = self.path / safe_name(subdir, "lain")
            make_dirs(target_dir)
        done = {entry.get("item"): entry for entry in self._entries}
        listed = {entry["path"] for entry in self._entries}
        results: list[Written] = []
        fresh: list[Written] = []
        touched = False
        for name, data, role, item in files:
            if item in done:
                entry = done[item]
                results.append(Written(**{k: entry[k] for k in Written.__dataclass_fields__}))
                continue
            relative, stored = self._place(target_dir, name, data, listed)
            touched |= stored
            listed.add(relative)
            written = Written(path=relative, sha256=sha256_of(data), size=len(data), role=role,
                              written_at=self._now().isoformat(timespec="seconds"),
                              source=source, item=item)
            results.append(written)
            fresh.append(written)
            if after_each is not None:
                after_each()
        if touched:
            fsync_dir(target_dir)
        if fresh:
            self._append(fresh)
        return results

    def _place(self, target_dir: Path, name: str, data: bytes, listed: set[str]
               ) -> tuple[str, bool]:
        """A free name for `data` (or the unlisted copy a crash left); True if stored now."""
        digest = sha256_of(data)
        base = safe_name(name)
        n = 1
        while True:
            candidate = target_dir / _numbered(base, n)
            relative = candidate.relative_to(self.path).as_posix()
            if candidate.resolve().parent != target_dir.resolve():
                raise ArchiveError(f"name escapes its folder: {name!r}")
            if not os.path.lexists(candidate):
                self._store(candidate, data)
                return relative, True
            if relative not in listed and _same_file(candidate, digest):
                return relative, False  # written before a crash, its line was not: adopt it
            n += 1

    def _store(self, final: Path, data: bytes) -> None:
        temp = final.parent / f"{_TEMP_PREFIX}{secrets.token_hex(8)}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, final)  # fails if the name exists: never overwrite
        finally:
            os.unlink(temp)

    def _append(self, written: list[Written]) -> None:
        manifest = self.path / MANIFEST
        created = not manifest.exists()
        fd = os.open(manifest, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            size = os.fstat(fd).st_size
            lines = "".join(w.manifest_line() for w in written).encode()
            if size and not _ends_with_newline(manifest, size):
                lines = b"\n" + lines
            os.write(fd, lines)
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(self.path)
        self._entries += [json.loads(w.manifest_line()) for w in written]


def _ends_with_newline(path: Path, size: int) -> bool:
    with open(path, "rb") as handle:
        handle.seek(size - 1)
        return handle.read(1) == b"\n"


def _same_file(path: Path, digest: str) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    return sha256_of(path.read_bytes()) == digest


class Archive:
    def __init__(self, root: Path, now) -> None:
        self.root = root
        self._now = now

    def relative(self, year: int, registration: str) -> str:
        if not REGISTRATION.fullmatch(registration):
            raise ArchiveError(f"not a registration number: {registration!r}")
        return str(PurePosixPath(str(year), registration))

    def application(self, relative: str) -> Folder:
        return Folder(self.root / relative, self._now)

    def refused_relative(self, when: datetime, key: str) -> str:
        """Items the scan folder could not take: `<YYYY>/ditolak/<stamp>-<key>/`."""
        return f"{when.year}/ditolak/{when:%Y%m%d-%H%M%S}-{safe_name(key)[:16]}"
