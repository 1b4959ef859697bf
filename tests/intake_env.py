"""Settings and small readers shared by the intake tests (folders under one temporary root)."""

from __future__ import annotations

import json
from pathlib import Path

from berkas.core.settings import Settings


def intake_settings(root: Path, imap: dict[str, str] | None = None, **extra) -> Settings:
    values = {
        "data_dir": root / "data", "inbox_dir": root / "inbox", "archive_dir": root / "archive",
        "scan_done_dir": root / "scans-done", "scan_refused_dir": root / "scans-refused",
        "scan_stable_seconds": 0.3, "ocr_slots": 1, "ocr_slots_dir": root / "ocr-slots",
        "imap_host": None, "imap_user": None, "imap_password": None,
    }
    for key, value in (imap or {}).items():
        values[key.removeprefix("BERKAS_").lower()] = value
    values.update(extra)
    return Settings(**values)


def env_for(root: Path, imap: dict[str, str] | None = None, **extra) -> dict[str, str]:
    """The same configuration as environment variables, for a `berkas` child process."""
    s = intake_settings(root, imap, **extra)
    env = {f"BERKAS_{k.upper()}": str(getattr(s, k)) for k in (
        "data_dir", "inbox_dir", "archive_dir", "scan_done_dir", "scan_refused_dir",
        "scan_stable_seconds", "ocr_slots", "ocr_slots_dir")}
    env.update(imap or {})
    return env


def manifest_files(archive: Path) -> list[dict]:
    """Every manifest line in the archive, with the folder it belongs to."""
    lines = []
    for manifest in sorted(archive.rglob("manifest.jsonl")):
        for line in manifest.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            entry["folder"] = manifest.parent.relative_to(archive).as_posix()
            lines.append(entry)
    return lines
