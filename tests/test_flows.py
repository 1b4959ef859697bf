"""Whole applications through the real flows on a Prefect test server, every decision taken
through the API as the UI takes it: the complete path, rejection, the completion loop, and
reminders on an injected clock."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from berkas.procedure import records as proc
from berkas.store.models import Account
from tests.dovecot import dovecot  # noqa: F401  (session fixture)
from tests.fixturegen.content import make_berkas
from tests.fixturegen.render import to_pdf
from tests.flow_env import FlowEnv, register_deployments, running_flow_env

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture(scope="session")
def deployments(prefect_api) -> dict:
    return register_deployments()


@pytest.fixture
def env(tmp_path: Path, deployments) -> Iterator[FlowEnv]:
    with running_flow_env(tmp_path, deployments) as flow_env:
        yield flow_env


def scan_files(seed: int, **defects) -> tuple[dict[str, bytes], object]:
    b = make_berkas(seed, **defects)
    return {f"{doc.doc_type}.pdf": to_pdf([doc]) for doc in b.documents}, b


def verified(b) -> dict[str, str]:
    fields = dict(b.expected_fields)
    return {key: str(fields[key]) for key in
            ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon")}


def test_complete_berkas_goes_from_arrival_to_active_account(env: FlowEnv) -> None:
    files, b = scan_files(301)
    (registration,) = env.file_scans("dinas-a", files)
    run = env.wait_for(registration, "2")
    assert run.name.startswith(f"{registration} · ")

    env.decide(registration, "2", teruskan=True, by="kepala",
               ditujukan_kepada=f"{b.agency.head_title} {b.agency.unit}")
    env.wait_for(registration, "3")
    (letter_mail,) = env.sent("surat_jawaban")
    pdf = next(part for part in letter_mail.iter_attachments())
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_content())).pages)
    assert registration in text and "24 November 2026" in text

    env.decide(registration, "3", hasil="lengkap", salinan_sesuai_asli=True,
               by="ppe", kekurangan_tambahan="", alasan="", **verified(b))
    env.wait_for(registration, "6")
    with env.ctx.sessions() as s:
        account = s.query(Account).one()
        assert not account.active and account.registration == registration
    assert not env.sent("akun")  # no account email before training

    env.decide(registration, "6", sudah_mengikuti_pelatihan=True, tanggal_pelatihan="2026-11-24",
               by="ppe")
    run = env.wait_for(registration, None)
    assert run.state.is_completed()

    (account_mail,) = env.sent("akun")
    (copy_mail,) = env.sent("akun_tembusan")
    assert account_mail["To"] == b.expected_fields["email"]
    body = account_mail.get_body(("plain",)).get_content()
    password = re.search(r"Kata sandi[^:]*:\s*(\S+)", body)
    assert password, body
    assert env.ctx.accounts.check_login(account.user_id, password.group(1))  # type: ignore[attr-defined]
    assert password.group(1) not in copy_mail.get_body(("plain",)).get_content()

    app = proc.snapshot(env.ctx, registration)
    assert app.state == "selesai"
    steps = {(r.step, r.phase): r for r in proc.step_rows(env.ctx, registration)}
    assert {(n, "") for n in (1, 2, 3, 6, 7, 8)} <= set(steps)
    assert steps[(2, "")].actor == "Kepala LPSE Uji" and steps[(3, "")].actor == "Admin PPE Uji"
    assert all(r.ended_at for r in steps.values())
    folder = env.ctx.settings.archive_dir / app.archive_path
    assert (folder / "ringkasan-permohonan.json").exists()

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        (table,) = client.read_latest_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=[f"mutu-baku-{registration.lower()}"])))
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    by_step = {row["Langkah"]: row for row in rows}
    assert by_step["3"]["Pelaku"] == "Admin PPE Uji" and by_step["3"]["Mutu baku"] == "5 menit"


def test_rejection_by_the_kepala_lpse_ends_with_a_letter(env: FlowEnv) -> None:
    files, _ = scan_files(302)
    (registration,) = env.file_scans("dinas-b", files)
    env.decide(registration, "2", teruskan=False, ditujukan_kepada="Kepala Dinas",
               alasan_penolakan="Instansi tidak termasuk wilayah LPSE ini.",
               by="kepala")
    run = env.wait_for(registration, None)
    assert run.state.is_completed()
    assert proc.snapshot(env.ctx, registration).state == "ditolak"
    (closing,) = env.sent("penutupan")
    assert "Instansi tidak termasuk wilayah LPSE ini." in closing.get_body(
        ("plain",)).get_content() or any(
        "tidak termasuk wilayah" in "".join(p.extract_text() for p in PdfReader(
            io.BytesIO(part.get_content())).pages) for part in closing.iter_attachments())
    assert not env.sent("surat_jawaban")


@pytest.fixture
def mail_env(tmp_path: Path, deployments,
             dovecot) -> Iterator[tuple[FlowEnv, object]]:  # noqa: F811
    from berkas.intake.mailbox import Mailbox

    user = dovecot.new_user()
    with running_flow_env(tmp_path, deployments, imap=dovecot.env(user)) as flow_env:
        box = Mailbox(flow_env.ctx.settings)
        box.connect()
        try:
            yield flow_env, (dovecot, user, box)
        finally:
            box.close()


def test_incomplete_berkas_is_completed_by_a_reply_and_checked_again(mail_env) -> None:
    from tests.fixturegen.emails import Attachment, message

    env, (mailserver, user, box) = mail_env
    b = make_berkas(303)
    sender = f"{b.person.bare_name} <{b.person.email}>"
    first = [Attachment(d.filename or f"{d.doc_type}.pdf", to_pdf([d], b.font))
             for d in b.documents if d.doc_type != "surat_penunjukan"]
    mailserver.deliver(user, message(subject="Permohonan Akun Admin Agency", sender=sender,
                                  text="Terlampir berkas permohonan.", attachments=first))
    (outcome,) = env.intake.take_mail(box)
    registration = outcome.registration
    env.wait_for(registration, "2")
    (receipt,) = env.sent("tanda_terima")
    assert receipt["To"] == sender or b.person.email in receipt["To"]

    env.decide(registration, "2", teruskan=True, by="kepala",
               ditujukan_kepada="Kepala Dinas")
    env.decide(registration, "3", hasil="tidak_lengkap", salinan_sesuai_asli=True,
               by="ppe", kekurangan_tambahan="", alasan="",
               **verified(b))
    env.wait_for(registration, "5")
    (request,) = env.sent("permintaan_kelengkapan")
    assert f"[{registration}]" in request["Subject"]
    assert "Surat Penunjukan" in request.get_body(("plain",)).get_content()

    sk = b.get("surat_penunjukan")
    mailserver.deliver(user, message(
        subject=f"Re: {request['Subject']}", sender=sender, text="Berikut SK yang diminta.",
        in_reply_to=request["Message-ID"],
        attachments=[Attachment("SK Admin Agency.pdf", to_pdf([sk], b.font))]))
    (reply,) = env.intake.take_mail(box)
    assert (reply.disposition, reply.registration) == ("reply", registration)
    env.wait_for(registration, "3")  # woken by the reply, round 2
    app = proc.snapshot(env.ctx, registration)
    assert app.verdict["complete"], app.verdict["deficiencies"]
    rounds = [(r.step, r.round) for r in proc.step_rows(env.ctx, registration)]
    assert (5, 1) in rounds and (3, 2) in rounds
    step5 = next(r for r in proc.step_rows(env.ctx, registration) if (r.step, r.round) == (5, 1))
    assert step5.outcome == "periksa_ulang" and step5.ended_at is not None
    assert step5.actor == "sistem:pengawas"  # the watcher's own answer, named as such


def test_reminders_follow_the_clock_and_a_silent_applicant_is_closed(env: FlowEnv) -> None:
    files, b = scan_files(304, missing=("surat_penunjukan",))
    (registration,) = env.file_scans("dinas-c", files)
    env.wait_for(registration, "2")
    assert env.dispatcher.watch_once()["pengingat"] == 0
    env.clock.advance(hours=2)  # Tuesday 11:00: over the 60 working minutes allowed
    assert env.dispatcher.watch_once()["pengingat"] == 1
    (reminder,) = env.sent("pengingat_keputusan_2")
    assert reminder["To"] == "kepala.lpse@kaltimprov.go.id"
    assert env.dispatcher.watch_once()["pengingat"] == 0  # not again until the next period

    env.decide(registration, "2", teruskan=True, by="kepala",
               ditujukan_kepada="Kepala Dinas")
    env.decide(registration, "3", hasil="tidak_lengkap", salinan_sesuai_asli=True,
               by="ppe", kekurangan_tambahan="", alasan="", **verified(b))
    env.wait_for(registration, "5")
    env.clock.advance(days=8)
    env.dispatcher.watch_once()
    (nudge,) = env.sent("pengingat_kelengkapan")
    assert f"[{registration}]" in nudge["Subject"]
    env.clock.advance(days=7)  # 15 days after the request: over the 14 allowed
    env.dispatcher.watch_once()
    env.executor.wake.set()
    run = env.wait_for(registration, None)
    assert run.state.is_completed()
    assert proc.snapshot(env.ctx, registration).state == "ditutup_tidak_lengkap"
    assert len(env.sent("penutupan")) == 1


def test_pending_and_approve_from_the_command_line(env: FlowEnv) -> None:
    import json
    import os
    import subprocess
    import sys

    from prefect.settings import PREFECT_API_URL

    files, _ = scan_files(305)
    (registration,) = env.file_scans("dinas-d", files)
    env.wait_for(registration, "2")
    s = env.ctx.settings
    child = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()),
             "BERKAS_DATA_DIR": str(s.data_dir), "BERKAS_ARCHIVE_DIR": str(s.archive_dir),
             "BERKAS_INBOX_DIR": str(s.inbox_dir)}

    def berkas(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "berkas.cli", *args], env=child,
                              capture_output=True, text=True, timeout=120)

    listed = json.loads(berkas("pending", "--json").stdout)
    (entry,) = listed
    assert (entry["registration"], entry["step"], entry["role"]) == (registration, 2,
                                                                     "kepala_lpse")
    assert "teruskan" in entry["input_schema"]["properties"]
    assert entry["ui_url"].endswith(entry["flow_run_id"])

    assert berkas("approve", registration, "--step", "3", "--as", "ppe").returncode == 3
    refused = berkas("approve", registration, "--step", "2", "--as", "kepala",
                     "teruskan=false")
    assert refused.returncode == 4 and "Alasan penolakan" in refused.stderr
    assert berkas("approve", registration, "--step", "2", "--as", "kepala",
                  "teruskan=maybe").returncode == 4
    # a typed name, an account without the role (the administrator too), a disabled one:
    # refused, and the run still waits at step 2
    from berkas.store import staff

    staff.add(env.ctx.sessions, "mantan", "Mantan Kepala", ["kepala_lpse"], "sandi-staf-panjang")
    staff.disable(env.ctx.sessions, "mantan")
    for who, why in (("Kepala LPSE Uji", "tidak dikenal"), ("ppe", "tidak memegang peran"),
                     ("pengelola", "tidak memegang peran"), ("mantan", "tidak aktif")):
        refused = berkas("approve", registration, "--step", "2", "--as", who, "teruskan=true")
        assert refused.returncode == 4 and why in refused.stderr, (who, refused.stderr)
    env.wait_for(registration, "2")
    done = berkas("approve", registration, "--step", "2", "--as", "kepala", "teruskan=true")
    assert done.returncode == 0, done.stderr
    env.executor.wake.set()
    env.wait_for(registration, "3")
    step2 = next(r for r in proc.step_rows(env.ctx, registration) if r.step == 2)
    assert step2.actor == "Kepala LPSE Uji" and step2.outcome == "diteruskan"
    import pwd

    assert step2.detail["pengguna"] == "kepala"
    assert step2.detail["pengguna_os"].startswith(pwd.getpwuid(os.getuid()).pw_name)

    report = berkas("report", "--month", "2026-11", "--out", str(env.root / "laporan"))
    assert report.returncode == 0, report.stderr
    assert (env.root / "laporan" / "mutu-baku-2026-11.csv").exists()
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["laporan-mutu-baku-2026-11"])))
    assert artifacts and "Langkah" in str(artifacts[0].data)


def test_who_is_who_is_shown_to_the_reviewer_and_strangers_are_flagged(mail_env) -> None:
    from berkas.flows.presentation import identity_notes
    from tests.fixturegen.emails import Attachment, message

    env, (mailserver, user, box) = mail_env
    b = make_berkas(307)
    files = [Attachment(d.filename or f"{d.doc_type}.pdf", to_pdf([d], b.font))
             for d in b.documents]
    mailserver.deliver(user, message(subject="Permohonan Akun Admin Agency",
                                     sender="Sekretariat <sekretariat@dinas-contoh.go.id>",
                                     text="Terlampir berkas permohonan.", attachments=files))
    (outcome,) = env.intake.take_mail(box)
    registration = outcome.registration
    env.wait_for(registration, "2")
    notes = " ".join(identity_notes(env.ctx, proc.snapshot(env.ctx, registration)))
    assert "sekretariat@dinas-contoh.go.id" in notes and b.person.email.lower() in notes

    mailserver.deliver(user, message(
        subject=f"[{registration}] dokumen tambahan", sender="Orang Lain <orang.asing@gmail.com>",
        text="Ini dokumen saya.", attachments=[Attachment("sk.pdf", files[0].data)]))
    (reply,) = env.intake.take_mail(box)
    assert reply.registration == registration  # kept with it: nothing is lost
    app_row = proc.snapshot(env.ctx, registration)
    notes = " ".join(identity_notes(env.ctx, app_row))
    assert "orang.asing@gmail.com" in notes
    from berkas.store.models import Application

    with env.ctx.sessions() as s:
        assert s.get(Application, app_row.id).needs_attention


def test_a_resume_nobody_claimed_is_asked_again(env: FlowEnv) -> None:
    """Resumed straight through Prefect's API (no staff account claimed it): the decision is
    not taken; the run asks again, saying why, and the right account's answer then counts."""
    from uuid import UUID

    from prefect.flow_runs import resume_flow_run

    files, _ = scan_files(309)
    (registration,) = env.file_scans("dinas-tanpa-klaim", files)
    run = env.wait_for(registration, "2")
    first_key = run.state.state_details.pause_key
    resume_flow_run(UUID(str(run.id)), run_input={"teruskan": True,
                                                  "ditujukan_kepada": "Kepala Dinas"})
    env.executor.wake.set()
    for _ in range(120):  # until it waits under its next key
        if env.wait_for(registration, "2").state.state_details.pause_key != first_key:
            break
        time.sleep(0.5)
    assert proc.snapshot(env.ctx, registration).step == 2
    assert any("tidak tercatat atas nama akun staf" in r
               for r in proc.refusals(env.ctx, registration, 2, 1))
    env.decide(registration, "2", teruskan=True, ditujukan_kepada="Kepala Dinas", by="kepala")
    env.wait_for(registration, "3")
    step2 = next(r for r in proc.step_rows(env.ctx, registration) if r.step == 2)
    assert step2.actor == "Kepala LPSE Uji"
