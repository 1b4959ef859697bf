"""`berkas run` as a user runs it (its own Prefect server and database, the demo mailbox and
SMTP server), stopped and killed while applications wait for people: nothing waiting is lost,
no letter, email or account is made twice. Afterwards the password of the account email is
searched for in every file the run left (archive, data folder with both databases and the
Prefect server's files and logs, the mailbox's own folders): it is found only in the copy the
recipient's (demo) mail server received."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.fixturegen.content import make_berkas
from tests.fixturegen.render import to_pdf
from tests.hostile import record
from tests.smtp_server import free_port

pytestmark = pytest.mark.timeout(600)


class Service:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("PREFECT_", "BERKAS_"))}
        self.env.update({
            "BERKAS_DATA_DIR": str(root / "data"), "BERKAS_INBOX_DIR": str(root / "inbox"),
            "BERKAS_ARCHIVE_DIR": str(root / "archive"),
            "BERKAS_SCAN_DONE_DIR": str(root / "inbox-diproses"),
            "BERKAS_SCAN_REFUSED_DIR": str(root / "inbox-ditolak"),
            "BERKAS_SCAN_STABLE_SECONDS": "0.5", "BERKAS_OCR_SLOTS_DIR": str(root / "slots"),
            "BERKAS_PREFECT_PORT": str(free_port()), "BERKAS_VIEWER_PORT": str(free_port()),
            "BERKAS_PREFECT_INTERNAL_PORT": str(free_port()),
            "BERKAS_DEMO_IMAP_PORT": str(free_port()), "BERKAS_DEMO_SMTP_PORT": str(free_port()),
            "BERKAS_WATCH_SECONDS": "1"})
        self.process: subprocess.Popen | None = None
        self.log = root / "run.log"

    def start(self) -> None:
        handle = self.log.open("ab")
        self.process = subprocess.Popen([sys.executable, "-m", "berkas.cli", "run"],
                                        env=self.env, stdout=handle, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while b"berkas berjalan" not in self.log.read_bytes().split(b"=== start")[-1]:
            assert self.process.poll() is None, self.log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "berkas run did not come up"
            time.sleep(0.3)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        assert self.process is not None
        self.process.send_signal(sig)
        self.process.wait(timeout=60)
        with self.log.open("ab") as handle:
            handle.write(b"\n=== start\n")
        time.sleep(3)  # the killed run's Prefect server and Dovecot go with it (PDEATHSIG)

    def berkas(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "berkas.cli", *args], env=self.env,
                              input=stdin, capture_output=True, text=True, timeout=120)

    def add_staff(self) -> None:
        for user, name, role in (("kepala", "Kepala LPSE", "kepala_lpse"),
                                 ("ppe", "Admin PPE", "admin_ppe")):
            made = self.berkas("staff", "add", user, "--name", name, "--role", role,
                               stdin="sandi-staf-uji-panjang\n")
            assert made.returncode == 0, made.stderr

    def waiting(self, step: int, timeout: float = 90) -> dict:
        deadline = time.monotonic() + timeout
        rows: list = []
        while time.monotonic() < deadline:
            done = self.berkas("pending", "--json")
            rows = json.loads(done.stdout) if done.returncode == 0 and done.stdout else []
            if rows and rows[0]["step"] == step:
                return rows[0]
            time.sleep(1)
        raise AssertionError(f"nothing waits at step {step}: {rows}\n"
                             + self.log.read_text(errors="replace")[-3000:])

    def finished(self, state: str = "selesai", timeout: float = 90) -> list:
        """`berkas status --json` once the first application is in `state`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = json.loads(self.berkas("status", "--json").stdout)
            if status[0]["state"] == state:
                return status
            time.sleep(1)
        raise AssertionError(f"not {state}: {status}")

    def files_at_rest(self) -> list[Path]:
        """Every file the run left (archive, data folder with both databases and the Prefect
        server's files and logs, the demo mailbox's own folders) but the mail the recipient's
        (demo) mail server received."""
        kept = self.root / "data" / "demo" / "terkirim"
        mailbox_root = (self.root / "data" / "demo" / "kotak-surel").resolve()
        # where the demo Dovecot keeps the LPSE mailbox when its users cannot reach the root
        outside = Path(tempfile.gettempdir()) / \
            f"berkas-demo-mail-{hashlib.sha1(str(mailbox_root).encode()).hexdigest()[:12]}"
        return [p for p in [*self.root.rglob("*"), *outside.rglob("*")]
                if p.is_file() and not p.is_symlink() and kept not in p.parents]

    def sent(self) -> list:
        folder = self.root / "data" / "demo" / "terkirim"
        return [message_from_bytes(p.read_bytes(), policy=policy.default)
                for p in sorted(folder.glob("*.eml"))] if folder.exists() else []


def test_waiting_applications_survive_stops_and_kills(tmp_path: Path) -> None:
    service = Service(tmp_path)
    service.add_staff()
    service.start()
    try:
        b = make_berkas(311)
        folder = tmp_path / "inbox" / "dinas-restart"
        folder.mkdir(parents=True)
        for doc in b.documents:
            (folder / f"{doc.doc_type}.pdf").write_bytes(to_pdf([doc]))
        entry = service.waiting(2)
        registration = entry["registration"]

        service.stop(signal.SIGTERM)  # an orderly stop while the Kepala LPSE has not decided
        service.start()
        assert service.waiting(2)["flow_run_id"] == entry["flow_run_id"]
        done = service.berkas("approve", registration, "--step", "2", "--as", "kepala",
                              "teruskan=true")
        assert done.returncode == 0, done.stderr
        service.waiting(3)

        service.stop(signal.SIGKILL)  # a crash while the Admin PPE has not decided
        service.start()
        done = service.berkas("approve", registration, "--step", "3", "--as", "ppe",
                              "hasil=lengkap", "salinan_sesuai_asli=true")
        assert done.returncode == 0, done.stderr
        service.waiting(6)
        service.stop(signal.SIGKILL)
        service.start()
        done = service.berkas("approve", registration, "--step", "6", "--as", "ppe",
                              "sudah_mengikuti_pelatihan=true")
        assert done.returncode == 0, done.stderr
        service.finished()
    finally:
        service.stop(signal.SIGTERM)

    purposes = [str(m["X-Berkas-Purpose"]) for m in service.sent()]
    assert sorted(purposes) == ["akun", "akun_tembusan", "surat_jawaban"], purposes
    (account_mail,) = [m for m in service.sent() if m["X-Berkas-Purpose"] == "akun"]
    body = account_mail.get_body(("plain",)).get_content()
    password = re.search(r"Kata sandi[^:]*:\s*(\S+)", body)
    assert password, body
    secret = password.group(1).encode()
    files = service.files_at_rest()
    leaks = [str(path) for path in files if secret in path.read_bytes()]
    assert not leaks, f"the password is in {leaks}"
    assert len(files) > 20  # the databases, the archive, the Prefect home, the mailbox, the logs
    record("fault:berkas run and its Prefect server stopped or killed while waiting", 3)
