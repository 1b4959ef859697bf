"""Whole applications through the real flows: one Prefect test server per session, the
deployments registered once, and per test its own database, archive, SMTP server, clock and
in-process executor (the same one `berkas run` uses)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from uuid import UUID

from berkas.core.clock import ZONE
from berkas.intake.pipeline import Intake
from berkas.intake.scanfolder import Stability
from berkas.outgoing.smtp import SmtpConfig, SmtpTransport
from berkas.procedure.context import Context, set_shared
from tests.intake_env import intake_settings
from tests.smtp_server import Recorder


class Clock:
    """Tuesday 24 November 2026, 09:00 WITA, moved by the test."""

    def __init__(self) -> None:
        self.at = datetime(2026, 11, 24, 9, 0, tzinfo=ZONE)
        self.real_start = time.monotonic()

    def __call__(self) -> datetime:
        return self.at + timedelta(seconds=time.monotonic() - self.real_start)

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@dataclass
class FlowEnv:
    root: Path
    ctx: Context
    clock: Clock
    intake: Intake
    dispatcher: Any
    executor: Any
    stop: threading.Event
    smtp: Recorder

    def file_scans(self, name: str, files: dict[str, bytes]) -> list[str]:
        """Drop a berkas (one sub-folder) into the scan folder and take it in."""
        folder = self.ctx.settings.inbox_dir / name
        folder.mkdir(parents=True)
        for file_name, data in files.items():
            (folder / file_name).write_bytes(data)
        stability = Stability(0.0)
        registrations: list[str] = []
        for _ in range(20):
            taken, wait = self.intake.take_scans(stability)
            registrations += [o.registration for o in taken if o.registration]
            if wait is None and registrations:
                break
            time.sleep(0.1)
        return registrations

    def flow_run(self, registration: str, timeout: float = 30.0):
        from prefect.client.orchestration import get_client

        from berkas.procedure import records as proc

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            app = proc.snapshot(self.ctx, registration)
            if app.flow_run_id:
                with get_client(sync_client=True) as client:
                    return client.read_flow_run(UUID(app.flow_run_id))
            time.sleep(0.1)
        raise AssertionError(f"no flow run for {registration}")

    def wait_for(self, registration: str, form_key: str | None, timeout: float = 45.0):
        """Until the run waits at decision `form_key` (None: until it has ended)."""
        deadline = time.monotonic() + timeout
        state = None
        while time.monotonic() < deadline:
            run = self.flow_run(registration)
            state = run.state
            if form_key is None and state is not None and state.is_final():
                return run
            if form_key is not None and state is not None and state.is_paused() and \
                    (state.state_details.pause_key or "").startswith(f"langkah-{form_key}-"):
                return run
            time.sleep(0.1)
        raise AssertionError(f"{registration}: still {state} after {timeout} s, "
                             f"waiting for {form_key}")

    def decide(self, registration: str, form_key: str, *, by: str, **answer: Any) -> None:
        """Answer as the staff account `by` (STAFF), which must hold the decision's role."""
        from berkas.procedure import records as proc
        from berkas.store import claims, staff

        self.wait_for(registration, form_key)
        sop = proc.procedure_of(proc.snapshot(self.ctx, registration))
        account = staff.require_role(self.ctx.sessions, by, sop.decisions[form_key].decided_by)
        decider = claims.Decider(account.username, account.full_name, "baris_perintah")
        assert self.dispatcher.resume(registration, form_key, answer, decider), \
            f"{registration} does not wait at {form_key}"
        self.executor.wake.set()

    def sent(self, purpose: str) -> list[EmailMessage]:
        """Messages the SMTP server received for `purpose` (any round: `purpose:N`)."""
        found = []
        for received in self.smtp.messages:
            msg = message_from_bytes(received.data, policy=policy.default)
            if str(msg.get("X-Berkas-Purpose", "")).partition(":")[0] == purpose:
                found.append(msg)
        return found


# the staff accounts every flow test has: user name -> (full name, roles)
STAFF = {"kepala": ("Kepala LPSE Uji", ["kepala_lpse"]), "ppe": ("Admin PPE Uji", ["admin_ppe"]),
         "pengelola": ("Pengelola Uji", ["pengelola"])}
STAFF_PASSWORD = "sandi-staf-uji-panjang"


def add_staff(ctx: Context) -> None:
    from berkas.store import staff

    for username, (name, roles) in STAFF.items():
        staff.add(ctx.sessions, username, name, roles, STAFF_PASSWORD)


def register_deployments() -> dict:
    from berkas.flows.executor import register
    from berkas.flows.service_flows import DEPLOYMENTS

    return asyncio.run(register(DEPLOYMENTS))


def make_flow_env(root: Path, deployments: dict, smtp_port: int, smtp: Recorder, *,
                  poll_seconds: float = 0.2, **extra: Any) -> FlowEnv:
    from berkas.flows.dispatch import Dispatcher
    from berkas.flows.executor import Executor

    settings = intake_settings(
        root, smtp_host="127.0.0.1", smtp_port=smtp_port, smtp_security="none",
        mail_from="LPSE Provinsi Kalimantan Timur <lpse@kaltimprov.go.id>",
        kepala_lpse_email="kepala.lpse@kaltimprov.go.id",
        admin_ppe_email="admin.ppe@kaltimprov.go.id", **extra)
    clock = Clock()
    transport = SmtpTransport(SmtpConfig(host="127.0.0.1", port=smtp_port, security="none",
                                         timeout=5))
    ctx = Context(settings, clock=clock, transport=transport)
    set_shared(ctx)
    add_staff(ctx)
    dispatcher = Dispatcher(ctx)
    intake = Intake(settings, ctx.sessions, ctx.archive, on_change=dispatcher.changed)
    executor = Executor(deployments, settings.data_dir, poll_seconds=poll_seconds)
    stop = threading.Event()
    executor.start(stop)
    return FlowEnv(root, ctx, clock, intake, dispatcher, executor, stop, smtp)


def close_flow_env(env: FlowEnv) -> None:
    env.stop.set()
    env.executor.wake.set()
    env.executor.close()


@contextmanager
def running_flow_env(root: Path, deployments: dict, **extra: Any) -> Iterator[FlowEnv]:
    """A FlowEnv with its own SMTP server, its executor stopped afterwards."""
    from tests.smtp_server import smtp_server

    (root / "smtp").mkdir()
    with smtp_server(root / "smtp", "none") as (port, recorder, _ca):
        flow_env = make_flow_env(root, deployments, port, recorder, **extra)
        try:
            yield flow_env
        finally:
            close_flow_env(flow_env)
