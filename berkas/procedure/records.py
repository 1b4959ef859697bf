"""The procedure's records, outside Prefect: which SOP step an application is in, who holds it
since when, what was decided (berkas/procedure/actions.py: what each step does).

Every function here is idempotent, so a flow run that is re-run from the top after a resume
(that is how Prefect resumes a suspended run) or after a crash repeats no side effect: a step
already ended keeps its decision, an email is recorded once per (registration, purpose) by the
outbox, an account once per NIP by the account registry, an archive file once per item key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from berkas.procedure.context import Context
from berkas.sop.model import CLOSED_STATES, SOP, Procedure, Wait
from berkas.store.models import Application, IntakeItem, StepRecord, add_event
from berkas.store.verdict import StoredVerdict

SYSTEM = "sistem"


class NotFound(Exception):
    pass


@dataclass(frozen=True)
class Snapshot:
    """What a flow task needs to know of an application, detached from the session."""
    id: int
    registration: str
    state: str
    step: int
    nama: str | None
    nip: str | None
    email: str | None
    sender: str | None
    source: str
    verdict: StoredVerdict | None
    archive_path: str
    waiting_for: str | None
    waiting_since: datetime | None
    flow_run_id: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def closed(self) -> bool:
        return self.state in CLOSED_STATES

    @property
    def fields(self) -> dict[str, str | None]:
        return dict(self.verdict.fields) if self.verdict else {}

    @property
    def instansi(self) -> str | None:
        fields = self.fields
        return fields.get("satuan_kerja") or fields.get("instansi")


def procedure_of(app: Snapshot) -> Procedure:
    """The procedure an application follows (berkas/sop/): today every application follows the
    first description; a second one is chosen here, nowhere in the flows."""
    return SOP


def _get(session: Session, registration: str) -> Application:
    app = session.scalar(select(Application).where(Application.registration == registration))
    if app is None:
        raise NotFound(registration)
    return app


def snapshot(ctx: Context, registration: str) -> Snapshot:
    with ctx.sessions() as s:
        return _snap(_get(s, registration))


def _snap(app: Application) -> Snapshot:
    return Snapshot(id=app.id, registration=app.registration, state=app.state, step=app.step,
                    nama=app.nama, nip=app.nip, email=app.email, sender=app.sender,
                    source=app.source, verdict=app.verdict,
                    archive_path=app.archive_path, waiting_for=app.waiting_for,
                    waiting_since=app.waiting_since, flow_run_id=app.flow_run_id,
                    created_at=app.created_at, updated_at=app.updated_at)


# --- steps ------------------------------------------------------------------------------------

def _record(session: Session, app: Application, step: int, round: int, phase: str = ""
            ) -> StepRecord | None:
    return session.scalar(select(StepRecord).where(
        StepRecord.application_id == app.id, StepRecord.step == step,
        StepRecord.phase == phase, StepRecord.round == round))


def _new_record(ctx: Context, app: Application, step: int, round: int, phase: str,
                started_at: datetime | None = None) -> StepRecord:
    return StepRecord(application_id=app.id, step=step, name=SOP.step_name(step, phase),
                      role=SOP.step(step).role, round=round, phase=phase,
                      started_at=started_at or ctx.clock(), reminders=0)


def begin_step(ctx: Context, registration: str, step: int, round: int = 1, *, phase: str = "",
               waiting_for: str | None = None, started_at: datetime | None = None) -> datetime:
    """The step starts (once); the application now sits in it, waiting for `waiting_for` (a
    role, the applicant, or training) if anyone. Returns when the step started."""
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        row = _record(s, app, step, round, phase)
        if row is None:
            row = _new_record(ctx, app, step, round, phase, started_at)
            if waiting_for == Wait.APPLICANT:  # what counts as new material from now on
                row.detail = {"item_terakhir": s.scalar(select(func.max(IntakeItem.id)).where(
                    IntakeItem.application_id == app.id)) or 0}
            s.add(row)
            add_event(s, app, SYSTEM, "langkah_mulai", at=ctx.clock(), langkah=step, putaran=round,
                      tahap=phase or None)
        if row.ended_at is None and not app.closed:
            app.step = step
            if app.waiting_for != waiting_for:
                app.waiting_for = waiting_for
                app.waiting_since = ctx.clock() if waiting_for else None
            app.updated_at = ctx.clock()
        return row.started_at


def end_step(ctx: Context, registration: str, step: int, round: int = 1, *, actor: str,
             outcome: str, detail: dict[str, Any] | None = None, phase: str = "") -> bool:
    """The step ends (once: a second call keeps the first ending). True if it ended now."""
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        row = _record(s, app, step, round, phase)
        if row is None:
            row = _new_record(ctx, app, step, round, phase)
            s.add(row)
        if row.ended_at is not None:
            return False
        row.ended_at, row.actor, row.outcome, row.detail = ctx.clock(), actor, outcome, detail
        if app.step == step:
            app.waiting_for, app.waiting_since = None, None
        app.updated_at = ctx.clock()
        add_event(s, app, actor, "langkah_selesai", at=ctx.clock(), langkah=step, putaran=round,
                  hasil=outcome, tahap=phase or None)
        return True


def decision(ctx: Context, registration: str, step: int, round: int = 1, phase: str = ""
             ) -> dict[str, Any] | None:
    """The decision recorded when the step ended, if it has."""
    with ctx.sessions() as s:
        row = _record(s, _get(s, registration), step, round, phase)
        if row is None or row.ended_at is None:
            return None
        return {"outcome": row.outcome, "actor": row.actor, **(row.detail or {})}


def refusals(ctx: Context, registration: str, step: int, round: int, phase: str = "", *,
             add: str | None = None) -> list[str]:
    """The reasons answers to this decision were refused (kept in the step's detail); `add`
    records one more. Their number makes each re-ask's suspension key unique."""
    with ctx.sessions.begin() as s:
        row = _record(s, _get(s, registration), step, round, phase)
        if row is None:
            return []
        refused = list((row.detail or {}).get("ditolak", []))
        if add is not None and row.ended_at is None:
            refused.append(add)
            row.detail = {**(row.detail or {}), "ditolak": refused}
        return refused


def step_rows(ctx: Context, registration: str) -> list[StepRecord]:
    with ctx.sessions() as s:
        return list(s.scalars(select(StepRecord).join(Application).where(
            Application.registration == registration).order_by(StepRecord.id)))


# --- state ------------------------------------------------------------------------------------

def set_state(ctx: Context, registration: str, state: str, *, actor: str, **detail: Any) -> None:
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        if app.state != state:
            app.state = state
            app.updated_at = ctx.clock()
            add_event(s, app, actor, "keadaan", at=ctx.clock(), keadaan=state, **detail)


def apply_verified(ctx: Context, registration: str, data: dict[str, Any], *, actor: str) -> None:
    """The fields as the Admin PPE verified them become the application's."""
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        app.nama = data.get("nama") or app.nama
        app.nip = data.get("nip") or app.nip
        app.email = data.get("email") or app.email
        app.updated_at = ctx.clock()
        add_event(s, app, actor, "data_diverifikasi", at=ctx.clock(),
                  **{k: v for k, v in data.items() if v})


def link_flow_run(ctx: Context, registration: str, flow_run_id: str) -> None:
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        if app.flow_run_id != flow_run_id:
            app.flow_run_id = flow_run_id
            add_event(s, app, SYSTEM, "alur_dimulai", at=ctx.clock(), flow_run_id=flow_run_id)


def new_material(ctx: Context, registration: str) -> int:
    """How many items (replies, scans joined to it) were filed for the application since it
    began to wait for the applicant."""
    with ctx.sessions() as s:
        app = _get(s, registration)
        wait = s.scalar(select(StepRecord).where(
            StepRecord.application_id == app.id, StepRecord.step == 5,
            StepRecord.ended_at.is_(None)).order_by(StepRecord.id.desc()))
        if wait is None:
            return 0
        last = int((wait.detail or {}).get("item_terakhir", 0))
        return len(s.scalars(select(IntakeItem.id).where(
            IntakeItem.application_id == app.id, IntakeItem.id > last,
            IntakeItem.disposition.in_(("reply", "joined", "new")))).all())


def events_of(ctx: Context, registration: str, kind: str) -> list[dict[str, Any]]:
    with ctx.sessions() as s:
        app = _get(s, registration)
        return [dict(e.detail or {}) for e in app.events if e.kind == kind]


def same_person(ctx: Context, registration: str) -> list[dict[str, str]]:
    """Other applications naming the same NIP (the same person applying twice)."""
    with ctx.sessions() as s:
        app = _get(s, registration)
        if not app.nip:
            return []
        others = s.scalars(select(Application).where(
            Application.nip == app.nip, Application.id != app.id).order_by(Application.id))
        return [{"registration": o.registration, "state": o.state} for o in others]
