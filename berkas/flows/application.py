"""One flow run per application: the SOP walked node by node as its description says
(berkas/sop/*.toml). A node does a step's work as a task, or asks a decision; what the work
returns or the answer says leads to the next node, a new round of a step met again, a closing
with its letter, or the end.

Waiting for a person or for the applicant suspends the run (no process is held). Prefect
resumes a suspended run by running the flow again from the top; every task is idempotent
(berkas/procedure/records.py keeps what was done and decided in the project's database), so the
re-run walks through what is done without repeating it and stops at the first open decision. A
decision already taken is read back from the database, not asked again: the suspension keys
are only ever reused for the one decision still open.
"""

from __future__ import annotations

from typing import Any

from prefect import Flow, Task, flow, get_run_logger, suspend_flow_run, task
from prefect.context import FlowRunContext

from berkas.flows import forms
from berkas.flows.presentation import form_with_description, publish_steps
from berkas.procedure import records as proc
from berkas.procedure import spse
from berkas.procedure.answers import verified_fields
from berkas.procedure.context import Context, shared_context
from berkas.procedure.work import CONDITIONS, EFFECTS, WORK, Decided, close
from berkas.sop.model import PROCEDURES, Procedure, Target, by_flow
from berkas.store import claims, staff

TASK: dict[str, Any] = {"retries": 3, "retry_delay_seconds": [2, 10, 30], "persist_result": False}


def ctx() -> Context:
    return shared_context()


# --- the steps' work, as tasks named after them ---------------------------------------------

def _work_task(sop: Procedure, work: str, name: str) -> Task[..., str | None]:
    def run(registration: str, langkah: int, putaran: int,
            keputusan: Decided | None = None) -> str | None:
        return WORK[work](ctx(), sop, registration, langkah, putaran, keputusan)

    run.__name__ = run.__qualname__ = work  # the task's key
    return task(name=name, **TASK)(run)


def _closing_task(sop: Procedure) -> Task[..., None]:
    def tutup(registration: str, jenis: str, keputusan: Decided) -> None:
        close(ctx(), sop, registration, jenis, keputusan)

    return task(name=sop.closing_task, **TASK)(tutup)


# procedure flow name -> node -> its task; and the closing task of each procedure
TASKS = {sop.flow: {name: _work_task(sop, node.work, node.task)
                    for name, node in sop.nodes.items() if node.work and node.task}
         for sop in PROCEDURES}
CLOSING = {sop.flow: _closing_task(sop) for sop in PROCEDURES}


# --- decisions --------------------------------------------------------------------------------

async def keputusan(sop: Procedure, registration: str, key: str, round: int) -> Decided:
    """The decision `key`: read back if taken, else asked (the run suspends until someone
    answers in the UI or with `berkas approve`); an unusable answer is asked again with its
    reasons, under a new suspension key."""
    decision = sop.decisions[key]
    step, phase = decision.step, decision.phase
    taken = proc.decision(ctx(), registration, step, round, phase)
    if taken is not None:
        return taken
    proc.begin_step(ctx(), registration, step, round, phase=phase,
                    waiting_for=decision.waiting_for)
    while True:
        refused = proc.refusals(ctx(), registration, step, round, phase)
        publish_steps(ctx(), registration)
        pause_key = f"langkah-{key}-putaran-{round}-isian-{len(refused)}"
        answer = await suspend_flow_run(  # type: ignore[misc]  # async-dispatched in a coroutine
            wait_for_input=form_with_description(ctx(), key, registration, refused, sop),
            key=pause_key)
        data = answer.model_dump()
        decider = _decider(sop, decision.decided_by, pause_key)
        problems = forms.problems(answer, proc.snapshot(ctx(), registration).verdict)
        problems += spse.answer_problems(ctx(), decision, registration, data)
        if decider is None:
            problems = [sop.decider.unclaimed]
        if problems:
            get_run_logger().warning("isian langkah %s ditolak: %s", step, "; ".join(problems))
            proc.refusals(ctx(), registration, step, round, phase, add="; ".join(problems))
            continue
        detail: dict[str, Any] = {"isian": data}
        if any(field.type == "person" for field in decision.fields):
            detail["data"] = verified_fields(data, sop)
        assert decider is not None
        detail["pengguna"] = decider.username
        if decider.os_user:
            detail["pengguna_os"] = decider.os_user
        if decider.client_address:
            detail["alamat"] = decider.client_address
        proc.end_step(ctx(), registration, step, round, phase=phase,
                      outcome=decision.outcome_of(data), actor=decider.full_name, detail=detail)
        taken = proc.decision(ctx(), registration, step, round, phase)
        assert taken is not None
        return taken


def _decider(sop: Procedure, role: str, pause_key: str) -> claims.Decider | None:
    """Who resumed this pause, as claimed before the resume (berkas/store/claims.py): an
    account holding the decision's role, or the watcher. None: resumed by no one entitled."""
    run = FlowRunContext.get()
    assert run is not None and run.flow_run is not None
    found = claims.claimed(ctx().sessions, str(run.flow_run.id), pause_key)
    if found is None:
        return None
    if found.via == "sistem":
        return found if found.username == sop.decider.watcher else None
    try:
        staff.require_role(ctx().sessions, found.username, role)
    except staff.NotAllowed:
        return None
    return found


# --- the flow ---------------------------------------------------------------------------------

async def walk(sop: Procedure, registration: str) -> str:
    """The application through the description's nodes, from the start to its end."""
    if proc.snapshot(ctx(), registration).closed:
        return proc.snapshot(ctx(), registration).state
    tasks = TASKS[sop.flow]
    name, round, decided = sop.start, 1, None
    while True:
        node = sop.nodes[name]
        target: Target | None
        if node.until is not None:  # asked again, each time in a round of its own
            asked, target = 1, node.next
            while not CONDITIONS[node.until](ctx(), registration):
                assert node.decision is not None
                decided = await keputusan(sop, registration, node.decision, asked)
                answered = node.outcomes[decided["outcome"]]
                if answered.do is not None:
                    EFFECTS[answered.do](ctx(), registration, decided)
                if answered.close is not None:  # leaves the wait: the application closes
                    target = answered
                    break
                asked += 1
        elif node.decision is not None:
            decided = await keputusan(sop, registration, node.decision, round)
            target = node.outcomes[decided["outcome"]]
            if target.do is not None:  # idempotent: also done again when read back
                EFFECTS[target.do](ctx(), registration, decided)
        else:
            assert node.step is not None
            result = tasks[name](registration, node.step, round, decided)
            target = node.next if result is None else node.results[result]
        assert target is not None, f"{sop.key}: nothing after {name}"
        if target.close is not None:
            assert decided is not None
            CLOSING[sop.flow](registration, target.close, decided)
            publish_steps(ctx(), registration)
            return proc.snapshot(ctx(), registration).state
        if target.finish:
            publish_steps(ctx(), registration)
            return sop.finished
        assert target.node is not None
        name, round = target.node, round + target.new_round


@flow(persist_result=False, log_prints=False)
async def application_flow(registration: str) -> str:
    """The SOP of the flow's name (each procedure's deployment runs it under its own name)."""
    run = FlowRunContext.get()
    assert run is not None and run.flow is not None
    return await walk(by_flow(run.flow.name), registration)


def procedure_flow(sop: Procedure) -> Flow[Any, Any]:
    return application_flow.with_options(name=sop.flow, description=sop.flow_description)
