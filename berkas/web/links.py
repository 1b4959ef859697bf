"""The viewer's links: unguessable and unforgeable. A token is the (registration,
archive-relative path) itself followed by its HMAC-SHA256 under a key made with `secrets` on
first start and kept in `<data>/viewer.key` (mode 0600); deleting that file revokes every link
given out. Document and index tokens are signed apart, so one is never the other."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path, PurePosixPath

from berkas.core.files import atomic_write

KEY_FILE = "viewer.key"
DOCUMENT, INDEX = b"berkas-viewer/dokumen", b"berkas-viewer/berkas"
REVEAL = b"berkas-viewer/kata-sandi"  # the reveal page of one application (spse_manual)


# --- the key ----------------------------------------------------------------------------------

def load_or_create_key(data_dir: Path) -> bytes:
    """The viewer's secret key from `<data>/viewer.key`, made on first use (32 random bytes,
    hex, mode 0600). Two processes starting at once end up with the same key."""
    path = Path(data_dir) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # never replaces a key another process made first
        with contextlib.suppress(FileExistsError):
            atomic_write(path, (secrets.token_hex(32) + "\n").encode(), mode=0o600,
                         overwrite=False, temp_prefix=f".{KEY_FILE}.")
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
