"""A second look at what tesseract misreads in the page's context.

- **Unsure words.** A word read with little confidence beside handwriting that ran into it
  ("kaan" for the label "Jabatan") is read again on its own, and kept if surer.
- **Letter boxes** ("satu kotak satu huruf"): with the walls removed, a row's letters stand a
  box apart, and tesseract in page mode reads them as garbage ("HERE ENA" for "H E R L I N A").
  The row is cut out, the gaps between letters closed up (a gap as wide as the row's usual
  one becomes a thin one, a wider gap a word space) and the row read again as one line.
- **Email addresses.** tesseract's `ind` model cannot spell every address: its character set
  (87 symbols) has no "_", "q" or "+", so "dimas_r33@gmail.com" is read "dimas r33@gmail.com".
  `eng` has them: each word holding an "@" is read again on its own line, cropped from the
  page, in `ADDRESS_LANGUAGES`; the address that reading gives takes the place of the words
  under it, when it is a valid address and the page reading is not one read more surely.

Measured on the scanned berkas of the three corpora (82 addresses), addresses read right: 44
before, 54 after.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from extractors.normalize import letterhead_words, normalize_email
from extractors.tesseract import OcrText, OcrWord, assemble

ADDRESS_LANGUAGES = "eng"
_MAX_ADDRESSES = 8  # a page with more "@" (a list of contacts) is read as it is beyond these
_LEFT_WORDS = 3  # words before the "@" that may be the address split where "_" was
_GAP = 1.0  # the parts of one address are less than this many word heights apart
_PAD = 0.35  # margin around a crop, in word (or box) heights
# What may be a piece of an address's local part split off where a "_" was ("dimas" of
# "dimas r33@…"); "Pos-el:" or "Email," before an address is none.
_LOCAL_PART = re.compile(r"^[A-Za-z0-9._-]+$")
_DOMAIN_PART = re.compile(r"^[A-Za-z0-9.-]+$")  # "gmail.com" of "agus_hermawan@ gmail.com"
_TOUCHING = 0.15  # word heights: a gap narrower than a word space
# An address read as one valid word with at least this confidence is not read again (the
# second look costs a line's OCR, and a model to load the first time).
_SURE = 0.85
# Closing up a row of letter boxes: a gap up to this many times the row's median gap is
# between two letters of a word, and becomes this many row heights wide; a wider one is a
# word space.
_LETTER_GAP = 1.6
_CLOSED_LETTER_GAP = 0.12
_CLOSED_WORD_GAP = 0.5

# A word of at least `_UNSURE_LETTERS` letters read with less confidence than `_UNSURE` is
# read again on its own (at most `_MAX_UNSURE` a page); that reading is kept when its
# confidence is `_SURER` higher.
_UNSURE = 0.4
_UNSURE_LETTERS = 3
_MAX_UNSURE = 12
_SURER = 0.2

LineReader = Callable[[np.ndarray], OcrText]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Readers:
    page: LineReader  # one line in the page's languages
    address: LineReader  # one line in ADDRESS_LANGUAGES


def read_again(image: np.ndarray, result: OcrText, letter_rows: list[Box],
               readers: Readers) -> OcrText:
    """`result` with its rows of letter boxes and its email addresses read again."""
    words = list(result.boxes)
    height, width = image.shape[:2]
    boxed: list[tuple[int, int, int, int]] = []
    for x0, y0, x1, y1 in letter_rows:
        row = (round(x0 * width), round(y0 * height), round(x1 * width), round(y1 * height))
        words, read = _letters_again(image, words, row, readers)
        if read:
            boxed.append(row)
    for word in _unsure_words(words, boxed):
        again = _word_again(image, word, readers.page)
        if again:
            words = _replaced(words, [word], again)
    contact_lines = _contact_lines(words)
    at = [w for w in words if _address_like(w) and w.line not in contact_lines
          and not any(_inside(w, r) for r in boxed)]
    for word in at[:_MAX_ADDRESSES]:
        found = _address_again(image, words, word, readers.address)
        if found is not None:
            words = _replaced(words, found[1], [found[0]])
    return assemble(words) if words != list(result.boxes) else result


# An address whose "@" a hand made unreadable ("ignatiussirOmahakamulukab.go.id"): a domain's
# ending, read unsurely (a printed web address is read surely).
_DOMAIN_END = re.compile(r"[a-z0-9]{2,}\.(?:[a-z]{2,3}\.)?(?:id|com|net|org)$", re.IGNORECASE)


def _address_like(word: OcrWord) -> bool:
    text = word.text.rstrip(".,;")
    return "@" in text or (len(text) >= 10 and _DOMAIN_END.search(text) is not None
                           and (word.confidence or 0.0) < _SURE
                           and not text.lower().startswith(("www.", "http")))


def _replaced(words: list[OcrWord], old: list[OcrWord], new: list[OcrWord]) -> list[OcrWord]:
    """`words` with `old` (some of them) taken out and `new` put where the first of them was."""
    first = words.index(old[0]) if old else len(words)
    kept = [w for w in words if w not in old]
    at = sum(1 for w in words[:first] if w not in old)
    return kept[:at] + new + kept[at:]


def _padded(image: np.ndarray, box: tuple[int, int, int, int], pad: int,
            ) -> tuple[int, int, int, int]:
    """`box` grown by `pad` pixels on every side, within the image."""
    x0, y0, x1, y1 = box
    return (max(x0 - pad, 0), max(y0 - pad, 0), min(x1 + pad, image.shape[1]),
            min(y1 + pad, image.shape[0]))


def _inside(word: OcrWord, box: tuple[int, int, int, int]) -> bool:
    cx, cy = (word.box[0] + word.box[2]) / 2, (word.box[1] + word.box[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


# --- unsure words -----------------------------------------------------------------------------

def _unsure_words(words: list[OcrWord], boxed: list[tuple[int, int, int, int]]) -> list[OcrWord]:
    """Words of some letters read with little confidence (a label beside handwriting that ran
    into it: "kaan" for "Jabatan"), the least sure first, at most `_MAX_UNSURE`."""
    found = [w for w in words if w.confidence is not None and w.confidence < _UNSURE
             and sum(c.isalpha() for c in w.text) >= _UNSURE_LETTERS and _wordlike(w.text)
             and not any(_inside(w, r) for r in boxed)]
    return sorted(found, key=lambda w: w.confidence or 0.0)[:_MAX_UNSURE]


def _wordlike(text: str) -> bool:
    """Letters, as a label's words are (a number or an address is never read again this way:
    a misread digit there is worse than a doubt)."""
    chars = [c for c in text if not c.isspace()]
    return bool(chars) and sum(c.isalpha() for c in chars) >= 0.8 * len(chars) \
        and "@" not in text


def _word_again(image: np.ndarray, word: OcrWord, read_line: LineReader) -> list[OcrWord]:
    """The word read again on its own, when that reading is surer by `_SURER`; else none."""
    x0, y0, x1, y1 = word.box
    left, top, right, bottom = _padded(image, word.box, round(_PAD * (y1 - y0)))
    if bottom - top < 8 or right - left < 8:
        return []
    again = list(read_line(np.ascontiguousarray(image[top:bottom, left:right])).boxes)
    if not again or _mean_confidence(again) < (word.confidence or 0.0) + _SURER \
            or not _wordlike(" ".join(w.text for w in again)):
        return []
    # within the word's own box: the layout's rows and cells stay as the page reading made them
    return [replace(w, box=(max(x0, min(x1, w.box[0] + left)), y0,
                            max(x0, min(x1, w.box[2] + left)), y1), line=word.line)
            for w in again]


# --- letter boxes -----------------------------------------------------------------------------

def _letters_again(image: np.ndarray, words: list[OcrWord], row: tuple[int, int, int, int],
                   readers: Readers) -> tuple[list[OcrWord], bool]:
    x0, y0, x1, y1 = row
    _, top, _, bottom = _padded(image, row, round(_PAD * (y1 - y0)))
    crop = image[top:bottom, x0:x1]
    closed, columns = _closed_up(crop, y1 - y0)
    if closed is None:
        return words, False
    again = readers.page(closed)
    if "@" in again.text:
        address = readers.address(closed)
        if any(normalize_email(w.text, exact=True).valid for w in address.boxes):
            again = address
    old = [w for w in words if _inside(w, (x0, top, x1, bottom))]
    if not again.boxes or _mean_confidence(list(again.boxes)) <= _mean_confidence(old):
        return words, False
    line = old[0].line if old else (10_000 + y0, 0, 0)
    new = [replace(w, box=(x0 + int(columns[w.box[0]]), w.box[1] + top,
                           x0 + int(columns[min(w.box[2], len(columns)) - 1]) + 1,
                           w.box[3] + top), line=line)
           for w in again.boxes]
    return _replaced(words, old, new), True


def _closed_up(crop: np.ndarray, box_height: int) -> tuple[np.ndarray | None, np.ndarray]:
    """The row with its letters closed up, and for each of its columns the crop's column."""
    inked: np.ndarray = np.asarray((crop < 128).any(axis=0))
    if not inked.any():
        return None, np.zeros(0)
    edges = np.flatnonzero(np.diff(inked.astype(np.int8))) + 1
    bounds = [0, *edges.tolist(), len(inked)]
    runs = [(bool(inked[a]), a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    gaps = [b - a for on, a, b in runs[1:-1] if not on]
    if len(gaps) < 2:
        return None, np.zeros(0)
    usual = float(np.median(gaps))
    parts: list[np.ndarray] = []
    columns: list[int] = []
    for on, a, b in runs:
        if on:
            parts.append(crop[:, a:b])
            columns.extend(range(a, b))
            continue
        wanted = _CLOSED_LETTER_GAP if b - a <= _LETTER_GAP * usual else _CLOSED_WORD_GAP
        keep = max(1, min(b - a, round(wanted * box_height)))
        parts.append(np.full((crop.shape[0], keep), 255, np.uint8))
        columns.extend(range(a, a + keep))
    return np.ascontiguousarray(np.hstack(parts)), np.asarray(columns)


def _mean_confidence(words: list[OcrWord]) -> float:
    known = [w.confidence for w in words if w.confidence is not None]
    return sum(known) / len(known) if known else 0.0


# --- addresses --------------------------------------------------------------------------------

def _address_again(image: np.ndarray, words: list[OcrWord], word: OcrWord,
                   read_line: LineReader) -> tuple[OcrWord, list[OcrWord]] | None:
    """The address read again where `word` is, and the page reading's words it replaces."""
    line = sorted((w for w in words if w.line == word.line), key=lambda w: w.box[0])
    height = word.box[3] - word.box[1]
    end = line.index(word)
    start = end
    while start > 0 and end - start < _LEFT_WORDS and _LOCAL_PART.match(line[start - 1].text) \
            and line[start].box[0] - line[start - 1].box[2] < _GAP * height \
            and _underlined_gap(image, line[start - 1], line[start]):
        start -= 1
    if start == end and normalize_email(word.text).valid and (word.confidence or 0.0) >= _SURE:
        return None  # one valid address read surely: nothing to look at again
    span = line[start:end + 1]
    left, top, right, bottom = _padded(
        image, (line[start].box[0], min(w.box[1] for w in span), word.box[2],
                max(w.box[3] for w in span)), round(_PAD * height))
    if bottom - top < 8 or right - left < 8:
        return None
    address = _valid_address(list(read_line(
        np.ascontiguousarray(image[top:bottom, left:right])).boxes))
    if address is None:
        return None
    x0, x1 = address.box[0] + left, address.box[2] + left
    covered = [w for w in line[start:] if x0 <= (w.box[0] + w.box[2]) / 2 <= x1]
    if not covered or " ".join(w.text for w in covered) == address.text:
        return None
    if len(covered) == 1 and normalize_email(covered[0].text).valid and \
            (covered[0].confidence or 0.0) > (address.confidence or 0.0):
        return None  # the page reading is one valid address, read more surely
    new = replace(address, box=(x0, address.box[1] + top, x1, address.box[3] + top),
                  line=word.line)
    return new, covered


def _contact_lines(words: list[OcrWord]) -> set[tuple[int, int, int]]:
    """Lines naming several ways to reach an office ("Telepon … Laman … Pos-el …"): a
    letterhead's, whose address is never the applicant's and is not worth a second look."""
    count: dict[tuple[int, int, int], int] = {}
    office: set[tuple[int, int, int]] = set()
    for w in words:
        if letterhead_words("contact", whole_word=True).match(w.text):
            count[w.line] = count.get(w.line, 0) + 1
        if letterhead_words("office", whole_word=True).match(w.text):
            office.add(w.line)
    return {line for line, n in count.items() if n >= 2 and line in office}


def _underlined_gap(image: np.ndarray, left: OcrWord, right: OcrWord) -> bool:
    """Ink along the foot of the gap between two words: the "_" that split an address (a
    word space is blank). Words nearly touching are one: the "_" went into their boxes."""
    x0, x1 = left.box[2], right.box[0]
    height = max(left.box[3] - left.box[1], right.box[3] - right.box[1])
    if x1 - x0 < max(3, round(_TOUCHING * height)):
        return True
    foot = max(left.box[3], right.box[3])
    band = image[max(foot - round(0.4 * height), 0):foot + round(0.3 * height), x0 + 1:x1 - 1]
    if band.size == 0:
        return False
    inked = (band < 128).any(axis=0)
    return float(inked.mean()) >= 0.6


def _valid_address(read: list[OcrWord]) -> OcrWord | None:
    """The word (or two or three words, split by OCR: "agus_hermawan@ gmail.com") of a line
    reading that make one valid address, as one word."""
    for i, w in enumerate(read):
        if "@" not in w.text:
            continue
        # the widest first: "mega." of "mega. prasetyo@…" is the address's too
        for lo, hi in ((i - 1, i + 1), (i - 1, i), (i, i + 1), (i, i)):
            if lo < 0 or hi >= len(read) or (lo < i and not _LOCAL_PART.match(read[lo].text)) \
                    or (hi > i and not _DOMAIN_PART.match(read[hi].text)):
                continue
            parts = read[lo:hi + 1]
            text = "".join(p.text for p in parts)
            if not normalize_email(text, exact=True).valid:
                continue
            known = [p.confidence for p in parts if p.confidence is not None]
            return OcrWord(text, (parts[0].box[0], min(p.box[1] for p in parts),
                                  parts[-1].box[2], max(p.box[3] for p in parts)),
                           min(known) if known else None)
    return None
