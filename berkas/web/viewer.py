"""The read-only document viewer `berkas run` serves (a Starlette app on uvicorn), so reviewers
deciding in the Prefect UI can open the documents of a berkas (Prefect cannot show a PDF).

Links cannot be guessed, listed or forged (berkas/web/links.py): `/d/<token>` opens one file,
`/a/<token>` lists one application's documents, and `/s/<token>` is the reveal page of one
application's temporary password (spse_manual, berkas/web/reveal.py; only with a `revealer`).
A link that does not verify is answered exactly like a missing file (404).

Only regular files inside the archive folder are served (resolved, so neither `..` nor a
symlink leads out), never a directory listing. PDFs, images and plain text open in the browser;
everything else downloads. Every answer carries `nosniff`, `no-store`, `no-referrer` and a
restrictive Content-Security-Policy (PDFs without `sandbox`: browsers refuse to show a PDF in a
sandboxed document).

When `PREFECT_SERVER_API_AUTH_STRING` (`user:pass`, the Prefect server's login) is set, every
request needs HTTP Basic with exactly those credentials, like the UI; on the loopback default
without it, the links alone are the key.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import hmac
import html
import json
import logging
import mimetypes
import os
import re
import socket
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.types import Receive, Scope, Send

from berkas.store.archive import MANIFEST, REGISTRATION
from berkas.store.pagecache import PageCache
from berkas.web import pictures, reveal
from berkas.web.address import DOCUMENTS, STAFF_USER, staff_url
from berkas.web.links import DOCUMENT, INDEX, REVEAL, Signer, clean_relative, load_or_create_key
from berkas.web.serving import BackgroundServer
from extractors.check import FieldSource

log = logging.getLogger(__name__)

AUTH_ENV = "PREFECT_SERVER_API_AUTH_STRING"
REALM = "Dokumen berkas LPSE"

INLINE_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}
# Types a browser could run as a page even from a download: sent as plain bytes.
_ACTIVE_TYPES = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
                 "application/xml", "text/javascript", "application/javascript"}

_BASE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_PDF_CSP = (_BASE_CSP + "; style-src 'unsafe-inline'; img-src 'self' data: blob:; "
            "object-src 'self'")
_STYLE = ("body{font-family:sans-serif;margin:2em;color:#222}"
          "table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3em .6em;"
          "text-align:left}th{background:#eee}")
_INDEX_CSP = (_BASE_CSP + "; style-src 'sha256-"
              + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode() + "'")


def content_type(name: str) -> tuple[str, bool]:
    """(Content-Type, inline?) for a file name."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in INLINE_TYPES:
        return INLINE_TYPES[suffix], True
    if suffix == ".eml":
        return "message/rfc822", False
    guessed = mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"
    return ("application/octet-stream" if guessed in _ACTIVE_TYPES else guessed), False


def content_disposition(name: str, inline: bool) -> str:
    """RFC 6266: an ASCII fallback name plus the real one, percent-encoded (RFC 5987)."""
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    fallback = re.sub(r'[^A-Za-z0-9._ ()-]', "_", fallback).strip() or "dokumen"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _headers(ctype: str, csp: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Every answer's: what it is, and that a browser must neither sniff, keep, refer, frame nor
    run it."""
    return {"Content-Type": ctype, "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY", "Content-Security-Policy": csp,
            "Cross-Origin-Resource-Policy": "same-origin", **(extra or {})}


def _plain(status: int, text: str, extra: dict[str, str] | None = None) -> Response:
    return Response((text + "\n").encode(), status_code=status,
                    headers=_headers("text/plain; charset=utf-8", _BASE_CSP + "; sandbox", extra))


class Viewer:
    def __init__(self, settings: Any, archive_root: Path, key: bytes, *,
                 port: int | None = None) -> None:
        """`port` overrides settings.viewer_port (0: any free port, for tests)."""
        self.settings = settings
        self.root = Path(archive_root).resolve()
        self.host: str = settings.bind_host
        self.port: int = settings.viewer_port if port is None else port
        self._signer = Signer(key)
        self.mounted_at: str | None = None  # the gate's address of it, when served behind it
        self.pictures = PageCache(settings.data_dir)
        auth = os.environ.get(AUTH_ENV)
        self._auth = auth.encode() if auth else None
        self._serving = BackgroundServer(self, "penampil-dokumen")
        self.revealer: reveal.Revealer | None = None  # `berkas run` sets it (spse_manual)

    @classmethod
    def from_settings(cls, settings: Any) -> Viewer:
        """The viewer `berkas run` serves behind the staff login (berkas/web/gate.py, under
        `/dokumen`): the configured archive, the key in the data dir; the login is the key
        there, besides the links."""
        viewer = cls(settings, settings.archive_dir, load_or_create_key(settings.data_dir))
        viewer.mounted_at, viewer._auth = staff_url(settings) + DOCUMENTS, None
        return viewer

    def what(self, path: str) -> tuple[str, str] | None:
        """(registration, archive-relative path) of a document link's path `/d/<token>`."""
        route, _, token = path.lstrip("/").partition("/")
        return self._signer.verify(DOCUMENT, token) if route == "d" else None

    # --- links ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self.mounted_at:
            return self.mounted_at
        if self.settings.public_url:
            return str(self.settings.public_url).rstrip("/")
        host = self.host
        if host in ("", "0.0.0.0", "::"):
            host = socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def document_token(self, registration: str, relative_path: str,
                       archive_path: str | None = None) -> str:
        return self._signer.sign(DOCUMENT, registration,
                                 self._archive_relative(registration, relative_path,
                                                        archive_path).as_posix())

    @staticmethod
    def _archive_relative(registration: str, path: str,
                          archive_path: str | None) -> PurePosixPath:
        """`path` as given when it lies in the registration's folder (archive-relative), else
        taken as relative to that folder: `archive_path`, by default `<YYYY>/<REG>`."""
        pure = clean_relative(path)
        if registration in pure.parts[:-1]:
            return pure
        if archive_path is None:
            match = REGISTRATION.fullmatch(registration)
            if not match:
                raise ValueError(f"not a registration number: {registration!r}")
            archive_path = f"{registration[4:8]}/{registration}"
        return clean_relative(f"{clean_relative(archive_path).as_posix()}/{pure.as_posix()}")

    def index_token(self, registration: str, archive_path: str) -> str:
        pure = clean_relative(archive_path)
        if pure.name != registration:
            raise ValueError(f"{archive_path!r} is not the folder of {registration}")
        return self._signer.sign(INDEX, registration, pure.as_posix())

    def link_for(self, registration: str, relative_path: str,
                 archive_path: str | None = None) -> str:
        """The link to one file. `relative_path` is relative to the application's folder (a
        manifest `path`; the folder is `archive_path`, by default `<YYYY>/<REG>` as intake makes
        it) or to the archive root (`f"{app.archive_path}/{path}"`); ValueError for a path that
        is absolute, has `..` or a hidden component."""
        return (f"{self.base_url}/d/"
                f"{self.document_token(registration, relative_path, archive_path)}")

    def index_link(self, registration: str, archive_path: str) -> str:
        """The link to the list of an application's documents (`application.archive_path`)."""
        return f"{self.base_url}/a/{self.index_token(registration, archive_path)}"

    def crop_link(self, registration: str, archive_path: str, source: FieldSource) -> str:
        """The picture of where one field's value was read (`field_sources`): the value, its
        label, a margin; from the cache in the data folder."""
        clean_relative(archive_path)
        token = self._signer.sign(pictures.CROP, registration,
                                  pictures.crop_payload(archive_path, source))
        return f"{self.base_url}/p/{token}"

    def pages_link(self, registration: str, archive_path: str) -> str:
        """The page view: every page of the berkas with the fields' boxes drawn."""
        token = self._signer.sign(pictures.PAGES, registration,
                                  pictures.payload(clean_relative(archive_path).as_posix()))
        return f"{self.base_url}/h/{token}"

    def _picture_token(self, registration: str, archive_path: str, file: str, page: int) -> str:
        return self._signer.sign(pictures.PICTURE, registration,
                                 pictures.picture_payload(archive_path, file, page))

    def reveal_link(self, registration: str) -> str:
        """The reveal page of the application's temporary password (spse_manual)."""
        return f"{self.base_url}/s/{self._signer.sign(REVEAL, registration, 'sandi')}"

    # --- running ------------------------------------------------------------------------

    def start(self) -> None:
        """Listen on bind_host:port and serve from a background thread (uvicorn)."""
        if self._serving.running:
            return
        self.port = self._serving.start(self.host, self.port)
        self.mounted_at = None  # served on its own port: its links name that port
        log.info("penampil dokumen di %s (%s)", self.base_url,
                 "dengan login" if self._auth else "tanpa login, hanya tautan")

    def stop(self) -> None:
        self._serving.stop()

    # --- answering --------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI app: every path and method goes through `_answer`."""
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        if request.url.path.startswith("/s/") and self._authorised(request):
            await (await self._reveal(request))(scope, receive, send)
            return
        # in a thread: a picture made again from the archive takes seconds
        response = await asyncio.to_thread(self._answer, request)
        await response(scope, receive, send)

    async def _reveal(self, request: Request) -> Response:
        found = self._signer.verify(REVEAL, request.url.path[len("/s/"):])
        if found is None or self.revealer is None:
            return _plain(404, "Halaman tidak ditemukan.")
        registration = found[0]
        headers = _headers("text/html; charset=utf-8", reveal.CSP)
        # behind the staff login the person is the logged-in account, never a typed name
        logged_in = request.scope.get(STAFF_USER)
        if request.method in ("GET", "HEAD"):
            return Response(reveal.ask_page(registration, ask_name=not logged_in),
                            headers=headers)
        if request.method != "POST":
            return _plain(405, "Metode tidak diizinkan.", {"Allow": "GET, HEAD, POST"})
        username, new = reveal.parse_form((await request.body())[:4096])
        username = logged_in or username
        answer = await asyncio.to_thread(self.revealer, registration, username, new)
        status, page = reveal.answer_page(registration, answer, ask_name=not logged_in)
        return Response(page, status_code=status, headers=headers)

    def _authorised(self, request: Request) -> bool:
        if self._auth is None:
            return True
        scheme, _, value = (request.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            given = base64.b64decode(value.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        return hmac.compare_digest(given, self._auth)

    def _answer(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return _plain(405, "Metode tidak diizinkan.", {"Allow": "GET, HEAD"})
        if not self._authorised(request):
            return _plain(401, "Silakan masuk dengan akun yang sama dengan antarmuka Prefect.",
                          {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'})
        route, _, token = request.url.path.lstrip("/").partition("/")
        found: Response | None = None
        if route == "d":
            found = self._document(token)
        elif route == "a":
            found = self._index(token)
        elif route == "p":
            found = self._crop(token)
        elif route == "h":
            found = self._pages(token)
        elif route == "g":
            found = self._picture(token)
        return found or _plain(404, "Dokumen tidak ditemukan.")

    def _inside(self, relative: str, folder: bool = False) -> Path | None:
        """The file (or `folder`) at an archive-relative path, only if it is one in the
        archive (resolved: neither `..` nor a symlink leads out)."""
        try:
            target = (self.root / clean_relative(relative)).resolve(strict=True)
        except (ValueError, OSError):
            return None
        if not target.is_relative_to(self.root) or not (
                target.is_dir() if folder else target.is_file()):
            return None
        return target

    def _document(self, token: str) -> Response | None:
        found = self._signer.verify(DOCUMENT, token)
        target = self._inside(found[1]) if found else None
        if target is None:
            return None
        ctype, inline = content_type(target.name)
        csp = _PDF_CSP if ctype == "application/pdf" else _BASE_CSP + "; sandbox"
        try:
            stat = target.stat()
        except OSError:
            return None
        return FileResponse(target, stat_result=stat, headers=_headers(
            ctype, csp, {"Content-Disposition": content_disposition(target.name, inline)}))

    def _application(self, kind: bytes, token: str, parts: int
                     ) -> tuple[str, Path, list[str]] | None:
        """(registration, its archive folder, the token's parts) of a genuine picture token
        whose folder is the registration's, inside the archive."""
        found = self._signer.verify(kind, token)
        fields = pictures.parse(found[1], parts) if found else None
        if found is None or fields is None:
            return None
        folder = self._inside(fields[0], folder=True)
        if folder is None or folder.name != found[0] or not REGISTRATION.fullmatch(found[0]):
            return None
        return found[0], folder, fields

    def _crop(self, token: str) -> Response | None:
        found = self._application(pictures.CROP, token, 4)
        if found is None:
            return None
        registration, folder, (_, file, page, box_text) = found
        box = pictures.parse_box(box_text)
        if box is None or not page.isdigit():
            return None
        data = self.pictures.crop(registration, file, int(page), box, regenerate=folder)
        return None if data is None else pictures.png_response(data, _headers)

    def _picture(self, token: str) -> Response | None:
        found = self._application(pictures.PICTURE, token, 3)
        if found is None or not found[2][2].isdigit():
            return None
        registration, folder, (_, file, page) = found
        marks = pictures.marks_on(pictures.latest_verdict(folder), file, int(page))
        data = self.pictures.drawn(registration, file, int(page), marks, regenerate=folder)
        return None if data is None else pictures.png_response(data, _headers)

    def _pages(self, token: str) -> Response | None:
        found = self._application(pictures.PAGES, token, 1)
        if found is None:
            return None
        registration, folder, (archive_path,) = found
        body = pictures.page_view(
            registration, folder,
            lambda file, page: "../g/" + self._picture_token(registration, archive_path, file,
                                                             page))
        return Response(body, headers=_headers("text/html; charset=utf-8", pictures.PAGES_CSP))

    def _documents(self, folder: Path) -> list[dict[str, Any]]:
        """The folder's files as its manifest lists them (or, without one, as found)."""
        entries: list[dict[str, Any]] = []
        manifest = folder / MANIFEST
        if manifest.is_file():
            for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
                with contextlib.suppress(json.JSONDecodeError):
                    entry = json.loads(line)
                    if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                        entries.append(entry)
        else:
            entries = [{"path": p.relative_to(folder).as_posix()} for p in sorted(folder.rglob("*"))
                       if p.is_file() and not any(part.startswith(".") for part in
                                                  p.relative_to(folder).parts)]
        seen: set[str] = set()
        documents = []
        for entry in entries:
            path = entry["path"]
            if path in seen or path == MANIFEST:
                continue
            seen.add(path)
            documents.append(entry)
        return documents

    def _index(self, token: str) -> Response | None:
        found = self._signer.verify(INDEX, token)
        if not found:
            return None
        registration, archive_path = found
        folder = self._inside(archive_path, folder=True)
        if folder is None:
            return None
        rows = []
        for entry in self._documents(folder):
            relative = f"{archive_path}/{entry['path']}"
            target = self._inside(relative)
            if target is None:
                continue
            link = "../d/" + self.document_token(registration, relative)
            rows.append(
                f"<tr><td><a href=\"{html.escape(link)}\">{html.escape(entry['path'])}</a></td>"
                f"<td>{html.escape(str(entry.get('role') or '-'))}</td>"
                f"<td>{_size_text(target.stat().st_size)}</td>"
                f"<td>{html.escape(str(entry.get('written_at') or '-'))}</td></tr>")
        title = f"Dokumen berkas {html.escape(registration)}"
        table = ("<table><thead><tr><th>Dokumen</th><th>Jenis</th><th>Ukuran</th>"
                 f"<th>Disimpan</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
                 if rows else "<p>Belum ada dokumen.</p>")
        body = ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
                f"<title>{title}</title><style>{_STYLE}</style></head><body><h1>{title}</h1>"
                f"{table}</body></html>\n").encode()
        return Response(body, headers=_headers("text/html; charset=utf-8", _INDEX_CSP))
