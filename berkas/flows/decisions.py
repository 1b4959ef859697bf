"""`berkas pending` and `berkas approve`: the decisions waiting for people, taken from the
command line exactly as the Prefect UI's form takes them (the same RunInput, the same checks,
the same resume through the API)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from berkas.flows import forms
from berkas.flows.dispatch import Dispatcher, ui_url
from berkas.procedure import records as proc
from berkas.procedure import spse
from berkas.procedure.answers import prefilled
from berkas.procedure.context import Context
from berkas.sop.model import CLOSED_STATES, Procedure, Wait
from berkas.store import claims, staff
from berkas.store.models import Application, StepRecord

EXIT_NOTHING_WAITS = 3
EXIT_REFUSED = 4


def pending(ctx: Context) -> list[dict[str, Any]]:
    """One entry per application whose flow run waits for a decision (SPEC `berkas pending`)."""
    dispatcher = Dispatcher(ctx)
    now = ctx.clock()
    found = []
    with ctx.sessions() as s:
        rows = s.execute(select(Application, StepRecord).join(StepRecord).where(
            Application.state.not_in(CLOSED_STATES), Application.waiting_for.is_not(None),
            Application.flow_run_id.is_not(None), StepRecord.ended_at.is_(None),
            StepRecord.step == Application.step).order_by(Application.id)).all()
    for app, step in rows:
        sop = proc.procedure_of(proc.snapshot(ctx, app.registration))
        decision = sop.decision_at(step.step, step.phase)
        if decision is None or app.flow_run_id is None:
            continue
        key = decision.key
        waiting = dispatcher.waiting_key(app.flow_run_id)
        if waiting is None or not waiting.startswith(f"langkah-{key}-"):
            continue  # running, or between two waits: not waiting for a person right now
        since: datetime = app.waiting_since or step.started_at
        found.append({
            "registration": app.registration, "flow_run_id": app.flow_run_id,
            "step": step.step, "step_name": step.name,
            "role": sop.pending_role(app.waiting_for or ""),
            "since": since.isoformat(timespec="seconds"),
            "overdue": _overdue(ctx, sop, step, app.waiting_for, since, now),
            "input_schema": forms.schema(forms.FORMS_OF[sop.flow][key]),
            "ui_url": ui_url(ctx, app.flow_run_id), "nama": app.nama})
    return found


def _overdue(ctx: Context, sop: Procedure, step: StepRecord, waiting_for: str | None,
             since: datetime, now: datetime) -> bool:
    """Past the step's mutu baku, or (steps without one) past the reminder limit; waiting for
    the applicant, past the days before the reminder."""
    if waiting_for == Wait.APPLICANT:
        return now >= since + timedelta(days=ctx.settings.applicant_reminder_days)
    standard = sop.step(step.step).seconds if step.phase == "" else None
    limit = standard or ctx.settings.decision_reminder_minutes * 60
    return ctx.calendar.working_seconds(since, now) > limit


def parse_pairs(pairs: list[str], schema: dict[str, Any]) -> dict[str, Any]:
    """KEY=VALUE as the form's types: booleans `true`/`false`, the rest as text."""
    properties = schema.get("properties", {})
    answer: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"bukan KUNCI=NILAI: {pair!r}")
        if key not in properties:
            raise ValueError(f"kunci tidak dikenal: {key} (yang ada: {', '.join(properties)})")
        if properties[key].get("type") == "boolean":
            if value.lower() not in ("true", "false"):
                raise ValueError(f"{key} harus true atau false, bukan {value!r}")
            answer[key] = value.lower() == "true"
        else:
            answer[key] = value
    return answer


def approve(ctx: Context, registration: str, step: int, username: str, pairs: list[str]
            ) -> tuple[int, str]:
    """Take the decision waiting at `step` as the staff account `username`, which must be
    active and hold the decision's role; (exit code, message)."""
    waiting = [p for p in pending(ctx) if p["registration"] == registration.upper()
               and p["step"] == step]
    if not waiting:
        return EXIT_NOTHING_WAITS, (f"Tidak ada keputusan yang menunggu pada langkah {step} "
                                    f"untuk {registration.upper()}.")
    entry = waiting[0]
    current = proc.snapshot(ctx, entry["registration"])
    sop = proc.procedure_of(current)
    decision = sop.decision_at(step, _phase_of(ctx, entry["registration"], step))
    assert decision is not None
    try:
        account = staff.require_role(ctx.sessions, username, decision.decided_by)
    except staff.NotAllowed as exc:
        return EXIT_REFUSED, f"Tidak diizinkan: {exc}"
    try:
        answer = parse_pairs(pairs, entry["input_schema"])
    except ValueError as exc:
        return EXIT_REFUSED, f"Isian ditolak: {exc}"
    # what the UI's form shows pre-filled; a KEY=VALUE given on the command line replaces it
    answer = prefilled(decision, current, sop, spse.proposed_user_id(ctx, current)) | answer
    parsed, problems = forms.parse(forms.FORMS_OF[sop.flow][decision.key], answer,
                                   current.verdict)
    if parsed is not None and not problems:
        problems = spse.answer_problems(ctx, decision, entry["registration"],
                                        parsed.model_dump())
    if parsed is None or problems:
        return EXIT_REFUSED, "Isian ditolak: " + "; ".join(problems)
    decider = claims.Decider(account.username, account.full_name, "baris_perintah",
                             os_user=claims.os_user())
    if not Dispatcher(ctx).resume(entry["registration"], decision.key, answer, decider):
        return EXIT_NOTHING_WAITS, "Keputusan ini baru saja diambil oleh orang lain."
    return 0, (f"Keputusan langkah {step} untuk {entry['registration']} dicatat atas nama "
               f"{account.full_name} ({account.username}, pengguna sistem operasi "
               f"{decider.os_user}); alur dilanjutkan.")


def _phase_of(ctx: Context, registration: str, step: int) -> str:
    rows = [r for r in proc.step_rows(ctx, registration) if r.step == step and not r.ended_at]
    return rows[-1].phase if rows else ""
