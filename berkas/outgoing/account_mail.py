"""The account email (SOP step 7): user id and temporary password to the Admin Agency's own
address from the verified form, and a copy without the password to the Kepala LPSE.

The password is not known when the email is recorded: the outbox stores `PASSWORD_MARK` in its
place and makes the password at send time (outbox.py). The expiry the email states is
counted from when it is recorded; the reset at send time counts from the send, so the password
works at least until the date printed. An account email a crash cut short is replaced by
`akun_ulang:N` (`replace_uncertain`, called by `Outbox.recover`), whose text says it replaces
the earlier one and whose sending resets the password again.
"""

from __future__ import annotations

from datetime import date, timedelta
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from berkas.accounts import AccountView
from berkas.core.settings import Settings
from berkas.outgoing.outbox import MAIL_POLICY, PASSWORD_MARK, slot_user
from berkas.outgoing.parts import MailParts
from berkas.outgoing.render import render_email
from berkas.store.models import Application, OutboxMessage

LOGIN_HEADER = "X-Berkas-Login-Url"  # so a replacement names the login address the first did


def instansi_of(application: Application) -> str | None:
    value = application.verdict.fields.get("instansi") if application.verdict else None
    return str(value) if value else None


def account_context(settings: Settings, *, registration: str, user_id: str, nama: str,
                    login_url: str, expires: date, active: bool, password: str = PASSWORD_MARK,
                    replaces: date | None = None) -> dict[str, Any]:
    """What `email/akun.*` is given. `password` stays the mark except in a preview;
    `replaces`: the date of the earlier account email this one replaces (akun_ulang)."""
    return {"lpse_name": settings.lpse_name, "registration": registration, "user_id": user_id,
            "nama": nama, "login_url": login_url, "expires": expires, "active": active,
            "password": password, "password_length": settings.account_password_length,
            "replaces": replaces}


def copy_context(settings: Settings, *, registration: str, user_id: str, nama: str, nip: str,
                 email: str, instansi: str | None, active: bool) -> dict[str, Any]:
    """What `email/akun_tembusan.*` is given: never a password."""
    return {"lpse_name": settings.lpse_name, "kepala_lpse_title": settings.kepala_lpse_title,
            "registration": registration, "user_id": user_id, "nama": nama, "nip": nip,
            "email": email, "instansi": instansi, "active": active}


def stated_expiry(ctx: MailParts) -> date:
    return (ctx.clock() + timedelta(days=ctx.settings.account_password_valid_days)).date()


def queue_account_email(ctx: MailParts, session: Session, application: Application,
                        account: AccountView, *, login_url: str | None = None,
                        purpose: str = "akun", replaces: date | None = None
                        ) -> list[OutboxMessage]:
    """Record the account email to `account.email` (purpose `akun`, password filled at send
    time) and its copy to the Kepala LPSE (`akun_tembusan`). Each is recorded once. A later
    one (`akun_ulang:N`) says it `replaces` the account email of that date."""
    settings = ctx.settings
    url = login_url or settings.spse_login_url
    rendered = render_email(ctx.templates, "akun", account_context(
        settings, registration=application.registration, user_id=account.user_id,
        nama=account.nama, login_url=url, expires=stated_expiry(ctx), active=account.active,
        replaces=replaces))
    personal = ctx.outbox.enqueue(
        session, registration=application.registration, purpose=purpose,
        sender=settings.mail_from, to=[account.email], rendered=rendered,
        application=application, secret_for=account.user_id, extra_headers={LOGIN_HEADER: url})
    copy = render_email(ctx.templates, "akun_tembusan", copy_context(
        settings, registration=application.registration, user_id=account.user_id,
        nama=account.nama, nip=account.nip, email=account.email,
        instansi=instansi_of(application), active=account.active))
    tembusan = ctx.outbox.enqueue(
        session, registration=application.registration, purpose="akun_tembusan",
        sender=settings.mail_from, to=[settings.kepala_lpse_email], rendered=copy,
        application=application)
    return [personal, tembusan]


def deactivation_context(settings: Settings, *, registration: str, state: str, user_id: str,
                         nama: str, nip: str) -> dict[str, Any]:
    """What `email/akun_nonaktifkan.*` is given (to the Admin PPE; never a password)."""
    return {"lpse_name": settings.lpse_name, "registration": registration, "state": state,
            "user_id": user_id, "nama": nama, "nip": nip}


def queue_deactivation_notice(ctx: MailParts, session: Session, application: Application,
                              account: AccountView) -> OutboxMessage:
    """spse_manual: the application closed while its account (made in SPSE, inactive) waited
    for training; the Admin PPE is asked to deactivate or delete it in SPSE. Once."""
    rendered = render_email(ctx.templates, "akun_nonaktifkan", deactivation_context(
        ctx.settings, registration=application.registration, state=application.state,
        user_id=account.user_id, nama=account.nama, nip=account.nip))
    return ctx.outbox.enqueue(
        session, registration=application.registration, purpose="akun_nonaktifkan",
        sender=ctx.settings.mail_from, to=[ctx.settings.admin_ppe_email], rendered=rendered,
        application=application)


def replace_uncertain(ctx: MailParts, session: Session, row: OutboxMessage
                      ) -> OutboxMessage | None:
    """Record the replacement of an account email whose sending a crash cut short: the next
    `akun_ulang:N`, to the same address, saying it replaces the earlier email. None when its
    account is gone (the original then stays `uncertain` for staff)."""
    user_id = slot_user(row.raw)
    account = ctx.accounts.find(user_id=user_id) if user_id else None
    if account is None:
        return None
    headers = BytesHeaderParser(policy=MAIL_POLICY).parsebytes(row.raw)
    to = [address for _, address in getaddresses([str(headers.get("To", ""))]) if address]
    url = str(headers.get(LOGIN_HEADER) or ctx.settings.spse_login_url)
    application = session.get(Application, row.application_id) if row.application_id else None
    earlier = session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.registration == row.registration,
        OutboxMessage.purpose.like("akun_ulang:%")))
    rendered = render_email(ctx.templates, "akun", account_context(
        ctx.settings, registration=row.registration, user_id=account.user_id, nama=account.nama,
        login_url=url, expires=stated_expiry(ctx), active=account.active,
        replaces=row.created_at.date()))
    return ctx.outbox.enqueue(
        session, registration=row.registration, purpose=f"akun_ulang:{(earlier or 0) + 1}",
        sender=ctx.settings.mail_from, to=to or [account.email], rendered=rendered,
        in_reply_to=row.message_id, application=application, secret_for=account.user_id,
        extra_headers={LOGIN_HEADER: url})
