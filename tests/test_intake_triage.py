"""Triage from headers and content: automatic mail is never an application nor answered."""

from __future__ import annotations

import pytest

from berkas.intake.triage import (
    Kind,
    facts_from_bytes,
    registration_tag,
    triage_content,
    triage_headers,
)
from tests.fixturegen.emails import message

SENDER = "Siti <siti@dinas.go.id>"


def _decide(raw: bytes, known=("REG-2026-00042",), sent=None):
    return triage_headers(facts_from_bytes(raw), registration_exists=lambda r: r in known,
                          registration_of_sent=lambda ids: sent if sent else None,
                          own_addresses=["lpse@kaltimprov.go.id"])


def _with(header: str, raw: bytes) -> bytes:
    return header.encode() + b"\r\n" + raw


@pytest.mark.parametrize("raw, reason", [
    (_with("Auto-Submitted: auto-replied", message(subject="Re: [REG-2026-00042] Berkas",
                                                   sender=SENDER, text="Cuti")), "Auto-Submitted"),
    (_with("Precedence: bulk", message(subject="Buletin", sender=SENDER, text="x")), "Precedence"),
    (message(subject="Automatic reply: Permohonan", sender=SENDER, text="x"), "otomatis"),
    (message(subject="Balasan Otomatis: Permohonan", sender=SENDER, text="x"), "otomatis"),
    (message(subject="Undeliverable: [REG-2026-00042]", sender="postmaster@dinas.go.id",
             text="x"), "bounce"),
    (_with("Return-Path: <>", message(subject="Mail delivery failed", sender=SENDER, text="x")),
     "bounce"),
    (_with("X-Spam-Flag: YES", message(subject="Hadiah", sender=SENDER, text="x")), "spam"),
    (_with("List-Id: <pengumuman.lkpp.go.id>", message(subject="Info", sender=SENDER, text="x")),
     "milis"),
    (message(subject="Kelengkapan [REG-2026-00042]", sender="lpse@kaltimprov.go.id", text="x"),
     "sendiri"),
])
def test_automatic_mail_goes_to_staff(raw, reason):
    decided = _decide(raw)
    assert decided.kind == Kind.OTHER and reason in decided.reason


def test_reply_by_tag_or_by_thread_and_unknown_tag_is_not_a_reply():
    tagged = message(subject="RE: [reg-2026-00042] kekurangan", sender=SENDER, text="x")
    assert _decide(tagged).registration == "REG-2026-00042"
    threaded = message(subject="Re: Kelengkapan", sender=SENDER, text="x",
                       in_reply_to="<abc@lpse>")
    assert _decide(threaded, sent="REG-2026-00007").registration == "REG-2026-00007"
    unknown = message(subject="Re: [REG-2026-09999] berkas", sender=SENDER, text="x")
    assert _decide(unknown) is None  # read it first: it may still be a berkas
    assert registration_tag("Re: REG-2026-00042 tanpa kurung") is None


def test_content_decides_between_berkas_and_question():
    facts = facts_from_bytes(message(subject="Permohonan akun", sender=SENDER, text="x"))
    assert triage_content(facts, document_types=["formulir"], has_links=False, attachments=1,
                          body="").kind == Kind.NEW
    assert triage_content(facts, document_types=[], has_links=True, attachments=0,
                          body="berkas di tautan").kind == Kind.NEW
    question = facts_from_bytes(message(subject="Tanya jadwal pelatihan", sender=SENDER,
                                        text="x"))
    assert triage_content(question, document_types=["lainnya"], has_links=False,
                          attachments=1, body="Kapan pelatihan SPSE?").kind == Kind.OTHER
