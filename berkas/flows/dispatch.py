"""Between the records and the flow runs: start one run per application, wake a run whose
wait is over, and remind people who keep an application waiting.

Everything is decided from the project's database, so a pass can be repeated at any time (on
every intake change, and every `BERKAS_WATCH_SECONDS`) and after any crash:
- an open application without a flow run gets one (idempotency key: its registration number
  and creation time, so a crash between creating the run and recording it never makes a
  second, and a fresh database on the same server never picks up an old run);
- waiting for the applicant (step 5): new material filed since the wait began resumes the run
  with `periksa_ulang`; the time allowed over resumes it with `tutup_tidak_lengkap`; halfway a
  reminder goes to the applicant;
- waiting for training: an account activated meanwhile (`berkas training import`) resumes it;
- a decision of the Kepala LPSE or the Admin PPE waiting longer than
  `BERKAS_DECISION_REMINDER_MINUTES` of working time sends its role a reminder (again after
  each further such period);
- step 7 ends when the outbox finally sends an account email it could not send at once.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.flow_runs import resume_flow_run
from prefect.settings import PREFECT_UI_URL
from sqlalchemy import select

from berkas.flows import forms
from berkas.flows.executor import wake_local
from berkas.outgoing.reminders import (
    queue_applicant_reminder,
    queue_role_reminder,
    queue_training_reminder,
)
from berkas.procedure import actions
from berkas.procedure import records as proc
from berkas.procedure.context import Context
from berkas.sop.model import CLOSED_STATES, PROCEDURES, SOP, Decision, Procedure, Wait
from berkas.store import claims
from berkas.store.models import Application, StepRecord

log = logging.getLogger("berkas.dispatch")
WATCHER = claims.Decider(SOP.decider.watcher, SOP.decider.watcher, "sistem")


def run_name(app: proc.Snapshot) -> str:
    return f"{app.registration} · {app.instansi or 'instansi belum terbaca'}"


def ui_url(ctx: Context, flow_run_id: str) -> str:
    base = (PREFECT_UI_URL.value() or "").rstrip("/")
    return f"{base}/v2/runs/flow-run/{flow_run_id}"  # the default UI (v2)


class Dispatcher:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._deployment_ids: dict[str, UUID] = {}

    def _client(self):
        return get_client(sync_client=True)

    def deployment_id(self, sop: Procedure = SOP) -> UUID:
        if sop.key not in self._deployment_ids:
            with self._client() as client:
                self._deployment_ids[sop.key] = client.read_deployment_by_name(
                    f"{sop.flow}/{sop.deployment}").id
        return self._deployment_ids[sop.key]

    # --- runs -----------------------------------------------------------------------------

    def start_run(self, registration: str) -> str | None:
        app = proc.snapshot(self.ctx, registration)
        if app.flow_run_id or app.closed:
            return app.flow_run_id
        with self._client() as client:
            run = client.create_flow_run_from_deployment(
                self.deployment_id(proc.procedure_of(app)),
                parameters={"registration": registration},
                idempotency_key=f"permohonan:{registration}:{app.created_at.timestamp():.6f}",
                name=run_name(app))
        proc.link_flow_run(self.ctx, registration, str(run.id))
        wake_local()
        log.info("flow run %s started for %s", run.id, registration)
        return str(run.id)

    def waiting_key(self, flow_run_id: str) -> str | None:
        """The suspension key the run waits under, or None if it is not waiting."""
        with self._client() as client:
            run = client.read_flow_run(UUID(flow_run_id))
        if run.state is None or not run.state.is_paused():
            return None
        return run.state.state_details.pause_key

    def resume(self, registration: str, form_key: str, answer: dict[str, Any],
               decider: claims.Decider) -> bool:
        """Answer, as `decider` (whose role the caller has checked), the decision `form_key`
        the application's run waits for. False when it does not wait for that decision, or
        someone else is answering it right now (nothing is changed then)."""
        app = proc.snapshot(self.ctx, registration)
        if not app.flow_run_id:
            return False
        key = self.waiting_key(app.flow_run_id)
        if key is None or not key.startswith(f"langkah-{form_key}-putaran-"):
            return False
        form = forms.FORMS_OF[proc.procedure_of(app).flow][form_key]
        parsed, problems = forms.parse(form, answer, app.verdict)
        if parsed is None or problems:
            raise ValueError("; ".join(problems))
        if not claims.claim(self.ctx.sessions, app.flow_run_id, key, registration, decider):
            return False
        try:
            resume_flow_run(UUID(app.flow_run_id), run_input=parsed.model_dump(mode="json"))
        except Exception:
            claims.release(self.ctx.sessions, app.flow_run_id, key, decider.username)
            raise
        wake_local()
        return True

    # --- the watcher's pass ---------------------------------------------------------------

    def changed(self, registration: str, change: str, item_id: int) -> None:
        """Intake's hook: an application was created or got something new."""
        try:
            if change == "received":
                self.start_run(registration)
            else:
                self._wake(proc.snapshot(self.ctx, registration), only={"new_material"})
        except Exception:  # the next watcher pass does it again
            log.exception("dispatch for %s failed; the watcher retries", registration)

    def watch_once(self) -> dict[str, int]:
        counts = {"dimulai": 0, "dilanjutkan": 0, "pengingat": 0}
        for app in self._open_applications():
            try:
                counts["dimulai"] += bool(not app.flow_run_id and self.start_run(app.registration))
                counts["dilanjutkan"] += self._wake(app)
                counts["pengingat"] += self._remind(app)
            except Exception:
                log.exception("watching %s failed", app.registration)
        self._end_step7_when_sent()
        return counts

    def _open_applications(self) -> list[proc.Snapshot]:
        with self.ctx.sessions() as s:
            regs = s.scalars(select(Application.registration).where(
                Application.state.not_in(CLOSED_STATES)).order_by(Application.id)).all()
        return [proc.snapshot(self.ctx, reg) for reg in regs]

    def _wake(self, app: proc.Snapshot, only: set[str] | None = None) -> bool:
        """Answer by itself the decision the application waits for when one of the conditions
        the description gives it holds (new material from the applicant, the time allowed
        over, the account activated); the watcher is its decider."""
        sop = proc.procedure_of(app)
        decision = next((d for d in sop.decisions.values() if d.automatic
                         and d.waiting_for == app.waiting_for), None)
        if decision is None or app.waiting_since is None:
            return False
        days = self.ctx.settings.applicant_close_days
        for automatic in decision.automatic:
            if only is not None and automatic.when not in only:
                continue
            if automatic.when == "new_material":
                holds = bool(proc.new_material(self.ctx, app.registration))
            elif automatic.when == "applicant_silent":
                holds = self.ctx.clock() >= app.waiting_since + timedelta(days=days)
            else:
                holds = actions.account_active(self.ctx, app.registration)
            if holds:
                return self.resume(app.registration, decision.key,
                                   self._answer(decision, automatic.outcome, automatic.alasan,
                                                days), WATCHER)
        return False

    @staticmethod
    def _answer(decision: Decision, outcome: str, alasan: str | None, days: int
                ) -> dict[str, Any]:
        answer = decision.answer_for(outcome)
        if alasan is not None:
            answer["alasan"] = alasan.format(days=days)
        return answer

    def _remind(self, app: proc.Snapshot) -> int:
        if app.waiting_for is None or app.waiting_since is None:
            return 0
        s = self.ctx.settings
        now = self.ctx.clock()
        with self.ctx.sessions.begin() as session:
            row = session.scalar(select(StepRecord).where(
                StepRecord.application_id == app.id, StepRecord.step == app.step,
                StepRecord.ended_at.is_(None)).order_by(StepRecord.id.desc()))
            application = session.get(Application, app.id)
            if row is None or application is None:
                return 0
            last = row.reminded_at or app.waiting_since
            to = actions.applicant_address(app)
            if app.waiting_for == Wait.APPLICANT:
                if row.reminders or now < app.waiting_since + timedelta(
                        days=s.applicant_reminder_days) or not to:
                    return 0
                deficiencies = [d.model_dump(mode="json") for d in app.verdict.deficiencies] \
                    if app.verdict else []
                deficiencies = deficiencies or [
                    {"code": "lainnya", "message": "Kelengkapan yang diminta belum diterima."}]
                message = queue_applicant_reminder(
                    self.ctx, session, application, to=to, deficiencies=deficiencies, round=1,
                    close_on=(app.waiting_since + timedelta(days=s.applicant_close_days)).date())
            elif app.waiting_for == Wait.TRAINING:
                if now < last + timedelta(days=s.training_reminder_days) or not app.email:
                    return 0
                message = queue_training_reminder(self.ctx, session, application, to=app.email,
                                                  round=row.reminders + 1)
            else:
                calendar = self.ctx.calendar
                limit = s.decision_reminder_minutes * 60
                if calendar.working_seconds(last, now) < limit:
                    return 0
                message = queue_role_reminder(
                    self.ctx, session, application, role=app.waiting_for, step=row.step,
                    step_name=row.name, waiting_since=app.waiting_since,
                    standard=calendar.format_duration(limit), round=row.reminders + 1,
                    link=ui_url(self.ctx, app.flow_run_id) if app.flow_run_id else None)
            row.reminders += 1
            row.reminded_at = now
            message_id = message.id
        self.ctx.outbox.deliver(message_id)
        return 1

    def _end_step7_when_sent(self) -> None:
        """An account email the server did not take at once is sent later by the outbox; its
        step (the one whose work sends it) ends then, also for an application archived
        meanwhile."""
        sending = {n.step for sop in PROCEDURES for n in sop.nodes.values()
                   if n.work == "send_account"}
        with self.ctx.sessions() as s:
            open_steps = s.execute(select(Application.registration, StepRecord.step)
                                   .join(StepRecord).where(StepRecord.step.in_(sending),
                                                           StepRecord.ended_at.is_(None))).all()
        for registration, step in open_steps:
            sop = proc.procedure_of(proc.snapshot(self.ctx, registration))
            if not any(n.work == "send_account" and n.step == step for n in sop.nodes.values()):
                continue
            if actions.account_mail_sent(self.ctx, registration):
                proc.end_step(self.ctx, registration, step, actor=proc.SYSTEM,
                              outcome="terkirim")
