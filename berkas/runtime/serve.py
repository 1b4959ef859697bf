"""`berkas run`: the whole product in one process.

1. With no mailbox configured, a local demo mailbox and an SMTP server that keeps what is sent.
2. A local Prefect server with its UI (unless PREFECT_API_URL points at one).
3. The deployments (application flow, mailbox pass, scan-folder pass) and the executor that
   runs their flow runs in this process.
4. The staff UI (berkas/web/gate.py): the login in front of the Prefect UI, its API and the
   read-only document viewer the decision forms link to (with the reveal page of spse_manual);
   demo staff accounts on first start. And the socket `berkas akun sandi` asks
   (`<data>/sandi.sock`, mode 0600): the temporary passwords of spse_manual live only in this
   process's memory.
5. The watcher (starts missing flow runs, wakes waits that are over, sends reminders) and the
   outbox (sends what the server could not take before).
6. The intake: the mailbox with IDLE and the scan folder with watchdog.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from berkas.accounts.desk import Desk, socket_path
from berkas.core.settings import Settings
from berkas.intake.service import Service, check_folders, mail_configured
from berkas.procedure import spse
from berkas.procedure.context import Context, set_shared
from berkas.runtime.demo import demo_environment, settings_with
from berkas.runtime.demo_staff import demo_staff
from berkas.runtime.prefect_server import (
    PrefectServerError,
    auth_string_from_env,
    require_guarded,
    start_prefect,
)
from berkas.web.address import check_tls, staff_url
from berkas.web.gate import Gate

log = logging.getLogger("berkas.run")
OUTBOX_SECONDS = 15.0


def _every(seconds: float, stop: threading.Event, work: Callable[[], object], name: str
           ) -> threading.Thread:
    def loop() -> None:
        while not stop.is_set():
            try:
                work()
            except Exception:
                log.exception("%s failed; trying again", name)
            stop.wait(seconds)

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.start()
    return thread


def run(settings: Settings, stop: threading.Event) -> None:
    check_folders(settings)
    demo = demo_environment(settings) if not mail_configured(settings) else {}
    if demo:
        os.environ.update(demo)
        settings = settings_with(settings, demo)
    problem = check_tls(settings)
    if problem:
        raise PrefectServerError(problem)
    server = start_prefect(settings)
    if not server.started:
        require_guarded(server.api_url, auth_string_from_env())

    # Prefect and the flows are loaded once its server answers and PREFECT_API_URL names it
    from berkas.flows.dispatch import Dispatcher
    from berkas.flows.executor import Executor, register
    from berkas.flows.service_flows import DEPLOYMENTS

    ctx = Context(settings, holds_vault=True)
    set_shared(ctx)
    deployments = asyncio.run(register(DEPLOYMENTS))
    executor = Executor(deployments, settings.data_dir)  # refuses a second `berkas run` first
    recovered = ctx.outbox.recover()
    if recovered:
        log.warning("%d email(s) cut short by a stop are marked uncertain", recovered)
    executor.start(stop)
    desk = Desk(socket_path(settings.data_dir), lambda request: spse.handle(ctx, request))
    desk.start()  # after the executor's lock: a second `berkas run` never takes the socket
    viewer = ctx.viewer
    viewer.revealer = lambda registration, username, new: spse.reveal(
        ctx, registration, username, new=new, via="halaman")
    demo_accounts = demo_staff(settings, ctx.sessions) if demo else None
    gate = Gate(settings, ctx.sessions, server.ui_url, server.auth or "", viewer)
    try:
        gate.start()
    except OSError as exc:
        desk.stop()
        raise PrefectServerError(
            f"Antarmuka staf tidak dapat dibuka pada {settings.bind_host}:"
            f"{settings.prefect_port} ({exc.strerror}); pilih port lain dengan "
            "BERKAS_PREFECT_PORT.") from exc
    dispatcher = Dispatcher(ctx)
    _every(settings.watch_seconds, stop, dispatcher.watch_once, "pengawas")
    _every(OUTBOX_SECONDS, stop, ctx.outbox.deliver_due, "kotak-keluar")
    service = Service(settings, on_change=dispatcher.changed)
    _announce(settings, bool(demo), demo_accounts)
    try:
        service.run(stop)
    finally:
        gate.stop()
        desk.stop()
        executor.close()
        drain_prefect()
        server.stop()


def drain_prefect(timeout: float = 10.0) -> None:
    """Send what the flows still have for the Prefect server (logs, events) while it is there:
    drained only at exit, after the server has stopped, they wait on a server that is gone."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        try:
            worker.drain_all(timeout=timeout)
        except Exception:
            log.warning("draining %s failed", worker.__name__, exc_info=True)


def _announce(settings: Settings, demo: bool, demo_accounts: Path | None) -> None:
    lines = [
        "",
        "berkas berjalan.",
        f"  Antarmuka staf (masuk, lalu alur dan keputusan): {staff_url(settings)}/masuk",
        f"  Folder pindaian: {settings.inbox_dir.resolve()}",
        f"  Arsip: {settings.archive_dir.resolve()}",
    ]
    if demo:
        lines += [f"  Kotak surat demo: IMAP 127.0.0.1:{settings.imap_port} "
                  f"(pengguna {settings.imap_user}); surel keluar disimpan di "
                  f"{(settings.data_dir / 'demo' / 'terkirim').resolve()}",
                  "  Kirim berkas contoh: .venv/bin/berkas demo"]
    if demo_accounts is not None:
        lines.append(f"  Akun staf demo dan kata sandinya: {demo_accounts} (hanya pemilik "
                     "yang dapat membacanya)")
    lines += ["  Keputusan dari baris perintah: .venv/bin/berkas pending", ""]
    print("\n".join(lines), flush=True)
