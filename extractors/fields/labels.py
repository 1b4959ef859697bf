"""Recognising a label however it is printed: with a list number, qualifiers in brackets or after a
slash, footnote marks, letters spaced out, OCR slips, or a synonym.

A label's text is reduced to its words (lower case, letters and digits only, qualifiers dropped) and
compared with the labels of `data/field_labels.toml`: whole labels first (exact, then by similarity,
rapidfuzz), then a known label followed by at most a few further words ("Nama Lengkap Pegawai"),
then each of several alternatives written with a slash ("Unit Kerja / Satuan Kerja"). The longest
matching label wins, so "Nama Instansi" is the instansi and "Nama Kepala" is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from extractors.normalize import load_data

IGNORE = "ignore"
# Similarity (0..100) a misread label needs to a known one: "Narna Lengkap", "Jabalan".
SIMILAR = 84
SIMILAR_SHORT = 92  # for labels of fewer than 6 letters, where one slip changes a lot
SIMILAR_WORD = 70  # each word of a misread label to its counterpart
PREFIX_EXTRA_WORDS = 2  # words a label may carry after a known label ("Nomor HP Aktif")
MAX_LABEL_WORDS = 7

_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|[IVX]{1,4}[.)]|[•\-*–])\s*")
_BRACKETS = re.compile(r"\([^)]{0,60}\)?|\[[^\]]{0,60}\]?")
_FOOTNOTE = re.compile(r"[*¹²³⁴⁵†‡#]+")
_COLON = re.compile(r"\s*[:;=]\s*|\s+\.{2,}\s*|\s+[:.]\s+")


@dataclass(frozen=True)
class LabelMatch:
    field: str  # a field of field_labels.toml, or "ignore"
    rest: str  # what follows the label in the same text (after its colon), "" if nothing
    score: float  # 100 for a label as listed; lower for a misread or longer one
    colon: bool  # a colon (or a run of dots) ended the label


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[str, tuple[str, ...]], ...]:
    labels = load_data("field_labels.toml")["fields"]
    out = [(f, words(lab)) for f, labs in labels.items() for lab in labs]
    return tuple(sorted((e for e in out if e[1]), key=lambda e: -len(" ".join(e[1]))))


@lru_cache(maxsize=1)
def person_fields() -> tuple[str, ...]:
    """The fields of the person to get the account, required and optional."""
    form = load_data("field_labels.toml")["form"]
    return tuple(form["required"]) + tuple(form["optional"])


@lru_cache(maxsize=1)
def _exact() -> dict[str, str]:
    out: dict[str, str] = {}
    for f, ws in _lexicon():
        out.setdefault(" ".join(ws), f)
        out.setdefault("".join(ws), f)
    return out


def words(text: str) -> tuple[str, ...]:
    """A label's words: without list number, qualifiers, footnote marks, case and punctuation;
    letters printed one by one ("N I P", "E - m a i l") joined."""
    text = _NUMBERING.sub("", text)
    text = _BRACKETS.sub(" ", text)
    text = _FOOTNOTE.sub(" ", text)
    tokens = [t for t in re.split(r"[^A-Za-z0-9]+", text.lower()) if t]
    if len(tokens) >= 3 and sum(len(t) == 1 for t in tokens) >= 0.8 * len(tokens):
        tokens = ["".join(tokens)]
    return tuple(tokens)


def match(text: str, cell: bool = False) -> LabelMatch | None:
    """The label `text` is, or starts with before a colon; None when it is no label. `cell`:
    the text is bounded (a table cell, a span with its value beside it), so a known label with a
    few more words ("Nama Lengkap Pegawai") is still that label."""
    text = text.strip()
    if not text:
        return None
    return _match(text, cell)


@lru_cache(maxsize=16384)
def _match(text: str, cell: bool) -> LabelMatch | None:
    colon = _COLON.search(text)
    if colon is not None and colon.start() > 0:
        head, rest = text[:colon.start()], text[colon.end():].strip()
        found = label_of(head, loose=True)
        if found is not None:
            field, score = found
            return LabelMatch(field, rest, score, True)
    found = label_of(text, loose=cell)
    if found is not None:
        return LabelMatch(found[0], "", found[1], False)
    return None


@lru_cache(maxsize=16384)
def label_of(text: str, loose: bool = True) -> tuple[str, float] | None:
    """The field a whole label text names, and how sure (0..100). `loose`: also a known label
    followed by a few more words."""
    ws = words(text)
    if not ws or len(ws) > MAX_LABEL_WORDS or any(len(w) > 24 for w in ws):
        return None
    if sum(c.isdigit() for c in "".join(ws)) > 2:
        return None  # a value ("19860926 ..."), not a label
    hit = _whole(ws) or (_known_then_more(ws) if loose else None)
    if hit is not None:
        return hit
    # The regulation's name for the agencies an account serves, in any of its forms ("K/L/D/I",
    # "K/L/PD", "K/L/Perangkat Daerah/Institusi", "Kementerian/Lembaga/Pemda"): its parts after
    # the first two are no label of their own ("Perangkat Daerah" alone is a satuan kerja).
    if "/" in text and ws[:2] in (("k", "l"), ("kementerian", "lembaga")):
        return "instansi", 95.0
    if "/" in text or " atau " in text.lower():
        return _alternatives(text, loose)
    return None


@lru_cache(maxsize=1)
def _targets() -> tuple[list[str], list[str], list[tuple[str, ...]], list[str]]:
    lex = _lexicon()
    return ([" ".join(lab) for _, lab in lex], ["".join(lab) for _, lab in lex],
            [lab for _, lab in lex], [f for f, _ in lex])


def _whole(ws: tuple[str, ...]) -> tuple[str, float] | None:
    joined = " ".join(ws)
    exact = _exact().get(joined) or _exact().get("".join(ws))
    if exact is not None:
        return exact, 100.0
    spaced, squashed_targets, labs, fields = _targets()
    squashed = "".join(ws)
    best: tuple[str, float] | None = None
    candidates = process.extract(joined, spaced, scorer=fuzz.ratio, score_cutoff=SIMILAR,
                                 limit=8)
    candidates += process.extract(squashed, squashed_targets, scorer=fuzz.ratio,
                                  score_cutoff=max(SIMILAR, 90), limit=8)
    for _, _, k in candidates:
        lab, target = labs[k], spaced[k]
        need = SIMILAR_SHORT if len(target.replace(" ", "")) < 6 else SIMILAR
        if len(lab) == len(ws):
            # Word by word: one misread letter is a slip, another word is another label
            # ("Data Calon Admin Agency" is no "Nama Calon Admin Agency").
            if any(fuzz.ratio(a, b) < SIMILAR_WORD for a, b in zip(ws, lab, strict=True)):
                continue
            score = fuzz.ratio(joined, target, score_cutoff=need)
        else:  # words run together or split apart by OCR ("NamaLengkap", "Ja batan")
            score = fuzz.ratio(squashed, squashed_targets[k], score_cutoff=max(need, 90))
        if score and (best is None or score > best[1]):
            best = (fields[k], score)
    return best


def _known_then_more(ws: tuple[str, ...]) -> tuple[str, float] | None:
    """A known label followed by a few more words: "Nama Lengkap Pegawai", "Nomor HP Aktif"."""
    for f, lab in _lexicon():  # longest first
        n = len(lab)
        if n < len(ws) <= n + PREFIX_EXTRA_WORDS and ws[:n] == lab:
            return f, 90.0 - 5 * (len(ws) - n)
    return None


def alternatives(text: str, loose: bool = True) -> list[tuple[str, float] | None]:
    """Each part of a label written with slashes ("Unit Kerja / Satuan Kerja", "Nama / NIP")."""
    parts = [p for p in re.split(r"/|\batau\b", _BRACKETS.sub(" ", text), flags=re.IGNORECASE)
             if words(p)]
    if len(parts) < 2:
        return []
    return [label_of(p, loose) if "/" not in p else None for p in parts]


def _alternatives(text: str, loose: bool) -> tuple[str, float] | None:
    """Alternatives naming one field: every part a label of it."""
    found = alternatives(text, loose)
    if not found or any(h is None for h in found):
        return None
    fields = {h[0] for h in found if h is not None}
    if len(fields) == 1:
        return found[0][0], min(h[1] for h in found if h is not None) - 5  # type: ignore[index]
    return None


def leading_label(text: str) -> LabelMatch | None:
    """A label as listed, followed by its value without a colon: "NIP 19860926 …",
    "2. Nama Lengkap Siti Rahmawati" (text layers and OCR flatten a form this way)."""
    tokens = text.split()
    if not tokens or not (tokens[0][0].isupper() or tokens[0][0].isdigit()
                          or tokens[0][0] in ".-("):
        return None  # labels are written capitalised; "jabatan …" in a sentence is prose
    for k in range(min(len(tokens) - 1, MAX_LABEL_WORDS + 1), 0, -1):
        head = " ".join(tokens[:k])
        ws = words(head)
        if not ws:
            continue
        exact = _exact().get(" ".join(ws))
        if exact is None and "/" in head:
            alt = _alternatives(head, loose=False)
            exact = alt[0] if alt is not None and alt[1] >= 95 else None
        if exact is not None:
            return LabelMatch(exact, " ".join(tokens[k:]), 95.0, False)
    return None


def is_label(text: str) -> bool:
    """A text that is a label (of any field, or an ignored one) and nothing else."""
    hit = match(text)
    return hit is not None and not hit.rest
