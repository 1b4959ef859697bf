"""The procedure outside Prefect: its records (steps, decisions), what each step does, the
parts one process works with (`Context`), mutu baku and its report."""
