"""The verdict across the database boundary: `berkas check`'s `CheckResult` is stored as its JSON
and read back through the model, never as a dict."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, TypeDecorator

from extractors.check import CheckResult


class StoredVerdict(CheckResult):
    """A verdict as stored with an application. What a partial verdict (written by hand, or by an
    older version) lacks reads as not complete and needing review: never complete without a
    person. `verdict["complete"]` reads a field by name, as callers of the stored JSON did."""

    complete: bool = False
    needs_review: bool = True

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)


def stored(verdict: CheckResult | None) -> StoredVerdict | None:
    """Any `CheckResult` (a fresh one from `check()`) as the stored model."""
    if verdict is None or isinstance(verdict, StoredVerdict):
        return verdict
    return StoredVerdict.model_validate(verdict.model_dump(mode="json"))


class VerdictColumn(TypeDecorator):
    """JSON in the database; `StoredVerdict` in Python (a dict given is stored as it is)."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> Any:
        if isinstance(value, BaseModel):
            return value.model_dump(mode="json")
        return value

    def process_result_value(self, value: Any, dialect) -> StoredVerdict | None:
        return None if value is None else StoredVerdict.model_validate(value)
