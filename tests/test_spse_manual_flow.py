"""spse_manual inside the real flows (Prefect test server, real SMTP server): a user id another
account has is asked again with the reason; an account email the server refuses is never retried
with that password but reopens step 7, and the next reveal (on the viewer's reveal page, shown
once, in headless Chromium) goes in the replacement email."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from berkas.accounts import AccountRequest
from berkas.procedure import records as proc
from berkas.procedure import spse
from berkas.store.models import OutboxMessage
from tests.flow_env import FlowEnv, running_flow_env
from tests.test_flows import deployments, prefect_api, scan_files, verified  # noqa: F401
from tests.test_ui import launch_chromium

pytestmark = pytest.mark.timeout(300)
ADMIN = "ppe"  # the Admin PPE's staff account (tests/flow_env.py: STAFF), "Admin PPE Uji"


@pytest.fixture
def env(tmp_path: Path, deployments) -> Iterator[FlowEnv]:  # noqa: F811
    with running_flow_env(tmp_path, deployments, account_provider="spse_manual") as flow_env:
        flow_env.ctx.holds_vault = True
        viewer = flow_env.ctx.viewer
        viewer.port = 0
        viewer.revealer = lambda reg, user, new: spse.reveal(flow_env.ctx, reg, user, new=new,
                                                             via="halaman")
        viewer.start()
        try:
            yield flow_env
        finally:
            viewer.stop()


def reveal_in_chromium(link: str) -> tuple[int, str]:
    """The reveal page in headless Chromium: opening it shows nothing secret, the button shows
    the password once; asked again, it says so and shows none. (number, password)"""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            page.goto(link)
            assert page.locator("code").count() == 0
            page.get_by_label("Nama pengguna (Admin PPE)").fill(ADMIN)
            page.get_by_role("button", name="Tampilkan kata sandi").click()
            password = page.locator("code").inner_text().strip()
            found = re.search(r"Kata sandi ke-(\d+)", page.content())
            assert found and password, page.content()
            page.goto(link)
            page.get_by_label("Nama pengguna (Admin PPE)").fill(ADMIN)
            page.get_by_role("button", name="Tampilkan kata sandi").click()
            again = page.content()
            assert "sudah ditampilkan" in again and password not in again
            assert page.locator("code").count() == 0
            return int(found.group(1)), password
        finally:
            browser.close()


def checked_complete(env: FlowEnv, seed: int) -> tuple[str, object]:
    """A berkas scanned, passed on by the Kepala LPSE and found complete: form 6b waits."""
    files, b = scan_files(seed)
    (registration,) = env.file_scans(f"dinas-{seed}", files)
    env.decide(registration, "2", teruskan=True, by="kepala",
               ditujukan_kepada="Kepala Dinas")
    env.decide(registration, "3", hasil="lengkap", salinan_sesuai_asli=True, by="ppe",
               kekurangan_tambahan="", alasan="", **verified(b))
    return registration, b


def statuses(env: FlowEnv, registration: str) -> dict[str, str]:
    with env.ctx.sessions() as s:
        return {row.purpose: row.status for row in s.query(OutboxMessage).filter_by(
            registration=registration)}


def test_a_refused_account_email_reopens_step_7_with_a_new_password(env: FlowEnv) -> None:
    registration, b = checked_complete(env, 305)
    env.ctx.accounts.create(AccountRequest(nip="198001012006041001", nama="Orang Lain",
                                           email="lain@example.go.id",
                                           registration="REG-2026-09999"), "sudah.ada")

    env.decide(registration, "6b", user_id="SUDAH.ADA", akun_dibuat_di_spse=True,
               by="ppe")
    deadline = time.monotonic() + 30
    while not proc.refusals(env.ctx, registration, 6, 1) and time.monotonic() < deadline:
        time.sleep(0.2)
    (reason,) = proc.refusals(env.ctx, registration, 6, 1)
    assert "User id SUDAH.ADA sudah dimiliki akun atas nama Orang Lain" in reason
    env.decide(registration, "6b", user_id="budi.spse", akun_dibuat_di_spse=True,
               by="ppe")
    env.decide(registration, "6", sudah_mengikuti_pelatihan=True, by="ppe")
    env.wait_for(registration, "7")
    assert env.ctx.accounts.find(user_id="budi.spse").active  # type: ignore[union-attr]
    first = spse.reveal(env.ctx, registration, ADMIN, new=False)
    assert first.code == 0 and first.password is not None
    email = verified(b)["email"]
    env.smtp.refuse[email] = "550 5.1.1 mailbox unavailable"
    env.decide(registration, "7", sandi_ke=first.sandi_ke, sandi_sudah_diatur_di_spse=True,
               by="ppe")
    deadline = time.monotonic() + 30
    while statuses(env, registration).get("akun") != "replaced" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert statuses(env, registration)["akun"] == "replaced"  # never retried with it
    env.wait_for(registration, "7")  # round 2
    assert not env.sent("akun")

    del env.smtp.refuse[email]
    number, password = reveal_in_chromium(env.ctx.viewer.reveal_link(registration))
    assert number == first.sandi_ke + 1  # type: ignore[operator]
    env.decide(registration, "7", sandi_ke=number, sandi_sudah_diatur_di_spse=True,
               by="ppe")
    run = env.wait_for(registration, None)
    assert run.state.is_completed()
    (mail,) = env.sent("akun_ulang")
    body = mail.get_body(("plain",)).get_content()
    assert re.search(r"Kata sandi[^:]*:\s*(\S+)", body).group(1) == password  # type: ignore[union-attr]
    assert "MENGGANTIKAN" in body and first.password.get_secret_value() not in body
    assert proc.snapshot(env.ctx, registration).state == "selesai"


def test_closed_while_waiting_for_training_tells_the_admin_ppe(env: FlowEnv) -> None:
    registration, b = checked_complete(env, 306)
    env.decide(registration, "6b", user_id="calon.batal", akun_dibuat_di_spse=True,
               by="ppe")
    env.decide(registration, "6", sudah_mengikuti_pelatihan=False, batalkan_permohonan=True,
               alasan="Instansi menarik permohonan.", by="ppe")
    run = env.wait_for(registration, None)
    assert run.state.is_completed()
    assert proc.snapshot(env.ctx, registration).state == "dibatalkan"
    (notice,) = env.sent("akun_nonaktifkan")
    assert notice["To"] == "admin.ppe@kaltimprov.go.id"
    text = notice.get_body(("plain",)).get_content()
    assert "calon.batal" in text and "nonaktifkan atau hapus akun" in text
    assert env.sent("penutupan") and not env.sent("akun")
