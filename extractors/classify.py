"""Page classification by weighted phrases (data/doc_types.toml) and grouping of consecutive pages
of one file into documents, so a merged scan of a whole berkas splits into its documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.fields.lines import match_label
from extractors.layout import PageLayout, layout_page
from extractors.models import PageText
from extractors.normalize import load_data

REQUIRED = ("formulir", "surat_penunjukan", "surat_permohonan")
OTHER = "lainnya"


@dataclass
class PageClass:
    page: PageText
    type: str
    confidence: float
    scores: dict[str, float]
    continuation: bool = False  # too little evidence of its own: continues the page before


@dataclass
class Document:
    file: str
    type: str
    pages: list[PageText] = field(default_factory=list)
    page_confidences: list[float] = field(default_factory=list)
    weak_evidence: dict[str, float] = field(default_factory=dict)  # required types seen, weakly

    @property
    def page_numbers(self) -> list[int]:
        return [p.page for p in self.pages]

    @property
    def confidence(self) -> float:
        return round(sum(self.page_confidences) / len(self.page_confidences), 2)


@dataclass(frozen=True)
class _Phrase:
    pattern: re.Pattern
    weight: float


@lru_cache(maxsize=1)
def _rules() -> tuple[dict, dict[str, list[_Phrase]], dict[str, dict[str, float]], dict]:
    data = load_data("doc_types.toml")
    phrases: dict[str, list[_Phrase]] = {}
    labels: dict[str, dict[str, float]] = {}
    for name, spec in data["types"].items():
        phrases[name] = [_Phrase(_compile(text), float(w)) for text, w in spec["phrases"]]
        labels[name] = {k: float(v) for k, v in spec.get("label_weights", {}).items()}
    structure = {name: {**spec, "marks": [_compile(m) for m in spec.get("marks", [])]}
                 for name, spec in data.get("structure", {}).items()}
    return data["settings"], phrases, labels, structure


def _compile(phrase: str) -> re.Pattern:
    if phrase.startswith("re:"):
        return re.compile(phrase[3:], re.IGNORECASE | re.MULTILINE)
    body = re.escape(phrase.lower()).replace(r"\ ", r"\s*")
    return re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])", re.IGNORECASE)


def scores(text: str, cells: list[str] | None = None, structure: bool = True,
           ) -> dict[str, float]:
    """Each type's score for a page's text. `cells`: the page's texts laid out apart (columns,
    table cells), where labels side by side in two columns are found too. `structure`: a type
    whose structure the page lacks scores 0."""
    settings, phrases, label_weights, shape = _rules()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = "\n".join(lines[:settings["title_lines"]])
    body = "\n".join(lines)
    labels_seen = {h.field for h in map(match_label, lines + (cells or [])) if h is not None}
    out: dict[str, float] = {}
    for name, plist in phrases.items():
        total = 0.0
        for ph in plist:
            if ph.pattern.search(title):
                total += ph.weight * settings["title_factor"]
            elif ph.pattern.search(body):
                total += ph.weight
        total += sum(w for f, w in label_weights[name].items() if f in labels_seen)
        out[name] = total if not structure or _has_structure(shape.get(name), lines, labels_seen) \
            else 0.0
    return out


def _has_structure(spec: dict | None, lines: list[str], labels_seen: set[str]) -> bool:
    if spec is None:
        return True
    person = labels_seen & set(spec.get("fields", _PERSON_LABELS))
    if len(person) < spec.get("min_labels", 0):
        return False
    text = "\n".join(lines)  # a mark may run over two lines ("LAMPIRAN" over "KEPUTUSAN …")
    marks = sum(m.search(text) is not None for m in spec["marks"])
    return marks >= spec.get("min_marks", 0)


_PERSON_LABELS = ("nama", "nip", "jabatan", "pangkat_golongan", "instansi", "satuan_kerja",
                  "alamat_kantor", "email", "telepon")


def classify_page(page: PageText, layout: PageLayout | None = None) -> PageClass:
    """The page's type; `layout`: the page laid out, when the caller has it already."""
    settings = _rules()[0]
    layout = layout or layout_page(page)
    cells = [span.text for row in layout.rows for span in row.spans]
    s = scores(page.text, cells)
    ranked = sorted(s.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < settings["min_score"]:
        # Nothing recognisable: "lainnya", as sure as the evidence for anything else is weak.
        return PageClass(page, OTHER, round(1.0 - 0.5 * top / settings["min_score"], 2), s)
    strength = min(1.0, top / settings["strong_score"])
    separation = (top - second) / top
    return PageClass(page, best, round(strength * (0.4 + 0.6 * separation), 2), s)


def group(pages: list[PageText], layouts: list[PageLayout] | None = None) -> list[Document]:
    """Consecutive pages of one file with the same type form one document. A page with too little
    evidence of its own (and none of `lainnya`) continues the document before it in the file.
    `layouts`: the pages laid out, in the same order, when the caller has them already."""
    settings = _rules()[0]
    docs: list[Document] = []
    for n, page in enumerate(pages):
        pc = classify_page(page, layouts[n] if layouts is not None else None)
        prev = docs[-1] if docs else None
        same_file = prev is not None and prev.file == page.file and \
            prev.pages[-1].page == page.page - 1
        weak = max(pc.scores.values()) < settings["min_score"] and pc.scores[OTHER] == 0
        # A page too weak to stand alone that reads on, or one numbered "- 2 -" after a page
        # that ends unsigned, whatever its own words look like (a letter's list of the person's
        # data reads as a form): the next page of the document before it.
        if prev is not None and same_file and (
                weak and prev.type != OTHER and _running_text(page)
                or prev.type in REQUIRED and prev.type != pc.type and _numbered(page)
                and _runs_on(prev.pages[-1])):
            prev.pages.append(page)
            prev.page_confidences.append(
                round(settings["continuation_factor"] * prev.page_confidences[-1], 2))
            continue
        if prev is not None and same_file and prev.type == pc.type:
            prev.pages.append(page)
            prev.page_confidences.append(pc.confidence)
            continue
        doc = Document(page.file, pc.type, [page], [pc.confidence])
        if pc.type == OTHER and pc.scores[OTHER] < settings["min_score"]:
            doc.weak_evidence = {t: pc.scores[t] for t in REQUIRED
                                 if pc.scores[t] >= settings["min_score"] / 2}
        docs.append(doc)
    return _first_pages_joined(docs)


def _first_pages_joined(docs: list[Document]) -> list[Document]:
    """A page that names itself a document of a type without its structure (a form's first page
    of "Ketentuan Umum" and "Petunjuk Pengisian", its fields on the next), followed in its file
    by a document of that type, is that document's first page."""
    settings = _rules()[0]
    out: list[Document] = []
    for k, doc in enumerate(docs):
        nxt = docs[k + 1] if k + 1 < len(docs) else None
        if doc.type == OTHER and len(doc.pages) == 1 and nxt is not None and \
                nxt.file == doc.file and nxt.pages[0].page == doc.pages[0].page + 1 and \
                nxt.type in REQUIRED:
            named = scores(doc.pages[0].text, structure=False)
            if named[nxt.type] >= settings["min_score"] and \
                    named[nxt.type] == max(named.values()):
                nxt.pages.insert(0, doc.pages[0])
                nxt.page_confidences.insert(0, round(
                    settings["continuation_factor"] * nxt.page_confidences[0], 2))
                continue
        out.append(doc)
    return out


_PAGE_NUMBER = re.compile(r"^\s*-\s*(\d{1,3})\s*-\s*$")  # "- 2 -"
_SIGNED = re.compile(r"^\s*NIP\b\.?\s*:?\s*\d", re.IGNORECASE)
_LAST_LINES = 8


def _lines(page: PageText) -> list[str]:
    return [ln.strip() for ln in page.text.splitlines() if ln.strip()]


def _runs_on(page: PageText) -> bool:
    """A page that does not end its document: no signer's NIP among its last lines."""
    return not any(_SIGNED.match(ln) for ln in _lines(page)[-_LAST_LINES:])


def _numbered(page: PageText) -> bool:
    """A page numbered at its top as a later page of a document ("- 2 -")."""
    return any((m := _PAGE_NUMBER.match(ln)) is not None and int(m.group(1)) >= 2
               for ln in _lines(page)[:3])


def _running_text(page: PageText) -> bool:
    """A page that goes on with the one before: a page number ("- 2 -"), or text that reads as
    the body of a document (sentences, a list ending "2. Arsip.", a signature). A page of a few
    title lines without a sentence (a cover page, a separator sheet) stands on its own."""
    return any(_PAGE_NUMBER.match(ln) or ln[-1] in ".,;:" for ln in _lines(page))


def review_confidence() -> float:
    return float(_rules()[0]["review_confidence"])
