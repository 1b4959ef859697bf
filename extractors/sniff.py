"""What a file is, judged by its bytes first; its name and declared type are only hints."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

Kind = Literal["pdf", "image", "docx", "doc", "odt", "rtf", "text", "html", "email", "zip", "rar",
               "7z", "tar", "unknown"]
FileKind = Literal["pdf", "image", "docx", "doc", "odt", "rtf", "text", "html", "email", "archive",
                   "unknown"]

ARCHIVE_KINDS = frozenset({"zip", "rar", "7z", "tar"})
DOCUMENT_KINDS = frozenset({"pdf", "image", "docx", "doc", "odt", "rtf", "text", "html"})

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}
_EMAIL_HEADERS = re.compile(
    rb"^(from|date|subject|mime-version|to|message-id|received|return-path|reply-to|"
    rb"delivered-to|x-[a-z0-9-]+|content-type|cc):", re.IGNORECASE | re.MULTILINE)
_KEY_EMAIL_HEADERS = (b"from", b"date", b"subject", b"mime-version")
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<table|<div|<p[\s>])",
                         re.IGNORECASE)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole2_kind(data: bytes) -> Kind:
    # Directory entries hold stream names in UTF-16LE; a byte search avoids walking the FAT chains.
    if _utf16("EncryptedPackage") in data:
        return "docx"  # a password-protected OOXML file; reading it reports `encrypted`
    if _utf16("WordDocument") in data:
        return "doc"
    return "unknown"  # Outlook .msg, Excel, PowerPoint, ...


def _zip_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names:
                mimetype = zf.read("mimetype")[:100].strip()
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                return "unknown"  # spreadsheets, presentations: not an archive to open
            if "[Content_Types].xml" in names:
                return "unknown"  # xlsx, pptx
    except Exception:
        pass  # a damaged or unusual zip: let the archive reader try and report it
    return "zip"


def _image_kind(head: bytes) -> bool:
    return (
        head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*",
                         b"GIF87a", b"GIF89a", b"BM"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or (head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS)
    )


def _looks_like_email(head: bytes) -> bool:
    head = head.lstrip(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    header_block = head.split(b"\n\n", 1)[0]
    names = {m.group(1).lower() for m in _EMAIL_HEADERS.finditer(header_block)}
    if len(names) < 2 or not header_block[:1].isalpha():
        return False
    return sum(k in names for k in _KEY_EMAIL_HEADERS) >= 2


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 3:  # a multibyte character cut at the end of the sample
            return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) < 0.01


def sniff(data: bytes, name: str = "", content_type: str | None = None) -> Kind:
    head = data[:4096]
    lower_name = name.lower()
    ctype = (content_type or "").lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if _image_kind(head):
        return "image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head[257:262] == b"ustar" or head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")):
        return "tar"
    if head.startswith(OLE2_MAGIC):
        return _ole2_kind(data)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    # An email before the two guesses below: its text may say "%PDF-" or hold a NUL byte
    # (an applicant's subject, a raw attachment), and it is still an email.
    if lower_name.endswith(".eml") or ctype in ("message/rfc822", "message/global"):
        return "email"
    if not ctype.startswith(("text/plain", "text/html")) and _looks_like_email(head):
        return "email"
    if b"%PDF-" in data[:1024]:  # junk before the header, after every container magic failed
        return "pdf"
    if b"\x00" in head:
        return "unknown"
    if _HTML_START.match(head) or (ctype == "text/html" and _looks_like_text(head)):
        return "html"
    if lower_name.endswith((".html", ".htm")) and _looks_like_text(head):
        return "html"
    if _looks_like_text(head):
        return "text"
    return "unknown"


def file_kind(kind: Kind) -> FileKind:
    """The kind as `FileInfo.kind` names it (all archive formats are `archive`)."""
    return "archive" if kind in ARCHIVE_KINDS else kind  # type: ignore[return-value]
