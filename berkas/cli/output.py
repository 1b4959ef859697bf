"""What `--json` prints: UTF-8 as it is, indented, one trailing newline."""

from __future__ import annotations

import json
import sys


def write_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
