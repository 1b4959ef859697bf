"""Prefect flows and tasks only: the SOP as one flow run per application (issue 6).

Flows call `extractors` as they are and reach the outside world only through `berkas` adapters.
"""
