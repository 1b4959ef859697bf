"""Archives applicants send: ZIP, 7z (via libarchive) and a hand-written stored RAR 4."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import datetime

FIXED_TIME = datetime(2026, 10, 14, 9, 30, 0)


def zip_of(files: dict[str, bytes], when: datetime = FIXED_TIME) -> bytes:
    """A deflated ZIP; non-ASCII names get the UTF-8 flag."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def seven_zip_of(files: dict[str, bytes], when: datetime = FIXED_TIME) -> bytes:
    import libarchive

    chunks: list[bytes] = []

    def write(data: bytes) -> int:
        chunks.append(bytes(data))
        return len(data)

    with libarchive.custom_writer(write, "7zip") as archive:
        for name, data in files.items():
            archive.add_file_from_memory(name, len(data), data, mtime=int(when.timestamp()))
    return b"".join(chunks)


# --- RAR 4 (format of RAR 1.5 to 4.x), stored only ------------------------------------------

RAR_MARKER = b"Rar!\x1a\x07\x00"
_MAIN, _FILE, _END = 0x73, 0x74, 0x7B
_LONG_BLOCK, _UNICODE = 0x8000, 0x0200
_HOST_WIN32, _METHOD_STORE, _UNPACK_VER = 2, 0x30, 20


def _block(head_type: int, flags: int, body: bytes) -> bytes:
    """HEAD_CRC is the low 16 bits of the CRC-32 of the header from HEAD_TYPE on."""
    rest = struct.pack("<BHH", head_type, flags, 7 + len(body)) + body
    return struct.pack("<H", zlib.crc32(rest) & 0xFFFF) + rest


def _dos_time(t: datetime) -> int:
    return ((t.year - 1980) << 25 | t.month << 21 | t.day << 16 | t.hour << 11 | t.minute << 5
            | t.second // 2)


def _rar_name(name: str) -> tuple[bytes, int]:
    """(name field, extra flags). Non-ASCII names: an ASCII fallback, NUL, then RAR's packed
    UTF-16 form, here every character as a full two-byte code (opcode 2)."""
    name = name.replace("/", "\\")
    if name.isascii():
        return name.encode("ascii"), 0
    ascii_name = "".join(c if c.isascii() else "_" for c in name).encode("ascii")
    enc = bytearray([0])  # high byte for opcode 1; unused
    chars = name.encode("utf-16-le")
    units = [chars[i:i + 2] for i in range(0, len(chars), 2)]
    if len(units) != len(name):
        raise ValueError("RAR 4 names are limited to the Basic Multilingual Plane")
    for i in range(0, len(units), 4):
        group = units[i:i + 4]
        flags = 0
        for j in range(len(group)):
            flags |= 2 << (6 - 2 * j)
        enc.append(flags)
        for u in group:
            enc += u
    return ascii_name + b"\0" + bytes(enc), _UNICODE


def rar_of(files: dict[str, bytes], when: datetime = FIXED_TIME) -> bytes:
    """A RAR 4 archive with every file stored (no compression)."""
    out = bytearray(RAR_MARKER)
    out += _block(_MAIN, 0, b"\0" * 6)
    for name, data in files.items():
        raw_name, name_flag = _rar_name(name)
        body = struct.pack("<IIBIIBBHI", len(data), len(data), _HOST_WIN32,
                           zlib.crc32(data) & 0xFFFFFFFF, _dos_time(when), _UNPACK_VER,
                           _METHOD_STORE, len(raw_name), 0x20) + raw_name
        out += _block(_FILE, _LONG_BLOCK | name_flag, body)
        out += data
    out += _block(_END, 0x4000, b"")
    return bytes(out)
