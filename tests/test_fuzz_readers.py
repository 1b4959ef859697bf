"""Fuzzing the reading layer with hypothesis: mutated bytes of small valid PDFs, zips, emails,
images and Word files, and random MIME structures. `read_blobs` (and `check` after it) must
always answer with a result, never an exception. Derandomised, so CI runs the same examples."""

from __future__ import annotations

import base64
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from extractors.models import Blob, ReadResult
from extractors.options import ReadOptions
from tests.hostile import RECEIVED, eml, pdf_with_pages, raw_zip, record

OPTS = ReadOptions(dpi=72, max_pages=3, ocr_workers=1, max_seconds_per_file=5,
                   max_archive_members=40, max_file_bytes=4 << 20, max_total_bytes=16 << 20)
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("L", (48, 32), 255).save(buf, "PNG")
    return buf.getvalue()


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), (250, 250, 250)).save(buf, "JPEG", quality=50)
    return buf.getvalue()


def _docx() -> bytes:
    from tests.fixturegen.content import make_berkas
    from tests.fixturegen.render import to_docx

    return to_docx([make_berkas(5).get("surat_permohonan")])


PDF = pdf_with_pages(2)
SEEDS: dict[str, bytes] = {
    "pdf": PDF,
    "zip": raw_zip([("formulir.pdf", PDF), ("catatan.txt", b"isi catatan")]),
    "eml": eml([("application/pdf", 'filename="formulir.pdf"', PDF)]),
    "png": _png(),
    "jpeg": _jpeg(),
}


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 256))]
        elif op == "truncate":
            del data[at:]
        elif op == "repeat":
            data[at:at] = bytes(data[at:at + 64]) * draw(st.integers(2, 50))
    return bytes(data)


def _read(blob: Blob) -> ReadResult:
    from extractors.check import check
    from extractors.reader import read_blobs

    result = read_blobs([blob], OPTS)
    assert isinstance(result, ReadResult)
    check(result, RECEIVED)  # judging what was read must not fail either
    return result


@pytest.mark.parametrize("kind", list(SEEDS))
def test_mutated_documents_never_raise(kind):
    name = {"eml": "pesan.eml", "zip": "berkas.zip"}.get(kind, f"dokumen.{kind}")

    @FUZZ
    @given(mutated(SEEDS[kind]))
    def run(data: bytes) -> None:
        result = _read(Blob(name=name, data=data))
        assert result.files  # the input itself is always listed
        record("fuzz example")

    run()


def test_mutated_docx_never_raises():
    seed = _docx()

    @settings(FUZZ, max_examples=60)
    @given(mutated(seed))
    def run(data: bytes) -> None:
        _read(Blob(name="surat.docx", data=data))
        record("fuzz example")

    run()


_CHARSETS = st.sampled_from(["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "koi8-r",
                             "iso-2022-jp", "x-tidak-ada", "utf-7", "", "utf-16"])
_ENCODINGS = st.sampled_from(["base64", "quoted-printable", "7bit", "8bit", "binary",
                              "x-uuencode", "", "BASE64 "])
_TYPES = st.sampled_from(["text/plain", "text/html", "application/pdf", "image/png",
                          "application/zip", "message/rfc822", "application/octet-stream",
                          "message/partial", "message/delivery-status", "text/calendar",
                          "application/ms-tnef", "bogus", "multipart/mixed"])
_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                max_size=40)


@st.composite
def mime_part(draw, depth: int = 0) -> bytes:
    if depth < 3 and draw(st.booleans()):
        subtype = draw(st.sampled_from(["mixed", "alternative", "related", "digest", "signed"]))
        boundary = draw(st.sampled_from(["b", "b1", "=_x", "", "a" * 80]))
        children = draw(st.lists(mime_part(depth + 1), max_size=4))
        closing = draw(st.booleans())
        body = b"".join(b"--" + boundary.encode() + b"\r\n" + c + b"\r\n" for c in children)
        if closing:
            body += b"--" + boundary.encode() + b"--\r\n"
        return (f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'
                .encode() + body)
    ctype = draw(_TYPES)
    charset = draw(_CHARSETS)
    cte = draw(_ENCODINGS)
    name = draw(_TEXT)
    payload = draw(st.one_of(st.binary(max_size=200), st.just(PDF), st.just(SEEDS["png"]),
                             st.just(SEEDS["eml"]), _TEXT.map(str.encode)))
    if cte.strip().lower() == "base64" and draw(st.booleans()):
        payload = base64.encodebytes(payload)
    disposition = draw(st.sampled_from(["attachment", "inline", "", "attachment; filename*0*"]))
    head = (f"Content-Type: {ctype}; charset={charset}; name=\"{name}\"\r\n"
            f"Content-Transfer-Encoding: {cte}\r\n"
            f"Content-Disposition: {disposition}; filename*=utf-8''{name}\r\n\r\n")
    return head.encode("utf-8", "replace") + payload


@st.composite
def message(draw) -> bytes:
    subject = draw(_TEXT)
    headers = draw(st.lists(st.sampled_from([
        b"From: =?utf-8?q?Budi?= <budi@dinas.go.id>", b"From: <<>>", b"To: ,,,",
        b"Subject: =?x-unknown?b?////?=", b"Date: kemarin", b"Message-ID: <>",
        b"In-Reply-To: <a@b> <c@d", b"Reply-To: \"tanpa", b"MIME-Version: 2.0",
        b"Content-Transfer-Encoding: base64", b"X-Raw: \xff\xfe\xe9"]), max_size=5))
    return (b"\r\n".join(headers) + b"\r\nSubject: " + subject.encode() + b"\r\n"
            + draw(mime_part()))


def test_random_mime_structures_never_raise():
    @settings(FUZZ, max_examples=300)
    @given(message())
    def run(data: bytes) -> None:
        result = _read(Blob(name="pesan.eml", data=data))
        assert result.email is not None or result.problems
        record("fuzz example")

    run()
