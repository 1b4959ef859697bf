"""The `berkas` command: one module per group of subcommands, each registering its own
(`add_parser`) and imported only when its command is asked for (`berkas read` never loads
SQLAlchemy or Prefect)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# command -> the module of berkas/cli/ that holds it, in the order `berkas --help` lists them
COMMANDS = {"read": "reading", "check": "reading", "poll": "service", "run": "service",
            "status": "service", "preview": "preview", "demo": "demo", "outbox": "outbox",
            "report": "report", "training": "training", "pending": "decisions",
            "approve": "decisions", "akun": "accounts", "staff": "staff"}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The subcommands; `command` (the first argument) spares loading the modules of others."""
    parser = argparse.ArgumentParser(
        prog="berkas",
        description="Otomasi SOP Registrasi Admin Agency K/L/D/I (LPSE).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    wanted = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for module in wanted:
        importlib.import_module(f"berkas.cli.{module}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv else None)
    # `approve REG --step N --as NAME KEY=VALUE…`: argparse leaves KEY=VALUE after the options
    # unmatched, so they are collected here for the commands that take them
    args, extra = parser.parse_known_args(argv)
    if extra and hasattr(args, "pairs") and not any(e.startswith("-") for e in extra):
        args.pairs = [*args.pairs, *extra]
    elif extra:
        parser.error(f"argumen tidak dikenal: {' '.join(extra)}")
    try:
        return args.handler(args, parser)
    except BrokenPipeError:
        # `berkas read … | head`: the reader went away, which is not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

