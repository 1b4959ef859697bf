"""Staff accounts (`berkas staff`) and the one rule of who may decide: exit codes, the password
never an argument nor kept in clear, sessions ended by a new password or disabling, and the
lockout counted per account and client address."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from berkas.store import staff
from berkas.store.database import open_database

PASSWORD = "sandi-staf-yang-panjang"


def _berkas(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BERKAS_")}
    env["BERKAS_DATA_DIR"] = str(data)
    return subprocess.run([sys.executable, "-m", "berkas.cli", "staff", *args], input=stdin,
                          env=env, capture_output=True, text=True, timeout=60)


def test_staff_command_makes_lists_disables_and_changes_passwords(tmp_path: Path) -> None:
    made = _berkas(tmp_path, "add", "kepala", "--name", "Dr. Budi Santoso, M.T.",
                   "--role", "kepala_lpse", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert made.returncode == 0, made.stderr
    assert _berkas(tmp_path, "add", "kepala", "--name", "Lain", "--role", "admin_ppe",
                   stdin=PASSWORD).returncode == 3
    short = _berkas(tmp_path, "add", "ppe", "--name", "Sari", "--role", "admin_ppe",
                    stdin="pendek\n")
    assert short.returncode == 2 and "12 karakter" in short.stderr
    differ = _berkas(tmp_path, "add", "ppe", "--name", "Sari", "--role", "admin_ppe",
                     stdin=f"{PASSWORD}\nlain-lagi-sandinya\n")
    assert differ.returncode == 2 and "tidak sama" in differ.stderr
    assert _berkas(tmp_path, "add", "ppe", "--name", "Sari", "--role", "penyihir",
                   stdin=PASSWORD).returncode == 2
    assert _berkas(tmp_path, "add", "sistem:pengawas", "--name", "Palsu", "--role", "admin_ppe",
                   stdin=PASSWORD).returncode == 2  # never one of the system's own actors
    assert _berkas(tmp_path, "add", "ppe", "--name", "Sari Dewi, S.Kom.", "--role", "admin_ppe",
                   "--role", "pengelola", stdin=PASSWORD).returncode == 0
    listed = _berkas(tmp_path, "list", "--json")
    assert '"admin_ppe",\n      "pengelola"' in listed.stdout
    assert "Dr. Budi Santoso, M.T." in listed.stdout

    sessions = open_database(f"sqlite:///{tmp_path / 'berkas.db'}")
    assert staff.require_role(sessions, "ppe", "admin_ppe").full_name == "Sari Dewi, S.Kom."
    policy = staff.Policy.of(type("S", (), {"session_idle_minutes": 30, "session_max_hours": 10,
                                            "login_max_failures": 3,
                                            "login_lockout_minutes": 15})())
    _, token = staff.login(sessions, policy, "ppe", PASSWORD, "10.0.0.5")
    assert staff.session_of(sessions, policy, token) is not None
    assert _berkas(tmp_path, "password", "ppe", stdin="sandi-baru-yang-panjang\n").returncode == 0
    assert staff.session_of(sessions, policy, token) is None  # a new password ends sessions
    _, token = staff.login(sessions, policy, "ppe", "sandi-baru-yang-panjang", "10.0.0.5")
    assert _berkas(tmp_path, "disable", "ppe").returncode == 0
    assert staff.session_of(sessions, policy, token) is None  # so does disabling
    assert _berkas(tmp_path, "disable", "tidak-ada").returncode == 3
    with pytest.raises(staff.NotAllowed, match="tidak aktif"):
        staff.require_role(sessions, "ppe", "admin_ppe")

    # nowhere in clear: the database holds argon2id hashes only
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("berkas.db*"))
    assert PASSWORD.encode() not in raw and b"sandi-baru-yang-panjang" not in raw
    assert b"$argon2id$" in raw


def test_lockout_counts_per_account_and_address(tmp_path: Path) -> None:
    sessions = open_database(f"sqlite:///{tmp_path / 'berkas.db'}")
    staff.add(sessions, "kepala", "Dr. Budi", ["kepala_lpse"], PASSWORD)
    policy = staff.Policy.of(type("S", (), {"session_idle_minutes": 30, "session_max_hours": 10,
                                            "login_max_failures": 3,
                                            "login_lockout_minutes": 15})())
    for _ in range(3):
        with pytest.raises(staff.LoginRefused) as refused:
            staff.login(sessions, policy, "kepala", "salah-salah-salah", "10.9.9.9")
        assert not refused.value.locked
    with pytest.raises(staff.LoginRefused) as refused:  # even the right password, from there
        staff.login(sessions, policy, "kepala", PASSWORD, "10.9.9.9")
    assert refused.value.locked
    # the Kepala LPSE at his own desk is not locked out by someone elsewhere
    account, _ = staff.login(sessions, policy, "kepala", PASSWORD, "127.0.0.1")
    assert account.full_name == "Dr. Budi"
    with pytest.raises(staff.NotAllowed, match="tidak memegang peran admin_ppe"):
        staff.require_role(sessions, "kepala", "admin_ppe")
    with pytest.raises(staff.NotAllowed, match="tidak dikenal"):
        staff.require_role(sessions, "siapa", "admin_ppe")
