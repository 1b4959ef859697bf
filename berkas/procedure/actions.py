"""What each SOP step does outside Prefect: the emails and letters it sends, the account it
makes, the summary it archives. Every function is idempotent (an email once per registration and
purpose, the account once per NIP, an archive file once per item key), so a flow run re-run from
the top repeats nothing."""

from __future__ import annotations

import json
from datetime import date
from email.utils import parseaddr
from typing import Any

from sqlalchemy import select

from berkas.accounts import AccountRequest, DuplicateAccount
from berkas.outgoing.account_mail import queue_account_email
from berkas.outgoing.closing import queue_closing
from berkas.outgoing.emails import queue_completion_request, queue_receipt, queue_surat_jawaban
from berkas.outgoing.outbox import Status
from berkas.procedure.context import Context
from berkas.procedure.records import SYSTEM, NotFound, Snapshot, _get, set_state, snapshot
from berkas.sop.model import SOP
from berkas.store.models import IntakeItem, OutboxMessage, add_event
from extractors.normalize import normalize_email


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
    for candidate in (app.sender, app.email):
        address = parseaddr(candidate or "")[1]
        checked = normalize_email(address) if address else None
        if checked is not None and checked.valid and checked.value == address.lower():
            return address
    return None


def send_receipt(ctx: Context, registration: str) -> list[str]:
    """Tanda terima: only for a berkas that arrived by email (intake never files an auto-reply,
    a bounce or a question as an application)."""
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
    for doc in app.verdict.documents if app.verdict else []:
        if doc.type == "surat_permohonan":
            letter = doc.fields
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
    app = snapshot(ctx, registration)
    statuses: list[str] = []
    to = applicant_address(app)
    if to:
        with ctx.sessions.begin() as s:
            row = queue_closing(ctx, s, _get(s, registration), kind=kind,  # type: ignore[arg-type]
                                to=to, reason=reason, deficiencies=deficiencies)
        statuses = deliver(ctx, [row])
    set_state(ctx, registration, SOP.closings[kind].state, actor=actor, alasan=reason)
    with ctx.sessions.begin() as s:
        app_row = _get(s, registration)
        app_row.waiting_for, app_row.waiting_since = None, None
    return statuses


# --- the account ------------------------------------------------------------------------------

def create_account(ctx: Context, registration: str, data: dict[str, Any]) -> dict[str, Any]:
    """The account from the verified data, inactive until training (once: a second call finds
    the account this application already has). A NIP or user id that already has an account
    for another application is refused: the result says which, for the reviewer."""
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
    del secret  # never mailed: the account email makes its own (berkas.outgoing.account_mail)
    with ctx.sessions.begin() as s:
        add_event(s, _get(s, registration), SYSTEM, "akun_dibuat", at=ctx.clock(),
                  user_id=view.user_id,
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
            add_event(s, _get(s, registration), actor, "pelatihan_dikonfirmasi", at=ctx.clock(),
                      user_id=view.user_id)


def send_account(ctx: Context, registration: str) -> list[str]:
    """SOP step 7: the account email to the address on the verified form, its copy (without
    the password) to the Kepala LPSE. The password is made when the email is sent."""
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
    return status == Status.SENT


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
