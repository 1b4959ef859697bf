"""Accuracy of `berkas check` on generated berkas with random defects, printed as a table.

    .venv/bin/python bench/accuracy.py [--digital 40] [--scanned 8] [--photo 0] [--truth 0]
    .venv/bin/python bench/accuracy.py --heldout [-v]   # only the hand-written held-out set

digital: PDFs with a text layer, one file per document (every fourth berkas: one merged PDF with
the documents in shuffled order); scanned: clean 200-dpi image-only PDFs read by OCR; photo: pages
through `degrade.photo`; truth: the generator's own text, without any reader (judging only).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.check import check  # noqa: E402
from extractors.models import Blob, Method, PageText, ReadResult  # noqa: E402
from tests.fixturegen import content, render  # noqa: E402

DEFECTS: list[dict] = [
    {}, {}, {"kind": "pppk"}, {"appointees": 3},
    {"missing": ("formulir",)}, {"missing": ("surat_penunjukan",)},
    {"missing": ("surat_permohonan",)}, {"omit_fields": ("email",)},
    {"omit_fields": ("nip", "telepon")}, {"wrong_nip": True}, {"bad_email": True},
    {"bad_telepon": True}, {"sk_other_person": True}, {"sk_other_nip": True}, {"expired": True},
    {"future": ("surat_permohonan",)}, {"future": ("formulir", "surat_penunjukan")},
    {"wrong_addressee": True}, {"lainnya": ("pakta_integritas", "ktp")},
    {"lainnya": ("invoice",), "omit_fields": ("jabatan",)},
]
TOP = ("nama", "nip", "jabatan", "instansi", "satuan_kerja", "email", "telepon")
DOC_FIELDS = {"surat_penunjukan": ("nomor", "tanggal", "berlaku_sampai", "ditunjuk"),
              "surat_permohonan": ("nomor", "tanggal", "tujuan")}


def defects_for(seed: int) -> dict:
    return DEFECTS[seed % len(DEFECTS)]


def _unique(name: str, seen: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    n, out = 1, name
    while out in seen:
        n += 1
        out = f"{stem} ({n}).{ext}" if dot else f"{name} ({n})"
    seen.add(out)
    return out


def blobs_for(b: content.Berkas, mode: str, merged: bool) -> list[Blob]:
    from tests.fixturegen import degrade

    docs = list(b.documents)
    if merged:
        random.Random(b.seed).shuffle(docs)
        groups = [("berkas_lengkap.pdf", docs)]
    else:
        seen: set[str] = set()
        groups = [(_unique(d.filename.rsplit(".", 1)[0] + ".pdf", seen), [d]) for d in docs]
    out = []
    for name, group in groups:
        if mode == "digital":
            data = render.to_pdf(group, font=b.font)
        else:
            images = [im for d in group for im in render.page_images(d, dpi=200, font=b.font)]
            if mode == "photo":
                images = [degrade.photo(im, rng=b.seed + i) for i, im in enumerate(images)]
            data = render.images_to_pdf(images, dpi=200)
        out.append(Blob(name=name, data=data))
    return out


def truth_result(b: content.Berkas) -> ReadResult:
    pages = [PageText(file=d.filename, page=i, method=Method.TEXT, text=t)
             for d in b.documents for i, t in enumerate(d.page_texts(), 1)]
    return ReadResult(pages=pages)


def score(b: content.Berkas, res, stats: dict) -> list[str]:
    out = res.model_dump(mode="json")
    errors = []
    got = {d["code"] for d in out["deficiencies"]}
    stats["verdict"].append(got == b.expected_deficiencies)
    if got != b.expected_deficiencies:
        errors.append(f"verdict: missing {sorted(b.expected_deficiencies - got)} "
                      f"extra {sorted(got - b.expected_deficiencies)}")
    stats["never_falsely_complete"].append(not (out["complete"] and b.expected_deficiencies))
    types = Counter(d["type"] for d in out["documents"])
    want = Counter(d.doc_type for d in b.documents)
    stats["types"].append(types == want)
    if types != want:
        errors.append(f"types: got {dict(types)} want {dict(want)}")
    stats["needs_review"].append(out["needs_review"])
    if b.expected_fields is not None:
        for k in TOP:
            ok = out["fields"][k] == b.expected_fields[k]
            stats[f"form.{k}"].append(ok)
            if not ok:
                errors.append(f"{k}: got {out['fields'][k]!r} want {b.expected_fields[k]!r}")
    for doc_type, keys in DOC_FIELDS.items():
        src = b.get(doc_type)
        got_doc = next((d for d in out["documents"] if d["type"] == doc_type), None)
        if src is None:
            continue
        for k in keys:
            if k == "ditunjuk":
                want_v = sorted(a["nip"] for a in src.expected["appointees"])
                docs = [d for d in out["documents"] if d["type"] == doc_type]
                got_v = sorted(a["nip"] for d in docs for a in d["fields"].get("ditunjuk", []))
            else:
                want_v = src.expected.get(k)
                got_v = got_doc["fields"].get(k) if got_doc else None
            stats[f"{doc_type[6:]}.{k}"].append(got_v == want_v)
            if got_v != want_v:
                errors.append(f"{doc_type}.{k}: got {got_v!r} want {want_v!r}")
    return errors


def run(mode: str, seeds: list[int], verbose: bool) -> dict:
    from extractors.options import ReadOptions
    from extractors.reader import read_blobs

    stats: dict[str, list] = defaultdict(list)
    for seed in seeds:
        b = content.make_berkas(seed, **defects_for(seed))
        if mode == "truth":
            result = truth_result(b)
        else:
            result = read_blobs(blobs_for(b, mode, merged=seed % 4 == 3),
                                ReadOptions(ocr_workers=1))
        t0 = time.perf_counter()
        res = check(result, b.received)
        stats["ms"].append((time.perf_counter() - t0) * 1000)
        errors = score(b, res, stats)
        if errors and verbose:
            print(f"[{mode} seed {seed} {b.defects}]", *errors, sep="\n  ")
    return stats


def run_heldout(verbose: bool) -> dict[str, dict]:
    """The hand-written held-out berkas (tests/heldout/), split into digital and scanned ones."""
    from tests.heldout import cases, read
    from tests.test_check_heldout import verdict_errors

    out: dict[str, dict] = {}
    for case in cases():
        stats = out.setdefault("held-out scanned" if case.scanned else "held-out digital",
                               defaultdict(list))
        result = read(case)
        t0 = time.perf_counter()
        res = check(result, case.received).model_dump(mode="json")
        stats["ms"].append((time.perf_counter() - t0) * 1000)
        errors = verdict_errors(case, res)
        want = case.expected
        stats["verdict"].append(not any(e.startswith(("deficiencies", "complete")) for e in errors))
        stats["whole_case"].append(not errors)
        stats["never_falsely_complete"].append(not (res["complete"] and want["deficiencies"]))
        stats["types"].append(not any(e.startswith("types") for e in errors))
        if not want["deficiencies"]:
            stats["clean_without_review"].append(not res["needs_review"])
        for k in TOP:
            stats[f"form.{k}"].append(not any(e.startswith(f"fields.{k}:") for e in errors))
        for doc_type, fields in want.get("documents", {}).items():
            for k in fields:
                name = f"{doc_type.replace('surat_', '')}.{k}"
                stats[name].append(not any(e.startswith(f"{doc_type}.{k}:") for e in errors))
        if errors and verbose:
            print(f"[{case.name}]", *errors, sep="\n  ")
    return {f"{k} ({len(v['ms'])})": v for k, v in sorted(out.items())}


def table(all_stats: dict[str, dict]) -> str:
    keys = sorted({k for s in all_stats.values() for k in s if k != "ms"},
                  key=lambda k: (k.count("."), k))
    modes = list(all_stats)
    lines = ["| measure | " + " | ".join(modes) + " |", "|---|" + "---|" * len(modes)]
    for k in keys:
        cells = []
        for m in modes:
            v = all_stats[m].get(k, [])
            cells.append(f"{sum(v)}/{len(v)} ({100 * sum(v) / len(v):.0f}%)" if v else "-")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    cells = []
    for m in modes:
        ms = sorted(all_stats[m]["ms"])
        cells.append(f"median {ms[len(ms) // 2]:.1f}, max {ms[-1]:.1f}" if ms else "-")
    lines.append("| check() ms | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--truth", type=int, default=0)
    ap.add_argument("--digital", type=int, default=40)
    ap.add_argument("--scanned", type=int, default=0)
    ap.add_argument("--photo", type=int, default=0)
    ap.add_argument("--start", type=int, default=1000)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--heldout", action="store_true",
                    help="only the hand-written held-out set (tests/heldout/)")
    args = ap.parse_args()
    if args.heldout:
        print(table(run_heldout(args.verbose)))
        return
    all_stats = {}
    for mode in ("truth", "digital", "scanned", "photo"):
        n = getattr(args, mode)
        if n:
            all_stats[f"{mode} ({n})"] = run(mode, list(range(args.start, args.start + n)),
                                             args.verbose)
    print(table(all_stats))


if __name__ == "__main__":
    main()
