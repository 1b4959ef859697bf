"""What `berkas status` lists: each application with its state, step, deficiencies and archive
folder; one application also with its history (events) and files."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from berkas.core.settings import Settings, load_settings
from berkas.store.database import open_database
from berkas.store.models import Application


def status_rows(registration: str | None = None,
                settings: Settings | None = None) -> list[dict[str, Any]]:
    settings = settings or load_settings()
    sessions = open_database(settings.database, settings.timezone)
    with sessions() as s:
        query = select(Application).order_by(Application.id)
        if registration:
            query = query.where(Application.registration == registration.upper())
        rows = []
        for app in s.scalars(query):
            verdict = app.verdict
            row = {
                "registration": app.registration,
                "state": app.state,
                "step": app.step,
                "deficiencies": [d.model_dump(mode="json") for d in verdict.deficiencies]
                if verdict else [],
                "needs_review": verdict.needs_review if verdict else None,
                "needs_attention": app.needs_attention,
                "archive": str((settings.archive_dir / app.archive_path).resolve()),
                "nama": app.nama,
                "nip": app.nip,
                "source": app.source,
                "created_at": app.created_at.isoformat(timespec="seconds"),
                "updated_at": app.updated_at.isoformat(timespec="seconds"),
            }
            if registration:
                row["events"] = [{"at": e.at.isoformat(timespec="seconds"), "actor": e.actor,
                                  "kind": e.kind, "detail": e.detail} for e in app.events]
                row["files"] = [{"path": f.path, "role": f.role, "sha256": f.sha256,
                                 "source": f.source} for f in app.files]
            rows.append(row)
    return rows
