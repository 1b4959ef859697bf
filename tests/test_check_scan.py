"""`check` on a scanned berkas: image-only PDFs read by OCR, the whole verdict."""

from __future__ import annotations

import pytest

from extractors.check import check
from extractors.models import Blob
from extractors.options import ReadOptions
from extractors.reader import read_blobs
from tests.fixturegen import content, render


@pytest.mark.slow
def test_scanned_berkas_with_a_wrong_addressee():
    b = content.make_berkas(41, wrong_addressee=True, appointees=1,
                            variants={"surat_penunjukan": "surat_tugas"})
    blobs = [Blob(name=f"scan_{d.doc_type}.pdf",
                  data=render.images_to_pdf(render.page_images(d, dpi=200, font=b.font), dpi=200))
             for d in b.documents]
    result = read_blobs(blobs, ReadOptions(ocr_workers=1))
    assert {p.method for p in result.pages} == {"ocr"}
    out = check(result, b.received).model_dump(mode="json")
    assert [(d["code"], d["file"]) for d in out["deficiencies"]] == [
        ("invalid:tujuan_surat", "scan_surat_permohonan.pdf")]
    assert out["fields"] == b.expected_fields
    assert [(d["file"], d["type"]) for d in out["documents"]] == [
        (f"scan_{d.doc_type}.pdf", d.doc_type) for d in b.documents]
    sk = out["documents"][1]["fields"]
    assert [a["nip"] for a in sk["ditunjuk"]] == [b.person.nip]
    assert sk["berlaku_sampai"] == b.get("surat_penunjukan").expected["berlaku_sampai"]
