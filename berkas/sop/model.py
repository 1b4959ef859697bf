"""The SOP described once: the typed table a procedure's description (a TOML file beside this
one) is read into and checked against on import. Every part of berkas that needs a step's name,
role or standard time, a decision's form, rules and outcomes, a wait, a closing state, the
required documents or the fields of the person reads them here.

A second procedure of the same shape (an account replacement or deactivation, a PPK or Pokja
account) is another TOML file in `DESCRIPTIONS`: the flows walk its nodes, the forms are built
from its decisions, the mutu baku table reads its steps."""

from __future__ import annotations

import tomllib
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

HERE = Path(__file__).resolve().parent


class State(StrEnum):
    """What an application is: the automatic verdict while intake holds it, then how its
    procedure ended (the description's `finished` and `closings` name the ones that close it)."""
    WAITING_FOR_CHECK = "menunggu_pemeriksaan"  # received, no verdict yet (the checker failed)
    COMPLETE = "lengkap"
    INCOMPLETE = "tidak_lengkap"
    REVIEW = "perlu_tinjauan"
    FINISHED = "selesai"
    REJECTED = "ditolak"
    WITHDRAWN = "dibatalkan"
    CLOSED_INCOMPLETE = "ditutup_tidak_lengkap"  # never completed within the time allowed


class Wait(StrEnum):
    """What an application may wait for besides a staff role's decision."""
    APPLICANT = "pemohon"
    TRAINING = "pelatihan"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Strict):
    number: int
    name: str  # the activity as the SOP words it
    role: str
    standard_minutes: float | None = None  # mutu baku; None where the SOP sets none
    phases: dict[str, str] = Field(default_factory=dict)  # waits inside the step: their names

    @property
    def seconds(self) -> float | None:
        return None if self.standard_minutes is None else self.standard_minutes * 60


class WaitDescription(_Strict):
    role: str  # whom `berkas pending` names as holding it
    label: str  # how a form's title names the one it waits for


class Closing(_Strict):
    state: State
    hal: str  # the closing letter's subject


class Document(_Strict):
    type: str
    label: str
    required: bool = True


class PersonField(_Strict):
    key: str
    label: str  # the form's label
    short: str  # the label in tables
    kind: Literal["text", "nip", "email", "telepon"] = "text"
    invalid: str | None = None  # message for a value that does not validate ({value})


class FormField(_Strict):
    type: Literal["text", "switch", "choice", "person", "number"] = "text"
    name: str = ""
    title: str = ""
    choices: list[str] = Field(default_factory=list)
    optional: bool = False  # has a default ("" or false): the form does not require it
    prefill: str | None = None  # what the form shows in it: a fact of the application


class Rule(_Strict):
    when: dict[str, list[str | bool]]  # field -> the answers that make the rule apply
    require: str  # a field that must be filled (a switch: on); "person": every person field
    message: str  # {label}: the person field's label
    unless: Literal["automatic_deficiencies"] | None = None


class Outcome(_Strict):
    field: str
    yes: str | None = None  # for a switch: the outcome of on
    no: str | None = None  # and of off
    unless: dict[str, str] = Field(default_factory=dict)  # a switch on gives this outcome instead


class Automatic(_Strict):
    when: Literal["new_material", "applicant_silent", "account_active"]
    outcome: str
    alasan: str | None = None  # {days}: the days allowed


class Decision(_Strict):
    key: str = ""
    step: int
    phase: str = ""
    title: str
    decided_by: str  # the staff role that takes it
    waiting_for: str  # a role, or a Wait
    form: str  # the form's class name
    summary: str  # what it is, in English (the form's docstring)
    ask: str  # what to decide, above the form
    outcome: Outcome
    fields: list[FormField]
    rules: list[Rule] = Field(default_factory=list)
    automatic: list[Automatic] = Field(default_factory=list)
    notes: list[Literal["existing_account", "spse_account_data", "spse_activation",
                        "spse_password"]] = Field(default_factory=list)
    # checks an answer needs the records (or the running service) for: `new_account` the user
    # id and NIP known to no account; `current_password` the reveal named is the current one
    checks: list[Literal["new_account", "current_password"]] = Field(default_factory=list)

    def outcome_of(self, answer: dict) -> str:
        for switch, outcome in self.outcome.unless.items():
            if answer.get(switch) is True:
                return outcome
        value = answer[self.outcome.field]
        if isinstance(value, bool):
            found = self.outcome.yes if value else self.outcome.no
            assert found is not None
            return found
        return str(value)

    def answer_for(self, outcome: str) -> dict[str, object]:
        """The form's answer that gives `outcome` (for the watcher's automatic answers)."""
        if outcome == self.outcome.yes:
            return {self.outcome.field: True}
        if outcome == self.outcome.no:
            return {self.outcome.field: False}
        return {self.outcome.field: outcome}

    @property
    def outcomes(self) -> list[str]:
        if self.outcome.yes is not None:
            return [self.outcome.yes, self.outcome.no or "", *self.outcome.unless.values()]
        field = next(f for f in self.fields if f.name == self.outcome.field)
        return [*field.choices, *self.outcome.unless.values()]


class Target(_Strict):
    node: str | None = None
    new_round: bool = False  # the step is met again: a new round
    close: str | None = None  # a closing of the description
    finish: bool = False
    # work done with the answer, in the flow
    do: Literal["activate_account", "record_account", "send_account_mail"] | None = None


def _target(value: object) -> object:
    return {"node": value} if isinstance(value, str) else value


class Node(_Strict):
    step: int | None = None
    task: str | None = None  # the task's name, as the Prefect UI shows it
    work: Literal["receive", "answer_letter", "open_check", "request_completion",
                  "create_account", "send_account", "archive"] | None = None
    decision: str | None = None
    until: Literal["account_active", "account_mail_sent"] | None = None
    next: Target | None = None
    results: dict[str, Target] = Field(default_factory=dict)
    outcomes: dict[str, Target] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _targets(cls, data: dict) -> dict:
        data = dict(data)
        if "next" in data:
            data["next"] = _target(data["next"])
        for name in ("results", "outcomes"):
            data[name] = {k: _target(v) for k, v in data.get(name, {}).items()}
        return data


class Decider(_Strict):
    unclaimed: str  # asked again with this when a run was resumed without a claim
    watcher: str  # the actor of the watcher's own answers


class Procedure(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    key: str
    title: str
    flow: str  # the Prefect flow's name
    flow_description: str
    deployment: str
    finished: State
    closing_task: str
    start: str
    roles: dict[str, str]
    steps: list[Step]
    waits: dict[Wait, WaitDescription]
    closings: dict[str, Closing]
    documents: list[Document]
    person: list[PersonField]
    decider: Decider
    decisions: dict[str, Decision]
    nodes: dict[str, Node]

    @model_validator(mode="after")
    def _consistent(self) -> Procedure:
        """Every name one part gives another exists: a description that does not hold
        together is refused on import, not found out in a flow run."""
        steps = {s.number for s in self.steps}
        problems = [f"role {s.role!r} of step {s.number}" for s in self.steps
                    if s.role not in self.roles]
        problems += [f"role {w.role!r} of wait {k}" for k, w in self.waits.items()
                     if w.role not in self.roles]
        for key, d in self.decisions.items():
            object.__setattr__(d, "key", key)
            if d.step not in steps:
                problems.append(f"step {d.step} of decision {key}")
            if d.phase and d.phase not in self.step(d.step).phases:
                problems.append(f"phase {d.phase!r} of decision {key}")
            if d.decided_by not in self.roles:
                problems.append(f"role {d.decided_by!r} deciding {key}")
            if d.waiting_for not in self.roles and d.waiting_for not in set(Wait):
                problems.append(f"{d.waiting_for!r} decision {key} waits for")
            names = {f.name for f in d.fields}
            if d.outcome.field not in names:
                problems.append(f"outcome field {d.outcome.field!r} of decision {key}")
            problems += [f"rule on {r.require!r} of decision {key}" for r in d.rules
                         if r.require not in names | {"person"}]
            problems += [f"automatic answer {a.outcome!r} of decision {key}"
                         for a in d.automatic if a.outcome not in d.outcomes]
        for name, node in self.nodes.items():
            targets = [t for t in [node.next, *node.results.values(), *node.outcomes.values()]
                       if t is not None]
            problems += [f"node {t.node!r} after {name}" for t in targets
                         if t.node is not None and t.node not in self.nodes]
            problems += [f"closing {t.close!r} after {name}" for t in targets
                         if t.close is not None and t.close not in self.closings]
            if node.decision is not None:
                if node.decision not in self.decisions:
                    problems.append(f"decision {node.decision!r} of node {name}")
                elif set(node.outcomes) != set(self.decisions[node.decision].outcomes):
                    problems.append(f"the outcomes of node {name}")
            elif node.work is None or node.task is None or node.step not in steps:
                problems.append(f"node {name} neither decides nor works on a step")
        if self.start not in self.nodes:
            problems.append(f"start node {self.start!r}")
        if problems:
            raise ValueError(f"{self.key}: unknown or inconsistent: {'; '.join(problems)}")
        return self

    # --- reading it ---------------------------------------------------------------------

    def step(self, number: int) -> Step:
        return next(s for s in self.steps if s.number == number)

    def step_name(self, number: int, phase: str = "") -> str:
        step = self.step(number)
        return step.phases.get(phase, step.name) if phase else step.name

    def decision_at(self, step: int, phase: str = "") -> Decision | None:
        return next((d for d in self.decisions.values() if (d.step, d.phase) == (step, phase)),
                    None)

    def role_label(self, role: str | None) -> str:
        return self.roles.get(role or "", role or "-")

    def holder_label(self, decision: Decision) -> str:
        """Whom a decision's form says it waits for."""
        wait = self.waits.get(decision.waiting_for)  # type: ignore[call-overload]
        return wait.label if wait is not None else self.role_label(decision.waiting_for)

    def pending_role(self, waiting_for: str) -> str:
        """The role `berkas pending` names for what an application waits for."""
        wait = self.waits.get(waiting_for)  # type: ignore[call-overload]
        return wait.role if wait is not None else waiting_for

    @cached_property
    def closed_states(self) -> frozenset[State]:
        return frozenset({self.finished, *(c.state for c in self.closings.values())})

    @cached_property
    def required_documents(self) -> frozenset[str]:
        return frozenset(d.type for d in self.documents if d.required)

    @cached_property
    def document_labels(self) -> dict[str, str]:
        return {d.type: d.label for d in self.documents}

    @cached_property
    def person_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.person)


def load(path: Path) -> Procedure:
    with open(path, "rb") as handle:
        return Procedure.model_validate(tomllib.load(handle))


# The procedures berkas runs; the first is the one a new application follows.
DESCRIPTIONS = ("registrasi_admin_agency.toml",)
PROCEDURES: tuple[Procedure, ...] = tuple(load(HERE / name) for name in DESCRIPTIONS)
SOP = PROCEDURES[0]
CLOSED_STATES: frozenset[State] = frozenset().union(*(p.closed_states for p in PROCEDURES))


def by_flow(name: str) -> Procedure:
    return next(p for p in PROCEDURES if p.flow == name)
