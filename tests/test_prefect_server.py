"""The local Prefect server of `berkas run`: started in the data directory, its API and UI
answer, basic auth is enforced, a busy port is refused in Indonesian, and stop leaves no process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from berkas.core.settings import Settings
from berkas.runtime.prefect_server import (
    PrefectServerError,
    http_get,
    require_guarded,
    running_prefect,
    start_prefect,
)
from tests.dovecot import free_port

AUTH = "peninjau:sandi-uji-prefect"


def _gone(pid: int, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def prefect_env(monkeypatch):
    for name in ("PREFECT_API_URL", "PREFECT_API_AUTH_STRING", "PREFECT_SERVER_API_AUTH_STRING"):
        monkeypatch.delenv(name, raising=False)
    yield monkeypatch
    for name in ("PREFECT_API_URL", "PREFECT_API_AUTH_STRING", "PREFECT_UI_URL"):
        os.environ.pop(name, None)  # start_prefect exported them for this process


def test_server_with_auth_serves_api_and_ui_and_stops_cleanly(tmp_path, prefect_env):
    prefect_env.setenv("PREFECT_SERVER_API_AUTH_STRING", AUTH)
    port = free_port()
    settings = Settings(data_dir=tmp_path / "data", prefect_internal_port=port)

    server = start_prefect(settings)
    try:
        assert server.started and server.api_url == f"http://127.0.0.1:{port}/api"
        assert server.ui_url == f"http://127.0.0.1:{port}"
        assert os.environ["PREFECT_API_URL"] == server.api_url
        assert os.environ["PREFECT_API_AUTH_STRING"] == AUTH
        # links to runs name the staff UI (the login), never this private port
        assert os.environ["PREFECT_UI_URL"] == "http://127.0.0.1:4200"
        secret = tmp_path / "data" / "prefect" / "api-auth"
        assert secret.read_text() == AUTH and secret.stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "data" / "prefect" / "prefect.db").exists()
        assert (tmp_path / "data" / "prefect" / "server.log").exists()

        assert http_get(f"{server.api_url}/health")[0] == 200
        status, page = http_get(server.ui_url + "/")
        assert status == 200 and b"<html" in page.lower()
        assert http_get(f"{server.api_url}/admin/version")[0] == 401
        assert http_get(f"{server.api_url}/admin/version", "peninjau:salah")[0] == 401
        status, version = http_get(f"{server.api_url}/admin/version", AUTH)
        assert status == 200 and version.startswith(b'"3.')

        # another command of this data directory finds it; a second start reuses it
        assert running_prefect(settings) == server.api_url
        # a Prefect client in a child process reaches it through the exported environment
        probe = subprocess.run(
            [sys.executable, "-c", "from prefect.client.orchestration import get_client\n"
             "with get_client(sync_client=True) as c: print(c.api_healthcheck() is None)"],
            capture_output=True, text=True, timeout=60)
        assert probe.stdout.strip() == "True", probe.stderr[-2000:]

        # an outside server is used only when it refuses requests without its secret
        require_guarded(server.api_url, AUTH)
        for wrong in (None, "peninjau:salah"):
            with pytest.raises(PrefectServerError, match="tidak dilindungi"):
                require_guarded(server.api_url, wrong)

        # a busy port is refused with a clear message (another data directory, same port)
        other = Settings(data_dir=tmp_path / "other", prefect_internal_port=port)
        prefect_env.delenv("PREFECT_API_URL")
        with pytest.raises(PrefectServerError, match=f"Port {port} .* sudah dipakai"):
            start_prefect(other)
    finally:
        pid = server.pid
        server.stop()
    assert pid is not None and _gone(pid)
    assert not server.started and running_prefect(settings) is None
    with socket.socket() as probe:  # the port is free again (connections may be in TIME_WAIT)
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))


def test_existing_api_url_is_used_and_nothing_is_started(tmp_path, prefect_env):
    prefect_env.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    server = start_prefect(Settings(data_dir=tmp_path / "data"))
    assert not server.started and server.ui_url == "http://127.0.0.1:9"
    assert not (tmp_path / "data" / "prefect").exists()
    server.stop()  # not ours: nothing to do


def test_killed_owner_takes_its_server_along(tmp_path):
    """`berkas run` killed with SIGKILL: the kernel stops its Prefect server too."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(BERKAS_DATA_DIR=str(tmp_path / "data"), BERKAS_PREFECT_INTERNAL_PORT=str(port))
    owner = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom berkas.runtime.prefect_server import start_prefect\n"
         "from berkas.core.settings import load_settings\n"
         "s = start_prefect(load_settings()); print(s.pid, flush=True); time.sleep(120)"],
        env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = owner.stdout.readline() if owner.stdout else ""
        assert line.strip().isdigit(), "the server did not start"
        pid = int(line)
        assert http_get(f"http://127.0.0.1:{port}/api/health")[0] == 200
    finally:
        owner.kill()
        owner.wait()
    assert _gone(pid, 15), "the Prefect server outlived its owner"
