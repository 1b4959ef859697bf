"""The appointment (SK / Surat Tugas / Surat Penunjukan): who is appointed, number, date, validity.

People are found two ways: labelled blocks ("Nama : ... / NIP : ... / Jabatan : ...") and NIPs in
sentences or table rows ("Menunjuk Saudara X, NIP 1986..., Jabatan Y", "1 | X | 1986... | Y").
Whoever stands in a signature block or introduces himself as the issuer ("Yang bertanda tangan di
bawah ini") is the signer, not an appointee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from extractors.fields import keyvalue, regions, tables
from extractors.fields.lines import (
    Line,
    Reading,
    first_number,
    labelled_dates,
    looks_like_name,
    name_above,
    place_dates,
    signer_lines,
)
from extractors.layout import PageLayout, union
from extractors.normalize import (
    clean_name,
    find_dates,
    load_data,
    name_key,
    name_tokens,
    nip_candidates,
    normalize_nip,
)


@dataclass
class Appointee:
    nama: str | None
    nip: str | None
    jabatan: str | None = None
    signer: bool = False
    repaired: bool = False
    file: str | None = None
    page: int | None = None
    lines: set[int] = field(default_factory=set)
    box: tuple[float, float, float, float] | None = None
    confidence: float | None = None

    def as_field(self) -> dict[str, str | None]:
        return {"nama": self.nama, "nip": self.nip, "jabatan": self.jabatan}


@lru_cache(maxsize=1)
def _rules() -> dict:
    return load_data("field_labels.toml")["appointment"]


def people(lines: list[Line], layouts: list[PageLayout]) -> list[Appointee]:
    """Everyone named with an NIP: in a table of appointees (the Lampiran), in labelled blocks
    ("Nama : … / NIP : …"), or in a sentence ("menunjuk Saudara X, NIP …"). Whoever stands in a
    signature block, introduces himself as the issuer, or is the one being replaced ("menggantikan
    Saudara …") is flagged a signer: not appointed."""
    signature: set[int] = set()
    for lay in layouts:
        issuer = regions.issuer_rows(lay) | regions.previous_person_rows(lay)
        signature |= regions.signature_spans(lay)
        signature |= {id(s) for row in lay.rows if row.index in issuer for s in row.spans}
    signers = signer_lines(lines)
    found, used = _table_people(layouts, signature)
    labelled, more = _labelled_people(layouts, signature, used)
    found += labelled
    used |= more
    taken = {ln.index for ln in lines if ln.spans and all(id(s) in used for s in ln.spans)}
    for p in _nip_people(lines, taken):
        p.signer = p.signer or bool(p.lines & signers) or _in(lines, p, signature)
        found.append(p)
    found.sort(key=lambda p: (p.page or 0, min(p.lines) if p.lines else 0))
    return _dedupe(found)


def appointees(lines: list[Line], layouts: list[PageLayout]) -> list[Appointee]:
    return [p for p in people(lines, layouts) if not p.signer]


def _in(lines: list[Line], p: Appointee, spans: set[int]) -> bool:
    """The person's NIP stands in one of `spans` (a signature block)."""
    for i in p.lines:
        for s in lines[i].spans:
            if id(s) in spans and p.nip and p.nip in re.sub(r"\D", "", s.text):
                return True
    return False


def _table_people(layouts: list[PageLayout], signature: set[int]) -> tuple[list[Appointee],
                                                                          set[int]]:
    """Each record of a table of people: its name, NIP and position, one cell per header (a
    "Nama / NIP" cell holds the name over the NIP)."""
    out: list[Appointee] = []
    used: set[int] = set()
    for lay in layouts:
        for table in tables.tables(lay, signature):
            for rec in table.records:
                spans = [s for ss in rec.cells.values() for s in ss]
                nama_lines: list[str] = []
                nip = jabatan = None
                repaired = False
                for name, cell in rec.cells.items():
                    fields = name.split("/")
                    texts = [ln for s in cell for ln in (s.lines or (s.text,))]
                    if "nip" in fields:
                        # From the line the NIP starts on, every line with digits (a cell
                        # wraps "19910816 202002 1" over "009").
                        first = next((k for k, t in enumerate(texts)
                                      if nip_candidates(t) or _digits(t) >= 8), None)
                        if first is not None:
                            digits = [t for t in texts[first:] if _digits(t)]
                            v = normalize_nip(_nip_text(" ".join(digits)))
                            nip, repaired = v.value, v.repaired
                            texts = texts[:first] + [t for t in texts[first:] if not _digits(t)]
                    if "nama" in fields:
                        nama_lines += [t for t in texts if not _digits(t)]
                    elif "jabatan" in fields:
                        jabatan = " ".join(texts).strip() or None
                nama = clean_name(" ".join(nama_lines)) if nama_lines else None
                if nama or nip:
                    used |= {id(s) for s in spans}
                    conf = [c for sp in spans if (c := sp.confidence) is not None]
                    out.append(Appointee(nama or None, nip, jabatan, repaired=repaired,
                                         file=lay.file, page=lay.page,
                                         box=union([s.box for s in spans]),
                                         confidence=sum(conf) / len(conf) if conf else None))
    return out, used


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _nip_text(text: str) -> str:
    found = nip_candidates(text)
    return found[0][2] if found else re.sub(r"[^0-9]", "", text)


BLOCK_GAP = 3  # rows between the rows of one person's labelled block


def _labelled_people(layouts: list[PageLayout], signature: set[int],
                     used: set[int]) -> tuple[list[Appointee], set[int]]:
    out: list[Appointee] = []
    spans: set[int] = set()
    for lay in layouts:
        current: Appointee | None = None
        last_row = -10
        for pair in keyvalue.page_pairs(lay, signature | used):
            if pair.field == "nama":
                name = clean_name(pair.text)
                current = Appointee(name or None, None, file=lay.file, page=lay.page,
                                    box=pair.box) if name else None
                if current is not None:
                    out.append(current)
                    spans |= {id(pair.label)} | {id(s) for s in pair.spans}
                last_row = pair.row
            elif current is not None and pair.field in ("nip", "jabatan", "pangkat_golongan") \
                    and pair.row - last_row <= BLOCK_GAP:
                spans |= {id(pair.label)} | {id(s) for s in pair.spans}
                last_row = pair.row
                if pair.field == "nip" and current.nip is None:
                    cands = nip_candidates(pair.text)
                    if cands:
                        v = normalize_nip(cands[0][2])
                        current.nip, current.repaired = v.value, v.repaired
                elif pair.field == "jabatan" and current.jabatan is None:
                    current.jabatan = pair.text.strip() or None
            elif pair.field not in ("pangkat_golongan", "ignore"):
                current = None
    return [p for p in out if p.nama or p.nip], spans


_NIP_LABEL_TAIL = re.compile(r"[\s,;(]*(?:\b(?:NIP|NI\s*PPPK|NIPPPK)\b\.?\s*[:.]?\s*)?$",
                             re.IGNORECASE)
_ROW_NUMBER = re.compile(r"^\s*\d{1,3}[.)]?\s+")
_JABATAN_AFTER = re.compile(r"^[\s,;)]*(?:jabatan\s*:?\s*)?(?P<j>[^,;]+)", re.IGNORECASE)


def _nip_people(lines: list[Line], used: set[int]) -> list[Appointee]:
    """People found by their NIP in running text."""
    text = "\n".join(ln.text for ln in lines)
    starts = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln.text) + 1
    out = []
    for start, end, raw in nip_candidates(text):
        li = _line_at(starts, start)
        if li in used:
            continue
        v = normalize_nip(raw)
        if v.value is None or not 17 <= len(v.value) <= 19:  # an NIK has 16; a typo still counts
            continue
        line = lines[li]
        before = text[starts[li]:start]
        name = _name_before(before)
        name_line = li
        if name is None and _NIP_LABEL_TAIL.fullmatch(before) and li > 0:
            # The NIP starts a line: a sentence wrapped before it, or a signature block.
            name, name_line = _name_before(lines[li - 1].text + " "), li - 1
            if name is None:
                above = name_above(lines, li)
                if above is not None:
                    name, name_line = clean_name(above.text), above.index
        newline = text.find("\n", end)
        after_line = text[end:newline if newline >= 0 else len(text)]
        m = _JABATAN_AFTER.match(after_line)
        jabatan = m.group("j").strip() if m and m.group("j").strip() else None
        if jabatan and re.search(r"\bsebagai\b", jabatan, re.IGNORECASE):
            jabatan = None
        replaced = _replaced(text[max(0, start - 200):start])
        out.append(Appointee(name, v.value, jabatan, signer=replaced, repaired=v.repaired,
                             file=line.file, page=line.page, lines={li, name_line}))
    return out


def _replaced(before: str) -> bool:
    """The person named right before the NIP is the one being replaced: "... menggantikan
    Saudara X, S.T. NIP ..." (the replacement word names this person when no other NIP and no
    appointing word stand between it and this NIP)."""
    low = before.lower()
    last = None
    for w in _rules()["replaced_openers"]:
        for m in re.finditer(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", low):
            last = m.end() if last is None else max(last, m.end())
    if last is None:
        return False
    between = before[last:]
    return not nip_candidates(between) and not re.search(
        r"(?<![a-z])(menunjuk|menugaskan|kepada)(?![a-z])", between.lower())


def _line_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _name_before(before: str) -> str | None:
    """The name in the text right before an NIP: after the last "menunjuk"/"Saudara", without a
    row number or an "NIP" label."""
    s = _NIP_LABEL_TAIL.sub("", before)
    s = _ROW_NUMBER.sub("", s)
    low = s.lower()
    cut = 0
    for opener in _rules()["name_openers"]:
        for m in re.finditer(r"(?<![a-z])" + re.escape(opener) + r"(?![a-z])", low):
            cut = max(cut, m.end())
    s = s[cut:].strip(" :,;(")
    # Keep at most the last clause: a table row's rank or a sentence before the name.
    if not s or len(name_tokens(s)) == 0:
        return None
    name = clean_name(s)
    if len(name_tokens(name)) > 7 or not looks_like_name(name.split(",")[0]):
        return None
    return name


def _dedupe(found: list[Appointee]) -> list[Appointee]:
    out: list[Appointee] = []
    for p in found:
        twin = next((q for q in out if (p.nip and q.nip == p.nip)
                     or (not p.nip and p.nama and name_key(q.nama) == name_key(p.nama))), None)
        if twin is None:
            out.append(p)
            continue
        twin.signer = twin.signer or p.signer  # whoever signs anywhere is not appointed
        twin.nama = twin.nama or p.nama
        twin.jabatan = twin.jabatan or p.jabatan
    return out


# --- number, date, validity ---------------------------------------------------------------------

def number(lines: list[Line]) -> Reading | None:
    """The first "Nomor" value holding a digit."""
    return first_number(lines, r"\s{2,}|\s+(?:Tanggal|Tgl|Kepada|Yth)\b")


def decree_date(lines: list[Line]) -> Reading | None:
    """The date it was issued: "pada tanggal ..." (the last such), else "Place, date", else the
    last date in it (a fallback)."""
    found = labelled_dates(lines)
    if found:
        d, ln = found[-1]
        return Reading(d.isoformat(), ln.file, ln.page)
    found = place_dates(lines)
    if found:
        d, ln = found[-1]
        return Reading(d.isoformat(), ln.file, ln.page)
    for ln in reversed(lines):
        dates = find_dates(ln.text)
        if dates:
            return Reading(dates[-1][2].isoformat(), ln.file, ln.page, fallback=True)
    return None


_SENTENCE_END = re.compile(r"(?<!\bs)(?<!\bd)(?<!\bNo)\.\s+(?=[A-Z])|;|\n\s*\n")


def validity_end(lines: list[Line], issued: date | None) -> Reading | None:
    """When the appointment ends: "berlaku sampai dengan 31 Desember 2026", "berlaku untuk Tahun
    Anggaran 2026" (the fiscal year ends 31 December), "berlaku selama 1 (satu) tahun"."""
    rules = _rules()
    text = " ".join(ln.text for ln in lines)
    low = text.lower()
    for phrase in rules["validity_phrases"]:
        for m in re.finditer(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", low):
            end_m = _SENTENCE_END.search(text, m.end())
            # From the sentence's start: "selama 1 (satu) tahun terhitung mulai ..." says the
            # duration before the phrase.
            starts = [s.end() for s in _SENTENCE_END.finditer(text, max(0, m.start() - 160),
                                                              m.start())]
            begin = starts[-1] if starts else max(0, m.start() - 160)
            begin = max(begin, _clause_start(text, m.start()))
            window = text[begin:end_m.start() if end_m else m.start() + 240][:400]
            found = _end_in(window, rules, issued)
            if found is not None:
                ln = _line_of(lines, text, m.start())
                return Reading(found.isoformat(), ln.file, ln.page)
    return None


def _end_in(window: str, rules: dict, issued: date | None) -> date | None:
    low = window.lower()
    for word in rules["until_words"]:
        for m in re.finditer(r"(?<![a-z])" + re.escape(word) + r"(?![a-z])", low):
            dates = find_dates(window[m.end():m.end() + 45])
            if dates:
                return dates[0][2]
    # "Tahun Anggaran 2026", "Tahun Anggaran 2026 dan 2027", "Tahun Anggaran 2026 s.d. 2028":
    # the last fiscal year named ends on 31 December.
    fiscal = re.search(r"tahun\s+anggaran\s+((?:19|20)\d\d)((?:\s*(?:,|dan|s\.?\s?d\.?|s/d|"
                       r"sampai\s+dengan|hingga|-|–)\s*(?:tahun\s+)?(?:19|20)\d\d)*)", low)
    if fiscal:
        years = re.findall(r"(?:19|20)\d\d", fiscal.group(0))
        return date(max(int(y) for y in years), 12, 31)
    # "selama 1 (satu) tahun", "untuk jangka waktu 2 (dua) tahun", "masa tugas 6 (enam) bulan";
    # not "Nomor 12 Tahun 2021".
    duration = re.search(r"(?<![\d/.])(\d{1,2})\s*(?:\([a-z ]+\)\s*)?(tahun|bulan)"
                         r"(?!\s*(?:19|20)\d\d)(?!\s+anggaran)", low)
    if duration and issued is not None:
        months = int(duration.group(1)) * rules["duration_units"][duration.group(2)]
        y, mth = divmod(issued.month - 1 + months, 12)
        try:
            return date(issued.year + y, mth + 1, issued.day) - timedelta(days=1)
        except ValueError:
            return date(issued.year + y, mth + 2, 1) - timedelta(days=1) if mth < 11 else \
                date(issued.year + y, 12, 31)
    return None


_DIKTUM = re.compile(r"\b(?:KESATU|KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|PERTAMA)\s*:|"
                     r"\bUntuk\s*:|\bMengingat\s*:|\bMenimbang\s*:")


def _clause_start(text: str, offset: int) -> int:
    """Where the diktum or clause holding `offset` starts (an SK's "KEDUA :" is a clause even
    without a full stop before it)."""
    starts = [m.start() for m in _DIKTUM.finditer(text, 0, offset)]
    return starts[-1] if starts else 0


def _line_of(lines: list[Line], text: str, offset: int) -> Line:
    pos = 0
    for ln in lines:
        pos += len(ln.text) + 1
        if pos > offset:
            return ln
    return lines[-1]
