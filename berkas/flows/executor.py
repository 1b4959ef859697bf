"""Runs the flow runs of berkas' deployments inside the `berkas run` process.

Prefect's own `serve()` starts a fresh Python process for every run and for every resume of a
suspended run (~2-3 s of imports each; an application is resumed 3-4 times). Here the service
itself polls the server for its deployments' scheduled runs (new ones, and suspended ones that
were resumed), claims each one (Pending, as Prefect's runner does) and runs it with Prefect's
engine in a thread. Suspended runs hold nothing: they wait on the server.

One executor per Prefect server and data folder (a lock file guards it, berkas/core/locks.py):
on start, runs it left Running or Pending when it was killed are put back to Scheduled and run
again; the flows are idempotent (see berkas/flows/application.py), so nothing is done twice.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterDeploymentId,
    FlowRunFilterNextScheduledStartTime,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.exceptions import Abort, Pause
from prefect.flow_engine import run_flow
from prefect.states import Pending, Scheduled
from prefect.utilities.engine import propose_state

from berkas.core.locks import hold_or_none

log = logging.getLogger("berkas.executor")


class ExecutorBusy(Exception):
    pass


_local: list[Executor] = []  # the executor of this process, if it runs one


def wake_local() -> None:
    """A run of this process' executor was just resumed or created here: look at once instead
    of at the next poll (resumes from the UI or another process wait for the poll)."""
    for executor in _local:
        executor.wake.set()


class Executor:
    def __init__(self, deployments: dict[UUID, Flow[Any, Any]], lock_dir: Path, *,
                 poll_seconds: float = 0.25, workers: int = 4) -> None:
        self.deployments = deployments
        self.poll_seconds = poll_seconds
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="alur")
        self.wake = threading.Event()
        self.running: set[UUID] = set()
        self._guard = threading.Lock()
        lock = hold_or_none(lock_dir / "executor.lock", 0o600)
        if lock is None:
            raise ExecutorBusy("`berkas run` lain sudah berjalan untuk folder data ini "
                               f"({lock_dir}); hentikan yang itu terlebih dahulu")
        self._lock = lock

    def start(self, stop: threading.Event) -> threading.Thread:
        _local.append(self)
        thread = threading.Thread(target=lambda: asyncio.run(self._loop(stop)),
                                  name="pelaksana-alur", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        if self in _local:
            _local.remove(self)
        self.pool.shutdown(wait=True)
        self._lock.release()

    async def _loop(self, stop: threading.Event) -> None:
        async with get_client() as client:
            await self._recover(client)
            while not stop.is_set():
                try:
                    await self._take_due(client)
                except Exception:
                    log.exception("polling the Prefect server failed; trying again")
                    await asyncio.sleep(2)
                await asyncio.to_thread(self.wake.wait, self.poll_seconds)
                self.wake.clear()

    def _filter(self, *states: StateType, due: bool = False) -> FlowRunFilter:
        return FlowRunFilter(
            deployment_id=FlowRunFilterDeploymentId(any_=list(self.deployments)),
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=list(states))),
            next_scheduled_start_time=FlowRunFilterNextScheduledStartTime(
                before_=datetime.now(UTC)) if due else None)

    async def _recover(self, client) -> None:
        orphans = await client.read_flow_runs(
            flow_run_filter=self._filter(StateType.RUNNING, StateType.PENDING))
        for run in orphans:
            log.warning("flow run %s (%s) was cut short by a stop; running it again",
                        run.name, run.id)
            await client.set_flow_run_state(run.id, Scheduled(), force=True)

    async def _take_due(self, client) -> None:
        due = await client.read_flow_runs(
            flow_run_filter=self._filter(StateType.SCHEDULED, due=True), limit=50)
        for run in due:
            with self._guard:
                if run.id in self.running:
                    continue
            try:
                state = await propose_state(client, Pending(), flow_run_id=run.id)
            except Abort:
                continue  # someone else claimed it, or it was cancelled meanwhile
            if not state.is_pending():
                continue
            with self._guard:
                self.running.add(run.id)
            self.pool.submit(self._execute, run)

    def _execute(self, run) -> None:
        flow = self.deployments[run.deployment_id]
        try:
            result = run_flow(flow, flow_run=run, return_type="state")
            if asyncio.iscoroutine(result):
                asyncio.run(result)
        except Pause:
            pass  # suspended: it waits on the server for a decision
        except BaseException:
            log.exception("flow run %s ended with an error", run.name)
        finally:
            with self._guard:
                self.running.discard(run.id)


async def register(flows: dict[str, tuple[Flow[Any, Any], dict[str, Any]]]
                   ) -> dict[UUID, Flow[Any, Any]]:
    """Create or update the deployments (name -> (flow, options such as `interval`)) on the
    server; returns their ids with the flow each runs."""
    found: dict[UUID, Flow[Any, Any]] = {}
    for name, (flow, options) in flows.items():
        deployment = await flow.ato_deployment(name=name, **options)
        found[await deployment.apply()] = flow  # type: ignore[misc]  # async in a coroutine
    return found
