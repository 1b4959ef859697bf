"""Exactly once, proved by killing: `berkas poll --once` in a child process is SIGKILLed at every
side-effect boundary (after download, after a batch of messages is fsynced, before filing each
message, after archive writes, after each commit, before and after each move, before and after a
scan leaves the inbox), and at random moments; after a restart every message and every scan is
archived exactly once and no application is duplicated. At every kill, each message already out
of the inbox is found filed (its record, and for an application its archive copy): a message is
moved only after it is safe."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.dovecot import dovecot  # noqa: F401  (session fixture)
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import Attachment, berkas_email, message
from tests.fixturegen.render import to_pdf
from tests.hostile import record
from tests.intake_env import env_for, manifest_files

ROOT = Path(__file__).resolve().parents[1]
BERKAS = [str(ROOT / ".venv" / "bin" / "berkas"), "poll", "--once"]
PROCESSED, STAFF = "Berkas-Diproses", "Untuk-Staf"
pytestmark = pytest.mark.slow


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def load():
    """3 applications by email (one incomplete), 1 auto-reply, 2 scan entries: the paper form
    of the first emailed person (joins that application) and a folder with a whole berkas."""
    b1, b2, b3, b4 = make_berkas(31), make_berkas(32), make_berkas(33), make_berkas(34)
    partial = message(subject="Permohonan Akun Admin Agency",
                      sender=f"{b3.person.bare_name} <{b3.person.email}>", text="Berkas terlampir",
                      attachments=[Attachment(d.filename, to_pdf([d], b3.font))
                                   for d in b3.documents if d.doc_type != "surat_permohonan"])
    auto = message(subject="Out of Office: Permohonan", sender="kepala@dinas.go.id",
                   text="Saya sedang dinas luar.")
    auto = auto.replace(b"Subject:", b"Auto-Submitted: auto-replied\r\nSubject:", 1)
    emails = {"b1": berkas_email(b1, "pdf_each").eml, "b2": berkas_email(b2, "one_pdf").eml,
              "b3": partial}
    scans = {"scan-formulir-b1.pdf": to_pdf([b1.get("formulir")], b1.font),
             "Berkas b4": {f"{i}.pdf": to_pdf([d], b4.font) for i, d in enumerate(b4.documents)}}
    nips = {b1.person.nip, b2.person.nip, b3.person.nip, b4.person.nip}
    return emails, auto, scans, nips


def _prepare(root: Path, dovecot, load) -> dict[str, str]:  # noqa: F811
    emails, auto, scans, _ = load
    user = dovecot.new_user()
    dovecot.deliver(user, *emails.values(), auto)
    inbox = root / "inbox"
    inbox.mkdir(parents=True)
    for name, content in scans.items():
        if isinstance(content, dict):
            (inbox / name).mkdir()
            for inner, data in content.items():
                (inbox / name / inner).write_bytes(data)
        else:
            (inbox / name).write_bytes(content)
    old = time.time() - 60  # copied a minute ago: stable
    for path in inbox.rglob("*"):
        os.utime(path, (old, old))
    env = dict(os.environ, OMP_THREAD_LIMIT="1", **env_for(root, dovecot.env(user)))
    env["BERKAS_SCAN_STABLE_SECONDS"] = "0.2"
    env.pop("BERKAS_CRASH_AT", None)
    env["USER_UNDER_TEST"] = user
    return env


def _poll(env: dict[str, str], **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(BERKAS, env=env | extra, capture_output=True, text=True, timeout=180)


def _verify(root: Path, env: dict[str, str], dovecot, load) -> None:  # noqa: F811
    emails, auto, scans, nips = load
    user = env["USER_UNDER_TEST"]
    entries = manifest_files(root / "archive")
    originals = Counter(e["sha256"] for e in entries
                        if e["role"] in ("surel", "pindaian", "lampiran", "ditolak"))
    for eml in emails.values():
        assert Counter(e["sha256"] for e in entries if e["role"] == "surel")[_sha(eml)] == 1
    assert _sha(auto) not in originals
    scan_bytes = [scans["scan-formulir-b1.pdf"], *scans["Berkas b4"].values()]
    for data in scan_bytes:
        assert Counter(e["sha256"] for e in entries if e["role"] == "pindaian")[_sha(data)] == 1
    for entry in entries:  # every line names a file that is there, byte for byte
        path = root / "archive" / entry["folder"] / entry["path"]
        assert _sha(path.read_bytes()) == entry["sha256"], entry
    listed = {f"{e['folder']}/{e['path']}" for e in entries}
    on_disk = {p.relative_to(root / "archive").as_posix() for p in (root / "archive").rglob("*")
               if p.is_file() and p.name != "manifest.jsonl"}
    assert on_disk == listed  # no stray copies, no leftovers

    with sqlite3.connect(root / "data" / "berkas.db") as con:
        apps = con.execute("select registration, nip from applications").fetchall()
        items = con.execute("select status, disposition from intake_items").fetchall()
        files = con.execute("select count(*) from documents").fetchone()[0]
    assert len(apps) == 4 and {nip for _, nip in apps} == nips  # none duplicated
    assert sorted(items) == sorted([("done", "new")] * 4 + [("done", "joined"),
                                                            ("done", "other")])
    assert files == len(entries)

    assert dovecot.folder_bytes(user, "INBOX") == []
    assert sorted(dovecot.folder_bytes(user, PROCESSED)) == sorted(emails.values())
    assert dovecot.folder_bytes(user, STAFF) == [auto]
    assert os.listdir(root / "inbox") == []
    assert sorted(os.listdir(root / "scans-done")) == sorted(scans)


def _kill_plan(trace: list[str]) -> list[tuple[str, int]]:
    """Every hit of every crash point, except the archive writes (one per file): their first,
    middle and last hit."""
    counts = Counter(trace)
    plan = []
    for point, count in sorted(counts.items()):
        hits = set(range(1, count + 1)) if point != "after_archive_write" else \
            {1, count // 2, count} - {0}
        plan += [(point, n) for n in sorted(hits)]
    return plan


def _moved_only_when_filed(root: Path, env: dict[str, str], dovecot) -> int:  # noqa: F811
    """At the moment of a crash: every message that left the inbox has its record filed or
    done, and, if it is an application, its .eml in the archive. Returns how many left."""
    user = env["USER_UNDER_TEST"]
    archived = {e["sha256"] for e in manifest_files(root / "archive") if e["role"] == "surel"}
    with sqlite3.connect(f"file:{root / 'data' / 'berkas.db'}?mode=ro", uri=True) as con:
        status = {sha: (st, disp) for sha, st, disp in con.execute(
            "select sha256, status, disposition from intake_items where kind = 'email'")}
    moved = 0
    for folder, dispositions in ((PROCESSED, {"new", "joined", "reply"}), (STAFF, {"other"})):
        for eml in dovecot.folder_bytes(user, folder):
            moved += 1
            st, disp = status.get(_sha(eml), (None, None))
            assert st in ("filed", "done") and disp in dispositions, (folder, st, disp)
            if folder == PROCESSED:
                assert _sha(eml) in archived
    return moved


def test_every_kill_point_then_restart_archives_everything_exactly_once(
        tmp_path, dovecot, load):  # noqa: F811
    baseline = tmp_path / "baseline"
    env = _prepare(baseline, dovecot, load)
    trace = baseline / "trace.txt"
    done = _poll(env, BERKAS_CRASH_TRACE=str(trace))
    assert done.returncode == 0, done.stderr
    _verify(baseline, env, dovecot, load)
    plan = _kill_plan(trace.read_text().split())
    assert {p for p, _ in plan} >= {"after_download", "after_spool_sync", "before_filing",
                                    "after_archive_write", "after_db_commit",
                                    "before_move", "after_move", "before_scan_leave",
                                    "after_scan_leave"}
    # Each kill point has its own folders and mailbox user, so two run at once (the processes
    # mostly wait on the disk and the IMAP server); mailboxes are made one by one beforehand.
    runs = [(point, hit, tmp_path / f"kill-{number}") for number, (point, hit) in enumerate(plan)]
    envs = [_prepare(root, dovecot, load) for _, _, root in runs]

    def kill_and_restart(point: str, hit: int, root: Path, env: dict[str, str]) -> int:
        crashed = _poll(env, BERKAS_CRASH_AT=f"{point}:{hit}")
        assert crashed.returncode == -signal.SIGKILL, (point, hit, crashed.stderr)
        try:
            moved = _moved_only_when_filed(root, env, dovecot)
        except AssertionError as exc:
            raise AssertionError(f"moved before filed, kill at {point}:{hit}: {exc}") from exc
        restarted = _poll(env)
        assert restarted.returncode == 0, restarted.stderr
        try:
            _verify(root, env, dovecot, load)
        except AssertionError as exc:
            raise AssertionError(f"after a kill at {point}:{hit}: {exc}") from exc
        return moved

    with ThreadPoolExecutor(max_workers=2) as pool:
        moved_at_crash = sum(pool.map(lambda run: kill_and_restart(*run[0], run[1]),
                                      zip(runs, envs, strict=True)))
    print(f"\nkill points exercised: {len(plan)} "
          f"({', '.join(f'{p}:{n}' for p, n in plan)}); crash points reached per run: "
          f"{json.dumps(Counter(trace.read_text().split()))}; messages found moved at a "
          f"crash, each already filed: {moved_at_crash}")
    assert moved_at_crash > 0  # the check above had something to check
    record("fault:intake killed at a side-effect boundary", len(plan))


def test_random_sigkills_then_restart_archives_everything_exactly_once(
        tmp_path, dovecot, load):  # noqa: F811
    rng = random.Random(20261020)
    timing = tmp_path / "timing"
    env = _prepare(timing, dovecot, load)
    started = time.monotonic()
    assert _poll(env).returncode == 0
    full_run = time.monotonic() - started  # kill somewhere inside a run of this length
    kills = killed_rounds = rounds = 0
    # A machine busy while timing makes the first run slow and every later one finish before
    # its kill: a run that finishes unkilled gives the length kills are drawn from, and rounds
    # go on until three of them had kills (at most eight rounds).
    while killed_rounds < 3 and rounds < 8:
        root = tmp_path / f"round-{rounds}"
        rounds += 1
        env = _prepare(root, dovecot, load)
        killed_here = 0
        for _attempt in range(8):
            child = subprocess.Popen(BERKAS, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
            began = time.monotonic()
            try:
                child.wait(timeout=rng.uniform(0.15, 0.95) * full_run)
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
                child.wait()
                killed_here += 1
                continue
            assert child.returncode == 0, child.stderr.read()
            if not killed_here:
                full_run = min(full_run, time.monotonic() - began)
            break
        else:
            last = _poll(env)
            assert last.returncode == 0, last.stderr
        _verify(root, env, dovecot, load)
        kills += killed_here
        killed_rounds += bool(killed_here)
    print(f"\nrandom SIGKILLs: {kills} in {rounds} rounds (a full run takes {full_run:.1f} s), "
          "every item archived exactly once")
    assert kills >= 3
    record("fault:intake killed at a random moment", kills)
