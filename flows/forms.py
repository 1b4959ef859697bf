"""The decisions people take, as typed forms (`RunInput`): the Prefect UI renders them on a
suspended flow run, `berkas approve` fills them from KEY=VALUE. Labels are Indonesian
(`Field(title=…)`); a field without a default is required. Rules a JSON Schema cannot say
(a rejection needs a reason, "lengkap" needs a valid NIP) are in `problems()`: the flow asks
again with the reason when an answer breaks them, `berkas approve` refuses it with exit 4."""

from __future__ import annotations

from typing import Any, Literal

from prefect.input import RunInput
from pydantic import Field, ValidationError

FIELD_TITLES = {
    "nama": "Nama lengkap dengan gelar (sesuai formulir)",
    "nip": "NIP / NI PPPK (18 digit)",
    "jabatan": "Jabatan",
    "instansi": "Instansi",
    "satuan_kerja": "Satuan kerja / perangkat daerah",
    "email": "Alamat email (tujuan informasi akun)",
    "telepon": "Nomor telepon",
}


class Disposisi(RunInput):
    """Step 2: the Kepala LPSE answers the agency's letter and passes the berkas on."""
    teruskan: bool = Field(title="Teruskan (disposisi) kepada Admin PPE dan kirim Surat Jawaban")
    ditujukan_kepada: str = Field(title="Surat Jawaban ditujukan kepada (jabatan pimpinan "
                                        "instansi)")
    alasan_penolakan: str = Field("", title="Alasan penolakan (wajib bila tidak diteruskan)")
    nama_pemutus: str = Field(title="Nama Anda (Kepala LPSE)")


class Verifikasi(RunInput):
    """Step 3: the Admin PPE confirms the automatic verdict, the copies and every field."""
    hasil: Literal["lengkap", "tidak_lengkap", "ditolak", "dibatalkan"] = Field(
        title="Hasil pemeriksaan berkas")
    salinan_sesuai_asli: bool = Field(title="Dokumen salinan sesuai dengan aslinya")
    nama: str = Field(title=FIELD_TITLES["nama"])
    nip: str = Field(title=FIELD_TITLES["nip"])
    jabatan: str = Field(title=FIELD_TITLES["jabatan"])
    instansi: str = Field(title=FIELD_TITLES["instansi"])
    satuan_kerja: str = Field(title=FIELD_TITLES["satuan_kerja"])
    email: str = Field(title=FIELD_TITLES["email"])
    telepon: str = Field(title=FIELD_TITLES["telepon"])
    kekurangan_tambahan: str = Field("", title="Kekurangan lain yang harus dilengkapi pemohon "
                                               "(satu per baris)")
    alasan: str = Field("", title="Alasan (wajib bila ditolak atau dibatalkan)")
    nama_pemutus: str = Field(title="Nama Anda (Admin PPE)")


class TungguPemohon(RunInput):
    """Step 5: waiting for the applicant. The system answers `periksa_ulang` when something new
    arrives and `tutup_tidak_lengkap` when the time allowed has passed; staff may too."""
    tindakan: Literal["periksa_ulang", "tutup_tidak_lengkap", "dibatalkan"] = Field(
        title="Tindakan")
    alasan: str = Field("", title="Alasan (wajib bila dibatalkan)")
    nama_pemutus: str = Field(title="Nama Anda")


class AkunSudahAda(RunInput):
    """Step 6: the NIP or user id already has an account from another application."""
    tindakan: Literal["ditolak", "perbaiki_data"] = Field(
        title="Tindakan (tolak permohonan, atau kembali ke pemeriksaan untuk memperbaiki data)")
    alasan: str = Field("", title="Alasan (wajib bila ditolak)")
    nama_pemutus: str = Field(title="Nama Anda (Admin PPE)")


class KonfirmasiPelatihan(RunInput):
    """Step 6: the account is activated only once its holder attended the SPSE training."""
    sudah_mengikuti_pelatihan: bool = Field(title="Yang bersangkutan sudah mengikuti pelatihan "
                                                  "aplikasi SPSE")
    tanggal_pelatihan: str = Field("", title="Tanggal pelatihan (TTTT-BB-HH)")
    nama_pemutus: str = Field(title="Nama Anda (Admin PPE)")


# step -> form; "6" is the training confirmation, "6a" the duplicate account question
FORMS: dict[str, type[RunInput]] = {
    "2": Disposisi, "3": Verifikasi, "5": TungguPemohon, "6": KonfirmasiPelatihan,
    "6a": AkunSudahAda,
}
DECIDER = "nama_pemutus"


def schema(form: type[RunInput]) -> dict[str, Any]:
    return form.model_json_schema()


def parse(form: type[RunInput], data: dict[str, Any], verdict: dict[str, Any] | None = None
          ) -> tuple[RunInput | None, list[str]]:
    """The answer as the form's model, or the reasons it cannot be (Indonesian)."""
    try:
        answer = form.model_validate(data)
    except ValidationError as exc:
        reasons = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            title = form.model_fields[where].title if where in form.model_fields else where
            reasons.append(f"{title}: {_error_text(error)}")
        return None, reasons
    return answer, problems(answer, verdict)


def _error_text(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "wajib diisi"
    if kind == "literal_error":
        return "pilihan tidak dikenal (" + str(error.get("ctx", {}).get("expected", "")) + ")"
    if kind.startswith("bool"):
        return "harus true atau false"
    return "isian tidak sah"


def problems(answer: RunInput, verdict: dict[str, Any] | None = None) -> list[str]:
    """What makes an answer unusable though its types are right (`verdict`: the automatic
    one, which a "tidak_lengkap" without deficiencies of its own relies on)."""
    from extractors.nip import is_valid
    from extractors.normalize import normalize_email, normalize_phone

    found: list[str] = []
    data = answer.model_dump()
    if not str(data.get(DECIDER, "")).strip():
        found.append("Nama yang memutuskan wajib diisi.")
    if isinstance(answer, Disposisi) and not answer.teruskan \
            and not answer.alasan_penolakan.strip():
        found.append("Alasan penolakan wajib diisi bila berkas tidak diteruskan.")
    if isinstance(answer, Disposisi) and answer.teruskan and not answer.ditujukan_kepada.strip():
        found.append("Tujuan Surat Jawaban wajib diisi.")
    if isinstance(answer, Verifikasi):
        if answer.hasil == "tidak_lengkap" and not answer.kekurangan_tambahan.strip() and \
                not (verdict or {}).get("deficiencies"):
            found.append("Berkas tidak lengkap: tuliskan kekurangan yang harus dilengkapi "
                         "(pemeriksaan otomatis tidak menemukan kekurangan).")
        if answer.hasil in ("ditolak", "dibatalkan") and not answer.alasan.strip():
            found.append("Alasan wajib diisi bila berkas ditolak atau dibatalkan.")
        if answer.hasil == "lengkap":
            if not answer.salinan_sesuai_asli:
                found.append("Berkas hanya dapat dinyatakan lengkap bila dokumen salinan sesuai "
                             "dengan aslinya.")
            for key, title in FIELD_TITLES.items():
                if not str(data[key]).strip():
                    found.append(f"{title} wajib diisi bila berkas lengkap.")
            nip = "".join(ch for ch in answer.nip if ch.isdigit())
            if answer.nip.strip() and not is_valid(nip):
                found.append(f"NIP {answer.nip} tidak sah (18 digit: tanggal lahir, TMT, jenis "
                             "kelamin, nomor urut).")
            if answer.email.strip() and not normalize_email(answer.email).valid:
                found.append(f"Alamat email {answer.email} tidak dapat digunakan.")
            if answer.telepon.strip() and not normalize_phone(answer.telepon).valid:
                found.append(f"Nomor telepon {answer.telepon} tidak sah.")
    if isinstance(answer, TungguPemohon | AkunSudahAda) and \
            answer.tindakan in ("dibatalkan", "ditolak") and not answer.alasan.strip():
        found.append("Alasan wajib diisi.")
    return found


def verified_fields(answer: Verifikasi) -> dict[str, str]:
    """The seven fields as they go into the account: NIP digits only, email lower-case,
    telephone digits with a leading 0."""
    from extractors.normalize import normalize_email, normalize_phone

    return {"nama": answer.nama.strip(), "nip": "".join(c for c in answer.nip if c.isdigit()),
            "jabatan": answer.jabatan.strip(), "instansi": answer.instansi.strip(),
            "satuan_kerja": answer.satuan_kerja.strip(),
            "email": normalize_email(answer.email).value or answer.email.strip().lower(),
            "telepon": normalize_phone(answer.telepon).value or answer.telepon.strip()}
