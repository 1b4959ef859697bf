"""Where the staff UI is reached (berkas/web/gate.py) and the viewer under it."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

DOCUMENTS = "/dokumen"  # the document viewer's place in the staff UI
STAFF_USER = "berkas.staff"  # the ASGI scope key the gate gives the viewer: who is logged in
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def loopback(host: str) -> bool:
    return host in _LOOPBACK or host.startswith("127.")


def staff_url(settings: Any) -> str:
    """The address people use: BERKAS_PUBLIC_URL, or http(s)://BIND_HOST:PREFECT_PORT."""
    if settings.public_url:
        return str(settings.public_url).rstrip("/")
    host = settings.bind_host
    if host in ("", "0.0.0.0", "::"):
        host = socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    scheme = "https" if settings.tls_cert_file else "http"
    return f"{scheme}://{host}:{settings.prefect_port}"


def check_tls(settings: Any) -> str | None:
    """Why the staff UI cannot be served as configured (Indonesian), or None."""
    if loopback(settings.bind_host):
        return None
    if not (settings.tls_cert_file and settings.tls_key_file):
        return (f"Antarmuka staf pada {settings.bind_host} (bukan loopback) memerlukan TLS: "
                "isi BERKAS_TLS_CERT_FILE dan BERKAS_TLS_KEY_FILE, atau gunakan "
                "BERKAS_BIND_HOST=127.0.0.1 di belakang proxy ber-TLS.")
    missing = [str(p) for p in (settings.tls_cert_file, settings.tls_key_file)
               if not Path(p).is_file()]
    return f"Berkas TLS tidak ditemukan: {', '.join(missing)}." if missing else None
