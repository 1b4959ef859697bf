"""The README's table of hostile inputs and fault scenarios, from what the last test run counted
(`build/hostile-figures.json`, written by tests/conftest.py at the end of a pytest session).

    .venv/bin/python bench/hostile_figures.py [build/hostile-figures.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / "build" / "hostile-figures.json"


def table(figures: dict) -> str:
    lines = ["| hostile input | cases |", "|---|---:|"]
    lines += [f"| {kind} | {n} |" for kind, n in figures["hostile_inputs"].items()]
    lines.append(f"| **all hostile inputs** | **{figures['hostile_total']}** |")
    lines += ["", "| fault scenario | runs |", "|---|---:|"]
    lines += [f"| {kind} | {n} |" for kind, n in figures["fault_scenarios"].items()]
    lines.append(f"| **all fault scenarios** | **{figures['fault_total']}** |")
    lines.append("")
    if figures["lost_data"]:
        lines.append(f"**Data lost or not proven safe** in {len(figures['failed'])} failing "
                     f"test(s): " + ", ".join(f"`{n}`" for n in figures["failed"]))
    else:
        lines.append(f"Lost data: **none** ({figures['tests']} tests, every one passed; "
                     f"counted {figures['generated'][:10]}).")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    if not path.exists():
        print(f"{path} not found: run the tests first (make test)", file=sys.stderr)
        return 2
    print(table(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
