"""Letters berkas writes as the LPSE: their numbers and their PDFs.

A letter number comes from `BERKAS_LETTER_NUMBER_PATTERN` and a yearly counter in the database
that only grows, inside the caller's transaction. The number is kept per (registration, purpose):
drawing the same letter again (after a crash, for a preview of what was sent) gives the same
number, and no two letters ever share one, even if the pattern is changed mid-year.
"""

from __future__ import annotations

import string
from datetime import date, datetime
from typing import Any

from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from berkas.core.settings import Settings
from berkas.outgoing.letterpdf import Letter, Letterhead, Signatory, letter_pdf
from berkas.outgoing.render import render_letter
from berkas.store.models import IssuedLetter, LetterCounter, bump_year_counter
from extractors.dates import month_roman

PATTERN_KEYS = frozenset({"seq", "year", "month", "month_roman", "registration"})


def check_pattern(pattern: str) -> None:
    keys = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    if "seq" not in keys:
        raise ValueError(f"letter number pattern needs {{seq}} to be unique: {pattern!r}")
    unknown = keys - PATTERN_KEYS
    if unknown:
        raise ValueError(f"letter number pattern has unknown fields {sorted(unknown)}")


def _bump(session: Session, year: int) -> int:
    return bump_year_counter(session, LetterCounter, year)


def issue_number(session: Session, pattern: str, registration: str, purpose: str,
                 when: datetime) -> str:
    """The letter number for (registration, purpose): the one it already has, else a new one."""
    check_pattern(pattern)
    existing = session.scalar(select(IssuedLetter.number).where(
        IssuedLetter.registration == registration, IssuedLetter.purpose == purpose))
    if existing is not None:
        return existing
    while True:
        seq = _bump(session, when.year)
        number = pattern.format(seq=seq, year=when.year, month=when.month,
                                month_roman=month_roman(when.month), registration=registration)
        try:
            with session.begin_nested():
                session.add(IssuedLetter(number=number, year=when.year, seq=seq,
                                         registration=registration, purpose=purpose,
                                         issued_at=when))
            return number
        except IntegrityError:
            taken = session.scalar(select(IssuedLetter.number).where(
                IssuedLetter.registration == registration, IssuedLetter.purpose == purpose))
            if taken is not None:  # a concurrent writer issued this very letter
                return taken
            # the pattern was changed and made a number given before: take the next one


def letterhead(settings: Settings) -> Letterhead:
    return Letterhead(institution=settings.letterhead_institution,
                      unit_lines=settings.letterhead_unit.splitlines(),
                      address_lines=settings.letterhead_address.splitlines(),
                      logo=settings.letterhead_logo)


def signatory(settings: Settings) -> Signatory:
    return Signatory(title=settings.kepala_lpse_title, name=settings.kepala_lpse_name,
                     rank=settings.kepala_lpse_rank, nip=settings.kepala_lpse_nip)


def letter_context(settings: Settings, **values: Any) -> dict[str, Any]:
    return {"lpse_name": settings.lpse_name, "kepala_lpse_title": settings.kepala_lpse_title,
            **values}


def make_letter_pdf(env: Environment, settings: Settings, name: str, number: str, day: date,
                    context: dict[str, Any]) -> bytes:
    content = render_letter(env, name, letter_context(settings, **context))
    letter = Letter(number=number, place=settings.letter_city, day=day, content=content,
                    signatory=signatory(settings))
    return letter_pdf(letter, letterhead(settings))


def jawaban_permohonan(session: Session, env: Environment, settings: Settings,
                       registration: str, when: datetime, context: dict[str, Any]
                       ) -> tuple[str, bytes]:
    """The Surat Jawaban Permohonan Pembuatan Akun (SOP step 2): its number and its PDF.
    `context`: pimpinan_jabatan, instansi, surat_nomor, surat_tanggal, surat_perihal, received,
    nama, nip (see templates/surat/jawaban_permohonan.txt)."""
    number = issue_number(session, settings.letter_number_pattern, registration,
                          "surat_jawaban", when)
    pdf = make_letter_pdf(env, settings, "jawaban_permohonan", number, when.date(),
                          {"registration": registration, **context})
    return number, pdf
