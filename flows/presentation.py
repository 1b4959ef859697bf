"""What a flow run shows people: each decision form with its description (fields, verdict,
documents, mutu baku), and the table of the application's steps against the SOP's standard
times as an artifact of the run."""

from __future__ import annotations

from prefect.artifacts import create_table_artifact
from prefect.input import RunInput
from pydantic import Field

from berkas import procedure as proc
from berkas.context import Context
from berkas.decision_text import describe
from berkas.mutu_baku import STANDARDS, artifact_rows, step_table
from flows import forms

TITLES = {"2": "Langkah 2: Disposisi Kepala LPSE", "3": "Langkah 3: Pemeriksaan kelengkapan "
          "oleh Admin PPE", "5": "Langkah 5: Menunggu kelengkapan dari pemohon",
          "6": "Langkah 6: Konfirmasi pelatihan Admin Agency",
          "6a": "Langkah 6: Akun sudah ada"}
ROLE_HOLDING = {"2": "Kepala LPSE", "3": "Admin PPE", "5": "Admin Agency (pemohon)",
                "6": "Admin PPE", "6a": "Admin PPE"}


def document_links(ctx: Context, app: proc.Snapshot) -> tuple[list[tuple[str, str]], str]:
    """(name, link) for every document received (not the texts we extracted), and the link to
    the berkas' index page."""
    view = ctx.viewer
    folder = ctx.archive.application(app.archive_path)
    links = [(entry.get("name") or entry["path"].rsplit("/", 1)[-1],
              view.link_for(app.registration, entry["path"]))
             for entry in folder.entries() if entry["role"] in ("lampiran", "surel", "pindaian")]
    return links, view.index_link(app.registration, app.archive_path)


def form_with_description(ctx: Context, key: str, registration: str,
                          refused: list[str]) -> type[RunInput]:
    app = proc.snapshot(ctx, registration)
    form = forms.FORMS[key]
    step = int(key[0])
    standard = STANDARDS[step].seconds if key in ("2", "3") else None
    links, index = document_links(ctx, app)
    extra = identity_notes(ctx, app)
    if key == "6a":
        found = ctx.accounts.find(nip=app.nip) if app.nip else None
        if found is not None:
            extra.append(f"Akun yang sudah ada: user id {found.user_id}, atas nama {found.nama}, "
                         f"dari permohonan {found.registration}.")
    description = describe(
        key=key, title=f"{TITLES[key]} ({ROLE_HOLDING[key]})", registration=registration,
        instansi=app.instansi, received=app.created_at, waiting_since=app.waiting_since,
        standard=ctx.calendar.format_duration(standard) if standard else None,
        verdict=app.verdict, links=links, index_link=index, refused=refused, extra=extra)
    return form.with_initial_data(description=description, **_initial(key, app))


def identity_notes(ctx: Context, app: proc.Snapshot) -> list[str]:
    """What a reviewer must see about who is who: the account email goes only to the address on
    the verified form; a reply from another address, or the same NIP in another application,
    is pointed out, never merged or sent silently."""
    from email.utils import parseaddr

    notes = []
    sender = parseaddr(app.sender or "")[1].lower()
    form_email = str(app.fields.get("email") or "").lower()
    if sender and form_email and sender != form_email:
        notes.append(f"Perhatian: berkas dikirim dari {sender}, sedangkan email pada formulir "
                     f"adalah {form_email}. Informasi akun hanya dikirim ke alamat pada formulir "
                     "yang telah diverifikasi.")
    for event in proc.events_of(ctx, app.registration, "balasan_pengirim_lain"):
        notes.append(f"Perhatian: balasan dengan nomor registrasi ini datang dari alamat lain "
                     f"({event.get('dari')}); pastikan dokumennya memang untuk permohonan ini.")
    for other in proc.same_person(ctx, app.registration):
        notes.append(f"Perhatian: NIP ini juga ada pada permohonan {other['registration']} "
                     f"(keadaan: {other['state']}).")
    return notes


def _initial(key: str, app: proc.Snapshot) -> dict[str, object]:
    """Pre-filled values; a field given here keeps its Indonesian label (NOTES: with_initial_data
    rebuilds a field without its title unless it is given as a Field)."""
    def keep(form: type[RunInput], name: str, value: object) -> object:
        return Field(value, title=form.model_fields[name].title)

    if key == "2":
        guess = proc.letter_facts(app)["pimpinan_jabatan"]
        return {"ditujukan_kepada": keep(forms.Disposisi, "ditujukan_kepada", guess)}
    if key == "3":
        fields = app.fields
        return {name: keep(forms.Verifikasi, name, str(fields.get(name) or ""))
                for name in forms.FIELD_TITLES}
    return {}


def publish_steps(ctx: Context, registration: str) -> None:
    """The application's steps against the SOP's standard times, as a table artifact of the
    current run (a new version each time, under one key per application)."""
    rows = step_table(proc.step_rows(ctx, registration), ctx.calendar, now=ctx.clock())
    create_table_artifact(  # type: ignore[call-arg]
        _sync=True, key=f"mutu-baku-{registration.lower()}", table=artifact_rows(rows),
        description=f"Langkah SOP permohonan {registration} terhadap mutu baku (waktu kerja)")
