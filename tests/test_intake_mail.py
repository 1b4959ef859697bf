"""The mailbox, against a real Dovecot: triage, archive, records, the move, duplicates, IDLE."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from email.utils import make_msgid
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from berkas.cli.service import status_rows
from berkas.core.clock import now
from berkas.intake.service import Service
from berkas.store.models import Application, IntakeItem, SentMessage
from tests.dovecot import dovecot  # noqa: F401  (session fixture)
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import Attachment, berkas_email, message
from tests.fixturegen.render import to_pdf
from tests.intake_env import intake_settings, manifest_files

WITA = ZoneInfo("Asia/Makassar")
PROCESSED, STAFF = "Berkas-Diproses", "Untuk-Staf"


@pytest.fixture(scope="module")
def complete():
    return berkas_email(make_berkas(11), "pdf_each")


@pytest.fixture(scope="module")
def split_berkas():
    """One berkas sent as an email without the cover letter, and the letter on its own."""
    b = make_berkas(12)
    first = {d.filename: to_pdf([d], b.font) for d in b.documents
             if d.doc_type != "surat_permohonan"}
    letter = b.get("surat_permohonan")
    return b, first, (letter.filename, to_pdf([letter], b.font))


def _others() -> dict[str, bytes]:
    """Mail the LPSE mailbox gets that is not an application."""
    sender = "Budi <budi@dinas.go.id>"
    out_of_office = message(subject="Automatic reply: Permohonan Akun", sender=sender,
                            text="Saya sedang cuti sampai 30 Oktober.")
    out_of_office = out_of_office.replace(
        b"Subject:", b"Auto-Submitted: auto-replied\r\nSubject:", 1)
    bounce = message(subject="Undelivered Mail Returned to Sender",
                     sender="MAILER-DAEMON@mail.dinas.go.id", text="Delivery failed")
    question = message(subject="Tanya jadwal pelatihan SPSE", sender=sender,
                       text="Selamat pagi, kapan jadwal pelatihan SPSE berikutnya? Terima kasih.")
    spam = message(subject="Pinjaman cepat tanpa agunan", sender="promo@murah.example",
                   text="Klik di sini")
    spam = spam.replace(b"Subject:", b"X-Spam-Flag: YES\r\nSubject:", 1)
    return {"auto": out_of_office, "bounce": bounce, "question": question, "spam": spam}


def _service(tmp_path, dovecot, user, security="none"):  # noqa: F811
    return Service(intake_settings(tmp_path, dovecot.env(user, security)))


@pytest.mark.parametrize("security", ["none", "starttls", "ssl"])
def test_mailbox_sorted_and_archived_exactly_once(tmp_path, dovecot, complete, security):  # noqa: F811
    user = dovecot.new_user()
    others = _others()
    dovecot.deliver(user, complete.eml, *others.values())
    service = _service(tmp_path, dovecot, user, security)

    outcomes = service.poll_once()
    assert sorted(o.disposition for o in outcomes) == ["new", "other", "other", "other", "other"]

    [app] = status_rows(settings=service.settings)
    assert app["state"] == "lengkap" and app["deficiencies"] == []
    assert app["nip"] == complete.berkas.person.nip
    folder = tmp_path / "archive" / "2026" / app["registration"]
    assert app["archive"] == str(folder.resolve())
    assert (folder / "01-surel" / "pesan.eml").read_bytes() == complete.eml
    for name, data in complete.files.items():
        assert (folder / "01-surel" / name).read_bytes() == data
    assert dovecot.folder_bytes(user, "INBOX") == []
    assert dovecot.folder_bytes(user, PROCESSED) == [complete.eml]
    assert sorted(dovecot.folder_bytes(user, STAFF)) == sorted(others.values())
    assert not [f for f in manifest_files(tmp_path / "archive") if f["role"] == "surel"
                and f["sha256"] != manifest_files(tmp_path / "archive")[0]["sha256"]]

    assert service.poll_once() == []  # nothing taken twice
    assert len(status_rows(settings=service.settings)) == 1


def test_reply_with_tag_completes_the_application(tmp_path, dovecot, split_berkas):  # noqa: F811
    b, first, (letter_name, letter) = split_berkas
    user = dovecot.new_user()
    sender = f"{b.person.bare_name} <{b.person.email}>"
    first_mail = message(subject="Permohonan Akun Admin Agency", sender=sender,
                         text="Terlampir berkas permohonan.",
                         attachments=[Attachment(n, d) for n, d in first.items()])
    dovecot.deliver(user, first_mail)
    service = _service(tmp_path, dovecot, user)
    [new] = service.poll_once()
    [app] = status_rows(settings=service.settings)
    assert app["state"] == "tidak_lengkap"
    assert [d["code"] for d in app["deficiencies"]] == ["missing:surat_permohonan"]

    reply = message(subject=f"Re: [{new.registration}] Kelengkapan berkas", sender=sender,
                    text="Berikut surat permohonan yang kurang.",
                    attachments=[Attachment(letter_name, letter)])
    dovecot.deliver(user, reply)
    [answer] = service.poll_once()
    assert (answer.disposition, answer.registration) == ("reply", new.registration)
    [app] = status_rows(new.registration, settings=service.settings)
    assert app["state"] == "lengkap" and app["deficiencies"] == []
    folder = tmp_path / "archive" / "2026" / new.registration
    assert (folder / "02-surel" / "pesan.eml").read_bytes() == reply
    assert (folder / "02-surel" / letter_name).read_bytes() == letter
    kinds = [e["kind"] for e in app["events"]]
    assert kinds.count("berkas_diarsipkan") == 2 and kinds.count("diperiksa") == 2
    assert all(e["at"].endswith("+08:00") and e["actor"] for e in app["events"])


def test_threaded_reply_and_mail_for_a_closed_application(tmp_path, dovecot, split_berkas):  # noqa: F811
    b, first, (letter_name, letter) = split_berkas
    user = dovecot.new_user()
    sender = f"{b.person.bare_name} <{b.person.email}>"
    dovecot.deliver(user, message(subject="Permohonan Akun Admin Agency", sender=sender,
                                  text="Berkas terlampir.",
                                  attachments=[Attachment(n, d) for n, d in first.items()]))
    service = _service(tmp_path, dovecot, user)
    [new] = service.poll_once()
    ours = make_msgid(domain="lpse.kaltimprov.go.id")
    with service.sessions.begin() as s:
        app = s.scalar(select(Application).where(Application.registration == new.registration))
        s.add(SentMessage(application_id=app.id, message_id=ours, sent_at=now(),
                          kind="permintaan_kelengkapan"))
    # no tag in the subject: threaded only by In-Reply-To
    dovecot.deliver(user, message(subject="Re: Kelengkapan berkas", sender=sender,
                                  text="Terlampir.", in_reply_to=ours,
                                  attachments=[Attachment(letter_name, letter)]))
    [threaded] = service.poll_once()
    assert (threaded.disposition, threaded.registration) == ("reply", new.registration)
    with service.sessions.begin() as s:
        app = s.scalar(select(Application).where(Application.registration == new.registration))
        assert app.state == "lengkap"
        app.state = "selesai"  # closed by a later step
    late = message(subject=f"Re: [{new.registration}] terima kasih", sender=sender,
                   text="Satu lampiran lagi.", attachments=[Attachment("ktp.pdf", letter)])
    dovecot.deliver(user, late)
    [answer] = service.poll_once()
    assert answer.registration == new.registration
    [row] = status_rows(new.registration, settings=service.settings)
    assert row["state"] == "selesai" and row["needs_attention"] is True
    assert "perlu_perhatian" in [e["kind"] for e in row["events"]]
    folder = tmp_path / "archive" / "2026" / new.registration
    assert (folder / "03-surel" / "pesan.eml").read_bytes() == late
    assert dovecot.folder_bytes(user, STAFF) == []  # nothing was left unfiled


def test_duplicates_by_uid_hash_and_message_id(tmp_path, dovecot, complete):  # noqa: F811
    user = dovecot.new_user()
    dovecot.deliver(user, complete.eml, complete.eml)  # the same message delivered twice
    service = _service(tmp_path, dovecot, user)
    assert sorted(o.disposition for o in service.poll_once()) == ["duplicate", "new"]
    # the same Message-ID again, relayed with one more header: still the same message
    relayed = b"Received: from relay.example by mx.example; Tue, 20 Oct 2026 09:00:00 +0800\r\n" \
        + complete.eml
    dovecot.deliver(user, relayed)
    assert [o.disposition for o in service.poll_once()] == ["duplicate"]
    # the processed message copied into another folder (new UIDVALIDITY, new UID)
    with dovecot.box(user) as box:
        box.folder.create("Arsip-Lama")
        box.folder.set(PROCESSED)
        box.copy(box.uids()[:1], "Arsip-Lama")
    other = Service(intake_settings(tmp_path, dovecot.env(user), imap_folder="Arsip-Lama"))
    assert [o.disposition for o in other.poll_once()] == ["duplicate"]
    assert len(status_rows(settings=service.settings)) == 1
    emls = [f for f in manifest_files(tmp_path / "archive") if f["role"] == "surel"]
    assert len(emls) == 1
    assert len(dovecot.folder_bytes(user, PROCESSED)) == 4  # all filed, none lost
    assert dovecot.folder_bytes(user, "Arsip-Lama") == []


def test_idle_takes_new_mail_within_seconds(tmp_path, dovecot, complete):  # noqa: F811
    user = dovecot.new_user()
    service = _service(tmp_path, dovecot, user)
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=(stop,))
    runner.start()
    try:
        time.sleep(1.0)  # connected and idling
        delivered = time.monotonic()
        dovecot.deliver(user, complete.eml)
        taken = None
        while time.monotonic() - delivered < 10:
            with service.sessions() as s:
                if s.scalar(select(IntakeItem.id).where(IntakeItem.status == "done")):
                    taken = time.monotonic() - delivered
                    break
            time.sleep(0.05)
    finally:
        stop.set()
        runner.join(timeout=15)
    assert taken is not None and taken < 3.0, taken
    assert dovecot.folder_bytes(user, PROCESSED) == [complete.eml]
    print(f"delivery to archive with IDLE: {taken:.2f} s")


def test_wrong_password_is_reported_not_swallowed(tmp_path, dovecot):  # noqa: F811
    env = dovecot.env(dovecot.new_user()) | {"BERKAS_IMAP_PASSWORD": "salah"}
    with pytest.raises(Exception, match="(?i)auth|login"):
        Service(intake_settings(tmp_path, env)).poll_once()


def test_event_times_are_wita():
    assert now().utcoffset().total_seconds() == 8 * 3600
    assert datetime.now(WITA).tzname() == "WITA"


def test_mail_arriving_between_search_and_idle_is_not_missed(tmp_path, dovecot, complete):  # noqa: F811
    from berkas.intake.mailbox import Mailbox

    user = dovecot.new_user()
    settings = intake_settings(tmp_path, dovecot.env(user))
    box = Mailbox(settings)
    box.connect()
    try:
        assert box.uids() == []  # our view: empty
        dovecot.deliver(user, complete.eml)  # arrives before we start to IDLE
        started = time.monotonic()
        box.wait(30.0, threading.Event())
        assert time.monotonic() - started < 5.0  # woken, not left waiting for the next renewal
    finally:
        box.close()
