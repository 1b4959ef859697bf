"""The SOP described once, as data: steps, roles, standard times, decisions, waits, closings,
documents and the fields of the person."""
