"""`berkas training import FILE.csv`: a spreadsheet's attendance list activates the accounts of
the people on it, whatever separator and encoding the spreadsheet wrote."""

from __future__ import annotations

import argparse
import zipfile

import pytest
from sqlalchemy import select

from berkas.accounts import AccountRequest
from berkas.cli.training import add_parser
from berkas.store.models import Application, Event

BUDI, SITI, ANI = "198503122010011004", "199001012015032001", "198807072012122002"


PEOPLE = ((BUDI, "Budi Santoso", "REG-2026-00042"), (SITI, "Siti Aminah", "REG-2026-00043"),
          (ANI, "Ani Lestari", "REG-2026-00044"))


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    from berkas.procedure.context import shared_context

    monkeypatch.setenv("BERKAS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BERKAS_ARCHIVE_DIR", str(tmp_path / "archive"))
    monkeypatch.setenv("BERKAS_DATABASE_URL", f"sqlite:///{tmp_path / 'berkas.db'}")
    monkeypatch.setattr("berkas.procedure.context._shared", {})
    context = shared_context()  # what the command itself will use
    with context.sessions.begin() as session:
        for nip, nama, registration in PEOPLE:
            session.add(Application(
                registration=registration, created_at=context.clock(),
                updated_at=context.clock(), state="menunggu_pelatihan", step=6, source="email",
                archive_path=f"2026/{registration}", needs_attention=False, nip=nip, nama=nama))
    for nip, nama, registration in PEOPLE:
        context.accounts.create(AccountRequest(nip=nip, nama=nama, email=f"{nip}@x.go.id",
                                               registration=registration))
    context.accounts.activate(SITI)  # confirmed earlier, from the review form
    return context


def _run(path, capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="berkas")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["training", "import", str(path)])
    code = args.handler(args, parser)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _events(ctx):
    with ctx.sessions() as session:
        return [(e.application.registration if e.application else None, e.actor, e.detail)
                for e in session.scalars(select(Event).where(
                    Event.kind == "pelatihan_dikonfirmasi"))]


def test_semicolon_list_with_bom_activates_and_reports(ctx, tmp_path, capsys):
    path = tmp_path / "daftar hadir.csv"
    path.write_bytes("\ufeffNo;NIP;Nama;Tanggal Pelatihan\r\n"
                     "1;19850312 201001 1 004;Budi Santoso;24/11/2026\r\n"
                     "2;199001012015032001;Siti Aminah;24/11/2026\r\n"
                     ";;;\r\n"
                     "3;197001011990031999;Orang Lain;24/11/2026\r\n"
                     "4;1,98503E+17;Angka Rusak;24/11/2026\r\n"
                     "5;;Tanpa NIP;\r\n".encode())
    code, out, err = _run(path, capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Impor daftar hadir pelatihan: daftar hadir.csv",
        "Akun diaktifkan: 1",
        f"  - baris 2: NIP {BUDI}, user id {BUDI} (REG-2026-00042)",
        "Akun sudah aktif sebelumnya: 1",
        f"  - baris 3: NIP {SITI}, user id {SITI}",
        "NIP tanpa akun: 1",
        "  - baris 5: NIP 197001011990031999 (Orang Lain)",
        "Baris tidak sah: 2",
        "  - baris 6: NIP '1,98503E+17' bukan 18 angka",
        "  - baris 7: NIP kosong",
    ]
    assert ctx.accounts.find(nip=BUDI).active and not ctx.accounts.find(nip=ANI).active
    assert _events(ctx) == [("REG-2026-00042", "impor:daftar hadir.csv",
                             {"user_id": BUDI, "nip": BUDI, "nama": "Budi Santoso",
                              "tanggal_pelatihan": "24/11/2026", "baris": 2})]
    code, out, _ = _run(path, capsys)  # the same list again changes nothing
    assert code == 0 and "Akun diaktifkan: 0" in out and len(_events(ctx)) == 1


def test_comma_list_in_windows_1252(ctx, tmp_path, capsys):
    path = tmp_path / "hadir.csv"
    path.write_bytes("nama,nip\r\n\"Lestari, Ani Ñ.\",'198807072012122002\r\n"
                     "Budi,1985.0312.2010.01.1.004\r\n".encode("cp1252"))
    code, out, _ = _run(path, capsys)
    assert code == 0 and "Akun diaktifkan: 2" in out
    assert [detail["nama"] for _, _, detail in _events(ctx)] == ["Lestari, Ani Ñ.", "Budi"]
    assert ctx.accounts.find(nip=ANI).active


@pytest.mark.parametrize("content, message", [
    (None, "tidak dapat dibaca"),
    (b"nama;tanggal\nBudi;24/11/2026\n", "kolom nip tidak ditemukan"),
    (b"", "kosong"),
    ("xlsx", "bukan berkas CSV"),
])
def test_unreadable_lists_exit_2(ctx, tmp_path, capsys, content, message):
    path = tmp_path / "hadir.csv"
    if content == "xlsx":  # a workbook saved under a .csv name
        with zipfile.ZipFile(path, "w") as book:
            book.writestr("xl/workbook.xml", "<workbook/>")
    elif content is not None:
        path.write_bytes(content)
    code, out, err = _run(path, capsys)
    assert code == 2 and out == "" and message in err
    assert _events(ctx) == []


def test_under_spse_manual_attendance_is_listed_for_activation_in_spse(ctx, tmp_path, capsys):
    """The account lives in SPSE: the list activates nothing; the Admin PPE is told whom to
    activate there (and answers form 6). Importing it twice records the attendance once."""
    from berkas.procedure.context import Context, set_shared

    set_shared(Context(ctx.settings.model_copy(update={"account_provider": "spse_manual"})))
    path = tmp_path / "hadir.csv"
    path.write_text(f"nip,nama\n{BUDI},Budi Santoso\n", encoding="utf-8")
    for _ in range(2):
        code, out, _err = _run(path, capsys)
        assert code == 0 and "Akun diaktifkan: 0" in out
        assert "menunggu diaktifkan di SPSE oleh Admin PPE (lalu jawab isian langkah 6): 1" \
            in out and f"user id {BUDI} (REG-2026-00042)" in out
    assert not ctx.accounts.find(nip=BUDI).active and not _events(ctx)
    with ctx.sessions() as session:
        assert len(session.scalars(select(Event).where(
            Event.kind == "hadir_pelatihan")).all()) == 1
