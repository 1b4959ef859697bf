"""One flow run per application: the SOP *Registrasi Admin Agency K/L/D/I*, step by step.

Waiting for a person or for the applicant suspends the run (no process is held). Prefect
resumes a suspended run by running the flow again from the top; every task here is idempotent
(berkas/procedure.py keeps what was done and decided in the project's database), so the
re-run walks through what is done without repeating it and stops at the first open step. A
decision already taken is read back from the database, not asked again: the suspension keys
are only ever reused for the one decision still open.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, suspend_flow_run, task
from prefect.input import RunInput

from berkas import procedure as proc
from berkas.context import Context, shared_context
from flows import forms

FLOW_NAME = "registrasi-admin-agency"
TASK: dict[str, Any] = {"retries": 3, "retry_delay_seconds": [2, 10, 30], "persist_result": False}


def ctx() -> Context:
    return shared_context()


# --- the steps, as tasks ----------------------------------------------------------------------

@task(name="Langkah 1: Penerimaan berkas permohonan", **TASK)
def terima_berkas(registration: str) -> None:
    """The berkas has arrived (intake filed it): step 1 is recorded at its arrival, and an
    applicant who emailed it gets the tanda terima."""
    app = proc.snapshot(ctx(), registration)
    proc.begin_step(ctx(), registration, 1, started_at=app.created_at)
    proc.end_step(ctx(), registration, 1, actor=app.sender or "berkas fisik/pindaian",
                  outcome="diterima")
    proc.send_receipt(ctx(), registration)


@task(name="Langkah 2: Surat Jawaban kepada pimpinan instansi", **TASK)
def kirim_surat_jawaban(registration: str, ditujukan_kepada: str) -> None:
    proc.send_surat_jawaban(ctx(), registration, {"pimpinan_jabatan": ditujukan_kepada})


@task(name="Langkah 3: Pemeriksaan otomatis kelengkapan berkas", **TASK)
def periksa_kelengkapan(registration: str, putaran: int) -> dict[str, Any]:
    """The verdict intake computed with everything the application has received so far."""
    proc.begin_step(ctx(), registration, 3, putaran, waiting_for="admin_ppe")
    return proc.snapshot(ctx(), registration).verdict


@task(name="Langkah 4: Permintaan kelengkapan berkas", **TASK)
def minta_kelengkapan(registration: str, putaran: int, keputusan: dict[str, Any]) -> None:
    if proc.decision(ctx(), registration, 4, putaran) is not None:
        return  # asked in an earlier pass of this run: the verdict may have changed since
    deficiencies = list(proc.snapshot(ctx(), registration).verdict.get("deficiencies", []))
    for line in str(keputusan.get("kekurangan_tambahan", "")).splitlines():
        if line.strip():
            deficiencies.append({"code": "lainnya", "message": line.strip()})
    proc.begin_step(ctx(), registration, 4, putaran)
    proc.request_completion(ctx(), registration, putaran, deficiencies)
    proc.end_step(ctx(), registration, 4, putaran, actor=keputusan["actor"],
                  outcome="dikirim", detail={"kekurangan": [d["code"] for d in deficiencies]})
    proc.begin_step(ctx(), registration, 5, putaran, waiting_for=proc.WAIT_APPLICANT)


@task(name="Langkah 6: Pembuatan akun Admin Agency", **TASK)
def buat_akun(registration: str, putaran: int, keputusan: dict[str, Any]) -> dict[str, Any]:
    made = proc.decision(ctx(), registration, 6, putaran)
    if made is not None:
        return {"user_id": made.get("user_id"), "created": False}
    data = keputusan["data"]
    proc.apply_verified(ctx(), registration, data, actor=keputusan["actor"])
    proc.begin_step(ctx(), registration, 6, putaran)
    result = proc.create_account(ctx(), registration, data)
    if "duplicate" not in result:
        proc.end_step(ctx(), registration, 6, putaran, actor=keputusan["actor"],
                      outcome="akun_dibuat", detail={"user_id": result["user_id"]})
    return result


@task(name="Langkah 7: Pengiriman informasi akun", **TASK)
def kirim_informasi_akun(registration: str) -> None:
    proc.begin_step(ctx(), registration, 7)
    proc.send_account(ctx(), registration)
    if proc.account_mail_sent(ctx(), registration):
        proc.end_step(ctx(), registration, 7, actor=proc.SYSTEM, outcome="terkirim")
    # else the outbox keeps trying; the step ends when the email is sent (berkas.watch)


@task(name="Langkah 8: Pengarsipan berkas", **TASK)
def arsipkan(registration: str) -> None:
    proc.begin_step(ctx(), registration, 8)
    proc.set_state(ctx(), registration, "selesai", actor=proc.SYSTEM)
    proc.end_step(ctx(), registration, 8, actor=proc.SYSTEM, outcome="diarsipkan")
    proc.archive_summary(ctx(), registration)


@task(name="Penutupan permohonan dengan surat", **TASK)
def tutup(registration: str, jenis: str, keputusan: dict[str, Any]) -> None:
    isian = keputusan.get("isian") or {}
    reason = (isian.get("alasan") or isian.get("alasan_penolakan") or "").strip() or None
    open_deficiencies = None
    if jenis == "tidak_dilengkapi":
        open_deficiencies = proc.snapshot(ctx(), registration).verdict.get("deficiencies") or [
            {"code": "lainnya", "message": "Kelengkapan yang diminta belum diterima."}]
    proc.close(ctx(), registration, jenis, actor=keputusan.get("actor") or proc.SYSTEM,
               reason=reason, deficiencies=open_deficiencies)
    proc.archive_summary(ctx(), registration)


# --- decisions --------------------------------------------------------------------------------

# form key -> (SOP step, phase of the step, who the application waits for)
DECISIONS: dict[str, tuple[int, str, str]] = {
    "2": (2, "", "kepala_lpse"), "3": (3, "", "admin_ppe"), "5": (5, "", proc.WAIT_APPLICANT),
    "6": (6, "pelatihan", proc.WAIT_TRAINING), "6a": (6, "akun_ganda", "admin_ppe")}


async def keputusan(registration: str, key: str, round: int) -> dict[str, Any]:
    """The decision of form `key`: read back if taken, else asked (the run suspends until
    someone answers in the UI or with `berkas approve`); an unusable answer is asked again with
    its reasons, under a new suspension key."""
    from flows.presentation import form_with_description, publish_steps

    step, phase, waiting_for = DECISIONS[key]
    taken = proc.decision(ctx(), registration, step, round, phase)
    if taken is not None:
        return taken
    proc.begin_step(ctx(), registration, step, round, phase=phase, waiting_for=waiting_for)
    while True:
        refused = proc.refusals(ctx(), registration, step, round, phase)
        publish_steps(ctx(), registration)
        answer = await suspend_flow_run(  # type: ignore[misc]  # async-dispatched in a coroutine
            wait_for_input=form_with_description(ctx(), key, registration, refused),
            key=f"langkah-{key}-putaran-{round}-isian-{len(refused)}")
        data = answer.model_dump()
        problems = forms.problems(answer, proc.snapshot(ctx(), registration).verdict)
        if problems:
            get_run_logger().warning("isian langkah %s ditolak: %s", step, "; ".join(problems))
            proc.refusals(ctx(), registration, step, round, phase, add="; ".join(problems))
            continue
        detail: dict[str, Any] = {"isian": data}
        if isinstance(answer, forms.Verifikasi):
            detail["data"] = forms.verified_fields(answer)
        proc.end_step(ctx(), registration, step, round, phase=phase, outcome=_outcome(answer),
                      actor=data[forms.DECIDER].strip(), detail=detail)
        taken = proc.decision(ctx(), registration, step, round, phase)
        assert taken is not None
        return taken


def _outcome(answer: RunInput) -> str:
    if isinstance(answer, forms.Disposisi):
        return "diteruskan" if answer.teruskan else "ditolak"
    if isinstance(answer, forms.KonfirmasiPelatihan):
        return "sudah_pelatihan" if answer.sudah_mengikuti_pelatihan else "belum_pelatihan"
    return str(getattr(answer, "hasil", None) or getattr(answer, "tindakan", ""))


async def tunggu_pelatihan(registration: str) -> None:
    """Step 6 continued: the account stays inactive until training is confirmed, from the form,
    `berkas approve`, or `berkas training import` (seen by the watcher, which resumes the run).
    Each "not yet" is its own round, so the next question has its own key."""
    round = 1
    while not proc.account_active(ctx(), registration):
        taken = await keputusan(registration, "6", round)
        if taken["outcome"] == "sudah_pelatihan":
            proc.activate_account(ctx(), registration, actor=taken["actor"])
        round += 1


# --- the flow ---------------------------------------------------------------------------------

@flow(name=FLOW_NAME, persist_result=False, log_prints=False,
      description="SOP Registrasi Admin Agency K/L/D/I: satu alur per permohonan.")
async def registrasi_admin_agency(registration: str) -> str:
    if proc.snapshot(ctx(), registration).closed:
        return proc.snapshot(ctx(), registration).state
    terima_berkas(registration)

    disposisi = await keputusan(registration, "2", 1)
    if disposisi["outcome"] != "diteruskan":
        return _end(registration, "ditolak", disposisi)
    kirim_surat_jawaban(registration, disposisi["isian"]["ditujukan_kepada"])

    putaran = 1
    while True:
        periksa_kelengkapan(registration, putaran)
        pemeriksaan = await keputusan(registration, "3", putaran)
        if pemeriksaan["outcome"] in ("ditolak", "dibatalkan"):
            return _end(registration, pemeriksaan["outcome"], pemeriksaan)
        if pemeriksaan["outcome"] == "lengkap":
            akun = buat_akun(registration, putaran, pemeriksaan)
            if "duplicate" not in akun:
                break
            ganda = await keputusan(registration, "6a", putaran)
            if ganda["outcome"] == "ditolak":
                return _end(registration, "ditolak", ganda)
        else:
            minta_kelengkapan(registration, putaran, pemeriksaan)
            kelengkapan = await keputusan(registration, "5", putaran)
            if kelengkapan["outcome"] == "tutup_tidak_lengkap":
                return _end(registration, "tidak_dilengkapi", kelengkapan)
            if kelengkapan["outcome"] == "dibatalkan":
                return _end(registration, "dibatalkan", kelengkapan)
        putaran += 1

    await tunggu_pelatihan(registration)
    kirim_informasi_akun(registration)
    arsipkan(registration)
    from flows.presentation import publish_steps

    publish_steps(ctx(), registration)
    return "selesai"


def _end(registration: str, kind: str, decided: dict[str, Any]) -> str:
    tutup(registration, kind, decided)
    from flows.presentation import publish_steps

    publish_steps(ctx(), registration)
    return proc.snapshot(ctx(), registration).state
