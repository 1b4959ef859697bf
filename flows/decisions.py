"""`berkas pending` and `berkas approve`: the decisions waiting for people, taken from the
command line exactly as the Prefect UI's form takes them (the same RunInput, the same checks,
the same resume through the API)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from sqlalchemy import select

from berkas import procedure as proc
from berkas.context import Context
from berkas.db import CLOSED_STATES, Application, StepRecord

# what an application waits for -> the SPEC role that holds it
ROLE_OF_WAIT = {proc.WAIT_APPLICANT: "admin_agency", proc.WAIT_TRAINING: "admin_ppe"}
EXIT_NOTHING_WAITS = 3
EXIT_REFUSED = 4


def _form_key(step: int, phase: str) -> str | None:
    from flows.application import DECISIONS

    return next((key for key, (s, p, _) in DECISIONS.items() if (s, p) == (step, phase)), None)


def pending(ctx: Context) -> list[dict[str, Any]]:
    """One entry per application whose flow run waits for a decision (SPEC `berkas pending`)."""
    from flows import forms
    from flows.dispatch import Dispatcher, ui_url

    dispatcher = Dispatcher(ctx)
    now = ctx.clock()
    found = []
    with ctx.sessions() as s:
        rows = s.execute(select(Application, StepRecord).join(StepRecord).where(
            Application.state.not_in(CLOSED_STATES), Application.waiting_for.is_not(None),
            Application.flow_run_id.is_not(None), StepRecord.ended_at.is_(None),
            StepRecord.step == Application.step).order_by(Application.id)).all()
    for app, step in rows:
        key = _form_key(step.step, step.phase)
        if key is None or app.flow_run_id is None:
            continue
        waiting = dispatcher.waiting_key(app.flow_run_id)
        if waiting is None or not waiting.startswith(f"langkah-{key}-"):
            continue  # running, or between two waits: not waiting for a person right now
        since: datetime = app.waiting_since or step.started_at
        found.append({
            "registration": app.registration, "flow_run_id": app.flow_run_id,
            "step": step.step, "step_name": step.name,
            "role": ROLE_OF_WAIT.get(app.waiting_for or "", app.waiting_for),
            "since": since.isoformat(timespec="seconds"), "overdue": _overdue(ctx, step, since,
                                                                              now),
            "input_schema": forms.schema(forms.FORMS[key]),
            "ui_url": ui_url(ctx, app.flow_run_id), "nama": app.nama})
    return found


def _overdue(ctx: Context, step: StepRecord, since: datetime, now: datetime) -> bool:
    """Past the step's mutu baku, or (steps without one) past the reminder limit."""
    from datetime import timedelta

    from berkas.mutu_baku import STANDARDS

    if step.phase == "" and step.step == 5:
        return now >= since + timedelta(days=ctx.settings.applicant_reminder_days)
    standard = STANDARDS[step.step].seconds if step.phase == "" else None
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


def approve(ctx: Context, registration: str, step: int, decider: str, pairs: list[str]
            ) -> tuple[int, str]:
    """Take the decision waiting at `step`; (exit code, message)."""
    from flows import forms
    from flows.dispatch import Dispatcher

    waiting = [p for p in pending(ctx) if p["registration"] == registration.upper()
               and p["step"] == step]
    if not waiting:
        return EXIT_NOTHING_WAITS, (f"Tidak ada keputusan yang menunggu pada langkah {step} "
                                    f"untuk {registration.upper()}.")
    entry = waiting[0]
    key = _form_key(step, _phase_of(ctx, entry["registration"], step))
    assert key is not None
    try:
        answer = parse_pairs(pairs, entry["input_schema"])
    except ValueError as exc:
        return EXIT_REFUSED, f"Isian ditolak: {exc}"
    answer[forms.DECIDER] = decider
    current = proc.snapshot(ctx, entry["registration"])
    answer = _prefilled(key, current) | answer
    parsed, problems = forms.parse(forms.FORMS[key], answer, current.verdict)
    if parsed is None or problems:
        return EXIT_REFUSED, "Isian ditolak: " + "; ".join(problems)
    if not Dispatcher(ctx).resume(entry["registration"], key, answer):
        return EXIT_NOTHING_WAITS, "Keputusan ini baru saja diambil oleh orang lain."
    return 0, (f"Keputusan langkah {step} untuk {entry['registration']} dicatat atas nama "
               f"{decider}; alur dilanjutkan.")


def _phase_of(ctx: Context, registration: str, step: int) -> str:
    rows = [r for r in proc.step_rows(ctx, registration) if r.step == step and not r.ended_at]
    return rows[-1].phase if rows else ""


def _prefilled(key: str, app: proc.Snapshot) -> dict[str, Any]:
    """What the UI's form shows pre-filled: the fields read from the berkas (step 3) and the
    addressee guessed from it (step 2); a KEY=VALUE given on the command line replaces it."""
    from flows import forms

    if key == "3":
        fields = app.fields
        return {name: str(fields.get(name) or "") for name in forms.FIELD_TITLES}
    if key == "2":
        return {"ditujukan_kepada": proc.letter_facts(app)["pimpinan_jabatan"]}
    return {}


# --- the commands -----------------------------------------------------------------------------

def _context() -> Context:
    from berkas.context import shared_context
    from berkas.prefect_server import running_prefect

    ctx = shared_context()
    url = running_prefect(ctx.settings)
    if url:
        import os

        os.environ.setdefault("PREFECT_API_URL", url)
    return ctx


def cmd_pending(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from berkas.cli import write_json

    rows = pending(_context())
    if args.json:
        write_json(rows)
        return 0
    if not rows:
        sys.stdout.write("Tidak ada keputusan yang menunggu.\n")
    for row in rows:
        late = "  [MELEWATI BATAS]" if row["overdue"] else ""
        sys.stdout.write(f"{row['registration']}  langkah {row['step']} ({row['step_name']})  "
                         f"menunggu {row['role']} sejak {row['since']}{late}\n"
                         f"    {row['ui_url']}\n")
    return 0


def cmd_approve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.decider.strip():
        parser.exit(2, "berkas: --as NAMA wajib diisi\n")
    code, message = approve(_context(), args.registration, args.step, args.decider.strip(),
                            args.pairs)
    (sys.stdout if code == 0 else sys.stderr).write(message + "\n")
    return code


def add_parser(sub) -> None:
    show = sub.add_parser("pending", help="keputusan yang menunggu orang")
    show.add_argument("--json", action="store_true", help="keluaran JSON")
    show.set_defaults(handler=cmd_pending)

    take = sub.add_parser("approve", help="ambil keputusan yang menunggu pada satu langkah")
    take.add_argument("registration", metavar="REG")
    take.add_argument("--step", type=int, required=True, metavar="N", help="langkah SOP (1-8)")
    take.add_argument("--as", dest="decider", required=True, metavar="NAMA",
                      help="nama orang yang memutuskan")
    take.add_argument("pairs", nargs="*", metavar="KUNCI=NILAI")
    take.set_defaults(handler=cmd_approve)
