"""Open every container (email, forwarded message, archive) of one input into its leaf documents.

`unpack` never raises: a container that cannot be opened becomes a `corrupt` problem for that file
and its siblings are still read. Limits come from ReadOptions; exceeding one is `too_large`.
Names follow SPEC: attachments of the input email by their file name, `a.zip/b.pdf` for archive
members, `message.eml/x.pdf` inside a forwarded message, `(isi email)` for the body. The kind of
each leaf is in `files` under the same name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from extractors import links, mail
from extractors.archives import ByteBudget, read_archive, sanitise_path
from extractors.models import EMAIL_BODY_NAME, Blob, EmailInfo, FileInfo, FileProblem, ProblemCode
from extractors.options import ReadOptions
from extractors.sniff import ARCHIVE_KINDS, DOCUMENT_KINDS, Kind, file_kind, sniff

# Parts that are expected next to documents and are not documents themselves: no problem reported.
HARMLESS_TYPES = frozenset({
    "application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature",
    "application/pgp-keys", "text/vcard", "text/x-vcard", "text/calendar", "application/ics",
})
_UNREADABLE = "format cannot be read"


class Unpacked(BaseModel):
    leaves: list[Blob] = Field(default_factory=list)  # documents to read, in order found
    problems: list[FileProblem] = Field(default_factory=list)
    files: list[FileInfo] = Field(default_factory=list)  # every file seen, containers included
    links: list[str] = Field(default_factory=list)  # cloud-drive links in email bodies
    email: EmailInfo | None = None  # headers of the outermost email


@dataclass
class _Run:
    opts: ReadOptions
    budget: ByteBudget
    strip_email_name: bool
    out: Unpacked = field(default_factory=Unpacked)
    names: set[str] = field(default_factory=set)
    link_texts: list[str] = field(default_factory=list)
    root: str = ""
    seen: int = 0  # files found inside this input, containers and leaves, at any depth
    stopped: bool = False  # a limit for the whole input was reached and reported once

    def problem(self, name: str, code: ProblemCode, detail: str) -> None:
        self.out.problems.append(FileProblem(file=name, code=code, detail=detail))

    def unique(self, name: str) -> str:
        candidate, n = name, 1
        while candidate in self.names:
            n += 1
            stem, dot, ext = name.rpartition(".")
            has_ext = dot and "/" not in ext and len(ext) <= 10 and stem and not stem.endswith("/")
            candidate = f"{stem} ({n}).{ext}" if has_ext else f"{name} ({n})"
        self.names.add(candidate)
        return candidate


def unpack(blob: Blob, opts: ReadOptions | None = None, *,
           strip_email_name: bool = True) -> Unpacked:
    """Every leaf document inside `blob`, with problems, the files seen and cloud links.

    `strip_email_name`: when the input itself is an email, its attachments are named by their own
    file names (SPEC: "inside an `.eml`: the attachment's file name") rather than `x.eml/a.pdf`.
    """
    opts = opts or ReadOptions()
    run = _Run(opts=opts, budget=ByteBudget(opts.max_total_bytes),
               strip_email_name=strip_email_name)
    name = run.unique(sanitise_path(blob.name) or "berkas")
    run.root = name
    _visit(run, blob.model_copy(update={"name": name}))
    run.out.links = links.cloud_links(run.link_texts)
    return run.out


def _visit(run: _Run, blob: Blob) -> None:
    # Limits for the whole input, not per container: 16 zips of 16 zips of 16 small PDFs
    # (42.zip's shape) stay under every per-archive limit and would still mean 4096 documents.
    if run.stopped:
        return
    run.seen += blob.depth > 0  # the input itself is not one of its files
    if run.seen > run.opts.max_archive_members:
        run.stopped = True
        run.problem(run.root, ProblemCode.TOO_LARGE,
                    f"more than {run.opts.max_archive_members} files in all; the rest was not read")
        return
    data = blob.data
    try:
        kind: Kind = sniff(data, blob.name, blob.content_type)
    except Exception:
        kind = "unknown"
    run.out.files.append(_info(blob.name, file_kind(kind), data))
    if not data:
        run.problem(blob.name, ProblemCode.CORRUPT, "file is empty")
    elif len(data) > run.opts.max_file_bytes:
        run.problem(blob.name, ProblemCode.TOO_LARGE,
                    f"{len(data)} bytes, over the limit of {run.opts.max_file_bytes}")
    elif kind in DOCUMENT_KINDS:
        run.out.leaves.append(blob)
    elif kind == "email" or kind in ARCHIVE_KINDS:
        if run.budget.remaining <= 0:  # the total is spent: open nothing more, say so once
            run.stopped = True
            if not any("total limit" in p.detail for p in run.out.problems):
                run.problem(blob.name, ProblemCode.TOO_LARGE,
                            f"unpacked content exceeds the total limit of "
                            f"{run.opts.max_total_bytes} bytes")
            return
        if blob.depth >= run.opts.max_depth:
            run.problem(blob.name, ProblemCode.TOO_LARGE,
                        f"nested deeper than {run.opts.max_depth} containers")
            return
        try:
            if kind == "email":
                _open_email(run, blob)
            else:
                _open_archive(run, blob)
        except Exception as e:  # a hostile container must not stop its siblings
            run.problem(blob.name, ProblemCode.CORRUPT,
                        f"cannot be opened: {type(e).__name__}: {e}")
    elif (blob.content_type or "").lower() not in HARMLESS_TYPES:
        run.problem(blob.name, ProblemCode.CORRUPT, _UNREADABLE)


def _info(name: str, kind: str, data: bytes) -> FileInfo:
    return FileInfo(file=name, kind=kind, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def _child(run: _Run, parent: Blob, prefix: str, name: str, data: bytes,
           content_type: str | None) -> bool:
    """Visit one member of a container; False when the total byte budget is spent."""
    full = run.unique(prefix + name)
    if len(data) > run.budget.remaining:
        run.out.files.append(_info(full, "unknown", data))
        run.problem(full, ProblemCode.TOO_LARGE,
                    f"unpacked content exceeds the total limit of {run.opts.max_total_bytes} bytes")
        return False
    run.budget.remaining -= len(data)
    _visit(run, Blob(name=full, data=data, content_type=content_type, depth=parent.depth + 1))
    return True


def _open_email(run: _Run, blob: Blob) -> None:
    parsed = mail.parse_email(blob.data, run.opts.max_archive_members)
    outermost = run.out.email is None and blob.depth == 0  # the input itself is this email
    if outermost:
        run.out.email = parsed.info
    prefix = "" if outermost and run.strip_email_name else blob.name + "/"
    run.link_texts.append(parsed.body)
    run.link_texts.extend(parsed.hrefs)
    if parsed.body.strip():
        body_name = run.unique(prefix + EMAIL_BODY_NAME)
        data = parsed.body.encode("utf-8")
        run.out.files.append(_info(body_name, "text", data))
        run.out.leaves.append(Blob(name=body_name, data=data, content_type="text/plain",
                                   depth=blob.depth + 1))
    for part in parsed.parts:
        name = sanitise_path(part.name.replace("/", "_")) or "lampiran"
        ctype = "message/rfc822" if part.forwarded else part.content_type
        if ctype == mail.PARTIAL_TYPE:
            full = run.unique(prefix + name)
            run.out.files.append(_info(full, "unknown", part.data))
            run.problem(full, ProblemCode.CORRUPT,
                        "fragment of a message split over several emails (message/partial)")
        elif not _child(run, blob, prefix, name, part.data, ctype):
            break
    if parsed.too_many_parts:
        run.problem(blob.name, ProblemCode.TOO_LARGE,
                    f"more than {run.opts.max_archive_members} MIME parts; the rest was not read")


def _open_archive(run: _Run, blob: Blob) -> None:
    contents = read_archive(blob.data, max_file_bytes=run.opts.max_file_bytes,
                            max_members=run.opts.max_archive_members, budget=run.budget)
    prefix = blob.name + "/"
    for problem in contents.problems:
        name = prefix + problem.name if problem.name else blob.name
        run.problem(name, problem.code, problem.detail)
    for member in contents.members:
        # read_archive already counted these bytes against the budget
        full = run.unique(prefix + member.name)
        _visit(run, Blob(name=full, data=member.data, depth=blob.depth + 1))
