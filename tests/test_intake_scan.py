"""The scan folder: stable files only, one berkas per entry, special files never opened,
refusals beside a reason, and paper joining the email of the same person."""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import time

import pytest

from berkas.cli.service import status_rows
from berkas.intake.service import ConfigError, Service
from tests.dovecot import dovecot  # noqa: F401  (session fixture)
from tests.fixturegen.content import make_berkas
from tests.fixturegen.emails import berkas_email
from tests.fixturegen.render import to_pdf
from tests.intake_env import intake_settings, manifest_files


@pytest.fixture(scope="module")
def berkas_pdfs():
    """Two people's berkas as one digital PDF per document (name -> bytes)."""
    out = []
    for seed in (21, 22):
        b = make_berkas(seed)
        out.append((b, {f"{i}-{d.doc_type}.pdf": to_pdf([d], b.font)
                        for i, d in enumerate(b.documents, 1)}))
    return out


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _archived(root) -> dict[str, list[str]]:
    """sha256 -> archive paths, for every original (not text or verdict) in the archive."""
    out: dict[str, list[str]] = {}
    for entry in manifest_files(root / "archive"):
        if entry["role"] in ("pindaian", "surel", "lampiran", "ditolak"):
            out.setdefault(entry["sha256"], []).append(f"{entry['folder']}/{entry['path']}")
    return out


def test_loose_scans_of_one_berkas_join_and_leave_the_inbox(tmp_path, berkas_pdfs):
    b, pdfs = berkas_pdfs[0]
    service = Service(intake_settings(tmp_path))
    names = sorted(pdfs, reverse=True)  # the SK and the letter sort before the form
    for name in names:
        (tmp_path / "inbox" / name).write_bytes(pdfs[name])
    outcomes = service.poll_once()
    assert sorted(o.disposition for o in outcomes) == ["joined", "joined", "new"]
    [app] = status_rows(settings=service.settings)
    assert (app["state"], app["nip"], app["source"]) == ("lengkap", b.person.nip, "scan")
    archived = _archived(tmp_path)
    assert {_sha(d): 1 for d in pdfs.values()} == {k: len(v) for k, v in archived.items()}
    assert os.listdir(tmp_path / "inbox") == []
    assert sorted(os.listdir(tmp_path / "scans-done")) == sorted(pdfs)


def test_subfolder_is_one_berkas_loose_file_another(tmp_path, berkas_pdfs):
    (b1, pdfs1), (b2, pdfs2) = berkas_pdfs
    service = Service(intake_settings(tmp_path))
    folder = tmp_path / "inbox" / "Berkas Dinas A"
    folder.mkdir(parents=True)
    for name, data in pdfs1.items():
        (folder / name).write_bytes(data)
    form2 = next(n for n in pdfs2 if "formulir" in n)
    (tmp_path / "inbox" / form2).write_bytes(pdfs2[form2])
    assert sorted(o.disposition for o in service.poll_once()) == ["new", "new"]
    rows = {r["nip"]: r for r in status_rows(settings=service.settings)}
    assert rows[b1.person.nip]["state"] == "lengkap"
    assert [d["code"] for d in rows[b2.person.nip]["deficiencies"]] == \
        ["missing:surat_penunjukan", "missing:surat_permohonan"]
    assert (tmp_path / "scans-done" / "Berkas Dinas A").is_dir()


def test_half_copied_scan_is_taken_only_when_complete(tmp_path, berkas_pdfs):
    _, pdfs = berkas_pdfs[0]
    data = b"".join(pdfs.values())  # a large "scan": the parts are written slowly
    whole = next(iter(pdfs.values()))
    service = Service(intake_settings(tmp_path, scan_stable_seconds=0.6))
    target = tmp_path / "inbox" / "scan-50-halaman.pdf"

    def copy_slowly():
        with open(target, "wb") as handle:
            for start in range(0, len(whole), len(whole) // 6 + 1):
                handle.write(whole[start:start + len(whole) // 6 + 1])
                handle.flush()
                time.sleep(0.25)  # shorter than the stable delay, longer than a look

    writer = threading.Thread(target=copy_slowly)
    writer.start()
    time.sleep(0.05)
    outcomes = service.poll_once()
    writer.join()
    assert [o.disposition for o in outcomes] == ["new"]
    assert list(_archived(tmp_path)) == [_sha(whole)]  # never a partial copy
    del data


def test_special_files_are_refused_without_opening(tmp_path, berkas_pdfs):
    _, pdfs = berkas_pdfs[0]
    service = Service(intake_settings(tmp_path))
    inbox = tmp_path / "inbox"
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(next(iter(pdfs.values())))
    os.symlink(secret, inbox / "tautan.pdf")
    os.mkfifo(inbox / "pipa.pdf")  # opening it would block forever
    os.mknod(inbox / "perangkat.pdf", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    folder = inbox / "Folder dengan tautan"
    folder.mkdir()
    os.symlink(secret, folder / "sk.pdf")
    (inbox / "rusak.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(3000))

    done = threading.Event()
    result = {}
    worker = threading.Thread(target=lambda: (result.update(o=service.poll_once()), done.set()))
    worker.start()
    assert done.wait(60), "intake blocked on a special file"
    refused = sorted(os.listdir(tmp_path / "scans-refused"))
    assert refused == sorted(["Folder dengan tautan", "Folder dengan tautan.alasan.txt",
                              "perangkat.pdf", "perangkat.pdf.alasan.txt", "pipa.pdf",
                              "pipa.pdf.alasan.txt", "rusak.pdf", "rusak.pdf.alasan.txt",
                              "tautan.pdf", "tautan.pdf.alasan.txt"])
    assert os.path.islink(tmp_path / "scans-refused" / "tautan.pdf")  # moved, not followed
    assert "FIFO" in (tmp_path / "scans-refused" / "pipa.pdf.alasan.txt").read_text()
    assert os.listdir(inbox) == []
    assert status_rows(settings=service.settings) == []
    archived = _archived(tmp_path)
    assert _sha(secret.read_bytes()) not in archived  # no link was followed
    [(_, [path])] = archived.items()  # the damaged file is archived with its reason
    assert path.startswith(f"{path[:4]}/ditolak/") and path.endswith("/rusak.pdf")


def test_paper_copy_joins_the_email_of_the_same_person(tmp_path, dovecot):  # noqa: F811
    b = make_berkas(23)
    mail = berkas_email(b, "pdf_each")
    user = dovecot.new_user()
    dovecot.deliver(user, mail.eml)
    service = Service(intake_settings(tmp_path, dovecot.env(user)))
    [email_outcome] = service.poll_once()
    form = b.get("formulir")
    (tmp_path / "inbox" / "scan0001.pdf").write_bytes(to_pdf([form], b.font))
    [scan_outcome] = service.poll_once()
    assert scan_outcome.disposition == "joined"
    assert scan_outcome.registration == email_outcome.registration
    [app] = status_rows(email_outcome.registration, settings=service.settings)
    sources = [f["source"] for f in app["files"] if f["role"] in ("surel", "pindaian")]
    assert sources[0].startswith("surel dari ") and sources[1] == "pindaian inbox/scan0001.pdf"
    assert [e["kind"] for e in app["events"]].count("digabung") == 1


@pytest.mark.parametrize("polling", [False, True])
def test_service_watches_the_folder(tmp_path, berkas_pdfs, polling):
    _, pdfs = berkas_pdfs[1]
    service = Service(intake_settings(tmp_path, scan_polling=polling, scan_poll_seconds=0.3))
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=(stop,))
    runner.start()
    try:
        time.sleep(0.5)
        name, data = next(iter(pdfs.items()))
        (tmp_path / "inbox" / name).write_bytes(data)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (tmp_path / "scans-done" / name).exists():
            time.sleep(0.1)
    finally:
        stop.set()
        runner.join(timeout=15)
    assert (tmp_path / "scans-done" / name).read_bytes() == data
    assert list(_archived(tmp_path)) == [_sha(data)]


def test_refused_folder_inside_the_scan_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        Service(intake_settings(tmp_path, scan_refused_dir=tmp_path / "inbox" / "ditolak"))
