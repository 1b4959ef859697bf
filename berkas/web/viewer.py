"""The read-only document viewer `berkas run` serves, so reviewers deciding in the Prefect UI
can open the documents of a berkas (Prefect cannot show a PDF).

Links cannot be guessed, listed or forged: `/d/<token>` opens one file and `/a/<token>` lists
one application's documents, where the token is the (registration, archive-relative path)
itself followed by its HMAC-SHA256 under a key made with `secrets` on first start and kept in
`<data>/viewer.key` (mode 0600). Deleting that file revokes every link given out. A link that
does not verify is answered exactly like a missing file (404).

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
import secrets
import shutil
import socket
import threading
import unicodedata
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from berkas.store.archive import MANIFEST, REGISTRATION

log = logging.getLogger(__name__)

KEY_FILE = "viewer.key"
AUTH_ENV = "PREFECT_SERVER_API_AUTH_STRING"
REALM = "Dokumen berkas LPSE"
_DOCUMENT, _INDEX = b"berkas-viewer/dokumen", b"berkas-viewer/berkas"

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
_TOKEN_IN_PATH = re.compile(r"/([ad])/[^\s?\"]+")


# --- the key ----------------------------------------------------------------------------------

def load_or_create_key(data_dir: Path) -> bytes:
    """The viewer's secret key from `<data>/viewer.key`, made on first use (32 random bytes,
    hex, mode 0600). Two processes starting at once end up with the same key."""
    path = Path(data_dir) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{KEY_FILE}.{secrets.token_hex(8)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, (secrets.token_hex(32) + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, path)  # never replaces a key another process made first
        except FileExistsError:
            pass
        finally:
            os.unlink(temp)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: bukan kunci penampil dokumen yang sah") from exc
    if len(key) < 32:
        raise ValueError(f"{path}: kunci penampil dokumen terlalu pendek")
    return key


# --- tokens -----------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def clean_relative(path: str) -> PurePosixPath:
    """An archive-relative path as given, or ValueError: no absolute path, no `..`, no hidden
    or empty component, no backslash or control character."""
    if not path or "\\" in path or any(ord(c) < 32 or ord(c) == 127 for c in path):
        raise ValueError(f"path not allowed: {path!r}")
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(p in ("", ".", "..") or p.startswith(".") for p in pure.parts):
        raise ValueError(f"path not allowed: {path!r}")
    if pure.as_posix() != path.rstrip("/"):  # `a//b`, `a/./b`: only the plain spelling
        raise ValueError(f"path not allowed: {path!r}")
    return pure


class Signer:
    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("the viewer key must be at least 32 bytes")
        self._key = key

    def _mac(self, kind: bytes, payload: bytes) -> bytes:
        return hmac.new(self._key, kind + b"\0" + payload, hashlib.sha256).digest()

    def sign(self, kind: bytes, registration: str, path: str) -> str:
        payload = f"{registration}\n{path}".encode()
        return f"{_b64(payload)}.{_b64(self._mac(kind, payload))}"

    def verify(self, kind: bytes, token: str) -> tuple[str, str] | None:
        """(registration, path) of a genuine token, else None."""
        encoded, dot, mac = token.partition(".")
        if not dot or len(token) > 4096:
            return None
        try:
            payload, given = _unb64(encoded), _unb64(mac)
        except (binascii.Error, ValueError):
            return None
        if not hmac.compare_digest(given, self._mac(kind, payload)):
            return None
        registration, newline, path = payload.decode("utf-8", "replace").partition("\n")
        return (registration, path) if newline else None


# --- the server -------------------------------------------------------------------------------

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


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    viewer: Viewer


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "berkas-penampil"
    sys_version = ""
    timeout = 60  # a client that stops talking does not hold a thread forever

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.viewer._answer(self, head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self.server.viewer._answer(self, head=True)

    def _refuse_method(self) -> None:
        self.server.viewer._plain(self, HTTPStatus.METHOD_NOT_ALLOWED, "Metode tidak diizinkan.",
                                  head=False, extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        # Tokens are the keys to the documents: keep them out of the logs.
        text = _TOKEN_IN_PATH.sub(lambda m: f"/{m[1]}/…", format % args)
        log.debug("%s %s", self.address_string(), text)


class Viewer:
    def __init__(self, settings: Any, archive_root: Path, key: bytes, *,
                 port: int | None = None) -> None:
        """`port` overrides settings.viewer_port (0: any free port, for tests)."""
        self.settings = settings
        self.root = Path(archive_root).resolve()
        self.host: str = settings.bind_host
        self.port: int = settings.viewer_port if port is None else port
        self._signer = Signer(key)
        auth = os.environ.get(AUTH_ENV)
        self._auth = auth.encode() if auth else None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def from_settings(cls, settings: Any) -> Viewer:
        """The viewer `berkas run` starts: the configured archive, the key in the data dir."""
        return cls(settings, settings.archive_dir, load_or_create_key(settings.data_dir))

    # --- links ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
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
        return self._signer.sign(_DOCUMENT, registration,
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
        return self._signer.sign(_INDEX, registration, pure.as_posix())

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

    # --- running ----------------------------------------------------------------------

    def start(self) -> None:
        """Listen on bind_host:port and serve from a background thread."""
        if self._server is not None:
            return
        server_class = _Server6 if ":" in self.host else _Server
        server = server_class((self.host, self.port), _Handler)
        server.viewer = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="penampil-dokumen",
                                        kwargs={"poll_interval": 0.2}, daemon=True)
        self._thread.start()
        log.info("penampil dokumen di %s (%s)", self.base_url,
                 "dengan login" if self._auth else "tanpa login, hanya tautan")

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    # --- answering --------------------------------------------------------------------

    def _authorised(self, request: BaseHTTPRequestHandler) -> bool:
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

    def _headers(self, request: BaseHTTPRequestHandler, status: HTTPStatus, ctype: str,
                 length: int, csp: str, extra: dict[str, str] | None = None) -> None:
        request.send_response(status)
        request.send_header("Content-Type", ctype)
        request.send_header("Content-Length", str(length))
        request.send_header("X-Content-Type-Options", "nosniff")
        request.send_header("Cache-Control", "no-store")
        request.send_header("Referrer-Policy", "no-referrer")
        request.send_header("X-Frame-Options", "DENY")
        request.send_header("Content-Security-Policy", csp)
        request.send_header("Cross-Origin-Resource-Policy", "same-origin")
        for name, value in (extra or {}).items():
            request.send_header(name, value)
        request.end_headers()

    def _plain(self, request: BaseHTTPRequestHandler, status: HTTPStatus, text: str, *,
               head: bool, extra: dict[str, str] | None = None) -> None:
        body = (text + "\n").encode()
        self._headers(request, status, "text/plain; charset=utf-8", len(body),
                      _BASE_CSP + "; sandbox", extra)
        if not head:
            request.wfile.write(body)

    def _answer(self, request: BaseHTTPRequestHandler, head: bool) -> None:
        if not self._authorised(request):
            self._plain(request, HTTPStatus.UNAUTHORIZED, "Silakan masuk dengan akun yang sama "
                        "dengan antarmuka Prefect.", head=head,
                        extra={"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'})
            return
        route, _, token = request.path.split("?", 1)[0].lstrip("/").partition("/")
        if route == "d" and self._serve_document(request, token, head):
            return
        if route == "a" and self._serve_index(request, token, head):
            return
        self._plain(request, HTTPStatus.NOT_FOUND, "Dokumen tidak ditemukan.", head=head)

    def _inside(self, relative: str) -> Path | None:
        """The file at an archive-relative path, only if it is a regular file in the archive."""
        try:
            target = (self.root / clean_relative(relative)).resolve(strict=True)
        except (ValueError, OSError):
            return None
        if not target.is_relative_to(self.root) or not target.is_file():
            return None
        return target

    def _serve_document(self, request: BaseHTTPRequestHandler, token: str, head: bool) -> bool:
        found = self._signer.verify(_DOCUMENT, token)
        target = self._inside(found[1]) if found else None
        if target is None:
            return False
        ctype, inline = content_type(target.name)
        csp = _PDF_CSP if ctype == "application/pdf" else _BASE_CSP + "; sandbox"
        try:
            handle = open(target, "rb")  # noqa: SIM115 (closed below, after the headers)
        except OSError:
            return False
        with handle:
            size = os.fstat(handle.fileno()).st_size
            self._headers(request, HTTPStatus.OK, ctype, size, csp,
                          {"Content-Disposition": content_disposition(target.name, inline)})
            if not head:
                with contextlib.suppress(ConnectionError):
                    shutil.copyfileobj(handle, request.wfile, 256 * 1024)
        return True

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

    def _serve_index(self, request: BaseHTTPRequestHandler, token: str, head: bool) -> bool:
        found = self._signer.verify(_INDEX, token)
        if not found:
            return False
        registration, archive_path = found
        try:
            folder = (self.root / clean_relative(archive_path)).resolve(strict=True)
        except (ValueError, OSError):
            return False
        if not folder.is_relative_to(self.root) or not folder.is_dir():
            return False
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
        self._headers(request, HTTPStatus.OK, "text/html; charset=utf-8", len(body), _INDEX_CSP)
        if not head:
            request.wfile.write(body)
        return True
