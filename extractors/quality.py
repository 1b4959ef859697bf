"""How much a text looks like real Indonesian/English writing: judges text layers and OCR output."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = ".,;:!?()[]{}\"'`«»“”‘’-–—/\\|*•·"
_NUMBERISH = re.compile(r"^[\d.,/:\-+()%]+$")
_WORD = re.compile(r"^[A-Za-zÀ-ÿ][a-zà-ÿ]*$|^[A-ZÀ-Þ]+$")
_VOWELS = set("aeiouyAEIOUYàáâäèéêëìíîïòóôöùúûü")
_CONSONANT_RUN = re.compile(r"[^aeiouyAEIOUY\W\d_]{5,}")
# Mixed tokens that real documents do have: emails, NIP with spaces, codes like 000.3/06.20/B.PBJ.
_EMAIL_OR_CODE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$|^[\w]+([./\-][\w]+)+$")


def _token_is_plausible(token: str) -> bool:
    core = token.strip(_EDGE_PUNCT)
    if not core:
        return False
    if _NUMBERISH.match(core) or _EMAIL_OR_CODE.match(core):
        return True
    if not _WORD.match(core):
        return False
    if len(core) == 1:
        return core.lower() in {"a", "i", "o", "e", "x"} or core.isupper()
    return any(c in _VOWELS for c in core) and not _CONSONANT_RUN.search(core)


def text_quality(text: str) -> float:
    """Share (by characters) of tokens that look like words, numbers or codes: 0 (garbage) .. 1."""
    total = 0
    good = 0
    for token in _TOKEN.findall(text):
        n = len(token)
        total += n
        if _token_is_plausible(token):
            good += n
    return good / total if total else 0.0


def letter_count(text: str) -> int:
    return sum(1 for c in text if c.isalnum())
