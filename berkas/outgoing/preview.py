"""The samples `berkas preview NAME` renders any letter or email with, without a database.

Emails print their subject (with the tag), then the plain text, or the HTML with `--html`;
letters are written as PDF to `--out` (default `NAME.pdf`) with a sample Nomor. The values come
from the same context builders as what is sent (berkas/outgoing/emails.py, account_mail.py,
reminders.py, closing.py); the account email shows an obvious sample password."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from berkas.outgoing.account_mail import account_context, copy_context, deactivation_context
from berkas.outgoing.closing import closing_context
from berkas.outgoing.emails import base_context
from berkas.outgoing.reminders import applicant_context, role_context, training_context
from extractors.dates import month_roman

SAMPLE_REGISTRATION = "REG-2026-00042"
SAMPLE_RECEIVED = date(2026, 11, 24)


def _deficiencies() -> list[dict[str, str]]:
    return [
        {"code": "missing:surat_penunjukan",
         "message": "Surat Penunjukan (Surat Keputusan/Surat Tugas) sebagai "
         "Admin Agency belum dilampirkan. Mohon lampirkan Surat Penunjukan (Surat Keputusan/Surat "
         "Tugas) sebagai Admin Agency yang telah ditandatangani dalam bentuk PDF atau hasil "
         "pindaian yang jelas."},
        {"code": "invalid:email", "file": "formulir.pdf", "message": "Alamat email pada formulir "
         "(berkas formulir.pdf) tertulis \"budi.santoso@gmail\" dan bukan alamat email yang dapat "
         "digunakan. Akun dan kata sandi akan dikirim ke alamat email tersebut, sehingga mohon "
         "kirim ulang formulir dengan alamat email aktif yang benar "
         "(contoh: nama@instansi.go.id)."},
    ]


SAMPLE_PASSWORD = "CONTOH#sandi47"  # obviously a sample: a real one is made at send time
SAMPLE_INSTANSI = "Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara"
SAMPLE_PIMPINAN = "Kepala Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara"
SAMPLE_LETTER: dict[str, Any] = {
    "pimpinan_jabatan": SAMPLE_PIMPINAN, "instansi": SAMPLE_INSTANSI,
    "surat_nomor": "027/1234/DPU-KK/XI/2026", "surat_tanggal": date(2026, 11, 17),
    "surat_perihal": "Permohonan Pembuatan Akun Admin Agency", "received": SAMPLE_RECEIVED,
    "nama": "Budi Santoso, S.T.", "nip": "198503122010011004"}
SAMPLE_NUMBER_AT = datetime(2026, 11, 24)

SAMPLES: dict[str, dict[str, Any]] = {
    "tanda_terima": {
        "kind": "email",
        "context": {"sender_name": "Budi Santoso", "instansi": SAMPLE_INSTANSI,
                    "received": SAMPLE_RECEIVED},
    },
    "permintaan_kelengkapan": {
        "kind": "email",
        "context": {"sender_name": "Budi Santoso", "instansi": SAMPLE_INSTANSI,
                    "received": SAMPLE_RECEIVED},
    },
    "surat_jawaban": {"kind": "email", "context": {}},
    "akun": {"kind": "email", "context": {}},
    "akun_ulang": {"kind": "email", "template": "akun", "context": {}},
    "akun_tembusan": {"kind": "email", "context": {}},
    "akun_nonaktifkan": {"kind": "email", "context": {}},
    "pengingat_kelengkapan": {"kind": "email", "context": {}},
    "pengingat_keputusan": {"kind": "email", "context": {}},
    "pengingat_pelatihan": {"kind": "email", "context": {}},
    "penutupan": {"kind": "email", "context": {}},
    "jawaban_permohonan": {"kind": "letter", "context": SAMPLE_LETTER},
    "penutupan_ditolak": {"kind": "letter", "context": {}},
    "penutupan_tidak_dilengkapi": {"kind": "letter", "context": {}},
    "penutupan_dibatalkan": {"kind": "letter", "context": {}},
}


def email_context(settings, name: str, **values: Any) -> dict[str, Any]:
    """What every email template is given besides its own values."""
    return base_context(settings, name, **values)


def _closing(settings, kind: str) -> dict[str, Any]:
    reasons = {"ditolak": "Surat Penunjukan yang dilampirkan menunjuk Admin Agency untuk "
                          "instansi lain, bukan untuk Dinas Pekerjaan Umum Kabupaten Kutai "
                          "Kartanegara.",
               "dibatalkan": "surat Nomor 027/1301/DPU-KK/XII/2026 tanggal 2 Desember 2026",
               "tidak_dilengkapi": None}
    return closing_context(
        settings, kind=kind, registration=SAMPLE_REGISTRATION, received=SAMPLE_RECEIVED,
        nama="Budi Santoso, S.T.", nip="198503122010011004", instansi=SAMPLE_INSTANSI,
        pimpinan_jabatan=SAMPLE_PIMPINAN, reason=reasons[kind],
        deficiencies=_deficiencies() if kind == "tidak_dilengkapi" else None,
        requested_on=date(2026, 11, 25))


def sample_context(settings, name: str) -> dict[str, Any]:
    """The values `name` is previewed with: built by the same functions as what is sent."""
    person = {"registration": SAMPLE_REGISTRATION, "nama": "Budi Santoso, S.T."}
    account = {**person, "user_id": "198503122010011004", "login_url": settings.spse_login_url,
               "expires": date(2026, 12, 1), "active": True, "password": SAMPLE_PASSWORD}
    if name == "akun":
        return account_context(settings, **account)
    if name == "akun_ulang":
        return account_context(settings, **account, replaces=SAMPLE_RECEIVED)
    if name == "akun_nonaktifkan":
        return deactivation_context(settings, registration=SAMPLE_REGISTRATION,
                                    state="dibatalkan", user_id="budi.pu.kukar",
                                    nama="Budi Santoso, S.T.", nip="198503122010011004")
    if name == "akun_tembusan":
        return copy_context(settings, **person, user_id="198503122010011004",
                            nip="198503122010011004", email="budi.santoso@pu.kukarkab.go.id",
                            instansi=SAMPLE_INSTANSI, active=True)
    if name == "pengingat_kelengkapan":
        return applicant_context(settings, registration=SAMPLE_REGISTRATION,
                                 deficiencies=_deficiencies(), close_on=date(2026, 12, 15),
                                 requested_on=date(2026, 11, 25), round=1,
                                 nama="Budi Santoso, S.T.", instansi=SAMPLE_INSTANSI)
    if name == "pengingat_keputusan":
        return role_context(settings, registration=SAMPLE_REGISTRATION, role="admin_ppe",
                            step=3, step_name="Pemeriksaan kelengkapan berkas",
                            waiting_since=datetime(2026, 11, 24, 9, 30, tzinfo=_zone(settings)),
                            standard="5 menit", link="http://127.0.0.1:4200/runs/flow-run/contoh",
                            round=1, nama="Budi Santoso, S.T.", nip="198503122010011004",
                            instansi=SAMPLE_INSTANSI)
    if name == "pengingat_pelatihan":
        return training_context(settings, registration=SAMPLE_REGISTRATION, round=1,
                                 nama="Budi Santoso, S.T.", user_id="198503122010011004")
    if name == "penutupan":
        return {**_closing(settings, "tidak_dilengkapi"),
                "letter_number": _sample_number(settings), "letter_date": SAMPLE_RECEIVED}
    if name.startswith("penutupan_"):
        return _closing(settings, name.removeprefix("penutupan_"))
    context = {"registration": SAMPLE_REGISTRATION, **SAMPLES[name]["context"]}
    if name == "surat_jawaban":
        context.update(SAMPLE_LETTER, letter_number=_sample_number(settings),
                       letter_date=SAMPLE_RECEIVED)
    if name == "permintaan_kelengkapan":
        context["deficiencies"] = _deficiencies()
    if SAMPLES[name]["kind"] == "email":
        return email_context(settings, name, **context)
    return context


def _zone(settings):
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.timezone)


def _sample_number(settings) -> str:
    when = SAMPLE_NUMBER_AT
    return settings.letter_number_pattern.format(
        seq=1, year=when.year, month=when.month, month_roman=month_roman(when.month),
        registration=SAMPLE_REGISTRATION)
