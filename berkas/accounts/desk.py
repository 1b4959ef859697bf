"""How `berkas akun sandi` (and `berkas approve`, for the current reveal's number) reach the
running `berkas run`, which alone holds the temporary passwords (vault.py): one JSON line each way
over a Unix socket `<data>/sandi.sock`, mode 0600, answering only processes of the same user
(SO_PEERCRED). The password crosses the socket once and is written nowhere."""

from __future__ import annotations

import json
import os
import socket
import socketserver
import struct
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, SecretStr

SOCKET_NAME = "sandi.sock"
LIMIT = 64 * 1024


class DeskUnavailable(Exception):
    """No `berkas run` answers on the data folder's socket."""


class DeskRequest(BaseModel):
    op: Literal["reveal", "current"]
    registration: str
    username: str = ""
    new: bool = False


class DeskAnswer(BaseModel):
    code: int  # SPEC's exit codes of `berkas akun sandi`: 0 shown, 3 already shown, 4 refused
    message: str = ""
    sandi_ke: int | None = None
    password: SecretStr | None = None

    def wire(self) -> bytes:
        data = self.model_dump(exclude={"password"})
        data["password"] = self.password.get_secret_value() if self.password else None
        return json.dumps(data).encode() + b"\n"


def socket_path(data_dir: Path) -> Path:
    return data_dir / SOCKET_NAME


def ask(path: Path, request: DeskRequest, timeout: float = 30.0) -> DeskAnswer:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        try:
            conn.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            raise DeskUnavailable(f"berkas run tidak berjalan untuk folder data ini ({path})") \
                from exc
        conn.sendall(request.model_dump_json().encode() + b"\n")
        with conn.makefile("rb") as reader:
            line = reader.readline(LIMIT)
    if not line:
        raise DeskUnavailable("berkas run tidak menjawab")
    return DeskAnswer.model_validate_json(line)


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    handle_request_: Callable[[DeskRequest], DeskAnswer]


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        creds = self.request.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                        struct.calcsize("3i"))
        _pid, uid, _gid = struct.unpack("3i", creds)
        if uid != os.getuid():
            self.wfile.write(DeskAnswer(code=4, message="pengguna sistem lain").wire())
            return
        line = self.rfile.readline(LIMIT)
        try:
            request = DeskRequest.model_validate_json(line)
        except ValueError:
            self.wfile.write(DeskAnswer(code=4, message="permintaan tidak sah").wire())
            return
        self.wfile.write(self.server.handle_request_(request).wire())


class Desk:
    """The socket server of `berkas run`; `handler` answers each request."""

    def __init__(self, path: Path, handler: Callable[[DeskRequest], DeskAnswer]) -> None:
        self.path = path
        self.handler = handler
        self._server: _Server | None = None

    def start(self) -> None:
        with suppress(FileNotFoundError):
            self.path.unlink()  # left by a killed run; the executor's lock says none runs now
        old = os.umask(0o177)  # created 0600, never readable by others even for a moment
        try:
            self._server = _Server(str(self.path), _Handler)
        finally:
            os.umask(old)
        os.chmod(self.path, 0o600)
        self._server.handle_request_ = self.handler
        threading.Thread(target=self._server.serve_forever, name="sandi", daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with suppress(FileNotFoundError):
            self.path.unlink()
