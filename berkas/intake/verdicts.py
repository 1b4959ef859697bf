"""The verdict of everything an application has received, and who it names: `berkas check` on
the merged reading, the state it gives, and the NIPs that join a scan or email to the open
application of the same person."""

from __future__ import annotations

import logging
from datetime import date
from email.utils import parseaddr

from berkas.core.files import sha256_of
from berkas.sop.model import State
from berkas.store.models import Application
from berkas.store.pagecache import merged_names
from extractors.check import CheckResult, check
from extractors.models import EMAIL_BODY_NAME, ReadResult
from extractors.normalize import nip_candidates, normalize_nip

log = logging.getLogger("berkas.intake")


def body_sha256(raw: bytes) -> str:
    """The hash of an email's body: the bytes after the first empty line."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        head, found, body = raw.partition(separator)
        if found:
            return sha256_of(body)
    return sha256_of(b"")


def _same_person(sender: str | None, app: Application) -> bool:
    """The reply comes from the address the berkas came from or the one on its form."""
    address = parseaddr(sender or "")[1].lower()
    known = {parseaddr(app.sender or "")[1].lower(), (app.email or "").lower()} - {""}
    return not known or address in known


def judge(read: ReadResult, received: date) -> CheckResult | None:
    """`berkas check` on what was read; None when the checker fails (the application then
    waits as `menunggu_pemeriksaan`)."""
    try:
        return check(read, received)
    except Exception:  # the checker must not crash on input; if it does, a person looks
        log.exception("check failed")
        return None


def state_of(verdict: CheckResult | None) -> State:
    if verdict is None:
        return State.WAITING_FOR_CHECK
    if verdict.needs_review:
        return State.REVIEW
    return State.COMPLETE if verdict.complete else State.INCOMPLETE


def merge_reads(reads: list[ReadResult]) -> ReadResult:
    """Everything an application has, as one reading; a file name already used by an earlier
    item is shown as `name (2).ext`. Only the first email's body counts (it may be the cover
    letter); the bodies of replies are conversation, archived but not judged as documents."""
    merged = ReadResult()
    for number, (read, rename) in enumerate(zip(reads, merged_names(reads), strict=True)):
        if number and EMAIL_BODY_NAME not in rename:
            read = read.model_copy(update={
                "pages": [p for p in read.pages if p.file != EMAIL_BODY_NAME],
                "files": [f for f in read.files if f.file != EMAIL_BODY_NAME]})
        merged.pages += [p.model_copy(update={"file": rename[p.file]}) for p in read.pages]
        merged.problems += [p.model_copy(update={"file": rename.get(p.file, p.file)})
                            for p in read.problems]
        merged.files += [f.model_copy(update={"file": rename[f.file]}) for f in read.files]
        merged.links += [link for link in read.links if link not in merged.links]
        merged.email = merged.email or read.email
    return merged


def named_nips(verdict: CheckResult | None, read: ReadResult) -> tuple[str | None, list[str]]:
    """The person's NIP from the verdict, and every other valid NIP printed on the pages."""
    primary = None
    if verdict:
        value = normalize_nip(verdict.fields.get("nip"))
        primary = value.value if value.valid else None
    others: list[str] = []
    for page in read.pages:
        for _, _, raw in nip_candidates(page.text):
            value = normalize_nip(raw)
            if value.valid and value.value is not None and value.value != primary \
                    and value.value not in others:
                others.append(value.value)
    return primary, others

