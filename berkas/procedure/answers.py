"""Answers to the SOP's decisions, whatever took them (the Prefect UI's form, `berkas approve`,
the watcher): what makes an answer unusable although its types are right (the description's
rules), the person's fields as they go into the account, and what a form shows pre-filled."""

from __future__ import annotations

from typing import Any

from berkas.procedure.actions import letter_facts
from berkas.procedure.records import Snapshot
from berkas.sop.model import SOP, Decision, PersonField, Procedure
from extractors.check import CheckResult
from extractors.nip import is_valid
from extractors.normalize import normalize_email, normalize_phone


def _filled(value: Any) -> bool:
    return value is True or (isinstance(value, str) and bool(value.strip()))


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _valid(field: PersonField, value: str) -> bool:
    if field.kind == "nip":
        return is_valid(_digits(value))
    if field.kind == "email":
        return normalize_email(value).valid
    if field.kind == "telepon":
        return normalize_phone(value).valid
    return True


def problems(decision: Decision, answer: dict[str, Any], verdict: CheckResult | None = None,
             sop: Procedure = SOP) -> list[str]:
    """Why `answer` cannot be taken (Indonesian), in the description's order; `verdict`: the
    automatic one, whose deficiencies a "tidak_lengkap" without its own may rely on."""
    found: list[str] = []
    for rule in decision.rules:
        if any(answer.get(name) not in values for name, values in rule.when.items()):
            continue
        if rule.unless == "automatic_deficiencies" and verdict is not None \
                and verdict.deficiencies:
            continue
        if rule.require != "person":
            if not _filled(answer.get(rule.require)):
                found.append(rule.message)
            continue
        values = {f.key: str(answer.get(f.key, "")) for f in sop.person}
        found += [rule.message.format(label=f.label) for f in sop.person
                  if not values[f.key].strip()]
        found += [f.invalid.format(value=values[f.key]) for f in sop.person
                  if f.invalid and values[f.key].strip() and not _valid(f, values[f.key])]
    return found


def verified_fields(answer: dict[str, Any], sop: Procedure = SOP) -> dict[str, str]:
    """The person's fields as they go into the account: NIP digits only, email lower-case,
    telephone digits with a leading 0."""
    verified = {}
    for field in sop.person:
        value = str(answer.get(field.key, ""))
        if field.kind == "nip":
            verified[field.key] = _digits(value)
        elif field.kind == "email":
            verified[field.key] = normalize_email(value).value or value.strip().lower()
        elif field.kind == "telepon":
            verified[field.key] = normalize_phone(value).value or value.strip()
        else:
            verified[field.key] = value.strip()
    return verified


def prefilled(decision: Decision, app: Snapshot, sop: Procedure = SOP,
              user_id: str = "") -> dict[str, str]:
    """What a form shows filled in before anyone answers: the fields read from the berkas, the
    addressee guessed from its letter, the user id the pattern proposes (`user_id`)."""
    values: dict[str, str] = {}
    for field in decision.fields:
        if field.type == "person":
            values |= {key: str(app.fields.get(key) or "") for key in sop.person_keys}
        elif field.prefill == "pimpinan_jabatan":
            values[field.name] = str(letter_facts(app)["pimpinan_jabatan"])
        elif field.prefill == "user_id_usulan":
            values[field.name] = user_id
    return values
