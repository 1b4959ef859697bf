"""The deployments `berkas run` serves: the application flow, and one pass over the mailbox
and over the scan folder (run from the UI's "Run", and on a slow schedule as a safety net
beside the service's own IDLE and file-watching intake)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from prefect import Flow, flow, get_run_logger

from berkas.flows.application import procedure_flow
from berkas.flows.dispatch import Dispatcher
from berkas.intake.service import Service
from berkas.procedure.context import shared_context
from berkas.sop.model import PROCEDURES


@flow(name="penerimaan-surel", persist_result=False,
      description="Satu kali pengambilan surel dari kotak surat LPSE.")
def penerimaan_surel() -> dict[str, int]:
    return _pass(mail=True)


@flow(name="penerimaan-pindaian", persist_result=False,
      description="Satu kali pengambilan hasil pindaian dari folder pindaian.")
def penerimaan_pindaian() -> dict[str, int]:
    return _pass(mail=False)


def _pass(*, mail: bool) -> dict[str, int]:
    ctx = shared_context()
    service = Service(ctx.settings, on_change=Dispatcher(ctx).changed)
    outcomes = service.poll_mail() if mail else service.poll_scans()
    counts = dict(Counter(o.disposition for o in outcomes))
    get_run_logger().info("diterima: %s", counts or "tidak ada")
    return counts


INTAKE_INTERVAL = 600  # seconds: the service takes mail and scans at once; this is the net

DEPLOYMENTS: dict[str, tuple[Flow[Any, Any], dict[str, Any]]] = {
    **{sop.deployment: (procedure_flow(sop), {}) for sop in PROCEDURES},
    "kotak-surel": (penerimaan_surel, {"interval": INTAKE_INTERVAL}),
    "folder-pindaian": (penerimaan_pindaian, {"interval": INTAKE_INTERVAL}),
}
