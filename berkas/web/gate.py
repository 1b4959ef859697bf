"""The staff UI (`BERKAS_BIND_HOST:BERKAS_PREFECT_PORT`): a login in front of the Prefect UI,
its API and the document viewer (SPEC "Staff and decisions"). An ASGI app served by uvicorn.

- `/masuk` logs in (berkas/store/staff.py: argon2id, lockout per account and client address),
  `/keluar` logs out. Sessions are kept in our database; the cookie carries only a random
  token (HttpOnly, SameSite=Strict, Secure when not bound to loopback).
- Without a session: the API and every non-GET answer 401, pages redirect to `/masuk`, a
  websocket is refused. `Origin` must be this address on every non-GET and websocket upgrade.
- The Prefect server listens on 127.0.0.1 and refuses anything without a secret only
  `berkas run` holds; the gate adds it (`Authorization`, and the token of a websocket's first
  `auth` message). It answers `/ui-settings` itself, so the UI never asks for that secret.
- The API passes by berkas/web/policy.py: reads for everyone; resuming a suspended run only
  for an account holding the role of the decision it waits for, claimed in our database first
  (berkas/store/claims.py) so the flow records that person; cancel, retry and delete for
  `pengelola`, never on a suspended run; everything else denied.
- The document viewer answers under `/dokumen/`; each document opened is an event.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import re
import ssl
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send
from websockets.asyncio.client import connect as ws_connect
from websockets.typing import Subprotocol

from berkas.sop.model import by_flow
from berkas.store import claims, staff
from berkas.store.models import Application
from berkas.web import login_page
from berkas.web.address import DOCUMENTS, STAFF_USER, loopback
from berkas.web.policy import WEBSOCKETS, Access, classify, flow_run_id
from berkas.web.serving import BackgroundServer
from berkas.web.viewer import Viewer

log = logging.getLogger(__name__)

COOKIE = "berkas_sesi"
_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "host", "cookie", "authorization",
        "www-authenticate", "origin", "referer", "content-length"}
_PAUSE_KEY = re.compile(r"^langkah-(?P<key>.+?)-putaran-\d+-isian-\d+$")
# what a pengelola may set a run to: cancel it, or schedule it again (retry)
_ADMIN_STATES = {"CANCELLING", "CANCELLED", "SCHEDULED"}


def _text(status: int, text: str, extra: dict[str, str] | None = None) -> Response:
    return Response((text + "\n").encode(), status_code=status, headers={
        "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff", **(extra or {})})


def _refuse(status: int, text: str) -> Response:
    """Prefect's UI shows `detail` of an API error."""
    return JSONResponse({"detail": text}, status_code=status,
                        headers={"Cache-Control": "no-store"})


class Gate:
    def __init__(self, settings: Any, sessions: sessionmaker[Session], upstream: str,
                 secret: str, viewer: Viewer | None = None) -> None:
        """`upstream`: the Prefect server's base URL (`http://127.0.0.1:PORT`); `secret`: its
        `user:password`."""
        self.settings = settings
        self.sessions = sessions
        self.upstream = upstream.rstrip("/")
        self._secret = secret
        self._authorization = "Basic " + base64.b64encode(secret.encode()).decode()
        self.viewer = viewer
        self.policy = staff.Policy.of(settings)
        self.secure = not loopback(settings.bind_host)
        self.title = f"Layanan Registrasi Admin Agency {settings.lpse_name}"
        self._client: httpx.AsyncClient | None = None
        self._serving = BackgroundServer(self, "gerbang-staf")
        self.port: int = settings.prefect_port

    # --- ASGI -------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        elif scope["type"] == "http":
            request = Request(scope, receive)
            try:
                response = await self._http(request)
            except httpx.HTTPError:
                log.exception("the Prefect server did not answer")
                response = _text(502, "Server Prefect tidak menjawab.")
            await response(scope, receive, send)

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(base_url=self.upstream, timeout=60.0)
        return self._client

    @staticmethod
    def address(scope: Scope) -> str:
        client = scope.get("client")
        return str(client[0]) if client else "-"

    @staticmethod
    def _same_origin(headers: Any) -> bool:
        origin, host = headers.get("origin"), headers.get("host")
        return bool(origin and host) and urlsplit(origin).netloc == host

    def _token(self, headers: Any) -> str | None:
        cookie = SimpleCookie()
        with contextlib.suppress(Exception):
            cookie.load(headers.get("cookie") or "")
        morsel = cookie.get(COOKIE)
        return morsel.value if morsel else None

    async def _account(self, headers: Any) -> staff.Staff | None:
        return await run_in_threadpool(staff.session_of, self.sessions, self.policy,
                                       self._token(headers))

    # --- HTTP -------------------------------------------------------------------------------

    async def _http(self, request: Request) -> Response:
        path, method = request.url.path, request.method
        if path == "/masuk":
            return await self._login(request)
        if path == "/keluar":
            return await self._logout(request)
        if method not in ("GET", "HEAD") and not self._same_origin(request.headers):
            return _refuse(403, "Asal permintaan tidak diizinkan.")
        account = await self._account(request.headers)
        if account is None:
            if path.startswith("/api/") or method not in ("GET", "HEAD"):
                return _refuse(401, "Silakan masuk terlebih dahulu.")
            target = path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/masuk?next={quote(target, safe='')}", status_code=303)
        if path.endswith("/ui-settings"):
            return await self._ui_settings(request)
        if path == DOCUMENTS or path.startswith(DOCUMENTS + "/"):
            return await self._document(request, account)
        if path.startswith("/api/"):
            return await self._api(request, account)
        if method not in ("GET", "HEAD"):
            return _refuse(405, "Metode tidak diizinkan.")
        return await self._forward(request)

    async def _login(self, request: Request) -> Response:
        headers = {"Content-Security-Policy": login_page.CSP, "Cache-Control": "no-store",
                   # not no-referrer: under it the browser sends `Origin: null` with the form
                   "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
                   "X-Content-Type-Options": "nosniff"}
        if request.method != "POST":
            next_path = _local(request.query_params.get("next"))
            return Response(login_page.page(self.title, next_path=next_path),
                            media_type="text/html", headers=headers)
        if not self._same_origin(request.headers):
            return _text(403, "Asal permintaan tidak diizinkan.")
        form = parse_qs((await request.body())[:8192].decode("utf-8", "replace"))
        username = (form.get("username") or [""])[0]
        password = (form.get("password") or [""])[0]
        next_path = _local((form.get("next") or ["/"])[0])
        try:
            account, token = await run_in_threadpool(
                staff.login, self.sessions, self.policy, username, password,
                self.address(request.scope))
        except staff.LoginRefused as refused:
            return Response(login_page.page(self.title, error=str(refused), next_path=next_path),
                            status_code=429 if refused.locked else 401, media_type="text/html",
                            headers=headers)
        response = RedirectResponse(next_path, status_code=303, headers={"Cache-Control":
                                                                         "no-store"})
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=self.secure,
                            path="/")
        log.info("staff login: %s from %s", account.username, self.address(request.scope))
        return response

    async def _logout(self, request: Request) -> Response:
        await run_in_threadpool(staff.end_session, self.sessions, self._token(request.headers),
                                self.address(request.scope))
        response = RedirectResponse("/masuk", status_code=303)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict",
                               secure=self.secure)
        return response

    async def _ui_settings(self, request: Request) -> Response:
        answer = await self.client.get(request.url.path,
                                       headers={"Authorization": self._authorization})
        settings = answer.json()
        settings["auth"] = None  # the gate holds the secret; the UI must not ask for it
        return JSONResponse(settings, headers={"Cache-Control": "no-store"})

    async def _document(self, request: Request, account: staff.Staff) -> Response:
        if self.viewer is None:
            return _text(404, "Dokumen tidak ditemukan.")
        scope = dict(request.scope)
        scope["path"] = request.url.path[len(DOCUMENTS):] or "/"
        scope["raw_path"] = scope["path"].encode()
        scope[STAFF_USER] = account.username
        found = self.viewer.what(scope["path"])
        if found is not None and request.method == "GET":
            await run_in_threadpool(staff.audit, self.sessions, account.username,
                                    "dokumen_dibuka", self.address(request.scope),
                                    registrasi=found[0], berkas=found[1])
        return _Delegated(self.viewer, scope)

    # --- the API ----------------------------------------------------------------------------

    async def _api(self, request: Request, account: staff.Staff) -> Response:
        api_path = request.url.path[len("/api"):]
        access = classify(request.method, api_path)
        if "include_secrets" in request.url.query:
            access = Access.DENIED
        if access == Access.READ:
            return await self._forward(request)
        if access == Access.RESUME:
            return await self._resume(request, account, flow_run_id(api_path) or "")
        if access == Access.ADMIN and account.holds(staff.StaffRole.PENGELOLA):
            return await self._admin(request, account, flow_run_id(api_path) or "")
        if access == Access.ADMIN:
            return _refuse(403, "Membatalkan, mengulang, atau menghapus alur hanya untuk "
                                "pengelola sistem.")
        return _refuse(403, "Tindakan ini tidak diizinkan melalui antarmuka staf.")

    async def _run(self, run_id: str) -> dict[str, Any] | None:
        answer = await self.client.get(f"/api/flow_runs/{run_id}",
                                       headers={"Authorization": self._authorization})
        return answer.json() if answer.status_code == 200 else None

    async def _resume(self, request: Request, account: staff.Staff, run_id: str) -> Response:
        run = await self._run(run_id)
        state = (run or {}).get("state") or {}
        pause_key = (state.get("state_details") or {}).get("pause_key") or ""
        waiting = _PAUSE_KEY.match(pause_key)
        if run is None or state.get("type") != "PAUSED" or waiting is None:
            return _refuse(409, "Alur ini tidak sedang menunggu keputusan.")
        flow = (await self.client.get(f"/api/flows/{run['flow_id']}",
                                      headers={"Authorization": self._authorization})).json()
        try:
            decision = by_flow(flow.get("name", "")).decisions[waiting["key"]]
        except (StopIteration, KeyError):
            return _refuse(403, "Alur ini tidak dapat dilanjutkan melalui antarmuka staf.")
        registration = await run_in_threadpool(self._registration, run_id)
        if registration is None:
            return _refuse(403, "Alur ini bukan alur permohonan.")
        address = self.address(request.scope)
        try:
            await run_in_threadpool(staff.require_role, self.sessions, account.username,
                                    decision.decided_by)
        except staff.NotAllowed as exc:
            await run_in_threadpool(staff.audit, self.sessions, account.username,
                                    "keputusan_ditolak", address, registrasi=registration,
                                    langkah=decision.step, alasan=str(exc))
            return _refuse(403, f"{exc} Keputusan ini menunggu {decision.decided_by}.")
        decider = claims.Decider(account.username, account.full_name, "antarmuka",
                                 client_address=address)
        if not await run_in_threadpool(claims.claim, self.sessions, run_id, pause_key,
                                       registration, decider):
            return _refuse(409, "Keputusan ini sedang diambil oleh orang lain.")
        body = await request.body()
        answer = await self.client.post(request.url.path, content=body, headers={
            "Authorization": self._authorization, "Content-Type": "application/json"})
        accepted = answer.status_code < 300 and _status(answer) == "ACCEPT"
        if not accepted:
            await run_in_threadpool(claims.release, self.sessions, run_id, pause_key,
                                    account.username)
        await run_in_threadpool(staff.audit, self.sessions, account.username, "keputusan",
                                address, registrasi=registration, langkah=decision.step,
                                diterima=accepted)
        return Response(answer.content, status_code=answer.status_code,
                        media_type="application/json")

    def _registration(self, run_id: str) -> str | None:
        with self.sessions() as s:
            return s.scalar(select(Application.registration).where(
                Application.flow_run_id == run_id))

    async def _admin(self, request: Request, account: staff.Staff, run_id: str) -> Response:
        run = await self._run(run_id)
        if run is None:
            return _refuse(404, "Alur tidak ditemukan.")
        if ((run.get("state") or {}).get("type")) == "PAUSED":
            return _refuse(403, "Alur yang menunggu keputusan tidak dapat diubah keadaannya; "
                                "keputusan diambil oleh pemegang perannya.")
        if request.method == "POST":
            wanted = None
            with contextlib.suppress(ValueError, AttributeError):
                wanted = json.loads(await request.body()).get("state", {}).get("type")
            if wanted not in _ADMIN_STATES:
                return _refuse(403, "Hanya pembatalan atau pengulangan alur yang diizinkan.")
        await run_in_threadpool(staff.audit, self.sessions, account.username,
                                "tindakan_pengelola", self.address(request.scope),
                                alur=run_id, tindakan=request.method)
        return await self._forward(request)

    async def _forward(self, request: Request) -> Response:
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _HOP]
        headers.append(("Authorization", self._authorization))
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        upstream = self.client.build_request(request.method, target, headers=headers,
                                             content=await request.body())
        answer = await self.client.send(upstream, stream=True)
        kept = {k: v for k, v in answer.headers.items() if k.lower() not in _HOP}
        if answer.status_code == 401:  # the secret is ours: never let a browser ask for one
            await answer.aclose()
            return _text(502, "Server Prefect menolak kunci berkas.")
        return StreamingResponse(answer.aiter_raw(), status_code=answer.status_code,
                                 headers=kept, background=BackgroundTask(answer.aclose))

    # --- websockets -------------------------------------------------------------------------

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        first = await receive()
        if first["type"] != "websocket.connect":
            return
        headers = Headers(scope=scope)
        path = scope["path"]
        account = await self._account(headers) if self._same_origin(headers) else None
        if account is None or not path.startswith("/api/") or path[4:] not in WEBSOCKETS:
            await send({"type": "websocket.close", "code": 1008})
            return
        query = scope.get("query_string", b"").decode()
        url = "ws" + self.upstream[4:] + path + (f"?{query}" if query else "")
        offered = (headers.get("sec-websocket-protocol") or "").split(",")
        protocols = [Subprotocol(p.strip()) for p in offered if p.strip()]
        try:
            upstream = await ws_connect(url, additional_headers={
                "Authorization": self._authorization}, subprotocols=protocols or None)
        except Exception:
            await send({"type": "websocket.close", "code": 1011})
            return
        await send({"type": "websocket.accept", "subprotocol": upstream.subprotocol})

        async def inward() -> None:
            while True:
                message = await receive()
                if message["type"] == "websocket.disconnect":
                    return
                text = message.get("text")
                if text is not None:
                    await upstream.send(self._with_token(text))
                elif message.get("bytes") is not None:
                    await upstream.send(message["bytes"])

        async def outward() -> None:
            async for data in upstream:
                key = "text" if isinstance(data, str) else "bytes"
                await send({"type": "websocket.send", key: data})

        tasks = [asyncio.ensure_future(inward()), asyncio.ensure_future(outward())]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await upstream.close()
            with contextlib.suppress(Exception):
                await send({"type": "websocket.close", "code": 1000})

    def _with_token(self, text: str) -> str:
        """Prefect's websocket protocol opens with `{"type": "auth", "token": …}`: the token
        is the server's secret, which only the gate knows."""
        with contextlib.suppress(ValueError):
            message = json.loads(text)
            if isinstance(message, dict) and message.get("type") == "auth":
                return json.dumps({**message, "token": self._secret})
        return text

    # --- running ----------------------------------------------------------------------------

    def start(self, host: str | None = None, port: int | None = None) -> None:
        """Listen on bind_host:prefect_port (or the given ones; port 0: any free one) and serve
        from a background thread. TLS from `BERKAS_TLS_CERT_FILE`/`BERKAS_TLS_KEY_FILE`."""
        tls: dict[str, Any] = {}
        if self.settings.tls_cert_file:
            tls = {"ssl_certfile": str(self.settings.tls_cert_file),
                   "ssl_keyfile": str(self.settings.tls_key_file or ""),
                   "ssl_version": ssl.PROTOCOL_TLS_SERVER}
        self.port = self._serving.start(self.settings.bind_host if host is None else host,
                                        self.port if port is None else port,
                                        ws="websockets-sansio", **tls)

    def stop(self) -> None:
        self._serving.stop()


class _Delegated(Response):
    """A response another ASGI app (the viewer) gives for a rewritten scope."""

    def __init__(self, app: Any, scope: Scope) -> None:
        super().__init__()
        self._app, self._scope = app, scope

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(self._scope, receive, send)


def _status(answer: httpx.Response) -> str | None:
    with contextlib.suppress(ValueError, AttributeError):
        return answer.json().get("status")
    return None


def _local(path: str | None) -> str:
    """Only a path of this site after login, never another site (`//host`, `http:`)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path
