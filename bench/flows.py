"""Prefect overhead per application.

One application at a time, digital (PDFs with a text layer) and scanned (image-only PDFs at
200 dpi, OCR), each taken the whole way: intake from the scan folder, step 1, disposition (2),
verification (3), account (6), training confirmation (6), account email (7), archive (8).

- **through the flows**: a local Prefect server (`prefect server start`, as `berkas run`
  starts it), the deployments and the in-process executor with its default poll interval; every
  decision is answered through the API the moment the run suspends for it (time waiting for
  people is therefore nil, not excluded by arithmetic);
- **directly**: the same intake and the same berkas.procedure calls in the same order, no
  Prefect.
Overhead = flows - direct, per application (median), and as a share of the direct time.

Usage: .venv/bin/python bench/flows.py [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def berkas_files(seed: int, scanned: bool) -> tuple[dict[str, bytes], dict[str, str]]:
    from tests.fixturegen.content import make_berkas
    from tests.fixturegen.render import images_to_pdf, page_images, to_pdf

    b = make_berkas(seed)
    files = {f"{d.doc_type}.pdf": images_to_pdf(page_images(d, dpi=200), dpi=200) if scanned
             else to_pdf([d]) for d in b.documents}
    fields = {k: str(b.expected_fields[k]) for k in  # type: ignore[index]
              ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon")}
    return files, fields


ANSWERS = {
    "2": {"teruskan": True, "ditujukan_kepada": "Kepala Dinas", "nama_pemutus": "Bench"},
    "3": {"hasil": "lengkap", "salinan_sesuai_asli": True, "kekurangan_tambahan": "",
          "alasan": "", "nama_pemutus": "Bench"},
    "6": {"sudah_mengikuti_pelatihan": True, "tanggal_pelatihan": "", "nama_pemutus": "Bench"},
}


def through_flows(env, files: dict[str, bytes], fields: dict[str, str], name: str) -> float:
    from berkas.flows import forms

    start = time.perf_counter()
    (registration,) = env.file_scans(name, files)
    for key in ("2", "3", "6"):
        answer = dict(ANSWERS[key]) | (fields if key == "3" else {})
        parsed, problems = forms.parse(forms.FORMS[key], answer)
        assert parsed is not None and not problems, problems
        while not env.dispatcher.resume(registration, key, answer):
            time.sleep(0.02)
    run = env.wait_for(registration, None, timeout=120)
    assert run.state.is_completed(), run.state
    return time.perf_counter() - start


def directly(env, files: dict[str, bytes], fields: dict[str, str], name: str) -> float:
    from berkas.procedure import actions
    from berkas.procedure import records as proc

    start = time.perf_counter()
    env.intake.on_change = lambda *_: None
    (registration,) = env.file_scans(name, files)
    ctx = env.ctx
    app = proc.snapshot(ctx, registration)
    proc.begin_step(ctx, registration, 1, started_at=app.created_at)
    proc.end_step(ctx, registration, 1, actor="bench", outcome="diterima")
    actions.send_receipt(ctx, registration)
    proc.begin_step(ctx, registration, 2, waiting_for="kepala_lpse")
    proc.end_step(ctx, registration, 2, actor="Bench", outcome="diteruskan")
    actions.send_surat_jawaban(ctx, registration, {"pimpinan_jabatan": "Kepala Dinas"})
    proc.begin_step(ctx, registration, 3, waiting_for="admin_ppe")
    proc.end_step(ctx, registration, 3, actor="Bench", outcome="lengkap")
    proc.apply_verified(ctx, registration, fields, actor="Bench")
    proc.begin_step(ctx, registration, 6)
    actions.create_account(ctx, registration, fields)
    proc.end_step(ctx, registration, 6, actor="Bench", outcome="akun_dibuat")
    actions.activate_account(ctx, registration, actor="Bench")
    proc.begin_step(ctx, registration, 7)
    actions.send_account(ctx, registration)
    proc.end_step(ctx, registration, 7, actor="sistem", outcome="terkirim")
    proc.begin_step(ctx, registration, 8)
    proc.set_state(ctx, registration, "selesai", actor="sistem")
    proc.end_step(ctx, registration, 8, actor="sistem", outcome="diarsipkan")
    actions.archive_summary(ctx, registration)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    from berkas.runtime.prefect_server import start_prefect
    from tests.flow_env import close_flow_env, make_flow_env
    from tests.intake_env import intake_settings
    from tests.smtp_server import free_port, smtp_server

    with tempfile.TemporaryDirectory(prefix="bench-flows-") as tmp:
        root = Path(tmp)
        server = start_prefect(intake_settings(root / "prefect", prefect_port=free_port()))
        try:
            with temporary_settings(updates={PREFECT_API_URL: server.api_url,
                                             PREFECT_UI_URL: server.ui_url}):
                from berkas.flows.executor import register
                from berkas.flows.service_flows import DEPLOYMENTS

                deployments = asyncio.run(register(DEPLOYMENTS))
                (root / "smtp").mkdir()
                with smtp_server(root / "smtp", "none") as (port, recorder, _ca):
                    results = {}
                    for kind, scanned in (("digital", False), ("pindaian", True)):
                        flow_times, direct_times = [], []
                        for n in range(args.runs):
                            seed = 700 + n * 2 + scanned * 100
                            for mode, out in (("alur", flow_times), ("langsung", direct_times)):
                                case = root / f"{kind}-{n}-{mode}"
                                env = make_flow_env(case, deployments, port, recorder,
                                                    poll_seconds=0.25)
                                try:
                                    files, fields = berkas_files(seed, scanned)
                                    job = through_flows if mode == "alur" else directly
                                    out.append(job(env, files, fields, f"b{n}"))
                                finally:
                                    close_flow_env(env)
                        results[kind] = (flow_times, direct_times)
        finally:
            server.stop()

    print(f"Prefect overhead per application ({args.runs} runs each, median; every decision "
          "answered through the API as soon as the run waits; executor poll 0.25 s)")
    print(f"{'berkas':10} {'through flows':>14} {'directly':>10} {'overhead':>10} {'share':>7}")
    for kind, (flow_times, direct_times) in results.items():
        f, d = statistics.median(flow_times), statistics.median(direct_times)
        print(f"{kind:10} {f:13.2f}s {d:9.2f}s {f - d:9.2f}s {100 * (f - d) / d:6.0f}%")


if __name__ == "__main__":
    main()
