"""The decisions people take, as typed forms (`RunInput`) built from the SOP's description: the
Prefect UI renders them on a suspended flow run, `berkas approve` fills them from KEY=VALUE.
Labels are the description's Indonesian titles (`Field(title=…)`); a field without a default
is required. Rules a JSON Schema cannot say (a rejection needs a reason, "lengkap" needs a valid
NIP) are the description's `rules` (berkas/procedure/answers.py): the flow asks again with the
reason when an answer breaks them, `berkas approve` refuses it with exit 4."""

from __future__ import annotations

from typing import Any, Literal

from prefect.input import RunInput
from pydantic import Field, ValidationError, create_model

from berkas.procedure import answers
from berkas.sop.model import PROCEDURES, SOP, Decision, Procedure
from extractors.check import CheckResult


def _fields(decision: Decision, sop: Procedure) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for field in decision.fields:
        if field.type == "person":
            fields |= {f.key: (str, Field(title=f.label)) for f in sop.person}
            continue
        kind: Any = {"switch": bool, "text": str, "number": int}.get(field.type)
        if field.type == "choice":
            kind = Literal[tuple(field.choices)]  # type: ignore[valid-type]
        default = {"switch": False, "number": 0}.get(field.type, "") if field.optional else ...
        fields[field.name] = (kind, Field(default, title=field.title))
    return fields


def build(decision: Decision, sop: Procedure = SOP) -> type[RunInput]:
    form = create_model(decision.form, __base__=RunInput, __doc__=decision.summary,
                        __module__=__name__, **_fields(decision, sop))
    form.decision = decision  # type: ignore[attr-defined]
    return form


# procedure flow name -> decision key -> form
FORMS_OF: dict[str, dict[str, type[RunInput]]] = {
    sop.flow: {key: build(d, sop) for key, d in sop.decisions.items()} for sop in PROCEDURES}
FORMS = FORMS_OF[SOP.flow]


def schema(form: type[RunInput]) -> dict[str, Any]:
    return form.model_json_schema()


def decision_of(form: type[RunInput] | RunInput) -> Decision:
    return form.decision  # type: ignore[union-attr]


def parse(form: type[RunInput], data: dict[str, Any], verdict: CheckResult | None = None
          ) -> tuple[RunInput | None, list[str]]:
    """The answer as the form's model, or the reasons it cannot be (Indonesian)."""
    try:
        answer = form.model_validate(data)
    except ValidationError as exc:
        reasons = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            title = form.model_fields[where].title if where in form.model_fields else where
            reasons.append(f"{title}: {_error_text(error)}")
        return None, reasons
    return answer, problems(answer, verdict)


def _error_text(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "wajib diisi"
    if kind == "literal_error":
        return "pilihan tidak dikenal (" + str(error.get("ctx", {}).get("expected", "")) + ")"
    if kind.startswith("bool"):
        return "harus true atau false"
    return "isian tidak sah"


def problems(answer: RunInput, verdict: CheckResult | None = None) -> list[str]:
    """What makes an answer unusable though its types are right (the description's rules)."""
    return answers.problems(decision_of(answer), answer.model_dump(), verdict)
