"""Each value beside where it was read: a berkas through intake leaves the pictures of its pages
and of each field's crop in the data folder (never the archive); step 3's form shows the crops
by the viewer's links, both sides where documents disagree; the viewer serves them only to
signed links (and its login), and makes them again from the archive when the cache is gone."""

from __future__ import annotations

import base64
import io
import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytesseract
import pytest
from PIL import Image
from rapidfuzz import fuzz

from berkas.core.markdown import md_escape
from berkas.intake.pipeline import Intake
from berkas.intake.scanfolder import Stability
from berkas.procedure import records as proc
from berkas.procedure.context import Context
from berkas.procedure.decision_text import describe
from berkas.sop.model import SOP
from berkas.web.viewer import AUTH_ENV, Viewer
from tests.fixturegen import content, render
from tests.intake_env import intake_settings
from tests.smtp_server import free_port

CROP_URL = re.compile(r"!\[[^\]]*\]\((http://[^)]+/p/[^)]+)\)")


def scanned_files(b: content.Berkas) -> dict[str, bytes]:
    return {f"scan_{d.doc_type}.pdf": render.images_to_pdf(
        render.page_images(d, dpi=200, font=b.font), dpi=200) for d in b.documents}


def text_files(b: content.Berkas) -> dict[str, bytes]:
    return {f"{d.doc_type}.pdf": render.to_pdf([d], font=b.font) for d in b.documents}


class Filed:
    def __init__(self, root: Path) -> None:
        self.settings = intake_settings(root, viewer_port=free_port())
        self.ctx = Context(self.settings)
        self.intake = Intake(self.settings, self.ctx.sessions, self.ctx.archive,
                             on_change=lambda *_: None)

    def file(self, name: str, files: dict[str, bytes]) -> tuple[str, float]:
        folder = self.settings.inbox_dir / name
        folder.mkdir(parents=True)
        for file_name, data in files.items():
            (folder / file_name).write_bytes(data)
        started = time.monotonic()
        taken: list[str] = []
        for _ in range(50):
            outcomes, wait = self.intake.take_scans(Stability(0.0))
            taken += [o.registration for o in outcomes if o.registration]
            if wait is None and taken:
                break
            time.sleep(0.1)
        (registration,) = taken
        return registration, time.monotonic() - started

    def description(self, registration: str) -> str:
        from berkas.flows.presentation import field_pictures

        app = proc.snapshot(self.ctx, registration)
        return describe(ask="Periksa.", title="Langkah 3", registration=registration,
                        instansi=app.instansi, received=app.created_at, waiting_since=None,
                        standard=None, verdict=app.verdict, links=[], index_link=None,
                        pictures=field_pictures(self.ctx, app))


@pytest.fixture
def filed(tmp_path: Path, monkeypatch, no_local_configuration) -> Iterator[Filed]:
    monkeypatch.delenv(AUTH_ENV, raising=False)
    env = Filed(tmp_path)
    env.ctx.viewer.start()
    try:
        yield env
    finally:
        env.ctx.viewer.stop()
        env.intake.close()


def fetch(url: str, auth: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url)
    if auth is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def normal(text: str) -> str:
    return re.sub(r"[^0-9a-z@.]", "", text.lower())


def read_crop(png: bytes) -> str:
    with Image.open(io.BytesIO(png)) as image:
        bigger = image.resize((image.width * 2, image.height * 2), Image.Resampling.LANCZOS)
        return pytesseract.image_to_string(bigger, lang="ind", config="--psm 6")


def crops_by_field(description: str) -> dict[str, list[str]]:
    """The crop links under each field's heading of the description."""
    found: dict[str, list[str]] = {}
    shorts = {f.short: f.key for f in SOP.person}
    current = None
    for line in description.splitlines():
        if line.startswith("#### "):
            label = line[5:].removeprefix("⚠ ").split(":")[0]
            current = shorts.get(label)
        elif current:
            found.setdefault(current, []).extend(CROP_URL.findall(line))
    return found


@pytest.mark.slow
def test_a_scanned_berkas_leaves_crops_that_read_as_its_values(filed: Filed, monkeypatch
                                                               ) -> None:
    from extractors import ocr

    b = content.make_berkas(52)
    registration, _ = filed.file("dinas-pindai", scanned_files(b))
    ocr_calls: list[str] = []
    real_recognise = ocr.recognise_page
    monkeypatch.setattr(ocr, "recognise_page", lambda job, *a, **k: (
        ocr_calls.append(job.file), real_recognise(job, *a, **k))[1])
    app = proc.snapshot(filed.ctx, registration)
    assert app.verdict is not None and app.verdict.fields == b.expected_fields
    cache = filed.settings.data_dir / "cache" / "halaman" / registration
    assert len(list(cache.glob("halaman-*.jpg"))) == len(b.documents)
    assert len(list(cache.glob("potongan-*.png"))) == len(app.verdict.field_sources) == 7
    archived = [p.name for p in (filed.settings.archive_dir).rglob("*") if p.is_file()]
    assert not [n for n in archived if n.endswith(".png") or n.startswith("potongan")]

    description = filed.description(registration)
    assert "data:" not in description
    crops = crops_by_field(description)
    assert set(crops) == set(b.expected_fields)
    for key, value in b.expected_fields.items():
        (url,) = crops[key]
        status, png = fetch(url)
        assert status == 200 and png.startswith(b"\x89PNG")
        seen = normal(read_crop(png))
        assert fuzz.partial_ratio(normal(str(value)), seen) >= 90, (key, value, seen)
    assert ocr_calls == []  # the form and its crops: made during intake, nothing read again
    assert f"{md_escape('scan_formulir.pdf')}, halaman 1" in description
    assert re.search(r"\*\*(yakin|perlu diperiksa)\*\*", description)

    # the page view: every page, with its picture, boxes drawn
    pages = re.search(r"\((http://[^)]+/h/[^)]+)\)", description)
    assert pages is not None
    status, html = fetch(pages.group(1))
    assert status == 200 and html.count(b"<img ") == len(b.documents)
    first = re.search(rb'src="\.\./g/([^"]+)"', html)
    assert first is not None
    status, picture = fetch(f"{filed.ctx.viewer.base_url}/g/{first.group(1).decode()}")
    assert status == 200 and picture.startswith(b"\x89PNG")

    # a wiped cache is made again from the archived originals and their text, without OCR:
    # the same pictures, so the boxes still fit
    before = {p.name: p.read_bytes() for p in cache.glob("halaman-*.jpg")}
    shutil.rmtree(cache)
    status, again = fetch(crops["nip"][0])
    assert status == 200 and normal(str(b.expected_fields["nip"])) in normal(read_crop(again))
    assert {p.name: p.read_bytes() for p in cache.glob("halaman-*.jpg")} == before
    assert ocr_calls == []


def test_documents_that_disagree_show_both_crops_side_by_side(filed: Filed) -> None:
    b = content.make_berkas(53, sk_other_nip=True)
    registration, _ = filed.file("dinas-beda", text_files(b))
    app = proc.snapshot(filed.ctx, registration)
    assert app.verdict is not None
    assert "mismatch:nip" in {d.code for d in app.verdict.deficiencies}
    description = filed.description(registration)
    nip = crops_by_field(description)["nip"]
    assert len(nip) == 2
    heading = next(line for line in description.splitlines() if line.startswith("#### ⚠ NIP"))
    assert description.index(heading) < description.index("#### Nama") or \
        description.index("#### ⚠ Nama") < description.index(heading)
    row = next(line for line in description.splitlines() if line.count("/p/") == 2)
    assert row.startswith("| ![") and "data:" not in description
    for url in nip:
        status, png = fetch(url)
        assert status == 200 and png.startswith(b"\x89PNG")
    form_side, sk_side = (normal(read_crop(fetch(url)[1])) for url in nip)
    assert normal(str(b.expected_fields["nip"])) in form_side
    assert normal(str(b.expected_fields["nip"])) not in sk_side


def test_a_crop_needs_a_genuine_link_and_the_login(filed: Filed, monkeypatch) -> None:
    b = content.make_berkas(54)
    registration, _ = filed.file("dinas-kunci", text_files(b))
    url = crops_by_field(filed.description(registration))["nama"][0]
    assert fetch(url)[0] == 200
    token = url.rsplit("/", 1)[1]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert fetch(url.replace(token, forged))[0] == 404
    assert fetch(url.replace("/p/", "/d/"))[0] == 404  # a crop's token opens nothing else
    monkeypatch.setenv(AUTH_ENV, "admin:rahasia-ui")
    guarded = Viewer(filed.settings, filed.settings.archive_dir, filed.ctx.viewer._signer._key,
                     port=0)
    guarded.start()
    try:
        same = url.replace(filed.ctx.viewer.base_url, guarded.base_url)
        assert fetch(same)[0] == 401
        assert fetch(same, "admin:salah")[0] == 401
        assert fetch(same, "admin:rahasia-ui")[0] == 200
    finally:
        guarded.stop()


def test_no_form_description_embeds_an_image(filed: Filed) -> None:
    """Prefect keeps descriptions in its database: pictures are links to the viewer. Step 2's
    pre-filled addressee shows the crop of the field it is made of."""
    from berkas.flows.presentation import form_with_description

    b = content.make_berkas(55, sk_other_nip=True)
    registration, _ = filed.file("dinas-semua", text_files(b))
    descriptions = {key: form_with_description(filed.ctx, key, registration, [])._description
                    for key in SOP.decisions}
    assert all(descriptions.values())
    for key, text in descriptions.items():
        assert "data:" not in text and "<img" not in text, key
    step2 = descriptions["2"]
    assert "Asal isian tujuan surat" in step2
    (url,) = CROP_URL.findall(step2)
    status, png = fetch(url)
    assert status == 200
    assert fuzz.partial_ratio(normal(b.expected_fields["satuan_kerja"]),
                              normal(read_crop(png))) >= 90


def test_berkas_check_prints_spec_keys_while_the_verdict_keeps_the_other_side(
        tmp_path: Path, capsys, no_local_configuration) -> None:
    import json

    from berkas.cli import main

    b = content.make_berkas(56, sk_other_nip=True)
    for name, data in text_files(b).items():
        (tmp_path / name).write_bytes(data)
    assert main(["check", str(tmp_path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "mismatch:nip" in {d["code"] for d in out["deficiencies"]}
    assert set(out) == {"complete", "needs_review", "review_reasons", "deficiencies",
                        "documents", "fields", "field_sources"}
    from extractors.check import check
    from extractors.models import Blob
    from extractors.reader import read_blobs

    read = read_blobs([Blob(name=n, data=d) for n, d in text_files(b).items()])
    (other,) = check(read, b.received).conflict_sources["nip"]
    assert other.file == "surat_penunjukan.pdf"


@pytest.mark.slow
def test_a_phone_photos_crops_are_cut_upright_from_the_cleaned_page(tmp_path: Path) -> None:
    """A form photographed at an angle: the crops come from the page as flattened for OCR."""
    from berkas.store.pagecache import PageCache
    from extractors.check import check
    from extractors.models import Blob
    from extractors.pageimage import VIEW_WIDTH
    from extractors.reader import pictures_again, read_blobs
    from tests.fixturegen import degrade

    b = content.make_berkas(52)
    form = next(d for d in b.documents if d.doc_type == "formulir")
    photo = degrade.photo(render.to_image(form, dpi=300, font=b.font), rng=3)
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=85)
    read = read_blobs([Blob(name="foto.jpg", data=buffer.getvalue())], page_images=VIEW_WIDTH)
    assert "perspective" in read.pages[0].cleanup
    verdict = check(read, b.received)
    assert pictures_again([Blob(name="foto.jpg", data=buffer.getvalue())], read.pages,
                          VIEW_WIDTH) == {("foto.jpg", 1): read.pages[0].image}
    cache = PageCache(tmp_path)
    assert cache.save("REG-2026-00009", read, {}, verdict) == 1 + 7
    for key, source in verdict.field_sources.items():
        crop = cache.crop("REG-2026-00009", source.file, source.page, source.box)
        assert crop is not None
        seen = normal(read_crop(crop))
        assert fuzz.partial_ratio(normal(str(b.expected_fields[key])), seen) >= 90, (key, seen)


def test_an_emails_pictures_are_made_again_from_the_archived_message() -> None:
    """An email's attachments come out of the archived `.eml` again under the names read."""
    from extractors.models import Blob
    from extractors.pageimage import VIEW_WIDTH
    from extractors.reader import pictures_again, read_blobs
    from tests.fixturegen.emails import berkas_email

    mail = berkas_email(content.make_berkas(58), style="pdf_each")
    blob = Blob(name="pesan.eml", data=mail.eml, content_type="message/rfc822")
    read = read_blobs([blob], page_images=VIEW_WIDTH)
    kept = {(p.file, p.page): p.image for p in read.pages if p.image}
    assert len(kept) >= 3
    assert pictures_again([blob], read.pages, VIEW_WIDTH) == kept


def test_a_crop_token_carries_any_file_name() -> None:
    from berkas.web import pictures
    from extractors.check import FieldSource

    source = FieldSource(file='lampiran\n"SK".pdf', page=2, box=(0.1, 0.2, 0.3, 0.4),
                         confidence=0.9)
    signed = pictures.crop_payload("2026/REG-2026-00001", source)
    assert pictures.parse(signed, 4) == ["2026/REG-2026-00001", 'lampiran\n"SK".pdf', "2",
                                         "0.10000,0.20000,0.30000,0.40000"]
    assert pictures.parse(signed, 3) is None and pictures.parse("2026\nx", 1) is None
