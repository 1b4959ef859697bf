"""The account email (SOP step 7) through a real SMTP server (aiosmtpd): the password is made at
send time, logs in, and exists nowhere on disk; a crash between "sent" and "recorded" ends with
a replacement email and exactly one working password."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from berkas.accounts import AccountRequest, AccountView
from berkas.outgoing.account_mail import queue_account_email
from berkas.outgoing.outbox import PASSWORD_MARK, fill_slot
from berkas.outgoing.render import RenderedEmail
from berkas.outgoing.smtp import SmtpConfig, SmtpTransport
from berkas.procedure.context import Context
from berkas.store.models import Event, OutboxMessage
from tests.outbox_env import REGISTRATION, Env, bodies, make_env, parse
from tests.smtp_server import PASSWORD, USER, CrashAfterSending, smtp_server

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

BUDI = AccountRequest(nip="198503122010011004", nama="Budi Santoso, S.T.",
                      email="budi.santoso@pu.kukarkab.go.id", registration=REGISTRATION,
                      instansi="Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara")
LOGIN_URL = "https://spse.inaproc.id/kaltimprov"
_PASSWORD_LINE = re.compile(r"Kata sandi sementara : (\S+)")


def make_context(env: Env, port: int, security: str = "none", ca: Path | None = None,
                 login: bool = False, transport=None) -> Context:
    """The process's parts on the test's database, archive and clock, sending to `port`."""
    settings = env.settings.model_copy(update={
        "database_url": f"sqlite:///{env.root / 'berkas.db'}",
        "archive_dir": env.root / "archive", "spse_login_url": LOGIN_URL})
    config = SmtpConfig(host="127.0.0.1", port=port, security=security,  # type: ignore[arg-type]
                        user=USER if login else None, password=PASSWORD if login else None,
                        timeout=5, ca_file=ca)
    return Context(settings, clock=env.clock, transport=transport or SmtpTransport(config))


@pytest.fixture
def env(tmp_path):
    return make_env(tmp_path)


def _queue(ctx: Context, env: Env, account: AccountView) -> list[int]:
    with ctx.sessions.begin() as session:
        rows = queue_account_email(ctx, session, env.application(session), account)
        return [row.id for row in rows]


def _files_holding(root: Path, secret: str) -> list[Path]:
    needles = {secret.encode(), secret.replace("=", "=3D").encode(),
               html.escape(secret).encode()}
    return [path for path in root.rglob("*") if path.is_file()
            and any(needle in path.read_bytes() for needle in needles)]


def _password(text: str) -> str:
    found = _PASSWORD_LINE.search(text)
    assert found is not None, text
    return found.group(1)


def test_account_email_carries_a_password_made_at_send_time(env, tmp_path):
    with smtp_server(tmp_path, "starttls", login=True) as (port, server, ca):
        ctx = make_context(env, port, "starttls", ca, login=True)
        account, _ = ctx.accounts.create(BUDI)  # the creation password is never mailed
        ctx.accounts.activate(account.user_id)
        akun_id, copy_id = _queue(ctx, env, account)
        assert _queue(ctx, env, account) == [akun_id, copy_id]  # recorded once per purpose
        with ctx.sessions() as session:
            stored = session.get(OutboxMessage, akun_id)
            assert stored is not None and PASSWORD_MARK.encode() in stored.raw
        assert server.messages == []
        done = ctx.outbox.deliver_due()
    assert [row.status for row in done] == ["sent", "sent"]

    personal, copy = (parse(m.data) for m in server.messages)
    assert server.messages[0].recipients == [BUDI.email]
    assert personal["From"] == "LPSE Kaltim <lpse@kaltimprov.go.id>"
    assert personal["To"] == BUDI.email and personal["Cc"] is None
    assert personal["Subject"] == f"[{REGISTRATION}] Informasi Akun Admin Agency SPSE"
    assert personal["Message-ID"] == f"<{REGISTRATION}.akun@kaltimprov.go.id>"
    text, page = bodies(personal)
    password = _password(text)
    assert PASSWORD_MARK not in text and PASSWORD_MARK not in page
    assert f"<code style=\"font-size: 16px;\">{html.escape(password)}</code>" in page
    for expected in (f"User id              : {account.user_id}",
                     f"Alamat masuk (login) : {LOGIN_URL}",
                     "Berlaku sampai       : 1 Desember 2026",  # 24 November + 7 days
                     "Segera masuk (login)", "Penggantian kata sandi WAJIB",
                     "terdiri atas 14 karakter", f"[{REGISTRATION}]"):
        assert expected in text, expected
    assert ctx.accounts.check_login(account.user_id, password)  # type: ignore[attr-defined]

    assert server.messages[1].recipients == ["kepala.lpse@kaltimprov.go.id"]
    assert copy["Subject"] == (f"[{REGISTRATION}] Tembusan: Informasi Akun Admin Agency "
                               "Budi Santoso, S.T.")
    copy_text, copy_page = bodies(copy)
    for expected in (f"User id          : {account.user_id}", "NIP              : "
                     "198503122010011004", "tidak dimuat dalam tembusan ini"):
        assert expected in copy_text, expected
    assert password not in copy_text and password not in html.unescape(copy_page)

    archived = env.root / "archive" / "2026" / REGISTRATION / done[0].archived_as
    assert PASSWORD_MARK.encode() in archived.read_bytes()
    with ctx.sessions() as session:
        raws = [row.raw for row in session.scalars(select(OutboxMessage))]
    assert raws and all(password.encode() not in raw for raw in raws)
    assert _files_holding(tmp_path, password) == []  # database (and WAL), archive, outbox


def test_a_failed_attempt_makes_a_new_password_next_time(env, tmp_path):
    from tests.smtp_server import Recorder

    recorder = Recorder(refuse={BUDI.email: "451 4.3.0 coba lagi nanti"})
    with smtp_server(tmp_path, "none", recorder=recorder) as (port, server, _):
        ctx = make_context(env, port)
        account, _ = ctx.accounts.create(BUDI)
        ctx.accounts.activate(account.user_id)
        akun_id, _copy = _queue(ctx, env, account)
        first = ctx.outbox.deliver(akun_id)
        assert (first.status, server.messages) == ("pending", [])
        recorder.refuse.clear()
        env.clock.advance(60)
        second = ctx.outbox.deliver(akun_id)
    assert second.status == "sent"
    password = _password(bodies(parse(server.messages[0].data))[0])
    assert ctx.accounts.check_login(account.user_id, password)  # type: ignore[attr-defined]


def test_crash_after_the_server_accepted_ends_with_one_working_password(env, tmp_path):
    with smtp_server(tmp_path, "none") as (port, server, _):
        crashing = make_context(env, port)
        crashing.transport = CrashAfterSending(SmtpTransport(SmtpConfig(
            host="127.0.0.1", port=port, security="none", timeout=5)))
        account, _ = crashing.accounts.create(BUDI)
        akun_id, _copy = _queue(crashing, env, account)
        with pytest.raises(SystemExit):
            crashing.outbox.deliver_due()
        [first_mail] = server.messages  # it did leave: the person may hold this password

        restarted = make_context(env, port)  # a new process
        assert restarted.outbox.recover() == 1
        assert restarted.outbox.recover() == 0  # the replacement is recorded once
        sent = restarted.outbox.deliver_due()
        restarted.outbox.release(akun_id)  # staff cannot send the replaced one again
        assert restarted.outbox.deliver_due() == []
    assert sorted(row.purpose for row in sent) == ["akun_tembusan", "akun_ulang:1"]
    with restarted.sessions() as session:
        original = session.get(OutboxMessage, akun_id)
        assert original is not None and original.status == "replaced"
        assert "akun_ulang:1" in (original.last_error or "")
        kinds = session.scalars(select(Event.kind)).all()
    assert "surel_akun_diganti" in kinds

    by_id = {parse(m.data)["Message-ID"]: parse(m.data) for m in server.messages}
    assert len(by_id) == 3  # the cut-short email, the copy, the replacement
    replacement = by_id[f"<{REGISTRATION}.akun_ulang.1@kaltimprov.go.id>"]
    assert replacement["Subject"] == (f"[{REGISTRATION}] Informasi Akun Admin Agency SPSE "
                                      "(Pengganti Email Sebelumnya)")
    assert replacement["In-Reply-To"] == parse(first_mail.data)["Message-ID"]
    new_text, new_page = bodies(replacement)
    assert "EMAIL INI MENGGANTIKAN email informasi akun yang kami kirim sebelumnya pada " \
           "tanggal 24 November 2026" in new_text
    assert "kata sandi pada email sebelumnya (apabila Bapak/Ibu menerimanya) tidak berlaku " \
           "lagi" in new_text
    assert "Email ini menggantikan" in new_page

    old_password = _password(bodies(parse(first_mail.data))[0])
    new_password = _password(new_text)
    assert old_password != new_password
    registry = restarted.accounts
    registry.activate(account.user_id)  # training confirmed
    assert not registry.check_login(account.user_id, old_password)  # type: ignore[attr-defined]
    assert registry.check_login(account.user_id, new_password)  # type: ignore[attr-defined]
    assert _files_holding(tmp_path, old_password) == []
    assert _files_holding(tmp_path, new_password) == []


def test_the_slot_survives_quoted_printable_and_html(env):
    from berkas.outgoing.outbox import Outbox

    filler = "x" * 90
    rendered = RenderedEmail(subject="Akun", text=f"{filler} sandi: {PASSWORD_MARK} {filler}\n",
                             html=f"<p>{filler} sandi: <b>{PASSWORD_MARK}</b> {filler}</p>\n")
    outbox = Outbox(env.sessions, transport=None, archive=env.archive,  # type: ignore[arg-type]
                    clock=env.clock)
    with env.sessions.begin() as session:
        row = outbox.enqueue(session, registration=REGISTRATION, purpose="akun",
                             sender="lpse@kaltimprov.go.id", to=["budi@pu.go.id"],
                             rendered=rendered, secret_for="budi")
    assert b"=\r\n" in row.raw  # the long lines were wrapped with soft breaks
    secret = "aB3=#<&%+?@!x"  # '=' is QP's escape, '<' and '&' are HTML's
    text, page = bodies(parse(fill_slot(row.raw, secret)))
    assert f" sandi: {secret} " in text
    assert f"<b>{html.escape(secret)}</b>" in page
    with pytest.raises(ValueError, match="mark"):
        outbox.enqueue(env.sessions(), registration=REGISTRATION, purpose="akun_ulang:1",
                       sender="lpse@kaltimprov.go.id", to=["budi@pu.go.id"],
                       rendered=RenderedEmail("Akun", "tanpa tanda\n", "<p>tanpa</p>"),
                       secret_for="budi")


def test_an_account_email_without_a_password_maker_is_not_sent(env, tmp_path):
    with smtp_server(tmp_path, "none") as (port, server, _):
        ctx = make_context(env, port)
        account, _ = ctx.accounts.create(BUDI)
        akun_id, _copy = _queue(ctx, env, account)
        bare = env.outbox(port)  # an outbox that cannot make passwords
        row = bare.deliver(akun_id)
    assert row.status == "failed" and "secret_filler" in (row.last_error or "")
    assert server.messages == []
