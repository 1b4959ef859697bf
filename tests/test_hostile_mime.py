"""Malformed MIME (missing or wrong boundaries, unknown or wrong charsets, broken base64, raw
8-bit headers, a 100 KB header, 5000 parts, message/rfc822 nested 50 deep) and every real-world
email and PDF of tests/corpora/real-world/: `berkas check` gives a verdict for each, and
intake (emails through a real Dovecot, PDFs through the scan folder) archives each original
exactly once, byte for byte as the server or the folder held it, or leaves it for staff."""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter

import pytest

from berkas.cli.service import status_rows
from berkas.intake.service import Service
from berkas.intake.triage import facts_from_bytes
from extractors.models import Blob
from tests.conftest import CORPUS
from tests.dovecot import dovecot  # noqa: F401  (session fixture)
from tests.hostile import (
    archived_originals,
    assert_inside,
    assert_manifest_matches_disk,
    eml,
    pdf_with_pages,
    read_and_check,
    record,
)
from tests.intake_env import intake_settings

PROCESSED, STAFF = "Berkas-Diproses", "Untuk-Staf"
PDF = pdf_with_pages(1)
HEAD = (b"From: Budi <budi@dinas.go.id>\r\nTo: lpse@localhost\r\n"
        b"Subject: Permohonan akun Admin Agency\r\nDate: Tue, 20 Oct 2026 09:00:00 +0800\r\n")


def _msg(extra: bytes, body: bytes, ctype: bytes = b"multipart/mixed; boundary=\"b1\"") -> bytes:
    return HEAD + b"Message-ID: <" + os.urandom(6).hex().encode() + b"@dinas.go.id>\r\n" + \
        extra + b"MIME-Version: 1.0\r\nContent-Type: " + ctype + b"\r\n\r\n" + body


def _part(headers: bytes, payload: bytes) -> bytes:
    return b"--b1\r\n" + headers + b"\r\n\r\n" + payload + b"\r\n"


B64 = base64.encodebytes(PDF).replace(b"\n", b"\r\n")
ATTACH = b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n" \
    b"Content-Disposition: attachment; filename=\"formulir.pdf\""


def _nested(depth: int) -> bytes:
    inner = _msg(b"", _part(ATTACH, B64) + b"--b1--\r\n")
    for _ in range(depth):
        inner = HEAD + b"MIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n" + inner
    return inner


def _many_parts(n: int) -> bytes:
    small = b"Content-Type: text/plain; charset=utf-8\r\nContent-Disposition: attachment; " \
        b"filename=\"c.txt\""
    return _msg(b"", b"".join(_part(small, b"isi") for _ in range(n)) + b"--b1--\r\n")


MALFORMED: dict[str, bytes] = {
    "no-closing-boundary": _msg(b"", _part(ATTACH, B64)),
    "wrong-boundary": _msg(b"", _part(ATTACH, B64) + b"--b1--\r\n",
                           b"multipart/mixed; boundary=\"tidak-ada\""),
    "no-boundary-parameter": _msg(b"", _part(ATTACH, B64) + b"--b1--\r\n", b"multipart/mixed"),
    "boundary-reused-inside": _msg(b"", _part(b"Content-Type: multipart/mixed; boundary=\"b1\"",
                                              _part(ATTACH, B64)) + b"--b1--\r\n"),
    "multipart-without-parts": _msg(b"", b"hanya teks biasa\r\n"),
    "unknown-charset": _msg(b"", _part(b"Content-Type: text/plain; charset=x-tidak-dikenal",
                                       "Yth. Kepala LPSE, terlampir".encode("cp1252"))
                            + _part(ATTACH.replace(b"filename=\"formulir.pdf\"",
                                                   b"filename*=x-unknown''%FF%FEsk.pdf"), B64)
                            + b"--b1--\r\n"),
    "wrong-charset": _msg(b"", _part(b"Content-Type: text/plain; charset=utf-8",
                                     "Dengan hormat, Pemohon: J\xfcrgen \xa9".encode("latin-1"))
                          + _part(b"Content-Type: text/plain; charset=iso-2022-jp",
                                  b"\x1b$B\xff\xfe\x1b(B") + b"--b1--\r\n"),
    "broken-base64": _msg(b"", _part(ATTACH, B64[:-7] + b"!!*@#\r\n===") + b"--b1--\r\n"),
    "base64-not-base64": _msg(b"", _part(ATTACH, b"%PDF-1.4 ini bukan base64 \xff\xfe")
                              + b"--b1--\r\n"),
    "unknown-transfer-encoding": _msg(b"", _part(ATTACH.replace(b"base64", b"x-uuencode"), B64)
                                      + b"--b1--\r\n"),
    "broken-quoted-printable": _msg(b"", _part(
        b"Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable",
        b"Baris =ZZ terputus=\r\n=\r\n=4") + b"--b1--\r\n"),
    "raw-8bit-headers": _msg("Subject: Permohonan akun – Pemda Kutai Barat ñ\r\n"
                             "From: J\u00fcrgen <j@d\u00fcnas.go.id>\r\n".encode()
                             + b"X-Latin1: caf\xe9\r\n", _part(ATTACH.replace(
                                 b"\"formulir.pdf\"", "\"formulir–ñ.pdf\"".encode()), B64)
                             + b"--b1--\r\n"),
    "unknown-encoded-word": _msg(b"X-Note: =?x-unknown?B?////?= =?utf-8?Q?=ZZ?=\r\n",
                                 _part(ATTACH.replace(b"\"formulir.pdf\"",
                                                      b"\"=?bogus?B?AAAA?=.pdf\""), B64)
                                 + b"--b1--\r\n"),
    "header-100kb": _msg(b"X-Panjang: " + b"a" * 100_000 + b"\r\nReferences: "
                         + b" ".join(b"<%d@x>" % n for n in range(5000)) + b"\r\n",
                         _part(ATTACH, B64) + b"--b1--\r\n"),
    "rfc2231-gaps": _msg(b"", _part(ATTACH.replace(
        b"filename=\"formulir.pdf\"",
        b"filename*0*=utf-8''%E2%80%AE; filename*2=\"fdp.exe\"; filename*7*=%00"), B64)
        + b"--b1--\r\n"),
    "5000-parts": _many_parts(5000),
    "rfc822-nested-50": _nested(50),
    "headers-only": HEAD + b"Message-ID: <hanya-kepala@dinas.go.id>\r\n",
    "no-blank-line": HEAD.replace(b"\r\n", b"\n") + b"Message-ID: <tanpa@x>\nbadan tanpa pemisah",
    "bare-cr-and-lf": _msg(b"", _part(ATTACH, B64).replace(b"\r\n", b"\r") + b"--b1--\n"),
    "nul-bytes": _msg(b"", _part(b"Content-Type: text/plain", b"isi\x00\x00dengan NUL")
                      + _part(ATTACH, B64) + b"--b1--\r\n"),
    "bom-prefixed": b"\xef\xbb\xbf" + _msg(b"", _part(ATTACH, B64) + b"--b1--\r\n"),
    "hostile-names-rfc2047": eml([("application/pdf",
                                   'filename="=?utf-8?b?Li4vLi4vZXRjL3Bhc3N3ZA==?="', PDF)]),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_berkas_check_gives_a_verdict(name):
    read, verdict = read_and_check([Blob(name=f"{name}.eml", data=MALFORMED[name])])
    assert read.email is not None
    assert not verdict.complete and verdict.deficiencies  # it is no berkas: it says what lacks
    for problem in read.problems:
        assert any(d.file == problem.file and d.code == problem.code for d in
                   verdict.deficiencies), problem
    record("malformed mime")


def test_limits_on_parts_and_nesting_are_reported():
    _, verdict = read_and_check([Blob(name="banyak.eml", data=MALFORMED["5000-parts"])])
    assert any(d.code == "too_large" and "banyak.eml" in (d.file or "")
               for d in verdict.deficiencies)
    read, verdict = read_and_check([Blob(name="dalam.eml", data=MALFORMED["rfc822-nested-50"])])
    assert any(p.code == "too_large" and "deeper" in p.detail for p in read.problems)
    record("malformed mime", 0)


def _held(dovecot, user) -> tuple[dict[str, list[str]], dict[str, str]]:  # noqa: F811
    """sha256 of every message the server holds -> the folders holding it; and -> its
    Message-ID."""
    out: dict[str, list[str]] = {}
    ids: dict[str, str] = {}
    for folder in ("INBOX", PROCESSED, STAFF):
        for raw in dovecot.folder_bytes(user, folder):
            sha = hashlib.sha256(raw).hexdigest()
            out.setdefault(sha, []).append(folder)
            ids[sha] = facts_from_bytes(raw).message_id
    return out, ids


def _intake_mail(tmp_path, dovecot, messages: list[bytes], **limits):  # noqa: F811
    user = dovecot.new_user()
    dovecot.deliver(user, *messages)
    settings = intake_settings(tmp_path, dovecot.env(user), ocr_dpi=72, **limits)
    service = Service(settings)
    outcomes = service.poll_once()
    held, ids = _held(dovecot, user)
    archive = tmp_path / "archive"
    assert_inside(archive)
    assert_manifest_matches_disk(archive)
    archived = {sha: paths for sha, paths in archived_originals(archive).items()
                if any(p.endswith("/pesan.eml") for p in paths)}
    for sha, folders in held.items():
        assert folders in ([PROCESSED], [STAFF]), folders  # out of the inbox, in one place
        count = sum(p.endswith("/pesan.eml") for p in archived.get(sha, []))
        if folders == [PROCESSED] and count == 0 and ids[sha]:
            # taken as a duplicate of an archived message with the same Message-ID (see
            # test_same_message_id_other_content_is_archived_too)
            assert any(ids[other] == ids[sha] for other in held if other != sha
                       and (other in archived or held[other] == [STAFF])), sha
            continue
        # archived exactly once, byte for byte as the server holds it; or left for staff
        assert count == (1 if folders == [PROCESSED] else 0), (folders, archived.get(sha))
    assert not [o for o in outcomes if o.disposition == "failed"]
    rows = status_rows(settings=settings)
    for row in rows:  # every application answers with a verdict, none silently complete
        assert row["state"] != "menunggu_pemeriksaan", row
        assert row["deficiencies"] or row["needs_review"] or row["state"] == "lengkap", row
    return held, outcomes, rows


def test_malformed_mime_through_dovecot_intake(tmp_path, dovecot):  # noqa: F811
    messages = list(MALFORMED.values())
    held, outcomes, rows = _intake_mail(tmp_path, dovecot, messages)
    assert len(held) == len(messages)  # the server took every one
    assert "duplicate" not in {o.disposition for o in outcomes}
    assert rows  # the berkas-like ones became applications with deficiencies
    record("malformed mime through intake", len(messages))


def test_real_world_emails_through_dovecot_intake(tmp_path, dovecot):  # noqa: F811
    emails = sorted(p for p in (CORPUS / "emails").rglob("*") if p.is_file())  # .eml, one .msg
    assert len(emails) >= 100
    messages = [p.read_bytes() for p in emails]
    held, outcomes, rows = _intake_mail(tmp_path, dovecot, messages, max_pages=2)
    # Messages that are byte-identical up to line endings are one message on the server.
    assert len(held) >= len({m.replace(b"\r\n", b"\n") for m in messages}) - 2
    kinds = Counter(o.disposition for o in outcomes)
    assert kinds["new"] + kinds["other"] + kinds["duplicate"] + kinds["reply"] \
        + kinds["joined"] == len(outcomes)
    record("real-world email through intake", len(messages))


def test_real_world_pdfs_through_scan_folder_intake(tmp_path):
    pdfs = sorted((CORPUS / "pdfs").rglob("*.pdf"))
    assert len(pdfs) >= 100
    settings = intake_settings(tmp_path, ocr_dpi=72, max_pages=2, scan_stable_seconds=0.05)
    inbox = tmp_path / "inbox"
    inbox.mkdir(parents=True)
    for path in pdfs:
        (inbox / f"{path.parent.name}__{path.name}").write_bytes(path.read_bytes())
    service = Service(settings)
    outcomes = service.poll_once()
    assert not [o for o in outcomes if o.disposition == "failed"]
    assert os.listdir(inbox) == []
    archive = tmp_path / "archive"
    assert_inside(archive)
    assert_manifest_matches_disk(archive)
    archived = archived_originals(archive)
    for path in pdfs:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        assert len(archived.get(sha, [])) == 1, path  # every original, exactly once
    done = set(os.listdir(tmp_path / "scans-done")) | set(os.listdir(tmp_path / "scans-refused"))
    assert {f"{p.parent.name}__{p.name}" for p in pdfs} <= done
    for row in status_rows(settings=settings):
        assert row["state"] != "menunggu_pemeriksaan", row
    record("real-world pdf through intake", len(pdfs))


def test_same_message_id_other_content_is_archived_too(tmp_path, dovecot):  # noqa: F811
    """Anyone who knows (or guesses) an application's Message-ID must not be able to make it
    vanish by sending something else under that id first; broken mailers reuse ids too."""
    first = eml([("application/pdf", 'filename="surat.pdf"', pdf_with_pages(1, "Surat satu "
                                                                            * 8))])
    msg_id = facts_from_bytes(first).message_id
    second = eml([("application/pdf", 'filename="formulir.pdf"', PDF)])
    second = second.replace(facts_from_bytes(second).message_id.encode(), msg_id.encode())
    user = dovecot.new_user()
    dovecot.deliver(user, first, second)
    Service(intake_settings(tmp_path, dovecot.env(user), ocr_dpi=72)).poll_once()
    archived = archived_originals(tmp_path / "archive")
    for raw in (first, second):
        assert hashlib.sha256(raw).hexdigest() in archived
