"""The viewer's pictures: the crop of each field's value (`/p/<token>`, shown in the decision
forms beside the value), the page view of a berkas (`/h/<token>`: every page of every document
with the fields' boxes drawn) and its page images (`/g/<token>`). Served from the data folder's
cache (berkas/store/pagecache.py), made again from the archive when it is gone.

A token signs the application and what to show (the crop's file, page and box), so the viewer
needs no database; they pass the same access check as documents (berkas/web/viewer.py)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Callable
from pathlib import Path

from starlette.responses import Response

from berkas.sop.model import SOP
from berkas.store.pagecache import SURE, Mark, item_reads, latest_verdict, merged_names
from extractors.check import CheckResult, FieldSource
from extractors.models import EMAIL_BODY_NAME

CROP, PAGES, PICTURE = b"berkas-viewer/potongan", b"berkas-viewer/halaman", \
    b"berkas-viewer/gambar"
Box = tuple[float, float, float, float]

_STYLE = ("body{font-family:sans-serif;margin:2em;color:#222}"
          "table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3em .6em;"
          "text-align:left}th{background:#eee}img{max-width:100%;width:900px;"
          "border:1px solid #999;display:block;margin-bottom:1.5em}.periksa{color:#b01e1e}")
BASE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
PAGES_CSP = (BASE_CSP + "; img-src 'self'; style-src 'sha256-"
             + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode() + "'")
# Decision forms show the crops from the Prefect UI, another origin: Chromium refuses them there
# even as `same-site` (measured in tests/test_ui.py). The signed link and the login still guard.
IMAGE_POLICY = "cross-origin"


def payload(*parts: object) -> str:
    """What a picture token signs after the registration: its parts as a JSON list (a file
    name may hold any character)."""
    return json.dumps([str(part) for part in parts], ensure_ascii=False)


def crop_payload(archive_path: str, source: FieldSource) -> str:
    return payload(archive_path, source.file, source.page,
                   ",".join(f"{v:.5f}" for v in source.box))


def picture_payload(archive_path: str, file: str, page: int) -> str:
    return payload(archive_path, file, page)


def parse(signed: str, parts: int) -> list[str] | None:
    try:
        found = json.loads(signed)
    except ValueError:
        return None
    if not isinstance(found, list) or len(found) != parts or \
            not all(isinstance(part, str) and part for part in found):
        return None
    return found


def parse_box(text: str) -> Box | None:
    try:
        x0, y0, x1, y1 = (float(v) for v in text.split(","))
    except ValueError:
        return None
    if not (0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1):
        return None
    return (x0, y0, x1, y1)


def certainty(source: FieldSource, review: bool) -> str:
    """The reading's certainty in the SOP's words."""
    return "perlu diperiksa" if review or source.confidence < SURE else "yakin"


def to_check(verdict: CheckResult) -> set[str]:
    """The fields with a review reason or that another document gives differently."""
    return {r.field for r in verdict.review_reasons} | set(verdict.conflict_sources)


def marks_on(verdict: CheckResult | None, file: str, page: int) -> list[Mark]:
    if verdict is None:
        return []
    review = to_check(verdict)
    labels = {f.key: f.short for f in SOP.person}
    marks = [Mark(labels.get(key, key), s.box, key in review or s.confidence < SURE)
             for key, s in verdict.field_sources.items() if (s.file, s.page) == (file, page)]
    marks += [Mark(f"{labels.get(key, key)} (dokumen lain)", s.box, True)
              for key, others in verdict.conflict_sources.items() for s in others
              if (s.file, s.page) == (file, page)]
    return marks


def page_view(registration: str, folder: Path, picture_link: Callable[[str, int], str]) -> bytes:
    """Every page of every document of the application, the fields' boxes drawn on each."""
    verdict = latest_verdict(folder)
    reads = item_reads(folder)
    rows = []
    if verdict is not None:
        review = to_check(verdict)
        for field in SOP.person:
            source = verdict.field_sources.get(field.key)
            if source is None:
                continue
            sure = certainty(source, field.key in review)
            marked = "" if sure == "yakin" else ' class="periksa"'
            rows.append(f"<tr><td>{html.escape(field.short)}</td>"
                        f"<td>{html.escape(str(verdict.fields.get(field.key) or '-'))}</td>"
                        f"<td>{html.escape(source.file)}, halaman {source.page}</td>"
                        f"<td{marked}>{sure}</td></tr>")
    sections = []
    for (_subdir, read), names in zip(reads, merged_names([r for _, r in reads]), strict=True):
        kinds = {f.file: f.kind for f in read.files}
        for page in read.pages:
            if page.file == EMAIL_BODY_NAME or kinds.get(page.file) not in ("pdf", "image", None):
                continue
            name = names.get(page.file, page.file)
            title = f"{html.escape(name)}, halaman {page.page}"
            link = html.escape(picture_link(name, page.page))
            sections.append(f"<h2>{title}</h2><img src=\"{link}\" alt=\"{title}\">")
    heading = f"Halaman berkas {html.escape(registration)}"
    table = ("<table><thead><tr><th>Isian</th><th>Nilai</th><th>Dibaca dari</th>"
             f"<th>Kepastian</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
             if rows else "")
    body = "".join(sections) or "<p>Belum ada halaman bergambar.</p>"
    return ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
            f"<title>{heading}</title><style>{_STYLE}</style></head><body><h1>{heading}</h1>"
            f"<p>Kotak biru: isian yang dibaca dengan yakin; kotak merah: perlu diperiksa.</p>"
            f"{table}{body}</body></html>\n").encode()


def png_response(data: bytes, headers: Callable[..., dict[str, str]]) -> Response:
    return Response(data, headers=headers("image/png", BASE_CSP + "; sandbox",
                                          {"Cross-Origin-Resource-Policy": IMAGE_POLICY}))
