"""Which requests to Prefect's API a logged-in person may make through the staff UI.

Every route of Prefect's API is sorted into one of four classes, and nothing else passes:
- `READ`: reads (GET, and the POSTs that only filter, count or page), for every account;
- `RESUME`: resuming a suspended run, only for an account holding the role of the decision
  the run waits for (the gate checks it against the SOP's description and records the decider);
- `ADMIN`: cancelling, retrying or deleting a run, for `pengelola` (never on a suspended run);
- `DENIED`: every other write (setting a suspended run's state, writing its input, creating
  runs, changing deployments, blocks, variables, automations, …).
A route none of the lists name is `None`, treated as denied; tests/test_gate.py sorts every
route of the installed Prefect's OpenAPI and fails on one, so a new Prefect version cannot open a
door silently. Paths are the API's own, without its `/api` prefix.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Access(StrEnum):
    READ = "read"
    RESUME = "resume"
    ADMIN = "admin"
    DENIED = "denied"


# POSTs that read: filters, counts, pages, histories, validation of a form against its schema
READ_POSTS = (
    "/artifacts/count", "/artifacts/filter", "/artifacts/latest/count", "/artifacts/latest/filter",
    "/automations/count", "/automations/filter", "/automations/templates/validate",
    "/block_schemas/filter", "/block_types/filter", "/concurrency_limits/filter",
    "/deployments/count", "/deployments/filter", "/deployments/paginate",
    "/events/count-by/{countable}", "/events/filter", "/flow_runs/count", "/flow_runs/filter",
    "/flow_runs/history", "/flow_runs/lateness", "/flow_runs/paginate",
    "/flow_runs/{id}/input/filter", "/flows/count", "/flows/filter", "/flows/paginate",
    "/logs/filter", "/saved_searches/filter", "/task_runs/count", "/task_runs/filter",
    "/task_runs/history", "/task_runs/paginate", "/task_workers/filter", "/templates/validate",
    "/ui/flow_runs/count-task-runs", "/ui/flow_runs/history", "/ui/flows/count-deployments",
    "/ui/flows/next-runs", "/ui/schemas/validate", "/ui/task_runs/count",
    "/ui/task_runs/dashboard/counts", "/v2/concurrency_limits/filter", "/variables/count",
    "/variables/filter", "/work_pools/count", "/work_pools/filter",
    "/work_pools/{name}/concurrency_status", "/work_pools/{work_pool_name}/queues/filter",
    "/work_pools/{work_pool_name}/workers/filter", "/work_queues/filter",
    "/work_queues/{id}/concurrency_status",
)
# GETs that are not for staff: the server's settings, and block documents (they may hold
# secrets; berkas keeps none there)
DENIED_GETS = ("/admin/settings", "/admin/storage", "/block_documents/{id}",
               "/block_types/slug/{slug}/block_documents",
               "/block_types/slug/{slug}/block_documents/name/{block_document_name}")
RESUME = (("POST", "/flow_runs/{id}/resume"),)
# what an administrator does to a run: cancel or retry (a new state), delete
# (a bulk delete names no run to check: denied)
ADMIN = (("POST", "/flow_runs/{id}/set_state"), ("DELETE", "/flow_runs/{id}"))
# every other write, by the resource it changes (a new route of these families is denied too)
DENIED_FAMILIES = ("admin", "artifacts", "automations", "block_documents", "block_schemas",
                   "block_types", "concurrency_limits", "v2/concurrency_limits", "deployments",
                   "events", "flows", "flow_runs", "logs", "saved_searches", "task_runs",
                   "task_workers", "templates", "ui", "variables", "work_pools", "work_queues")
WEBSOCKETS = ("/events/out", "/logs/out")  # read-only subscriptions


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "/?$")


_READ_POSTS = [_pattern(t) for t in READ_POSTS]
_DENIED_GETS = [_pattern(t) for t in DENIED_GETS]
_RESUME = [(m, _pattern(t)) for m, t in RESUME]
_ADMIN = [(m, _pattern(t)) for m, t in ADMIN]
_FAMILIES = re.compile(r"^/(" + "|".join(re.escape(f) for f in DENIED_FAMILIES) + r")(/|$)")


def classify(method: str, path: str) -> Access | None:
    """The class of `method` `path` (an API path without `/api`), None when no list names it."""
    method = method.upper()
    if method in ("GET", "HEAD"):
        return Access.DENIED if any(p.match(path) for p in _DENIED_GETS) else Access.READ
    if method == "POST" and any(p.match(path) for p in _READ_POSTS):
        return Access.READ
    if any(m == method and p.match(path) for m, p in _RESUME):
        return Access.RESUME
    if any(m == method and p.match(path) for m, p in _ADMIN):
        return Access.ADMIN
    if _FAMILIES.match(path):
        return Access.DENIED
    return None


def flow_run_id(path: str) -> str | None:
    """The run a `/flow_runs/{id}/…` path names."""
    match = re.match(r"^/flow_runs/([0-9a-fA-F-]{36})(/|$)", path)
    return match.group(1) if match else None
