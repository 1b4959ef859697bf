"""The long-lived tesseract process gives exactly what a process per page gives, and recovers."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import tesseract
from tests.fixturegen.render import font_path


def _line(text: str) -> np.ndarray:
    image = Image.new("L", (1400, 120), 255)
    ImageDraw.Draw(image).text((30, 30), text, fill=0,
                               font=ImageFont.truetype(font_path("Liberation Sans"), 48))
    return np.asarray(image)


@pytest.fixture
def engine():
    engine = tesseract.Engine("ind", 4)
    yield engine
    engine.shutdown()


def test_engine_reads_as_a_process_per_page_does(engine) -> None:
    for text in ("NIP 198609262015052001", "siti.rahma@kaltimprov.go.id", "Nama Lengkap"):
        page = _line(text)
        alone = tesseract.recognise(page, languages="ind", psm=4, timeout=60)
        kept = tesseract.recognise(page, languages="ind", psm=4, timeout=60, engine=engine)
        assert kept.text == alone.text
        assert [w.box for w in kept.boxes] == [w.box for w in alone.boxes]
        assert kept.confidence == pytest.approx(alone.confidence, abs=0.01)
    blank = engine.recognise(np.full((200, 200), 255, np.uint8), timeout=60)
    assert blank.text == "" and blank.words == 0


def test_engine_starts_anew_after_a_timeout_or_a_dead_process(engine) -> None:
    page = _line("Kepala Dinas Pekerjaan Umum")
    with pytest.raises(tesseract.OcrTimeout):
        engine.recognise(page, timeout=0.0)
    assert "Kepala" in engine.recognise(page, timeout=60).text
    assert engine._proc is not None
    engine._proc.kill()
    engine._proc.wait()
    assert "Kepala" in engine.recognise(page, timeout=60).text
