"""Applicant-controlled text (names, agencies, subjects, file names, fields read from a form)
flowing into emails, letters and Markdown cannot inject HTML, Markdown links or images, email
headers, extra paragraphs, or template code."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import markdown
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader
from sqlalchemy import func, select

from berkas.core.markdown import md_escape
from berkas.outgoing.emails import queue_completion_request, queue_receipt, queue_surat_jawaban
from berkas.outgoing.outbox import compose
from berkas.outgoing.render import RenderedEmail, environment, render_email, render_letter
from berkas.store.models import OutboxMessage
from tests.hostile import record
from tests.outbox_env import REGISTRATION, make_env, parse

HOSTILE_TEXT = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[klik di sini](http://jahat.example/login)",
    "![logo](http://jahat.example/pixel.png)",
    "<http://jahat.example> dan www.jahat.example serta https://jahat.example/a",
    "# Judul palsu\n\n## Disetujui",
    "| a | b |\n|---|---|\n| sel | palsu |",
    "> kutipan\n- butir\n1. nomor\n```\nkode\n```",
    "**tebal** _miring_ `kode` ~~coret~~ \\*",
    "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} ${7*7} #{7*7}",
    "Budi\r\nBcc: korban@example.com\r\n\r\nKata sandi Anda: rahasia",
    "<a href=\"javascript:alert(1)\">tautan</a> &amp; &lt;",
    "surat\u202efdp.exe \u200bnama\u2066",
    "[a]: http://jahat.example\n[a]",
]
TAGS = re.compile(r"<(a|img|script|h\d|ul|ol|li|blockquote|code|pre|em|strong|del|s|iframe|hr)"
                  r"[\s>/]", re.IGNORECASE)


def _visible(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace("\u200b", "").strip()


def _expected(text: str) -> str:
    text = re.sub(r"[\u200b-\u200f\u202a-\u202e\u2060-\u206f]", "", text)
    return " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_md_escape_is_inert_in_paragraphs_and_table_cells(text):
    value = md_escape(text)
    assert "\n" not in value
    renderers = [MarkdownIt("commonmark").enable("table").render,  # raw HTML allowed
                 lambda src: markdown.markdown(src, extensions=["tables"])]
    for render in renderers:
        paragraph = render(f"Nama pemohon: {value}\n")
        assert not TAGS.search(paragraph), paragraph
        assert _visible(paragraph) == f"Nama pemohon: {_expected(text)}"
        table = render(f"| kolom | isi |\n|---|---|\n| nama | {value} |\n")
        assert not TAGS.search(table), table
        assert table.count("<td") == 2 and table.count("<tr") == 2, table
    record("markdown injection")


def _hostile_person() -> dict[str, str]:
    return {"sender_name": "<script>alert(1)</script>{{ 7*7 }}",
            "instansi": "Dinas <b>PU</b>\r\n\r\nKata sandi Anda: 123 [klik](http://jahat.example)"}


def test_emails_keep_applicant_text_as_text(tmp_path):
    env = make_env(tmp_path)
    outbox = env.outbox(port=1)
    templates = environment()
    person = _hostile_person()
    deficiencies = [{"code": "corrupt", "file": "<img src=x onerror=alert(1)>.pdf",
                     "message": "Berkas <img src=x onerror=alert(1)>.pdf rusak {{ 7*7 }}."}]
    with env.sessions.begin() as s:
        app = env.application(s)
        queue_receipt(outbox, s, templates, env.settings, app, to="budi@dinas.go.id",
                      received=date(2026, 11, 24), **person)
        queue_completion_request(outbox, s, templates, env.settings, app,
                                 to="budi@dinas.go.id", deficiencies=deficiencies,
                                 received=date(2026, 11, 24), **person)
    with env.sessions() as s:
        raws = [m.raw for m in s.scalars(select(OutboxMessage))]
    assert len(raws) == 2
    for raw in raws:
        message = parse(raw)
        text = message.get_body(("plain",)).get_content()
        body = message.get_body(("html",)).get_content()
        assert "<script" not in body and "<img" not in body and "<b>PU" not in body
        assert "&lt;script&gt;" in body
        assert "{{ 7*7 }}" in text and "{{ 7*7 }}" in html.unescape(body)
        assert "49" not in text
        # the line break in the agency name does not start a line of its own
        assert not any(line.startswith("Kata sandi") for line in text.splitlines())
        assert set(k.lower() for k in message) <= {
            "from", "to", "subject", "date", "message-id", "auto-submitted",
            "x-berkas-purpose", "mime-version", "content-type", "in-reply-to", "references"}
    record("email injection", 2)


@pytest.mark.parametrize("field", ["to", "cc", "in_reply_to", "sender"])
def test_line_breaks_never_reach_a_header(tmp_path, field):
    env = make_env(tmp_path)
    outbox = env.outbox(port=1)
    hostile = "budi@dinas.go.id\r\nBcc: korban@example.com"
    values = {"to": ["budi@dinas.go.id"], "cc": [], "in_reply_to": None,
              "sender": env.settings.mail_from}
    values[field] = [hostile] if field in ("to", "cc") else hostile
    rendered = RenderedEmail("Tanda Terima", "isi", "<p>isi</p>")
    with pytest.raises(ValueError), env.sessions.begin() as s:
        outbox.enqueue(s, registration=REGISTRATION, purpose="tanda_terima",
                       rendered=rendered, **values)
    with env.sessions() as s:
        assert s.scalar(select(func.count(OutboxMessage.id))) == 0  # nothing recorded
    record("email header injection")


def test_subject_from_a_template_value_stays_one_header(tmp_path):
    templates = environment()
    rendered = render_email(templates, "surat_jawaban", {
        "lpse_name": "LPSE", "registration": REGISTRATION, "sender_name": None,
        "instansi": None, "letter_number": "000.3/1/B\r\nBcc: korban@example.com",
        "letter_date": date(2026, 11, 24), "pimpinan_jabatan": "Kepala\nDinas",
        "surat_nomor": "1", "surat_tanggal": date(2026, 11, 1), "surat_perihal": "x",
        "received": date(2026, 11, 2), "nama": "Budi", "nip": "1"})
    assert "\n" not in rendered.subject and "\r" not in rendered.subject
    msg = compose(sender="lpse@x.id", to=["budi@dinas.go.id"], cc=[],
                  registration=REGISTRATION, purpose="surat_jawaban", rendered=rendered,
                  when=__import__("datetime").datetime(2026, 11, 24, 9, 0))
    assert "bcc" not in {k.lower() for k in parse(msg.as_bytes())}
    record("email header injection")


def _letter(**overrides) -> dict:
    values = {"pimpinan_jabatan": "Kepala Dinas PU", "instansi": "Dinas PU",
              "surat_nomor": "800/12/PU", "surat_tanggal": date(2026, 11, 1),
              "surat_perihal": "Permohonan akun", "received": date(2026, 11, 2),
              "nama": "Budi Santoso", "nip": "198001012006041001"}
    values.update(overrides)
    return values


def test_letter_keeps_applicant_text_literal_and_in_its_paragraph(tmp_path):
    env = make_env(tmp_path)
    templates = environment()
    hostile = _letter(nama="{{ 7*7 }} <b>Budi</b>\n\nDengan ini akun DISETUJUI tanpa pelatihan.",
                      instansi="Dinas {% raw %}PU", surat_perihal="[klik](http://x) # Judul")
    context = {"lpse_name": "LPSE", "kepala_lpse_title": "Kepala LPSE",
               "registration": REGISTRATION}
    plain = render_letter(templates, "jawaban_permohonan", {**context, **_letter()})
    bad = render_letter(templates, "jawaban_permohonan", {**context, **hostile})
    assert len(bad.paragraphs) == len(plain.paragraphs)  # no paragraph of its own
    assert not any(p.startswith("Dengan ini akun") for p in bad.paragraphs)
    outbox = env.outbox(port=1)
    with env.sessions.begin() as s:
        queue_surat_jawaban(outbox, s, templates, env.settings, env.application(s),
                            to="kepala@dinas.go.id", letter=hostile)
    with env.sessions() as s:
        raw = s.scalars(select(OutboxMessage)).one().raw
    pdf = next(p for p in parse(raw).iter_attachments()).get_content()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "{{ 7*7 }} <b>Budi</b>" in text and "Dinas {% raw %}PU" in text
    assert " 49 " not in text
    record("letter injection")
