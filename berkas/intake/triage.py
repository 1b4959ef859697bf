"""What an incoming email is: a new application, a reply to one, or something for staff.

Pure functions over the message's headers and what was read from it. Anything automatic
(auto-replies, bounces, read receipts, mailing lists, spam, our own mail) is for staff and is
never answered, so no mail loop can start. Headers decide first; only mail that is neither
automatic nor a reply is read before deciding between a new application and a question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from enum import StrEnum

from berkas.sop.model import SOP

_TAG = re.compile(r"\[\s*(REG-\d{4}-\d{5})\s*\]", re.IGNORECASE)
_MSGID = re.compile(r"<[^<>\s]+>")
_AUTO_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto(matic)?[ -]?reply|auto:|autoreply|out of (the )?office|"
    r"balasan otomatis|otomatis:|abwesenheit|r[ée]ponse automatique)", re.IGNORECASE)
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliverable|undelivered mail|delivery status notification|mail delivery failed|"
    r"returned mail|delivery failure|failure notice|pesan tidak terkirim|tidak terkirim)",
    re.IGNORECASE)
_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|bounces?)[@+]",
                             re.IGNORECASE)
_BERKAS_WORDS = re.compile(
    r"admin\s*agency|permohonan\s+(akun|pembuatan|user)|user\s*id|formulir|surat\s+penunjukan|"
    r"\bsk\b|berkas", re.IGNORECASE)


class Kind(StrEnum):
    NEW = "new"
    REPLY = "reply"
    OTHER = "other"


@dataclass(frozen=True)
class Triage:
    kind: Kind
    reason: str
    registration: str | None = None


@dataclass(frozen=True)
class MailFacts:
    subject: str = ""
    sender: str = ""  # address only, lower-case
    return_path: str | None = None  # None when absent; "" for the null sender <>
    content_type: str = "text/plain"
    report_type: str = ""
    message_id: str = ""
    references: tuple[str, ...] = ()  # In-Reply-To first, then References
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names


def _header_block(raw: bytes) -> bytes:
    """The header lines and the blank line that ends them (the body is not parsed at all)."""
    end = raw.find(b"\r\n\r\n")
    limit = len(raw) if end < 0 else end
    bare = raw.find(b"\n\n", 0, limit + 2)  # bare LF line ends, within the first block only
    if bare >= 0 and (end < 0 or bare < end):
        return raw[:bare + 2]
    return raw if end < 0 else raw[:end + 4]


def facts_from_bytes(raw: bytes) -> MailFacts:
    msg = BytesHeaderParser(policy=policy.compat32).parsebytes(_header_block(raw))

    def header(name: str) -> str:
        values = msg.get_all(name) or []
        return " ".join(str(v) for v in values).strip()

    def decoded(name: str) -> str:
        value = msg.get(name)
        if value is None:
            return ""
        try:
            return str(policy.default.header_factory(name, str(value)))
        except Exception:
            return str(value)

    senders = [addr for _, addr in getaddresses([header("from")]) if addr]
    return_path = msg.get("return-path")
    refs = _MSGID.findall(header("in-reply-to")) + _MSGID.findall(header("references"))
    ids = _MSGID.findall(header("message-id"))
    report_type = msg.get_param("report-type")
    return MailFacts(
        subject=decoded("subject"),
        sender=senders[0].lower() if senders else "",
        return_path=None if return_path is None else str(return_path).strip().strip("<>").strip(),
        content_type=msg.get_content_type(),
        report_type=report_type.lower() if isinstance(report_type, str) else "",
        message_id=ids[0] if ids else "",
        references=tuple(dict.fromkeys(refs)),
        headers={k.lower(): header(k) for k in msg},
    )


def automatic_reason(facts: MailFacts, own_addresses: Iterable[str] = ()) -> str | None:
    """Why this message must never be answered, or None for mail a person wrote."""
    h = facts.headers
    if facts.sender and facts.sender in {a.lower() for a in own_addresses}:
        return "surel dari alamat LPSE sendiri"
    if h.get("x-spam-flag", "").strip().lower().startswith("yes") or \
            h.get("x-spam-status", "").strip().lower().startswith("yes") or \
            facts.subject.lstrip().startswith(("***SPAM***", "[SPAM]")):
        return "spam"
    if facts.content_type == "multipart/report" or facts.return_path == "" or \
            _BOUNCE_SENDERS.match(facts.sender) or _BOUNCE_SUBJECT.match(facts.subject):
        kind = "tanda terima baca" if facts.report_type == "disposition-notification" else \
            "surel gagal terkirim (bounce)"
        return kind
    auto = h.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return f"balasan otomatis (Auto-Submitted: {auto})"
    precedence = h.get("precedence", "").strip().lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return f"surel massal/otomatis (Precedence: {precedence})"
    if any(name in h for name in ("x-autoreply", "x-autorespond", "x-autogenerated")):
        return "balasan otomatis"
    if _AUTO_SUBJECT.match(facts.subject):
        return "balasan otomatis (di luar kantor)"
    if "list-id" in h or "list-unsubscribe" in h:
        return "milis atau buletin"
    return None


def registration_tag(subject: str) -> str | None:
    match = _TAG.search(subject)
    return match.group(1).upper() if match else None


def triage_headers(facts: MailFacts, *, registration_exists: Callable[[str], bool],
                   registration_of_sent: Callable[[Iterable[str]], str | None],
                   own_addresses: Iterable[str] = ()) -> Triage | None:
    """Decide from the headers alone; None means: read it, then call `triage_content`."""
    reason = automatic_reason(facts, own_addresses)
    if reason:
        return Triage(Kind.OTHER, reason)
    tag = registration_tag(facts.subject)
    if tag and registration_exists(tag):
        return Triage(Kind.REPLY, f"nomor registrasi {tag} pada subjek", tag)
    threaded = registration_of_sent(facts.references) if facts.references else None
    if threaded:
        return Triage(Kind.REPLY, "balasan atas surel yang kami kirim", threaded)
    return None


def triage_content(facts: MailFacts, *, document_types: Iterable[str], has_links: bool,
                   attachments: int, body: str) -> Triage:
    """After reading: a berkas (any required document, or documents only linked, or files sent
    with words of a berkas) opens an application; anything else is a question for staff."""
    found = SOP.required_documents.intersection(document_types)
    if found:
        return Triage(Kind.NEW, "memuat dokumen berkas: " + ", ".join(sorted(found)))
    words = bool(_BERKAS_WORDS.search(facts.subject) or _BERKAS_WORDS.search(body))
    if has_links and words:
        return Triage(Kind.NEW, "berkas dikirim sebagai tautan")
    if attachments and words:
        return Triage(Kind.NEW, "lampiran berkas yang belum dapat dikenali")
    return Triage(Kind.OTHER, "bukan berkas permohonan (pertanyaan atau pesan lain)")
