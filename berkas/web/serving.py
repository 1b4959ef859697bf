"""An ASGI app served by uvicorn from a background thread, on a socket bound first (so a busy
port is an OSError at once, and port 0 picks a free one). Used by the staff UI's gate and the
document viewer."""

from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any

import uvicorn

from berkas.core.wait import wait_until


class BackgroundServer:
    def __init__(self, app: Any, name: str) -> None:
        self.app, self.name = app, name
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self, host: str, port: int, **config: Any) -> int:
        """Listen on host:port and serve; the port it listens on."""
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            raise
        sock.listen(128)
        self.port = sock.getsockname()[1]
        # no access log: paths carry the viewer's tokens; and no logging configuration of
        # uvicorn's own (dictConfig would close every handler the process has, Prefect's too)
        server = uvicorn.Server(uvicorn.Config(
            self.app, lifespan="off", access_log=False, log_config=None, log_level="warning",
            server_header=False, timeout_keep_alive=60, **config))
        thread = threading.Thread(target=lambda: asyncio.run(server.serve([sock])),
                                  name=self.name, daemon=True)
        self._server, self._socket, self._thread = server, sock, thread
        thread.start()
        wait_until(lambda: server.started or not thread.is_alive(), timeout=10)
        return self.port

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None
