"""The emails berkas sends for an application, each recorded in the outbox in the caller's
transaction: the receipt (tanda terima), the request for completion (SOP step 4) and the Surat
Jawaban (SOP step 2, the PDF attached). Deciding *whether* to send (never for mail triaged as not
an application, never to an auto-reply) is the caller's: these only say what and to whom."""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import Environment
from sqlalchemy.orm import Session

from berkas.core.settings import Settings
from berkas.outgoing.letters import jawaban_permohonan
from berkas.outgoing.outbox import Attachment, Outbox
from berkas.outgoing.render import render_email
from berkas.store.models import Application, OutboxMessage
from extractors.verdict import document_name

NEXT_STEPS = [
    "Admin PPE memeriksa kelengkapan dan kesesuaian berkas permohonan.",
    "Apabila berkas belum lengkap, kami akan mengirim permintaan kelengkapan melalui email ini.",
    "Apabila berkas lengkap, akun Admin Agency dibuat pada aplikasi SPSE dan diaktifkan setelah "
    "yang bersangkutan mengikuti pelatihan penggunaan aplikasi.",
    "User id dan kata sandi sementara dikirim ke alamat email yang tercantum pada formulir "
    "permohonan.",
]


def to_send(deficiencies: list[dict[str, Any]]) -> list[str]:
    """What the applicant sends back, one line per document, in the order of the deficiencies."""
    formulir = f"{document_name('formulir')} yang telah diperbaiki dan ditandatangani"
    wanted: list[str] = []
    for deficiency in deficiencies:
        code, _, detail = str(deficiency.get("code", "")).partition(":")
        file = deficiency.get("file")
        if code in ("missing", "future_date") and detail:
            items = [document_name(detail)]
        elif code in ("missing_field", "invalid") and detail != "tujuan_surat":
            items = [formulir]
        elif code == "invalid":
            items = [f"{document_name('surat_permohonan')} yang ditujukan kepada Kepala LPSE"]
        elif code == "mismatch":
            items = [formulir, document_name("surat_penunjukan")]
        elif code == "expired":
            items = [f"{document_name('surat_penunjukan')} yang masih berlaku"]
        elif code == "link_only":
            items = ["Seluruh dokumen permohonan sebagai lampiran email (bukan tautan)"]
        elif file:
            items = [f"Berkas {file}, dikirim ulang dalam keadaan dapat dibaca"]
        else:
            items = []
        wanted += [item for item in items if item not in wanted]
    return wanted


def base_context(settings: Settings, name: str, **values: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"lpse_name": settings.lpse_name, "sender_name": None,
                               "instansi": None}
    if name == "tanda_terima":
        context["next_steps"] = NEXT_STEPS
    if name == "permintaan_kelengkapan":
        context["to_send"] = to_send(values.get("deficiencies", []))
    context.update(values)
    return context


def queue_receipt(outbox: Outbox, session: Session, env: Environment, settings: Settings,
                  application: Application, *, to: str, received: date,
                  sender_name: str | None = None, instansi: str | None = None,
                  in_reply_to: str | None = None) -> OutboxMessage:
    rendered = render_email(env, "tanda_terima", base_context(
        settings, "tanda_terima", registration=application.registration, received=received,
        sender_name=sender_name, instansi=instansi))
    return outbox.enqueue(session, registration=application.registration, purpose="tanda_terima",
                          sender=settings.mail_from, to=[to], rendered=rendered,
                          in_reply_to=in_reply_to, application=application)


def queue_completion_request(outbox: Outbox, session: Session, env: Environment,
                             settings: Settings, application: Application, *, to: str,
                             deficiencies: list[dict[str, Any]], received: date, round: int = 1,
                             sender_name: str | None = None, instansi: str | None = None,
                             in_reply_to: str | None = None) -> OutboxMessage:
    """`deficiencies` as `berkas check` gives them ({"code", "message", "file"?}); `round`
    counts the requests for one application (each round is sent once)."""
    if not deficiencies:
        raise ValueError("a request for completion needs at least one deficiency")
    rendered = render_email(env, "permintaan_kelengkapan", base_context(
        settings, "permintaan_kelengkapan", registration=application.registration,
        received=received, deficiencies=deficiencies, sender_name=sender_name,
        instansi=instansi))
    return outbox.enqueue(session, registration=application.registration,
                          purpose=f"permintaan_kelengkapan:{round}", sender=settings.mail_from,
                          to=[to], rendered=rendered, in_reply_to=in_reply_to,
                          application=application)


def queue_surat_jawaban(outbox: Outbox, session: Session, env: Environment, settings: Settings,
                        application: Application, *, to: str, letter: dict[str, Any],
                        in_reply_to: str | None = None) -> OutboxMessage:
    """The Surat Jawaban to the agency head, copy to the Kepala LPSE. `letter`: pimpinan_jabatan,
    instansi, surat_nomor, surat_tanggal, surat_perihal, received, nama, nip."""
    when = outbox.clock()
    number, pdf = jawaban_permohonan(session, env, settings, application.registration, when,
                                     letter)
    rendered = render_email(env, "surat_jawaban", base_context(
        settings, "surat_jawaban", registration=application.registration, letter_number=number,
        letter_date=when.date(), **letter))
    name = f"Surat Jawaban {application.registration}.pdf"
    return outbox.enqueue(session, registration=application.registration,
                          purpose="surat_jawaban", sender=settings.mail_from, to=[to],
                          cc=[settings.kepala_lpse_email], rendered=rendered,
                          attachments=[Attachment(name, pdf)], in_reply_to=in_reply_to,
                          application=application)
