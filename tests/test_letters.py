"""Letter numbers that never repeat, Indonesian dates, and `berkas preview` of every template."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from berkas.cli import main
from berkas.core.clock import ZONE
from berkas.outgoing.letters import issue_number
from berkas.store.database import open_database
from extractors.dates import hari_tanggal, tanggal

PATTERN = "000.3/{seq:04d}/B.PBJ-LPSE/{month_roman}/{year}"
NOV = datetime(2026, 11, 24, 10, 0, tzinfo=ZONE)


def test_indonesian_dates():
    assert tanggal(date(2026, 11, 24)) == "24 November 2026"
    assert tanggal(date(2027, 1, 1)) == "1 Januari 2027"
    assert hari_tanggal(date(2026, 11, 24)) == "Selasa, 24 November 2026"
    assert hari_tanggal(date(2026, 8, 17)) == "Senin, 17 Agustus 2026"


@pytest.fixture
def sessions(tmp_path):
    return open_database(f"sqlite:///{tmp_path / 'berkas.db'}")


def test_letter_numbers_are_kept_per_letter_and_never_repeat(sessions):
    with sessions.begin() as session:
        first = issue_number(session, PATTERN, "REG-2026-00001", "surat_jawaban", NOV)
        again = issue_number(session, PATTERN, "REG-2026-00001", "surat_jawaban", NOV)
        second = issue_number(session, PATTERN, "REG-2026-00002", "surat_jawaban", NOV)
    assert first == again == "000.3/0001/B.PBJ-LPSE/XI/2026"
    assert second == "000.3/0002/B.PBJ-LPSE/XI/2026"
    with sessions.begin() as session:  # a new year starts its own counter
        january = issue_number(session, PATTERN, "REG-2027-00001", "surat_jawaban",
                               datetime(2027, 1, 4, 8, 0, tzinfo=ZONE))
    assert january == "000.3/0001/B.PBJ-LPSE/I/2027"


def test_a_changed_pattern_cannot_give_a_number_twice(sessions):
    with sessions.begin() as session:
        issue_number(session, "LPSE/{seq}", "REG-2026-00001", "surat_jawaban", NOV)
        issue_number(session, "LPSE/{seq}", "REG-2026-00002", "surat_jawaban", NOV)
    with sessions.begin() as session:  # the counter restarts with the year, the pattern has none
        first = issue_number(session, "LPSE/{seq}", "REG-2027-00001", "surat_jawaban",
                             datetime(2027, 1, 4, 8, 0, tzinfo=ZONE))
    assert first == "LPSE/3"


def test_a_pattern_without_a_counter_is_refused(sessions):
    with sessions.begin() as session, pytest.raises(ValueError, match="seq"):
        issue_number(session, "000.3/B.PBJ/{year}", "REG-2026-00001", "surat_jawaban", NOV)
    with sessions.begin() as session, pytest.raises(ValueError, match="unknown"):
        issue_number(session, "{seq}/{tahun}", "REG-2026-00001", "surat_jawaban", NOV)


def test_preview_of_each_email(capsys):
    assert main(["preview", "tanda_terima"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Subject: [REG-2026-00042] Tanda Terima Berkas Permohonan")
    assert "Selasa, 24 November 2026" in out and "    REG-2026-00042" in out
    assert main(["preview", "permintaan_kelengkapan", "--html"]) == 0
    out = capsys.readouterr().out
    assert "<li>Surat Penunjukan (Surat Keputusan/Surat Tugas) sebagai Admin Agency belum" in out
    assert "&#34;budi.santoso@gmail&#34;" in out  # autoescaped


def test_preview_of_the_letter_writes_a_pdf(tmp_path, capsys):
    out = tmp_path / "surat.pdf"
    assert main(["preview", "jawaban_permohonan", "--out", str(out)]) == 0
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    for expected in ("Nomor : 000.3/0001/B.PBJ-LPSE/XI/2026", "Samarinda, 24 November 2026",
                     "Hal : Jawaban Permohonan Pembuatan Akun Admin Agency",
                     "Nomor 027/1234/DPU-KK/XI/2026 tanggal 17 November 2026",
                     "NIP 198503122010011004", "Tembusan:"):
        assert expected in text, expected


def test_preview_of_an_unknown_template_says_which_exist(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["preview", "surat_cinta"])
    assert stop.value.code == 2
    assert "tanda_terima" in capsys.readouterr().err


def test_letterhead_takes_the_configured_institution_and_logo(tmp_path):
    from PIL import Image

    from berkas.core.settings import Settings
    from berkas.outgoing.letters import make_letter_pdf
    from berkas.outgoing.preview import SAMPLES
    from berkas.outgoing.render import environment

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 80), (200, 30, 30)).save(logo)
    settings = Settings(letterhead_institution="PEMERINTAH KABUPATEN PASER",
                        letterhead_unit="BAGIAN PENGADAAN BARANG/JASA",
                        letterhead_address="Jalan Kusuma Bangsa, Tana Paser",
                        letterhead_logo=logo, letter_city="Tana Paser")
    context = {"registration": "REG-2026-00042", **SAMPLES["jawaban_permohonan"]["context"]}
    pdf = make_letter_pdf(environment(), settings, "jawaban_permohonan", "1/LPSE/2026",
                          date(2026, 11, 24), context)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = " ".join(page.extract_text().split())
    assert text.startswith("PEMERINTAH KABUPATEN PASER BAGIAN PENGADAAN BARANG/JASA Jalan Kusuma")
    assert "Tana Paser, 24 November 2026" in text
    assert len(page.images) == 1


def test_preview_letter_fits_one_page_with_yth_beside_the_addressee(tmp_path, capsys):
    out = tmp_path / "surat.pdf"
    assert main(["preview", "jawaban_permohonan", "--out", str(out)]) == 0
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert len(pages) == 1  # Tembusan included
    lines = [" ".join(line.split()) for line in pages[0].extract_text().splitlines()]
    assert "Yth. Kepala Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara" in lines
    assert lines[-3:] == ["Tembusan:", "1. Admin PPE LPSE Provinsi Kalimantan Timur",
                          "2. Pertinggal"]


def test_a_long_letter_keeps_its_closing_with_the_signature_and_numbers_page_two(tmp_path):
    out = tmp_path / "tutup.pdf"
    assert main(["preview", "penutupan_tidak_dilengkapi", "--out", str(out)]) == 0
    pages = [" ".join(p.extract_text().split())
             for p in PdfReader(io.BytesIO(out.read_bytes())).pages]
    assert len(pages) == 2
    assert pages[1].startswith("- 2 - Demikian kami sampaikan")  # never a signature alone
    assert "Kepala LPSE Provinsi Kalimantan Timur, Nama Kepala LPSE" in pages[-1]


def test_preview_shows_every_letter_and_email(tmp_path, capsys):
    from berkas.outgoing.preview import SAMPLE_PASSWORD, SAMPLES

    expected = {"tanda_terima", "permintaan_kelengkapan", "surat_jawaban", "akun", "akun_ulang",
                "akun_tembusan", "akun_nonaktifkan", "pengingat_kelengkapan", "pengingat_keputusan",
                "pengingat_pelatihan", "penutupan", "jawaban_permohonan", "penutupan_ditolak",
                "penutupan_tidak_dilengkapi", "penutupan_dibatalkan"}
    assert set(SAMPLES) == expected
    for name, sample in SAMPLES.items():
        if sample["kind"] == "letter":
            out = tmp_path / f"{name}.pdf"
            assert main(["preview", name, "--out", str(out)]) == 0
            text = " ".join(" ".join(p.extract_text().split())
                            for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
            assert "Nomor : 000.3/0001/B.PBJ-LPSE/XI/2026" in text and "Yth. " in text
            continue
        for flag in ([], ["--html"]):
            assert main(["preview", name, *flag]) == 0
            out = capsys.readouterr().out
            assert out.startswith("Subject: [REG-2026-00042] "), name
            assert "[KATA SANDI TIDAK DISIMPAN]" not in out
    assert main(["preview", "akun"]) == 0
    out = capsys.readouterr().out
    assert f"Kata sandi sementara : {SAMPLE_PASSWORD}" in out and "CONTOH" in SAMPLE_PASSWORD
    assert "Berlaku sampai       : 1 Desember 2026" in out
    assert main(["preview", "akun_tembusan"]) == 0
    assert SAMPLE_PASSWORD not in capsys.readouterr().out
    assert main(["preview", "pengingat_keputusan"]) == 0
    assert "Selasa, 24 November 2026 pukul 09.30 WITA" in capsys.readouterr().out
