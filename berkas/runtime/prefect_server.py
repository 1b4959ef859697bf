"""The local Prefect server of `berkas run`: its UI and API, started as a child process.

Unless `PREFECT_API_URL` is already set (then that server is used and nothing is started),
`start_prefect(settings)` runs `prefect server start` with its home, SQLite database and log in
`<data>/prefect/`, on `127.0.0.1:settings.prefect_internal_port` (people reach it only through the
staff UI's login, berkas/web/gate.py), analytics off, the UI on, and basic auth with a secret
made for this server (`PREFECT_SERVER_API_AUTH_STRING` when given), kept in
`<data>/prefect/api-auth` (mode 0600) for the other commands of this data folder. Once
`/api/health` answers it sets `PREFECT_API_URL`, `PREFECT_API_AUTH_STRING` and `PREFECT_UI_URL`
(the staff UI) in `os.environ`, for this process and every child it starts.

Decisions:
- A busy port is an error (in Indonesian), not a move to the next free port: reviewers bookmark
  the UI, and links in reminders point at it, so its address must stay what is configured.
- A server a previous `berkas run` started for the same data directory (`server.json` beside its
  home) is reused while that `berkas run` is alive (`started` is then False and `stop()` leaves it
  alone: this is how a second command finds the running one); if its owner is gone it is stopped
  and a new one started, so ownership is always clear.
- No orphan: the child is started through a tiny launcher that asks the kernel to send it SIGTERM
  when its parent dies (`PR_SET_PDEATHSIG`, also on SIGKILL of `berkas run`), in its own session
  (Ctrl-C in the terminal reaches `berkas run`, which stops it in order), and `stop()` runs at
  exit. The kernel ties the child to the *thread* that started it: call `start_prefect` from the
  main thread.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from berkas.core.files import atomic_write
from berkas.core.settings import Settings
from berkas.core.wait import wait_until
from berkas.web.address import staff_url

log = logging.getLogger("berkas.prefect_server")

SECRET_FILE = "api-auth"  # the per-run secret of the server, mode 0600, in its home
STOP_GRACE_SECONDS = 10.0
START_TIMEOUT_SECONDS = 60.0  # the first start also runs the database migrations

# Runs in the child before `exec`: SIGTERM when the parent dies, and give up if it already has.
_LAUNCHER = (
    "import ctypes, os, signal, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)\n"  # PR_SET_PDEATHSIG
    "if os.getppid() != int(sys.argv[1]): sys.exit(1)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


class PrefectServerError(RuntimeError):
    """Raised with a message for the user (Indonesian)."""


def popen_tied_to_us(argv: list[str], *, env: dict[str, str] | None = None,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     new_session: bool = True) -> subprocess.Popen:
    """Start `argv` (an absolute executable first) so that it gets SIGTERM when this process
    (strictly: the calling thread) ends, however it ends."""
    return subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(os.getpid()), *argv],
                            env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                            start_new_session=new_session, close_fds=True)


def connect_host(bind_host: str) -> str:
    """The address to reach a server listening on `bind_host` from this machine."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(bind_host, bind_host)


def auth_string_from_env() -> str | None:
    return (os.environ.get("PREFECT_SERVER_API_AUTH_STRING")
            or os.environ.get("PREFECT_API_AUTH_STRING") or None)


def http_get(url: str, auth: str | None = None, timeout: float = 2.0) -> tuple[int, bytes]:
    """(status, body) of a GET; status 0 when nothing answers."""
    request = urllib.request.Request(url)
    if auth:
        request.add_header("Authorization",
                           "Basic " + base64.b64encode(auth.encode()).decode("ascii"))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (OSError, ValueError):
        return 0, b""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (exited, not yet reaped) is not alive
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
            return False
    return True


def _is_prefect_server(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"server" in cmdline and any(part.endswith(b"prefect") for part in cmdline)


def port_free_on(host: str, port: int) -> bool:
    """True when nothing listens on `host`:`port` (it can be bound)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class PrefectServer:
    """A Prefect API and UI this process uses; `started` says whether we own its process."""

    def __init__(self, api_url: str, *, process: subprocess.Popen | None = None,
                 home: Path | None = None, auth: str | None = None) -> None:
        self.api_url = api_url.rstrip("/")
        self.process = process
        self.home = home
        self._auth = auth

    @property
    def auth(self) -> str | None:
        """The secret its API requires (`user:password`)."""
        return self._auth

    @property
    def started(self) -> bool:
        return self.process is not None

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    @property
    def state_file(self) -> Path | None:
        return self.home / "server.json" if self.home is not None else None

    def healthy(self) -> bool:
        return http_get(f"{self.api_url}/health", self._auth)[0] == 200

    def stop(self) -> None:
        """Stop the server we started (SIGTERM, SIGKILL after 10 s); nothing otherwise."""
        process, self.process = self.process, None
        if process is None:
            return
        atexit.unregister(self.stop)
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                log.warning("Prefect server did not stop within %.0f s; killing it",
                            STOP_GRACE_SECONDS)
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # anything it left in its session
        if self.state_file is not None:
            with contextlib.suppress(FileNotFoundError, ValueError, OSError):
                if json.loads(self.state_file.read_text()).get("pid") == process.pid:
                    self.state_file.unlink()
        if os.environ.get("PREFECT_API_URL") == self.api_url:  # it pointed at what is gone
            os.environ.pop("PREFECT_API_URL", None)
            os.environ.pop("PREFECT_API_AUTH_STRING", None)


_exported: set[str] = set()  # API URLs this process put into PREFECT_API_URL itself


def _export(api_url: str, auth: str | None, ui_url: str | None = None) -> None:
    _exported.add(api_url)
    os.environ["PREFECT_API_URL"] = api_url
    if auth:
        os.environ["PREFECT_API_AUTH_STRING"] = auth
    if ui_url:  # links to runs point at the staff UI (the login), not the private port
        os.environ["PREFECT_UI_URL"] = ui_url
    context = sys.modules.get("prefect.context")
    if context is not None:  # prefect already imported: it read its settings at import
        context.refresh_global_settings_context()


def _previous(home: Path, host: str, port: int, auth: str | None) -> PrefectServer | None:
    """The server a `berkas run` still alive started for this home, if it answers; an orphan of a
    dead one is stopped."""
    state_file = home / "server.json"
    try:
        state = json.loads(state_file.read_text())
        pid, owner = int(state["pid"]), int(state["owner"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (_alive(pid) and _is_prefect_server(pid)):
        state_file.unlink(missing_ok=True)
        return None
    if _alive(owner) and owner != os.getpid():
        server = PrefectServer(state["api_url"], home=home, auth=auth)
        if state.get("port") == port and state.get("host") == host and _wait_healthy(
                server, None, START_TIMEOUT_SECONDS):
            return server
        raise PrefectServerError(
            f"Server Prefect milik proses berkas lain (PID {owner}) untuk direktori data ini "
            f"berjalan di {state['api_url']}, bukan di {host}:{port} yang dikonfigurasi, atau "
            "tidak menjawab. Hentikan proses tersebut terlebih dahulu.")
    log.warning("stopping an orphaned Prefect server (PID %d) of a previous run", pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    wait_until(lambda: not _alive(pid), STOP_GRACE_SECONDS, interval=0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    state_file.unlink(missing_ok=True)
    return None


def _wait_healthy(server: PrefectServer, process: subprocess.Popen | None,
                  timeout: float) -> bool:
    """True once the server answers; False when it does not within `timeout`, or has exited."""
    def exited() -> bool:
        return process is not None and process.poll() is not None

    return wait_until(lambda: exited() or server.healthy(), timeout, interval=0.25) \
        and not exited()


def _answers(api_url: str, auth: str | None) -> bool:
    try:
        return http_get(f"{api_url}/health", auth)[0] == 200
    except OSError:
        return False


def prefect_executable() -> str:
    """The venv's `prefect`, next to the running Python."""
    candidate = Path(sys.executable).parent / "prefect"
    if candidate.exists():
        return str(candidate)
    raise PrefectServerError(f"Program `prefect` tidak ditemukan di {candidate.parent}; "
                             "jalankan `make setup` terlebih dahulu.")


def start_prefect(settings: Settings, timeout: float = START_TIMEOUT_SECONDS) -> PrefectServer:
    """The Prefect server to use (see the module's docstring); raises PrefectServerError."""
    auth = auth_string_from_env()
    given = os.environ.get("PREFECT_API_URL")
    if given and given in _exported and not _answers(given, auth):
        os.environ.pop("PREFECT_API_URL")  # one we started earlier and that is gone: not given
    elif given:
        log.info("using the Prefect server at PREFECT_API_URL=%s", given)
        server = PrefectServer(os.environ["PREFECT_API_URL"], auth=auth)
        _export(server.api_url, auth)
        return server

    home = (settings.data_dir / "prefect").resolve()
    home.mkdir(parents=True, exist_ok=True)
    # loopback only: people reach it through the staff UI's login (berkas/web/gate.py)
    host, port = "127.0.0.1", settings.prefect_internal_port
    api_url = f"http://{host}:{port}/api"

    previous = _previous(home, host, port, auth or read_secret(settings))
    if previous is not None:
        log.info("using the Prefect server a running berkas started at %s", previous.api_url)
        _export(previous.api_url, previous.auth, staff_url(settings))
        return previous
    if not port_free_on(host, port):
        raise PrefectServerError(
            f"Port {port} pada {host} sudah dipakai program lain, sehingga server Prefect tidak "
            f"dapat dijalankan. Hentikan program tersebut, atau pilih port lain dengan "
            f"BERKAS_PREFECT_INTERNAL_PORT (mis. BERKAS_PREFECT_INTERNAL_PORT={port + 1}), atau "
            "gunakan server Prefect yang sudah ada dengan PREFECT_API_URL.")
    if not auth:  # a new secret for every server berkas starts, known only to berkas
        auth = f"berkas:{secrets.token_urlsafe(32)}"
    atomic_write(home / SECRET_FILE, auth.encode(), mode=0o600)

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_URL")}
    env.update({
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_API_HOST": host,
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_UI_ENABLED": "true",
        # the UI calls its API relative to the page, so it works under any host name or proxy
        "PREFECT_UI_API_URL": "/api",
        "PREFECT_SERVER_LOGGING_LEVEL": env.get("PREFECT_SERVER_LOGGING_LEVEL", "WARNING"),
        "PYTHONUNBUFFERED": "1",
    })
    if not (env.get("PREFECT_SERVER_DATABASE_CONNECTION_URL")
            or env.get("PREFECT_API_DATABASE_CONNECTION_URL")):
        env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = f"sqlite+aiosqlite:///{home}/prefect.db"
    env["PREFECT_SERVER_API_AUTH_STRING"] = auth
    env["PREFECT_API_AUTH_STRING"] = auth

    log_path = home / "server.log"
    with open(log_path, "ab") as log_file:
        log_file.write(f"\n--- berkas: prefect server start {time.strftime('%Y-%m-%d %H:%M:%S')} "
                       f"on {host}:{port}\n".encode())
        log_file.flush()
        process = popen_tied_to_us([prefect_executable(), "server", "start", "--host", host,
                                    "--port", str(port)],
                                   env=env, stdout=log_file, stderr=subprocess.STDOUT)
    server = PrefectServer(api_url, process=process, home=home, auth=auth)
    atexit.register(server.stop)
    if not _wait_healthy(server, process, timeout):
        code = process.poll()
        server.stop()
        tail = log_path.read_text(errors="replace").splitlines()[-15:]
        raise PrefectServerError(
            ("Server Prefect berhenti saat dijalankan" if code is not None else
             f"Server Prefect tidak siap dalam {timeout:.0f} detik")
            + f" (catatan: {log_path}):\n" + "\n".join(tail))
    atomic_write(home / "server.json", json.dumps({
        "pid": process.pid, "owner": os.getpid(), "host": host, "port": port,
        "api_url": api_url}).encode(), mode=0o666)
    _export(api_url, auth, staff_url(settings))
    log.info("Prefect server started at %s (PID %d, log %s)", server.ui_url, process.pid,
             log_path)
    return server


def use_running_prefect(settings: Settings) -> str | None:
    """For a command beside `berkas run` (`pending`, `approve`, `report`): the server it uses,
    unless PREFECT_API_URL names one; made this process' server (also when Prefect was imported
    before). None when neither is there."""
    given = os.environ.get("PREFECT_API_URL")
    if given:
        return given
    url = running_prefect(settings)
    if url:
        _export(url, auth_string_from_env() or read_secret(settings), staff_url(settings))
    return url


def read_secret(settings: Settings) -> str | None:
    """The secret of the Prefect server `berkas run` started for this data directory (a file
    of mode 0600 beside its home: whoever may read the data folder may use the API)."""
    try:
        return (settings.data_dir / "prefect" / SECRET_FILE).resolve().read_text().strip() or None
    except OSError:
        return None


def require_guarded(api_url: str, auth: str | None) -> None:
    """An outside Prefect server (PREFECT_API_URL) is used only behind the same rule as ours:
    it refuses a request without the secret and takes one with it (PREFECT_API_AUTH_STRING)."""
    probe = f"{api_url.rstrip('/')}/admin/version"
    if auth and http_get(probe)[0] == 401 and http_get(probe, auth)[0] == 200:
        return
    raise PrefectServerError(
        f"Server Prefect di PREFECT_API_URL={api_url} tidak dilindungi kunci yang hanya diketahui "
        "berkas: siapa pun yang menjangkaunya dapat mengambil keputusan tanpa masuk. Jalankan "
        "server tersebut dengan PREFECT_SERVER_API_AUTH_STRING dan berikan nilai yang sama kepada "
        "berkas dalam PREFECT_API_AUTH_STRING, atau hapus PREFECT_API_URL agar berkas "
        "menjalankan servernya sendiri.")


def running_prefect(settings: Settings) -> str | None:
    """The API URL of the server a running `berkas run` started for this data directory (for
    commands like `berkas pending` in another terminal), or None."""
    state_file = (settings.data_dir / "prefect" / "server.json").resolve()
    try:
        state = json.loads(state_file.read_text())
        pid, owner = int(state["pid"]), int(state["owner"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _alive(pid) and _alive(owner) and _is_prefect_server(pid):
        return str(state["api_url"])
    return None
