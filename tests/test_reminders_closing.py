"""Reminders and closing letters through a real SMTP server (aiosmtpd), parsed as received:
headers, both alternatives, the attached letter read back with pypdf, Indonesian dates."""

from __future__ import annotations

import html
import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from berkas.accounts import AccountRequest
from berkas.core.clock import ZONE
from berkas.outgoing.closing import queue_closing
from berkas.outgoing.emails import queue_completion_request, queue_surat_jawaban
from berkas.outgoing.reminders import (
    queue_applicant_reminder,
    queue_role_reminder,
    queue_training_reminder,
)
from berkas.procedure.context import Context
from berkas.store.models import Application
from tests.outbox_env import REGISTRATION, Env, bodies, make_env, parse
from tests.smtp_server import smtp_server
from tests.test_account_mail import make_context
from tests.test_outbox import DEFICIENCIES, LETTER, RECEIVED, TO

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

KEPALA, ADMIN_PPE = "kepala.lpse@kaltimprov.go.id", "admin.ppe@kaltimprov.go.id"
INSTANSI = "Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara"


@pytest.fixture
def env(tmp_path):
    made = make_env(tmp_path)
    made.settings = made.settings.model_copy(update={"admin_ppe_email": ADMIN_PPE})
    with made.sessions.begin() as session:
        application = made.application(session)
        application.nip = "198503122010011004"
        application.verdict = {"fields": {"nama": "Budi Santoso", "instansi": INSTANSI}}
    return made


def _other_application(env: Env, registration: str) -> int:
    with env.sessions.begin() as session:
        row = Application(registration=registration, created_at=env.clock(),
                          updated_at=env.clock(), state="menunggu_pemeriksaan", step=3,
                          source="email", archive_path=env.archive.relative(2026, registration),
                          needs_attention=False, nama="Siti Aminah", nip="199001012015032001",
                          verdict={"fields": {"instansi": "Badan Pendapatan Daerah"}})
        session.add(row)
        session.flush()
        return row.id


def _sent(ctx: Context) -> None:
    assert {row.status for row in ctx.outbox.deliver_due()} == {"sent"}


def _pdf_text(message) -> str:
    [part] = list(message.iter_attachments())
    assert part.get_content_type() == "application/pdf"
    reader = PdfReader(io.BytesIO(part.get_content()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_applicant_reminder_threads_under_the_request_and_names_the_closing_day(env, tmp_path):
    with smtp_server(tmp_path, "none") as (port, server, _):
        ctx = make_context(env, port)
        with ctx.sessions.begin() as session:
            application = env.application(session)
            request = queue_completion_request(ctx.outbox, session, ctx.templates, ctx.settings,
                                               application, to=TO, deficiencies=DEFICIENCIES,
                                               received=RECEIVED)
            env.clock.advance(7 * 86400)
            queue_applicant_reminder(ctx, session, application, to=TO,
                                     deficiencies=DEFICIENCIES[:2], round=2,
                                     close_on=date(2026, 12, 8))
        _sent(ctx)
    reminder = parse(server.messages[1].data)
    assert reminder["Subject"] == (f"[{REGISTRATION}] Pengingat: Kelengkapan Berkas Permohonan "
                                   "Akun Admin Agency Belum Diterima")
    assert reminder["Message-ID"] == f"<{REGISTRATION}.pengingat_kelengkapan.2@kaltimprov.go.id>"
    assert reminder["In-Reply-To"] == request.message_id and reminder["To"] == TO
    text, page = bodies(reminder)
    assert "melalui email tanggal 24 November 2026 belum kami terima" in text
    for n, deficiency in enumerate(DEFICIENCIES[:2], start=1):
        assert f"{n}. {deficiency['message']}" in text
        assert f"<li>{deficiency['message']}</li>" in html.unescape(page)
    assert DEFICIENCIES[2]["message"] not in text  # completed since: not asked again
    assert f"agar kode [{REGISTRATION}] tetap tercantum" in text
    assert "sampai dengan tanggal 8 Desember 2026, berkas permohonan ini akan ditutup" in text


def test_role_reminder_goes_to_the_role_with_step_standard_and_link(env, tmp_path):
    waiting = datetime(2026, 11, 24, 8, 15, tzinfo=ZONE)
    link = "http://127.0.0.1:4200/runs/flow-run/0b6a?x=1&y=2"
    with smtp_server(tmp_path, "none") as (port, server, _):
        ctx = make_context(env, port)
        with ctx.sessions.begin() as session:
            application = env.application(session)
            queue_role_reminder(ctx, session, application, role="admin_ppe", step=3,
                                step_name="Pemeriksaan kelengkapan berkas",
                                waiting_since=waiting, standard="5 menit", link=link, round=1)
            again = queue_role_reminder(ctx, session, application, role="admin_ppe", step=3,
                                        step_name="Pemeriksaan kelengkapan berkas",
                                        waiting_since=waiting, standard="5 menit", link=link,
                                        round=1)
            assert again.purpose == "pengingat_keputusan_3:1"  # the same one, not a second
            queue_role_reminder(ctx, session, application, role="kepala_lpse", step=2,
                                step_name="Disposisi kepada Admin PPE", waiting_since=waiting,
                                standard="tidak ditetapkan", link=None, round=1)
            with pytest.raises(ValueError, match="role"):
                queue_role_reminder(ctx, session, application, role="bendahara", step=3,
                                    step_name="x", waiting_since=waiting, standard="5 menit",
                                    link=None, round=9)
        _sent(ctx)
    assert [m.recipients for m in server.messages] == [[ADMIN_PPE], [KEPALA]]
    admin = parse(server.messages[0].data)
    assert admin["Subject"] == (f"[{REGISTRATION}] Pengingat: Berkas Menunggu Keputusan "
                                "Admin PPE (Langkah 3: Pemeriksaan kelengkapan berkas)")
    text, page = bodies(admin)
    for expected in ("Langkah SOP      : 3. Pemeriksaan kelengkapan berkas",
                     "Menunggu sejak   : Selasa, 24 November 2026 pukul 08.15 WITA",
                     "Mutu baku        : 5 menit", f"Instansi         : {INSTANSI}",
                     "NIP              : 198503122010011004", link):
        assert expected in text, expected
    assert 'href="http://127.0.0.1:4200/runs/flow-run/0b6a?x=1&amp;y=2"' in page
    kepala_text, _ = bodies(parse(server.messages[1].data))
    assert "Yth. Kepala LPSE LPSE Provinsi Kalimantan Timur," in kepala_text
    assert f"berkas approve {REGISTRATION} --step 2" in kepala_text


def test_training_reminder_names_the_inactive_account_and_the_training(env, tmp_path):
    with smtp_server(tmp_path, "none") as (port, server, _):
        ctx = make_context(env, port)
        ctx.settings = ctx.settings.model_copy(update={
            "training_info": "Pelatihan berikutnya: Kamis, 3 Desember 2026, Ruang Rapat LPSE."})
        ctx.accounts.create(AccountRequest(nip="198503122010011004", nama="Budi Santoso",
                                           email=TO, registration=REGISTRATION))
        with ctx.sessions.begin() as session:
            queue_training_reminder(ctx, session, env.application(session), to=TO, round=1)
        _sent(ctx)
    message = parse(server.messages[0].data)
    assert message["Message-ID"] == f"<{REGISTRATION}.pengingat_pelatihan.1@kaltimprov.go.id>"
    text, page = bodies(message)
    assert "dengan user id 198503122010011004" in text and "belum aktif" in text
    assert "Pelatihan berikutnya: Kamis, 3 Desember 2026, Ruang Rapat LPSE." in text
    assert "Pelatihan berikutnya" in page


def test_rejection_letter_is_numbered_from_the_same_counter_and_carries_the_reason(env, tmp_path):
    reason = "Surat Penunjukan menunjuk Admin Agency untuk instansi lain <bukan pemohon>."
    with smtp_server(tmp_path, "none") as (port, server, _):
        ctx = make_context(env, port)
        with ctx.sessions.begin() as session:
            application = env.application(session)
            queue_surat_jawaban(ctx.outbox, session, ctx.templates, ctx.settings, application,
                                to=TO, letter=LETTER)
            queue_closing(ctx, session, application, kind="ditolak", to=TO, reason=reason)
        _sent(ctx)
    closing = parse(server.messages[1].data)
    number = "000.3/0002/B.PBJ-LPSE/XI/2026"  # the Surat Jawaban has 0001
    assert closing["Subject"] == (f"[{REGISTRATION}] Penolakan Permohonan Pembuatan Akun Admin "
                                  f"Agency Nomor {number}")
    assert closing["To"] == TO and closing["Cc"] == KEPALA
    assert sorted(server.messages[1].recipients) == sorted([TO, KEPALA])
    assert closing["Message-ID"] == f"<{REGISTRATION}.penutupan@kaltimprov.go.id>"
    text, page = bodies(closing)
    assert f"dengan alasan: {reason}" in text
    assert "&lt;bukan pemohon&gt;" in page  # the reviewer's words, escaped in HTML
    pdf = _pdf_text(closing)
    for expected in (f"Nomor : {number}", "Samarinda, 24 November 2026",
                     "Hal : Penolakan Permohonan Pembuatan Akun Admin Agency",
                     f"Yth. Pimpinan {INSTANSI} di Tempat",
                     "atas nama Budi Santoso, NIP 198503122010011004,",
                     "yang kami terima pada tanggal 24 November 2026",
                     f"nomor registrasi {REGISTRATION}", reason, "permohonan baru",
                     "Kepala LPSE Provinsi Kalimantan Timur,",
                     "Tembusan: 1. Admin PPE LPSE Provinsi Kalimantan Timur"):
        assert expected in pdf, expected
    with ctx.sessions.begin() as session, pytest.raises(ValueError, match="reason"):
        queue_closing(ctx, session, env.application(session), kind="ditolak", to=TO,
                      reason="  ")


def test_closing_an_incomplete_berkas_lists_what_is_missing(env, tmp_path):
    with smtp_server(tmp_path, "none") as (port, server, _):
        ctx = make_context(env, port)
        with ctx.sessions.begin() as session:
            application = env.application(session)
            queue_completion_request(ctx.outbox, session, ctx.templates, ctx.settings,
                                     application, to=TO, deficiencies=DEFICIENCIES,
                                     received=RECEIVED)
            env.clock.advance(15 * 86400)
            queue_closing(ctx, session, application, kind="tidak_dilengkapi", to=TO,
                          reason=None, deficiencies=DEFICIENCIES[:2])
        _sent(ctx)
    closing = parse(server.messages[1].data)
    assert closing["Subject"].startswith(f"[{REGISTRATION}] Penutupan Berkas Permohonan")
    text, _ = bodies(closing)
    assert f"1. {DEFICIENCIES[0]['message']}" in text
    pdf = _pdf_text(closing)
    for expected in ("Samarinda, 9 Desember 2026",
                     "melalui email pada tanggal 24 November 2026",
                     "batas waktu 14 hari kelengkapan berkas tersebut belum kami terima",
                     f"1. {DEFICIENCIES[0]['message']}", "2. Alamat email pada formulir",
                     "dapat mengajukan permohonan baru"):
        assert expected in pdf, expected
    assert DEFICIENCIES[2]["message"] not in pdf


def test_withdrawal_letter_and_unsafe_addresses(env, tmp_path):
    other = _other_application(env, "REG-2026-00043")
    with smtp_server(tmp_path, "none") as (port, server, _):
        ctx = make_context(env, port)
        with ctx.sessions.begin() as session:
            application = session.get(Application, other)
            assert application is not None
            for unsafe in ("siti@bapenda.go.id\r\nBcc: mata-mata@example.com",
                           "siti@bapenda.go.id, mata-mata@example.com", "bukan alamat"):
                with pytest.raises(ValueError, match="not one email address"):
                    queue_closing(ctx, session, application, kind="dibatalkan", to=unsafe,
                                  reason=None)
            queue_closing(ctx, session, application, kind="dibatalkan", to="siti@bapenda.go.id",
                          reason="surat Nomor 900/77/BAPENDA tanggal 2 Desember 2026",
                          pimpinan_jabatan="Kepala Badan Pendapatan Daerah")
        _sent(ctx)
    [got] = server.messages
    assert sorted(got.recipients) == sorted(["siti@bapenda.go.id", KEPALA])
    message = parse(got.data)
    assert message["Subject"].startswith("[REG-2026-00043] Pembatalan Permohonan")
    pdf = _pdf_text(message)
    for expected in ("Yth. Kepala Badan Pendapatan Daerah di Tempat",
                     "Hal : Pembatalan Permohonan Pembuatan Akun Admin Agency",
                     "permintaan pembatalan dari Bapak/Ibu (surat Nomor 900/77/BAPENDA tanggal "
                     "2 Desember 2026)", "atas nama Siti Aminah, NIP 199001012015032001,",
                     "telah kami batalkan"):
        assert expected in pdf, expected
