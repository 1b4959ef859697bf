"""`check` end to end on generated berkas: digital PDFs through the reader, the whole verdict."""

from __future__ import annotations

import random
from datetime import date

import pytest

from extractors.check import check
from extractors.models import Blob, FileProblem, Method, PageText, ProblemCode, ReadResult
from extractors.options import ReadOptions
from extractors.reader import read_blobs
from tests.fixturegen import content, render

TOP = ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon")


def read_berkas(b: content.Berkas, merged: bool = False) -> ReadResult:
    docs = list(b.documents)
    if merged:
        random.Random(b.seed).shuffle(docs)
        blobs = [Blob(name="scan_berkas.pdf", data=render.to_pdf(docs, font=b.font))]
    else:
        blobs = [Blob(name=f"{i}_{d.filename}", data=render.to_pdf([d], font=b.font))
                 for i, d in enumerate(docs)]
    return read_blobs(blobs, ReadOptions(ocr_workers=1))


def verdict(b: content.Berkas, merged: bool = False) -> dict:
    return check(read_berkas(b, merged), b.received).model_dump(mode="json")


def codes(out: dict) -> set[str]:
    return {d["code"] for d in out["deficiencies"]}


def test_clean_digital_berkas_is_complete_without_review():
    b = content.make_berkas(3)
    out = verdict(b)
    assert out["complete"] is True
    assert out["needs_review"] is False
    assert out["review_reasons"] == []
    assert out["deficiencies"] == []
    assert out["fields"] == b.expected_fields
    assert sorted(d["type"] for d in out["documents"]) == sorted(d.doc_type for d in b.documents)
    # SPEC's keys; `conflict_sources` is for the decision forms (`berkas check` leaves it out)
    assert set(out) == {"complete", "needs_review", "review_reasons", "deficiencies",
                        "documents", "fields", "field_sources", "conflict_sources"}
    assert out["conflict_sources"] == {}  # nothing disagrees
    # Every field read has its place (SPEC, "Provenance of fields"): the file and page it is on,
    # its box inside the page, sure as a text layer is.
    assert set(out["field_sources"]) == set(TOP)
    for src in out["field_sources"].values():
        x0, y0, x1, y1 = src["box"]
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1 and src["confidence"] == 1.0
        assert src["file"].endswith(".pdf") and src["page"] >= 1
    sk = next(d for d in out["documents"] if d["type"] == "surat_penunjukan")
    want = b.get("surat_penunjukan").expected
    assert sk["fields"]["nomor"] == want["nomor"]
    assert sk["fields"]["tanggal"] == want["tanggal"]
    assert sk["fields"]["berlaku_sampai"] == want["berlaku_sampai"]
    assert sorted(a["nip"] for a in sk["fields"]["ditunjuk"]) == sorted(
        a["nip"] for a in want["appointees"])
    letter = next(d for d in out["documents"] if d["type"] == "surat_permohonan")
    want = b.get("surat_permohonan").expected
    assert {k: letter["fields"][k] for k in ("nomor", "tanggal", "tujuan")} == {
        k: want[k] for k in ("nomor", "tanggal", "tujuan")}
    assert letter["fields"]["penandatangan"] == b.head.nama


DEFECTS = [
    ({"missing": ("formulir",)}, {"missing:formulir"}),
    ({"missing": ("surat_penunjukan",)}, {"missing:surat_penunjukan"}),
    ({"missing": ("surat_permohonan",)}, {"missing:surat_permohonan"}),
    ({"omit_fields": ("email", "jabatan")}, {"missing_field:email", "missing_field:jabatan"}),
    ({"omit_fields": ("nip",)}, {"missing_field:nip"}),
    ({"wrong_nip": True}, {"invalid:nip"}),
    ({"bad_email": True}, {"invalid:email"}),
    ({"bad_telepon": True}, {"invalid:telepon"}),
    ({"sk_other_person": True}, {"mismatch:nama", "mismatch:nip"}),
    ({"sk_other_nip": True}, {"mismatch:nip"}),
    ({"expired": True}, {"expired:surat_penunjukan"}),
    ({"future": ("surat_permohonan",)}, {"future_date:surat_permohonan"}),
    ({"future": ("formulir", "surat_penunjukan")},
     {"future_date:formulir", "future_date:surat_penunjukan"}),
    ({"wrong_addressee": True}, {"invalid:tujuan_surat"}),
]


@pytest.mark.parametrize(("defects", "expected"), DEFECTS, ids=[str(e) for _, e in DEFECTS])
def test_each_defect_gives_exactly_its_deficiency(defects, expected):
    for seed in (11, 12):
        b = content.make_berkas(seed, **defects)
        assert b.expected_deficiencies == expected
        out = verdict(b)
        assert codes(out) == expected, (seed, out["deficiencies"])
        assert out["complete"] is False
        assert all(d["message"].endswith(".") and len(d["message"]) > 40
                   for d in out["deficiencies"])


def test_missing_form_gives_only_missing_formulir_and_null_fields():
    out = verdict(content.make_berkas(5, missing=("formulir",)))
    assert codes(out) == {"missing:formulir"}
    assert out["fields"] == dict.fromkeys(TOP)
    missing = out["deficiencies"][0]
    assert "file" not in missing
    assert "Formulir Permohonan Pembuatan Akun Admin Agency belum dilampirkan" in missing["message"]


def test_messages_name_the_file_and_what_to_send():
    b = content.make_berkas(8, bad_email=True, wrong_addressee=True)
    out = verdict(b)
    by_code = {d["code"]: d for d in out["deficiencies"]}
    email = by_code["invalid:email"]
    assert email["file"].endswith(b.get("formulir").filename)
    assert email["file"] in email["message"]
    assert b.get("formulir").fields["email"] in email["message"]
    assert "mohon kirim ulang formulir" in email["message"]
    tujuan = by_code["invalid:tujuan_surat"]
    assert b.get("surat_permohonan").fields["tujuan"] in tujuan["message"]
    assert "Kepala LPSE" in tujuan["message"]


@pytest.mark.parametrize("seed", [31, 32, 33])
def test_merged_scan_in_any_order_splits_into_its_documents(seed):
    b = content.make_berkas(seed, lainnya=("pakta_integritas",), appointees=2)
    out = verdict(b, merged=True)
    assert out["complete"] is True, out["deficiencies"]
    assert out["fields"] == b.expected_fields
    types = [d["type"] for d in out["documents"]]
    assert sorted(types) == sorted(d.doc_type for d in b.documents)
    pages = [p for d in out["documents"] for p in d["pages"]]
    assert sorted(pages) == list(range(1, len(pages) + 1))
    assert {d["file"] for d in out["documents"]} == {"scan_berkas.pdf"}


def test_file_named_formulir_holding_an_sk_is_typed_by_content():
    b = content.make_berkas(14, missing=("formulir",))
    sk = b.get("surat_penunjukan")
    blobs = [Blob(name="Formulir.pdf", data=render.to_pdf([sk], font=b.font)),
             Blob(name="surat.pdf", data=render.to_pdf([b.get("surat_permohonan")], font=b.font))]
    out = check(read_blobs(blobs, ReadOptions(ocr_workers=1)), b.received).model_dump(mode="json")
    assert [(d["file"], d["type"]) for d in out["documents"]] == [
        ("Formulir.pdf", "surat_penunjukan"), ("surat.pdf", "surat_permohonan")]
    assert codes(out) == {"missing:formulir"}


def test_extra_pages_are_lainnya_and_harm_nothing():
    b = content.make_berkas(15, lainnya=("pakta_integritas", "invoice", "ktp"))
    out = verdict(b)
    assert out["complete"] is True and out["needs_review"] is False
    assert sorted(d["type"] for d in out["documents"]).count("lainnya") == 3
    assert out["fields"] == b.expected_fields


def test_pppk_number_and_several_appointees():
    b = content.make_berkas(16, kind="pppk", appointees=3)
    out = verdict(b)
    assert out["complete"] is True, out["deficiencies"]
    assert out["fields"]["nip"] == b.person.nip
    sk = [d for d in out["documents"] if d["type"] == "surat_penunjukan"]
    assert sorted(a["nip"] for d in sk for a in d["fields"]["ditunjuk"]) == sorted(
        [b.person.nip] + [p.nip for p in b.others])
    assert b.head.nip not in {a["nip"] for d in sk for a in d["fields"]["ditunjuk"]}


def test_file_problems_become_deficiencies_with_their_file():
    b = content.make_berkas(17)
    result = read_berkas(b)
    result.problems += [
        FileProblem(file="rahasia.pdf", code=ProblemCode.ENCRYPTED, detail="needs a password"),
        FileProblem(file="rusak.pdf", code=ProblemCode.CORRUPT, detail="no header"),
        FileProblem(file="besar.tif", code=ProblemCode.TOO_LARGE, detail="pixels"),
    ]
    out = check(result, b.received).model_dump(mode="json")
    assert [(d["code"], d["file"]) for d in out["deficiencies"]] == [
        ("encrypted", "rahasia.pdf"), ("corrupt", "rusak.pdf"), ("too_large", "besar.tif")]
    assert "kata sandi" in out["deficiencies"][0]["message"]
    assert out["complete"] is False


def test_links_instead_of_attachments_are_link_only():
    body = ("Yth. Kepala LPSE Provinsi Kalimantan Timur\nDengan hormat,\nBerkas permohonan akun "
            "dapat diunduh pada tautan berikut: https://drive.google.com/file/d/abc/view\n"
            "Terima kasih.")
    result = ReadResult(pages=[PageText(file="(isi email)", page=1, method=Method.TEXT,
                                        text=body)],
                        links=["https://drive.google.com/file/d/abc/view"])
    out = check(result, date(2026, 10, 20)).model_dump(mode="json")
    assert codes(out) >= {"link_only", "missing:formulir", "missing:surat_penunjukan"}
    link = next(d for d in out["deficiencies"] if d["code"] == "link_only")
    assert "drive.google.com" in link["message"] and "lampirkan" in link["message"]


def test_garbled_scan_is_unreadable_with_its_file():
    b = content.make_berkas(18)
    result = read_berkas(b)
    result.pages.append(PageText(file="scan_sk.jpg", page=1, method=Method.OCR,
                                 text="~~ ,.; iI1l |!! ;:.. rn\\ ~~ '' ,,. :;, ii1 ;: .. ,",
                                 confidence=0.21))
    out = check(result, b.received).model_dump(mode="json")
    assert [(d["code"], d.get("file")) for d in out["deficiencies"]] == [
        ("unreadable", "scan_sk.jpg")]
    assert "200 dpi" in out["deficiencies"][0]["message"]
