"""zip, rar, 7z and tar archives read in memory through libarchive, within byte and member limits.

Declared sizes are never trusted: data is read in blocks and reading stops at the limit. Member
names are only display names (sanitised); nothing is written to disk.
"""

from __future__ import annotations

import ctypes
import io
import re
import zipfile
from dataclasses import dataclass, field

import libarchive
from libarchive import ffi
from libarchive.exception import ArchiveError

from extractors.models import ProblemCode

_BLOCK = 64 * 1024
ARCHIVE_FATAL = -30  # libarchive: the archive cannot be read any further
MAX_NAME_PART = 120
MAX_NAME = 400
_SKIPPED_PARTS = {"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"}
# Control characters, and the invisible ones that change how a name reads: bidi overrides
# (`surat\u202efdp.exe` shows as `suratexe.pdf`), isolates, zero-width characters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_ENCRYPTION_WORDS = ("passphrase", "encrypt", "password", "decrypt")

_lib = ffi.libarchive
_lib.archive_entry_is_encrypted.argtypes = [ctypes.c_void_p]
_lib.archive_entry_is_encrypted.restype = ctypes.c_int
_lib.archive_entry_pathname_utf8.argtypes = [ctypes.c_void_p]
_lib.archive_entry_pathname_utf8.restype = ctypes.c_char_p


@dataclass
class ByteBudget:
    """Bytes that may still be unpacked from one input (ReadOptions.max_total_bytes)."""

    remaining: int


@dataclass
class Member:
    name: str  # sanitised path inside the archive, `/`-separated
    data: bytes


@dataclass
class MemberProblem:
    name: str  # path inside the archive; "" for the archive itself
    code: ProblemCode
    detail: str


@dataclass
class ArchiveContents:
    members: list[Member] = field(default_factory=list)
    problems: list[MemberProblem] = field(default_factory=list)


def sanitise_path(raw: str) -> str:
    """A display path without `..`, root, drive letters or control characters, length capped."""
    parts = []
    for part in raw.replace("\\", "/").split("/"):
        part = _CONTROL.sub("", part).strip()
        if part in ("", ".", "..") or re.fullmatch(r"[A-Za-z]:", part):
            continue
        if len(part) > MAX_NAME_PART:
            stem, dot, ext = part.rpartition(".")
            keep = ext if dot and len(ext) <= 10 else ""
            part = part[: MAX_NAME_PART - len(keep) - 2] + "~" + ("." + keep if keep else "")
        parts.append(part)
    name = "/".join(parts)
    return name[-MAX_NAME:] if len(name) > MAX_NAME else name


def _entry_name(entry: libarchive.ArchiveEntry) -> str:
    raw = _lib.archive_entry_pathname_utf8(entry._entry_p)
    if raw is not None:
        return raw.decode("utf-8", "replace")
    raw = ffi.entry_pathname(entry._entry_p) or b""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp437")  # zip's legacy default, used by Windows' built-in zip


def _is_skipped(name: str) -> bool:
    parts = name.split("/")
    return any(p in _SKIPPED_PARTS for p in parts) or parts[-1].startswith("._")


def _looks_encrypted(error: Exception) -> bool:
    text = str(error).lower()
    return any(word in text for word in _ENCRYPTION_WORDS)


def _libarchive_format(data: bytes) -> str:
    # Name the format from the magic: left to bid, libarchive's zip reader finds the central
    # directory of a zip (or docx) stored at the end of a RAR or 7z and reads that instead.
    if data.startswith(b"PK"):
        return "zip"
    if data.startswith(b"Rar!\x1a\x07\x01\x00"):
        return "rar5"
    if data.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if data.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7zip"
    return "all"


def read_archive(data: bytes, *, max_file_bytes: int, max_members: int,
                 budget: ByteBudget) -> ArchiveContents:
    """Every regular, non-empty member of the archive in `data`, with problems instead of errors."""
    out = ArchiveContents()
    try:
        _read_into(out, data, max_file_bytes, max_members, budget)
    except ArchiveError as e:
        code = ProblemCode.ENCRYPTED if _looks_encrypted(e) else ProblemCode.CORRUPT
        out.problems.append(MemberProblem("", code, f"archive cannot be read: {e}"))
        return out
    if data.startswith(b"PK") and not out.problems and not _zip_directory_ok(data):
        # libarchive falls back to reading a zip front to back and stops quietly where it was cut
        out.problems.append(MemberProblem(
            "", ProblemCode.CORRUPT, "damaged zip (no central directory): it may be incomplete"))
    return out


def _zip_directory_ok(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)):
            return True
    except Exception:
        return False


def _read_into(out: ArchiveContents, data: bytes, max_file_bytes: int, max_members: int,
               budget: ByteBudget) -> None:
    with libarchive.memory_reader(data, format_name=_libarchive_format(data)) as archive:
        count = 0
        for entry in archive:
            if not entry.isfile:
                continue
            count += 1
            if count > max_members:
                out.problems.append(MemberProblem(
                    "", ProblemCode.TOO_LARGE, f"more than {max_members} members"))
                return
            name = sanitise_path(_entry_name(entry)) or f"berkas-{count}"
            if _is_skipped(name):
                continue
            if _lib.archive_entry_is_encrypted(entry._entry_p) > 0:
                out.problems.append(MemberProblem(name, ProblemCode.ENCRYPTED,
                                                  "member is password-protected"))
                continue
            outcome = _read_member(out, archive, name, max_file_bytes, budget)
            if outcome == "stop":
                return
            # Skipping the rest of a member is cheap in a zip (central directory) but means
            # decompressing it in a solid or stream-compressed archive: do not go on there.
            if outcome == "too_large" and b"ZIP" not in (archive.format_name or b""):
                out.problems.append(MemberProblem(
                    "", ProblemCode.TOO_LARGE, "reading stopped after an oversized member"))
                return


def _read_member(out: ArchiveContents, archive: libarchive.read.ArchiveRead, name: str,
                 max_file_bytes: int, budget: ByteBudget) -> str:
    """Read the current member: "ok", "too_large" (member skipped) or "stop" (total exhausted)."""
    chunks: list[bytes] = []
    size = 0
    buf = ctypes.create_string_buffer(_BLOCK)
    try:
        while n := ffi.read_data(archive._pointer, buf, _BLOCK):
            size += n
            if size > budget.remaining:
                budget.remaining = 0
                out.problems.append(MemberProblem(
                    "", ProblemCode.TOO_LARGE, "unpacked content exceeds the total limit"))
                return "stop"
            if size > max_file_bytes:
                budget.remaining -= size
                out.problems.append(MemberProblem(
                    name, ProblemCode.TOO_LARGE, f"member larger than {max_file_bytes} bytes"))
                return "too_large"
            chunks.append(buf.raw[:n])
    except ArchiveError as e:
        budget.remaining -= size
        code = ProblemCode.ENCRYPTED if _looks_encrypted(e) else ProblemCode.CORRUPT
        out.problems.append(MemberProblem(name, code, f"member cannot be read: {e}"))
        return "stop" if getattr(e, "retcode", None) == ARCHIVE_FATAL else "ok"
    budget.remaining -= size
    if size:
        out.members.append(Member(name, b"".join(chunks)))
    return "ok"
