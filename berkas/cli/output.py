"""What `--json` prints: UTF-8 as it is, indented, one trailing newline."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any


def write_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def write_rows(rows: list[dict[str, Any]], as_json: bool, empty: str,
               text: Callable[[dict[str, Any]], str]) -> None:
    """A listing: the rows as JSON, or each as `text(row)` (`empty` when there are none)."""
    if as_json:
        write_json(rows)
        return
    if not rows:
        sys.stdout.write(empty)
    for row in rows:
        sys.stdout.write(text(row))
