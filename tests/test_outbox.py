"""Sending through the outbox to a real SMTP server on loopback (aiosmtpd), then parsing what the
server received: headers, both alternatives, the attached letter, the archive copy."""

from __future__ import annotations

import html
import io
import json
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from berkas.outgoing.emails import queue_completion_request, queue_receipt, queue_surat_jawaban
from berkas.store.models import Event, OutboxMessage, SentMessage
from tests.hostile import record
from tests.outbox_env import REGISTRATION, bodies, env_templates, make_env, parse
from tests.smtp_server import PASSWORD, USER, CrashAfterSending, smtp_server

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

TO = "budi.santoso@pu.kukarkab.go.id"
RECEIVED = date(2026, 11, 24)
DEFICIENCIES = [  # as `berkas check` gives them
    {"code": "missing:surat_penunjukan",
     "message": "Surat Penunjukan (Surat Keputusan/Surat Tugas) sebagai Admin Agency belum "
                "dilampirkan. Mohon lampirkan Surat Penunjukan (Surat Keputusan/Surat Tugas) "
                "sebagai Admin Agency yang telah ditandatangani dalam bentuk PDF atau hasil "
                "pindaian yang jelas."},
    {"code": "invalid:email", "file": "formulir.pdf",
     "message": "Alamat email pada formulir (berkas formulir.pdf) tertulis \"budi@gmail\" dan "
                "bukan alamat email yang dapat digunakan."},
    {"code": "unreadable", "file": "scan_ktp.jpg",
     "message": "Hasil pindaian berkas scan_ktp.jpg tidak dapat dibaca dengan jelas."},
]
LETTER = {"pimpinan_jabatan": "Kepala Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara",
          "instansi": "Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara",
          "surat_nomor": "027/1234/DPU-KK/XI/2026", "surat_tanggal": date(2026, 11, 17),
          "surat_perihal": "Permohonan Pembuatan Akun Admin Agency", "received": RECEIVED,
          "nama": "Budi Santoso, S.T.", "nip": "198503122010011004"}


@pytest.fixture
def env(tmp_path):
    return make_env(tmp_path)


def _receipt(env, outbox, **extra):
    extra.setdefault("sender_name", "Budi Santoso")
    with env.sessions.begin() as session:
        row = queue_receipt(outbox, session, env_templates(), env.settings,
                            env.application(session), to=TO, received=RECEIVED, **extra)
        return row.id


def _row(env, outbox_id) -> OutboxMessage:
    with env.sessions() as session:
        row = session.get(OutboxMessage, outbox_id)
        assert row is not None
        return row


def test_receipt_over_starttls_with_login(env, tmp_path):
    with smtp_server(tmp_path, "starttls", login=True) as (port, server, ca):
        outbox = env.outbox(port, "starttls", ca, USER, PASSWORD)
        _receipt(env, outbox, instansi="Dinas <PU> & Kebersihan",
                 in_reply_to="<asal@pu.kukarkab.go.id>")
        assert server.messages == []  # recorded, not yet sent
        [done] = outbox.deliver_due()
    assert done.status == "sent"
    [got] = server.messages
    assert got.sender == "lpse@kaltimprov.go.id" and got.recipients == [TO]
    message = parse(got.data)
    assert message["Subject"] == (f"[{REGISTRATION}] Tanda Terima Berkas Permohonan Akun "
                                  "Admin Agency")
    assert message["Message-ID"] == f"<{REGISTRATION}.tanda_terima@kaltimprov.go.id>"
    assert message["Message-ID"] == done.message_id
    assert f"Message-ID: {done.message_id}\r\n".encode() in got.data
    assert message["To"] == TO and message["From"] == "LPSE Kaltim <lpse@kaltimprov.go.id>"
    assert message["In-Reply-To"] == "<asal@pu.kukarkab.go.id>"
    assert message["Auto-Submitted"] == "auto-generated"
    text, page = bodies(message)
    assert "Selasa, 24 November 2026" in text and REGISTRATION in text
    assert "Dinas <PU> & Kebersihan" in text  # plain text is not escaped
    assert "Dinas &lt;PU&gt; &amp; Kebersihan" in page  # HTML is
    assert f"[{REGISTRATION}]" in text and "jangan mengubah subjeknya" in text
    assert "Admin PPE memeriksa kelengkapan" in html.unescape(page)

    with env.sessions() as session:
        sent = session.scalars(select(SentMessage)).all()
        assert [(s.message_id, s.kind) for s in sent] == [(done.message_id, "tanda_terima")]
    folder = env.root / "archive" / "2026" / REGISTRATION
    assert done.archived_as == "surel-keluar/20261124-093000-tanda_terima.eml"
    assert (folder / done.archived_as).read_bytes() == done.raw
    [line] = [json.loads(x) for x in (folder / "manifest.jsonl").read_text().splitlines()]
    assert line["role"] == "surel_keluar" and line["path"] == done.archived_as


def test_request_for_completion_lists_each_deficiency(env, tmp_path):
    with smtp_server(tmp_path, "none") as (port, server, _):
        outbox = env.outbox(port)
        with env.sessions.begin() as session:
            queue_completion_request(outbox, session, env_templates(), env.settings,
                                     env.application(session), to=TO, deficiencies=DEFICIENCIES,
                                     received=RECEIVED, round=2)
        outbox.deliver_due()
    [got] = server.messages
    message = parse(got.data)
    assert message["Subject"].startswith(f"[{REGISTRATION}] Permintaan Kelengkapan")
    assert message["Message-ID"] == f"<{REGISTRATION}.permintaan_kelengkapan.2@kaltimprov.go.id>"
    text, page = bodies(message)
    page = html.unescape(page)
    for n, deficiency in enumerate(DEFICIENCIES, start=1):
        assert f"{n}. {deficiency['message']}" in text
        assert f"<li>{deficiency['message']}</li>" in page
    for wanted in ("- Surat Penunjukan (Surat Keputusan/Surat Tugas) sebagai Admin Agency",
                   "- Formulir Permohonan Pembuatan Akun Admin Agency yang telah diperbaiki",
                   "- Berkas scan_ktp.jpg, dikirim ulang dalam keadaan dapat dibaca"):
        assert wanted in text
    assert f"kode [{REGISTRATION}] tetap tercantum" in text
    assert "24 November 2026" in text


def test_surat_jawaban_pdf_over_implicit_tls(env, tmp_path):
    with smtp_server(tmp_path, "ssl", login=True) as (port, server, ca):
        outbox = env.outbox(port, "ssl", ca, USER, PASSWORD)
        with env.sessions.begin() as session:
            queue_surat_jawaban(outbox, session, env_templates(), env.settings,
                                env.application(session), to=TO, letter=LETTER)
        [done] = outbox.deliver_due()
    [got] = server.messages
    assert sorted(got.recipients) == sorted([TO, "kepala.lpse@kaltimprov.go.id"])
    message = parse(got.data)
    assert message["Cc"] == "kepala.lpse@kaltimprov.go.id"
    number = "000.3/0001/B.PBJ-LPSE/XI/2026"
    assert message["Subject"] == (f"[{REGISTRATION}] Surat Jawaban Permohonan Pembuatan Akun "
                                  f"Admin Agency Nomor {number}")
    [pdf_part] = list(message.iter_attachments())
    assert pdf_part.get_filename() == f"Surat Jawaban {REGISTRATION}.pdf"
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(pdf_part.get_content())).pages)
    for expected in ("PEMERINTAH PROVINSI KALIMANTAN TIMUR", "BIRO PENGADAAN BARANG/JASA",
                     "Samarinda, 24 November 2026", f"Nomor : {number}", "Sifat : Biasa",
                     "Lampiran : -", "Hal : Jawaban Permohonan Pembuatan Akun Admin Agency",
                     "Yth. Kepala Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara di Tempat",
                     "tanggal 17 November 2026", f"nomor registrasi {REGISTRATION}",
                     "NIP 198503122010011004", "Kepala LPSE Provinsi Kalimantan Timur,",
                     "Tembusan: 1. Admin PPE LPSE Provinsi Kalimantan Timur"):
        assert expected in text, expected
    assert done.archived_as is not None


def test_server_down_is_retried_with_a_doubling_delay(env, tmp_path):
    from tests.smtp_server import free_port

    port = free_port()  # nothing listens there yet
    outbox = env.outbox(port)
    outbox_id = _receipt(env, outbox)
    [first] = outbox.deliver_due()
    assert (first.status, first.attempts) == ("pending", 1)
    assert (first.next_attempt_at - env.clock()).total_seconds() == 60
    assert "ConnectionRefusedError" in (first.last_error or "")
    assert outbox.deliver_due() == []  # not due yet
    env.clock.advance(60)
    [second] = outbox.deliver_due()
    assert (second.attempts, (second.next_attempt_at - env.clock()).total_seconds()) == (2, 120)

    with smtp_server(tmp_path, "none", port=port) as (_, server, _):
        env.clock.advance(119)
        assert outbox.deliver_due() == []
        env.clock.advance(1)
        [third] = outbox.deliver_due()
        assert outbox.deliver_due() == []
    assert (third.status, third.attempts) == ("sent", 3)
    assert len(server.messages) == 1
    record("fault:SMTP server down, then back")
    assert parse(server.messages[0].data)["Message-ID"] == _row(env, outbox_id).message_id


def test_gives_up_after_max_attempts_and_flags_the_application(env):
    from tests.smtp_server import free_port

    outbox = env.outbox(free_port())
    _receipt(env, outbox)
    for _ in range(4):
        [row] = outbox.deliver_due()
        env.clock.advance(600)
    assert (row.status, row.attempts) == ("failed", 4)
    with env.sessions() as session:
        assert env.application(session).needs_attention
        kinds = session.scalars(select(Event.kind)).all()
    assert kinds == ["surel_gagal"]
    assert outbox.deliver_due() == []


def test_permanent_refusal_is_not_retried(env, tmp_path):
    from tests.smtp_server import Recorder

    recorder = Recorder(refuse={TO: "550 5.1.1 mailbox unavailable"})
    with smtp_server(tmp_path, "none", recorder=recorder) as (port, server, _):
        outbox = env.outbox(port)
        _receipt(env, outbox)
        [row] = outbox.deliver_due()
    assert (row.status, row.attempts) == ("failed", 1)
    assert "550" in (row.last_error or "")
    assert server.messages == []


def test_never_sent_twice_for_one_purpose(env, tmp_path):
    with smtp_server(tmp_path, "none") as (port, server, _):
        outbox = env.outbox(port)
        first = _receipt(env, outbox)
        assert _receipt(env, outbox, sender_name="Orang Lain") == first  # same row, unchanged
        outbox.deliver_due()
        assert _receipt(env, outbox) == first
        outbox.deliver_due()
        assert outbox.deliver(first).status == "sent"  # a direct call does not resend either
    assert len(server.messages) == 1
    assert b"Orang Lain" not in server.messages[0].data


def test_crash_between_sent_and_recorded_is_not_resent_by_itself(env, tmp_path):
    with smtp_server(tmp_path, "none") as (port, server, _):
        healthy = env.outbox(port)
        crashing = env.outbox(port, transport=CrashAfterSending(healthy.transport))
        outbox_id = _receipt(env, crashing)
        with pytest.raises(SystemExit):
            crashing.deliver_due()
        assert _row(env, outbox_id).status == "sending"

        assert healthy.recover() == 1  # the restart
        assert _row(env, outbox_id).status == "uncertain"
        assert healthy.deliver_due() == []
        assert len(server.messages) == 1

        healthy.release(outbox_id)  # staff found it missing from Sent: send again
        [row] = healthy.deliver_due()
    assert row.status == "sent"
    assert len(server.messages) == 2
    assert {parse(m.data)["Message-ID"] for m in server.messages} == {row.message_id}
