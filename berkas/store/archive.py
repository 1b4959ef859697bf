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
import json
import os
import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from berkas.core.clock import Clock
from berkas.core.files import (
    PRIVATE_DIR_MODE,
    PRIVATE_FILE_MODE,
    atomic_write,
    fsync_dir,
    make_dirs,
    sha256_of,
)

MANIFEST = "manifest.jsonl"
REGISTRATION = re.compile(r"REG-\d{4}-\d{5}")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"|?*]')
# Invisible characters that change how a name reads (`surat\u202efdp.exe` shows as
# `suratexe.pdf`): bidi overrides and isolates, zero-width characters, the BOM.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
# Names Windows reserves in every folder, with any extension: the archive may be copied to,
# or served from, a Windows share.
_WINDOWS_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?", re.IGNORECASE)
_MAX_NAME_BYTES = 150
_TEMP_PREFIX = ".sementara-"
# Every byte the archive writes goes through this (tests put a full disk here: ENOSPC).
_os_write = os.write


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
        # a source naming a file whose name was not UTF-8 must not make the line unwritable
        fields = {k: v.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                  if isinstance(v, str) else v for k, v in asdict(self).items()}
        return json.dumps(fields, ensure_ascii=False, sort_keys=True) + "\n"


def safe_name(name: str, fallback: str = "berkas") -> str:
    """One harmless file-name component: no directories, no control characters, no leading dot,
    at most 150 bytes with the extension kept."""
    # Bytes that were not UTF-8 (a file name from a foreign file system) come as surrogates.
    name = (name or "").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    name = unicodedata.normalize("NFC", _INVISIBLE.sub("", name))
    name = name.replace("\\", "/").split("/")[-1]
    name = _UNSAFE.sub("_", name).strip().strip(".").strip()
    if not name:
        name = fallback
    if name.lower() == MANIFEST or name.startswith(_TEMP_PREFIX) or \
            _WINDOWS_RESERVED.fullmatch(name):
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


class Folder:
    """One application's (or one refused item's) archive folder."""

    def __init__(self, path: Path, now: Clock) -> None:
        self.path = path
        self._now = now
        make_dirs(path, PRIVATE_DIR_MODE)
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
            make_dirs(target_dir, PRIVATE_DIR_MODE)
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
        # never overwritten; every byte through `_os_write` (tests put a full disk there)
        atomic_write(final, data, mode=PRIVATE_FILE_MODE, overwrite=False,
                     temp_prefix=_TEMP_PREFIX, write=lambda fd, view: _os_write(fd, view))

    def _append(self, written: list[Written]) -> None:
        manifest = self.path / MANIFEST
        created = not manifest.exists()
        fd = os.open(manifest, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC,
                     PRIVATE_FILE_MODE)
        try:
            size = os.fstat(fd).st_size
            lines = "".join(w.manifest_line() for w in written).encode()
            if size and not _ends_with_newline(manifest, size):
                lines = b"\n" + lines
            view = memoryview(lines)
            while view:  # a short write (disk nearly full) must not drop the rest
                view = view[_os_write(fd, view):]
            os.fsync(fd)
        except OSError:
            # e.g. ENOSPC part-way: cut back to the last whole line, so no line is left half
            # written (a reader skips it anyway) and the next append starts clean
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise
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
    def __init__(self, root: Path, now: Clock) -> None:
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
