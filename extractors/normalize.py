"""Normalising values read from documents: NIP, email, telephone, names and dates.

OCR slips (`1`/`l`, `0`/`O`, `5`/`S`, `8`/`B`) are repaired only where the repaired value then
validates; every function says whether it repaired, so the caller can lower its confidence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from extractors import nip as nip_rules
from extractors.dates import ROMAN_MONTHS

DATA_DIR = Path(__file__).parent / "data"


def load_data(name: str) -> dict:
    """One of the adjustable rule files in `extractors/data/`."""
    return _load_data(name)


@cache
def _load_data(name: str) -> dict:
    with open(DATA_DIR / name, "rb") as f:
        return tomllib.load(f)


@cache
def letterhead_words(kind: str, *, whole_word: bool) -> re.Pattern[str]:
    """The `[letterhead]` words of `kind` ("contact" or "office"): matching one whole OCR word
    (`whole_word`, with its trailing punctuation), or found anywhere in a line."""
    words = "|".join(load_data("field_labels.toml")["letterhead"][kind])
    pattern = rf"^(?:{words})\W*$" if whole_word else rf"\b(?:{words})\b"
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Value:
    """A normalised value; `repaired` when OCR slips were corrected to make it valid."""

    value: str | None
    valid: bool
    repaired: bool = False


# Letters OCR reads in place of digits, and the reverse.
_TO_DIGIT = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1",
                           "i": "1", "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})
_DOMAIN_LETTERS = [str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b"}),
                   str.maketrans({"0": "o", "1": "i", "5": "s", "8": "b"})]

# --- NIP ---------------------------------------------------------------------------------------

# A digit group as printed: "19860926 201505 2 001", "198609262015052001", "19860926.201505.2.001";
# slip characters are allowed but at least 12 real digits are required.
NIP_TOKEN = re.compile(r"(?<![\w@.])[0-9OoIl|SB](?:[ .\-\n]{0,2}[0-9OoIl|SB]){15,23}(?![\w@])")
_SIGNIFICANT = re.compile(r"[0-9OoIl|SB]")


def nip_candidates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, raw) of each NIP-like token in `text`; a token longer than 18 characters is cut
    to its first or last 18 when that validates."""
    out = []
    for m in NIP_TOKEN.finditer(text):
        raw = m.group(0).rstrip(" .-\n")
        if sum(c.isdigit() for c in raw) < 12:
            continue
        start = m.start()
        significant = list(_SIGNIFICANT.finditer(raw))
        if len(significant) > 18:
            # Run into the next row's number, or a table border read as "|" or "1" before it.
            prefix = raw[:significant[17].end()]
            suffix_at = significant[-18].start()
            if normalize_nip(prefix).valid:
                raw = prefix
            elif normalize_nip(raw[suffix_at:]).valid:
                raw, start = raw[suffix_at:], start + suffix_at
        out.append((start, start + len(raw), raw))
    return out


def normalize_nip(raw: str | None) -> Value:
    if raw is None or not raw.strip():
        return Value(None, False)
    compact = re.sub(r"[\s.\-]", "", raw)
    if compact.isdigit():
        return Value(compact, nip_rules.is_valid(compact))
    repaired = compact.translate(_TO_DIGIT)
    if repaired.isdigit() and nip_rules.is_valid(repaired):
        return Value(repaired, True, repaired=True)
    return Value(compact, False)


# --- email -------------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"^[a-z0-9][a-z0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
                      r"(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,24}$")
EMAIL_IN_TEXT = re.compile(r"[\w.%+\-]+\s?@\s?[\w\-]+(?:\s?\.\s?[\w\-]+)+")


def find_email(text: str) -> str | None:
    m = EMAIL_IN_TEXT.search(text)
    return m.group(0) if m else None


def normalize_email(raw: str | None, exact: bool = False) -> Value:
    """An address, lower-cased, with OCR slips in a known domain repaired. `exact`: `raw` is the
    value as printed, taken whole (never cut down to a valid-looking tail: "nama saya@x.id" is
    not "saya@x.id"); else the first address-like run inside `raw`."""
    if raw is None or not raw.strip():
        return Value(None, False)
    found = raw.strip() if exact else (find_email(raw) or raw)
    cleaned = (found if exact else re.sub(r"\s+", "", found)).strip(".,;:()<>[]\"'").lower()
    cleaned = cleaned.replace("(at)", "@").replace("[at]", "@")
    if _email_ok(cleaned):
        return Value(cleaned, True)
    if "@" in cleaned:
        local, _, domain = cleaned.rpartition("@")
        for table in _DOMAIN_LETTERS:
            fixed = f"{local}@{domain.translate(table)}"
            if fixed != cleaned and _email_ok(fixed) and _known_tld(fixed):
                return Value(fixed, True, repaired=True)
    return Value(cleaned, False)


def _email_ok(email: str) -> bool:
    """A usable address: valid syntax (email-validator, no DNS lookup) with a real top-level
    domain, and not a known mail domain with an OCR slip in it."""
    if not EMAIL_RE.match(email) or not _syntax_ok(email):
        return False
    domain = email.rpartition("@")[2]
    known = load_data("field_labels.toml").get("email", {}).get("known_domains", [])
    # A domain with digits where a known domain has letters is an OCR slip, not an address.
    return not (any(c.isdigit() for c in domain) and _letters_of(domain) in known)


@lru_cache(maxsize=4096)
def _syntax_ok(email: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _known_tld(email: str) -> bool:
    tlds = load_data("field_labels.toml").get("email", {}).get("known_tlds", [])
    return email.rpartition(".")[2] in tlds


def _letters_of(domain: str) -> str:
    return domain.translate(_DOMAIN_LETTERS[0])


# --- telephone ---------------------------------------------------------------------------------

PHONE_IN_TEXT = re.compile(r"(?:\+\s?)?\(?[0-9OolI]{2,5}\)?(?:[\s.\-/]{0,2}[0-9OolI]{2,}){1,5}")
PHONE_MIN_DIGITS = 9
PHONE_MAX_DIGITS = 13


def normalize_phone(raw: str | None) -> Value:
    if raw is None or not raw.strip():
        return Value(None, False)
    m = PHONE_IN_TEXT.search(raw)
    chunk = m.group(0) if m and sum(c.isdigit() for c in m.group(0)) >= 6 else raw
    value = _phone_digits(chunk)
    if _phone_ok(value):
        return Value(value, True)
    if value[1:3] == "62":  # "+62" with the plus read as a digit ("4", "1"): OCR models
        plus = _phone_digits(value[1:])  # without "+" (tesseract's ind) make it one
        if _phone_ok(plus):
            return Value(plus, True, repaired=True)
    repaired = _phone_digits(chunk.translate(_TO_DIGIT))
    if _phone_ok(repaired) and repaired != value:
        return Value(repaired, True, repaired=True)
    return Value(value or raw.strip(), False)


def _phone_digits(s: str) -> str:
    digits = re.sub(r"\D", "", s)
    if digits.startswith("62") and len(digits) >= 10:
        digits = "0" + digits[2:]
    return digits


@lru_cache(maxsize=4096)
def _phone_ok(digits: str) -> bool:
    """An Indonesian number as dialled at home (leading 0) that phonenumbers finds possible."""
    if not (digits.startswith("0") and not digits.startswith("00")
            and PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS):
        return False
    import phonenumbers

    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(digits, "ID"))
    except phonenumbers.NumberParseException:
        return False


# --- letter numbers ------------------------------------------------------------------------------

# A Roman month between separators that OCR read with "1"/"l" for "I": "800/12/HK/X1/2026".
_ROMAN_SLIP = re.compile(r"(?<=[/.\-])(?=[IVXl1|]*[VX])(?=[IVX]*[l1|])[IVXl1|]{2,4}(?=[/.\-])")


def repair_number(raw: str) -> Value:
    """A letter's number with Roman month slips repaired ("X1" -> "XI") where the result is a
    month."""
    def fix(m: re.Match) -> str:
        roman = m.group(0).translate(str.maketrans({"l": "I", "1": "I", "|": "I"}))
        return roman if roman in ROMAN_MONTHS else m.group(0)

    fixed = _ROMAN_SLIP.sub(fix, raw)
    return Value(fixed, True, repaired=fixed != raw)


# --- names -------------------------------------------------------------------------------------

def _squash(token: str) -> str:
    return re.sub(r"[^a-z]", "", token.lower())


@lru_cache(maxsize=1)
def _titles() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_data("titles.toml")
    return (frozenset(_squash(t) for t in data["prefix"]),
            frozenset(_squash(t) for t in data["suffix"]),
            frozenset(_squash(t) for t in data.get("rank_words", [])))


def name_tokens(name: str | None) -> list[str]:
    """A name's words without titles, rank, case and punctuation: "Dr. SITI  Rahma, M.T." ->
    ["siti", "rahma"]."""
    if not name:
        return []
    prefix, suffix, ranks = _titles()
    core = name.split(",")[0]
    core = re.sub(r"\([^)]*\)", " ", core)  # "(III/a)"
    tokens = [t for t in core.split() if _squash(t)]

    def is_prefix(token: str) -> bool:  # "Dr.", "Dr.Ir.", "H."
        parts = [_squash(p) for p in token.split(".") if _squash(p)]
        return bool(parts) and all(p in prefix for p in parts)

    while tokens and is_prefix(tokens[0]):
        tokens.pop(0)
    while tokens and (_squash(tokens[-1]) in suffix or _squash(tokens[-1]) in ranks
                      or re.fullmatch(r"[IVX]+/[a-eA-E]", tokens[-1].strip("()."))):
        tokens.pop()
    return [_squash(t) for t in tokens if _squash(t)]


def name_key(name: str | None) -> str:
    """Names compared without titles, case or spacing."""
    return "".join(name_tokens(name))


def clean_name(raw: str) -> str:
    """A name as printed, tidied: spacing collapsed, stray punctuation at the ends removed."""
    s = re.sub(r"\s+", " ", raw).strip(" :;-|_\t")
    s = re.sub(r"^[(\[]|[)\]]$", "", s).strip()
    return s.rstrip(",;")


# --- dates -------------------------------------------------------------------------------------

MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6,
    "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8, "agu": 8, "agt": 8,
    "ags": 8, "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "nopember": 11, "desember": 12,
    "des": 12, "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?[0-9OoIl])"
_YEAR = r"(?P<y>(?:19|20)[0-9OoIl]{2})"
DATE_PATTERNS = [
    re.compile(rf"(?<!\d){_DAY}\s*[.\-]?\s*(?P<m>{_MONTH_ALT})\.?\s*[.\-,]?\s*{_YEAR}(?!\d)",
               re.IGNORECASE),
    re.compile(rf"(?<![\d/.\-]){_DAY}\s?[\-/.]\s?(?P<mn>[01]?\d)\s?[\-/.]\s?{_YEAR}(?![\d/])"),
    re.compile(r"(?<![\d/.\-])(?P<y>(?:19|20)\d{2})-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?![\d/])"),
    # "28-II-2026": the month in Roman numerals, as in letter numbers; never inside one
    # ("…/UN17/IV/2026"): no "/" around it, nothing stuck before the day.
    re.compile(rf"(?<![\w/.\-]){_DAY}(?P<sep>[\-.])(?P<r>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
               rf"(?P=sep){_YEAR}(?![\d/])"),
]


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """Every date in `text` as (start, end, date), in order of appearance."""
    found: list[tuple[int, int, date]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            d = _to_date(m)
            if d and not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), d))
    return sorted(found, key=lambda t: t[0])


def parse_date(text: str | None) -> date | None:
    if not text:
        return None
    dates = find_dates(text)
    return dates[0][2] if dates else None


def _to_date(m: re.Match) -> date | None:
    groups = m.groupdict()
    try:
        day = int(groups["d"].translate(_TO_DIGIT))
        year = int(groups["y"].translate(_TO_DIGIT))
        month = MONTHS[groups["m"].lower()] if groups.get("m") else \
            ROMAN_MONTHS.index(groups["r"]) + 1 if groups.get("r") else int(groups["mn"])
        return date(year, month, day)
    except (ValueError, KeyError):
        return None
