"""The demo of `make run`: demo mailbox and SMTP server, `berkas demo` sending the samples as
applicants would, `berkas poll --once` taking them in with the states each sample is meant to
reach, and every message sent kept as an .eml."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from berkas.outgoing.smtp import SmtpConfig, SmtpTransport
from berkas.runtime import demo as demo_module
from berkas.runtime.demo import (
    SAMPLES,
    SCAN_SAMPLE,
    demo_environment,
    sample_folders,
    settings_with,
    stop_demo_environment,
)
from berkas.runtime.demo_mail import DEMO_USER, free_port
from tests.intake_env import env_for, intake_settings

BERKAS = str(Path(sys.executable).parent / "berkas")
# `berkas demo` through the real CLI once it is registered there, else through its own parser
_DEMO_ENTRY = ("import argparse, sys\nfrom berkas import cli\nfrom berkas.cli import demo\n"
               "p = cli.build_parser()\n"
               "sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))\n"
               "'demo' in sub.choices or demo.add_parser(sub)\n"
               "args = p.parse_args(sys.argv[1:])\nsys.exit(args.handler(args, p))")


def _run(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-c", _DEMO_ENTRY, *args] if args[0] == "demo" else [BERKAS, *args]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def demo(tmp_path):
    ports = {"demo_imap_port": free_port(), "demo_smtp_port": free_port()}
    settings = intake_settings(tmp_path, **ports)
    env = demo_environment(settings)
    child = {k: v for k, v in os.environ.items()
             if not k.startswith(("BERKAS_", "PREFECT_"))}
    child.update(env_for(tmp_path), **env, BERKAS_DEMO_IMAP_PORT=str(ports["demo_imap_port"]),
                 BERKAS_DEMO_SMTP_PORT=str(ports["demo_smtp_port"]),
                 PREFECT_API_URL="http://127.0.0.1:9/api")  # never a temporary server
    yield settings_with(settings, env), env, child
    mail_area = demo_module._running[0].maildir.parent
    stop_demo_environment()
    if tmp_path not in mail_area.parents:  # kept under /tmp: tmp_path is private to root
        shutil.rmtree(mail_area, ignore_errors=True)


def test_demo_environment_points_at_the_demo_servers(tmp_path, demo):
    settings, env, _ = demo
    assert settings.imap_host == "127.0.0.1" and settings.imap_port == settings.demo_imap_port
    assert settings.imap_user == DEMO_USER and settings.imap_security == "none"
    assert settings.smtp_port == settings.demo_smtp_port and settings.smtp_security == "none"
    password_file = Path(env["BERKAS_IMAP_PASSWORD_FILE"])
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert settings.imap_password.get_secret_value() == password_file.read_text().strip()
    assert "BERKAS_IMAP_PASSWORD" not in env  # the secret travels by file, not environment
    # a configured mailbox is left alone: nothing started, nothing to change
    assert demo_environment(intake_settings(tmp_path / "other", imap_host="mail.example")) == {}


def test_sent_mail_is_kept_as_eml_outside_the_lpse_mailbox(tmp_path, demo):
    settings, _, _ = demo
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = settings.mail_from, "pemohon@dinas.example", \
        "[REG-2026-0001] Tanda terima berkas"
    msg.set_content("Berkas Saudara telah kami terima.")
    transport = SmtpTransport(SmtpConfig.from_settings(settings))
    transport.send(msg.as_bytes(), settings.mail_from, ["pemohon@dinas.example", "kepala@lpse.x"])
    transport.send(msg.as_bytes(), settings.mail_from, ["kedua@dinas.example"])

    kept = sorted((tmp_path / "data" / "demo" / "terkirim").iterdir())
    assert [p.suffix for p in kept] == [".eml", ".eml"]  # no temporary file left behind
    first = message_from_bytes(kept[0].read_bytes(), policy=policy.default)
    assert first["Subject"] == "[REG-2026-0001] Tanda terima berkas"
    assert first.get_all("Delivered-To") == ["pemohon@dinas.example", "kepala@lpse.x"]
    assert "telah kami terima" in first.get_content()
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert b"kedua@dinas.example" in kept[1].read_bytes()  # arrival order is name order

    from imap_tools import MailBoxUnencrypted

    # the demo SMTP server stands for the recipients' servers: nothing sent (an account email
    # carries a password) is copied into the LPSE mailbox's own folders
    with MailBoxUnencrypted("127.0.0.1", settings.imap_port).login(
            settings.imap_user, settings.imap_password.get_secret_value()) as box:
        folders = [f.name for f in box.folder.list()]
        assert "Terkirim" not in folders
        for folder in folders:
            box.folder.set(folder)
            assert not [m for m in box.fetch(mark_seen=False) if "Tanda terima" in m.subject]


def test_berkas_demo_delivers_samples_that_poll_takes_in(tmp_path, demo):
    settings, _, child = demo
    expected = {}
    for folder in sample_folders():
        meta = json.loads((folder / "surel.json").read_text(encoding="utf-8"))
        expected[meta["nip"]] = meta["expected_state"]
    assert len(expected) == 5 and set(expected.values()) == {"lengkap", "tidak_lengkap"}

    sent = _run(child, "demo")
    assert sent.returncode == 0, sent.stderr
    for folder in sample_folders():
        assert (folder.name in sent.stdout) == (folder.name != SCAN_SAMPLE)
    assert f":{settings.demo_imap_port}" in sent.stdout and "menunggu keputusan" in sent.stdout
    scan = _run(child, "demo", "--scan")
    assert scan.returncode == 0, scan.stderr
    [copied] = (tmp_path / "inbox").iterdir()  # appeared whole, no hidden copy left
    assert sorted(p.name for p in copied.iterdir()) == sorted(
        p.name for p in (SAMPLES / SCAN_SAMPLE).glob("*.pdf"))

    poll = _run(child, "poll", "--once", "--json")
    assert poll.returncode == 0, poll.stderr
    taken = json.loads(poll.stdout)
    assert sorted(o["disposition"] for o in taken if o["kind"] == "email") == ["new"] * 4
    assert [o["disposition"] for o in taken if o["kind"] != "email"] == ["new"]

    status = _run(child, "status", "--json")
    assert status.returncode == 0, status.stderr
    states = {row["nip"]: row["state"] for row in json.loads(status.stdout)}
    assert states == expected


def test_berkas_demo_refuses_a_real_mailbox(tmp_path, demo):
    _, _, child = demo
    child = {**child, "BERKAS_IMAP_HOST": "imap.kaltimprov.go.id", "BERKAS_IMAP_PORT": "993"}
    refused = _run(child, "demo")
    assert refused.returncode == 2
    assert "bukan kotak surel demo" in refused.stderr
