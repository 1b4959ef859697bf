"""Closing an application by letter: a naskah dinas PDF (numbered from the same counter as the
Surat Jawaban) attached to an email to the agency, copy to the Kepala LPSE (purpose
`penutupan`, sent once). Three kinds:
- `ditolak`: rejected, with the reason the reviewer wrote;
- `tidak_dilengkapi`: the berkas was not completed within BERKAS_APPLICANT_CLOSE_DAYS; the letter
  lists what is still missing and says a new application can be sent;
- `dibatalkan`: withdrawn at the agency's request.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from berkas.core.settings import Settings
from berkas.outgoing.letters import issue_number, make_letter_pdf
from berkas.outgoing.outbox import Attachment
from berkas.outgoing.parts import MailParts
from berkas.outgoing.render import render_email
from berkas.sop.model import SOP
from berkas.store.models import Application, OutboxMessage

Kind = Literal["ditolak", "tidak_dilengkapi", "dibatalkan"]  # the SOP's closings
KINDS: tuple[Kind, ...] = ("ditolak", "tidak_dilengkapi", "dibatalkan")
HAL = {kind: SOP.closings[kind].hal for kind in KINDS}  # the letter's subject


def letter_name(kind: str) -> str:
    return f"penutupan_{kind}"


def closing_context(settings: Settings, *, kind: str, registration: str, received: date,
                    nama: str | None, nip: str | None, instansi: str | None,
                    pimpinan_jabatan: str | None = None, reason: str | None = None,
                    deficiencies: list[dict[str, Any]] | None = None,
                    requested_on: date | None = None) -> dict[str, Any]:
    """What the letter `surat/penutupan_<kind>.txt` and the email `email/penutupan.*` are given."""
    if kind not in KINDS:
        raise ValueError(f"unknown closing kind {kind!r} (known: {', '.join(KINDS)})")
    reason = " ".join(reason.split()) if reason else None
    if kind == "ditolak" and not reason:
        raise ValueError("a rejection letter needs the reviewer's reason")
    if kind == "tidak_dilengkapi" and not deficiencies:
        raise ValueError("closing an incomplete berkas needs the deficiencies still open")
    return {"lpse_name": settings.lpse_name, "kind": kind, "hal": HAL[kind],
            "registration": registration, "received": received, "nama": nama, "nip": nip,
            "instansi": instansi,
            "pimpinan_jabatan": pimpinan_jabatan or (f"Pimpinan {instansi}" if instansi
                                                     else "Pimpinan Instansi Pemohon"),
            "reason": reason, "deficiencies": deficiencies or [], "requested_on": requested_on,
            "close_days": settings.applicant_close_days}


def queue_closing(ctx: MailParts, session: Session, application: Application, *, kind: Kind,
                  to: str, reason: str | None, deficiencies: list[dict[str, Any]] | None = None,
                  pimpinan_jabatan: str | None = None) -> OutboxMessage:
    """Record the closing letter (PDF) and its email to `to`, copy to the Kepala LPSE.
    `pimpinan_jabatan`: whom the letter addresses (default: Pimpinan <instansi>)."""
    settings = ctx.settings
    fields = application.verdict.fields if application.verdict else {}
    request = session.scalar(select(OutboxMessage).where(
        OutboxMessage.registration == application.registration,
        OutboxMessage.purpose.like("permintaan_kelengkapan:%")).order_by(OutboxMessage.id)
        .limit(1))
    context = closing_context(
        settings, kind=kind, registration=application.registration,
        received=application.created_at.date(), nama=application.nama or fields.get("nama"),
        nip=application.nip or fields.get("nip"), instansi=fields.get("instansi"),
        pimpinan_jabatan=pimpinan_jabatan, reason=reason, deficiencies=deficiencies,
        requested_on=request.created_at.date() if request else None)
    when = ctx.outbox.clock()
    number = issue_number(session, settings.letter_number_pattern, application.registration,
                          "penutupan", when)
    pdf = make_letter_pdf(ctx.templates, settings, letter_name(kind), number, when.date(),
                          context)
    rendered = render_email(ctx.templates, "penutupan", {
        **context, "letter_number": number, "letter_date": when.date()})
    return ctx.outbox.enqueue(
        session, registration=application.registration, purpose="penutupan",
        sender=settings.mail_from, to=[to], cc=[settings.kepala_lpse_email], rendered=rendered,
        attachments=[Attachment(f"Surat {HAL[kind].split()[0]} {application.registration}.pdf",
                                pdf)],
        application=application)
