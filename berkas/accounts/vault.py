"""The temporary passwords of `spse_manual` accounts, between the reveal to the Admin PPE and the
account email: in the running service's memory only, never written anywhere.

One reveal per application is current. A reveal is numbered (`sandi_ke`, the caller counts on
from what the records say, so numbers never repeat across restarts); a new one voids the earlier.
`confirm` marks the current reveal as set in SPSE (only its own number); `take` hands its password
to the account email once and forgets it. A restart forgets everything: the Admin PPE asks for a
new one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from berkas.accounts import AccountError


class AlreadyShown(AccountError):
    def __init__(self, number: int) -> None:
        super().__init__(f"kata sandi ke-{number} sudah ditampilkan")
        self.number = number


class SecretGone(AccountError):
    """No confirmed password in memory for the account (sent already, voided, or a restart)."""


@dataclass
class Reveal:
    number: int
    user_id: str
    password: str = field(repr=False)
    confirmed: bool = False


class PasswordVault:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: dict[str, Reveal] = {}  # registration -> its current reveal

    def reveal(self, registration: str, user_id: str, *, new: bool,
               make: Callable[[], str], number: Callable[[], int]) -> Reveal:
        """A new password for `registration`, numbered by `number()` (which records the reveal);
        AlreadyShown when one is current and `new` is not asked."""
        with self._lock:
            current = self._current.get(registration)
            if current is not None and not new:
                raise AlreadyShown(current.number)
            made = Reveal(number(), user_id, make())
            self._current[registration] = made
            return made

    def current(self, registration: str) -> int | None:
        with self._lock:
            found = self._current.get(registration)
            return found.number if found is not None else None

    def confirm(self, registration: str, number: int) -> bool:
        """The Admin PPE set reveal `number` in SPSE: it may be mailed (only the current one)."""
        with self._lock:
            found = self._current.get(registration)
            if found is None or found.number != number:
                return False
            found.confirmed = True
            return True

    def take(self, user_id: str) -> str:
        """The confirmed password of `user_id`, once: it is forgotten as it is handed out."""
        with self._lock:
            for registration, found in list(self._current.items()):
                if found.user_id == user_id and found.confirmed:
                    del self._current[registration]
                    return found.password
        raise SecretGone(f"tidak ada kata sandi yang telah diatur di SPSE untuk {user_id} "
                         "dalam ingatan layanan")

    def forget(self, registration: str) -> None:
        with self._lock:
            self._current.pop(registration, None)
