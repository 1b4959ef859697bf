"""What a flow run shows people: each decision form with its description (fields, verdict,
documents, mutu baku), and the table of the application's steps against the SOP's standard
times as an artifact of the run."""

from __future__ import annotations

from email.utils import parseaddr

from prefect.artifacts import create_table_artifact
from prefect.input import RunInput
from pydantic import Field

from berkas.flows import forms
from berkas.procedure import records as proc
from berkas.procedure import spse
from berkas.procedure.answers import prefilled
from berkas.procedure.context import Context
from berkas.procedure.decision_text import Addressee, FieldPictures, Picture, describe
from berkas.procedure.mutu_baku import artifact_rows, step_table
from berkas.sop.model import SOP, Procedure
from berkas.store.pagecache import SURE


def document_links(ctx: Context, app: proc.Snapshot) -> tuple[list[tuple[str, str]], str]:
    """(name, link) for every document received (not the texts we extracted), and the link to
    the berkas' index page."""
    view = ctx.viewer
    folder = ctx.archive.application(app.archive_path)
    links = [(entry.get("name") or entry["path"].rsplit("/", 1)[-1],
              view.link_for(app.registration, entry["path"]))
             for entry in folder.entries() if entry["role"] in ("lampiran", "surel", "pindaian")]
    return links, view.index_link(app.registration, app.archive_path)


def form_with_description(ctx: Context, key: str, registration: str, refused: list[str],
                          sop: Procedure = SOP) -> type[RunInput]:
    app = proc.snapshot(ctx, registration)
    decision = sop.decisions[key]
    form = forms.FORMS_OF[sop.flow][key]
    # a standard time shows on a decision that is the step itself, not a wait inside it
    standard = None if decision.phase else sop.step(decision.step).seconds
    links, index = document_links(ctx, app)
    extra = identity_notes(ctx, app)
    if "existing_account" in decision.notes:
        found = ctx.accounts.find(nip=app.nip) if app.nip else None
        if found is not None:
            extra.append(f"Akun yang sudah ada: user id {found.user_id}, atas nama {found.nama}, "
                         f"dari permohonan {found.registration}.")
    shows_person = any(f.type == "person" for f in decision.fields)
    pictures = field_pictures(ctx, app)
    addressee = None
    if pictures is not None and any(f.prefill == "pimpinan_jabatan" for f in decision.fields):
        addressee = addressee_source(app, pictures)
    details: list[str] = []
    if "spse_account_data" in decision.notes:
        details = spse.account_data(ctx, app)
    if "spse_activation" in decision.notes:
        extra += spse.activation_note(ctx)
    if "spse_password" in decision.notes:
        extra += spse.password_notes(ctx, app)
        details = [f"[Tampilkan kata sandi sementara (sekali tampil)]"
                   f"({ctx.viewer.reveal_link(registration)})", ""]
    description = describe(
        ask=decision.ask, title=f"{decision.title} ({sop.holder_label(decision)})",
        registration=registration, instansi=app.instansi, received=app.created_at,
        waiting_since=app.waiting_since,
        standard=ctx.calendar.format_duration(standard) if standard else None,
        verdict=app.verdict, links=links, index_link=index, refused=refused, extra=extra,
        pictures=pictures if shows_person else None, addressee=addressee, details=details)
    # pre-filled fields keep their Indonesian label (NOTES: with_initial_data rebuilds a field
    # without its title unless it is given as a Field)
    initial = {name: Field(value, title=form.model_fields[name].title)
               for name, value in prefilled(decision, app, sop,
                                            spse.proposed_user_id(ctx, app)).items()}
    return form.with_initial_data(description=description, **initial)


def field_pictures(ctx: Context, app: proc.Snapshot) -> FieldPictures | None:
    """The viewer's links to the crop of each field's reading (made during intake: opening a
    form reads nothing) and to the page view."""
    verdict = app.verdict
    if verdict is None:
        return None
    view = ctx.viewer

    def picture(source) -> Picture:
        return Picture(view.crop_link(app.registration, app.archive_path, source), source.file,
                       source.page, source.confidence)

    crops = {key: [picture(source)] + [picture(o) for o in verdict.conflict_sources.get(key, [])]
             for key, source in verdict.field_sources.items()}
    return FieldPictures(view.pages_link(app.registration, app.archive_path), crops)


def addressee_source(app: proc.Snapshot, pictures: FieldPictures) -> Addressee | None:
    """The field the pre-filled addressee (`Kepala <satuan kerja or instansi>`, as
    `letter_facts` makes it) is made of, with the crop of where it was read."""
    verdict = app.verdict
    for key in ("satuan_kerja", "instansi"):
        value = app.fields.get(key)
        crops = pictures.crops.get(key)
        if value and crops and verdict is not None:
            label = next(f.short for f in SOP.person if f.key == key)
            review = any(r.field == key for r in verdict.review_reasons)
            return Addressee(label, str(value), crops[0],
                             sure=not review and crops[0].confidence >= SURE)
        if value:
            return None
    return None


def identity_notes(ctx: Context, app: proc.Snapshot) -> list[str]:
    """What a reviewer must see about who is who: the account email goes only to the address on
    the verified form; a reply from another address, or the same NIP in another application,
    is pointed out, never merged or sent silently."""
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


def publish_steps(ctx: Context, registration: str) -> None:
    """The application's steps against the SOP's standard times, as a table artifact of the
    current run (a new version each time, under one key per application)."""
    rows = step_table(proc.step_rows(ctx, registration), ctx.calendar, now=ctx.clock())
    create_table_artifact(  # type: ignore[call-arg]
        _sync=True, key=f"mutu-baku-{registration.lower()}", table=artifact_rows(rows),
        description=f"Langkah SOP permohonan {registration} terhadap mutu baku (waktu kerja)")
