"""One email message taken apart: headers, body text, attachments and forwarded messages.

Tolerant of every defect the stdlib parser reports. A message with more parts than allowed is
read up to the limit and flagged (`too_many_parts`), which the caller reports as `too_large`.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email
import mimetypes
import quopri
import re
from dataclasses import dataclass, field
from datetime import UTC
from email import policy
from email.errors import StartBoundaryNotFoundDefect
from email.generator import BytesGenerator
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from io import BytesIO
from typing import Any

from extractors.models import EmailInfo
from extractors.sniff import sniff

FORWARDED_TYPES = ("message/rfc822", "message/global")
PARTIAL_TYPE = "message/partial"  # one fragment of a message split over several emails
# Machine-readable report parts (bounces, read receipts, feedback): not documents, not read.
_SKIPPED_TYPES = frozenset({
    "message/delivery-status", "message/global-delivery-status", "message/disposition-notification",
    "message/global-disposition-notification", "message/feedback-report", "text/rfc822-headers",
    "text/rfc822-header", "message/external-body", "application/pgp-encrypted",
})
_EXTENSIONS = {"text/plain": ".txt", "text/html": ".html", "image/jpeg": ".jpg",
               "application/octet-stream": ".bin", "application/pdf": ".pdf",
               "application/msword": ".doc", "message/rfc822": ".eml"}
_KIND_EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "doc": ".doc", "odt": ".odt", "rtf": ".rtf",
                    "zip": ".zip", "rar": ".rar", "7z": ".7z", "email": ".eml"}
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
                            "blockquote", "pre", "dl", "address", "center"})
_LINE_TAGS = frozenset({"div", "tr", "li", "dt", "dd", "hr", "section", "article", "header",
                        "footer", "caption", "form"})
_DROPPED_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript"})
_CELL_TAGS = frozenset({"td", "th"})


class _TooManyParts(Exception):
    pass


@dataclass
class MailPart:
    name: str  # file name shown for it (decoded, without directories)
    data: bytes
    content_type: str
    forwarded: bool = False  # a message/rfc822 part: its bytes are a whole email


@dataclass
class ParsedMail:
    info: EmailInfo
    body: str  # plain text of the message body, "" when there is none
    hrefs: list[str] = field(default_factory=list)  # link targets in its HTML parts
    parts: list[MailPart] = field(default_factory=list)
    too_many_parts: bool = False  # reading stopped at the part limit


# --- text -----------------------------------------------------------------------------------

def decode_text(data: bytes, charset: str | None) -> str:
    """Bytes to text: the declared charset, else UTF-8, else cp1252, else Latin-1; never raises."""
    for candidate in (charset, "utf-8", "cp1252"):
        if not candidate:
            continue
        try:
            codecs.lookup(candidate)
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return data.decode("latin-1")


def _fix_surrogates(text: str) -> str:
    """Raw 8-bit header bytes come back from the parser as surrogates: decode them properly."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    return decode_text(text.encode("utf-8", "surrogateescape"), None)


def _decode_words(text: str) -> str:
    """RFC 2047 encoded-words the parser left undecoded (e.g. inside quotes)."""
    text = _fix_surrogates(text)
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except Exception:
        return text



class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hrefs: list[str] = []
        self._dropped = 0
        self._pre = 0
        self._row_start = True

    def _break(self, newlines: int) -> None:
        """End the current line (1) or paragraph (2), unless already ended or nothing written."""
        tail = "".join(self.out[-6:]).rstrip(" \t")
        if not "".join(self.out).strip():
            return
        have = len(tail) - len(tail.rstrip("\n"))
        if have < newlines:
            self.out.append("\n" * (newlines - have))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag in _PARAGRAPH_TAGS:
            self._break(2)
            self._pre += tag == "pre"
        elif tag in _LINE_TAGS:
            self._break(1)
            self._row_start = self._row_start or tag == "tr"
        elif tag in _CELL_TAGS:
            if not self._row_start:
                self.out.append("\t")
            self._row_start = False
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href" and v)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _DROPPED_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped = max(0, self._dropped - 1)
        elif tag in _PARAGRAPH_TAGS:
            self._break(2)
            self._pre = max(0, self._pre - (tag == "pre"))
        elif tag in _LINE_TAGS:
            self._break(1)

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        self.out.append(data if self._pre else re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> tuple[str, list[str]]:
    """Readable text of an HTML body (line breaks kept for br/p/tr/li...) and its link targets.

    Table cells are separated by a tab, rows by a line break.
    """
    parser = _HtmlText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        pass  # keep whatever was read before the parser gave up
    lines = (line.strip(" ") for line in "".join(parser.out).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, parser.hrefs


# --- headers --------------------------------------------------------------------------------

def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:
        raw = msg._headers if hasattr(msg, "_headers") else []
        value = next((v for k, v in raw if k.lower() == name.lower()), None)
    if value is None:
        return ""
    return re.sub(r"\s+", " ", _decode_words(str(value))).strip()


def _addresses(msg: Message, name: str) -> list[str]:
    try:
        header: Any = msg.get(name)  # a header object with .addresses under policy.default
        if header is not None and getattr(header, "addresses", None) is not None:
            found = [_fix_surrogates(a.addr_spec) for a in header.addresses if a.addr_spec]
            if found:
                return found
    except Exception:
        pass
    raw = _header(msg, name)
    return [addr for _, addr in getaddresses([raw]) if "@" in addr]


def _iso_date(raw: str) -> str | None:
    if not raw:
        return None
    try:
        when = parsedate_to_datetime(raw)
    except Exception:
        return None
    if when.tzinfo is None:  # "-0000": time in UTC, origin unknown (RFC 5322)
        when = when.replace(tzinfo=UTC)
    return when.isoformat()


def email_info(msg: Message) -> EmailInfo:
    references = _header(msg, "references")
    return EmailInfo(
        subject=_header(msg, "subject"),
        sender=next(iter(_addresses(msg, "from")), ""),
        reply_to=next(iter(_addresses(msg, "reply-to")), ""),
        to=_addresses(msg, "to"),
        date=_iso_date(_header(msg, "date")),
        message_id=_header(msg, "message-id"),
        in_reply_to=_header(msg, "in-reply-to"),
        references=re.findall(r"<[^<>\s]+>", references) or references.split(),
        auto_submitted=_header(msg, "auto-submitted"),
        precedence=_header(msg, "precedence"),
    )


# --- parts ----------------------------------------------------------------------------------

def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "application/octet-stream"


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if not name:
        try:
            param = part.get_param("name")
            if isinstance(param, tuple):  # RFC 2231 (charset, language, value)
                param = email.utils.collapse_rfc2231_value(param)
            name = param
        except Exception:
            name = None
    if not name:
        return ""
    name = _decode_words(str(name))
    return re.split(r"[\\/]", name)[-1].strip()


def _is_attachment(part: Message) -> bool:
    try:
        return part.get_content_disposition() == "attachment"
    except Exception:
        return False


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


def _message_bytes(part: Message) -> bytes:
    """The bytes of a forwarded message/rfc822 part (also when wrongly base64/QP-encoded)."""
    inner = part.get_payload()
    if isinstance(inner, list):
        inner = inner[0] if inner else None
    if isinstance(inner, str):
        serialised = inner.encode("utf-8", "surrogateescape")
    elif inner is None:
        return b""
    else:
        buf = BytesIO()
        BytesGenerator(buf, mangle_from_=False, policy=policy.compat32).flatten(inner)
        serialised = buf.getvalue()
    cte = str(part.get("content-transfer-encoding", "")).strip().lower()
    if cte == "base64":
        body = serialised.split(b"\n\n", 1)[-1] if serialised.startswith(b"\n") else serialised
        try:
            return base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", body))
        except (binascii.Error, ValueError):
            return serialised
    if cte == "quoted-printable":
        return quopri.decodestring(serialised)
    return serialised


def _text_of(part: Message) -> str:
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return decode_text(_payload_bytes(part), charset)


def _extension(content_type: str, data: bytes) -> str:
    kind = sniff(data, "", content_type)
    if kind in _KIND_EXTENSIONS and not content_type.startswith(kind):
        return _KIND_EXTENSIONS[kind]
    return _EXTENSIONS.get(content_type) or mimetypes.guess_extension(content_type) or ".bin"


class _Walker:
    def __init__(self, body: Message | None, max_parts: int) -> None:
        self.body = body
        self.max_parts = max_parts
        self.count = 0
        self.unnamed = 0
        self.forwarded = 0
        self.extra_texts: list[str] = []
        self.hrefs: list[str] = []
        self.parts: list[MailPart] = []

    def walk(self, part: Message, in_alternative: bool = False) -> None:
        self.count += 1
        if self.count > self.max_parts:
            raise _TooManyParts
        ctype = _content_type(part)
        if ctype in FORWARDED_TYPES:
            self._forwarded(part)
        elif ctype == PARTIAL_TYPE:
            self.unnamed += 1
            self.parts.append(MailPart(f"lampiran-{self.unnamed}.eml", _message_bytes(part) or
                                       _payload_bytes(part), PARTIAL_TYPE))
        elif ctype in _SKIPPED_TYPES or ctype.startswith("message/") and part.is_multipart():
            return
        elif part.is_multipart():
            children = part.get_payload()
            for child in children if isinstance(children, list) else []:
                if isinstance(child, Message):
                    self.walk(child, ctype == "multipart/alternative")
        else:
            self._leaf(part, ctype, in_alternative)

    def _forwarded(self, part: Message) -> None:
        self.forwarded += 1
        name = _filename(part) or f"pesan-terusan-{self.forwarded}.eml"
        self.parts.append(MailPart(name, _message_bytes(part), "message/rfc822", forwarded=True))

    def _leaf(self, part: Message, ctype: str, in_alternative: bool) -> None:
        name = _filename(part)
        textual = ctype in ("text/plain", "text/html") and not name and not _is_attachment(part)
        if textual:
            if ctype == "text/html":
                self.hrefs.extend(html_to_text(_text_of(part))[1])
            if part is not self.body and not in_alternative:
                text = _text_of(part)
                self.extra_texts.append(html_to_text(text)[0] if ctype == "text/html" else text)
            return
        data = _payload_bytes(part)
        if not name:
            if not data.strip():
                return  # an empty unnamed part is MIME scaffolding, not a file someone attached
            self.unnamed += 1
            name = f"lampiran-{self.unnamed}{_extension(ctype, data)}"
        self.parts.append(MailPart(name, data, ctype))


def _find_body(msg: Message) -> Message | None:
    if not isinstance(msg, EmailMessage):
        return None
    try:
        return msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        return None


_UNQUOTED_BOUNDARY = re.compile(rb"""(boundary=)([^"\s;][^\s;]*)""", re.IGNORECASE)


def _parse(data: bytes) -> Message:
    msg = email.message_from_bytes(data, policy=policy.default)
    if any(isinstance(d, StartBoundaryNotFoundDefect) for d in msg.defects):
        # `boundary=----=_Part_1` unquoted (seen from Java and Outlook mailers): the parser stops
        # at "=", finds no boundary and loses every part. Quote the value and parse again.
        fixed = _UNQUOTED_BOUNDARY.sub(rb'\1"\2"', data)
        if fixed != data:
            msg = email.message_from_bytes(fixed, policy=policy.default)
    return msg


def parse_email(data: bytes, max_parts: int) -> ParsedMail:
    msg = _parse(data.lstrip(b"\xef\xbb\xbf"))
    body_part = _find_body(msg)
    walker = _Walker(body_part, max_parts)
    too_many = False
    try:
        walker.walk(msg)
    except _TooManyParts:
        too_many = True
    texts = []
    if body_part is not None:
        raw = _text_of(body_part)
        if _content_type(body_part) == "text/html":
            raw, hrefs = html_to_text(raw)
            walker.hrefs.extend(hrefs)
        texts.append(raw)
    texts.extend(walker.extra_texts)
    body = "\n\n".join(t.strip("\n") for t in texts if t.strip()).replace("\xa0", " ")
    return ParsedMail(info=email_info(msg), body=body, hrefs=walker.hrefs, parts=walker.parts,
                      too_many_parts=too_many)
