"""A reviewer approves a waiting application in the real Prefect UI, in headless Chromium
(Debian's; Playwright drives it without downloading a browser). The UI needs a real server
(the test harness serves no UI): this module starts its own, as `berkas run` does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from berkas.procedure import records as proc
from tests.fixturegen import content
from tests.flow_env import FlowEnv, register_deployments, running_flow_env
from tests.intake_env import intake_settings
from tests.smtp_server import free_port
from tests.test_pictures import scanned_files

pytestmark = pytest.mark.timeout(300)


def launch_chromium(playwright):
    """Debian's Chromium, headless, quiet."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"])


@pytest.fixture
def env(tmp_path: Path, monkeypatch) -> Iterator[FlowEnv]:
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    from berkas.runtime.prefect_server import start_prefect

    monkeypatch.delenv("PREFECT_API_URL", raising=False)  # this test's own server, always
    server = start_prefect(intake_settings(tmp_path / "prefect", prefect_port=free_port()))
    try:
        # the deployments are registered once these settings point at this server
        with temporary_settings(updates={PREFECT_API_URL: server.api_url,
                                         PREFECT_UI_URL: server.ui_url}), \
                running_flow_env(tmp_path, register_deployments(),
                                 viewer_port=free_port()) as flow_env:
            flow_env.ctx.viewer.start()  # the crops the forms show, as `berkas run` serves them
            try:
                yield flow_env
            finally:
                flow_env.ctx.viewer.stop()
    finally:
        server.stop()


def open_form(page, env: FlowEnv, run):
    from berkas.flows.dispatch import ui_url

    page.goto(ui_url(env.ctx, str(run.id)))
    page.get_by_role("button", name="Open menu").click()
    page.get_by_role("menuitem", name="Resume").click()
    return page.get_by_role("dialog")


def test_a_reviewer_approves_in_the_prefect_ui(env: FlowEnv) -> None:
    """Headless Chromium (Debian's) through the real UI: the form shows our Indonesian labels
    and description, and its answer moves the application on, recorded under the name typed.
    At step 3 each value of the scanned berkas shows beside the crop of where it was read."""
    from playwright.sync_api import sync_playwright

    b = content.make_berkas(306)
    (registration,) = env.file_scans("dinas-ui", scanned_files(b))
    run = env.wait_for(registration, "2")
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            refused: list[str] = []
            page.on("requestfailed", lambda r: refused.append(f"{r.failure}")
                    if "/p/" in r.url else None)
            dialog = open_form(page, env, run)
            dialog.get_by_text("Langkah 2: Disposisi Kepala LPSE").wait_for()
            assert registration in dialog.inner_text()
            dialog.get_by_label("Nama Anda (Kepala LPSE)").fill("Reviewer Lewat UI")
            dialog.get_by_label("Teruskan (disposisi) kepada Admin PPE dan kirim Surat "
                                "Jawaban").click()
            dialog.get_by_role("button", name="Resume").click()
            page.wait_for_timeout(1000)
            env.executor.wake.set()
            run = env.wait_for(registration, "3")
            step2 = next(r for r in proc.step_rows(env.ctx, registration) if r.step == 2)
            assert (step2.actor, step2.outcome) == ("Reviewer Lewat UI", "diteruskan")
            assert len(env.sent("surat_jawaban")) == 1

            dialog = open_form(page, env, run)
            dialog.get_by_text("Data yang dibaca dari berkas").wait_for()
            crops = dialog.locator("img[src*='/p/']")
            crops.first.wait_for()
            assert crops.count() == len(b.expected_fields)
            page.wait_for_function(
                "() => [...document.querySelectorAll(\"img[src*='/p/']\")]"
                ".every(i => i.complete && i.naturalWidth > 0)", timeout=20000)
            assert not refused, refused
            text = dialog.inner_text()
            assert "scan_formulir.pdf, halaman 1" in text and "yakin" in text
        finally:
            browser.close()
