"""Text of a document as lines, with the labels, dates and signature blocks found on them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractors.layout import PageLayout, Span
from extractors.normalize import (
    find_dates,
    load_data,
    name_tokens,
    nip_candidates,
    repair_number,
)


@dataclass(frozen=True)
class Line:
    """One row of a document's layout, as text."""

    text: str
    file: str
    page: int
    index: int  # position in the document's line list
    raw: str = ""  # as read, column spacing kept ("Nomor : 1/2      Yth. Kepala ...")
    spans: tuple[Span, ...] = ()  # the row's cells, with their boxes


@dataclass(frozen=True)
class LabelHit:
    field: str  # a field of field_labels.toml, or "ignore"
    rest: str  # what follows the label (and its colon) on the line
    fuzzy: bool = False  # the label was misread ("K/UD/I") and recognised by similarity


@dataclass
class Reading:
    """One value read from a document, with where it came from and how sure we are."""

    value: object
    file: str | None = None
    page: int | None = None
    repaired: bool = False
    fallback: bool = False  # taken by a weaker rule (position instead of label)
    box: tuple[float, float, float, float] | None = None  # fractions of the page, top-left
    confidence: float | None = None  # the OCR words' confidence; None for a text layer
    note: str | None = None  # why a person should look, beyond repaired/fallback
    row: int | None = None  # the row of its page it was read on


def document_lines(layouts: list[PageLayout]) -> list[Line]:
    """The rows of a document's pages, top to bottom, as lines of text."""
    out: list[Line] = []
    for lay in layouts:
        for row in lay.rows:
            text = _tidy(row.text)
            if text:
                out.append(Line(text, lay.file, lay.page, len(out), row.raw, tuple(row.spans)))
    return out


def _tidy(raw: str) -> str:
    # Table borders read as "|" by OCR, runs of spaces from column layout.
    s = re.sub(r"(?:^|\s)[|¦]+(?=\s|$)", "  ", raw.replace("\t", "  "))
    return re.sub(r"[ \u00a0]+", " ", s).strip()


_NUMBERING = r"^[\s.,;'`\"~]*(?:(?:\d{1,2}|[a-hA-H])[.)]\s*|\d{1,2}\s+|[•\-*]\s+)?"
_AFTER_LABEL = r"(?![A-Za-z0-9])\s*(?:\([^)]{0,40}\))?\s*(?P<colon>[:;=])?\s*(?P<rest>.*)$"


def _label_regex(label: str) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+", label) if w]
    return r"[\s./\-_,]*".join(re.escape(w) for w in words)


@lru_cache(maxsize=1)
def _label_patterns() -> list[tuple[str, re.Pattern, re.Pattern]]:
    """(field, at-line-start pattern, inside-a-line pattern), longest labels first."""
    labels = load_data("field_labels.toml")["fields"]
    entries = [(f, lab) for f, labs in labels.items() for lab in labs]
    entries.sort(key=lambda e: len(_label_regex(e[1])), reverse=True)
    out = []
    for f, lab in entries:
        body = _label_regex(lab)
        start = re.compile(_NUMBERING + "(?:" + body + ")" + _AFTER_LABEL, re.IGNORECASE)
        inner = re.compile(r"\s(?:" + body + r")\s*:", re.IGNORECASE)
        out.append((f, start, inner))
    return out


_LONGER_LABEL = re.compile(r"(?P<words>[A-Za-z][A-Za-z./ ]{0,30}?)\s*:\s*(?P<value>.*)$")


@lru_cache(maxsize=8192)
def match_label(text: str) -> LabelHit | None:
    """The label a line starts with, if any (longest label wins). A known label followed by more
    words before the colon is a longer label: "Nama Satker : X" is the satker when "Satker" is a
    label, and "Nama Lengkap Pegawai : X" is still the name, X."""
    for f, start, _ in _label_patterns():
        m = start.match(text)
        if m:
            rest = m.group("rest").strip()
            longer = None if m.group("colon") else _LONGER_LABEL.match(rest)
            if longer and len(longer.group("words").split()) <= 3 \
                    and split_inner_labels(rest)[1] is None:  # not "Nama Siti  NIP: 1986..."
                inner = _strict_label(longer.group("words") + " : " + longer.group("value"))
                if inner is not None:
                    return inner
                return LabelHit(f, longer.group("value").strip())
            return LabelHit(f, rest)
    return _fuzzy_label(text)


def _strict_label(text: str) -> LabelHit | None:
    for f, start, _ in _label_patterns():
        m = start.match(text)
        if m:
            return LabelHit(f, m.group("rest").strip())
    return None


FUZZY_LABEL = 0.75  # difflib ratio of a misread label to a known one
_LABEL_COLON = re.compile(_NUMBERING
                          + r"(?P<label>[A-Za-z][A-Za-z /.\-]{2,38}?)\s*:\s*(?P<rest>.*)$")


def _fuzzy_label(text: str) -> LabelHit | None:
    """"Label : value" whose label OCR garbled, matched to the most similar known label."""
    m = _LABEL_COLON.match(text)
    if m is None or not m.group("rest").strip():
        return None
    key = re.sub(r"[^a-z]", "", m.group("label").lower())
    if len(key) < 4:
        return None
    best, score = None, 0.0
    for f, label in _squashed_labels():
        r = difflib.SequenceMatcher(None, key, label).ratio()
        if r > score:
            best, score = f, r
    if best is None or score < FUZZY_LABEL:
        return None
    return LabelHit(best, m.group("rest").strip(), fuzzy=True)


@lru_cache(maxsize=1)
def _squashed_labels() -> list[tuple[str, str]]:
    labels = load_data("field_labels.toml")["fields"]
    return [(f, re.sub(r"[^a-z]", "", lab.lower())) for f, labs in labels.items() for lab in labs
            if len(re.sub(r"[^a-z]", "", lab.lower())) >= 4]


def split_inner_labels(rest: str) -> tuple[str, str | None]:
    """A value up to the next "Label :" on the same line (two form columns read as one line)."""
    cut = None
    for _, _, inner in _label_patterns():
        m = inner.search(rest)
        if m and (cut is None or m.start() < cut):
            cut = m.start()
    if cut is None:
        return rest, None
    return rest[:cut].strip(), rest[cut:].strip()


def labeled_values(lines: list[Line]) -> list[tuple[str, str, Line, str]]:
    """(field, value, line) for every labelled value, in reading order. A value missing on its
    label's line is taken from the next line when that is not a label itself; a run of bare labels
    followed by a run of values (columns read one after the other) is paired in order."""
    hits: list[tuple[int, str, str]] = []  # (line index, field, rest)
    fuzzy: set[int] = set()
    for i, ln in enumerate(lines):
        hit = match_label(ln.text)
        if hit is None:
            continue
        rest, more = hit.rest, None
        if hit.field != "ignore":
            rest, more = split_inner_labels(rest)
        hits.append((i, hit.field, rest))
        if hit.fuzzy:
            fuzzy.add(i)
        while more:
            sub = match_label(more)
            if sub is None:
                break
            value, more = split_inner_labels(sub.rest)
            hits.append((i, sub.field, value))
    label_lines = {i for i, _, _ in hits}
    # (field, value, line, how): how is "same" (on the label's line), "next", "paired" or
    # "fuzzy" (on the line of a misread label)
    out: list[tuple[str, str, Line, str]] = []
    k = 0
    while k < len(hits):
        i, f, rest = hits[k]
        if rest:
            out.append((f, rest, lines[i], "fuzzy" if i in fuzzy else "same"))
            k += 1
            continue
        # A run of bare labels on consecutive lines (OCR junk such as "sd" between them ignored).
        run = [hits[k]]
        while (k + len(run) < len(hits) and not hits[k + len(run)][2]
               and _only_junk_between(lines, run[-1][0], hits[k + len(run)][0])):
            run.append(hits[k + len(run)])
        values = _values_after(lines, run, label_lines)
        if len(run) == 1:
            out.append((f, values[0][1], values[0][0], "next") if values else (f, "", lines[i],
                                                                                "next"))
        else:
            paired = _pair_by_kind([field for _, field, _ in run], values)
            for li, field, _ in run:
                got = paired.get(field)
                out.append((field, got[1], got[0], "paired") if got else (field, "", lines[li],
                                                                           "paired"))
        k += len(run)
    return out


def _is_junk(text: str) -> bool:
    return len(text) <= 3 or not re.search(r"[A-Za-z0-9]{2}", text)


def _only_junk_between(lines: list[Line], a: int, b: int) -> bool:
    return all(_is_junk(lines[j].text) for j in range(a + 1, b))


def _values_after(lines: list[Line], run: list[tuple[int, str, str]],
                  label_lines: set[int]) -> list[tuple[Line, str]]:
    """Values for a run of bare labels: the lines after it. When the values start with ":" (a
    label column read before its value column), each ":" opens the next value and lines without
    one continue it; otherwise one plausible line per label."""
    j = run[-1][0] + 1
    while j < len(lines) and _is_junk(lines[j].text):
        j += 1
    out: list[tuple[Line, str]] = []
    if j < len(lines) and lines[j].text.startswith(":") and len(run) > 1:
        while j < len(lines) and j not in label_lines:
            text = lines[j].text
            if text.startswith(":"):
                if len(out) == len(run):
                    break
                out.append((lines[j], text[1:].strip()))
            elif not _is_junk(text):
                if len(out) == len(run) or not out:
                    break
                out[-1] = (out[-1][0], f"{out[-1][1]} {text}".strip())
            j += 1
        return out
    while j < len(lines) and j not in label_lines and len(out) < len(run) \
            and plausible_value(run[len(out)][1], lines[j].text):
        out.append((lines[j], lines[j].text))
        j += 1
    return out


_KIND_TESTS = {
    "nip": lambda t: bool(nip_candidates(t)),
    "email": lambda t: "@" in t,
    "telepon": lambda t: (re.fullmatch(r"[+\d\s().\-/]{9,20}", t.strip()) is not None
                          and 9 <= sum(c.isdigit() for c in t) <= 14),
    "pangkat_golongan": lambda t: RANK_LINE.search(t) is not None,
}


def _pair_by_kind(fields: list[str], values: list[tuple[Line, str]]) -> dict[str, tuple]:
    """Labels and values read as two columns, whose order OCR may have scrambled: values of a
    recognisable kind (an NIP, an email, a phone number, a rank) go to their field, the rest in
    order."""
    free = list(range(len(values)))
    out: dict[str, tuple] = {}
    for f in fields:
        test = _KIND_TESTS.get(f)
        if test is None:
            continue
        hit = next((n for n in free if test(values[n][1])), None)
        if hit is not None:
            out[f] = values[hit]
            free.remove(hit)
    typed = {n for n in range(len(values)) if any(
        t(values[n][1]) for f, t in _KIND_TESTS.items() if f in fields)}
    rest = [n for n in free if n not in typed]
    for f in (f for f in fields if f not in out and f not in _KIND_TESTS):
        if rest:
            out[f] = values[rest.pop(0)]
    return out


def plausible_value(field: str, text: str) -> bool:
    """Whether a line below a bare label can be its value (and not the next paragraph)."""
    digits = sum(c.isdigit() for c in text)
    if field == "nip":
        return digits >= 8
    if field == "telepon":
        return digits >= 6
    if field == "email":
        return "@" in text or (" " not in text.strip() and "." in text)
    if field == "nama":
        return looks_like_name(text)
    words = text.split()
    return len(words) <= 14 and not (len(words) > 6 and text.rstrip().endswith((".", ":")))


_HEADING = re.compile(r"^(?:[A-H]|[IVX]{1,4}|\d{1,2})[.)]\s+[A-Z][A-Z0-9 .,&/()\-]*$")


def is_heading(text: str) -> bool:
    """A section heading of a form ("B. DATA INSTANSI", "II. KONTAK"), never a wrapped value."""
    return _HEADING.match(text.strip()) is not None


def continuation(lines: list[Line], line: Line, limit: int = 2) -> str:
    """Lines that continue a wrapped value: up to `limit` unlabelled lines directly after `line`,
    but only when a labelled line follows them (so a paragraph after the last row is not taken)."""
    extra: list[str] = []
    j = line.index + 1
    while j < len(lines) and len(extra) < limit and match_label(lines[j].text) is None:
        if is_heading(lines[j].text):
            return " ".join(extra)
        extra.append(lines[j].text)
        j += 1
    if j < len(lines) and match_label(lines[j].text) is not None:
        return " ".join(extra)
    return ""


# --- signature blocks ----------------------------------------------------------------------------

SIGNATURE_WINDOW = 6  # lines after a signature marker that belong to the signature


@lru_cache(maxsize=1)
def _signature_rules() -> dict:
    return load_data("field_labels.toml")["signature"]


def _starts_with_any(text: str, words: list[str]) -> bool:
    return _prefix_regex(tuple(words)).match(text.lower()) is not None


@lru_cache(maxsize=32)
def _prefix_regex(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z])")


def is_signature_marker(text: str, previous: list[str] | None = None) -> bool:
    """A line opening a signature block: "Ditetapkan di", "a.n.", "Samarinda, 14 Oktober 2026", or
    a position ending with "," ("KEPALA DINAS ...," also wrapped over up to three lines)."""
    rules = _signature_rules()
    low = text.lower().strip()
    if _starts_with_any(low, rules["markers"]):
        return True
    if PLACE_DATE.match(text) and find_dates(text) and len(text) < 60:
        return True
    if not low.endswith(",") or len(low) > 160:
        return False
    if _starts_with_any(low, rules["head_words"]):
        return True
    for prev in reversed(previous or []):
        if prev.rstrip().endswith((".", ";", ":", ",")):
            return False
        if _starts_with_any(prev.lower().strip(), rules["head_words"]):
            return True
    return False


def _opens_body(text: str) -> bool:
    return _starts_with_any(text.lower().strip(), _signature_rules()["body_words"])


def signature_starts(lines: list[Line]) -> list[int]:
    out = []
    for ln in lines:
        if not is_signature_marker(ln.text, [p.text for p in lines[max(0, ln.index - 3):ln.index]]):
            continue
        following = lines[ln.index + 1:ln.index + 3]
        if ln.text.rstrip().endswith(",") and any(_opens_body(f.text) for f in following):
            continue  # the issuer's title above "Menimbang", not a signature
        out.append(ln.index)
    return out


def signer_lines(lines: list[Line]) -> set[int]:
    """Indices of lines that describe a signer or issuer rather than an appointee."""
    rules = _signature_rules()
    marked: set[int] = set()
    starts = set(signature_starts(lines))
    i = 0
    while i < len(lines):
        low = lines[i].text.lower()
        opener = next((o for o in rules["issuer_openers"] if o in low), None)
        if opener is not None:
            tail = low[low.index(opener) + len(opener):]
            if any(re.search(r"(?<![a-z])" + re.escape(c) + r"(?![a-z])", tail)
                   for c in rules["issuer_closers"]):
                i += 1  # "Yang bertanda tangan ... Camat X menugaskan kepada:" on one line
                continue
            j = i + 1
            while j < len(lines) and j - i <= 10 and not _starts_with_any(
                    lines[j].text.lower(), rules["issuer_closers"]) and not any(
                    c in lines[j].text.lower() for c in ("menunjuk", "menugaskan")):
                marked.add(j)
                j += 1
            i = j
            continue
        if i in starts:
            end = i + 1
            while end < len(lines) and end - i <= SIGNATURE_WINDOW:
                if lines[end].page != lines[i].page or _opens_body(lines[end].text):
                    break
                marked.add(end)
                end += 1
            marked.add(i)
        i += 1
    return marked


RANK_LINE: re.Pattern[str] = re.compile(
    r"\(\s*[IVX]+\s*/\s*[a-eA-E]\s*\)|^(golongan|gol\.?)\s+[IVX]+", re.IGNORECASE)


def looks_like_name(text: str) -> bool:
    """A line that can be a person's name: a few capitalised words, no digits, no colon."""
    if not text or any(c.isdigit() for c in text) or ":" in text or RANK_LINE.search(text):
        return False
    if text.rstrip().endswith(",") and not re.search(r"[A-Za-z]\.,?$", text.rstrip()):
        # "KEPALA DINAS," is a position; "Siti, S.Kom.," is not common but allowed.
        return False
    tokens = name_tokens(text)
    if not 1 <= len(tokens) <= 7:
        return False
    low = text.lower()
    if _starts_with_any(low, _signature_rules()["markers"] + _signature_rules()["head_words"]):
        return False
    return sum(w[0].isupper() for w in re.findall(r"[A-Za-z][\w']*", text)) >= 1


def name_above(lines: list[Line], index: int, limit: int = 4) -> Line | None:
    """The nearest name-like line above `index` (skipping rank lines), within `limit` lines."""
    j = index - 1
    while j >= 0 and index - j <= limit:
        if looks_like_name(lines[j].text):
            return lines[j]
        j -= 1
    return None


# --- dates -------------------------------------------------------------------------------------

PLACE_DATE = re.compile(r"(?:^|\s)[A-Z][A-Za-z'.\-]+(?:\s[A-Z][A-Za-z'.\-]+){0,3}\s?,\s*(?=\d)")
AFTER_TANGGAL = re.compile(r"\btanggal\b\s*:?\s*$", re.IGNORECASE)
_PERIOD_BOUND = re.compile(r"(?:\bsampai(?:\s+dengan)?|\bs\.?\s?d\.?|\bhingga|\bmulai|"
                           r"\bterhitung(?:\s+mulai)?|\bsejak)\s+(?:pada\s+)?tanggal\s*:?\s*$",
                           re.IGNORECASE)


def place_dates(lines: list[Line]) -> list[tuple[date, Line]]:
    """Dates written as "Samarinda, 14 Oktober 2026"."""
    out = []
    for ln in lines:
        for m in PLACE_DATE.finditer(ln.text):
            dates = find_dates(ln.text[m.end():])
            if dates and dates[0][0] == 0:
                out.append((dates[0][2], ln))
    return out


def labelled_dates(lines: list[Line]) -> list[tuple[date, Line]]:
    """Dates right after the word "tanggal" ("pada tanggal 14 Oktober 2026", "Tanggal: ..."),
    but not where the date ends or starts a period ("berlaku sampai dengan tanggal ...",
    "terhitung mulai tanggal ..."): that is no date a document was made."""
    out = []
    for k, ln in enumerate(lines):
        for start, _, d in find_dates(ln.text):
            before = ln.text[:start]
            if not AFTER_TANGGAL.search(before):
                continue
            if k and len(before) < 40:  # a sentence wrapped just before: "berlaku sampai" /
                before = f"{lines[k - 1].text} {before}"  # "dengan tanggal 31 Desember 2027"
            if not _PERIOD_BOUND.search(before):
                out.append((d, ln))
    return out


def first_number(lines: list[Line], stop: str) -> Reading | None:
    """The first "Nomor" value holding a digit, cut where `stop` (a regex) matches after it."""
    for ln in lines:
        hit = match_label(ln.text)
        if hit and hit.field == "nomor" and re.search(r"\d", hit.rest):
            value = re.split(stop, hit.rest)[0]
            v = repair_number(value.strip(" :"))
            return Reading(v.value, ln.file, ln.page, repaired=v.repaired)
    return None
