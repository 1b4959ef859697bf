"""Text of word-processor files: docx, doc (through antiword), odt and rtf. One string per page.

Pages exist only where the file marks them (page breaks, page-starting sections, form feeds);
otherwise the whole document is one page. Table rows become one line each, cells joined by " | ".
Broken files raise OfficeUnreadable, password-protected ones OfficeEncrypted (a subclass); the
caller reports them as `corrupt` and `encrypted`. READERS maps a sniffed kind to its reader (plain
text and HTML leaves included, e.g. the email body).
"""

from __future__ import annotations

import codecs
import contextlib
import enum
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Final

from lxml import etree

from extractors import antiword
from extractors.mail import decode_text, html_to_text
from extractors.sniff import OLE2_MAGIC

CELL_SEPARATOR = " | "
MAX_XML_BYTES = 64 * 1024 * 1024  # one XML part of a docx/odt, uncompressed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class _Page(enum.Enum):
    BREAK = enum.auto()


_PAGE: Final = _Page.BREAK  # page-break marker in a token stream
_PAGE_AFTER = "berkas-page-after"  # set on a section end that starts a new page


class OfficeUnreadable(Exception):
    """The file is damaged or not the format it claims."""


class OfficeEncrypted(OfficeUnreadable):
    """The file is password-protected."""


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def _xml(zf: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        with zf.open(name) as f:
            raw = f.read(MAX_XML_BYTES + 1)
    except KeyError as e:
        raise OfficeUnreadable(f"{name} missing") from e
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
        raise OfficeUnreadable(f"{name} cannot be read: {e}") from e
    if len(raw) > MAX_XML_BYTES:
        raise OfficeUnreadable(f"{name} larger than {MAX_XML_BYTES} bytes")
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as e:
        raise OfficeUnreadable(f"{name} is not well-formed XML: {e}") from e


def _open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    if data.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise OfficeEncrypted(f"password-protected {what}")
        raise OfficeUnreadable(f"not a {what} (an OLE2 file)")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise OfficeUnreadable(f"not a {what}: {e}") from e


def _tidy_page(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _pages(tokens: Iterator[str | _Page]) -> list[str]:
    pages: list[list[str]] = [[]]
    for token in tokens:
        if token is _PAGE:
            pages.append([])
        else:
            pages[-1].append(token)
    texts = [_tidy_page("".join(p)) for p in pages]
    return [t for t in texts if t.strip()] or [""]


# --- docx -----------------------------------------------------------------------------------

def _docx_tokens(el: etree._Element) -> Iterator[str | _Page]:
    tag = el.tag
    if tag == W + "t":
        yield el.text or ""
    elif tag == W + "tab":
        yield "\t"
    elif tag == W + "br":
        yield _PAGE if el.get(W + "type") == "page" else "\n"
    elif tag == W + "cr":
        yield "\n"
    elif tag in (W + "delText", W + "instrText", MC_FALLBACK, W + "rPr"):
        return
    elif tag == W + "p":
        yield from _docx_paragraph(el)
    elif tag == W + "tbl":
        yield from _docx_table(el)
    else:
        for child in el:
            yield from _docx_tokens(child)


def _docx_paragraph(p: etree._Element) -> Iterator[str | _Page]:
    ppr = p.find(W + "pPr")
    if ppr is not None:
        before = ppr.find(W + "pageBreakBefore")
        if before is not None and before.get(W + "val") not in ("0", "false", "off"):
            yield _PAGE
    for child in p:
        if child.tag != W + "pPr":
            yield from _docx_tokens(child)
    yield "\n"
    sect = ppr.find(W + "sectPr") if ppr is not None else None
    if sect is not None and sect.get(_PAGE_AFTER):
        yield _PAGE


def _mark_section_breaks(body: etree._Element) -> None:
    """A paragraph's sectPr ends a section; the *next* section's type says if a page follows."""
    sections = list(body.iter(W + "sectPr"))
    for ending, following in zip(sections, sections[1:], strict=False):
        kind = following.find(W + "type")
        if kind is None or kind.get(W + "val") != "continuous":
            ending.set(_PAGE_AFTER, "1")


def _cell_text(tc: etree._Element) -> str:
    text = "".join(t for t in _docx_tokens_of_children(tc) if t is not _PAGE)
    return re.sub(r"\s+", " ", text).strip()


def _docx_tokens_of_children(el: etree._Element) -> Iterator[str | _Page]:
    for child in el:
        if child.tag != W + "tcPr":
            yield from _docx_tokens(child)


def _docx_table(tbl: etree._Element) -> Iterator[str | _Page]:
    for tr in tbl.iter(W + "tr"):
        if next(tr.iterancestors(W + "tbl")) is not tbl:
            continue  # a nested table is read inside its cell
        cells = [_cell_text(tc) for tc in tr if tc.tag in (W + "tc", W + "sdt")]
        yield CELL_SEPARATOR.join(cells).strip() + "\n"


def docx_text(data: bytes) -> list[str]:
    """Pages of a .docx; headers (at the start) and footers (at the end) appear once."""
    with _open_zip(data, "docx") as zf:
        body = _xml(zf, "word/document.xml").find(W + "body")
        if body is None:
            raise OfficeUnreadable("word/document.xml has no body")
        _mark_section_breaks(body)
        pages = _pages(_docx_tokens(body))
        parts = sorted(n for n in zf.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
        headers, footers = _unique_texts(zf, [n for n in parts if "header" in n]), _unique_texts(
            zf, [n for n in parts if "footer" in n])
    if headers:
        pages[0] = "\n".join([*headers, pages[0]]).strip("\n")
    if footers:
        pages[-1] = "\n".join([pages[-1], *footers]).strip("\n")
    return pages


def _unique_texts(zf: zipfile.ZipFile, names: list[str]) -> list[str]:
    texts: list[str] = []
    for name in names:
        try:
            root = _xml(zf, name)
        except OfficeUnreadable:
            continue  # a damaged header does not spoil the body
        text = _tidy_page("".join(t for t in _docx_tokens(root) if t is not _PAGE))
        if text.strip() and text not in texts:
            texts.append(text)
    return texts


# --- doc ------------------------------------------------------------------------------------

def _tidy_antiword_table(line: str) -> str:
    # antiword draws tables as |cell   |cell   |
    if len(line) > 1 and line.startswith("|") and line.rstrip().endswith("|"):
        return CELL_SEPARATOR.join(c.strip() for c in line.strip()[1:-1].split("|"))
    return line


def doc_text(data: bytes) -> list[str]:
    """Pages of a Word 97-2003 .doc through antiword (split where it emits form feeds)."""
    if not data.startswith(OLE2_MAGIC):
        raise OfficeUnreadable("not a Word 97-2003 document (no OLE2 header)")
    try:
        text = antiword.run_antiword(data)
    except antiword.AntiwordEncrypted as e:
        raise OfficeEncrypted(str(e)) from e
    except antiword.AntiwordError as e:
        raise OfficeUnreadable(str(e)) from e
    pages = []
    for page in text.split("\f"):
        pages.append(_tidy_page("\n".join(_tidy_antiword_table(x) for x in page.split("\n"))))
    return [p for p in pages if p.strip()] or [""]


# --- odt ------------------------------------------------------------------------------------

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_ODT_INLINE = (TEXT + "p", TEXT + "h", TEXT + "span", TEXT + "a")


def _odt_page_styles(root: etree._Element) -> set[str]:
    """Automatic paragraph styles that start a new page (how LibreOffice stores a page break)."""
    names = set()
    for style in root.iter(STYLE + "style"):
        props = style.find(STYLE + "paragraph-properties")
        if props is not None and props.get(FO + "break-before") == "page":
            names.add(style.get(STYLE + "name"))
    return names


def _odt_tokens(el: etree._Element, page_styles: set[str]) -> Iterator[str | _Page]:
    tag = el.tag
    if tag == TEXT + "s":
        yield " " * int(el.get(TEXT + "c", "1") or 1)
    elif tag == TEXT + "tab":
        yield "\t"
    elif tag == TEXT + "line-break":
        yield "\n"
    elif tag in (TEXT + "tracked-changes", TEXT + "note", STYLE + "style"):
        pass
    elif tag == TABLE + "table-row":
        cells = ["".join(t for t in _odt_tokens(c, set()) if t is not _PAGE)
                 for c in el if c.tag == TABLE + "table-cell"]
        yield CELL_SEPARATOR.join(re.sub(r"\s+", " ", c).strip() for c in cells) + "\n"
    else:
        if tag in (TEXT + "p", TEXT + "h") and el.get(TEXT + "style-name") in page_styles:
            yield _PAGE
        if el.text and tag in _ODT_INLINE:
            yield el.text
        for child in el:
            yield from _odt_tokens(child, page_styles)
            if child.tail and tag in _ODT_INLINE:
                yield child.tail
        if tag in (TEXT + "p", TEXT + "h"):
            yield "\n"


def odt_text(data: bytes) -> list[str]:
    """Pages of an OpenDocument text file (split where a paragraph style breaks the page)."""
    with _open_zip(data, "odt") as zf:
        root = _xml(zf, "content.xml")
    return _pages(_odt_tokens(root, _odt_page_styles(root)))


# --- rtf ------------------------------------------------------------------------------------

_RTF_TOKEN = re.compile(rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|"
                        rb"[\r\n]+|([^\\{}\r\n]+)")
_RTF_SKIP = {b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"themedata",
             b"datastore", b"latentstyles", b"listtable", b"listoverridetable", b"rsidtbl",
             b"generator", b"xmlnstbl", b"mmathPr", b"header", b"headerl", b"headerr",
             b"headerf", b"footer", b"footerl", b"footerr", b"footerf", b"fldinst", b"bkmkstart",
             b"bkmkend", b"filetbl", b"revtbl", b"pgdsctbl", b"field_inst", b"shppict",
             b"nonshppict", b"blipuid", b"docvar", b"userprops", b"wgrffmtfilter"}
_RTF_TEXT = {b"par": "\n", b"line": "\n", b"tab": "\t", b"cell": CELL_SEPARATOR, b"row": "\n",
             b"emdash": "\u2014", b"endash": "\u2013", b"bullet": "\u2022", b"lquote": "\u2018",
             b"rquote": "\u2019", b"ldblquote": "\u201c", b"rdblquote": "\u201d", b"sect": "\n"}


def rtf_text(data: bytes) -> list[str]:
    """Text of an RTF file (a small reader: no fields, pictures or headers); pages on \\page."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise OfficeUnreadable("not an RTF file")
    codepage = "cp1252"
    if m := re.search(rb"\\ansicpg(\d+)", data[:2048]):
        with contextlib.suppress(LookupError):
            codepage = codecs.lookup(f"cp{int(m.group(1))}").name
    out: list[str | _Page] = []
    stack: list[tuple[bool, int]] = []
    skipping, uc, pending_skip = False, 1, 0
    for m in _RTF_TOKEN.finditer(data):
        word, arg, hexbyte, symbol, brace, plain = m.groups()
        if brace == b"{":
            stack.append((skipping, uc))
        elif brace == b"}":
            skipping, uc = stack.pop() if stack else (False, 1)
        elif symbol == b"*":
            skipping = True
        elif skipping:
            continue
        elif pending_skip and (hexbyte or plain):
            # characters standing in for the preceding \uN, to be ignored
            skip_now = min(pending_skip, 1 if hexbyte else len(plain))
            pending_skip -= skip_now
            if plain and len(plain) > skip_now:
                out.append(plain[skip_now:].decode(codepage, "replace"))
        elif word is not None:
            if word in _RTF_SKIP:
                skipping = True
            elif word == b"uc":
                uc = int(arg or 1)
            elif word == b"u":
                out.append(chr(int(arg) % 65536))
                pending_skip = uc
            elif word in (b"page", b"pagebb"):
                out.append(_PAGE)
            elif word == b"row" and out and out[-1] == CELL_SEPARATOR:
                out[-1] = "\n"
            elif word in _RTF_TEXT:
                out.append(_RTF_TEXT[word])
        elif hexbyte:
            out.append(bytes([int(hexbyte, 16)]).decode(codepage, "replace"))
        elif symbol in (b"\\", b"{", b"}"):
            out.append(symbol.decode())
        elif symbol == b"~":
            out.append("\xa0")
        elif plain:
            out.append(plain.decode(codepage, "replace"))
    return _pages(iter(out))


# --- text, html -----------------------------------------------------------------------------

def plain_text(data: bytes) -> list[str]:
    """A text file (UTF-8, else cp1252/Latin-1), pages split on form feeds."""
    text = decode_text(data.removeprefix(b"\xef\xbb\xbf"), None).replace("\r\n", "\n")
    return [p for p in (_tidy_page(x) for x in text.split("\f")) if p.strip()] or [""]


def html_text(data: bytes) -> list[str]:
    """An HTML file's readable text as one page (charset from a meta tag, else guessed)."""
    m = re.search(rb"""charset=["']?([A-Za-z0-9_.:-]+)""", data[:4096])
    return [_tidy_page(html_to_text(decode_text(data, m.group(1).decode() if m else None))[0])]


READERS = {"docx": docx_text, "doc": doc_text, "odt": odt_text, "rtf": rtf_text,
           "text": plain_text, "html": html_text}
