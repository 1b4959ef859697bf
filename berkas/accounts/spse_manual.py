"""`BERKAS_ACCOUNT_PROVIDER=spse_manual`: the accounts live in SPSE, made by the Admin PPE's own
hands in SPSE's admin pages (SPSE has no public account API). berkas records what was done there:
the user id SPSE took (`create` with `user_id`), its activation after training (`activate`), and
keeps the same one-account-per-NIP-and-user-id rule as the embedded registry.

No password is ever stored, not even hashed: the row's `password_hash` holds `HELD_BY_SPSE`.
`reset_password` only makes a new temporary password under the SPSE rules (at least 8 characters
with upper case and digits; `BERKAS_ACCOUNT_PASSWORD_*` make it longer and richer) for the Admin
PPE to set in SPSE; the running service keeps it in memory (`vault.py`) until it is mailed.
"""

from __future__ import annotations

from datetime import timedelta

from berkas.accounts import (
    AccountError,
    AccountRequest,
    AccountView,
    EmbeddedRegistry,
    NewPassword,
    Provider,
    new_password,
)

HELD_BY_SPSE = "spse:kata-sandi-hanya-di-spse"  # no hash: berkas never held this account's password
_MAX_USER_ID = 64


def usable_user_id(value: str) -> str | None:
    """The user id as the Admin PPE typed what SPSE took, or None: one word, at most 64
    characters (the column), no control characters."""
    value = value.strip()
    if not value or len(value) > _MAX_USER_ID or any(c.isspace() or not c.isprintable()
                                                     for c in value):
        return None
    return value


class SpseManualRegistry(EmbeddedRegistry):
    kind = Provider.SPSE_MANUAL

    def create(self, request: AccountRequest, user_id: str | None = None
               ) -> tuple[AccountView, NewPassword | None]:
        """Record the account the Admin PPE created in SPSE (inactive) under `user_id`."""
        checked = usable_user_id(user_id or "")
        if checked is None:
            raise AccountError(f"user id {user_id!r} tidak dapat digunakan")
        return super().create(request, checked)

    def _first_password(self, user_id: str) -> tuple[str, NewPassword | None]:
        return HELD_BY_SPSE, None

    def reset_password(self, user_id: str) -> NewPassword:
        """A new temporary password for the Admin PPE to set in SPSE; only its expiry is
        recorded here."""
        password = new_password(self.length)
        with self.sessions.begin() as session:
            row = self._get(session, user_id)
            row.must_change_password = True
            row.password_expires_at = self.clock() + timedelta(days=self.valid_days)
        return NewPassword(user_id, password)

    def check_login(self, user_id: str, password: str) -> bool:
        raise AccountError("akun spse_manual masuk di SPSE, bukan di berkas")
