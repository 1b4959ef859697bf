"""Typed configuration. Precedence: environment (BERKAS_*), then `berkas.toml` in the data
directory, then the defaults below. Secrets come only from the environment (or a *_FILE the
environment names, outside the repository), never from berkas.toml."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from extractors.options import ReadOptions

SECRET_FIELDS = ("imap_password", "smtp_password")
Security = Literal["ssl", "starttls", "none"]


def _data_dir_from_env() -> Path:
    return Path(os.environ.get("BERKAS_DATA_DIR", ".berkas"))


class _TomlWithoutSecrets(TomlConfigSettingsSource):
    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        leaked = [key for key in values if key in SECRET_FIELDS]
        if leaked:
            raise ValueError(
                f"berkas.toml must not hold secrets ({', '.join(leaked)}): set them in the "
                "environment (BERKAS_IMAP_PASSWORD) or name a file outside the repository "
                "(BERKAS_IMAP_PASSWORD_FILE)"
            )
        return values


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BERKAS_", extra="ignore")

    # Folders and stores
    data_dir: Path = Path(".berkas")
    inbox_dir: Path = Path("inbox")
    archive_dir: Path = Path("archive")
    database_url: str | None = None  # default: SQLite in the data directory
    timezone: str = "Asia/Makassar"

    # Mailbox (IMAP) and sending (SMTP)
    imap_host: str | None = None
    imap_port: int | None = None
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_password_file: Path | None = None
    imap_security: Security = "ssl"
    imap_folder: str = "INBOX"
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_password_file: Path | None = None
    smtp_security: Security = "starttls"
    mail_from: str = "lpse@localhost"
    kepala_lpse_email: str = "kepala.lpse@localhost"
    admin_ppe_email: str = "admin.ppe@localhost"

    # Reading (OCR) and the limits that keep hostile input cheap
    ocr_languages: str = "ind"  # README, Figures: eng beside it bought no accuracy, cost ~30%
    ocr_dpi: int = Field(default=300, ge=72, le=600)
    ocr_workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    ocr_slots: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    ocr_slots_dir: Path = Path("/tmp/berkas-ocr-slots")
    max_file_bytes: int = ReadOptions.model_fields["max_file_bytes"].default
    max_total_bytes: int = ReadOptions.model_fields["max_total_bytes"].default
    max_pages: int = ReadOptions.model_fields["max_pages"].default
    max_pixels: int = ReadOptions.model_fields["max_pixels"].default
    max_archive_members: int = ReadOptions.model_fields["max_archive_members"].default
    max_depth: int = ReadOptions.model_fields["max_depth"].default
    max_seconds_per_file: float = ReadOptions.model_fields["max_seconds_per_file"].default

    # Intake: mailbox folders, IDLE/polling, reconnect; the scan folder (see berkas/intake/)
    imap_processed_folder: str = "Berkas-Diproses"  # created if missing
    imap_staff_folder: str = "Untuk-Staf"  # questions, spam, bounces, auto-replies: never answered
    imap_ca_file: Path | None = None  # extra CA certificate to trust (self-signed servers)
    imap_timeout_seconds: float = Field(30.0, gt=0)
    imap_idle_seconds: float = Field(300.0, gt=0)  # re-issue IDLE at least this often
    imap_poll_seconds: float = Field(30.0, gt=0)  # when the server does not offer IDLE
    imap_backoff_max_seconds: float = Field(300.0, gt=0)  # reconnect delay doubles up to this
    # a message whose filing fails (not a lost connection) is tried on this many passes, then
    # quarantined: archived as refused with the reason, moved to the staff folder
    intake_max_attempts: int = Field(3, ge=1)
    scan_done_dir: Path = Path("inbox-diproses")  # taken scans, after they are archived
    scan_refused_dir: Path = Path("inbox-ditolak")  # what cannot be taken, beside a reason file
    scan_stable_seconds: float = Field(5.0, ge=0)  # size and mtime unchanged this long
    scan_polling: bool = False  # PollingObserver, for network shares where inotify sees nothing
    scan_poll_seconds: float = Field(2.0, gt=0)

    # Outgoing mail: the outbox and its SMTP adapter (berkas/outgoing/)
    smtp_ca_file: Path | None = None  # extra CA certificate to trust (self-signed servers)
    smtp_timeout_seconds: float = Field(30.0, gt=0)
    smtp_retry_base_seconds: float = Field(60.0, gt=0)  # first retry delay, doubling each time
    smtp_retry_max_seconds: float = Field(3600.0, gt=0)
    smtp_max_attempts: int = Field(24, ge=1)  # then the message waits for staff
    templates_dir: Path | None = None  # default: templates/ of the installed project

    # Letters (naskah dinas): letterhead, signatory, letter number
    lpse_name: str = "LPSE Provinsi Kalimantan Timur"
    letterhead_institution: str = "PEMERINTAH PROVINSI KALIMANTAN TIMUR"
    letterhead_unit: str = "SEKRETARIAT DAERAH\nBIRO PENGADAAN BARANG/JASA"
    letterhead_address: str = ("Jalan Gajah Mada Nomor 2, Samarinda, Kalimantan Timur 75121\n"
                               "Laman: lpse.kaltimprov.go.id, Pos-el: lpse@kaltimprov.go.id")
    letterhead_logo: Path | None = None  # PNG or JPEG, printed left of the letterhead
    letter_city: str = "Samarinda"
    letter_number_pattern: str = "000.3/{seq:04d}/B.PBJ-LPSE/{month_roman}/{year}"
    kepala_lpse_title: str = "Kepala LPSE Provinsi Kalimantan Timur"
    kepala_lpse_name: str = "Nama Kepala LPSE"
    kepala_lpse_rank: str = "Pembina Utama Muda (IV/c)"
    kepala_lpse_nip: str = "000000000000000000"

    # Accounts (berkas/accounts/): who holds them, user id convention, temporary password policy
    account_provider: Literal["embedded", "spse_manual"] = "embedded"  # spse_manual: a real LPSE
    account_user_id_pattern: str = "{nip}"  # also {nama} (first name, a-z) and {registration}
    account_password_length: int = Field(14, ge=12, le=64)
    account_password_valid_days: int = Field(7, ge=1)  # the temporary password expires after
    spse_login_url: str = "https://spse.inaproc.id/kaltimprov"  # login address in the account email
    training_info: str = (  # what the training reminder tells the applicant (formal Indonesian)
        "Jadwal dan tata cara pendaftaran pelatihan penggunaan aplikasi SPSE bagi Admin Agency "
        "diumumkan melalui laman LPSE. Untuk informasi lebih lanjut, silakan menghubungi "
        "layanan bantuan (helpdesk) LPSE pada hari dan jam kerja.")

    # The procedure (berkas/procedure/): working time for mutu baku, reminders, closing
    work_days: list[int] = [1, 2, 3, 4, 5]  # ISO weekdays counted as working days (Mon=1)
    work_hours: str = "08:00-16:00"  # WITA; the only hours counted against a standard time
    holidays: list[str] = []  # YYYY-MM-DD, national and cuti bersama days
    holidays_file: Path | None = None  # one YYYY-MM-DD per line (# comments), added to holidays
    decision_reminder_minutes: float = Field(60.0, gt=0)  # working minutes before a reminder
    applicant_reminder_days: int = Field(7, ge=1)  # waiting for the applicant: remind after
    applicant_close_days: int = Field(14, ge=1)  # then close as never completed after
    training_reminder_days: int = Field(7, ge=1)  # account waits for training: remind every
    watch_seconds: float = Field(60.0, gt=0)  # how often reminders and deadlines are looked at

    # The service (`berkas run`): where it listens
    bind_host: str = "127.0.0.1"  # Prefect UI/API and the document viewer; loopback by default
    prefect_port: int = Field(4200, ge=1, le=65535)
    viewer_port: int = Field(4280, ge=1, le=65535)
    public_url: str | None = None  # base URL reviewers use for the viewer, if not bind_host
    # The Prefect server itself, behind the login: loopback only, needs the per-run secret
    prefect_internal_port: int = Field(4201, ge=1, le=65535)
    # Staff logins (berkas/store/staff.py, berkas/web/auth.py)
    session_idle_minutes: float = Field(30.0, gt=0)  # a session unused this long ends
    session_max_hours: float = Field(10.0, gt=0)  # and any session after this long
    login_max_failures: int = Field(5, ge=1)  # refused logins of one account from one address
    login_lockout_minutes: float = Field(15.0, gt=0)  # ... within this long lock it there
    tls_cert_file: Path | None = None  # the staff UI over HTTPS (required off loopback)
    tls_key_file: Path | None = None
    # With no mailbox configured, `berkas run` starts a demo mailbox and SMTP server on loopback
    demo_imap_port: int = Field(14143, ge=1, le=65535)  # the demo mailbox (IMAP, no TLS)
    demo_smtp_port: int = Field(14025, ge=1, le=65535)  # the demo SMTP server that keeps mail

    @model_validator(mode="after")
    def _secrets_from_files(self) -> Settings:
        for name in SECRET_FIELDS:
            path = getattr(self, f"{name}_file")
            if getattr(self, name) is None and path is not None:
                setattr(self, name, SecretStr(Path(path).read_text(encoding="utf-8").strip()))
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = _TomlWithoutSecrets(settings_cls, toml_file=_data_dir_from_env() / "berkas.toml")
        return (init_settings, env_settings, toml)

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'berkas.db').resolve()}"

    def read_options(self) -> ReadOptions:
        return ReadOptions(
            languages=self.ocr_languages,
            dpi=self.ocr_dpi,
            ocr_workers=min(self.ocr_workers, self.ocr_slots),
            max_file_bytes=self.max_file_bytes,
            max_total_bytes=self.max_total_bytes,
            max_pages=self.max_pages,
            max_pixels=self.max_pixels,
            max_archive_members=self.max_archive_members,
            max_depth=self.max_depth,
            max_seconds_per_file=self.max_seconds_per_file,
        )


def load_settings(**overrides: Any) -> Settings:
    return Settings(**overrides)
