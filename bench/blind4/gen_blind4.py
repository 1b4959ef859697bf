#!/usr/bin/env python3
"""Generate the blind4 evaluation set.

    python gen_blind4.py --seed 6247 --out build/blind4 [--only KEY ...]

Writes OUT/cases/NNN/input/..., OUT/cases/NNN/truth.json (berkas-dev format) and, for the self-check
only, OUT/sources/NNN/ (text-layer originals of scanned or photographed files and map.json)."""

import argparse
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from b4_build import Builder  # noqa: E402
from b4_cases import RECIPES  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seed", type=int, default=6247)
    ap.add_argument("--out", default="build/blind4")
    ap.add_argument("--only", nargs="*", help="recipe keys or case ids to (re)write")
    a = ap.parse_args(argv)
    keys = [r["key"] for r in RECIPES]
    ids = [f"{i + 1:03d}" for i in range(len(keys))]
    random.Random(a.seed).shuffle(ids)
    idmap = dict(zip(keys, ids, strict=True))
    todo = RECIPES
    if a.only:
        todo = [r for r in RECIPES if r["key"] in a.only or idmap[r["key"]] in a.only]
    else:
        shutil.rmtree(a.out, ignore_errors=True)
    for r in todo:
        cid = idmap[r["key"]]
        case_dir = os.path.join(a.out, "cases", cid)
        shutil.rmtree(case_dir, ignore_errors=True)
        shutil.rmtree(os.path.join(a.out, "sources", cid), ignore_errors=True)
        rng = random.Random(f"blind4-{a.seed}-{r['key']}")
        t = Builder(r, rng, cid).build(case_dir, os.path.join(a.out, "sources", cid))
        print(
            cid,
            r["key"],
            t["category"],
            t["channel"],
            ",".join(t["deficiencies"]) or "-",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
