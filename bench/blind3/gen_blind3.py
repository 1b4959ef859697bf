#!/usr/bin/env python3
"""blind3: a third held-out evaluation set for `berkas check`.

    python gen_blind3.py --seed 5153 --out build/blind3 [--only KEY ...]

Writes OUT/cases/NNN/{input/,truth.json} in the berkas-dev structure and, for the self-check only,
OUT/sources/NNN/ (the text-layer originals of every scanned or photographed file, and map.json).
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from b3_build import build_case  # noqa: E402
from b3_cases import CASES  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=5153)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args(argv)
    ids = list(range(1, len(CASES) + 1))
    random.Random(a.seed).shuffle(ids)
    if not a.only:
        for sub in ("cases", "sources"):
            shutil.rmtree(os.path.join(a.out, sub), ignore_errors=True)
    for spec, num in zip(CASES, ids, strict=True):
        cid = f"{num:03d}"
        if a.only and spec["key"] not in a.only and cid not in a.only:
            continue
        cdir = os.path.join(a.out, "cases", cid)
        sdir = os.path.join(a.out, "sources", cid)
        shutil.rmtree(cdir, ignore_errors=True)
        shutil.rmtree(sdir, ignore_errors=True)
        rng = random.Random(f"{a.seed}:{spec['key']}")
        files, truth, sources, smap = build_case(spec, rng, cid)
        for rel, data in files.items():
            p = os.path.join(cdir, "input", rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as fh:
                fh.write(data)
        with open(os.path.join(cdir, "truth.json"), "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        os.makedirs(sdir, exist_ok=True)
        for rel, data in sources.items():
            p = os.path.join(sdir, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as fh:
                fh.write(data)
        smap["key"] = spec["key"]
        with open(os.path.join(sdir, "map.json"), "w", encoding="utf-8") as fh:
            json.dump(smap, fh, ensure_ascii=False, indent=1)
        print(
            cid,
            spec["key"],
            truth["category"],
            truth["deficiencies"],
            dt.datetime.now().strftime("%H:%M:%S"),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
