#!/usr/bin/env python3
"""Generate the blind evaluation set of `berkas check` (see README.md next to this file).

    python bench/blind/gen_blind.py --seed 2027 --out build/blind [--only KEY_OR_ID ...]

Writes DIR/cases/NNN/input/... and DIR/cases/NNN/truth.json in the berkas-dev format, and the
text-layer originals of every scanned or photographed page under DIR/sources/NNN/ (read by
verify_blind.py; the grader never looks there).  Deterministic for a given seed: every
truth.json is reproduced exactly (scan, email and zip bytes may differ between library versions).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from blind_build import Builder, Gen, write_case  # noqa: E402
from blind_cases import CASES  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=2027)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", nargs="*", help="only these case keys (debugging)")
    a = ap.parse_args(argv)
    if os.path.isdir(os.path.join(a.out, "cases")) and not a.only:
        shutil.rmtree(os.path.join(a.out, "cases"))
        shutil.rmtree(os.path.join(a.out, "sources"), ignore_errors=True)
    gen = Gen(a.seed, a.out)
    order = list(range(len(CASES)))
    random.Random(a.seed * 7 + 1).shuffle(order)
    ids = {k: f"{n + 1:03d}" for n, k in enumerate(order)}
    t0 = time.time()
    counts: dict[str, int] = {}
    for k, (key, category, channel, fn) in enumerate(CASES):
        b = Builder(gen, key, category, channel)
        notes = fn(b)
        if a.only and key not in a.only and ids[k] not in a.only:
            continue
        write_case(gen, b, ids[k], notes)
        counts[category] = counts.get(category, 0) + 1
        print(f"{ids[k]} {key:28s} {category:17s} {sorted(set(b.codes))}", flush=True)
    print(json.dumps(dict(cases=sum(counts.values()), by_category=counts,
                          seconds=round(time.time() - t0, 1))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
