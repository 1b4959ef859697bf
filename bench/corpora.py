"""`berkas check` on berkas written independently of this project, graded by the corpus' own
grader, printed per category and per field.

    .venv/bin/python bench/corpora.py [--sets dev blind blind2 blind3 blind4] [-j 2]
        [--scans/--no-scans]

- `dev`: ../shared/corpora/berkas-dev (60 berkas with their truth; skipped when absent).
- `blind` … `blind4`: the held-out sets of `bench/blind*`, each written by someone who
  never saw the judging code, generated into build/ (deterministic seeds) when not there yet.

Each set is graded with `grade.py` of the dev corpus (standard library only), which runs
`.venv/bin/berkas check` once per case; the summary line and the table come from its output.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpora" / "berkas-dev"
GRADER = DEV / "grade.py"
BERKAS = ROOT / ".venv" / "bin" / "berkas"
SETS = {
    "dev": (DEV, None),
    "blind": (ROOT / "build" / "blind", ["bench/blind/gen_blind.py", "--seed", "2027"]),
    "blind2": (ROOT / "build" / "blind2", ["bench/blind2/gen_blind2.py", "--seed", "3031"]),
    "blind3": (ROOT / "build" / "blind3", ["bench/blind3/gen_blind3.py", "--seed", "5153"]),
    "blind4": (ROOT / "build" / "blind4", ["bench/blind4/gen_blind4.py", "--seed", "6247"]),
}
FIELDS = ("nip", "email", "nama", "telepon", "jabatan", "instansi", "satuan_kerja")


def _ensure(name: str) -> Path | None:
    folder, generator = SETS[name]
    if (folder / "cases").is_dir():
        return folder
    if generator is None:
        return None
    subprocess.run([sys.executable, *generator, "--out", str(folder)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return folder


def grade(folder: Path, jobs: int, scans: bool) -> dict:
    cmd = [sys.executable, str(GRADER), str(BERKAS), str(folder), "-j", str(jobs)]
    if not scans:
        cases = [c.name for c in sorted((folder / "cases").iterdir())
                 if json.loads((c / "truth.json").read_text())["channel"] != "scan"]
        cmd += ["--cases", *cases]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    lines = [json.loads(ln) for ln in out.splitlines() if ln.startswith("{")]
    return next(ln for ln in lines if ln.get("summary"))


def _pct(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.0f}%)" if total else "-"


def table(results: dict[str, dict]) -> str:
    names = list(results)
    rows = ["| measure | " + " | ".join(names) + " |",
            "|---|" + "---|" * len(names)]

    def row(label: str, cell) -> None:
        rows.append(f"| {label} | " + " | ".join(cell(results[n]) for n in names) + " |")

    row("verdict right", lambda s: _pct(s["verdict_ok"], s["cases"]))
    row("defective called complete", lambda s: str(s["false_complete"]))
    row("exact deficiency set", lambda s: _pct(s["codes_ok"], s["cases"]))
    row("page types", lambda s: _pct(s["pages_ok"], s["pages_total"]))
    for f in FIELDS:
        row(f"form `{f}`", lambda s, f=f: _pct(s[f], s["fields_graded"]))
    row("complete digital without review", lambda s: _pct(s["review_clean"],
                                                          s["review_clean_total"]))
    for cat in ("complete_digital", "complete_scan", "email", "defective"):
        row(f"{cat}: verdict / exact set", lambda s, c=cat: (
            f"{s['by_category'][c]['verdict_ok']}/{s['by_category'][c]['codes_ok']} of "
            f"{s['by_category'][c]['cases']}" if c in s["by_category"] else "-"))
    row("seconds (whole set)", lambda s: f"{s['seconds']:.0f}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("-j", type=int, default=2)
    parser.add_argument("--no-scans", dest="scans", action="store_false",
                        help="leave out the scanned and photographed berkas (quicker)")
    args = parser.parse_args()
    if not GRADER.exists():
        print(f"the grader {GRADER} is not here (../shared is not beside the project): skipped")
        return 0
    results = {}
    for name in args.sets:
        folder = _ensure(name)
        if folder is None:
            print(f"{name}: not here, skipped")
            continue
        results[name] = grade(folder, args.j, args.scans)
        print(f"{name}: {json.dumps({k: v for k, v in results[name].items() if k != 'corpus'})}",
              flush=True)
    if results:
        print()
        print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
