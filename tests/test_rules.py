"""Lines removed before OCR: a form's dotted leaders go and what is written on them stays; the
words of a blurred photo are never taken for ruled lines."""

from __future__ import annotations

import re

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors import tesseract
from extractors.rules import find_and_remove

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
HAND = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Oblique.ttf"
ROWS = [("Nama Lengkap", "Ahmad Wahyu Jalung"), ("NIP", "19800423 200203 1 023"),
        ("Jabatan", "Kepala Subbagian Umum"), ("Email", "ahmad.jalung@mahulu.go.id"),
        ("No. Telepon/HP", "085197416265")]
PARAGRAPH = ("Dengan ini mengajukan permohonan pembuatan akun Admin Agency pada aplikasi Sistem",
             "Pengadaan Secara Elektronik (SPSE) LPSE Provinsi Kalimantan Timur. Saya bersedia",
             "menjaga kerahasiaan User ID dan kata sandi, serta bertanggung jawab penuh atas")


def _form(scale: float) -> np.ndarray:
    """A form at `scale` x 200 dpi: labels, a colon, and each value written over a dotted
    leader that runs to the right margin; a paragraph below."""
    width, height = round(1650 * scale), round(1100 * scale)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    label = ImageFont.truetype(SERIF, round(30 * scale))
    hand = ImageFont.truetype(HAND, round(36 * scale))
    for row, (name, value) in enumerate(ROWS):
        y = round((80 + row * 110) * scale)
        draw.text((round(80 * scale), y), name, font=label, fill=0)
        draw.text((round(480 * scale), y), ":", font=label, fill=0)
        draw.text((round(530 * scale), y - round(8 * scale)), value, font=hand, fill=20)
        baseline = y + round(38 * scale)
        for x in range(round(520 * scale), round(1580 * scale), max(round(9 * scale), 4)):
            r = max(1.0, 1.6 * scale)
            draw.ellipse((x - r, baseline - r, x + r, baseline + r), fill=40)
    for line, text in enumerate(PARAGRAPH):
        draw.text((round(80 * scale), round((680 + line * 45) * scale)), text, font=label,
                  fill=0)
    return np.asarray(page).copy()


def _read(gray: np.ndarray) -> str:
    return re.sub(r"\s+", " ", tesseract.recognise(gray, languages="ind", psm=4, timeout=60).text)


def test_dotted_leaders_go_and_the_values_written_on_them_stay() -> None:
    page = _form(1.5)  # 300 dpi
    cleaned, boxes, _rows = find_and_remove(page)
    assert boxes == []  # a leader is no table border: the layout must not see cells in it

    # The leaders' dots are gone: between the values' end and the margin only paper is left.
    for row, (_name, _value) in enumerate(ROWS):
        baseline = round((80 + row * 110 + 38) * 1.5)
        tail = cleaned[baseline - 4:baseline + 5, round(1450 * 1.5):round(1570 * 1.5)]
        before = page[baseline - 4:baseline + 5, round(1450 * 1.5):round(1570 * 1.5)]
        assert np.count_nonzero(before < 128) > 50
        assert np.count_nonzero(tail < 128) == 0

    text = _read(cleaned)
    for _name, value in ROWS:
        assert value in text, (value, text)
    for line in PARAGRAPH:
        assert line in text


def test_the_words_of_a_blurred_low_resolution_photo_are_not_taken_for_rules() -> None:
    # A phone photo's page flattened at ~100 dpi, out of focus: letters of a word run
    # together, and a long horizontal kernel keeps the middle of the word as if it were a line.
    small = cv2.resize(_form(1.0), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (0, 0), 1.2)
    cleaned, boxes, _rows = find_and_remove(blurred)
    assert boxes == []
    paragraph = slice(round(660 * 0.5), round(830 * 0.5))
    changed = np.count_nonzero(cleaned[paragraph] != blurred[paragraph])
    assert changed == 0, f"{changed} pixels of the paragraph whitened"


def test_the_walls_of_letter_boxes_go_and_the_letters_in_them_stay() -> None:
    # "satu kotak satu huruf": a row of boxes, one capital letter (or digit) in each.
    page = Image.new("L", (1700, 500), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SERIF, 40)
    for line, text in enumerate(PARAGRAPH):  # enough letters to know the page's letter size
        draw.text((60, 330 + line * 50), text, font=font, fill=0)
    value, left, top, size = "FIRMAN LAHANG 1986", 300, 100, 60
    for i, char in enumerate(value):
        x = left + i * size
        draw.rectangle((x, top, x + size, top + size), outline=0, width=3)
        draw.text((x + 16, top + 8), char, font=font, fill=0)
    draw.text((60, top + 10), "Nama", font=font, fill=0)
    gray = np.asarray(page).copy()

    cleaned, boxes, _rows = find_and_remove(gray)
    inner = slice(top + 6, top + size - 5)
    for i in range(1, len(value)):
        wall = left + i * size
        assert np.count_nonzero(gray[inner, wall - 1:wall + 2] < 128) > 40
        assert np.count_nonzero(cleaned[inner, wall - 3:wall + 4] < 128) == 0, i
    letters = [(left + i * size + 8, left + (i + 1) * size - 8) for i in range(len(value))]
    for x0, x1 in letters:
        assert np.array_equal(cleaned[inner, x0:x1] < 128, gray[inner, x0:x1] < 128)
    assert "1 9 8 6" in _read(cleaned)  # no I or | between the digits
