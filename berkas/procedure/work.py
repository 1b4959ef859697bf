"""The work of the SOP's steps, by the names the description's nodes give it (`work = "…"`):
what a flow run's task does, outside Prefect. Each is idempotent (berkas/procedure/records.py
keeps what was done), so a run re-run from the top after a resume repeats nothing.

Every work takes the context, the procedure, the registration, its step and the round of it,
and the decision taken just before (or None), and returns None (go on to the node's `next`) or a
result the node's `results` name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from berkas.procedure import actions, spse
from berkas.procedure import records as proc
from berkas.procedure.context import Context
from berkas.sop.model import Procedure, Wait

Decided = dict[str, Any]  # a decision as records.decision() reads it back: outcome, actor, …
Work = Callable[[Context, Procedure, str, int, int, Decided | None], str | None]


def receive(ctx: Context, sop: Procedure, registration: str, step: int, round: int,
            decided: Decided | None) -> None:
    """The berkas has arrived (intake filed it): step 1 is recorded at its arrival, and an
    applicant who emailed it gets the tanda terima."""
    app = proc.snapshot(ctx, registration)
    proc.begin_step(ctx, registration, step, started_at=app.created_at)
    proc.end_step(ctx, registration, step, actor=app.sender or "berkas fisik/pindaian",
                  outcome="diterima")
    actions.send_receipt(ctx, registration)


def answer_letter(ctx: Context, sop: Procedure, registration: str, step: int, round: int,
                  decided: Decided | None) -> None:
    """The Surat Jawaban, to the addressee the disposisi named."""
    assert decided is not None
    actions.send_surat_jawaban(ctx, registration,
                               {"pimpinan_jabatan": decided["isian"]["ditujukan_kepada"]})


def open_check(ctx: Context, sop: Procedure, registration: str, step: int, round: int,
               decided: Decided | None) -> None:
    """Round N of the check opens with the verdict intake computed from everything received so
    far; it waits for whoever decides it."""
    check = sop.decision_at(step)
    assert check is not None
    proc.begin_step(ctx, registration, step, round, waiting_for=check.waiting_for)


def request_completion(ctx: Context, sop: Procedure, registration: str, step: int, round: int,
                       decided: Decided | None) -> None:
    """The request for completion: the automatic deficiencies and the lines the reviewer added;
    then the application waits for the applicant."""
    assert decided is not None
    if proc.decision(ctx, registration, step, round) is not None:
        return  # asked in an earlier pass of this run: the verdict may have changed since
    verdict = proc.snapshot(ctx, registration).verdict
    deficiencies = [d.model_dump(mode="json") for d in verdict.deficiencies] if verdict else []
    for line in str(decided["isian"].get("kekurangan_tambahan", "")).splitlines():
        if line.strip():
            deficiencies.append({"code": "lainnya", "message": line.strip()})
    proc.begin_step(ctx, registration, step, round)
    actions.request_completion(ctx, registration, round, deficiencies)
    proc.end_step(ctx, registration, step, round, actor=decided["actor"], outcome="dikirim",
                  detail={"kekurangan": [d["code"] for d in deficiencies]})
    wait = next(d for d in sop.decisions.values() if d.waiting_for == Wait.APPLICANT)
    proc.begin_step(ctx, registration, wait.step, round, waiting_for=Wait.APPLICANT)


def create_account(ctx: Context, sop: Procedure, registration: str, step: int, round: int,
                   decided: Decided | None) -> str:
    """The verified fields become the application's and the account is made, inactive:
    "dibuat"; or "ganda" when its NIP or user id already has an account."""
    assert decided is not None
    if ctx.manual_accounts:
        return _create_in_spse(ctx, registration, step, round, decided)
    if proc.decision(ctx, registration, step, round) is not None:
        return "dibuat"
    data = decided["data"]
    proc.apply_verified(ctx, registration, data, actor=decided["actor"])
    proc.begin_step(ctx, registration, step, round)
    result = actions.create_account(ctx, registration, data)
    if "duplicate" in result:
        return "ganda"
    proc.end_step(ctx, registration, step, round, actor=decided["actor"], outcome="akun_dibuat",
                  detail={"user_id": result["user_id"]})
    return "dibuat"


def _create_in_spse(ctx: Context, registration: str, step: int, round: int,
                    decided: Decided) -> str:
    """spse_manual: the verified fields become the application's; the Admin PPE makes the
    account in SPSE (form 6b, "di_spse"), unless the NIP already has one ("ganda")."""
    if proc.decision(ctx, registration, step, round) is not None:
        return "di_spse"  # form 6b answered: the flow reads it back and records the account
    proc.apply_verified(ctx, registration, decided["data"], actor=decided["actor"])
    nip = decided["data"]["nip"]
    existing = ctx.accounts.find(nip=nip)
    if existing is not None and existing.registration != registration:
        proc.begin_step(ctx, registration, step, round)
        return "ganda"
    return "di_spse"


def send_account(ctx: Context, sop: Procedure, registration: str, step: int, round: int,
                 decided: Decided | None) -> str | None:
    """The account email; the step ends when it is sent (now, or later by the outbox, which the
    watcher sees). spse_manual: the Admin PPE first sets a shown password in SPSE (form 7)."""
    if ctx.manual_accounts:
        return "di_spse"
    proc.begin_step(ctx, registration, step)
    actions.send_account(ctx, registration)
    if actions.account_mail_sent(ctx, registration):
        proc.end_step(ctx, registration, step, actor=proc.SYSTEM, outcome="terkirim")
    return None


def archive(ctx: Context, sop: Procedure, registration: str, step: int, round: int,
            decided: Decided | None) -> None:
    proc.begin_step(ctx, registration, step)
    proc.set_state(ctx, registration, sop.finished, actor=proc.SYSTEM)
    proc.end_step(ctx, registration, step, actor=proc.SYSTEM, outcome="diarsipkan")
    actions.archive_summary(ctx, registration)


def close(ctx: Context, sop: Procedure, registration: str, kind: str,
          decided: Decided) -> None:
    """The application closes as `kind` (a closing of the description), with its letter."""
    isian = decided.get("isian") or {}
    reason = (isian.get("alasan") or isian.get("alasan_penolakan") or "").strip() or None
    open_deficiencies = None
    if kind == "tidak_dilengkapi":
        verdict = proc.snapshot(ctx, registration).verdict
        open_deficiencies = [d.model_dump(mode="json") for d in verdict.deficiencies] \
            if verdict else []
        open_deficiencies = open_deficiencies or [
            {"code": "lainnya", "message": "Kelengkapan yang diminta belum diterima."}]
    actions.close(ctx, registration, kind, actor=decided.get("actor") or proc.SYSTEM,
                  reason=reason, deficiencies=open_deficiencies)
    spse.closed_while_inactive(ctx, registration, decided.get("actor") or proc.SYSTEM)
    actions.archive_summary(ctx, registration)


def account_active(ctx: Context, registration: str) -> bool:
    return actions.account_active(ctx, registration)


def activate_account(ctx: Context, registration: str, decided: Decided) -> None:
    actions.activate_account(ctx, registration, actor=decided["actor"])


WORK: dict[str, Work] = {"receive": receive, "answer_letter": answer_letter,
                         "open_check": open_check, "request_completion": request_completion,
                         "create_account": create_account, "send_account": send_account,
                         "archive": archive}
CONDITIONS: dict[str, Callable[[Context, str], bool]] = {
    "account_active": account_active, "account_mail_sent": spse.account_mail_sent}
EFFECTS: dict[str, Callable[[Context, str, Decided], None]] = {
    "activate_account": activate_account, "record_account": spse.record_account,
    "send_account_mail": spse.send_account_mail}
