"""The LPSE mailbox through imap-tools: connect (ssl, starttls or none), list, fetch, move, IDLE.

imaplib keeps the capabilities it saw before login; servers announce more after it (MOVE,
UIDPLUS, IDLE). Without a refresh imap-tools' move() falls back to COPY + \\Deleted + EXPUNGE,
which expunges every deleted message in the folder. So capabilities are read again after login,
and a move without MOVE expunges only its own UID (UIDPLUS) or leaves the copy flagged.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.utils import encode_folder

from berkas.core.settings import Settings

_UID = re.compile(rb"UID (\d+)")
FETCH_CHUNK = 20


class MailboxError(Exception):
    pass


@dataclass(frozen=True)
class Fetched:
    uid: int
    raw: bytes


def _check(result, what: str):
    status, data = result
    if status != "OK":
        raise MailboxError(f"{what}: {status} {data!r}")
    return data


class Mailbox:
    def __init__(self, settings: Settings) -> None:
        if not settings.imap_host or not settings.imap_user or settings.imap_password is None:
            raise MailboxError("mailbox not configured (BERKAS_IMAP_HOST, _USER, _PASSWORD)")
        self.settings = settings
        self.folder = settings.imap_folder
        self._box: BaseMailBox | None = None
        self.uidvalidity = 0
        self.capabilities: frozenset[str] = frozenset()

    # --- connection -----------------------------------------------------------------------
    def connect(self) -> None:
        s = self.settings
        timeout = s.imap_timeout_seconds
        box: BaseMailBox
        if s.imap_security == "ssl":
            box = MailBox(s.imap_host, s.imap_port or 993, timeout=timeout,
                          ssl_context=self._ssl_context())
        elif s.imap_security == "starttls":
            box = MailBoxStartTls(s.imap_host, s.imap_port or 143, timeout=timeout,
                                  ssl_context=self._ssl_context())
        else:
            box = MailBoxUnencrypted(s.imap_host, s.imap_port or 143, timeout=timeout)
        try:
            assert s.imap_user is not None and s.imap_password is not None  # checked in __init__
            box.login(s.imap_user, s.imap_password.get_secret_value(), initial_folder=None)
            self._box = box
            self._refresh_capabilities()
            for folder in (s.imap_processed_folder, s.imap_staff_folder):
                self.ensure_folder(folder)
            self._select()
        except Exception:
            self._box = box
            self.close()
            raise

    def _ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.settings.imap_ca_file:
            context.load_verify_locations(cafile=str(self.settings.imap_ca_file))
        return context

    def _refresh_capabilities(self) -> None:
        data = _check(self.client.capability(), "CAPABILITY")
        words = data[-1].decode("ascii", "replace").upper().split()
        self.client.capabilities = tuple(words)
        self.capabilities = frozenset(words)

    def _select(self) -> None:
        data = _check(self.client.select(encode_folder(self.folder)), f"SELECT {self.folder}")
        del data
        status = self.client.untagged_responses.get("UIDVALIDITY")
        if status:
            self.uidvalidity = int(status[-1])
        else:
            self.uidvalidity = int(self._open_box.folder.status(self.folder, ["UIDVALIDITY"])
                                   ["UIDVALIDITY"])

    @property
    def _open_box(self) -> BaseMailBox:
        if self._box is None:
            raise MailboxError("not connected")
        return self._box

    @property
    def client(self):
        return self._open_box.client

    def close(self) -> None:
        box, self._box = self._box, None
        if box is None:
            return
        try:
            box.client.logout()
        except Exception:
            with contextlib.suppress(Exception):
                box.client.shutdown()

    def ensure_folder(self, name: str) -> None:
        if not self._open_box.folder.exists(name):
            self._open_box.folder.create(name)

    # --- messages -------------------------------------------------------------------------
    def uids(self) -> list[int]:
        """UIDs waiting in the folder (a NOOP first, or a long session misses new mail)."""
        self.client.noop()
        data = _check(self.client.uid("SEARCH", "UNDELETED"), "UID SEARCH")
        return sorted(int(u) for u in (data[0] or b"").split())

    def fetch(self, uids: list[int]) -> Iterator[Fetched]:
        """The raw bytes of each message (BODY.PEEK[]: nothing is marked read), in chunks."""
        for start in range(0, len(uids), FETCH_CHUNK):
            chunk = uids[start:start + FETCH_CHUNK]
            data = _check(self.client.uid("FETCH", ",".join(map(str, chunk)),
                                          "(UID BODY.PEEK[])"), "UID FETCH")
            for item in data:
                if isinstance(item, tuple) and len(item) == 2:
                    match = _UID.search(item[0])
                    if match:
                        yield Fetched(int(match.group(1)), item[1])

    @property
    def has_move(self) -> bool:
        return "MOVE" in self.capabilities

    def move(self, uids: list[int], folder: str, after_copy=None) -> None:
        """All of `uids` to `folder` in one command (UID MOVE), or, on a server without MOVE,
        COPY + STORE \\Deleted + UID EXPUNGE (`after_copy` is called between the copy and the
        delete: a crash there leaves both, see `holds`)."""
        if not uids:
            return
        target = encode_folder(folder)
        uid_set = ",".join(map(str, uids))
        if self.has_move:
            _check(self.client.uid("MOVE", uid_set, target), "UID MOVE")
            return
        _check(self.client.uid("COPY", uid_set, target), "UID COPY")
        if after_copy is not None:
            after_copy()
        self.delete(uids)

    def delete(self, uids: list[int]) -> None:
        """Remove exactly these messages from the selected folder (a message already copied)."""
        if not uids:
            return
        uid_set = ",".join(map(str, uids))
        _check(self.client.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)"), "UID STORE")
        if "UIDPLUS" in self.capabilities:
            _check(self.client.uid("EXPUNGE", uid_set), "UID EXPUNGE")
        # without UIDPLUS the original stays flagged \Deleted (listing skips it): a plain
        # EXPUNGE would also remove messages other clients flagged

    def holds(self, folder: str, message_id: str | None, sha256: str) -> list[int]:
        """UIDs in `folder` of the message with this Message-ID and exactly these bytes (found
        by a header search, so only for messages with a Message-ID)."""
        if not message_id:
            return []
        wanted = message_id.replace("\\", "").replace('"', "")
        _check(self.client.select(encode_folder(folder)), f"SELECT {folder}")
        try:
            data = _check(self.client.uid("SEARCH", "UNDELETED", "HEADER", "Message-ID",
                                          f'"{wanted}"'), "UID SEARCH")
            candidates = [int(u) for u in (data[0] or b"").split()]
            return [m.uid for m in self.fetch(candidates)
                    if hashlib.sha256(m.raw).hexdigest() == sha256]
        finally:
            self._select()

    # --- waiting --------------------------------------------------------------------------
    @property
    def has_idle(self) -> bool:
        return "IDLE" in self.capabilities

    def wait(self, seconds: float, stop: threading.Event) -> None:
        """Return when new mail may have arrived, `seconds` passed, or `stop` is set. With IDLE
        the server tells us within about half a second; without it this is a plain sleep."""
        deadline = time.monotonic() + seconds
        if not self.has_idle:
            stop.wait(seconds)
            return
        box = self._open_box
        idle = box.idle
        # Mail that arrived after our last search is not announced once IDLE starts (Dovecot
        # watches for changes from then on, and rechecks only every 30 s): a NOOP first makes
        # the server report it. imaplib files such EXISTS among its untagged responses.
        for kind in ("EXISTS", "RECENT"):
            box.client.untagged_responses.pop(kind, None)
        box.client.noop()
        if any(kind in box.client.untagged_responses for kind in ("EXISTS", "RECENT")):
            return
        idle.start()
        quick_empty = 0
        try:
            if any(kind in box.client.untagged_responses for kind in ("EXISTS", "RECENT")):
                return
            while not stop.is_set() and time.monotonic() < deadline:
                started = time.monotonic()
                responses = idle.poll(timeout=min(1.0, max(0.05, deadline - time.monotonic())))
                if any(b"EXISTS" in r or b"RECENT" in r for r in responses):
                    return
                if any(r.startswith(b"* BYE") for r in responses):
                    raise MailboxError("server ended the session")
                # a closed socket polls readable at once and yields nothing, again and again
                quick_empty = quick_empty + 1 if not responses and \
                    time.monotonic() - started < 0.02 else 0
                if quick_empty >= 3:
                    raise MailboxError("connection lost during IDLE")
        finally:
            idle.stop()
