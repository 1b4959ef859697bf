"""Thin wrapper of the `antiword` binary (Word 97-2003 `.doc` to UTF-8 text).

The document goes in on standard input (`antiword -`; antiword spools it to its own temp file).
"""

from __future__ import annotations

import os
import subprocess

TIMEOUT_SECONDS = 60.0


class AntiwordError(Exception):
    """antiword could not read the file (damaged, not a Word file, or it failed)."""


class AntiwordEncrypted(AntiwordError):
    """The document is password-protected."""


def run_antiword(data: bytes, timeout: float = TIMEOUT_SECONDS) -> str:
    """Text of a `.doc`; pages, where antiword marks them, are separated by form feeds."""
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    try:
        proc = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", "-"], input=data,
                              capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired as e:
        raise AntiwordError(f"antiword took longer than {timeout} s") from e
    except OSError as e:
        raise AntiwordError(f"antiword cannot be run: {e}") from e
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    if "Encrypted documents are not supported" in stderr:
        raise AntiwordEncrypted(stderr)
    if proc.returncode != 0:
        raise AntiwordError(stderr or f"antiword exited with {proc.returncode}")
    return proc.stdout.decode("utf-8", "replace")
