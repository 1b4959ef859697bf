"""Unpacking emails and archives into leaf documents: real-world emails and built hostile inputs."""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import libarchive
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from extractors.containers import unpack
from extractors.models import EMAIL_BODY_NAME, Blob, ProblemCode
from extractors.options import ReadOptions
from extractors.sniff import sniff
from tests.conftest import CORPUS

EMAILS = sorted((CORPUS / "emails").glob("*/*"))
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KB = 1024
SMALL = ReadOptions(max_file_bytes=512 * KB, max_total_bytes=2 * 1024 * KB,
                    max_archive_members=20, max_depth=3)


def _unpack_file(relative: str, opts: ReadOptions | None = None):
    path = CORPUS / "emails" / relative
    return unpack(Blob(name=path.name, data=path.read_bytes()), opts)


def _names(result) -> list[str]:
    return [leaf.name for leaf in result.leaves]


def _problems(result) -> dict[str, ProblemCode]:
    return {p.file: p.code for p in result.problems}


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _libarchive(fmt: str, members: dict[str, bytes], **kw) -> bytes:
    buf = io.BytesIO()
    with libarchive.custom_writer(buf.write, fmt, **kw) as archive:
        for name, data in members.items():
            archive.add_file_from_memory(name, len(data), data)
    return buf.getvalue()


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "PNG")
    return buf.getvalue()


# --- the real-world corpus -----------------------------------------------------------------

@pytest.mark.parametrize("path", EMAILS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_real_world_email_unpacks_sanely(path: Path) -> None:
    data = path.read_bytes()
    started = time.monotonic()
    result = unpack(Blob(name=path.name, data=data))
    assert time.monotonic() - started < 20

    files = {f.file: f for f in result.files}
    assert result.files[0].file == path.name and result.files[0].size == len(data)
    for leaf in result.leaves:
        assert ".." not in leaf.name.split("/") and "\x00" not in leaf.name
        assert not any(ord(ch) < 32 for ch in leaf.name)
        assert leaf.data, leaf.name
        info = files[leaf.name]  # every leaf is listed, with its kind and hash
        assert info.kind in {"pdf", "image", "docx", "doc", "odt", "rtf", "text", "html"}
        assert info.sha256 == hashlib.sha256(leaf.data).hexdigest()
    assert len(files) == len(result.files), "file names are unique"
    for problem in result.problems:
        assert problem.file in files or problem.file.rsplit("/", 1)[0] in files
    if path.suffix == ".eml":
        assert result.email is not None


def _manifest_attachments() -> list[tuple[str, str]]:
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    cases = []
    for entry in manifest["files"]:
        if entry["source"] not in ("imap-tools", "mikel-mail"):
            continue
        for name in entry["derived"].get("attachment_filenames_raw", []):
            if name.isascii() and "=?" not in name and not name.endswith(".eml"):
                cases.append((entry["path"].removeprefix("emails/"), name))
    return cases


@pytest.mark.parametrize(("relative", "name"), _manifest_attachments())
def test_named_attachments_of_fixtures_are_found_by_name(relative: str, name: str) -> None:
    result = _unpack_file(relative)
    assert name in {f.file for f in result.files}


def test_non_ascii_and_encoded_attachment_names_are_decoded() -> None:
    cases = {
        "mikel-mail/attachment_emails__attachment_nonascii_filename.eml": "ciële.txt",
        "mikel-mail/attachment_emails__attachment_with_quoted_filename.eml":
            "Eelanalüüsi päring.jpg",
        "mikel-mail/multi_charset__japanese_attachment_long_name.eml":
            "かきくけこかきくけこかきくけこかきくけこかきくけこ.txt",
        "nodemailer-mailparser/nodemailer.eml": "nyan cat ✔.gif",
    }
    for relative, name in cases.items():
        assert name in _names(_unpack_file(relative)), relative


def test_forwarded_messages_keep_their_attachments_under_their_name() -> None:
    base64_forwards = _unpack_file("imap-tools/attachment_2_base64.eml")
    assert _names(base64_forwards) == [EMAIL_BODY_NAME, f"yandex_email.eml/{EMAIL_BODY_NAME}",
                                       f"yandex_email (2).eml/{EMAIL_BODY_NAME}"]
    assert b"As .EML files have these headers" in base64_forwards.leaves[1].data

    eight_bit = _unpack_file("imap-tools/attachment_8bit.eml")
    forwarded_body = eight_bit.leaves[1]
    assert forwarded_body.name == f"Message01.eml/{EMAIL_BODY_NAME}"
    assert "Добрый день, уважаемые коллеги!" in forwarded_body.data.decode()

    digest = _unpack_file("cpython-email/msg_02.eml")
    assert [n for n in _names(digest) if n.startswith("pesan-terusan-")] == [
        f"pesan-terusan-{i}.eml/{EMAIL_BODY_NAME}" for i in range(1, 6)]


def test_inline_images_are_leaves_and_headers_are_decoded() -> None:
    result = _unpack_file("imap-tools/base.eml")
    assert "collector.jpg" in _names(result)
    assert result.email.subject == "Соберите всю почту в этот ящик"
    assert result.email.sender == "hello@yandex.ru"
    assert result.email.reply_to == "foma@company.ru"


def test_tnef_outlook_msg_and_signatures() -> None:
    tnef = _unpack_file("mimekit/tnef__ukr.eml")
    assert _problems(tnef)["winmail.dat"] == ProblemCode.CORRUPT
    msg = CORPUS / "emails/spamscope-mail-parser/mail_outlook_1.msg"
    outlook = unpack(Blob(name=msg.name, data=msg.read_bytes()))
    assert outlook.email is None and outlook.leaves == []
    assert _problems(outlook) == {msg.name: ProblemCode.CORRUPT}
    signed = _unpack_file("mimekit/smime__thunderbird-signed.eml")
    assert "signed.jpg" in _names(signed) and signed.problems == []  # smime.p7s is no problem


def test_endless_nesting_stops_at_the_part_limit() -> None:
    started = time.monotonic()
    result = _unpack_file("flanker/enclosed-endless.eml")
    assert time.monotonic() - started < 15
    assert ProblemCode.TOO_LARGE in _problems(result).values()
    assert EMAIL_BODY_NAME in _names(result)


# --- built emails --------------------------------------------------------------------------

def _message(subject: str = "Permohonan Akun Admin Agency", body: str | None = "Terlampir.",
             html: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Siti Rahmawati <siti.rahmawati@kaltimprov.go.id>"
    msg["To"] = "lpse@kaltimprov.go.id, Admin PPE <ppe@kaltimprov.go.id>"
    msg["Subject"] = subject
    wita = timezone(timedelta(hours=8))
    msg["Date"] = format_datetime(datetime(2026, 10, 14, 9, 30, tzinfo=wita))
    msg["Message-ID"] = "<abc.123@kaltimprov.go.id>"
    if body is not None:
        msg.set_content(body)
    if html is not None:
        if body is None:
            msg.set_content(html, subtype="html")
        else:
            msg.add_alternative(html, subtype="html")
    return msg


def _eml(msg: EmailMessage, name: str = "permohonan.eml", opts: ReadOptions | None = None):
    return unpack(Blob(name=name, data=msg.as_bytes()), opts)


def test_email_headers_become_email_info() -> None:
    msg = _message(subject="[REG-2026-00042] Perbaikan berkas – Dinas PU")
    msg["Reply-To"] = "budi@pu.go.id"
    msg["In-Reply-To"] = "<first@lpse.go.id>"
    msg["References"] = "<zero@lpse.go.id> <first@lpse.go.id>"
    msg["Auto-Submitted"] = "auto-replied"
    info = _eml(msg).email
    assert info.subject == "[REG-2026-00042] Perbaikan berkas – Dinas PU"
    assert info.sender == "siti.rahmawati@kaltimprov.go.id"
    assert info.reply_to == "budi@pu.go.id"
    assert info.to == ["lpse@kaltimprov.go.id", "ppe@kaltimprov.go.id"]
    assert info.date == "2026-10-14T09:30:00+08:00"
    assert info.message_id == "<abc.123@kaltimprov.go.id>"
    assert info.in_reply_to == "<first@lpse.go.id>"
    assert info.references == ["<zero@lpse.go.id>", "<first@lpse.go.id>"]
    assert info.auto_submitted == "auto-replied"


def test_rfc2231_and_rfc2047_names_and_unnamed_parts() -> None:
    msg = _message()
    msg.add_attachment(PDF, maintype="application", subtype="pdf",
                       filename="SK Penunjukan – Dinas Pekerjaan Umum é.pdf")  # RFC 2231
    msg.add_attachment(PDF, maintype="application", subtype="octet-stream")  # no name
    msg.add_attachment(_png(), maintype="image", subtype="png")
    raw = msg.as_bytes().replace(
        b"Content-Type: image/png",
        b'Content-Type: image/png; name="=?UTF-8?B?S1RQIFNpdGkucG5n?="')  # RFC 2047: "KTP Siti.png"
    result = unpack(Blob(name="m.eml", data=raw))
    assert _names(result) == [EMAIL_BODY_NAME, "SK Penunjukan – Dinas Pekerjaan Umum é.pdf",
                              "lampiran-1.pdf", "KTP Siti.png"]
    assert result.leaves[0].data == b"Terlampir."


def test_message_forwarded_twice_keeps_the_path_of_names() -> None:
    innermost = _message(subject="SK", body="Ini SK-nya.")
    innermost.add_attachment(PDF, maintype="application", subtype="pdf", filename="sk.pdf")
    middle = _message(subject="Fwd: SK", body="Diteruskan.")
    middle.add_attachment(innermost, filename="asli.eml")
    outer = _message(subject="Fwd: Fwd: SK", body="Diteruskan lagi.")
    outer.add_attachment(middle)  # no file name
    result = _eml(outer)
    assert _names(result) == [
        EMAIL_BODY_NAME, f"pesan-terusan-1.eml/{EMAIL_BODY_NAME}",
        f"pesan-terusan-1.eml/asli.eml/{EMAIL_BODY_NAME}", "pesan-terusan-1.eml/asli.eml/sk.pdf"]
    assert result.leaves[3].data == PDF
    assert result.email.subject == "Fwd: Fwd: SK"
    assert [leaf.depth for leaf in result.leaves] == [1, 2, 3, 3]


def test_part_count_and_forwarding_depth_limits() -> None:
    crowded = _message()
    for i in range(30):
        crowded.add_attachment(PDF, maintype="application", subtype="pdf", filename=f"h{i}.pdf")
    result = _eml(crowded, opts=SMALL)
    assert _names(result)[:3] == [EMAIL_BODY_NAME, "h0.pdf", "h1.pdf"]
    assert 10 < len(result.leaves) < 30
    assert _problems(result) == {"permohonan.eml": ProblemCode.TOO_LARGE}

    chain = _message(subject="asal")
    for level in range(4):
        outer = _message(subject=f"Fwd {level}")
        outer.add_attachment(chain, filename=f"f{level}.eml")
        chain = outer
    result = _eml(chain, opts=SMALL)  # max_depth=3: the fourth nested message is not opened
    assert _problems(result) == {"f3.eml/f2.eml/f1.eml": ProblemCode.TOO_LARGE}
    assert f"f3.eml/f2.eml/{EMAIL_BODY_NAME}" in _names(result)


def test_html_only_body_becomes_text_with_line_breaks_and_links() -> None:
    html = ("<html><head><style>p {color: red}</style><script>alert('x')</script></head><body>"
            "<p>Yth. Kepala LPSE,</p>Nama: Siti<br>NIP: 19860926 201505 2 001"
            "<table><tr><td>Jabatan</td><td>Pengelola</td></tr><tr><td>Unit</td><td>Biro</td></tr>"
            "</table><ul><li>Formulir</li><li>SK</li></ul>"
            '<a href="https://drive.google.com/file/d/1AbC/view?usp=sharing">unduh di sini</a>'
            "&nbsp;&amp; terima kasih</body></html>")
    result = _eml(_message(body=None, html=html))
    body = result.leaves[0].data.decode()
    assert result.leaves[0].name == EMAIL_BODY_NAME
    assert body == ("Yth. Kepala LPSE,\n\nNama: Siti\nNIP: 19860926 201505 2 001\n\n"
                    "Jabatan\tPengelola\nUnit\tBiro\n\nFormulir\nSK\n\n"
                    "unduh di sini & terima kasih")
    assert result.links == ["https://drive.google.com/file/d/1AbC/view?usp=sharing"]


def test_cloud_links_in_plain_text_and_not_other_links() -> None:
    body = ("Berkas ada di https://www.dropbox.com/s/xyz/berkas.zip?dl=0, juga "
            "https://kantor-my.sharepoint.com/:b:/g/personal/x. Situs kami https://pu.go.id "
            "dan sharepoint.com.evil.example/x tidak.\n> kutipan https://1drv.ms/b/s!Abc")
    result = _eml(_message(body=body))
    assert result.links == ["https://www.dropbox.com/s/xyz/berkas.zip?dl=0",
                            "https://kantor-my.sharepoint.com/:b:/g/personal/x",
                            "https://1drv.ms/b/s!Abc"]
    assert "> kutipan" in result.leaves[0].data.decode()  # quoted replies are kept


def test_wrong_charset_falls_back_without_raising() -> None:
    msg = _message(body="placeholder")
    raw = msg.as_bytes().replace(b'charset="utf-8"', b'charset="x-no-such-charset"')
    raw = raw.replace(b"placeholder", b"Jalan Jend. Sudirman \xe9 No. 1")
    result = unpack(Blob(name="m.eml", data=raw))
    assert result.leaves[0].data.decode() == "Jalan Jend. Sudirman é No. 1"


def test_empty_and_whitespace_bodies_are_not_leaves() -> None:
    msg = _message(body="  \n \n")
    msg.add_attachment(b"", maintype="application", subtype="pdf", filename="kosong.pdf")
    result = _eml(msg)
    assert result.leaves == []
    assert _problems(result) == {"kosong.pdf": ProblemCode.CORRUPT}


def test_a_broken_archive_does_not_stop_its_siblings() -> None:
    msg = _message()
    msg.add_attachment(_zip({"a.pdf": PDF * 50, "b.pdf": PDF})[:120], maintype="application",
                       subtype="zip", filename="rusak.zip")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="formulir.pdf")
    result = _eml(msg)
    assert _names(result) == [EMAIL_BODY_NAME, "rusak.zip/a.pdf", "formulir.pdf"]
    assert _problems(result) == {"rusak.zip": ProblemCode.CORRUPT}


# --- archives --------------------------------------------------------------------------------

def test_zip_member_names_are_display_names_only() -> None:
    data = _zip({"../../etc/passwd": b"root:x:0:0", "/abs/formulir.pdf": PDF,
                 "dir/sub\x01\x7fname.pdf": PDF, "__MACOSX/dir/._x.pdf": b"junk",
                 "dir/.DS_Store": b"junk", "dir/": b"", "kosong.txt": b""})
    result = unpack(Blob(name="berkas.zip", data=data))
    assert _names(result) == ["berkas.zip/etc/passwd", "berkas.zip/abs/formulir.pdf",
                              "berkas.zip/dir/subname.pdf"]


def test_zip_bomb_is_stopped_at_the_limits() -> None:
    zeros = b"\0" * (20 * 1024 * KB)
    bomb = _zip({"a.pdf": PDF, "bom.bin": zeros, "b.pdf": PDF})
    assert len(bomb) < 100 * KB
    started = time.monotonic()
    result = unpack(Blob(name="bom.zip", data=bomb), SMALL)
    assert time.monotonic() - started < 5
    assert _names(result) == ["bom.zip/a.pdf", "bom.zip/b.pdf"]
    assert _problems(result) == {"bom.zip/bom.bin": ProblemCode.TOO_LARGE}

    many = _zip({f"part{i}.txt": b"x" * (400 * KB) for i in range(8)})  # 3.2 MB > 2 MB total
    result = unpack(Blob(name="banyak.zip", data=many), SMALL)
    assert 0 < len(result.leaves) < 8
    assert _problems(result) == {"banyak.zip": ProblemCode.TOO_LARGE}


def test_member_count_and_nesting_limits() -> None:
    crowded = _zip({f"f{i}.txt": b"isi" for i in range(30)})
    result = unpack(Blob(name="ramai.zip", data=crowded), SMALL)
    assert len(result.leaves) == 20 and _problems(result) == {"ramai.zip": ProblemCode.TOO_LARGE}

    nested = PDF
    for level in range(4, 0, -1):
        nested = _zip({f"level{level}.zip" if level < 4 else "dalam.pdf": nested})
    result = unpack(Blob(name="level0.zip", data=nested), SMALL)
    assert result.leaves == []
    assert _problems(result) == {
        "level0.zip/level1.zip/level2.zip/level3.zip": ProblemCode.TOO_LARGE}

    shallow = _zip({"dalam.zip": _zip({"sk.pdf": PDF})})
    assert _names(unpack(Blob(name="luar.zip", data=shallow))) == ["luar.zip/dalam.zip/sk.pdf"]


def test_encrypted_zip_members_are_reported() -> None:
    data = _libarchive("zip", {"rahasia.pdf": PDF}, options="encryption=zipcrypt",
                       passphrase="sandi")
    result = unpack(Blob(name="terkunci.zip", data=data))
    assert result.leaves == []
    assert _problems(result) == {"terkunci.zip/rahasia.pdf": ProblemCode.ENCRYPTED}


def test_7z_archive_is_read_through_libarchive() -> None:
    data = _libarchive("7zip", {"Surat/formulir ü.pdf": PDF, "Surat/ktp.png": _png()})
    assert sniff(data, "x.7z", None) == "7z"
    result = unpack(Blob(name="berkas.7z", data=data))
    assert _names(result) == ["berkas.7z/Surat/formulir ü.pdf", "berkas.7z/Surat/ktp.png"]
    assert result.leaves[0].data == PDF
    assert {f.file: f.kind for f in result.files}["berkas.7z"] == "archive"


def test_oversized_and_empty_inputs() -> None:
    big = unpack(Blob(name="besar.pdf", data=PDF + b"0" * (600 * KB)), SMALL)
    assert big.leaves == [] and _problems(big) == {"besar.pdf": ProblemCode.TOO_LARGE}
    assert big.files[0].kind == "pdf"
    empty = unpack(Blob(name="kosong.pdf", data=b""))
    assert [(p.code, p.detail) for p in empty.problems] == [(ProblemCode.CORRUPT, "file is empty")]


# --- sniffing --------------------------------------------------------------------------------

def _image(fmt: str) -> bytes:
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF", "GIF", "BMP", "WEBP", "HEIF"])
def test_sniff_images_by_content_whatever_the_name(fmt: str) -> None:
    assert sniff(_image(fmt), "scan.pdf", "application/pdf") == "image"


def test_sniff_documents_and_containers_by_content() -> None:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    msg = _message().as_bytes()
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    cases = {
        "pdf": [(PDF, "x.bin"), (b"\r\n--junk from a mail gateway--\r\n" + PDF, "scan")],
        "docx": [(buf.getvalue(), "surat.zip")],
        "zip": [(_zip({"a.pdf": PDF}), "berkas.pdf")],
        "rar": [(b"Rar!\x1a\x07\x00" + b"\0" * 40, "a"),  # RAR 4
                (b"Rar!\x1a\x07\x01\x00" + b"\0" * 40, "a")],  # RAR 5
        "7z": [(_libarchive("7zip", {"a.pdf": PDF}), "a")],
        "doc": [(OLE := b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                 + "WordDocument".encode("utf-16-le"), "surat.doc")],
        "rtf": [(rb"{\rtf1\ansi Surat}", "surat.doc")],
        "email": [(msg, "pesan"), (b"x", "pesan.eml")],
        "html": [(b"<!DOCTYPE html><html><body>Surat</body></html>", "a.txt"),
                 (b"<p>Surat</p>", "")],
        "text": [(b"Nama: Siti Rahmawati\nNIP: 198609262015052001\n", "a.pdf"),
                 (b"Jalan Sudirman \xe9\n", "")],
        "unknown": [(b"\x00\x01\x02\x03garbage", "a.pdf"), (xlsx, "data.zip"),
                    (OLE[:512] + "__substg1.0_0037001F".encode("utf-16-le"), "pesan.msg")],
    }
    for kind, samples in cases.items():
        for data, name in samples:
            assert sniff(data, name, None) == kind, (kind, name)
    # a body that quotes forwarded headers is still text when declared as text/plain
    quoted = b"From: Budi\nDate: Mon, 1 Jan 2026\nSubject: x\n\nisi"
    assert sniff(quoted, "", "text/plain") == "text"


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(0, 4000), junk=st.binary(max_size=64), at=st.integers(0, 4000))
def test_damaged_emails_and_archives_never_raise(cut: int, junk: bytes, at: int) -> None:
    msg = _message()
    msg.add_attachment(_zip({"a.pdf": PDF, "b/c.zip": _zip({"d.pdf": PDF})}),
                       maintype="application", subtype="zip", filename="berkas.zip")
    msg.add_attachment(_message(subject="lama"))
    raw = msg.as_bytes()
    damaged = raw[:at] + junk + raw[at + cut // 10:]
    for data in (damaged, damaged[:cut], junk):
        result = unpack(Blob(name="rusak.eml", data=data), SMALL)
        assert all("\x00" not in leaf.name for leaf in result.leaves)
