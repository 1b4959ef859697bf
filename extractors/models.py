"""Typed results of the reading layer."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EMAIL_BODY_NAME = "(isi email)"


class Method(StrEnum):
    TEXT = "text"
    OCR = "ocr"


class ProblemCode(StrEnum):
    """Per-file problems, named as the deficiency codes in SPEC."""

    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"


class Blob(BaseModel):
    """A file's bytes with the name it is shown under (SPEC: relative path, `a.zip/b.pdf`)."""

    name: str
    data: bytes = Field(repr=False)
    # Declared media type (from an email part), used only as a hint next to the content sniffing.
    content_type: str | None = None
    depth: int = 0  # how many containers (email, archive) it was found inside


class Word(BaseModel):
    """One word on a page with its box: fractions of the page's width and height, origin top-left
    (the page as cleaned up for OCR, or the PDF page as printed)."""

    model_config = ConfigDict(frozen=True)

    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    confidence: float | None = None  # OCR word confidence 0..1; None for a text layer


class PageText(BaseModel):
    """One page of one file, as read."""

    file: str
    page: int  # 1-based within the file
    method: Method
    text: str
    confidence: float | None = None  # mean OCR word confidence, 0..1; None for a text layer
    rotation: int = 0  # degrees clockwise the page was turned to read it: 0, 90, 180, 270
    deskew: float = 0.0  # degrees the page was straightened by
    # Clean-up steps applied before OCR, e.g. ["denoise", "background", "perspective"]
    cleanup: list[str] = Field(default_factory=list)
    text_layer_rejected: bool = False  # a text layer existed but was judged too poor and redone
    # The page's geometry: its words with their boxes, ruling lines (table borders, underlines)
    # and drawn rectangles (cells, character boxes), all in fractions of the page, and the page's
    # size in points (text layer) or pixels (OCR). Empty for pages known only as text (an email
    # body, a word-processor file): the layout is then derived from the text's lines.
    words: list[Word] = Field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = Field(default_factory=list)
    size: tuple[float, float] | None = None
    # The image the page was read from (the cleaned-up, upright image the OCR read, or the text
    # layer's page rendered), JPEG, only when asked (`read_blobs(page_images=…)`); its boxes are
    # the words' boxes. Never in the JSON (the archive keeps originals, not renderings).
    image: bytes | None = Field(default=None, exclude=True, repr=False)


class FileProblem(BaseModel):
    """A file (or part of one) that could not be read; it becomes a deficiency in `check`."""

    file: str
    code: ProblemCode
    detail: str  # developer-facing English; user-facing messages live in the judging layer
    pages: list[int] = Field(default_factory=list)  # for problems of single pages


class FileInfo(BaseModel):
    """Every leaf file found (for the archive and for classification by name hints)."""

    file: str
    kind: Literal["pdf", "image", "docx", "doc", "odt", "rtf", "text", "html", "email", "archive",
                  "unknown"]
    size: int
    sha256: str
    pages: int = 0


class EmailInfo(BaseModel):
    """Headers of the outermost email, when the input was one."""

    subject: str = ""
    sender: str = ""
    reply_to: str = ""
    to: list[str] = Field(default_factory=list)
    date: str | None = None  # ISO 8601 with offset, when the Date header parses
    message_id: str = ""
    in_reply_to: str = ""
    references: list[str] = Field(default_factory=list)
    auto_submitted: str = ""
    precedence: str = ""


class ReadResult(BaseModel):
    pages: list[PageText] = Field(default_factory=list)
    problems: list[FileProblem] = Field(default_factory=list)
    files: list[FileInfo] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)  # cloud-drive links instead of attachments
    email: EmailInfo | None = None
