"""The document viewer over real HTTP: byte-identical files behind unforgeable links, nothing
outside the archive, the Prefect login when one is set, and the protective headers."""

from __future__ import annotations

import base64
import io
import os
import re
import stat
import urllib.error
import urllib.request
from datetime import datetime

import pytest
from fpdf import FPDF
from PIL import Image

from berkas.core.clock import ZONE
from berkas.core.settings import Settings
from berkas.store.archive import Archive
from berkas.web.viewer import AUTH_ENV, Signer, Viewer, load_or_create_key

REG = "REG-2024-00007"
FOLDER = f"2024/{REG}"


def pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text="Formulir Permohonan Pembuatan Akun Admin Agency")
    return bytes(pdf.output())


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_berkas_environment(no_local_configuration):
    """Settings from this machine's environment or berkas.toml must not change the results."""


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "archive"
    folder = Archive(root, lambda: datetime(2024, 5, 6, 9, 0, tzinfo=ZONE)).application(FOLDER)
    folder.write("Formulir Akun.pdf", pdf_bytes(), role="lampiran", source="surel", item="1")
    folder.write("KTP & foto.png", png_bytes(), role="lampiran", source="surel", item="2")
    folder.write("halaman.html", b"<script>alert(1)</script>", role="lampiran", source="surel",
                 item="3")
    folder.write("permohonan.eml", b"Subject: x\r\n\r\nisi\r\n", role="surel", source="surel",
                 item="4", subdir="01-surel")
    (tmp_path / "rahasia.txt").write_text("di luar arsip")
    os.symlink(tmp_path / "rahasia.txt", root / FOLDER / "tautan.txt")
    return root


@pytest.fixture
def key(tmp_path):
    return load_or_create_key(tmp_path / "data")


@pytest.fixture
def make_viewer(archive, key, monkeypatch):
    monkeypatch.delenv(AUTH_ENV, raising=False)
    started: list[Viewer] = []

    def make(**settings) -> Viewer:
        viewer = Viewer(Settings(bind_host="127.0.0.1", **settings), archive, key, port=0)
        viewer.start()
        started.append(viewer)
        return viewer

    yield make
    for viewer in started:
        viewer.stop()


def fetch(url: str, auth: str | None = None, method: str = "GET"):
    request = urllib.request.Request(url, method=method)
    if auth is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_pdf_is_served_byte_identical_inline_with_protective_headers(make_viewer, archive):
    viewer = make_viewer()
    status, headers, body = fetch(viewer.link_for(REG, f"{FOLDER}/Formulir Akun.pdf"))
    assert status == 200
    assert body == (archive / FOLDER / "Formulir Akun.pdf").read_bytes()
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith('inline; filename="Formulir Akun.pdf"')
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "sandbox" not in headers["Content-Security-Policy"]  # browsers would not show it


def test_images_inline_everything_else_downloads_and_html_never_runs(make_viewer):
    viewer = make_viewer()
    status, headers, _ = fetch(viewer.link_for(REG, f"{FOLDER}/KTP & foto.png"))
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert headers["Content-Disposition"].startswith("inline;")
    assert "filename*=UTF-8''KTP%20%26%20foto.png" in headers["Content-Disposition"]

    status, headers, body = fetch(viewer.link_for(REG, f"{FOLDER}/halaman.html"))
    assert (status, body) == (200, b"<script>alert(1)</script>")
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"].startswith('attachment; filename="halaman.html"')
    assert "sandbox" in headers["Content-Security-Policy"]

    status, headers, _ = fetch(viewer.link_for(REG, f"{FOLDER}/01-surel/permohonan.eml"))
    assert (status, headers["Content-Type"]) == (200, "message/rfc822")
    assert headers["Content-Disposition"].startswith("attachment;")


def test_forged_or_modified_tokens_are_not_found(make_viewer, tmp_path):
    viewer = make_viewer()
    link = viewer.link_for(REG, f"{FOLDER}/Formulir Akun.pdf")
    payload, mac = link.rsplit("/", 1)[1].split(".")
    flipped = mac[:-2] + ("A" if mac[-2] != "A" else "B") + mac[-1]
    other_key = Signer(b"k" * 32).sign(b"berkas-viewer/dokumen", REG, f"{FOLDER}/halaman.html")
    # An index token is no document token, even for the same pair.
    index_as_document = viewer.index_token(REG, FOLDER)
    for token in (f"{payload}.{flipped}", f"{payload}x.{mac}", other_key, payload,
                  index_as_document, "", "..%2F..%2Fetc%2Fpasswd"):
        status, headers, body = fetch(f"{viewer.base_url}/d/{token}")
        assert status == 404, token
        assert "%PDF" not in body.decode(errors="replace")
        assert headers["X-Content-Type-Options"] == "nosniff"
    assert fetch(f"{viewer.base_url}/{FOLDER}/Formulir%20Akun.pdf")[0] == 404
    assert fetch(f"{viewer.base_url}/")[0] == 404  # no listing


def test_paths_outside_the_archive_are_refused_even_when_signed(make_viewer, key, tmp_path):
    viewer = make_viewer()
    signer = Signer(key)  # what an attacker could only do with the key itself
    for path in (f"{FOLDER}/../../../rahasia.txt", str(tmp_path / "rahasia.txt"),
                 "/etc/passwd", f"{FOLDER}/tautan.txt", FOLDER):
        token = signer.sign(b"berkas-viewer/dokumen", REG, path)
        status, _, body = fetch(f"{viewer.base_url}/d/{token}")
        assert status == 404 and b"di luar arsip" not in body, path
    for path in (f"{FOLDER}/../../rahasia.txt", "/etc/passwd", f"{FOLDER}/.sementara-x",
                 "../../rahasia.txt", "01-surel/../../x", "a\\..\\x", ""):
        with pytest.raises(ValueError):
            viewer.link_for(REG, path)


def test_a_manifest_path_links_the_same_file_as_an_archive_path(make_viewer, archive):
    viewer = make_viewer()
    by_manifest = viewer.link_for(REG, "01-surel/permohonan.eml")
    assert by_manifest == viewer.link_for(REG, f"{FOLDER}/01-surel/permohonan.eml")
    assert by_manifest == viewer.link_for(REG, "01-surel/permohonan.eml", archive_path=FOLDER)
    assert fetch(by_manifest)[2] == (archive / FOLDER / "01-surel/permohonan.eml").read_bytes()


def test_the_index_lists_one_berkas_with_working_escaped_links(make_viewer, archive):
    viewer = make_viewer()
    status, headers, body = fetch(viewer.index_link(REG, FOLDER))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    page = body.decode()
    assert f"Dokumen berkas {REG}" in page
    assert "KTP &amp; foto.png" in page and "01-surel/permohonan.eml" in page
    assert "manifest.jsonl" not in page and "tautan.txt" not in page
    assert "script-src" not in headers["Content-Security-Policy"]
    links = re.findall(r'href="\.\./d/([^"]+)"', page)
    assert len(links) == 4
    served = [fetch(f"{viewer.base_url}/d/{token}")[2] for token in links]
    assert (archive / FOLDER / "Formulir Akun.pdf").read_bytes() in served


def test_the_prefect_login_is_required_when_it_is_set(archive, key, monkeypatch):
    monkeypatch.setenv(AUTH_ENV, "admin:rahasia-ui")
    viewer = Viewer(Settings(bind_host="127.0.0.1"), archive, key, port=0)
    viewer.start()
    try:
        link = viewer.link_for(REG, f"{FOLDER}/Formulir Akun.pdf")
        for auth in (None, "admin:salah", "admin:rahasia-ui2", "admin"):
            status, headers, body = fetch(link, auth)
            assert status == 401 and b"%PDF" not in body
            assert headers["WWW-Authenticate"].startswith('Basic realm="Dokumen berkas LPSE"')
        status, _, body = fetch(link, "admin:rahasia-ui")
        assert status == 200 and body.startswith(b"%PDF")
        assert fetch(viewer.index_link(REG, FOLDER), "admin:rahasia-ui")[0] == 200
        assert fetch(link, "admin:rahasia-ui", method="HEAD")[0] == 200
    finally:
        viewer.stop()


def test_links_use_the_public_url_when_one_is_set(archive, key):
    viewer = Viewer(Settings(public_url="https://lpse.example.go.id/penampil/"), archive, key)
    assert viewer.link_for(REG, f"{FOLDER}/Formulir Akun.pdf").startswith(
        "https://lpse.example.go.id/penampil/d/")
    local = Viewer(Settings(bind_host="127.0.0.1", viewer_port=4280), archive, key)
    assert local.index_link(REG, FOLDER).startswith("http://127.0.0.1:4280/a/")


def test_the_key_is_made_once_private_and_kept(tmp_path):
    data = tmp_path / "data"
    first = load_or_create_key(data)
    path = data / "viewer.key"
    assert len(first) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(data) == first
    path.chmod(0o644)
    assert load_or_create_key(data) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(tmp_path / "other") != first
    viewer = Viewer.from_settings(Settings(data_dir=data, archive_dir=tmp_path / "arsip"))
    # `berkas run`'s viewer answers under /dokumen of the staff UI, behind its login
    link = viewer.index_link(REG, FOLDER)
    assert link.startswith("http://127.0.0.1:4200/dokumen/a/")
    assert link.rpartition("/a/")[2] == Viewer(
        Settings(), tmp_path / "arsip", first).index_link(REG, FOLDER).rpartition("/a/")[2]


def test_a_new_key_revokes_old_links(make_viewer, archive, tmp_path):
    viewer = make_viewer()
    link = viewer.link_for(REG, f"{FOLDER}/Formulir Akun.pdf")
    renewed = Viewer(Settings(bind_host="127.0.0.1"), archive, load_or_create_key(tmp_path / "n"),
                     port=0)
    renewed.start()
    try:
        assert fetch(link.replace(viewer.base_url, renewed.base_url))[0] == 404
    finally:
        renewed.stop()

