"""Scans and phone photos of a form come out of `prepare` readable: exact NIP and email by OCR."""

from __future__ import annotations

import random
import re
from datetime import date

import numpy as np
import pytest
from PIL import Image

from extractors import tesseract
from extractors.preprocess import estimate_cap_height, estimate_turn, prepare, rotate_right_angle
from tests.fixturegen import content, degrade, people, render
from tests.fixturegen.cer import cer


class Form:
    def __init__(self, image: Image.Image, text: str, nip: str, email: str) -> None:
        self.image = image
        self.gray = np.asarray(image)
        self.text = text
        self.nip = nip
        self.email = email


@pytest.fixture(scope="module")
def form() -> Form:
    """An account request form at 300 dpi, cut to its text (OCR of a whole A4 page is slower)."""
    rng = random.Random(7)
    agency = people.make_agency(rng)
    person = people.make_person(rng, agency=agency)
    head = people.make_head(rng, agency)
    doc = content.make_formulir(rng, person, head, agency, date(2026, 10, 14), variant="list",
                                with_kop=False)
    page = np.asarray(render.to_image(doc, dpi=300))
    rows = np.flatnonzero((page < 128).any(axis=1))
    cols = np.flatnonzero((page < 128).any(axis=0))
    margin = 120
    crop = page[max(rows[0] - margin, 0) : rows[-1] + margin, max(cols[0] - margin, 0) :
                cols[-1] + margin]
    return Form(Image.fromarray(np.ascontiguousarray(crop)), doc.text, person.nip_printed,
                person.email)


def ocr(gray: np.ndarray) -> str:
    return tesseract.recognise(gray, languages="ind+eng", psm=3, timeout=60).text


def assert_readable(form: Form, text: str, max_cer: float) -> None:
    flat = re.sub(r"\s+", " ", text)
    assert form.nip in flat
    assert form.email.lower() in flat.lower()  # reported lower-case (SPEC)
    assert cer(form.text, text) < max_cer


def test_clean_scan_is_returned_unchanged(form: Form) -> None:
    # How long this takes is measured by bench/read_speed.py, not asserted here.
    page = np.asarray(degrade.low_res(form.image, 300))  # identity size, a fresh array
    result = prepare(page)
    assert result.cleanup == []
    assert result.deskew == 0.0
    assert np.array_equal(result.image, page)


def test_jpeg_and_150_dpi_scans_are_not_filtered(form: Form) -> None:
    # A median on these would eat thin strokes; a 150 dpi page reads well as it is.
    assert prepare(np.asarray(degrade.jpeg(form.image, 20))).cleanup == []
    assert prepare(np.asarray(degrade.low_res(form.image, 150))).cleanup == []


@pytest.mark.parametrize("degrees", [-12.0, -3.0, 0.8, 7.5])
def test_skew_is_measured_and_undone(form: Form, degrees: float) -> None:
    result = prepare(np.asarray(degrade.skew(form.image, degrees)))
    assert result.cleanup == ["deskew"]
    assert result.deskew == pytest.approx(degrees, abs=0.15)
    assert prepare(result.image).deskew == 0.0


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotate_right_angle_turns_clockwise(form: Form, degrees: int) -> None:
    turned = np.asarray(degrade.rotate(form.image, degrees))  # turned clockwise
    assert np.array_equal(rotate_right_angle(turned, 360 - degrees), form.gray)


def test_cap_height_tells_resolution(form: Form) -> None:
    at_300 = estimate_cap_height(form.gray)
    at_100 = estimate_cap_height(np.asarray(degrade.low_res(form.image, 100)))
    assert at_300 is not None and at_100 is not None
    assert at_300 / at_100 == pytest.approx(3.0, rel=0.2)


DEGRADED = {
    "skew_5": (lambda img: degrade.skew(img, 5.0), ["deskew"], 0.01),
    "salt_pepper_5%": (lambda img: degrade.noise(img, 0.05, rng=1), ["denoise"], 0.01),
    "uneven_light": (lambda img: degrade.uneven_light(degrade.grey_background(img, rng=1)),
                     ["background"], 0.01),
    "100_dpi": (lambda img: degrade.low_res(img, 100), ["upscale"], 0.02),
    "phone_photo": (lambda img: degrade.photo(img, rng=3), ["perspective", "background"], 0.02),
    "combined": (lambda img: degrade.combined(img, rng=2), ["denoise", "background", "deskew"],
                 0.02),
}


@pytest.mark.parametrize("name", list(DEGRADED))
def test_degraded_page_reads_exactly_after_prepare(form: Form, name: str) -> None:
    make, steps, max_cer = DEGRADED[name]
    result = prepare(np.asarray(make(form.image).convert("L")))
    assert result.cleanup == steps
    assert_readable(form, ocr(result.image), max_cer)


def test_sideways_page_is_read_after_orientation_check(form: Form) -> None:
    sideways = np.asarray(degrade.rotate(form.image, 90))
    turn, _ = tesseract.orientation(sideways, timeout=60)
    assert turn == 270
    result = prepare(rotate_right_angle(sideways, turn))
    assert result.cleanup == []
    assert_readable(form, ocr(result.image), 0.01)


def test_photo_with_a_shadow_across_the_page_is_cut_out_whole(form: Form) -> None:
    photo = degrade.shadow(degrade.photo(form.image, rng=5), rng=5, depth=0.5)
    result = prepare(np.asarray(photo.convert("L")), photo_hint=True)
    assert result.cleanup[0] == "perspective"
    height, width = result.image.shape
    assert height / width == pytest.approx(form.gray.shape[0] / form.gray.shape[1], rel=0.08)
    assert_readable(form, ocr(result.image), 0.03)


@pytest.mark.parametrize("degrees", [0, 180])
def test_upside_down_is_told_from_the_text_lines(form: Form, degrees: int) -> None:
    page = rotate_right_angle(np.asarray(degrade.skew(form.image, 2.0)), degrees)
    assert estimate_turn(prepare(page).image) == degrees
    assert estimate_turn(rotate_right_angle(form.gray, 90)) is None  # a quarter: ask tesseract
