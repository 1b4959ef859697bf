"""`check` on hand-written page texts in wordings and layouts the generator does not make: OCR
flattening, labels without colons, values on the next line, decoys, OCR slips, email bodies."""

from __future__ import annotations

from datetime import date

from extractors.check import check
from extractors.models import EmailInfo, Method, PageText, ReadResult

RECEIVED = date(2026, 10, 20)

FORM_OCR = """PEMERINTAH KOTA SAMARINDA
DINAS KOMUNIKASI DAN INFORMATIKA
Jl. Dahlia No. 81 Telp (0541) 741 016  Pos-el: diskominfo@samarindakota.go.id
FORM PERMOHONAN USER ID ADMIN AGENCY
1. Nama Lengkap dan Gelar
SITI  RAHMAWATI, S.Kom
2. NIP / NI PPPK   19860926 201505 2 001   NIK 6472056609860003
3. Pangkat, Golongan/Ruang  Penata (III/c)
4. Jabatan   Pranata Komputer Ahli Muda
5. Nama Instansi   Pemerintah Kota Samarinda
6. Unit Kerja   Dinas Komunikasi dan Informatika Kota Samarinda
7. Alamat E-mail   Siti.Rahmawati@Samarindakota.go.id
8. No. HP/WA   +62 812-3456-7890
Samarinda, 14-10-2026
Mengetahui,                      Pemohon,
Kepala Dinas Komunikasi dan Informatika,
Dr. H. Budi Santoso, M.T.        Siti Rahmawati, S.Kom.
NIP. 196805121995031002          NIP. 19860926 201505 2 001
"""

SK_WITH_LAMPIRAN = """PEMERINTAH KOTA SAMARINDA
KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA SAMARINDA
NOMOR : 800/245/Diskominfo/2026
TENTANG
PENUNJUKAN ADMIN AGENCY SPSE
Menimbang : a. bahwa untuk kelancaran pengadaan secara elektronik perlu menunjuk Admin Agency;
Mengingat : 1. Peraturan Presiden Nomor 12 Tahun 2021;
MEMUTUSKAN :
Menetapkan :
KESATU : Menunjuk nama-nama sebagaimana tercantum dalam Lampiran Keputusan ini sebagai
Admin Agency.
KEDUA : Keputusan ini berlaku selama 1 (satu) tahun terhitung sejak tanggal ditetapkan.
Ditetapkan di Samarinda
pada tanggal 2 Februari 2026
KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,
ttd
Dr. H. BUDI SANTOSO, M.T.
NIP. 19680512 199503 1 002
"""

SK_LAMPIRAN_PAGE = """LAMPIRAN KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA
NOMOR 800/245/Diskominfo/2026
| No | Nama | NIP | Jabatan |
| 1 | Andi Pratama, S.T. | 199001012015031004 | Analis Sistem Informasi |
| 2 | Dr. Siti Rahmawati, S.Kom., M.T. | 19860926 201505 2 001 | Pranata Komputer |
KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,
Dr. H. BUDI SANTOSO, M.T.
NIP. 196805121995031002
"""

LETTER_TWO_COLUMNS = """PEMERINTAH KOTA SAMARINDA
DINAS KOMUNIKASI DAN INFORMATIKA
Nomor   : 027/1187/Diskominfo/X/2026          Samarinda, 15 Oktober 2026
Sifat   : Penting
Lampiran: 3 (tiga) berkas
Perihal : Permohonan Akun Admin Agency
Kepada Yth.
Kepala Biro Pengadaan Barang/Jasa
Setda Provinsi Kalimantan Timur
di -
Samarinda
Dengan hormat,
Bersama ini kami mengajukan permohonan pembuatan akun Admin Agency atas nama Siti Rahmawati.
Demikian, atas perhatian Bapak kami ucapkan terima kasih.
Kepala Dinas Komunikasi dan Informatika,
Dr. H. Budi Santoso, M.T.
Pembina Utama Muda (IV/c)
NIP. 196805121995031002
Tembusan:
1. Wali Kota Samarinda;
"""


def page(file: str, text: str, n: int = 1, method: Method = Method.TEXT,
         confidence: float | None = None) -> PageText:
    return PageText(file=file, page=n, method=method, text=text, confidence=confidence)


def berkas(*pages: PageText, **kw) -> dict:
    return check(ReadResult(pages=list(pages), **kw), RECEIVED).model_dump(mode="json")


def test_ocr_flattened_variants_read_exactly_and_complete():
    out = berkas(page("form.pdf", FORM_OCR), page("sk.pdf", SK_WITH_LAMPIRAN, 1),
                 page("sk.pdf", SK_LAMPIRAN_PAGE, 2), page("surat.pdf", LETTER_TWO_COLUMNS))
    assert out["fields"] == {
        "nama": "SITI RAHMAWATI, S.Kom", "nip": "198609262015052001",
        "jabatan": "Pranata Komputer Ahli Muda", "instansi": "Pemerintah Kota Samarinda",
        "satuan_kerja": "Dinas Komunikasi dan Informatika Kota Samarinda",
        "email": "siti.rahmawati@samarindakota.go.id", "telepon": "081234567890"}
    assert out["deficiencies"] == [] and out["complete"] is True
    assert out["needs_review"] is False, out["review_reasons"]
    docs = [(d["file"], d["pages"], d["type"]) for d in out["documents"]]
    assert docs == [("form.pdf", [1], "formulir"), ("sk.pdf", [1, 2], "surat_penunjukan"),
                    ("surat.pdf", [1], "surat_permohonan")]
    sk = out["documents"][1]["fields"]
    assert sk["nomor"] == "800/245/Diskominfo/2026"
    assert sk["tanggal"] == "2026-02-02"
    assert sk["berlaku_sampai"] == "2027-02-01"
    assert [a["nip"] for a in sk["ditunjuk"]] == ["199001012015031004", "198609262015052001"]
    letter = out["documents"][2]["fields"]
    assert letter["nomor"] == "027/1187/Diskominfo/X/2026"
    assert letter["tanggal"] == "2026-10-15"
    assert letter["tujuan"] == ("Kepala Biro Pengadaan Barang/Jasa Setda Provinsi Kalimantan "
                                "Timur")
    assert letter["penandatangan"] == "Dr. H. Budi Santoso, M.T."
    assert out["documents"][0]["fields"]["tanggal"] == "2026-10-14"


def test_expired_validity_counted_from_a_duration():
    late = date(2027, 3, 1)
    out = check(ReadResult(pages=[page("form.pdf", FORM_OCR), page("sk.pdf", SK_WITH_LAMPIRAN),
                                  page("sk.pdf", SK_LAMPIRAN_PAGE, 2),
                                  page("surat.pdf", LETTER_TWO_COLUMNS)]), late)
    assert [d.code for d in out.deficiencies] == ["expired:surat_penunjukan"]
    assert "1 Februari 2027" in out.deficiencies[0].message


def test_person_not_in_sk_is_a_mismatch_even_next_to_the_signers_nip():
    form = FORM_OCR.replace("SITI  RAHMAWATI, S.Kom", "Budi Santoso").replace(
        "19860926 201505 2 001   NIK", "196805121995031002   NIK")
    out = berkas(page("form.pdf", form), page("sk.pdf", SK_WITH_LAMPIRAN),
                 page("sk.pdf", SK_LAMPIRAN_PAGE, 2), page("surat.pdf", LETTER_TWO_COLUMNS))
    assert {d["code"] for d in out["deficiencies"]} == {"mismatch:nama", "mismatch:nip"}
    msg = next(d for d in out["deficiencies"] if d["code"] == "mismatch:nip")["message"]
    assert "199001012015031004" in msg and "sk.pdf" in msg


def test_ocr_slips_in_nip_and_email_are_repaired_and_marked_for_review():
    form = FORM_OCR.replace("19860926 201505 2 001   NIK", "l9860926 2O15O5 2 OOl   NIK").replace(
        "Siti.Rahmawati@Samarindakota.go.id", "siti.rahmawati@gmai1.com")
    out = berkas(page("form.pdf", form, method=Method.OCR, confidence=0.91),
                 page("sk.pdf", SK_WITH_LAMPIRAN), page("sk.pdf", SK_LAMPIRAN_PAGE, 2),
                 page("surat.pdf", LETTER_TWO_COLUMNS))
    assert out["fields"]["nip"] == "198609262015052001"
    assert out["fields"]["email"] == "siti.rahmawati@gmail.com"
    assert out["deficiencies"] == []
    assert out["needs_review"] is True
    assert {r["field"] for r in out["review_reasons"]} == {"nip", "email"}


def test_low_ocr_confidence_points_review_at_the_fields_of_that_page():
    out = berkas(page("form.jpg", FORM_OCR, method=Method.OCR, confidence=0.68),
                 page("sk.pdf", SK_WITH_LAMPIRAN), page("sk.pdf", SK_LAMPIRAN_PAGE, 2),
                 page("surat.pdf", LETTER_TWO_COLUMNS))
    assert out["deficiencies"] == []
    assert out["needs_review"] is True
    assert {"nama", "nip", "email", "telepon"} <= {r["field"] for r in out["review_reasons"]}
    assert "68%" in out["review_reasons"][0]["reason"]


def test_email_body_is_a_covering_note_not_the_cover_letter():
    body = ("Yth. Kepala LPSE Provinsi Kalimantan Timur\n\nDengan hormat,\nBersama email ini kami "
            "mengajukan permohonan pembuatan akun Admin Agency untuk Sdri. Siti Rahmawati. "
            "Formulir dan SK penunjukan kami lampirkan.\nDemikian, atas perhatiannya kami ucapkan "
            "terima kasih.\n\nHormat kami,\nBudi Santoso\nKepala Dinas Kominfo Kota Samarinda")
    out = berkas(page("(isi email)", body), page("form.pdf", FORM_OCR),
                 page("sk.pdf", SK_WITH_LAMPIRAN), page("sk.pdf", SK_LAMPIRAN_PAGE, 2),
                 email=EmailInfo(subject="Permohonan akun", date="2026-10-19T09:12:00+08:00"))
    assert [d["code"] for d in out["deficiencies"]] == ["missing:surat_permohonan"]
    body_doc = out["documents"][0]
    assert (body_doc["file"], body_doc["type"]) == ("(isi email)", "lainnya")


def test_letter_to_another_office_and_dated_later():
    wrong = LETTER_TWO_COLUMNS.replace("Kepala Biro Pengadaan Barang/Jasa",
                                       "Kepala Dinas Kesehatan").replace(
        "15 Oktober 2026", "30 Oktober 2026")
    out = berkas(page("form.pdf", FORM_OCR), page("sk.pdf", SK_WITH_LAMPIRAN),
                 page("sk.pdf", SK_LAMPIRAN_PAGE, 2), page("surat.pdf", wrong))
    assert [d["code"] for d in out["deficiencies"]] == ["future_date:surat_permohonan",
                                                         "invalid:tujuan_surat"]
    assert all(d["file"] == "surat.pdf" for d in out["deficiencies"])
    assert "30 Oktober 2026" in out["deficiencies"][0]["message"]


def test_surat_tugas_with_issuer_block_first_takes_the_appointee_not_the_head():
    tugas = """SURAT TUGAS
Nomor : 094/77/BPKAD/2026
Yang bertanda tangan di bawah ini
Nama : Dr. H. Budi Santoso, M.T.
NIP : 196805121995031002
Jabatan : Kepala Badan
MENUGASKAN
Kepada
Nama
SITI RAHMAWATI
NIP
19860926  201505  2  001
Untuk : bertugas sebagai Admin Agency LPSE. Surat tugas ini berlaku s.d. 31-12-2026.
Samarinda, 1 Oktober 2026
Kepala Badan,
Dr. H. Budi Santoso, M.T.
NIP. 196805121995031002
"""
    out = berkas(page("form.pdf", FORM_OCR), page("tugas.pdf", tugas),
                 page("surat.pdf", LETTER_TWO_COLUMNS))
    assert out["deficiencies"] == [], out["deficiencies"]
    sk = out["documents"][1]["fields"]
    assert [(a["nama"], a["nip"]) for a in sk["ditunjuk"]] == [
        ("SITI RAHMAWATI", "198609262015052001")]
    assert sk["berlaku_sampai"] == "2026-12-31"
    assert sk["tanggal"] == "2026-10-01"


def test_empty_and_placeholder_fields_are_missing_not_taken_from_the_signature():
    form = (FORM_OCR.replace("19860926 201505 2 001   NIK 6472056609860003", "-")
            .replace("+62 812-3456-7890", "...................."))
    out = berkas(page("form.pdf", form), page("sk.pdf", SK_WITH_LAMPIRAN),
                 page("sk.pdf", SK_LAMPIRAN_PAGE, 2), page("surat.pdf", LETTER_TWO_COLUMNS))
    assert [d["code"] for d in out["deficiencies"]] == ["missing_field:nip",
                                                         "missing_field:telepon"]
    assert out["fields"]["nip"] is None and out["fields"]["telepon"] is None


FORM_COLUMNS_READ_APART = """PEMERINTAH KOTA BALIKPAPAN
FORMULIR PENDAFTARAN USER ID ADMIN AGENCY SPSE
Yang bertanda tangan di bawah ini:
1
2
3

4. Pangkat/Golongan
5
sd
. Nama Lengkap
. NIP
. Jabatan
. Instansi
. Unit Kerja
. Alamat Email
. No. Telepon/HP
Do
: Sri Margaretha Daeng
: 19720216 200105 2 084
: Pranata Komputer Ahli Pertama
: Penata Muda (III/a)
: Pemerintah Kota Balikpapan
: Dinas Pekerjaan Umum dan Penataan Ruang Kota

Balikpapan
: sri.margaretha@balikpapan.go.id
: 085201727016

Dengan ini mengajukan permohonan pembuatan akun Admin Agency pada Sistem
Pengadaan Secara Elektronik (SPSE) LPSE Provinsi Kalimantan Timur.
Balikpapan, 15 Oktober 2026
Pemohon,
Sri Margaretha Daeng
"""


def test_form_whose_label_and_value_columns_were_read_apart_is_paired_and_reviewed():
    out = berkas(page("form.jpg", FORM_COLUMNS_READ_APART, method=Method.OCR, confidence=0.94))
    assert out["fields"] == {
        "nama": "Sri Margaretha Daeng", "nip": "197202162001052084",
        "jabatan": "Pranata Komputer Ahli Pertama", "instansi": "Pemerintah Kota Balikpapan",
        "satuan_kerja": "Dinas Pekerjaan Umum dan Penataan Ruang Kota Balikpapan",
        "email": "sri.margaretha@balikpapan.go.id", "telepon": "085201727016"}
    assert [d["code"] for d in out["deficiencies"]] == ["missing:surat_penunjukan",
                                                         "missing:surat_permohonan"]
    assert out["needs_review"] is True
    assert {"nama", "nip", "email", "telepon"} <= {r["field"] for r in out["review_reasons"]}


def test_email_body_next_to_an_attached_cover_letter_is_a_covering_note():
    from extractors.check import check
    from extractors.models import EMAIL_BODY_NAME, Method, PageText, ReadResult
    from tests.fixturegen import content

    berkas = content.make_berkas(33)
    body = ("Yth. Admin LPSE Provinsi Kalimantan Timur,\n\nBersama ini kami kirimkan berkas "
            "permohonan pembuatan akun Admin Agency. Berkas terlampir.\n\nHormat kami,\n"
            f"{berkas.person.nama}")
    pages = [PageText(file=EMAIL_BODY_NAME, page=1, method=Method.TEXT, text=body)]
    for doc in berkas.documents:
        pages.append(PageText(file=f"{doc.doc_type}.pdf", page=1, method=Method.TEXT,
                              text=doc.text))
    verdict = check(ReadResult(pages=pages), berkas.received)
    types = {d.file: d.type for d in verdict.documents}
    assert types[EMAIL_BODY_NAME] == "lainnya"
    assert types["surat_permohonan.pdf"] == "surat_permohonan"
    assert verdict.complete and not verdict.needs_review


def test_a_value_written_but_unreadable_on_a_scan_is_for_a_person_not_missing():
    # Handwriting OCR could not make into an address or a number: the applicant wrote it, so it
    # is not missing; the Admin PPE reads it on the page.
    scribbled = (FORM_OCR.replace("Siti.Rahmawati@Samarindakota.go.id", "L.. SRAHMAWATlesamAR1ND")
                 .replace("+62 812-3456-7890", "O8l2 B4S6 ?£9O"))
    out = berkas(page("form.pdf", scribbled, method=Method.OCR, confidence=0.7),
                 page("sk.pdf", SK_WITH_LAMPIRAN, 1), page("sk.pdf", SK_LAMPIRAN_PAGE, 2),
                 page("surat.pdf", LETTER_TWO_COLUMNS))
    assert out["deficiencies"] == [], out["deficiencies"]
    assert out["complete"] is True and out["needs_review"] is True
    reasons = {r["field"]: r["reason"] for r in out["review_reasons"]}
    assert "tidak dapat dibaca" in reasons["email"] and "tidak dapat dibaca" in reasons["telepon"]
    assert out["fields"]["email"] is None and out["fields"]["telepon"] is None

    empty = FORM_OCR.replace("Siti.Rahmawati@Samarindakota.go.id", "...........")
    out = berkas(page("form.pdf", empty, method=Method.OCR, confidence=0.9),
                 page("sk.pdf", SK_WITH_LAMPIRAN, 1), page("sk.pdf", SK_LAMPIRAN_PAGE, 2),
                 page("surat.pdf", LETTER_TWO_COLUMNS))
    assert [d["code"] for d in out["deficiencies"]] == ["missing_field:email"]
