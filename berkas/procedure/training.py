"""`berkas training import FILE.csv`: a training attendance list (daftar hadir pelatihan) exported
from a spreadsheet activates the accounts of the people on it (SOP step 6: an account is active
only once its Admin Agency attended the training).

The file: a header row, then one row per person. Columns by name, case-insensitive: `nip`
(required), `nama` and `tanggal_pelatihan` (optional, kept in the event); others are ignored.
Separator `,` or `;` (what the header uses); encoding UTF-8 with or without BOM, else
Windows-1252 (what spreadsheet programs on Windows write). A NIP may carry spaces, dots or a
leading apostrophe (a spreadsheet's text mark); it must then be 18 digits.

Each row whose NIP has an inactive account activates it (through the account provider) and
records `pelatihan_dikonfirmasi` on its application, actor `impor:<file name>`. The flows see the
account active on their next look; nothing else needs waking. Under `spse_manual` the account
lives in SPSE, where only the Admin PPE can activate it: the attendance is recorded
(`hadir_pelatihan`, once) and listed for the Admin PPE, who activates it in SPSE and answers
form 6; nothing is activated here. Exit 0 with a summary, 2 when the
file cannot be read as such a list.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from berkas.procedure.context import Context
from berkas.store.models import Application, Event, add_event

_NIP_NOISE = re.compile(r"[\s.\u00a0]")


class UnreadableList(Exception):
    pass


@dataclass
class Row:
    line: int
    nip: str
    nama: str | None
    tanggal: str | None


@dataclass
class ImportSummary:
    file: str
    activated: list[tuple[Row, str, str]] = field(default_factory=list)  # row, user id, reg
    already_active: list[tuple[Row, str]] = field(default_factory=list)  # row, user id
    # spse_manual: attended, to be activated in SPSE by the Admin PPE: row, user id, reg
    to_activate_in_spse: list[tuple[Row, str, str]] = field(default_factory=list)
    no_account: list[Row] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)  # line, reason


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise UnreadableList("bukan berkas CSV (simpan daftar hadir sebagai CSV dari aplikasi "
                             "lembar kerja)")
    return text


def normalise_nip(raw: str) -> str | None:
    nip = _NIP_NOISE.sub("", raw).lstrip("'")
    return nip if re.fullmatch(r"[0-9]{18}", nip) else None


def parse_rows(text: str) -> tuple[list[Row], list[tuple[int, str]]]:
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), None)
    if header is None:
        raise UnreadableList("berkas kosong")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    names: list[str] | None = None
    rows: list[Row] = []
    invalid: list[tuple[int, str]] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if names is None:
            names = ["_".join(cell.strip().lower().split()) for cell in cells]
            if "nip" not in names:
                raise UnreadableList(f"kolom nip tidak ditemukan (kolom: {', '.join(names)})")
            continue
        values = dict(zip(names, (cell.strip() for cell in cells), strict=False))
        raw_nip = values.get("nip", "")
        nip = normalise_nip(raw_nip)
        if nip is None:
            invalid.append((reader.line_num, f"NIP {raw_nip!r} bukan 18 angka"
                            if raw_nip else "NIP kosong"))
            continue
        rows.append(Row(reader.line_num, nip, values.get("nama") or None,
                        values.get("tanggal_pelatihan") or None))
    return rows, invalid


def import_attendance(ctx: Context, path: Path) -> ImportSummary:
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise UnreadableList(f"berkas tidak dapat dibaca: {exc.strerror or exc}") from None
    rows, invalid = parse_rows(text)
    summary = ImportSummary(file=path.name, invalid=invalid)
    actor = f"impor:{path.name}"[:100]
    for row in rows:
        account = ctx.accounts.find(nip=row.nip)
        if account is None:
            summary.no_account.append(row)
            continue
        if account.active:
            summary.already_active.append((row, account.user_id))
            continue
        if not ctx.manual_accounts:
            ctx.accounts.activate(account.user_id)
        kind = "hadir_pelatihan" if ctx.manual_accounts else "pelatihan_dikonfirmasi"
        with ctx.sessions.begin() as session:
            application = session.scalar(select(Application).where(
                Application.registration == account.registration))
            seen = application is not None and session.scalar(select(Event.id).where(
                Event.application_id == application.id, Event.kind == kind)) is not None
            if not (ctx.manual_accounts and seen):
                add_event(session, application, actor, kind,
                          user_id=account.user_id, nip=row.nip, nama=row.nama,
                          tanggal_pelatihan=row.tanggal, baris=row.line)
        found = (row, account.user_id, account.registration)
        (summary.to_activate_in_spse if ctx.manual_accounts else summary.activated).append(found)
    return summary


def report(summary: ImportSummary) -> str:
    out = [f"Impor daftar hadir pelatihan: {summary.file}",
           f"Akun diaktifkan: {len(summary.activated)}"]
    out += [f"  - baris {row.line}: NIP {row.nip}, user id {user_id} ({registration})"
            for row, user_id, registration in summary.activated]
    if summary.to_activate_in_spse:
        out.append("Hadir pelatihan, menunggu diaktifkan di SPSE oleh Admin PPE (lalu jawab "
                   f"isian langkah 6): {len(summary.to_activate_in_spse)}")
        out += [f"  - baris {row.line}: NIP {row.nip}, user id {user_id} ({registration})"
                for row, user_id, registration in summary.to_activate_in_spse]
    out.append(f"Akun sudah aktif sebelumnya: {len(summary.already_active)}")
    out += [f"  - baris {row.line}: NIP {row.nip}, user id {user_id}"
            for row, user_id in summary.already_active]
    out.append(f"NIP tanpa akun: {len(summary.no_account)}")
    out += [f"  - baris {row.line}: NIP {row.nip}" + (f" ({row.nama})" if row.nama else "")
            for row in summary.no_account]
    out.append(f"Baris tidak sah: {len(summary.invalid)}")
    out += [f"  - baris {line}: {reason}" for line, reason in summary.invalid]
    return "\n".join(out) + "\n"
