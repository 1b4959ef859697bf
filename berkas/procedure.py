"""The procedure's records and side effects, outside Prefect: which SOP step an application is
in, who holds it since when, what was decided, and the letters, emails and account each step
produces.

Every function here is idempotent, so a flow run that is re-run from the top after a resume
(that is how Prefect resumes a suspended run) or after a crash repeats no side effect: a step
already ended keeps its decision, an email is recorded once per (registration, purpose) by the
outbox, an account once per NIP by the account registry, an archive file once per item key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from berkas import db
from berkas.context import Context
from berkas.db import Application, IntakeItem, OutboxMessage, StepRecord, add_event
from berkas.mutu_baku import STANDARDS

# SOP steps: number -> (activity as the SOP words it, role holding it)
STEPS: dict[int, tuple[str, str]] = {n: (std.name, std.role) for n, std in STANDARDS.items()}
SYSTEM = "sistem"
# What an application waits for, besides a role's decision
WAIT_APPLICANT = "pemohon"
WAIT_TRAINING = "pelatihan"
CLOSING_STATES = {"ditolak": "ditolak", "dibatalkan": "dibatalkan",
                  "tidak_dilengkapi": db.STATE_CLOSED_INCOMPLETE}


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
    verdict: dict[str, Any]
    archive_path: str
    waiting_for: str | None
    waiting_since: datetime | None
    flow_run_id: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def closed(self) -> bool:
        return self.state in db.CLOSED_STATES

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self.verdict.get("fields") or {})

    @property
    def instansi(self) -> str | None:
        fields = self.fields
        return fields.get("satuan_kerja") or fields.get("instansi")


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
                    source=app.source, verdict=dict(app.verdict or {}),
                    archive_path=app.archive_path, waiting_for=app.waiting_for,
                    waiting_since=app.waiting_since, flow_run_id=app.flow_run_id,
                    created_at=app.created_at, updated_at=app.updated_at)


# --- steps ------------------------------------------------------------------------------------

PHASE_NAMES = {"pelatihan": "Menunggu konfirmasi pelatihan",
               "akun_ganda": "Keputusan atas akun yang sudah ada"}


def _record(session: Session, app: Application, step: int, round: int, phase: str = ""
            ) -> StepRecord | None:
    return session.scalar(select(StepRecord).where(
        StepRecord.application_id == app.id, StepRecord.step == step,
        StepRecord.phase == phase, StepRecord.round == round))


def _new_record(ctx: Context, app: Application, step: int, round: int, phase: str,
                started_at: datetime | None = None) -> StepRecord:
    name, role = STEPS[step]
    return StepRecord(application_id=app.id, step=step, name=PHASE_NAMES.get(phase, name),
                      role=role, round=round, phase=phase, started_at=started_at or ctx.clock(),
                      reminders=0)


def begin_step(ctx: Context, registration: str, step: int, round: int = 1, *, phase: str = "",
               waiting_for: str | None = None, started_at: datetime | None = None) -> datetime:
    """The step starts (once); the application now sits in it, waiting for `waiting_for` (a
    role, the applicant, or training) if anyone. Returns when the step started."""
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        row = _record(s, app, step, round, phase)
        if row is None:
            row = _new_record(ctx, app, step, round, phase, started_at)
            if waiting_for == WAIT_APPLICANT:  # what counts as new material from now on
                row.detail = {"item_terakhir": s.scalar(select(func.max(IntakeItem.id)).where(
                    IntakeItem.application_id == app.id)) or 0}
            s.add(row)
            add_event(s, app, SYSTEM, "langkah_mulai", langkah=step, putaran=round,
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
        add_event(s, app, actor, "langkah_selesai", langkah=step, putaran=round, hasil=outcome,
                  tahap=phase or None)
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
            add_event(s, app, actor, "keadaan", keadaan=state, **detail)


def apply_verified(ctx: Context, registration: str, data: dict[str, Any], *, actor: str) -> None:
    """The fields as the Admin PPE verified them become the application's."""
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        app.nama = data.get("nama") or app.nama
        app.nip = data.get("nip") or app.nip
        app.email = data.get("email") or app.email
        app.updated_at = ctx.clock()
        add_event(s, app, actor, "data_diverifikasi", **{k: v for k, v in data.items() if v})


def link_flow_run(ctx: Context, registration: str, flow_run_id: str) -> None:
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        if app.flow_run_id != flow_run_id:
            app.flow_run_id = flow_run_id
            add_event(s, app, SYSTEM, "alur_dimulai", flow_run_id=flow_run_id)


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


def first_message_id(ctx: Context, registration: str) -> str | None:
    with ctx.sessions() as s:
        app = _get(s, registration)
        return s.scalar(select(IntakeItem.message_id).where(
            IntakeItem.application_id == app.id, IntakeItem.kind == "email",
            IntakeItem.message_id.is_not(None)).order_by(IntakeItem.id))


# --- mail -------------------------------------------------------------------------------------

def recorded(ctx: Context, registration: str, purpose: str) -> bool:
    """The message for `purpose` is already in the outbox (sent or on its way)."""
    with ctx.sessions() as s:
        return s.scalar(select(OutboxMessage.id).where(
            OutboxMessage.registration == registration,
            OutboxMessage.purpose == purpose)) is not None


def deliver(ctx: Context, rows: list[OutboxMessage]) -> list[str]:
    """Try to send what was just recorded; a message the server did not take now stays in the
    outbox and `berkas run` retries it. Returns the statuses."""
    return [ctx.outbox.deliver(row.id).status for row in rows]


def applicant_address(app: Snapshot) -> str | None:
    """Letters to the agency go where the berkas came from; a berkas that came only on paper
    is answered at the address on its form. Only a usable bare address (no display name, no
    line break an applicant could have smuggled into a header)."""
    from email.utils import parseaddr

    from extractors.normalize import normalize_email

    for candidate in (app.sender, app.email):
        address = parseaddr(candidate or "")[1]
        checked = normalize_email(address) if address else None
        if checked is not None and checked.valid and checked.value == address.lower():
            return address
    return None


def send_receipt(ctx: Context, registration: str) -> list[str]:
    """Tanda terima: only for a berkas that arrived by email (intake never files an auto-reply,
    a bounce or a question as an application)."""
    from berkas.emails import queue_receipt

    app = snapshot(ctx, registration)
    if app.source != "email" or not app.sender or recorded(ctx, registration, "tanda_terima"):
        return []
    with ctx.sessions.begin() as s:
        row = queue_receipt(ctx.outbox, s, ctx.templates, ctx.settings, _get(s, registration),
                            to=app.sender, received=app.created_at.date(),
                            instansi=app.instansi,
                            in_reply_to=first_message_id(ctx, registration))
    return deliver(ctx, [row])


def letter_facts(app: Snapshot) -> dict[str, Any]:
    """What the Surat Jawaban quotes of the agency's cover letter (guesses a person confirms)."""
    letter: dict[str, Any] = {}
    for doc in app.verdict.get("documents", []):
        if doc.get("type") == "surat_permohonan":
            letter = doc.get("fields") or {}
            break
    fields = app.fields
    unit = fields.get("satuan_kerja") or fields.get("instansi") or ""
    tanggal = letter.get("tanggal")
    return {"pimpinan_jabatan": f"Kepala {unit}".strip() if unit else "Pimpinan Instansi",
            "instansi": unit or "-", "surat_nomor": letter.get("nomor") or "-",
            "surat_tanggal": tanggal or app.created_at.date().isoformat(),
            "surat_perihal": letter.get("perihal") or "Permohonan Pembuatan Akun Admin Agency",
            "nama": fields.get("nama") or app.nama or "-", "nip": fields.get("nip") or app.nip}


def send_surat_jawaban(ctx: Context, registration: str, overrides: dict[str, Any]) -> list[str]:
    from berkas.emails import queue_surat_jawaban

    app = snapshot(ctx, registration)
    to = applicant_address(app)
    if not to or recorded(ctx, registration, "surat_jawaban"):
        return []
    letter = letter_facts(app) | {k: v for k, v in overrides.items() if v}
    letter["surat_tanggal"] = _as_date(letter["surat_tanggal"], app.created_at.date())
    letter["received"] = app.created_at.date()
    with ctx.sessions.begin() as s:
        row = queue_surat_jawaban(ctx.outbox, s, ctx.templates, ctx.settings,
                                  _get(s, registration), to=to, letter=letter,
                                  in_reply_to=first_message_id(ctx, registration))
    return deliver(ctx, [row])


def _as_date(value: Any, default: date) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return default


def request_completion(ctx: Context, registration: str, round: int,
                       deficiencies: list[dict[str, Any]]) -> list[str]:
    from berkas.emails import queue_completion_request

    app = snapshot(ctx, registration)
    to = applicant_address(app)
    if not to:
        return []
    with ctx.sessions.begin() as s:
        row = queue_completion_request(
            ctx.outbox, s, ctx.templates, ctx.settings, _get(s, registration), to=to,
            deficiencies=deficiencies, received=app.created_at.date(), round=round,
            instansi=app.instansi, in_reply_to=first_message_id(ctx, registration))
    return deliver(ctx, [row])


def close(ctx: Context, registration: str, kind: str, *, actor: str, reason: str | None,
          deficiencies: list[dict[str, Any]] | None = None) -> list[str]:
    """Rejection, withdrawal, or a berkas never completed: the closing letter, then the state."""
    from berkas.closing import queue_closing

    app = snapshot(ctx, registration)
    statuses: list[str] = []
    to = applicant_address(app)
    if to:
        with ctx.sessions.begin() as s:
            row = queue_closing(ctx, s, _get(s, registration), kind=kind,  # type: ignore[arg-type]
                                to=to, reason=reason, deficiencies=deficiencies)
        statuses = deliver(ctx, [row])
    set_state(ctx, registration, CLOSING_STATES[kind], actor=actor, alasan=reason)
    with ctx.sessions.begin() as s:
        app_row = _get(s, registration)
        app_row.waiting_for, app_row.waiting_since = None, None
    return statuses


# --- the account ------------------------------------------------------------------------------

def create_account(ctx: Context, registration: str, data: dict[str, Any]) -> dict[str, Any]:
    """The account from the verified data, inactive until training (once: a second call finds
    the account this application already has). A NIP or user id that already has an account
    for another application is refused: the result says which, for the reviewer."""
    from berkas.accounts import AccountRequest, DuplicateAccount

    existing = ctx.accounts.find(nip=data["nip"])
    if existing is not None and existing.registration == registration:
        return {"user_id": existing.user_id, "active": existing.active, "created": False}
    request = AccountRequest(nip=data["nip"], nama=data["nama"], email=data["email"],
                             registration=registration, instansi=data.get("instansi"))
    try:
        view, secret = ctx.accounts.create(request)
    except DuplicateAccount as exc:
        return {"duplicate": str(exc), "user_id": exc.existing.user_id,
                "registration": exc.existing.registration}
    del secret  # never mailed: the account email makes its own (berkas.account_mail)
    with ctx.sessions.begin() as s:
        add_event(s, _get(s, registration), SYSTEM, "akun_dibuat", user_id=view.user_id,
                  aktif=view.active)
    return {"user_id": view.user_id, "active": view.active, "created": True}


def account_active(ctx: Context, registration: str) -> bool:
    app = snapshot(ctx, registration)
    view = ctx.accounts.find(nip=app.nip) if app.nip else None
    return bool(view and view.active and view.registration == registration)


def activate_account(ctx: Context, registration: str, *, actor: str) -> None:
    app = snapshot(ctx, registration)
    view = ctx.accounts.find(nip=app.nip) if app.nip else None
    if view is None or view.registration != registration:
        raise NotFound(f"{registration} belum memiliki akun")
    if not view.active:
        ctx.accounts.activate(view.user_id)
        with ctx.sessions.begin() as s:
            add_event(s, _get(s, registration), actor, "pelatihan_dikonfirmasi",
                      user_id=view.user_id)


def send_account(ctx: Context, registration: str) -> list[str]:
    """SOP step 7: the account email to the address on the verified form, its copy (without
    the password) to the Kepala LPSE. The password is made when the email is sent."""
    from berkas.account_mail import queue_account_email

    app = snapshot(ctx, registration)
    view = ctx.accounts.find(nip=app.nip) if app.nip else None
    if view is None:
        raise NotFound(f"{registration} belum memiliki akun")
    with ctx.sessions.begin() as s:
        rows = queue_account_email(ctx, s, _get(s, registration), view)
    return deliver(ctx, rows)


def account_mail_sent(ctx: Context, registration: str) -> bool:
    with ctx.sessions() as s:
        status = s.scalar(select(OutboxMessage.status).where(
            OutboxMessage.registration == registration, OutboxMessage.purpose == "akun"))
    return status == "sent"


# --- the archive (SOP step 8) -----------------------------------------------------------------

def archive_summary(ctx: Context, registration: str) -> str:
    """The result of the procedure into the application's folder: steps with their times and
    actors, decisions, the account's user id (never a password). Written once."""
    app = snapshot(ctx, registration)
    with ctx.sessions() as s:
        row = _get(s, registration)
        steps = [{"langkah": r.step, "nama": r.name, "peran": r.role, "putaran": r.round,
                  "mulai": r.started_at.isoformat(timespec="seconds"),
                  "selesai": r.ended_at.isoformat(timespec="seconds") if r.ended_at else None,
                  "pelaku": r.actor, "hasil": r.outcome} for r in row.steps]
        events = [{"waktu": e.at.isoformat(timespec="seconds"), "pelaku": e.actor,
                   "jenis": e.kind, "rincian": e.detail} for e in row.events]
    account = ctx.accounts.find(nip=app.nip) if app.nip else None
    summary = {"registrasi": registration, "keadaan": app.state, "nama": app.nama,
               "nip": app.nip, "email": app.email,
               "akun": {"user_id": account.user_id, "aktif": account.active}
               if account and account.registration == registration else None,
               "langkah": steps, "riwayat": events}
    data = json.dumps(summary, ensure_ascii=False, indent=2, default=str).encode()
    written = ctx.archive.application(app.archive_path).write(
        "ringkasan-permohonan.json", data, role="ringkasan", source="alur",
        item=f"ringkasan:{registration}")
    return written.path
