"""The second look at lines tesseract misreads in a page's context: a row of letter boxes is
read again closed up, and an email address again in a model that can spell "_" (tesseract's
`ind` cannot). Real tesseract, pages drawn here."""

from __future__ import annotations

import re

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors import tesseract
from extractors.ocr import OcrJob, recognise_page
from extractors.options import ReadOptions
from extractors.rules import find_and_remove

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
SANS = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
PARAGRAPH = ("Dengan ini mengajukan permohonan pembuatan akun Admin Agency pada aplikasi Sistem",
             "Pengadaan Secara Elektronik (SPSE) LPSE Provinsi Kalimantan Timur. Saya bersedia",
             "menjaga kerahasiaan User ID dan kata sandi, serta bertanggung jawab penuh atas")
OPTIONS = ReadOptions()


def _page(height: int = 900) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    page = Image.new("L", (1700, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SERIF, 34)
    for line, text in enumerate(PARAGRAPH):  # enough letters to know the page's letter size
        draw.text((60, height - 200 + line * 46), text, font=font, fill=0)
    return page, draw


def _letter_boxes(draw: ImageDraw.ImageDraw, value: str, top: int, left: int = 330,
                  size: int = 48) -> None:
    """A row of boxes drawn as a form printer does: two long rules, the walls between them, the
    end walls standing a little past the rules' ends."""
    font = ImageFont.truetype(SANS, 32)
    right = left + 26 * size
    draw.line((left, top, right, top), fill=90, width=2)
    draw.line((left, top + size, right, top + size), fill=90, width=2)
    for i in range(27):
        x = left + i * size
        overhang = 6 if i in (0, 26) else 0
        draw.line((x, top - overhang, x, top + size + overhang), fill=0 if i == 0 else 90,
                  width=2)
    for i, char in enumerate(value):
        draw.text((left + i * size + 14, top + 7), char, font=font, fill=0)


def _read(page: Image.Image) -> str:
    result = recognise_page(OcrJob(file="p", page=1, gray=np.asarray(page).copy()), OPTIONS)
    return re.sub(r"\s+", " ", result.text)


def test_rows_of_letter_boxes_are_read_closed_up() -> None:
    page, draw = _page()
    font = ImageFont.truetype(SERIF, 34)
    rows = [("Nama Lengkap", "HERLINA MARLINA"), ("NIP", "198403142006042014"),
            ("Nomor HP", "081250004180")]
    for k, (label, value) in enumerate(rows):
        draw.text((60, 90 + k * 110), label, font=font, fill=0)
        _letter_boxes(draw, value, 80 + k * 110)

    # the end walls (past the rules' ends) go with the others
    cleaned, _, letter_rows = find_and_remove(np.asarray(page).copy())
    assert len(letter_rows) == 3
    for top in (80, 190, 300):
        for wall in (330, 330 + 26 * 48):
            assert np.count_nonzero(cleaned[top + 6:top + 42, wall - 3:wall + 4] < 128) == 0
    text = _read(page)
    assert "HERLINA MARLINA" in text, text
    assert "198403142006042014" in text.replace(" ", ""), text
    assert "081250004180" in text.replace(" ", ""), text


def test_an_address_with_an_underscore_is_read_with_it() -> None:
    page, draw = _page(700)
    font = ImageFont.truetype(SERIF, 38)
    draw.text((60, 100), "Alamat Email", font=font, fill=0)
    draw.text((400, 100), ": dimas_r33@gmail.com", font=font, fill=0)
    draw.text((60, 180), "Nomor HP", font=font, fill=0)
    draw.text((400, 180), ": 0812 5566 7788", font=font, fill=0)
    assert "dimas r33" in re.sub(r"\s+", " ", tesseract.recognise(
        np.asarray(page), languages="ind", psm=4, timeout=60).text)  # what ind alone reads
    text = _read(page)
    assert "dimas_r33@gmail.com" in text, text
    assert "0812 5566 7788" in text, text


def test_an_unsure_word_is_read_again_on_its_own_and_kept_when_surer() -> None:
    from extractors import secondlook
    from extractors.tesseract import OcrText, OcrWord, assemble, read_line

    page, draw = _page(400)
    draw.text((60, 60), "Jabatan", font=ImageFont.truetype(SERIF, 36), fill=0)
    gray = np.asarray(page).copy()
    # as a page reading gives a label that handwriting ran into: garbled and unsure
    label = OcrWord("kaan", (58, 62, 190, 100), 0.26, (1, 1, 1))
    value = OcrWord("Pengelola", (400, 62, 560, 100), 0.9, (1, 1, 1))
    number = OcrWord("l98O", (600, 62, 700, 100), 0.2, (1, 1, 1))  # no word: left alone
    result = assemble([label, value, number])

    def line(crop: np.ndarray) -> OcrText:
        return read_line(crop, languages="ind", timeout=30)

    again = secondlook.read_again(gray, result, [], secondlook.Readers(page=line, address=line))
    words = [w.text for w in again.boxes]
    assert words == ["Jabatan", "Pengelola", "l98O"], words
    assert again.boxes[0].box[1] == 62 and again.boxes[0].box[3] == 100  # its row stays
