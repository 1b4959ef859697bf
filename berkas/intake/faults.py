"""Test hooks at the side-effect boundaries of intake (not settings): `BERKAS_CRASH_AT=point[:N]`
SIGKILLs the process at the Nth time a crash point is reached, `BERKAS_CRASH_TRACE=file` lists
the points reached, `BERKAS_FAIL_AT=point[:N][@text]` (comma-separated for several) raises
`InjectedFailure` there instead, optionally only for the item whose Message-ID or hash has
`text`."""

from __future__ import annotations

import os
import signal
from collections import Counter

CRASH_ENV = "BERKAS_CRASH_AT"  # "point" or "point:N": SIGKILL at the Nth time `point` is reached
TRACE_ENV = "BERKAS_CRASH_TRACE"  # a file: every crash point reached is appended to it
# "point", "point:N" or "point@text" (several: comma-separated): raise InjectedFailure there
# instead (every time, at the Nth time, or every time the item's Message-ID or hash has `text`)
FAIL_ENV = "BERKAS_FAIL_AT"
_hits: Counter[str] = Counter()


class InjectedFailure(RuntimeError):
    """Raised at a crash point named by BERKAS_FAIL_AT (tests of retry and quarantine)."""


def crashpoint(name: str, subject: str = "") -> None:
    """A side-effect boundary. Tests kill the process here (or make it raise) to prove a
    restart, or the next pass, recovers. `subject` names the item being handled."""
    trace = os.environ.get(TRACE_ENV)
    spec = os.environ.get(CRASH_ENV)
    fail = os.environ.get(FAIL_ENV)
    if not trace and not spec and not fail:
        return
    _hits[name] += 1
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(f"{name}\n")
    if spec:
        point, _, nth = spec.partition(":")
        if point == name and _hits[name] == int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)
    for one in fail.split(",") if fail else ():
        point, _, text = one.partition("@")
        point, _, nth = point.partition(":")
        if point == name and (not nth or _hits[name] == int(nth)) and text in subject:
            raise InjectedFailure(f"injected failure at {name}")

