"""Sanity checks of the fixture generator itself: what it claims as ground truth is really there."""

from __future__ import annotations

import io
import os
import random
import subprocess
from email import message_from_bytes, policy

import libarchive
import pypdf
import pytest

from tests.fixturegen import content, emails, people, render
from tests.fixturegen.archives import rar_of, seven_zip_of, zip_of


def test_generated_nips_are_valid_and_pppk_differs_from_pns():
    rng = random.Random(1)
    for kind in ("pns", "pppk"):
        for _ in range(200):
            p = people.make_person(rng, kind)
            assert people.nip_is_valid(p.nip), p.nip
            assert p.nip[14] == str(p.gender)
            assert content.norm_nip(p.nip_printed) == p.nip
            assert content.norm_phone(p.telepon_printed) == p.telepon
            assert p.email == p.email.lower() and "@" in p.email
    assert not people.nip_is_valid("19860926201505200")  # 17 digits
    assert not people.nip_is_valid("198613262015052001")  # month 13
    assert not people.nip_is_valid("198609262015053001")  # gender 3


def test_same_seed_same_berkas_and_defects_are_reported():
    a, b = content.make_berkas(5), content.make_berkas(5)
    assert [d.text for d in a.documents] == [d.text for d in b.documents]
    assert a.complete
    bad = content.make_berkas(5, omit_fields=("email",), wrong_nip=True, expired=True,
                              wrong_addressee=True, future=("surat_permohonan",))
    assert bad.expected_deficiencies == {
        "missing_field:email", "invalid:nip", "expired:surat_penunjukan",
        "invalid:tujuan_surat", "future_date:surat_permohonan"}
    assert bad.expected_fields["email"] is None
    assert not people.nip_is_valid(bad.expected_fields["nip"])
    other = content.make_berkas(6, sk_other_person=True, missing=("surat_permohonan",))
    assert other.expected_deficiencies == {"mismatch:nama", "mismatch:nip",
                                           "missing:surat_permohonan"}
    sk = other.get("surat_penunjukan")
    assert other.person.nip not in [a["nip"] for a in sk.expected["appointees"]]


def test_digital_pdf_text_layer_holds_nip_and_email():
    b = content.make_berkas(7, lainnya=("ktp",))
    data = render.to_pdf(b.documents, font=b.font)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == sum(len(d.page_texts()) for d in b.documents)
    form_text = reader.pages[0].extract_text()
    assert b.get("formulir").fields["nip"] in form_text
    assert b.person.email in form_text
    assert b.head.nip in reader.pages[1].extract_text()  # the decoy signer's NIP


def test_page_image_is_a4_and_tesseract_reads_the_nip():
    b = content.make_berkas(8, variants={"formulir": "list"})
    form = b.get("formulir")
    img = render.to_image(form, dpi=300, font="Liberation Serif")
    assert img.mode == "L" and img.size == (2480, 3508)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    out = subprocess.run(["tesseract", "-", "-", "-l", "ind"], input=buf.getvalue(),
                         capture_output=True, check=True, timeout=60,
                         env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout.decode()
    assert form.fields["nip"] in out
    assert b.person.email in out


def test_scanned_pdf_page_size_and_bad_text_layer():
    form = content.make_berkas(9).get("formulir")
    images = render.page_images(form, dpi=100)
    scan = render.images_to_pdf(images)
    page = pypdf.PdfReader(io.BytesIO(scan)).pages[0]
    assert page.extract_text().strip() == ""
    assert abs(float(page.mediabox.width) - 595.3) < 1.5  # A4 in points
    bad = render.with_bad_text_layer(scan, "F0RMULlR PERM0H0NAN N1P l9B6")
    page = pypdf.PdfReader(io.BytesIO(bad)).pages[0]
    assert "F0RMULlR" in page.extract_text()
    assert abs(float(page.mediabox.height) - 842) < 1.5


@pytest.mark.parametrize("pack", [rar_of, seven_zip_of, zip_of])
def test_archives_read_back_with_libarchive(pack):
    files = {"Formulir.pdf": b"%PDF-1.4 formulir", "berkas/SK Penunjukan №5 – Dinas PU.pdf": b"x"
             * 3000, "kosong.txt": b""}
    got = {}
    with libarchive.memory_reader(pack(files)) as archive:
        for entry in archive:
            got[entry.pathname.replace("\\", "/")] = b"".join(entry.get_blocks())
    assert got == files


def test_rar_headers_match_winrar():
    data = rar_of({"a.txt": b"abc"})
    # marker, then the main header WinRAR writes (CRC 0x90CF), and the fixed end-of-archive block
    assert data.startswith(b"Rar!\x1a\x07\x00\xcf\x90\x73\x00\x00\x0d\x00")
    assert data.endswith(b"\xc4\x3d\x7b\x00\x40\x07\x00")


def test_email_parses_with_non_ascii_attachment_names_and_forwards():
    b = content.make_berkas(10)
    for style in ("rfc2047_names", "pdf_each"):
        mail = emails.berkas_email(b, style)
        msg = message_from_bytes(mail.eml, policy=policy.default)
        got = {p.get_filename(): p.get_payload(decode=True) for p in msg.walk()
               if p.get_filename()}
        assert got == mail.files
        assert len(got) == 3
    assert any(not n.isascii() for n in mail.files) or style == "pdf_each"
    fwd = message_from_bytes(emails.berkas_email(b, "forward_twice").eml, policy=policy.default)
    depth, part = 0, fwd
    while True:
        inner = [p for p in part.iter_attachments() if p.get_content_type() == "message/rfc822"]
        if not inner:
            break
        part, depth = inner[0].get_content(), depth + 1
    assert depth == 2
    assert len([p for p in part.iter_attachments() if p.get_filename().endswith(".pdf")]) == 3
    link = emails.berkas_email(b, "drive_link")
    assert "drive.google.com" in message_from_bytes(link.eml, policy=policy.default
                                                    ).get_body().get_content()
    assert "link_only" in link.expected_deficiencies
