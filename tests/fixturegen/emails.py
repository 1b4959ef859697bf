"""RFC 822 messages as applicants send them: attachments with non-ASCII names, forwards, HTML-only
bodies, the cover letter typed into the body, a cloud-drive link instead of files, inline scans."""

from __future__ import annotations

import base64
import io
import random
from dataclasses import dataclass, field
from datetime import datetime, time
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from zoneinfo import ZoneInfo

from .archives import rar_of, seven_zip_of, zip_of
from .content import Berkas, Document
from .render import images_to_pdf, page_images, to_docx, to_html, to_pdf

__all__ = ["Attachment", "MailFixture", "berkas_email", "forward", "message", "rar_of",
           "seven_zip_of", "zip_of", "STYLES"]

WITA = ZoneInfo("Asia/Makassar")
LPSE_ADDRESS = "lpse@kaltimprov.go.id"
MIME = {"pdf": ("application", "pdf"), "jpg": ("image", "jpeg"), "jpeg": ("image", "jpeg"),
        "png": ("image", "png"), "zip": ("application", "zip"),
        "7z": ("application", "x-7z-compressed"), "rar": ("application", "vnd.rar"),
        "docx": ("application",
                 "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "doc": ("application", "msword"), "eml": ("message", "rfc822")}


@dataclass
class Attachment:
    filename: str
    data: bytes
    inline: bool = False
    content_id: str | None = None  # for inline images referenced from HTML
    filename_encoding: str = "rfc2231"  # or "rfc2047" (quoted encoded-word, as Outlook does)

    @property
    def mime(self) -> tuple[str, str]:
        ext = self.filename.rsplit(".", 1)[-1].lower()
        return MIME.get(ext, ("application", "octet-stream"))


def _encoded_word(name: str) -> str:
    return f"=?utf-8?b?{base64.b64encode(name.encode()).decode()}?="


def _attach(msg: EmailMessage, att: Attachment) -> None:
    maintype, subtype = att.mime
    disposition = "inline" if att.inline else "attachment"
    if maintype == "message":
        from email import message_from_bytes

        inner = message_from_bytes(att.data, policy=policy.default)
        msg.add_attachment(inner, disposition=disposition, filename=att.filename)
        return
    if att.filename_encoding == "rfc2047" and not att.filename.isascii():
        if msg.get_content_type() != "multipart/mixed":
            msg.make_mixed()
        msg.attach(_rfc2047_part(att, disposition))
        return
    msg.add_attachment(att.data, maintype=maintype, subtype=subtype, disposition=disposition,
                       filename=att.filename, cid=att.content_id)


def _rfc2047_part(att: Attachment, disposition: str):
    """A part whose file name is RFC 2047 encoded words inside quotes, as Outlook and Gmail
    write it (not standard, but common). A compat32 part keeps the raw header as written."""
    from email.mime.base import MIMEBase

    maintype, subtype = att.mime
    words = []
    chunk = ""
    for ch in att.filename:  # at most 30 bytes per encoded word, split on characters
        if len((chunk + ch).encode()) > 30:
            words.append(_encoded_word(chunk))
            chunk = ""
        chunk += ch
    words.append(_encoded_word(chunk))
    quoted = "\n ".join(words)
    part = MIMEBase(maintype, subtype)
    part.set_payload(base64.encodebytes(att.data).decode("ascii"))
    part.replace_header("Content-Type", f'{maintype}/{subtype};\n name="{quoted}"')
    part["Content-Transfer-Encoding"] = "base64"
    part["Content-Disposition"] = f'{disposition};\n filename="{quoted}"'
    return part


def message(*, subject: str, sender: str, to: str = LPSE_ADDRESS, text: str | None = None,
            html: str | None = None, attachments: list[Attachment] | tuple = (),
            date: datetime | None = None, message_id: str | None = None,
            in_reply_to: str | None = None) -> bytes:
    """A complete message. `html` without `text` gives an HTML-only body; inline attachments
    with a content id go into a multipart/related next to the HTML."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or datetime(2026, 10, 14, 9, 30, tzinfo=WITA))
    msg["Message-ID"] = message_id or make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">"))
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg["MIME-Version"] = "1.0"
    if text is not None:
        msg.set_content(text)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    elif html is not None:
        msg.set_content(html, subtype="html")
    else:
        msg.set_content("")
    related = [a for a in attachments if a.inline and a.content_id]
    if related:
        html_part = msg if msg.get_content_type() == "text/html" else next(
            p for p in msg.iter_parts() if p.get_content_type() == "text/html")
        for att in related:
            maintype, subtype = att.mime
            html_part.add_related(att.data, maintype=maintype, subtype=subtype,
                                  cid=att.content_id, disposition="inline",
                                  filename=att.filename)
    for att in attachments:
        if att not in related:
            _attach(msg, att)
    return msg.as_bytes()


def forward(inner: bytes, *, sender: str, to: str = LPSE_ADDRESS, note: str = "",
            date: datetime | None = None, filename: str = "message.eml") -> bytes:
    """Forward `inner` as a message/rfc822 attachment (as Thunderbird's "forward as attachment")."""
    from email import message_from_bytes

    subject = message_from_bytes(inner, policy=policy.default)["Subject"] or ""
    return message(subject=f"Fwd: {subject}", sender=sender, to=to,
                   text=note or "Mohon diproses. Terima kasih.",
                   attachments=[Attachment(filename, inner)], date=date)


# --- whole applications by email ---------------------------------------------------------------

STYLES = ("pdf_each", "one_pdf", "scans_jpeg", "scanned_pdf", "docx", "zip", "rar", "seven_zip",
          "body_is_letter", "drive_link", "html_only", "forward_twice", "inline_images",
          "rfc2047_names")


@dataclass
class MailFixture:
    eml: bytes
    berkas: Berkas
    style: str
    files: dict[str, bytes] = field(default_factory=dict)  # the attachments as sent, by name
    expected_deficiencies: set[str] = field(default_factory=set)


def _sender(b: Berkas) -> str:
    return f"{b.person.bare_name} <{b.person.email}>"


def _scan_jpeg(doc: Document, font: str, dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    page_images(doc, dpi, font)[0].save(buf, format="JPEG", quality=80, dpi=(dpi, dpi))
    return buf.getvalue()


def _scan_png(doc: Document, font: str, dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    page_images(doc, dpi, font)[0].convert("RGB").save(buf, format="PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def _cover_text(b: Berkas) -> str:
    p = b.person
    return (f"Yth. Admin LPSE Provinsi Kalimantan Timur,\n\nBersama ini kami kirimkan berkas "
            f"permohonan pembuatan akun Admin Agency atas nama {p.nama} ({p.satuan_kerja}).\n"
            "Berkas terlampir.\n\nHormat kami,\n"
            f"{p.nama}\n{p.telepon_printed}\n")


def berkas_email(b: Berkas, style: str = "pdf_each", dpi: int = 150) -> MailFixture:
    """The berkas as one email in the given style (see STYLES). Scans use `dpi` (150 keeps
    fixtures small; still readable by tesseract)."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; one of {STYLES}")
    rng = random.Random(f"{b.seed}-{style}")
    subject = rng.choice(["Permohonan Akun Admin Agency", "Pengajuan User ID Admin Agency SPSE",
                          f"Berkas Admin Agency - {b.agency.abbr}"])
    date = datetime.combine(b.received, time(rng.randint(7, 16), rng.randint(0, 59)), WITA)
    docs = list(b.documents)
    expected = set(b.expected_deficiencies)
    text: str | None = _cover_text(b)
    html = None
    files: dict[str, bytes] = {}
    atts: list[Attachment] = []
    if style in ("pdf_each", "rfc2047_names"):
        enc = "rfc2047" if style == "rfc2047_names" else "rfc2231"
        for d in docs:
            name = _unique(_non_ascii_name(d, b) if enc == "rfc2047" else d.filename, files)
            files[name] = to_pdf([d], b.font)
            atts.append(Attachment(name, files[name], filename_encoding=enc))
    elif style == "one_pdf":
        files["Berkas Admin Agency.pdf"] = to_pdf(docs, b.font)
    elif style in ("scans_jpeg", "inline_images"):
        for i, d in enumerate(docs, 1):
            if i == len(docs) and style == "scans_jpeg":  # one arrives as a PNG screenshot
                files[f"Screenshot_20261014-0931{i:02d}.png"] = _scan_png(d, b.font, dpi)
            else:
                files[f"IMG-20261014-WA00{i:02d}.jpg"] = _scan_jpeg(d, b.font, dpi)
        if style == "inline_images":
            cids = [make_msgid(domain="scan.local")[1:-1] for _ in files]
            html = "<p>" + _cover_text(b).replace("\n", "<br>") + "</p>" + "".join(
                f'<p><img src="cid:{c}"></p>' for c in cids)
            text = None
            atts = [Attachment(n, data, inline=True, content_id=f"<{c}>")
                    for (n, data), c in zip(files.items(), cids, strict=True)]
    elif style == "scanned_pdf":
        images = [im for d in docs for im in page_images(d, dpi, b.font)]
        files["scan0001.pdf"] = images_to_pdf(images, dpi)
    elif style == "docx":
        for d in docs:
            files[_unique(d.filename.rsplit(".", 1)[0] + ".docx", files)] = to_docx([d])
    elif style in ("zip", "rar", "seven_zip"):
        inner = {f"Berkas Admin Agency/{_unique(d.filename, {})}": to_pdf([d], b.font)
                 for d in docs}
        pack = {"zip": zip_of, "rar": rar_of, "seven_zip": seven_zip_of}[style]
        ext = {"zip": "zip", "rar": "rar", "seven_zip": "7z"}[style]
        files[f"Berkas Admin Agency – {b.agency.abbr}.{ext}"] = pack(inner)
    elif style == "body_is_letter":
        letter = b.get("surat_permohonan")
        if letter is not None:
            text = letter.text + "\n"
        for d in docs:
            if d is not letter:
                files[_unique(d.filename, files)] = to_pdf([d], b.font)
    elif style == "html_only":
        letter = b.get("surat_permohonan")
        html = to_html(letter) if letter is not None else "<p>" + _cover_text(b) + "</p>"
        text = None
        for d in docs:
            if d is not letter:
                files[_unique(d.filename, files)] = to_pdf([d], b.font)
    elif style == "drive_link":
        folder = "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789_-")
                         for _ in range(33))
        text = (f"Yth. Admin LPSE,\n\nBerkas permohonan akun Admin Agency atas nama "
                f"{b.person.nama} dapat diunduh pada tautan berikut:\n"
                f"https://drive.google.com/drive/folders/{folder}?usp=sharing\n\n"
                "Terima kasih.\n")
        # the documents are only linked: none of them is among the documents read
        expected = {"link_only"} | {f"missing:{t}" for t in
                                    ("formulir", "surat_penunjukan", "surat_permohonan")}
    elif style == "forward_twice":
        for d in docs:
            files[_unique(d.filename, files)] = to_pdf([d], b.font)
    if not atts:
        atts = [Attachment(n, data) for n, data in files.items()]
    eml = message(subject=subject, sender=_sender(b), text=text, html=html, attachments=atts,
                  date=date)
    if style == "forward_twice":
        staff = f"Sekretariat {b.agency.abbr} <sekretariat@{b.agency.region.domain}>"
        once = forward(eml, sender=staff, to=f"kepala@{b.agency.region.domain}", date=date)
        eml = forward(once, sender=f"Kepala {b.agency.abbr} <kepala@{b.agency.region.domain}>",
                      note="Diteruskan untuk diproses.", date=date)
    return MailFixture(eml, b, style, files, expected)


def _non_ascii_name(d: Document, b: Berkas) -> str:
    return {"formulir": f"Formulir – {b.person.bare_name}.pdf",
            "surat_penunjukan": f"SK Penunjukan №{b.seed % 50 + 1}.pdf",
            "surat_permohonan": f"Surat Permohonan – {b.agency.abbr}.pdf"}.get(
                d.doc_type, f"Lampiran – {d.title}.pdf")


def _unique(name: str, taken: dict) -> str:
    if name not in taken:
        return name
    stem, _, ext = name.rpartition(".")
    n = 2
    while f"{stem} ({n}).{ext}" in taken:
        n += 1
    return f"{stem} ({n}).{ext}"
