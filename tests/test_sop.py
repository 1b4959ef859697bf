"""The SOP described once (berkas/sop/*.toml): it holds together, it says what `berkas check`
reads, and a description that does not hold together is refused on import."""

from __future__ import annotations

import tomllib

import pytest
from pydantic import ValidationError

from berkas.sop.model import HERE, SOP, Procedure, State
from extractors.check import TOP_FIELDS
from extractors.verdict import REQUIRED_TYPES


def _raw() -> dict:
    with open(HERE / "registrasi_admin_agency.toml", "rb") as handle:
        return tomllib.load(handle)


def test_the_steps_roles_and_standard_times_are_the_sops() -> None:
    assert [s.number for s in SOP.steps] == list(range(1, 9))
    assert {s.number: s.standard_minutes for s in SOP.steps if s.standard_minutes} == {
        3: 5, 4: 5, 6: 15, 7: 10, 8: 10}
    assert {d.key: d.decided_by for d in SOP.decisions.values()} == {
        "2": "kepala_lpse", "3": "admin_ppe", "5": "admin_ppe", "6": "admin_ppe",
        "6a": "admin_ppe", "6b": "admin_ppe", "7": "admin_ppe"}
    assert SOP.closed_states == {State.FINISHED, State.REJECTED, State.WITHDRAWN,
                                 State.CLOSED_INCOMPLETE}


def test_the_person_and_documents_are_what_berkas_check_reads() -> None:
    assert SOP.person_keys == TOP_FIELDS
    assert SOP.required_documents == set(REQUIRED_TYPES)


def test_every_outcome_leads_somewhere() -> None:
    for node in SOP.nodes.values():
        if node.decision is not None:
            assert set(node.outcomes) == set(SOP.decisions[node.decision].outcomes)


@pytest.mark.parametrize("break_it", [
    lambda d: d["steps"][2].update(role="bendahara"),
    lambda d: d["decisions"]["3"].update(waiting_for="siapa"),
    lambda d: d["nodes"]["disposisi"]["outcomes"].pop("ditolak"),
    lambda d: d["nodes"]["pemeriksaan"]["outcomes"].update(lengkap="tidak_ada"),
    lambda d: d["closings"]["ditolak"].update(state="hilang"),
    lambda d: d["decisions"]["5"]["automatic"][0].update(outcome="entah"),
])
def test_a_description_that_does_not_hold_together_is_refused(break_it) -> None:
    raw = _raw()
    break_it(raw)
    with pytest.raises(ValidationError):
        Procedure.model_validate(raw)
