"""Applicant-controlled text (names, subjects, file names, fields read from a form) placed into
Markdown that staff read: Prefect Markdown artifacts and the descriptions above approval forms.

`md_escape` makes such a value plain text wherever it lands (a paragraph, a list item, a table
cell): no link, image, raw HTML, heading, list, quote, code or table structure can come out of
it, and the text a reader sees is the value itself. Used for values only, never for the Markdown
we write around them.
"""

from __future__ import annotations

import re

# Every character with a meaning in some Markdown flavour or in HTML becomes a numeric character
# reference: CommonMark, GFM and Python-Markdown all show `&#91;` as `[` and none reads it as
# syntax (backslash escapes are not portable: Python-Markdown shows `\'` with its backslash).
# Covers links `[..](..)`, images `![..]`, raw HTML `<..>`, emphasis, code spans, headings `#`,
# list markers `-+*` and `1.`, quotes `>`, tables `|`, strikethrough `~`, footnotes `^`.
_SPECIAL = re.compile(r"""[\\`*_{}\[\]()#+\-.!|<>&~:^="';/$%?]""")
# Line breaks would let a value start a heading, a list, a quote or a table row of its own.
_BREAKS = re.compile(r"[\s\u2028\u2029\x85]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                      r"\u2060-\u206f\ufeff]")
# Renderers with "linkify" turn bare addresses into links after decoding references: a
# zero-width space after the scheme's colon or `www` stops them and stays invisible.
_AUTOLINK = re.compile(r"(?i)(\b[a-z][a-z0-9+.\-]{1,20}:)(?=//)|(\bwww)(?=\.)")
_ZWSP = "\u200b"


def md_escape(text: str) -> str:
    """`text` as inert Markdown: one line, every Markdown and HTML character literal."""
    text = _CONTROL.sub("", text or "")
    text = _BREAKS.sub(" ", text).strip()
    text = _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2)) + _ZWSP, text)
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)
