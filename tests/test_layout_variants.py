"""More layouts agencies print that the judging must read by position: a bilingual table with
the translation in a column of its own, values typed over underscore lines, sub-numbered
sections, a spreadsheet printed with its gridlines, a letterhead whose contacts stand one a
line under a page tag, a letter whose second page lists the person, handwriting written above
the line of the next label. Drawn here with fpdf2 (scans as OCR gives them: words with boxes)."""

from __future__ import annotations

from fpdf import FPDF

from extractors.fields.form import person_fields
from extractors.layout import layout_page
from extractors.models import Blob, Method, PageText, Word
from tests.test_layout_judging import PERSON, WANT, _pdf, _signature, judge

ROWS = (("Nama Lengkap", "Full name", "nama"), ("NIP", "Employee ID", "nip"),
        ("Jabatan", "Position", "jabatan"), ("Instansi", "Institution", "instansi"),
        ("Satuan Kerja", "Work unit", "satuan_kerja"), ("Surel", "E-mail", "email"),
        ("Telepon Seluler", "Mobile phone", "telepon"))


def _title(pdf: FPDF, text: str = "FORMULIR PERMOHONAN AKUN ADMIN AGENCY", y: float = 20) -> None:
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_xy(20, y)
    pdf.cell(170, 7, text, align="C")
    pdf.set_font("Helvetica", size=10)


def form_translation_column(same_cell: bool = False) -> bytes:
    """Indonesian label | English label | value, a ruled row each; or both labels in one cell."""
    pdf = _pdf()
    _title(pdf)
    y = 40.0
    for label, english, key in ROWS:
        cells = ((20, 70, f"{label} {english}"), (90, 100, PERSON[key])) if same_cell else \
            ((20, 40, label), (60, 40, english), (100, 90, PERSON[key]))
        for x, w, text in cells:
            pdf.rect(x, y, w, 9)
            pdf.set_xy(x + 1.5, y + 1.5)
            pdf.cell(w - 3, 6, text)
        y += 9
    _signature(pdf, y + 15)
    return bytes(pdf.output())


def test_a_labels_translation_beside_it_is_part_of_the_label():
    for same_cell in (False, True):
        out = judge(form_translation_column(same_cell))
        assert out["fields"] == WANT, same_cell
        assert out["complete"] and not out["needs_review"]


def form_on_underscores() -> bytes:
    """Values typed on a line printed as underscores after them; the agency named "K/L/PD/I"."""
    pdf = _pdf()
    _title(pdf)
    rows = (("1. Nama (lengkap dengan gelar)", "nama"), ("2. NIP / NI PPPK", "nip"),
            ("3. Jabatan", "jabatan"), ("4. K/L/Perangkat Daerah/Institusi", "instansi"),
            ("5. Satuan Kerja (Unit Organisasi)", "satuan_kerja"),
            ("6. Alamat Surel Pribadi (aktif)", "email"), ("7. Nomor Telepon Seluler", "telepon"))
    for k, (label, key) in enumerate(rows):
        pdf.set_xy(20, 40 + 9 * k)
        pdf.cell(62, 6, label)
        pdf.set_xy(82, 40 + 9 * k)
        pdf.cell(108, 6, f": {PERSON[key]}" + "_" * max(4, 60 - 2 * len(PERSON[key])))
    _signature(pdf, 120)
    return bytes(pdf.output())


def test_values_typed_over_underscores_and_the_regulations_name_for_the_agency():
    out = judge(form_on_underscores())
    assert out["fields"] == WANT
    assert out["complete"]


def form_sub_numbered(letterhead_lines: bool = True) -> bytes:
    """A page tag above a letterhead with its contacts one a line (its phone reads as a
    "Telp." row), then sections "1. IDENTITAS" and "2. INSTANSI" over rows "2.1 Nama Instansi"."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=8)
    pdf.set_xy(20, 10)
    pdf.cell(100, 5, "Lampiran Standar Operasional Prosedur")
    pdf.set_xy(150, 10)
    pdf.cell(40, 5, "Formulir A-1", align="R")
    pdf.set_font("Helvetica", "B", 11)
    for k, text in enumerate(("PEMERINTAH KOTA BALIKPAPAN", "DINAS PERHUBUNGAN")):
        pdf.set_xy(20, 18 + 6 * k)
        pdf.cell(90, 6, text)
    pdf.set_font("Helvetica", size=9)
    contacts = ("Jalan Jenderal Sudirman Nomor 1", "Telp. (0542) 421234",
                "dishub@balikpapan.go.id") if letterhead_lines else ()
    for k, text in enumerate(contacts):
        pdf.set_xy(120, 18 + 5 * k)
        pdf.cell(70, 5, text)
    pdf.set_line_width(0.8)
    pdf.line(20, 36, 190, 36)
    pdf.set_line_width(0.2)
    _title(pdf, y=42)
    rows = (("1.", "IDENTITAS CALON ADMIN AGENCY", None), ("1.1", "Nama Lengkap", "nama"),
            ("1.2", "Nomor Induk Pegawai", "nip"), ("1.3", "Jabatan", "jabatan"),
            ("2.", "INSTANSI", None), ("2.1", "Nama Instansi", "instansi"),
            ("2.2", "Satuan Kerja", "satuan_kerja"), ("3.", "KONTAK PRIBADI", None),
            ("3.1", "Surat Elektronik (e-mail)", "email"), ("3.2", "Nomor Telepon Genggam",
                                                          "telepon"))
    y = 56.0
    for number, label, key in rows:
        pdf.set_font("Helvetica", "B" if key is None else "", 10)
        pdf.set_xy(20 if key is None else 26, y)
        pdf.cell(10, 6, number)
        pdf.set_xy(30 if key is None else 36, y)
        pdf.cell(60, 6, label)
        if key is not None:
            pdf.set_xy(96, y)
            pdf.cell(94, 6, f": {PERSON[key]}")
        y += 8
    _signature(pdf, y + 10)
    return bytes(pdf.output())


def test_sub_numbered_sections_under_a_letterhead_with_its_contacts_one_a_line():
    out = judge(form_sub_numbered())
    assert out["fields"] == WANT  # never the office's "Telp." nor "2.1 : …" as the instansi
    assert out["complete"]


def form_spreadsheet() -> bytes:
    """A spreadsheet printed with its gridlines: light lines every few millimetres drawn first,
    the table's white cells over them, a notes column; the gridlines stay visible outside the
    table, through the signature block."""
    pdf = FPDF(format="A4", orientation="L")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.2)
    for x in range(15, 285, 17):
        pdf.line(x, 12, x, 200)
    for y in range(12, 200, 7):
        pdf.line(15, y, 285, y)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_xy(15, 14)
    pdf.cell(270, 7, "FORMULIR USULAN AKUN ADMIN AGENCY", align="C")
    pdf.set_font("Helvetica", size=10)
    widths = ((15, 12), (27, 70), (97, 120), (217, 68))
    y = 30.0
    head = ("NO", "URAIAN", "ISIAN", "KETERANGAN")
    notes = {"nama": "Ditulis lengkap dengan gelar", "nip": "18 digit",
             "email": "Email pribadi yang aktif"}
    rows = [(head[0], head[1], head[2], head[3])] + [
        (str(n), label, PERSON[key], notes.get(key, ""))
        for n, (label, _, key) in enumerate(ROWS, start=1)]
    for row in rows:
        for (x, w), text in zip(widths, row, strict=True):
            pdf.rect(x, y, w, 8, style="DF")
            pdf.set_xy(x + 1, y + 1)
            pdf.cell(w - 2, 6, text)
        y += 8
    for x, lines in ((30, ("Menyetujui,", "Kepala Dinas Perhubungan Kota Balikpapan", "",
                           "Ir. Budi Santoso, M.T.", "NIP 19700101 199503 1 002")),
                     (200, ("Balikpapan, 12 November 2026", "Yang Mengajukan,", "",
                            PERSON["nama"], f"NIP {PERSON['nip']}"))):
        for k, text in enumerate(lines):
            pdf.set_xy(x, y + 12 + 7 * k)
            pdf.cell(80, 6, text)
    return bytes(pdf.output())


def test_a_spreadsheets_gridlines_divide_no_cell_and_its_notes_are_no_value():
    out = judge(form_spreadsheet())
    assert out["fields"] == WANT
    assert out["complete"]


def letter_over_two_pages() -> bytes:
    """A cover letter whose second page, numbered "- 2 -", lists the person's data."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=11)
    lines = ("PEMERINTAH KOTA BALIKPAPAN", "DINAS PERHUBUNGAN", "",
             "Nomor : 500/123/Dishub/XI/2026", "Lampiran : 1 (satu) berkas",
             "Hal : Usulan Akun Admin Agency", "",
             "Yth. Kepala Biro Pengadaan Barang dan Jasa", "Setda Provinsi Kalimantan Timur",
             "di Samarinda", "",
             "1. Dalam rangka pengelolaan pengguna SPSE pada Dinas Perhubungan, kami perlu",
             "memiliki Admin Agency yang aktif.",
             "2. Sehubungan dengan hal tersebut, bersama ini kami mengajukan permohonan",
             "pembuatan akun Admin Agency bagi pegawai sebagai berikut:")
    for k, text in enumerate(lines):
        pdf.set_xy(20, 20 + 7 * k)
        pdf.cell(170, 6, text)
    pdf.add_page()
    pdf.set_xy(20, 12)
    pdf.cell(170, 6, "- 2 -", align="C")
    y = 26
    for label, value in (("Nama", PERSON["nama"]), ("NIP", PERSON["nip"]),
                         ("Pangkat/Gol.", "Penata Muda Tingkat I (III/b)"),
                         ("Jabatan", PERSON["jabatan"]), ("Instansi", PERSON["instansi"]),
                         ("Unit Kerja", PERSON["satuan_kerja"]),
                         ("Alamat Kantor", "Jalan Jenderal Sudirman Nomor 1, Balikpapan"),
                         ("Surel", PERSON["email"]), ("Telepon Seluler", PERSON["telepon"])):
        pdf.set_xy(26, y)
        pdf.cell(40, 6, f"- {label}")
        pdf.set_xy(70, y)
        pdf.cell(120, 6, f": {value}")
        y += 7
    for text in ("3. Demikian disampaikan, atas perhatian Bapak diucapkan terima kasih.", "",
                 "Kepala Dinas Perhubungan,", "", "", "Ir. Budi Santoso, M.T.",
                 "NIP. 19700101 199503 1 002"):
        pdf.set_xy(20 if text.startswith("3.") else 115, y + 4)
        pdf.cell(75, 6, text)
        y += 7
    return bytes(pdf.output())


def test_a_letters_second_page_listing_the_person_is_the_letters():
    from tests.test_layout_judging import form_bilingual_table

    out = judge(form_bilingual_table(), letter=letter_over_two_pages())
    letter = [d for d in out["documents"] if d["file"] == "surat.pdf"]
    assert [(d["pages"], d["type"]) for d in letter] == [([1, 2], "surat_permohonan")]
    assert out["fields"] == WANT and out["complete"]


def _ocr_page(rows: list[tuple[float, str, float]]) -> list:
    """A scanned page as OCR gives it: (top, text, x) lines, words of a line a space apart."""
    words = []
    for top, text, x in rows:
        for part in text.split():
            width = 0.011 * len(part)
            words.append(Word(text=part, box=(x, top, x + width, top + 0.014), confidence=0.93))
            x += width + 0.008
    page = PageText(file="scan.jpg", page=1, method=Method.OCR, text="", words=words,
                    size=(1000.0, 1414.0), confidence=0.93)
    return [layout_page(page)]


def test_handwriting_above_the_next_labels_line_is_that_labels_value():
    rows = [(0.20, "Nama Lengkap", 0.10), (0.20, ":", 0.40), (0.197, "Sri Wahyuni", 0.43),
            (0.24, "NIP", 0.10), (0.24, ":", 0.40), (0.237, "198507122010012004", 0.43),
            (0.28, "Nama Instansi", 0.10), (0.28, ":", 0.40),
            (0.277, "Pemerintah Kota Bontang", 0.43),
            (0.312, "Dinas Kesehatan", 0.43),  # written above the next line
            (0.32, "Satuan Kerja", 0.10), (0.32, ":", 0.40),
            (0.36, "Email", 0.10), (0.36, ":", 0.40), (0.357, "sri.wahyuni@gmail.com", 0.43)]
    got = person_fields(_ocr_page(rows))
    assert got["instansi"].value == "Pemerintah Kota Bontang"
    assert got["satuan_kerja"].value == "Dinas Kesehatan" and got["satuan_kerja"].fallback


def test_a_heading_read_surely_beside_a_label_word_is_no_garbled_value():
    rows = [(0.20, "Nama Lengkap", 0.10), (0.20, ":", 0.40), (0.20, "Sri Wahyuni", 0.43),
            (0.24, "NIP", 0.10), (0.24, ":", 0.40), (0.24, "198507122010012004", 0.43),
            (0.28, "3.", 0.06), (0.28, "KONTAK PRIBADI", 0.10),
            (0.32, "Email", 0.10), (0.32, ":", 0.40), (0.32, "sri.wahyuni@gmail.com", 0.43),
            (0.36, "Nomor Telepon Genggam", 0.10)]
    got = person_fields(_ocr_page(rows))
    assert "telepon" not in got  # left empty: the applicant's missing field, not a review


def letter_proposing() -> bytes:
    """A short letter without "Hal": its subject a centred title, its act "mengusulkan …
    untuk dibuatkan akun", its enclosures named at the start of a line."""
    pdf = _pdf()
    pdf.set_font("Helvetica", size=11)
    lines = [("PEMERINTAH KOTA BALIKPAPAN", "C"), ("DINAS PERHUBUNGAN", "C"),
             ("Jalan Jenderal Sudirman Nomor 1, Balikpapan 76112", "C"),
             ("Telepon (0542) 421234, Faksimile (0542) 421235", "C"),
             ("Laman dishub.balikpapan.go.id, Pos-el dishub@balikpapan.go.id", "C"),
             ("Balikpapan, 10-XI-2026", "R"), ("Nomor : 500/123/Dishub/XI/2026", "L"),
             ("Kepada", "L"),
             ("Yth. Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan Timur", "L"),
             ("di Samarinda", "L"), ("", "L"), ("PERMOHONAN AKUN ADMIN AGENCY SPSE", "C"),
             ("Dalam rangka pengelolaan pengguna SPSE, bersama ini kami mengusulkan Saudara", "L"),
             (f"{PERSON['nama']}, NIP {PERSON['nip']}, jabatan {PERSON['jabatan']},", "L"),
             ("untuk dibuatkan akun Admin Agency pada LPSE Provinsi Kalimantan Timur. Kami", "L"),
             ("lampirkan formulir permohonan yang telah diisi beserta", "L"),
             ("surat penunjukan yang bersangkutan sebagai Admin Agency.", "L"),
             ("", "L"), ("Kepala Dinas Perhubungan,", "R"), ("", "L"),
             ("Ir. Budi Santoso, M.T.", "R"), ("NIP. 19700101 199503 1 002", "R")]
    for k, (text, align) in enumerate(lines):
        pdf.set_xy(20, 20 + 7 * k)
        pdf.cell(170, 6, text, align=align)
    return bytes(pdf.output())


def test_a_letter_putting_someone_forward_for_an_account_is_the_cover_letter():
    from tests.test_layout_judging import form_bilingual_table

    out = judge(form_bilingual_table(), letter=letter_proposing())
    letter = [d for d in out["documents"] if d["file"] == "surat.pdf"]
    assert [d["type"] for d in letter] == ["surat_permohonan"]
    assert out["complete"] and not out["needs_review"]  # naming the SK makes it none


def test_a_mobile_number_whose_label_a_scan_cut_short_is_read_by_its_shape_for_a_person():
    rows = [(0.20, "Nama Lengkap", 0.10), (0.20, ":", 0.40), (0.20, "Sri Wahyuni", 0.43),
            (0.24, "NIP", 0.10), (0.24, ":", 0.40), (0.24, "198507122010012004", 0.43),
            (0.28, "Jabatan", 0.10), (0.28, ":", 0.40), (0.28, "Analis Kepegawaian", 0.43),
            (0.32, "Telepon Kantor", 0.10), (0.32, ":", 0.40), (0.32, "(0548) 41234", 0.43),
            (0.36, "Nomor", 0.10), (0.36, ":", 0.40), (0.36, "6281345678901", 0.43),
            (0.40, "Email", 0.10), (0.40, ":", 0.40), (0.40, "sri.wahyuni@gmail.com", 0.43)]
    got = person_fields(_ocr_page(rows))
    assert got["telepon"].value == "081345678901" and got["telepon"].fallback
    # the office's line is never the applicant's number
    rows = [r for r in rows if r[0] != 0.36]
    assert "telepon" not in person_fields(_ocr_page(rows))



def test_a_scan_set_with_wide_word_spaces_keeps_a_value_whole():
    """Words of a line set far apart (a typewriter, a wide font), several rows' second words
    aligned: one value each, not columns of people side by side."""
    rows = []
    for k, (label, value) in enumerate((("Nama Lengkap", "Agus Hermawan, S.T., M.T."),
                                        ("NIP", "197911212007051008"),
                                        ("Pangkat / Gol. Ruang", "Juru Muda Tingkat I, I/b"),
                                        ("Jabatan Saat Ini", "Juru Komputer Terampil"),
                                        ("Instansi", "Pemerintah Provinsi Kalimantan Timur"),
                                        ("Alamat Kantor", "Jln. Kesuma Bangsa Nomor 7"))):
        top = 0.20 + 0.03 * k
        rows += [(top, label, 0.10), (top, ":", 0.40)]
        x = 0.43
        for word in value.split():
            rows.append((top, word, x))
            x += 0.011 * len(word) + 0.022  # more than a word height apart
    got = person_fields(_ocr_page(rows))
    assert got["nama"].value == "Agus Hermawan, S.T., M.T."
    assert got["jabatan"].value == "Juru Komputer Terampil"


def test_small_boxes_keep_their_sides_and_only_a_covered_line_is_cut():
    """A text layer's small boxes (a 2.2 mm box per character) keep their four sides; a grid
    line under a white cell drawn later is cut where the cell hides it."""
    from extractors.reader import read_blobs as read

    pdf = _pdf()
    pdf.set_draw_color(200, 200, 200)
    pdf.line(120, 20, 120, 120)  # a gridline, drawn first
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(100, 50, 40, 20, style="DF")  # a white cell over its middle
    for k in range(4):
        pdf.rect(20 + 2.2 * k, 30, 2.2, 2.2)
    pdf.set_xy(20, 80)
    pdf.cell(60, 6, "Kotak per huruf")
    page = read([Blob(name="f.pdf", data=bytes(pdf.output()))]).pages[0]
    w, h = 210, 297
    mm = [(round(r[0] * w, 1), round(r[1] * h, 1), round(r[2] * w, 1), round(r[3] * h, 1))
          for r in page.rules]
    tops = [r for r in mm if r[1] == r[3] and abs(r[1] - 30) < 0.5 and 19 <= r[0] < 30]
    assert len(tops) == 4  # one a box
    grid = sorted(r for r in mm if r[0] == r[2] and abs(r[0] - 120) < 0.5)
    assert len(grid) == 2, grid  # above the cell and below it
    assert abs(grid[0][1] - 20) < 0.5 and abs(grid[0][3] - 50) < 0.5
    assert abs(grid[1][1] - 70) < 0.5 and abs(grid[1][3] - 120) < 0.5
