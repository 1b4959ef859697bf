"""`berkas outbox`: staff see what the outbox holds back and decide it, from the command line,
against a real SMTP server."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select, update

from berkas.core.settings import Settings
from berkas.outgoing.emails import queue_receipt
from berkas.procedure.context import Context
from berkas.store import staff
from berkas.store.models import Event, OutboxMessage
from tests.smtp_server import smtp_server


def test_staff_release_an_uncertain_email_and_it_is_sent_once(tmp_path) -> None:
    (tmp_path / "smtp").mkdir()
    with smtp_server(tmp_path / "smtp", "none") as (port, recorder, _ca):
        env = {"BERKAS_DATA_DIR": str(tmp_path / "data"),
               "BERKAS_ARCHIVE_DIR": str(tmp_path / "archive"),
               "BERKAS_INBOX_DIR": str(tmp_path / "inbox"), "BERKAS_SMTP_HOST": "127.0.0.1",
               "BERKAS_SMTP_PORT": str(port), "BERKAS_SMTP_SECURITY": "none",
               "BERKAS_MAIL_FROM": "lpse@kaltimprov.go.id"}
        settings = Settings(**{k.removeprefix("BERKAS_").lower(): v for k, v in env.items()})
        ctx = Context(settings)
        from berkas.store.models import Application

        with ctx.sessions.begin() as s:
            app = Application(registration="REG-2026-00007", created_at=ctx.clock(),
                              updated_at=ctx.clock(), state="lengkap", step=3, source="email",
                              archive_path="2026/REG-2026-00007", needs_attention=False)
            s.add(app)
            s.flush()
            row = queue_receipt(ctx.outbox, s, ctx.templates, settings, app,
                                to="budi@dinas.go.id", received=ctx.clock().date())
            s.flush()
            outbox_id = row.id
        with ctx.sessions.begin() as s:  # a crash in the middle of sending
            s.execute(update(OutboxMessage).values(status="sending"))
        assert ctx.outbox.recover() == 1

        def berkas(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([sys.executable, "-m", "berkas.cli", "outbox", *args],
                                  env={"PATH": "/usr/bin:/bin", **env}, capture_output=True,
                                  text=True, timeout=60)

        listed = berkas()
        assert "uncertain" in listed.stdout and "tanda_terima" in listed.stdout
        assert berkas("release", str(outbox_id)).returncode == 2  # who decides is required
        staff.add(ctx.sessions, "sari", "Sari Dewi, S.Kom.", ["admin_ppe"], "sandi-staf-panjang")
        staff.add(ctx.sessions, "kepala", "Dr. Budi", ["kepala_lpse"], "sandi-staf-panjang")
        # an unknown name or an account without the role changes nothing
        assert berkas("release", str(outbox_id), "--as", "Sari Dewi").returncode == 4
        assert berkas("release", str(outbox_id), "--as", "kepala").returncode == 4
        assert berkas("sent", "999", "--as", "sari").returncode == 3
        assert berkas("release", str(outbox_id), "--as", "sari").returncode == 0
        assert berkas("release", str(outbox_id), "--as", "sari").returncode == 3  # once
        with ctx.sessions() as s:
            actors = [e.actor for e in s.scalars(select(Event).where(
                Event.kind == "surel_dilepas"))]
        assert len(actors) == 1 and actors[0].startswith("Sari Dewi, S.Kom. (sari; OS ")
        ctx.outbox.deliver_due()
        ctx.outbox.deliver_due()
        assert len(recorder.messages) == 1
        assert "Tidak ada surel yang tertahan" in berkas().stdout
