"""Configuration: environment over berkas.toml over defaults; secrets never from berkas.toml."""

from __future__ import annotations

import pytest

from berkas.core.settings import Settings, load_settings
from tests.conftest import ROOT


@pytest.fixture
def data_dir(no_local_configuration):
    return no_local_configuration


def test_precedence_environment_then_toml_then_default(data_dir, monkeypatch):
    (data_dir / "berkas.toml").write_text(
        'imap_host = "mail.toml.example"\nmax_pages = 40\nimap_folder = "Permohonan"\n')
    monkeypatch.setenv("BERKAS_MAX_PAGES", "25")
    settings = load_settings()
    assert settings.max_pages == 25  # environment wins
    assert settings.imap_host == "mail.toml.example"  # then the file
    assert settings.timezone == "Asia/Makassar"  # then the default
    assert settings.read_options().max_pages == 25


def test_secrets_are_refused_in_berkas_toml(data_dir):
    (data_dir / "berkas.toml").write_text('imap_password = "rahasia"\n')
    with pytest.raises(ValueError, match="must not hold secrets"):
        load_settings()


def test_secret_from_a_file_named_in_the_environment(data_dir, tmp_path, monkeypatch):
    secret = tmp_path / "imap-password"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("BERKAS_IMAP_PASSWORD_FILE", str(secret))
    settings = load_settings()
    assert settings.imap_password is not None
    assert settings.imap_password.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(settings)


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"BERKAS_{name.upper()}" for name in Settings.model_fields
               if f"BERKAS_{name.upper()}" not in readme]
    assert not missing, f"README lacks: {missing}"
