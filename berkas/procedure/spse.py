"""Steps 6 and 7 under `BERKAS_ACCOUNT_PROVIDER=spse_manual`: the Admin PPE's hands in SPSE.

- Step 6, form 6b: what to enter in SPSE, ready to copy (the proposed user id, the verified
  fields); the answer names the user id SPSE took, refused while a user id or NIP is known to
  another account (`record_account` records it, inactive). Training "sudah" = activated in SPSE.
- Step 7, form 7: `reveal` makes the temporary password (the account provider's policy) only
  when the Admin PPE asks (`berkas akun sandi`, the reveal page), numbered `sandi_ke`, held in
  the running service's memory only (accounts/vault.py); the answer names the number set in SPSE
  (an older one is refused) and `send_account_mail` sends the account email with it at once; the
  password is then forgotten. An email not sent is never retried with a password nobody set:
  it is voided and form 7 asks again (a new reveal).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from berkas.accounts import AccountRequest, AccountView, user_id_for
from berkas.accounts.desk import DeskAnswer, DeskRequest, DeskUnavailable, ask, socket_path
from berkas.accounts.spse_manual import usable_user_id
from berkas.accounts.vault import AlreadyShown
from berkas.core.markdown import md_escape
from berkas.core.wait import wait_until
from berkas.outgoing.account_mail import queue_account_email, queue_deactivation_notice
from berkas.outgoing.outbox import Status
from berkas.procedure.actions import recorded
from berkas.procedure.context import Context
from berkas.procedure.records import NotFound, Snapshot, _get, snapshot, step_rows
from berkas.sop.model import SOP, Decision
from berkas.store import staff
from berkas.store.models import Event, OutboxMessage, add_event

REVEALED = "sandi_ditampilkan"
SLOT_PURPOSES = (OutboxMessage.purpose == "akun") | OutboxMessage.purpose.like("akun_ulang:%")
PASSWORD_STEP = next(d.step for d in SOP.decisions.values() if "current_password" in d.checks)
EXIT_SHOWN, EXIT_ALREADY, EXIT_REFUSED = 0, 3, 4


def require_admin_ppe(ctx: Context, username: str) -> str | None:
    """Why `username` may not see an account's temporary password, or None: the one place the
    staff identity is checked for a reveal (the command and the page; behind the staff login
    the page's person is the logged-in account). The role is the one step 7's decision needs
    (SOP description), held by an active staff account (berkas/store/staff.py)."""
    if not username.strip():
        return "Nama pengguna (--as) wajib diisi."
    try:
        staff.require_role(ctx.sessions, username.strip(), SOP.decisions["7"].decided_by)
    except staff.NotAllowed as exc:
        return str(exc)
    return None


# --- step 6 --------------------------------------------------------------------------------

def proposed_user_id(ctx: Context, app: Snapshot) -> str:
    """The user id `BERKAS_ACCOUNT_USER_ID_PATTERN` proposes for the verified person."""
    request = AccountRequest(nip=app.nip or "", nama=app.nama or "", email=app.email or "",
                             registration=app.registration)
    try:
        return user_id_for(ctx.settings.account_user_id_pattern, request)
    except Exception:  # a pattern that gives nothing usable: the Admin PPE chooses one
        return ""


def account_data(ctx: Context, app: Snapshot) -> list[str]:
    """Form 6b: the table of what to enter in SPSE (Markdown; every value escaped)."""
    rows = [("User id (usulan)", proposed_user_id(ctx, app))]
    rows += [(f.short, str(app.fields.get(f.key) or "")) for f in SOP.person]
    lines = ["### Data untuk diisikan di SPSE", "", "| Isian di SPSE | Nilai |", "|---|---|"]
    lines += [f"| {label} | {md_escape(value) or '-'} |" for label, value in rows]
    return lines + ["", "Kata sandi tidak diisi dari sini: kata sandi sementara dibuat pada "
                    "langkah 7 dan ditampilkan sekali kepada Admin PPE.", ""]


def activation_note(ctx: Context) -> list[str]:
    if not ctx.manual_accounts:
        return []
    return ["Akun ini dibuat di SPSE dalam keadaan belum aktif. Jawaban \"sudah\" berarti Anda "
            "telah mengaktifkan akun tersebut di SPSE setelah yang bersangkutan mengikuti "
            "pelatihan. Bila permohonan ini ditutup sebelum pelatihan, nonaktifkan atau hapus "
            "akun tersebut di SPSE."]


def record_account(ctx: Context, registration: str, decided: dict[str, Any]) -> None:
    """Form 6b answered: the account the Admin PPE created in SPSE is recorded (once)."""
    app = snapshot(ctx, registration)
    existing = ctx.accounts.find(nip=app.nip) if app.nip else None
    if existing is not None and existing.registration == registration:
        return
    request = AccountRequest(nip=app.nip or "", nama=app.nama or "", email=app.email or "",
                             registration=registration, instansi=app.fields.get("instansi"))
    view, _ = ctx.accounts.create(request, str(decided["isian"]["user_id"]))
    with ctx.sessions.begin() as s:
        add_event(s, _get(s, registration), decided["actor"], "akun_dibuat", at=ctx.clock(),
                  user_id=view.user_id, aktif=view.active, di_spse=True)


def closed_while_inactive(ctx: Context, registration: str, actor: str) -> None:
    """The application closed while its SPSE account waited for training: the Admin PPE is told
    (email, event) to deactivate or delete it in SPSE."""
    if not ctx.manual_accounts:
        return
    app = snapshot(ctx, registration)
    view = ctx.accounts.find(nip=app.nip) if app.nip else None
    if view is None or view.registration != registration or view.active \
            or recorded(ctx, registration, "akun_nonaktifkan"):
        return
    with ctx.sessions.begin() as s:
        application = _get(s, registration)
        row = queue_deactivation_notice(ctx, s, application, view)
        add_event(s, application, actor, "akun_spse_harus_dinonaktifkan", at=ctx.clock(),
                  user_id=view.user_id)
    ctx.outbox.deliver(row.id)


def _known_account(ctx: Context, registration: str, answer: dict[str, Any]) -> list[str]:
    user_id = usable_user_id(str(answer.get("user_id", "")))
    if user_id is None:
        return ["User id tidak dapat digunakan: isikan satu kata tanpa spasi, paling banyak "
                "64 karakter, persis seperti diterima SPSE."]
    found: list[str] = []
    other = ctx.accounts.find(user_id=user_id)
    if other is not None and other.registration != registration:
        found.append(f"User id {user_id} sudah dimiliki akun atas nama {other.nama} "
                     f"(permohonan {other.registration}). Buat akun di SPSE dengan user id lain, "
                     "lalu isikan user id tersebut.")
    nip = snapshot(ctx, registration).nip
    same = ctx.accounts.find(nip=nip) if nip else None
    if same is not None and same.registration != registration:
        found.append(f"NIP {nip} sudah memiliki akun {same.user_id} (permohonan "
                     f"{same.registration}); akun kedua untuk orang yang sama tidak dibuat.")
    return found


# --- step 7 --------------------------------------------------------------------------------

def current_reveal(ctx: Context, registration: str) -> int | None:
    """The number of the reveal whose password is held now, asked of the running service when
    this process does not hold the passwords. DeskUnavailable when none runs."""
    if ctx.holds_vault:
        return ctx.vault.current(registration)
    answer = ask(socket_path(ctx.settings.data_dir),
                 DeskRequest(op="current", registration=registration))
    return answer.sandi_ke


def _current_password(ctx: Context, registration: str, answer: dict[str, Any]) -> list[str]:
    try:
        number = int(answer.get("sandi_ke") or 0)
        current = current_reveal(ctx, registration)
    except DeskUnavailable:
        return ["berkas run tidak berjalan: kata sandi sementara hanya disimpan dalam ingatan "
                "berkas run. Jalankan berkas run, tampilkan kata sandi baru, lalu atur di SPSE."]
    except ValueError:
        return ["Nomor kata sandi (sandi_ke) harus berupa angka."]
    if current is None:
        return [f"Tidak ada kata sandi sementara yang sedang berlaku untuk {registration} "
                "(belum ditampilkan, atau hilang karena berkas run dimulai ulang). Tampilkan "
                "kata sandi baru (berkas akun sandi), atur di SPSE, lalu isikan nomornya."]
    if number != current:
        return [f"Kata sandi ke-{number} tidak berlaku lagi; yang berlaku kata sandi "
                f"ke-{current}. Atur kata sandi ke-{current} di SPSE dan isikan nomor itu."]
    return []


def answer_problems(ctx: Context, decision: Decision, registration: str,
                    answer: dict[str, Any]) -> list[str]:
    """What the records (or the running service) say against an answer (the decision's
    `checks`), in Indonesian."""
    found: list[str] = []
    if "new_account" in decision.checks:
        found += _known_account(ctx, registration, answer)
    if "current_password" in decision.checks:
        found += _current_password(ctx, registration, answer)
    return found


def account_mail_sent(ctx: Context, registration: str) -> bool:
    """An account email of the application (the first or a later one) was sent."""
    with ctx.sessions() as s:
        return s.scalar(select(OutboxMessage.id).where(
            OutboxMessage.registration == registration, SLOT_PURPOSES,
            OutboxMessage.status == Status.SENT)) is not None


def _account(ctx: Context, registration: str) -> AccountView:
    app = snapshot(ctx, registration)
    view = ctx.accounts.find(nip=app.nip) if app.nip else None
    if view is None or view.registration != registration:
        raise NotFound(f"{registration} belum memiliki akun")
    return view


def send_account_mail(ctx: Context, registration: str, decided: dict[str, Any]) -> None:
    """Form 7 answered: the account email goes at once with the password of the reveal named,
    which is then forgotten. Nothing happens when that reveal is no longer held (sent already,
    voided by a newer one, or lost in a restart): form 7 is asked again."""
    number = int(decided["isian"]["sandi_ke"])
    if not ctx.vault.confirm(registration, number):
        return
    try:
        view = _account(ctx, registration)
        with ctx.sessions.begin() as s:
            application = _get(s, registration)
            first = s.scalar(select(OutboxMessage).where(
                OutboxMessage.registration == registration,
                OutboxMessage.purpose == "akun"))
            later = s.scalar(select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.registration == registration,
                OutboxMessage.purpose.like("akun_ulang:%"))) or 0
            rows = queue_account_email(
                ctx, s, application, view,
                purpose="akun" if first is None else f"akun_ulang:{later + 1}",
                replaces=first.created_at.date() if first is not None else None)
            add_event(s, application, decided["actor"], "sandi_diatur_di_spse",
                      at=ctx.clock(), user_id=view.user_id, sandi_ke=number)
        personal = rows[0].id
        for row in rows:
            ctx.outbox.deliver(row.id)
        # the outbox's own pass may have claimed it first: wait for how it ended
        wait_until(lambda: _status(ctx, personal) != Status.SENDING,
                   ctx.settings.smtp_timeout_seconds + 5)
    finally:
        ctx.vault.forget(registration)
    if _status(ctx, personal) != Status.SENT:
        ctx.outbox.void_unsent(registration, "tidak terkirim: langkah 7 dibuka kembali dengan "
                               "kata sandi baru")


def _status(ctx: Context, outbox_id: int) -> str | None:
    with ctx.sessions() as s:
        return s.scalar(select(OutboxMessage.status).where(OutboxMessage.id == outbox_id))


def password_notes(ctx: Context, app: Snapshot) -> list[str]:
    """Form 7: how to see the password, and why a new one may be needed."""
    notes = []
    view = ctx.accounts.find(nip=app.nip) if app.nip else None
    if view is not None:
        notes.append(f"Akun di SPSE: user id {view.user_id}, atas nama {view.nama}.")
    notes.append(f"Tampilkan kata sandi sementara: berkas akun sandi {app.registration} --as "
                 "NAMA_PENGGUNA (atau tautan halaman kata sandi di bawah). Kata sandi hanya "
                 "ditampilkan sekali; --baru membuat kata sandi baru dan membatalkan yang lama. "
                 "Kata sandi hanya disimpan dalam ingatan berkas run: bila berkas run dimulai "
                 "ulang sebelum Anda mengisikan nomornya, kata sandi itu hilang dan Anda "
                 "menampilkan kata sandi baru.")
    with ctx.sessions() as s:
        earlier = s.execute(select(OutboxMessage.purpose, OutboxMessage.status).where(
            OutboxMessage.registration == app.registration, SLOT_PURPOSES)).all()
    if earlier:
        notes.append("Email informasi akun sebelumnya tidak terkirim atau tidak pasti terkirim ("
                     + ", ".join(f"{p}: {st}" for p, st in earlier) + "). Kata sandinya tidak "
                     "dikirim ulang: tampilkan kata sandi baru, atur di SPSE, lalu isikan "
                     "nomornya.")
    return notes


def _waiting_for_password(ctx: Context, registration: str) -> bool:
    app = snapshot(ctx, registration)
    return not app.closed and any(
        r.step == PASSWORD_STEP and r.phase == "" and r.ended_at is None
        for r in step_rows(ctx, registration))


def _next_number(ctx: Context, registration: str, actor: str, user_id: str, via: str) -> int:
    """Record the reveal (who, when, its number; never the password) and return its number:
    one more than any before, so numbers never repeat, also across restarts."""
    with ctx.sessions.begin() as s:
        app = _get(s, registration)
        details = s.scalars(select(Event.detail).where(
            Event.application_id == app.id, Event.kind == REVEALED)).all()
        number = 1 + max((int((d or {}).get("sandi_ke", 0)) for d in details), default=0)
        add_event(s, app, actor, REVEALED, at=ctx.clock(), sandi_ke=number, user_id=user_id,
                  melalui=via)
    return number


def reveal(ctx: Context, registration: str, username: str, *, new: bool,
           via: str = "baris perintah") -> DeskAnswer:
    """SPEC `berkas akun sandi`: show the password of the application's account once."""
    registration = registration.strip().upper()
    refused = require_admin_ppe(ctx, username)
    if refused is not None:
        return DeskAnswer(code=EXIT_REFUSED, message=refused)
    if not ctx.manual_accounts:
        return DeskAnswer(code=EXIT_REFUSED, message="Hanya untuk BERKAS_ACCOUNT_PROVIDER="
                          "spse_manual; akun embedded mengirim kata sandinya sendiri.")
    try:
        waiting = _waiting_for_password(ctx, registration)
        view = _account(ctx, registration)
    except NotFound as exc:
        return DeskAnswer(code=EXIT_REFUSED, message=str(exc))
    if not waiting:
        return DeskAnswer(code=EXIT_REFUSED, message=f"{registration} tidak sedang menunggu "
                          "kata sandi diatur di SPSE (langkah 7).")
    try:
        made = ctx.vault.reveal(
            registration, view.user_id, new=new,
            make=lambda: ctx.accounts.reset_password(view.user_id).password,
            number=lambda: _next_number(ctx, registration, username.strip(), view.user_id,
                                        via))
    except AlreadyShown as exc:
        return DeskAnswer(code=EXIT_ALREADY, sandi_ke=exc.number, message=(
            f"Kata sandi ke-{exc.number} untuk {registration} sudah ditampilkan dan tidak "
            "ditampilkan lagi. Gunakan --baru untuk membuat kata sandi baru (kata sandi "
            f"ke-{exc.number} tidak berlaku lagi)."))
    ctx.outbox.void_unsent(registration, f"kata sandi ke-{made.number} ditampilkan: "
                           "email sebelumnya tidak dikirim")
    return DeskAnswer(code=EXIT_SHOWN, sandi_ke=made.number, password=made.password,
                      message=(f"Kata sandi sementara akun {view.user_id} ({registration}). "
                               "Atur di SPSE (reset password, wajib diganti saat pertama kali "
                               f"masuk), lalu: berkas approve {registration} --step "
                               f"{PASSWORD_STEP} --as NAMA sandi_ke={made.number} "
                               "sandi_sudah_diatur_di_spse=true"))


def handle(ctx: Context, request: DeskRequest) -> DeskAnswer:
    """The running service's answer to `berkas akun sandi` and `berkas approve`."""
    try:
        if request.op == "current":
            return DeskAnswer(code=0, sandi_ke=ctx.vault.current(request.registration.upper()))
        return reveal(ctx, request.registration, request.username, new=request.new)
    except Exception as exc:  # never let one request stop the desk; no secret in the text
        return DeskAnswer(code=EXIT_REFUSED, message=f"gagal: {type(exc).__name__}")

