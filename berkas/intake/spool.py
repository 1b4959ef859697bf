"""The intake spool (`<data>/surel-masuk/<sha256>.eml`): each message's bytes between taking
and filing. A copy is deleted only once every item it holds is done; `reconcile_spool` tidies
what a crash left on start."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select

from berkas.core.files import fsync_dir, sha256_of
from berkas.intake.filing import Filing
from berkas.intake.states import Status
from berkas.intake.triage import MailFacts
from berkas.store.models import IntakeItem

log = logging.getLogger("berkas.intake")
SPOOL = "surel-masuk"  # under the data folder: each message's bytes until it is filed


def mail_source(item: IntakeItem, facts: MailFacts) -> str:
    """How the archive's manifest names where a message came from."""
    return (f"surel dari {facts.sender or '?'} ({facts.message_id or 'tanpa Message-ID'}; "
            f"{item.folder} UIDVALIDITY {item.uidvalidity} UID {item.uid})")


class Spool(Filing):
    def _raw(self, box, item: IntakeItem) -> bytes:
        """The message's bytes: its spool copy, else (lost) fetched again by its UID."""
        path = self._spool_path(item.sha256)
        if path.exists():
            return path.read_bytes()
        if (item.folder, item.uidvalidity) == (box.folder, box.uidvalidity) and item.uid:
            for message in box.fetch([item.uid]):
                if sha256_of(message.raw) == item.sha256:
                    return message.raw
        raise FileNotFoundError(f"item {item.id}: no spool copy and not in {box.folder}")

    def _spool_path(self, sha: str) -> Path:
        return self.settings.data_dir / SPOOL / f"{sha}.eml"

    def _drop_spool(self, shas: list[str]) -> None:
        """Delete the spool copies whose every item is done (never one an item waits for)."""
        shas = [sha for sha in set(shas) if self._spool_path(sha).exists()]
        if not shas:
            return
        with self.sessions() as s:
            waiting = set(s.scalars(select(IntakeItem.sha256).where(
                IntakeItem.kind == "email", IntakeItem.sha256.in_(shas),
                IntakeItem.status != Status.DONE)))
            recorded = set(s.scalars(select(IntakeItem.sha256).where(
                IntakeItem.kind == "email", IntakeItem.sha256.in_(shas))))
        for sha in shas:
            if sha in recorded and sha not in waiting:
                self._spool_path(sha).unlink(missing_ok=True)

    def reconcile_spool(self) -> dict[str, int]:
        """On start: spool copies a crash left between the done commit and their deletion are
        deleted; a copy no item records (a crash before the batch commit: the message is still
        in the mailbox and will be taken again) is kept and logged; a copy whose item is not
        done is kept. Returns how many were deleted, kept unrecorded, kept waiting."""
        spool = self.settings.data_dir / SPOOL
        if not spool.is_dir():
            return {"deleted": 0, "unrecorded": 0, "waiting": 0}
        files = {path.name.removesuffix(".eml"): path for path in spool.glob("*.eml")}
        with self.sessions() as s:
            statuses: dict[str, set[str]] = {}
            for sha, status in s.execute(select(IntakeItem.sha256, IntakeItem.status).where(
                    IntakeItem.kind == "email", IntakeItem.sha256.in_(list(files)))):
                statuses.setdefault(sha, set()).add(status)
        counts = {"deleted": 0, "unrecorded": 0, "waiting": 0}
        for sha, path in sorted(files.items()):
            if sha not in statuses:
                log.warning("spool copy %s belongs to no recorded message; kept", path)
                counts["unrecorded"] += 1
            elif statuses[sha] == {Status.DONE}:
                path.unlink()
                counts["deleted"] += 1
            else:
                counts["waiting"] += 1
        if counts["deleted"]:
            fsync_dir(spool)
        return counts

