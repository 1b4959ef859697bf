"""Who answers the decision a suspended run waits for. Whoever resumes a run (the login proxy,
`berkas approve`, the watcher) first claims its pause key here, after checking the role
(berkas/store/staff.py); the flow then records the claimer as the decider. The form carries no
name: a typed name proves nothing.

A claim is refused while another person's claim of the same pause is fresh (their resume may be
on its way); a stale one (a resume refused or cut short) gives way after `STALE`."""

from __future__ import annotations

import os
import pwd
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from berkas.core import clock
from berkas.store.models import DecisionClaim

STALE = timedelta(seconds=60)


@dataclass(frozen=True)
class Decider:
    username: str
    full_name: str
    via: str  # antarmuka (the staff UI), baris_perintah (`berkas approve`), sistem
    os_user: str | None = None
    client_address: str | None = None


def os_user() -> str:
    """The operating-system user of this process, from its uid (not `$USER`, which anyone sets)."""
    uid = os.getuid()
    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def claim(sessions: sessionmaker[Session], flow_run_id: str, pause_key: str,
          registration: str, decider: Decider) -> bool:
    """True when `decider` now holds the pause; False when someone else's fresh claim does."""
    now = clock.now()
    try:
        with sessions.begin() as s:
            held = s.scalar(select(DecisionClaim).where(
                DecisionClaim.flow_run_id == flow_run_id, DecisionClaim.pause_key == pause_key))
            if held is not None:
                if held.username != decider.username and now - held.at < STALE:
                    return False
                s.delete(held)
                s.flush()
            s.add(DecisionClaim(flow_run_id=flow_run_id, pause_key=pause_key,
                                registration=registration, username=decider.username,
                                full_name=decider.full_name, os_user=decider.os_user,
                                client_address=decider.client_address, via=decider.via, at=now))
    except IntegrityError:  # claimed this very moment by another process
        return False
    return True


def release(sessions: sessionmaker[Session], flow_run_id: str, pause_key: str,
            username: str) -> None:
    """The resume did not go through: the claim goes."""
    with sessions.begin() as s:
        s.execute(delete(DecisionClaim).where(
            DecisionClaim.flow_run_id == flow_run_id, DecisionClaim.pause_key == pause_key,
            DecisionClaim.username == username))


def claimed(sessions: sessionmaker[Session], flow_run_id: str, pause_key: str
            ) -> Decider | None:
    with sessions() as s:
        row = s.scalar(select(DecisionClaim).where(DecisionClaim.flow_run_id == flow_run_id,
                                                   DecisionClaim.pause_key == pause_key))
    if row is None:
        return None
    return Decider(row.username, row.full_name, row.via, row.os_user, row.client_address)
