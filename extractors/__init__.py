"""Pure reading and judging of a berkas: bytes -> pages -> text -> documents -> fields -> verdict.

Nothing here imports Prefect, touches the network or writes files; the only side effects are the
external binaries wrapped in one module each (tesseract, antiword).
"""
