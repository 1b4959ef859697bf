"""Prefect flows and tasks only: the SOP as one flow run per application, its decision forms,
the watcher and the in-process executor."""
