"""Judging by layout: values found by their position on the page, whatever order the text layer
wrote them in, with where each was read (`field_sources`). Pages drawn here with fpdf2 in layouts
the fixture generator does not make: ruled tables with bilingual labels, labels over values in
boxes, two fields per row, a label's qualifier, a letter's addressee in the right column, the
head's NIP in a signature block, the admin being replaced in a section of his own."""

from __future__ import annotations

from datetime import date

from fpdf import FPDF

from extractors.check import check
from extractors.models import Blob
from extractors.options import ReadOptions
from extractors.reader import read_blobs

RECEIVED = date(2026, 11, 20)
PERSON = {"nama": "Rahmat Hidayat, S.Kom.", "nip": "19880415 201101 1 003",
          "jabatan": "Pranata Komputer Ahli Muda", "instansi": "Pemerintah Kota Balikpapan",
          "satuan_kerja": "Dinas Perhubungan", "email": "rahmat.hidayat@balikpapan.go.id",
          "telepon": "0812-5566-7788"}
WANT = {"nama": "Rahmat Hidayat, S.Kom.", "nip": "198804152011011003",
        "jabatan": "Pranata Komputer Ahli Muda", "instansi": "Pemerintah Kota Balikpapan",
        "satuan_kerja": "Dinas Perhubungan", "email": "rahmat.hidayat@balikpapan.go.id",
        "telepon": "081255667788"}
HEAD_NIP = "19700101 199503 1 002"


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    return pdf


def _signature(pdf: FPDF, y: float) -> None:
    pdf.set_xy(20, y)
    pdf.cell(80, 6, "Mengetahui,")
    pdf.set_xy(120, y)
    pdf.cell(70, 6, "Balikpapan, 12 November 2026")
    pdf.set_xy(20, y + 6)
    pdf.cell(80, 6, "Kepala Dinas Perhubungan,")
    pdf.set_xy(120, y + 6)
    pdf.cell(70, 6, "Pemohon,")
    pdf.set_xy(20, y + 30)
    pdf.cell(80, 6, "Ir. Budi Santoso, M.T.")
    pdf.set_xy(120, y + 30)
    pdf.cell(70, 6, PERSON["nama"])
    pdf.set_xy(20, y + 36)
    pdf.cell(80, 6, f"NIP. {HEAD_NIP}")


def form_bilingual_table(omit: str | None = None) -> bytes:
    """A ruled table: number, a label over its English translation, the value beside them,
    centred in the tall cell."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 13)
    pdf.set_xy(20, 20)
    pdf.cell(170, 8, "FORMULIR PERMOHONAN AKUN ADMIN AGENCY", align="C")
    pdf.set_font("Helvetica", size=10)
    rows = [("Nama Lengkap", "Full Name", "nama"), ("NIP", "Civil Servant ID Number", "nip"),
            ("Jabatan", "Position", "jabatan"), ("Instansi", "Institution", "instansi"),
            ("Unit Kerja", "Work Unit", "satuan_kerja"), ("Surel", "E-mail", "email"),
            ("Telepon Seluler", "Mobile Phone", "telepon")]
    y = 40.0
    for n, (label, english, key) in enumerate(rows, start=1):
        pdf.rect(20, y, 10, 14)
        pdf.rect(30, y, 60, 14)
        pdf.rect(90, y, 100, 14)
        pdf.set_xy(21, y + 4)
        pdf.cell(8, 6, str(n))
        pdf.set_xy(31, y + 1.5)
        pdf.cell(58, 5, label)
        pdf.set_font("Helvetica", "I", 9)
        pdf.set_xy(31, y + 7)
        pdf.cell(58, 5, english)
        pdf.set_font("Helvetica", size=10)
        if key != omit:
            pdf.set_xy(92, y + 4)
            pdf.cell(96, 6, PERSON[key])
        y += 14
    _signature(pdf, 160)
    return bytes(pdf.output())


def form_boxes() -> bytes:
    """Each field a box: a small label on top, the value under it; two boxes side by side."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 13)
    pdf.set_xy(20, 18)
    pdf.cell(170, 8, "PERMOHONAN PEMBUATAN AKUN ADMIN AGENCY")
    boxes = [[("Nama Instansi", "instansi")], [("Unit Kerja / OPD", "satuan_kerja")],
             [("Nama Lengkap", "nama")],
             [("Nomor Induk Pegawai (NIP)", "nip"), ("NIK (sesuai KTP)", None)],
             [("Jabatan/Eselon", "jabatan"), ("Telepon/HP", "telepon")],
             [("Alamat Surat Elektronik (Surel)", "email")]]
    y = 35.0
    for row in boxes:
        width = 170 / len(row)
        for k, (label, key) in enumerate(row):
            x = 20 + k * width
            pdf.rect(x, y, width - 3, 15)
            pdf.set_font("Helvetica", size=7)
            pdf.set_xy(x + 1.5, y + 1)
            pdf.cell(width - 6, 4, label)
            pdf.set_font("Helvetica", size=11)
            pdf.set_xy(x + 1.5, y + 7)
            pdf.cell(width - 6, 6, PERSON[key] if key else "6471051504880001")
        y += 18
    _signature(pdf, 160)
    return bytes(pdf.output())


def form_two_per_row(qualified: bool = True) -> bytes:
    """Two fields per row, labels with qualifiers and footnote marks, no colons."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 13)
    pdf.set_xy(20, 18)
    pdf.cell(170, 8, "FORMULIR PENDAFTARAN ADMIN AGENCY")
    pdf.set_font("Helvetica", size=10)
    email_label = "E-mail (aktif)*" if qualified else "E-mail"
    rows = [[("Nama Pemohon", "nama")], [("NIP / NI PPPK", "nip"), ("Jabatan", "jabatan")],
            [("Instansi Induk", "instansi"), ("Unit Kerja / Satuan Kerja", "satuan_kerja")],
            [(email_label, "email"), ("No. HP / WhatsApp**", "telepon")]]
    y = 35.0
    for row in rows:
        for k, (label, key) in enumerate(row):
            x, width = (15, 32) if k == 0 else (110, 46)
            pdf.set_xy(x, y)
            pdf.cell(width, 6, label)
            pdf.set_xy(x + width + 2, y)
            pdf.cell(60, 6, PERSON[key])
        y += 9
    pdf.set_font("Helvetica", size=8)
    pdf.set_xy(20, y + 2)
    pdf.cell(170, 5, "*) wajib diisi; **) nomor yang dapat dihubungi melalui WhatsApp.")
    pdf.set_font("Helvetica", size=10)
    _signature(pdf, 150)
    return bytes(pdf.output())


def form_replacing(previous_first: bool = True) -> bytes:
    """The admin being replaced in a section of his own, before the applicant's."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 13)
    pdf.set_xy(20, 18)
    pdf.cell(170, 8, "FORMULIR PENGGANTIAN ADMIN AGENCY")
    pdf.set_font("Helvetica", size=10)
    sections = [("A. DATA ADMIN AGENCY LAMA (yang digantikan)",
                 {"nama": "Joko Susilo", "nip": "19750505 200003 1 004",
                  "email": "joko.susilo@balikpapan.go.id"}),
                ("B. DATA ADMIN AGENCY BARU (pemohon)", PERSON)]
    labels = {"nama": "Nama", "nip": "NIP", "jabatan": "Jabatan", "instansi": "Instansi",
              "satuan_kerja": "Satuan Kerja", "email": "Email", "telepon": "Telepon/HP"}
    y = 35.0
    for title, person in sections:
        pdf.set_xy(20, y)
        pdf.cell(170, 6, title)
        y += 8
        for key, value in person.items():
            pdf.set_xy(25, y)
            pdf.cell(40, 6, labels[key])
            pdf.set_xy(65, y)
            pdf.cell(5, 6, ":")
            pdf.set_xy(70, y)
            pdf.cell(120, 6, value)
            y += 7
        y += 4
    _signature(pdf, 170)
    return bytes(pdf.output())


def letter_right_column(addressee: str = "Kepala Biro Pengadaan Barang dan Jasa") -> bytes:
    """The number block left, the addressee right on the same rows."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(20, 20)
    pdf.cell(170, 6, "PEMERINTAH KOTA BALIKPAPAN - DINAS PERHUBUNGAN", align="C")
    pdf.line(20, 28, 190, 28)
    left = ["Nomor : 500/123/Dishub/XI/2026", "Sifat : Penting", "Lampiran : 1 (satu) berkas",
            "Hal : Permohonan Akun Admin Agency"]
    right = ["Balikpapan, 10 November 2026", "Kepada", f"Yth. {addressee}",
             "Setda Provinsi Kalimantan Timur", "di Samarinda"]
    for k, text in enumerate(left):
        pdf.set_xy(20, 34 + 6 * (k + 1))
        pdf.cell(80, 6, text)
    for k, text in enumerate(right):
        pdf.set_xy(115, 34 + 6 * k)
        pdf.cell(75, 6, text)
    body = ("Dengan hormat, bersama ini kami mengajukan permohonan pembuatan akun Admin Agency "
            f"atas nama {PERSON['nama']}, NIP {PERSON['nip']}. Demikian, atas perhatian Bapak "
            "kami ucapkan terima kasih.")
    pdf.set_xy(20, 80)
    pdf.multi_cell(170, 6, body)
    pdf.set_xy(115, 120)
    pdf.cell(75, 6, "Kepala Dinas Perhubungan,")
    pdf.set_xy(115, 145)
    pdf.cell(75, 6, "Ir. Budi Santoso, M.T.")
    pdf.set_xy(115, 151)
    pdf.cell(75, 6, f"NIP. {HEAD_NIP}")
    return bytes(pdf.output())


def decree_table(nama: str = PERSON["nama"], nip: str = PERSON["nip"]) -> bytes:
    """An SK whose appointees are a ruled table, name over NIP in one cell."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=10)
    lines = ["KEPUTUSAN KEPALA DINAS PERHUBUNGAN KOTA BALIKPAPAN",
             "NOMOR 800/456/Dishub/2026", "TENTANG PENUNJUKAN ADMIN AGENCY",
             "MEMUTUSKAN:", "KESATU : Menunjuk nama-nama dalam tabel berikut sebagai Admin Agency."]
    for k, text in enumerate(lines):
        pdf.set_xy(20, 20 + 7 * k)
        pdf.cell(170, 6, text)
    y = 62.0
    for x, w, text in ((20, 12, "NO"), (32, 80, "NAMA / NIP"), (112, 78, "JABATAN")):
        pdf.rect(x, y, w, 8)
        pdf.set_xy(x + 1, y + 1)
        pdf.cell(w - 2, 6, text)
    people = [("Siti Aminah, S.E.", "19900202 201503 2 001", "Analis Keuangan"),
              (nama, nip, PERSON["jabatan"])]
    y += 8
    for n, (who, number, post) in enumerate(people, start=1):
        for x, w in ((20, 12), (32, 80), (112, 78)):
            pdf.rect(x, y, w, 14)
        pdf.set_xy(21, y + 4)
        pdf.cell(10, 6, f"{n}.")
        pdf.set_xy(33, y + 1)
        pdf.cell(78, 6, who)
        pdf.set_xy(33, y + 7)
        pdf.cell(78, 6, f"NIP. {number}")
        pdf.set_xy(113, y + 4)
        pdf.cell(76, 6, post)
        y += 14
    pdf.set_xy(115, y + 10)
    pdf.cell(75, 6, "Ditetapkan di Balikpapan")
    pdf.set_xy(115, y + 16)
    pdf.cell(75, 6, "pada tanggal 2 Februari 2026")
    pdf.set_xy(115, y + 22)
    pdf.cell(75, 6, "KEPALA DINAS PERHUBUNGAN,")
    pdf.set_xy(115, y + 44)
    pdf.cell(75, 6, "Ir. Budi Santoso, M.T.")
    pdf.set_xy(115, y + 50)
    pdf.cell(75, 6, f"NIP. {HEAD_NIP}")
    return bytes(pdf.output())


def judge(form: bytes, sk: bytes | None = None, letter: bytes | None = None) -> dict:
    blobs = [Blob(name="formulir.pdf", data=form),
             Blob(name="sk.pdf", data=sk or decree_table()),
             Blob(name="surat.pdf", data=letter or letter_right_column())]
    return check(read_blobs(blobs, ReadOptions(ocr_workers=1)), RECEIVED).model_dump(mode="json")


def _sources_cover_the_values(out: dict) -> None:
    for key, value in out["fields"].items():
        if value is None:
            assert key not in out["field_sources"]
            continue
        src = out["field_sources"][key]
        assert src["file"] == "formulir.pdf" and src["page"] == 1 and src["confidence"] == 1.0
        x0, y0, x1, y1 = src["box"]
        assert 0 < x0 < x1 < 1 and 0 < y0 < y1 < 1


def test_bilingual_ruled_table_reads_each_value_beside_its_label():
    out = judge(form_bilingual_table())
    assert out["fields"] == WANT
    assert out["complete"] is True and out["needs_review"] is False, out["deficiencies"]
    _sources_cover_the_values(out)
    # The head's NIP in the signature block is never offered as the applicant's.
    assert HEAD_NIP.replace(" ", "") not in str(out["field_sources"])


def test_an_empty_value_cell_is_a_missing_field_not_the_translation_under_the_label():
    out = judge(form_bilingual_table(omit="satuan_kerja"))
    assert out["fields"]["satuan_kerja"] is None
    assert [d["code"] for d in out["deficiencies"]] == ["missing_field:satuan_kerja"]


def test_missing_nip_is_never_filled_with_the_heads_nip_from_the_signature():
    out = judge(form_bilingual_table(omit="nip"))
    assert out["fields"]["nip"] is None
    assert "missing_field:nip" in {d["code"] for d in out["deficiencies"]}


def test_labels_over_values_in_boxes():
    out = judge(form_boxes())
    assert out["fields"] == WANT
    assert out["complete"] is True, out["deficiencies"]
    _sources_cover_the_values(out)


def test_two_fields_per_row_and_qualified_labels():
    out = judge(form_two_per_row())
    assert out["fields"] == WANT
    assert out["complete"] is True and out["needs_review"] is False, out["review_reasons"]
    # The email's box covers the address, left of the telephone's label on the same row.
    email, phone = out["field_sources"]["email"]["box"], out["field_sources"]["telepon"]["box"]
    assert email[2] < phone[0] and abs(email[1] - phone[1]) < 0.01


def test_the_admin_being_replaced_is_not_the_applicant():
    out = judge(form_replacing())
    assert out["fields"]["nama"] == PERSON["nama"]
    assert out["fields"]["nip"] == WANT["nip"]
    assert out["fields"]["email"] == WANT["email"]
    assert out["complete"] is True, out["deficiencies"]


def test_addressee_in_the_right_column_and_another_lpse():
    ok = judge(form_boxes())
    letter = next(d for d in ok["documents"] if d["type"] == "surat_permohonan")
    assert letter["fields"]["tujuan"] == ("Kepala Biro Pengadaan Barang dan Jasa Setda Provinsi "
                                          "Kalimantan Timur")
    other = judge(form_boxes(), letter=letter_right_column("Kepala LPSE Kota Samarinda"))
    assert "invalid:tujuan_surat" in {d["code"] for d in other["deficiencies"]}


def test_appointee_table_name_over_nip_and_a_mismatch():
    ok = judge(form_boxes())
    sk = next(d for d in ok["documents"] if d["type"] == "surat_penunjukan")
    assert [a["nip"] for a in sk["fields"]["ditunjuk"]] == ["199002022015032001", WANT["nip"]]
    assert sk["fields"]["ditunjuk"][1]["nama"] == PERSON["nama"]
    other = judge(form_boxes(), sk=decree_table(nama="Dewi Lestari, S.T."))
    assert {d["code"] for d in other["deficiencies"]} == {"mismatch:nama"}


def test_invalid_email_is_never_cut_down_to_a_valid_looking_tail():
    person = dict(PERSON, email="rahmat hidayat@balikpapan.go.id")
    saved = PERSON.copy()
    PERSON.update(person)
    try:
        out = judge(form_boxes())
    finally:
        PERSON.update(saved)
    assert out["fields"]["email"] == "rahmat hidayat@balikpapan.go.id"
    assert "invalid:email" in {d["code"] for d in out["deficiencies"]}
    assert out["complete"] is False


def test_a_document_holding_a_web_page_is_corrupt():
    html = (b"<!DOCTYPE html><html><head><title>Kuota unduhan terlampaui</title></head>"
            b"<body><p>Maaf, file ini tidak dapat diunduh.</p></body></html>")
    blobs = [Blob(name="formulir.pdf", data=form_boxes()), Blob(name="SK.pdf", data=html),
             Blob(name="surat.pdf", data=letter_right_column())]
    out = check(read_blobs(blobs, ReadOptions(ocr_workers=1)), RECEIVED).model_dump(mode="json")
    assert ("corrupt", "SK.pdf") in {(d["code"], d.get("file")) for d in out["deficiencies"]}


def form_captions_under_lines() -> bytes:
    """Each value written on a line, its caption printed under the line; two per row at times;
    a letterhead whose contact line names several ways to reach the office; a blanko title."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_xy(20, 12)
    pdf.cell(170, 6, "PEMERINTAH KOTA BALIKPAPAN", align="C")
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(20, 18)
    pdf.cell(170, 5, "Jalan Jenderal Sudirman 1, Balikpapan  Telp. (0542) 421000  Faks. (0542) "
                     "421001  Surel: dishub@balikpapan.go.id", align="C")
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_xy(20, 30)
    pdf.cell(170, 7, "BLANKO ISIAN USULAN ADMIN AGENCY", align="C")
    rows = [[("nama", "Nama pemohon dan gelarnya")],
            [("nip", "NIP pemohon"), ("jabatan", "Jabatan sekarang")],
            [("instansi", "Instansi")], [("satuan_kerja", "Unit kerja")],
            [("telepon", "Ponsel yang bisa dihubungi"), ("email", "Surel")]]
    y = 48.0
    for row in rows:
        for k, (key, caption) in enumerate(row):
            x = 20 + k * 90
            pdf.set_font("Helvetica", size=11)
            pdf.set_xy(x, y)
            pdf.cell(80, 6, PERSON[key])
            pdf.line(x, y + 7, x + 82, y + 7)
            pdf.set_font("Helvetica", "I", 8)
            pdf.set_xy(x, y + 8)
            pdf.cell(80, 4, caption)
        y += 17
    _signature(pdf, 160)
    return bytes(pdf.output())


def form_two_people_side_by_side(omit: str | None = None) -> bytes:
    """One row per item, the applicant's column beside the superior's; a label wrapped over two
    lines with its value beside the first ("Nomor" over "Ponsel/WA")."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_xy(20, 18)
    pdf.cell(170, 7, "FORMULIR USULAN ADMIN AGENCY", align="C")
    pdf.set_font("Helvetica", "B", 10)
    for x, text in ((20, "Data"), (62, "Calon Admin Agency"), (128, "Pejabat yang Mengusulkan")):
        pdf.set_xy(x, 34)
        pdf.cell(60, 6, text)
    pdf.set_font("Helvetica", size=10)
    superior = {"nama": "Ir. Budi Santoso, M.T.", "nip": HEAD_NIP, "jabatan": "Kepala Dinas",
                "telepon": "0811-5500-1122", "email": "budi.santoso@balikpapan.go.id"}
    y = 44.0
    for label, key in (("Nama", "nama"), ("NIP", "nip"), ("Jabatan", "jabatan"),
                       ("Nomor", "telepon"), ("Email", "email")):
        pdf.set_xy(20, y)
        pdf.cell(40, 6, label)
        if label == "Nomor":
            pdf.set_xy(20, y + 5)
            pdf.cell(40, 6, "Ponsel/WA")
        if key != omit:
            pdf.set_xy(62, y)
            pdf.cell(64, 6, PERSON[key])
        pdf.set_xy(128, y)
        pdf.cell(64, 6, superior[key])
        y += 12
    for label, key in (("Instansi", "instansi"), ("Satuan Kerja", "satuan_kerja")):
        pdf.set_xy(20, y)
        pdf.cell(40, 6, label)
        pdf.set_xy(62, y)
        pdf.cell(120, 6, PERSON[key])
        y += 9
    _signature(pdf, 170)
    return bytes(pdf.output())


def test_captions_under_the_lines_name_the_value_above_them():
    out = judge(form_captions_under_lines())
    assert out["fields"] == WANT
    assert out["complete"] is True, out["deficiencies"]
    _sources_cover_the_values(out)
    # The letterhead's office telephone is never the applicant's.
    assert out["fields"]["telepon"] != "0542421000"


def test_the_applicants_column_beside_the_superiors_and_a_wrapped_label():
    out = judge(form_two_people_side_by_side())
    assert out["fields"] == WANT
    assert out["complete"] is True, out["deficiencies"]
    _sources_cover_the_values(out)


def assignment_letter_with_a_period() -> bytes:
    """A Surat Tugas dated in its head, whose period of validity, wrapped over two lines, runs
    from and to dates after that (and after the application arrived)."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=10)
    lines = ["SURAT TUGAS", "Nomor : 094/77/Dishub/II/2026", "Tanggal : 2 Februari 2026",
             "Kepala Dinas Perhubungan Kota Balikpapan menugaskan:",
             f"Nama : {PERSON['nama']}", f"NIP : {PERSON['nip']}",
             f"Jabatan : {PERSON['jabatan']}",
             "untuk melaksanakan tugas sebagai Admin Agency pada LPSE. Tugas ini berlaku sejak",
             "tanggal 1 Desember 2026 dan berakhir sampai dengan",
             "tanggal 31 Desember 2027.",
             "Kepala Dinas Perhubungan,", "Ir. Budi Santoso, M.T.", f"NIP. {HEAD_NIP}"]
    for k, text in enumerate(lines):
        pdf.set_xy(20, 20 + 7 * k)
        pdf.cell(170, 6, text)
    return bytes(pdf.output())


def test_a_period_of_validity_is_not_the_date_the_letter_was_made():
    out = judge(form_bilingual_table(), sk=assignment_letter_with_a_period())
    sk = next(d for d in out["documents"] if d["type"] == "surat_penunjukan")
    assert sk["fields"]["tanggal"] == "2026-02-02"
    assert sk["fields"]["berlaku_sampai"] == "2027-12-31"
    assert out["complete"] is True, out["deficiencies"]


def test_the_applicants_empty_cell_is_never_filled_from_the_superiors_column():
    out = judge(form_two_people_side_by_side(omit="email"))
    assert out["fields"]["email"] is None
    assert [d["code"] for d in out["deficiencies"]] == ["missing_field:email"]


def letter_in_prose(body: str) -> bytes:
    """A cover letter without a "Yth." block: whom it is for is said in its first sentence."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=10)
    lines = ["PEMERINTAH KOTA BALIKPAPAN", "DINAS PERHUBUNGAN", "SURAT PERMOHONAN",
             "Nomor: 800/1201/Dishub/2026", "Yang bertanda tangan di bawah ini Kepala Dinas "
             "Perhubungan Kota Balikpapan", *body.split("\n"),
             f"atas nama {PERSON['nama']}, NIP {PERSON['nip']}.",
             "Balikpapan, 12 November 2026", "Kepala Dinas Perhubungan,",
             "Ir. Budi Santoso, M.T.", f"NIP. {HEAD_NIP}"]
    for k, text in enumerate(lines):
        pdf.set_xy(20, 20 + 7 * k)
        pdf.cell(170, 6, text)
    return bytes(pdf.output())


def test_an_addressee_named_in_the_letters_prose():
    to_us = letter_in_prose("dengan ini mengajukan permohonan kepada Kepala Biro Pengadaan\n"
                            "Barang/Jasa Setda Provinsi Kalimantan Timur di Samarinda untuk "
                            "pembuatan akun Admin Agency")
    out = judge(form_bilingual_table(), letter=to_us)
    assert out["complete"] is True, out["deficiencies"]
    elsewhere = letter_in_prose("dengan ini mengajukan permohonan kepada Kepala Bagian Pengadaan\n"
                                "Barang/Jasa Setda Kota Samarinda di Samarinda untuk pembuatan "
                                "akun Admin Agency")
    out = judge(form_bilingual_table(), letter=elsewhere)
    assert [d["code"] for d in out["deficiencies"]] == ["invalid:tujuan_surat"]


HEAD = {"nama": "Dr. Ir. Suharto Wibisono, M.Si.", "nip": HEAD_NIP,
        "jabatan": "Kepala Dinas Perhubungan", "email": "kadishub@balikpapan.go.id",
        "telepon": "0811-5400-123"}


def form_signer_first(applicant_follows: bool = True) -> bytes:
    """A form in prose: "Yang bertanda tangan di bawah ini" and the head's own data, then the
    request for an employee and that employee's data (or, filled in by the applicant, only the
    signer's block)."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=10)
    lines: list[tuple[str, str]] = [("FORMULIR PERMOHONAN AKUN ADMIN AGENCY", ""),
                                    ("Yang bertanda tangan di bawah ini:", "")]
    signer = HEAD if applicant_follows else PERSON
    lines += [(label, f": {signer[key]}") for label, key in
              (("Nama", "nama"), ("NIP", "nip"), ("Jabatan", "jabatan"),
               ("Surel", "email"), ("Nomor HP", "telepon"))]
    if applicant_follows:
        lines += [("dengan ini mengajukan permohonan akun Admin Agency SPSE bagi pegawai "
                   "kami berikut:", "")]
        lines += [(label, f": {PERSON[key]}") for label, key in
                  (("Nama Lengkap", "nama"), ("NIP", "nip"), ("Jabatan", "jabatan"),
                   ("Instansi", "instansi"), ("Unit Kerja", "satuan_kerja"),
                   ("Alamat Surel", "email"), ("No. HP/WA", "telepon"))]
    else:
        lines += [(label, f": {PERSON[key]}") for label, key in
                  (("Instansi", "instansi"), ("Unit Kerja", "satuan_kerja"))]
        lines += [("dengan ini mengajukan permohonan akun Admin Agency SPSE.", "")]
    for k, (label, value) in enumerate(lines):
        pdf.set_xy(20 if not value else 25, 20 + 7 * k)
        pdf.cell(50 if value else 170, 6, label)
        if value:
            pdf.set_xy(75, 20 + 7 * k)
            pdf.cell(115, 6, value)
    _signature(pdf, 20 + 7 * len(lines) + 10)
    return bytes(pdf.output())


def test_the_person_named_after_the_signer_is_the_applicant():
    out = judge(form_signer_first())
    assert out["fields"] == WANT, out["fields"]
    assert out["complete"] is True, out["deficiencies"]


def test_a_form_signed_by_the_applicant_gives_the_signers_data():
    out = judge(form_signer_first(applicant_follows=False))
    assert out["fields"] == WANT, out["fields"]


def form_with_notes_column() -> bytes:
    """A Word form whose table is "No | Uraian | Isian | Keterangan": hints beside the values
    (read as text, its columns not aligned from row to row)."""
    from io import BytesIO

    from docx import Document

    doc = Document()
    doc.add_paragraph("FORMULIR ISIAN DATA ADMIN AGENCY")
    notes = {"nama": "beserta gelar", "nip": "18 digit tanpa spasi", "jabatan": "sesuai SK",
             "email": "surel dinas diutamakan", "telepon": "yang aktif WhatsApp"}
    rows = [("No", "Uraian", "Isian", "Keterangan")] + [
        (str(n), label, PERSON[key], notes.get(key, "")) for n, (label, key) in enumerate(
            (("Nama lengkap", "nama"), ("NIP", "nip"), ("Jabatan", "jabatan"),
             ("Instansi", "instansi"), ("Satuan Kerja", "satuan_kerja"),
             ("Alamat surel", "email"), ("No. HP/WA", "telepon")), start=1)]
    table = doc.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in ("Balikpapan, 12 November 2026", "Pemohon,", "", PERSON["nama"]):
        doc.add_paragraph(line)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_notes_column_is_no_part_of_the_values():
    blobs = [Blob(name="formulir.docx", data=form_with_notes_column()),
             Blob(name="sk.pdf", data=decree_table()), Blob(name="surat.pdf",
                                                             data=letter_right_column())]
    out = check(read_blobs(blobs), RECEIVED).model_dump(mode="json")
    assert out["fields"] == WANT, out["fields"]
    assert out["complete"] is True, out["deficiencies"]


def form_two_columns_labels_over_values() -> bytes:
    """Two columns of fields, each label in capitals over its value; the right column's rows
    fall between a left label and its value (the rows of both columns interleave)."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_xy(20, 15)
    pdf.cell(170, 8, "PERMOHONAN AKUN ADMIN AGENCY")
    left = [("NAMA LENGKAP DAN GELAR", "nama"), ("NIP", "nip"), ("JABATAN", "jabatan")]
    right = [("INSTANSI", "instansi"), ("UNIT KERJA / OPD", "satuan_kerja"),
             ("ALAMAT KANTOR", None), ("SUREL", "email"), ("NOMOR HP / WHATSAPP", "telepon")]
    for x, fields, start, under in ((20, left, 30.0, 9.0), (110, right, 25.5, 8.5)):
        for k, (label, key) in enumerate(fields):
            y = start + k * 18.0
            pdf.set_font("Helvetica", "B", 8)
            pdf.set_xy(x, y)
            pdf.cell(80, 5, label)
            pdf.set_font("Helvetica", size=10)
            pdf.set_xy(x, y + under)
            pdf.cell(80, 6, PERSON[key] if key else "Jalan Jenderal Sudirman Nomor 7")
    _signature(pdf, 110)
    return bytes(pdf.output())


def test_labels_over_values_in_two_columns_keep_to_their_column():
    out = judge(form_two_columns_labels_over_values())
    assert out["fields"] == WANT, out["fields"]


def form_english_labels() -> bytes:
    """Labels in English with the Indonesian beside them, and a superior's block after."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=10)
    rows = [("Full Name / Nama Lengkap", "nama"), ("Employee ID (NIP)", "nip"),
            ("Position / Jabatan", "jabatan"), ("Organization / Instansi", "instansi"),
            ("Work Unit / Satuan Kerja", "satuan_kerja"), ("E-mail Address", "email"),
            ("Mobile Phone (WhatsApp)", "telepon")]
    pdf.set_xy(20, 18)
    pdf.cell(170, 8, "FORMULIR PERMOHONAN USER ADMIN AGENCY (Request Form)")
    for k, (label, key) in enumerate(rows):
        y = 32 + 8 * k
        pdf.rect(20, y, 60, 8)
        pdf.rect(80, y, 110, 8)
        pdf.set_xy(21, y + 1)
        pdf.cell(58, 6, label)
        pdf.set_xy(81, y + 1)
        pdf.cell(108, 6, PERSON[key])
    for k, (label, value) in enumerate((("Supervisor / Atasan Langsung:", ""),
                                        ("Name", HEAD["nama"]), ("NIP", HEAD["nip"]))):
        pdf.set_xy(20, 100 + 7 * k)
        pdf.cell(40, 6, label)
        pdf.set_xy(60, 100 + 7 * k)
        pdf.cell(100, 6, f": {value}" if value else "")
    return bytes(pdf.output())


def test_english_labels_beside_the_indonesian_ones():
    out = judge(form_english_labels())
    assert out["fields"] == WANT, out["fields"]


def test_a_page_shown_sideways_is_read_the_way_its_text_runs():
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(BytesIO(form_bilingual_table())).pages:
        writer.add_page(page)
    writer.pages[0].rotate(90)  # shown sideways, drawn level
    turned = BytesIO()
    writer.write(turned)
    out = judge(turned.getvalue())
    assert out["fields"] == WANT, out["fields"]
    pages = read_blobs([Blob(name="f.pdf", data=turned.getvalue())], page_images=400).pages
    assert pages[0].rotation == 270  # and its picture is turned to match the words' boxes
    assert pages[0].image is not None


def test_a_wrapped_ahli_pertama_opens_no_decree():
    from extractors.classify import classify_page
    from extractors.models import Method, PageText

    text = "\n".join(["FORMULIR DATA PEGAWAI", "NAMA", PERSON["nama"], "NIP", PERSON["nip"],
                      "JABATAN", "Pengelola Pengadaan Barang/Jasa Ahli", "Pertama",
                      "INSTANSI", PERSON["instansi"], "SUREL", PERSON["email"]])
    page = PageText(file="f.pdf", page=1, method=Method.TEXT, text=text)
    assert classify_page(page).type == "formulir"


def test_a_one_beside_a_cell_border_is_the_numbers_own_unless_a_zero_follows():
    from extractors.layout import layout_page
    from extractors.models import Method, PageText, Word

    wall = (0.30, 0.10, 0.30, 0.20)  # a removed table border, as a vertical segment
    words = [Word(text="NIP", box=(0.10, 0.14, 0.16, 0.16), confidence=0.95),
             Word(text="199508282024032018", box=(0.301, 0.14, 0.55, 0.16), confidence=0.9),
             Word(text="HP", box=(0.10, 0.17, 0.14, 0.19), confidence=0.95),
             Word(text="1081234567890", box=(0.301, 0.17, 0.52, 0.19), confidence=0.9)]
    page = PageText(file="p", page=1, method=Method.OCR, text="", words=words, rules=[wall],
                    size=(1000.0, 1414.0), confidence=0.9)
    texts = [s.text for row in layout_page(page).rows for s in row.spans]
    assert "199508282024032018" in texts  # an NIP starts with its 1
    assert "081234567890" in texts  # the border read as "1" before a telephone's 0


def test_an_appointee_found_by_the_nip_whose_name_a_scan_garbled_is_for_a_person():
    from extractors.fields.appointment import Appointee
    from extractors.fields.lines import Reading
    from extractors.verdict import Verdict, person_in_appointment

    readings = {"nama": Reading("Herlina Sinaga, S.T.", "f.pdf", 1),
                "nip": Reading("199410242018042021", "f.pdf", 1)}
    others = [Appointee("Gusti Ngurah Santoso", "198809222010011033", confidence=0.9)]
    garbled = Appointee("Senen", "199410242018042021", confidence=0.55)
    v = Verdict()
    person_in_appointment(v, readings, "f.pdf", [*others, garbled], "sk.pdf", scanned=True)
    assert not v.deficiencies and [r.field for r in v.reviews] == ["nama"]
    # read surely, another name with the applicant's NIP is another person
    v = Verdict()
    person_in_appointment(v, readings, "f.pdf",
                          [*others, Appointee("Senen Wibowo", "199410242018042021",
                                              confidence=0.95)], "sk.pdf", scanned=True)
    assert [d.code for d in v.deficiencies] == ["mismatch:nama"]


def test_a_forms_first_page_of_instructions_belongs_to_the_form():
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    lines = ["FORMULIR PERMOHONAN AKUN ADMIN AGENCY", "A. KETENTUAN UMUM",
             "1. Setiap satuan kerja mengusulkan paling banyak dua orang.",
             "2. Akun diaktifkan setelah pelatihan penggunaan aplikasi.",
             "B. PETUNJUK PENGISIAN", "1. Isi dengan huruf cetak.",
             "2. Alamat email harus aktif, karena informasi akun dikirim ke alamat tersebut."]
    for k, text in enumerate(lines):
        pdf.set_xy(20, 20 + 8 * k)
        pdf.cell(170, 6, text)
    pdf.add_page()
    pdf.set_xy(20, 20)
    pdf.cell(170, 6, "C. DATA CALON ADMIN AGENCY")
    for k, (label, key) in enumerate((("Nama Lengkap", "nama"), ("NIP", "nip"),
                                      ("Jabatan", "jabatan"), ("Instansi", "instansi"),
                                      ("Satuan Kerja", "satuan_kerja"), ("Email", "email"),
                                      ("Nomor HP", "telepon"))):
        pdf.set_xy(20, 30 + 8 * k)
        pdf.cell(40, 6, label)
        pdf.set_xy(60, 30 + 8 * k)
        pdf.cell(120, 6, f": {PERSON[key]}")
    out = judge(bytes(pdf.output()))
    form = [d for d in out["documents"] if d["file"] == "formulir.pdf"]
    assert [(d["pages"], d["type"]) for d in form] == [([1, 2], "formulir")], form
    assert out["fields"] == WANT


def _scanned_form(rows: list[tuple[str, str]]) -> list:
    """A scanned form's page as OCR gives it: one row a label, a colon and a value."""
    from extractors.layout import layout_page
    from extractors.models import Method, PageText, Word

    words = []
    for k, (label, value) in enumerate(rows):
        y = 0.2 + 0.04 * k
        words.append(Word(text=label, box=(0.10, y, 0.10 + 0.012 * len(label), y + 0.015),
                          confidence=0.9 if label.isalpha() or " " in label else 0.4))
        words.append(Word(text=":", box=(0.33, y, 0.335, y + 0.015), confidence=0.9))
        x = 0.35
        for part in value.split():
            words.append(Word(text=part, box=(x, y, x + 0.012 * len(part), y + 0.015),
                              confidence=0.85))
            x += 0.012 * len(part) + 0.01
    page = PageText(file="scan.jpg", page=1, method=Method.OCR, text="", words=words,
                    size=(1000.0, 1414.0), confidence=0.85)
    return [layout_page(page)]


def test_an_address_whose_label_a_scan_garbled_is_read_by_its_shape_for_a_person():
    from extractors.fields.form import person_fields

    rows = [("Nama Lengkap", "Ratna Sari Dewi"), ("NIP", "198711052011012003"),
            ("Jabatan", "Analis Pengadaan"), ("Satuan Kerja", "Dinas Perhubungan"),
            ("wrx", "ratna.dewi@kutaibaratkab.go.id"), ("Nomor HP", "081350071122")]
    got = person_fields(_scanned_form(rows))
    assert got["email"].value == "ratna.dewi@kutaibaratkab.go.id"
    assert got["email"].fallback  # by position: the Admin PPE confirms it
    # the row left empty is the applicant's missing email, never filled from elsewhere
    rows[4] = ("wrx", "")
    rows.append(("Mengetahui", "kepala.dinas@kutaibaratkab.go.id"))
    assert "email" not in person_fields(_scanned_form(rows))
