"""Rendering the templates in `templates/`: emails (subject, plain text, HTML) and the parts of a
letter. `.html` is autoescaped, `.txt` is not; a value the template needs but is not given is
an error (StrictUndefined), so nothing goes out with a gap in it.

Every text value given to a template (names, agencies, file names: much of it typed by the
applicant or read from their documents) is made one plain line first: a line break in a name
could otherwise start a paragraph of its own in a letter or an email, and bidi overrides or
zero-width characters could make a file name read as another. Values are data, never template
code: `{{ 7*7 }}` in a name stays as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from extractors.dates import hari_tanggal, tanggal

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str  # without the [REG-…] tag: the outbox puts it in front
    text: str
    html: str


@dataclass(frozen=True)
class RenderedLetter:
    sifat: str
    lampiran: str
    hal: str
    yth: list[str]
    tembusan: list[str]
    paragraphs: list[str]


def environment(directory: Path | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(directory or TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True,
                                     default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tanggal"] = tanggal
    env.filters["hari_tanggal"] = hari_tanggal
    return env


_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                        r"\u2060-\u206f\ufeff]")
_BREAKS = re.compile(r"[\s\u2028\u2029\x85]+")


def one_line(value: Any) -> Any:
    """Strings (also inside lists and dicts) as one plain line; anything else unchanged."""
    if isinstance(value, str):
        return _BREAKS.sub(" ", _INVISIBLE.sub("", value)).strip()
    if isinstance(value, dict):
        return {k: one_line(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [one_line(v) for v in value]
    return value


def render_email(env: Environment, name: str, context: dict[str, Any]) -> RenderedEmail:
    context = one_line(context)
    subject = env.get_template(f"email/{name}.subject.txt").render(context)
    return RenderedEmail(
        subject=" ".join(subject.split()),
        text=_tidy(env.get_template(f"email/{name}.txt").render(context)),
        html=env.get_template(f"email/{name}.html").render(context),
    )


def render_letter(env: Environment, name: str, context: dict[str, Any]) -> RenderedLetter:
    context = one_line(context)
    module = env.get_template(f"surat/{name}.txt").make_module(context)
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", str(module))]
    return RenderedLetter(
        sifat=module.sifat,  # type: ignore[attr-defined]  # set by the template
        lampiran=module.lampiran,  # type: ignore[attr-defined]
        hal=module.hal,  # type: ignore[attr-defined]
        yth=[line for line in module.yth if line],  # type: ignore[attr-defined]
        tembusan=list(module.tembusan),  # type: ignore[attr-defined]
        paragraphs=[p for p in paragraphs if p],
    )


def _tidy(text: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"
