"""The staff UI as people use it: headless Chromium (Debian's; Playwright drives it without
downloading a browser) through berkas's login in front of a real Prefect server, started as
`berkas run` starts it (loopback, its own secret). The Admin PPE cannot take the Kepala LPSE's
disposition; the Kepala LPSE can, and is recorded by his account's full name; wrong passwords
are refused and, repeated, lock the account from that address; nothing passes without a session,
the Prefect server's own port refuses anything without the secret, and neither the password, the
session token nor the secret is left in a log or a database."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from berkas.procedure import records as proc
from berkas.store.models import Event
from tests.fixturegen import content
from tests.flow_env import STAFF_PASSWORD, FlowEnv, register_deployments, running_flow_env
from tests.intake_env import intake_settings
from tests.smtp_server import free_port
from tests.test_pictures import scanned_files

pytestmark = pytest.mark.timeout(300)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def launch_chromium(playwright):
    """Debian's Chromium, headless, quiet."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)


@dataclass
class Staffed:
    env: FlowEnv
    gate_url: str
    internal_url: str
    secret: str
    prefect_home: Path


@pytest.fixture(scope="module")
def staffed(tmp_path_factory) -> Iterator[Staffed]:
    """One Prefect server, gate and flow environment for the module's tests (each test makes
    its own applications)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield from _staffed(tmp_path_factory.mktemp("staffed"), monkeypatch)


def _staffed(tmp_path: Path, monkeypatch) -> Iterator[Staffed]:
    from prefect.settings import (
        PREFECT_API_AUTH_STRING,
        PREFECT_API_URL,
        PREFECT_UI_URL,
        temporary_settings,
    )

    from berkas.runtime.prefect_server import start_prefect
    from berkas.runtime.serve import drain_prefect
    from berkas.web.gate import Gate

    for name in ("PREFECT_API_URL", "PREFECT_UI_URL", "PREFECT_API_AUTH_STRING",
                 "PREFECT_SERVER_API_AUTH_STRING"):  # this test's own server, always
        monkeypatch.setenv(name, "x")
        monkeypatch.delenv(name)
    prefect_settings = intake_settings(tmp_path / "prefect", prefect_internal_port=free_port())
    server = start_prefect(prefect_settings)
    try:
        assert server.auth and server.auth.startswith("berkas:")
        with temporary_settings(updates={PREFECT_API_URL: server.api_url,
                                         PREFECT_API_AUTH_STRING: server.auth,
                                         PREFECT_UI_URL: server.ui_url}), \
                running_flow_env(tmp_path, register_deployments(), login_max_failures=3,
                                 prefect_port=free_port()) as flow_env:
            # the staff UI, on the port the forms' links (documents, crops) name
            gate = Gate(flow_env.ctx.settings, flow_env.ctx.sessions, server.ui_url,
                        server.auth, flow_env.ctx.viewer)
            gate.start()
            try:
                yield Staffed(flow_env, f"http://127.0.0.1:{gate.port}", server.ui_url,
                              server.auth, prefect_settings.data_dir / "prefect")
            finally:
                gate.stop()
        drain_prefect()  # else a later harness drains events for this server, gone by then
    finally:
        server.stop()


def _request(url: str, method: str = "GET", headers: dict[str, str] | None = None,
             body: bytes | None = None) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, method=method, data=body, headers=headers or {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as answer:
            return answer.status, answer.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def _websocket(url: str, headers: dict[str, str]) -> str:
    """What the server says after the opening `auth` message, or why it refused."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus

    async def talk() -> str:
        try:
            async with connect(url, additional_headers=headers, subprotocols=["prefect"],
                               open_timeout=10) as ws:
                await ws.send(json.dumps({"type": "auth", "token": None}))
                return str(await asyncio.wait_for(ws.recv(), 10))
        except InvalidStatus as refused:
            return f"refused {refused.response.status_code}"

    return asyncio.run(talk())


def _log_in(page, gate_url: str, username: str, password: str) -> None:
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def _try_resume(page) -> None:
    page.get_by_role("button", name="Open menu").click()
    page.get_by_role("menuitem", name="Resume").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Langkah 2: Disposisi Kepala LPSE").wait_for()
    assert dialog.get_by_label("Nama Anda (Kepala LPSE)").count() == 0  # no typed name
    dialog.get_by_label("Teruskan (disposisi) kepada Admin PPE dan kirim Surat "
                        "Jawaban").click()
    dialog.get_by_role("button", name="Resume").click()
    page.wait_for_timeout(1500)


def test_only_the_kepala_lpse_takes_his_disposition_in_the_ui(staffed: Staffed) -> None:
    from playwright.sync_api import sync_playwright

    env, gate = staffed.env, staffed.gate_url
    b = content.make_berkas(306)
    (registration,) = env.file_scans("dinas-ui", scanned_files(b))
    run = env.wait_for(registration, "2")
    run_page = f"{gate}/v2/runs/flow-run/{run.id}"
    key = run.state.state_details.pause_key
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            page.goto(run_page)
            assert page.url.startswith(f"{gate}/masuk")  # nothing without a session
            _log_in(page, gate, "kepala", "bukan-sandinya-sama-sekali")
            assert "Nama pengguna atau kata sandi salah" in page.content()

            _log_in(page, gate, "ppe", STAFF_PASSWORD)  # the Admin PPE
            assert page.url == run_page
            _try_resume(page)
            env.executor.wake.set()
            still = env.wait_for(registration, "2")
            assert still.state.state_details.pause_key == key  # still suspended, same wait
            assert proc.snapshot(env.ctx, registration).step == 2

            page.goto(f"{gate}/keluar")
            assert page.url.startswith(f"{gate}/masuk")
            page.goto(run_page)
            _log_in(page, gate, "kepala", STAFF_PASSWORD)
            cookie = next(c for c in page.context.cookies() if c["name"] == "berkas_sesi")
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
            token = cookie["value"]
            _try_resume(page)

            # three wrong passwords (the setting) for the Admin PPE from here lock him out here
            other = browser.new_page()
            other.goto(f"{gate}/masuk")
            for _ in range(3):
                _log_in(other, gate, "ppe", "salah-lagi-salah-lagi")
            _log_in(other, gate, "ppe", STAFF_PASSWORD)
            assert "dikunci sementara" in other.content()

            # at step 3 each value of the scanned berkas shows beside the crop of where it was
            # read, served by the viewer behind the same login
            env.executor.wake.set()
            run = env.wait_for(registration, "3")
            refused: list[str] = []
            page.on("requestfailed", lambda r: refused.append(f"{r.failure}")
                    if "/p/" in r.url else None)
            page.goto(run_page)
            page.get_by_role("button", name="Open menu").click()
            page.get_by_role("menuitem", name="Resume").click()
            dialog = page.get_by_role("dialog")
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
    env.wait_for(registration, "3")
    step2 = next(r for r in proc.step_rows(env.ctx, registration) if r.step == 2)
    assert (step2.actor, step2.outcome) == ("Kepala LPSE Uji", "diteruskan")
    assert step2.detail["pengguna"] == "kepala" and step2.detail["alamat"] == "127.0.0.1"
    s = env.ctx.settings
    child = {**os.environ, "BERKAS_DATA_DIR": str(s.data_dir),
             "BERKAS_ARCHIVE_DIR": str(s.archive_dir), "BERKAS_INBOX_DIR": str(s.inbox_dir)}
    status = subprocess.run([sys.executable, "-m", "berkas.cli", "status", registration],
                            env=child, capture_output=True, text=True, timeout=120)
    assert "Kepala LPSE Uji" in status.stdout, status.stdout + status.stderr

    with env.ctx.sessions() as db:
        events = [(e.actor, e.kind, (e.detail or {}).get("alamat"))
                  for e in db.scalars(select(Event).where(Event.application_id.is_(None)))]
    assert ("kepala", "masuk_ditolak", "127.0.0.1") in events
    assert ("ppe", "keputusan_ditolak", "127.0.0.1") in events
    assert ("kepala", "keputusan", "127.0.0.1") in events
    assert ("ppe", "keluar", "127.0.0.1") in events
    assert ("kepala", "masuk", "127.0.0.1") in events

    # secrets stay secret: not in our database, Prefect's, the archive or any log
    kept = [p for root in (s.data_dir, s.archive_dir, staffed.prefect_home)
            for p in root.rglob("*")
            if p.is_file() and p.name != "api-auth"]
    for secret in (STAFF_PASSWORD, token, staffed.secret.partition(":")[2]):
        assert not [p for p in kept if secret.encode() in p.read_bytes()], secret[:4]
    # the argon2id hash stays in its one table: never in Prefect's files or the archive
    from berkas.store.models import StaffAccount

    with env.ctx.sessions() as db:
        digest = db.scalar(select(StaffAccount.password_hash).where(
            StaffAccount.username == "kepala")).rpartition("$")[2]
    outside = [p for root in (s.archive_dir, staffed.prefect_home) for p in root.rglob("*")
               if p.is_file()]
    assert not [p for p in outside if digest.encode() in p.read_bytes()]


def test_nothing_passes_the_gate_without_a_session(staffed: Staffed) -> None:
    env, gate = staffed.env, staffed.gate_url
    assert _request(f"{gate}/v2/runs")[1].startswith("/masuk")
    status, _ = _request(f"{gate}/api/flow_runs/filter", "POST",
                         {"Origin": gate, "Content-Type": "application/json"}, b"{}")
    assert status == 401
    link = env.ctx.viewer.link_for("REG-2026-00001", "formulir.pdf")
    path = link.split("/dokumen/", 1)[1]  # the viewer lives behind the login
    assert _request(f"{gate}/dokumen/{path}")[0] == 303
    ws = gate.replace("http", "ws") + "/api/events/out"
    assert _websocket(ws, {"Origin": gate}) == "refused 403"
    # the Prefect server itself: nothing without the secret, its UI settings ask for none here
    internal = staffed.internal_url
    assert _request(f"{internal}/api/flow_runs/filter", "POST",
                    {"Content-Type": "application/json"}, b"{}")[0] == 401

    # with a session: the gate fills in the secret, the UI never sees it; other sites refused
    from berkas.store import staff

    _, token = staff.login(env.ctx.sessions, staff.Policy.of(env.ctx.settings), "pengelola",
                           STAFF_PASSWORD, "127.0.0.1")
    cookie = {"Cookie": f"berkas_sesi={token}"}
    assert json.loads(_websocket(ws, {"Origin": gate, **cookie})) == {"type": "auth_success"}
    assert _websocket(ws, {"Origin": "http://lain.example", **cookie}) == "refused 403"
    assert _request(f"{gate}/api/flow_runs/filter", "POST",
                    {"Origin": gate, "Content-Type": "application/json", **cookie},
                    b"{}")[0] == 200
    assert _request(f"{gate}/api/flow_runs/filter", "POST",
                    {"Origin": "http://lain.example", "Content-Type": "application/json",
                     **cookie}, b"{}")[0] == 403
    assert _request(f"{gate}/api/flow_runs/", "POST",
                    {"Origin": gate, "Content-Type": "application/json", **cookie},
                    b"{}")[0] == 403
    assert _request(f"{gate}/api/admin/settings", headers=cookie)[0] == 403


def test_every_prefect_api_route_is_sorted() -> None:
    """Every route of the installed Prefect's API is read, role-checked or denied: a new
    Prefect version cannot add a door the gate would open without anyone deciding so."""
    from prefect.server.api.server import create_app

    from berkas.web.policy import Access, classify

    spec = create_app().openapi()
    sorted_routes: dict[Access, list[str]] = {a: [] for a in Access}
    unknown = []
    for path, operations in spec["paths"].items():
        api_path = path.removeprefix("/api")
        for method in operations:
            found = classify(method, api_path)
            if found is None:
                unknown.append(f"{method.upper()} {path}")
            else:
                sorted_routes[found].append(f"{method.upper()} {api_path}")
    assert not unknown, f"routes no list of berkas/web/policy.py names: {unknown}"
    assert sorted_routes[Access.RESUME] == ["POST /flow_runs/{id}/resume"]
    assert sorted(sorted_routes[Access.ADMIN]) == ["DELETE /flow_runs/{id}",
                                                   "POST /flow_runs/{id}/set_state"]
    for denied in ("POST /flow_runs/{id}/input", "POST /flow_runs/", "PATCH /flow_runs/{id}",
                   "POST /flow_runs/bulk_set_state", "POST /deployments/{id}/create_flow_run",
                   "POST /variables/", "GET /admin/settings", "POST /flow_runs/bulk_delete"):
        assert denied in sorted_routes[Access.DENIED], denied
    writes = [r for r in sorted_routes[Access.READ] if not r.startswith("GET ")]
    assert all(r.split("/")[-1] in {"filter", "count", "paginate", "history", "lateness",
                                    "validate", "next-runs", "count-task-runs", "counts",
                                    "count-deployments", "concurrency_status", "{countable}"}
               for r in writes), writes
