"""Reminders, each recorded in the outbox in the caller's transaction and sent once per round:
to the applicant whose berkas is still incomplete (`pengingat_kelengkapan:N`), to the Kepala LPSE
or the Admin PPE whose decision is waiting (`pengingat_keputusan_<step>:N`), and to an applicant
whose account waits for the training (`pengingat_pelatihan:N`). *When* to remind is the flows'
business (BERKAS_DECISION_REMINDER_MINUTES, BERKAS_APPLICANT_REMINDER_DAYS,
BERKAS_TRAINING_REMINDER_DAYS); these say what and to whom."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from berkas.core.settings import Settings
from berkas.outgoing.emails import to_send
from berkas.outgoing.parts import MailParts
from berkas.outgoing.render import render_email
from berkas.sop.model import SOP
from berkas.store.models import Application, OutboxMessage
from extractors.dates import hari_tanggal

# the roles reminded of a decision, with the setting that holds their address
ADDRESSES = {"kepala_lpse": "kepala_lpse_email", "admin_ppe": "admin_ppe_email"}
ROLES = {role: SOP.role_label(role) for role in ADDRESSES}
_ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
               "Asia/Jayapura": "WIT"}


def waktu(when: datetime, zone: str) -> str:
    """Selasa, 24 November 2026 pukul 09.30 WITA."""
    local = when.astimezone(ZoneInfo(zone))
    return (f"{hari_tanggal(local.date())} pukul {local:%H.%M} "
            f"{_ZONE_NAMES.get(zone, local.tzname() or zone)}")


def _person(application: Application) -> dict[str, Any]:
    fields = application.verdict.fields if application.verdict else {}
    return {"nama": application.nama or fields.get("nama"),
            "nip": application.nip or fields.get("nip"), "instansi": fields.get("instansi")}


def _latest(session: Session, registration: str, prefix: str) -> OutboxMessage | None:
    return session.scalar(select(OutboxMessage).where(
        OutboxMessage.registration == registration,
        OutboxMessage.purpose.like(f"{prefix}:%")).order_by(OutboxMessage.id.desc()).limit(1))


def applicant_context(settings: Settings, *, registration: str, deficiencies: list[dict[str, Any]],
                      close_on: date, requested_on: date | None, round: int,
                      nama: str | None = None, instansi: str | None = None) -> dict[str, Any]:
    return {"lpse_name": settings.lpse_name, "registration": registration,
            "deficiencies": deficiencies, "to_send": to_send(deficiencies), "close_on": close_on,
            "requested_on": requested_on, "round": round, "nama": nama, "instansi": instansi}


def queue_applicant_reminder(ctx: MailParts, session: Session, application: Application, *,
                             to: str, deficiencies: list[dict[str, Any]], round: int,
                             close_on: date) -> OutboxMessage:
    """The applicant has not yet sent what the request for completion asked for: the open
    deficiencies, how to reply, and the day the berkas will be closed."""
    if not deficiencies:
        raise ValueError("a reminder to complete needs at least one open deficiency")
    request = _latest(session, application.registration, "permintaan_kelengkapan")
    person = _person(application)
    rendered = render_email(ctx.templates, "pengingat_kelengkapan", applicant_context(
        ctx.settings, registration=application.registration, deficiencies=deficiencies,
        close_on=close_on, requested_on=request.created_at.date() if request else None,
        round=round, nama=person["nama"], instansi=person["instansi"]))
    return ctx.outbox.enqueue(
        session, registration=application.registration,
        purpose=f"pengingat_kelengkapan:{round}", sender=ctx.settings.mail_from, to=[to],
        rendered=rendered, in_reply_to=request.message_id if request else None,
        application=application)


def role_context(settings: Settings, *, registration: str, role: str, step: int, step_name: str,
                 waiting_since: datetime, standard: str, link: str | None, round: int,
                 nama: str | None = None, nip: str | None = None,
                 instansi: str | None = None) -> dict[str, Any]:
    if role not in ROLES:
        raise ValueError(f"no reminder address for role {role!r} (known: {', '.join(ROLES)})")
    return {"lpse_name": settings.lpse_name, "registration": registration,
            "role_name": ROLES[role], "step": step, "step_name": step_name,
            "waiting_since": waktu(waiting_since, settings.timezone), "standard": standard,
            "link": link, "round": round, "nama": nama, "nip": nip, "instansi": instansi}


def queue_role_reminder(ctx: MailParts, session: Session, application: Application, *, role: str,
                        step: int, step_name: str, waiting_since: datetime, standard: str,
                        link: str | None, round: int) -> OutboxMessage:
    """A decision of the Kepala LPSE or the Admin PPE waits longer than its mutu baku. `round`
    counts the reminders of this step of this application (one purpose per step and round)."""
    settings = ctx.settings
    address = getattr(settings, ADDRESSES[role]) if role in ADDRESSES else None
    rendered = render_email(ctx.templates, "pengingat_keputusan", role_context(
        settings, registration=application.registration, role=role, step=step,
        step_name=step_name, waiting_since=waiting_since, standard=standard, link=link,
        round=round, **_person(application)))
    assert address is not None  # role_context refused an unknown role
    return ctx.outbox.enqueue(
        session, registration=application.registration,
        purpose=f"pengingat_keputusan_{step}:{round}", sender=settings.mail_from, to=[address],
        rendered=rendered, application=application)


def training_context(settings: Settings, *, registration: str, round: int,
                     nama: str | None = None, user_id: str | None = None) -> dict[str, Any]:
    return {"lpse_name": settings.lpse_name, "registration": registration, "round": round,
            "nama": nama, "user_id": user_id, "training_info": settings.training_info}


def queue_training_reminder(ctx: MailParts, session: Session, application: Application, *,
                            to: str, round: int) -> OutboxMessage:
    """The account exists but stays inactive until the person's training is confirmed."""
    account = ctx.accounts.find(nip=application.nip) if application.nip else None
    rendered = render_email(ctx.templates, "pengingat_pelatihan", training_context(
        ctx.settings, registration=application.registration, round=round,
        nama=application.nama, user_id=account.user_id if account else None))
    return ctx.outbox.enqueue(
        session, registration=application.registration, purpose=f"pengingat_pelatihan:{round}",
        sender=ctx.settings.mail_from, to=[to], rendered=rendered, application=application)
