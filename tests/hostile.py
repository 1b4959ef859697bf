"""Hostile inputs made here (names, emails, archives, bombs), the checks every hostile test
shares, and the counter the README's figures come from.

`record(kind, n)` counts what a test really ran (call it after the assertions that prove the
input was handled, so a failing test counts nothing). Kinds starting with `fault:` are fault
scenarios (a server stopped, the disk full), the others hostile inputs. At the end of the session
tests/conftest.py writes `build/hostile-figures.json` (`bench/hostile_figures.py` turns it into
the README table); a test that recorded something and then failed marks the run as having lost
data, because it no longer proves the opposite.
"""

from __future__ import annotations

import base64
import io
import os
import struct
import zipfile
import zlib
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import quote

from extractors.models import Blob, ReadResult
from extractors.options import ReadOptions

COUNTS: Counter[str] = Counter()
RECORDED_BY: set[str] = set()  # node ids of the tests that recorded something
RECEIVED = date(2026, 10, 20)
FIGURES = Path(__file__).resolve().parents[1] / "build" / "hostile-figures.json"


def record(kind: str, n: int = 1) -> None:
    COUNTS[kind] += n
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    if current:
        RECORDED_BY.add(current.rsplit(" (", 1)[0])


# --- names ------------------------------------------------------------------------------------

# (id, file name) as an attacker or a careless mailer would send them.
HOSTILE_NAMES: list[tuple[str, str]] = [
    ("dotdot", "../../../../etc/passwd.pdf"),
    ("dotdot-windows", "..\\..\\..\\Windows\\System32\\drivers\\etc\\hosts.pdf"),
    ("absolute", "/etc/cron.d/berkas.pdf"),
    ("drive", "C:\\Users\\Public\\formulir.pdf"),
    ("nul", "formulir\x00.exe.pdf"),
    ("control", "sk\x01\x07\x1b[31m\r\nX-Injected: ya.pdf"),
    ("long-300", "F" * 300 + ".pdf"),
    ("long-multibyte", "é" * 300 + ".pdf"),
    ("reserved-con", "CON"),
    ("reserved-nul-ext", "NUL.txt"),
    ("reserved-com1", "COM1.pdf"),
    ("reserved-lpt", "lpt9.pdf"),
    ("rtl-override", "surat\u202efdp.exe"),
    ("zero-width", "for\u200bmulir\u2066.pdf"),
    ("only-dots", "..."),
    ("dot", "."),
    ("trailing-dots", "formulir.pdf. . ."),
    ("hidden", ".bashrc"),
    ("manifest", "manifest.jsonl"),
    ("temp-prefix", ".sementara-0000"),
    ("own-file", "teks.json"),
    ("empty", ""),
    ("spaces", "   "),
    ("subfolders", "a/b/../c/sk.pdf"),
    ("html", "<img src=x onerror=alert(1)>.pdf"),
    ("markdown", "[klik](http://jahat.example)![x](http://jahat.example/a.png).pdf"),
    ("template", "{{ 7*7 }}{% raw %}.pdf"),
]


def encoded_header_names(name: str) -> dict[str, str]:
    """The ways a mailer puts `name` into Content-Disposition (as raw header text)."""
    utf8 = name.encode("utf-8", "surrogatepass")
    words = base64.b64encode(utf8).decode()
    return {
        "rfc2231": f"filename*=utf-8''{quote(utf8, safe='')}",
        "rfc2047": f'filename="=?utf-8?b?{words}?="',
        "raw8bit": 'filename="' + name.replace("\\", "\\\\").replace('"', '\\"').replace(
            "\r", "").replace("\n", "").replace("\x00", "") + '"',
    }


def eml(parts: list[tuple[str, str, bytes]], *, subject: str = "Permohonan akun",
        sender: str = "budi@dinas.go.id", body: str = "Terlampir berkas permohonan.",
        extra_headers: str = "", boundary: str = "b1") -> bytes:
    """A multipart/mixed message from (content type, Content-Disposition parameters, data)
    parts, written by hand so nothing is cleaned on the way."""
    out = [f"From: {sender}\r\nTo: lpse@localhost\r\nSubject: {subject}\r\n"
           f"Date: Tue, 20 Oct 2026 09:00:00 +0800\r\n"
           f"Message-ID: <{os.urandom(6).hex()}@dinas.go.id>\r\n{extra_headers}"
           f"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\r\n"
           f"\r\n--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"]
    head = "".join(out).encode("utf-8", "surrogateescape")
    chunks = [head]
    for ctype, params, data in parts:
        encoded = base64.encodebytes(data).replace(b"\n", b"\r\n")
        chunks.append(
            f"--{boundary}\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Disposition: attachment; ".encode() + params.encode("utf-8", "replace")
            + b"\r\n\r\n" + encoded + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks)


# --- archives and bombs -----------------------------------------------------------------------

def raw_zip(members: list[tuple[str, bytes]], compress: bool = True) -> bytes:
    """A zip whose member names are written exactly as given (zip slip, absolute, NUL)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo("placeholder", date_time=(2026, 10, 14, 9, 30, 0))
            info.filename = name  # ZipInfo() would normalise it; an attacker's tool does not
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            z.writestr(info, data)
    return buf.getvalue()


def zip_bomb(unpacked: int, members: int = 1) -> bytes:
    """`members` entries of `unpacked` zero bytes each, deflated (ratio ~1000:1), streamed so
    the test never holds the unpacked size in memory."""
    buf = io.BytesIO()
    block = bytes(1 << 20)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(members):
            info = zipfile.ZipInfo(f"nol-{n}.pdf", (2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as handle:
                for _ in range(unpacked // len(block)):
                    handle.write(block)
    return buf.getvalue()


def nested_zip(depth: int, width: int, leaf: bytes) -> bytes:
    """42.zip's shape: `width` copies of the level below, `depth` levels deep."""
    data = raw_zip([("dalam.pdf", leaf)])
    for level in range(depth):
        data = raw_zip([(f"tingkat{level}-{n}.zip", data) for n in range(width)])
    return data


def png_header_bomb(width: int, height: int) -> bytes:
    """A PNG that declares `width` x `height` pixels but carries almost no data."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(
            ">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (width + 1) * 4)  # a few rows; the rest is missing
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def pdf_with_pages(pages: int, text: str = "Halaman uji berkas permohonan akun Admin Agency "
                   "dengan lapisan teks") -> bytes:
    """A tiny PDF whose page tree lists the same page object `pages` times (a 2000-page PDF
    in a few KB)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join([b"3 0 R"] * pages) + b"] /Count "
        + str(pages).encode() + b" >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)


def pdf_xref_loop() -> bytes:
    """A PDF whose page tree is its own child and whose trailer /Prev points at itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R] /Count 1 >>",
    ]
    data = _pdf(objects)
    xref_at = data.rindex(b"startxref")
    offset = int(data[xref_at:].split()[1])
    return data.replace(b"trailer\n<<", b"trailer\n<< /Prev " + str(offset).encode(), 1)


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            f"%%EOF\n").encode()
    return bytes(out)


# --- the checks ------------------------------------------------------------------------------

FAST = ReadOptions(dpi=72, max_pages=20, ocr_workers=1, max_seconds_per_file=30)


def read_and_check(blobs: list[Blob], opts: ReadOptions = FAST):
    """`berkas check` in-process: (ReadResult, CheckResult)."""
    from extractors.check import check
    from extractors.reader import read_blobs

    read = read_blobs(blobs, opts)
    assert isinstance(read, ReadResult)
    return read, check(read, RECEIVED)


def deficiency_for(verdict, code: str, file_part: str = "") -> dict:
    """The deficiency with `code` (and a file containing `file_part`), checked to carry an
    Indonesian message naming the file."""
    found = [d for d in verdict.deficiencies
             if d.code == code and file_part in (d.file or "")]
    assert found, (code, file_part, [(d.code, d.file) for d in verdict.deficiencies])
    d = found[0]
    assert d.file and "Berkas" in d.message and d.file in d.message, d
    return d.model_dump()


def assert_inside(root: Path) -> list[Path]:
    """Every path under `root` (not following links) stays inside it; returns the files."""
    real = root.resolve()
    files = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            path = Path(folder, name)
            assert not path.is_symlink(), path
            assert real in path.resolve().parents, path
            if name in filenames:
                files.append(path)
    return files


def archived_originals(archive: Path) -> dict[str, list[str]]:
    """sha256 -> archive paths of every original (not text or verdict) in the archive."""
    from tests.intake_env import manifest_files

    out: dict[str, list[str]] = {}
    for entry in manifest_files(archive):
        if entry["role"] in ("pindaian", "surel", "lampiran", "ditolak"):
            out.setdefault(entry["sha256"], []).append(f"{entry['folder']}/{entry['path']}")
    return out


def assert_manifest_matches_disk(archive: Path) -> None:
    """Every manifest line names a file with exactly its bytes; every file is listed."""
    import hashlib

    from tests.intake_env import manifest_files

    listed = set()
    for entry in manifest_files(archive):
        path = archive / entry["folder"] / entry["path"]
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], path
        assert len(data) == entry["size"]
        listed.add(path)
    on_disk = {p for p in assert_inside(archive) if p.name != "manifest.jsonl"}
    assert on_disk == listed, on_disk ^ listed


# --- the figures ------------------------------------------------------------------------------

# Modules whose every test is a hostile-input or fault test (others count once they record).
HOSTILE_MODULES = ("tests/test_hostile_", "tests/test_fuzz_readers.py", "tests/test_injection.py",
                   "tests/test_disk_full.py", "tests/test_permissions.py")


def write_figures(failed: set[str], path: Path = FIGURES) -> dict | None:
    """Called once at the end of the session (tests/conftest.py); nothing when no hostile test
    ran. A failing test of a hostile module (or of any module that recorded something) means
    the run no longer proves that nothing was lost."""
    import json
    from datetime import UTC, datetime

    if not COUNTS:
        return None
    modules = {nodeid.split("::")[0] for nodeid in RECORDED_BY}
    failing = sorted(n for n in failed if n.startswith(HOSTILE_MODULES)
                     or n.split("::")[0] in modules)
    inputs = {k: v for k, v in sorted(COUNTS.items()) if not k.startswith("fault:")}
    faults = {k.removeprefix("fault:"): v for k, v in sorted(COUNTS.items())
              if k.startswith("fault:")}
    figures = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "hostile_inputs": inputs, "hostile_total": sum(inputs.values()),
        "fault_scenarios": faults, "fault_total": sum(faults.values()),
        "tests": len(RECORDED_BY), "failed": failing, "lost_data": bool(failing),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return figures
