"""berkas: the LPSE's Registrasi Admin Agency pipeline (models, settings, store, adapters, CLI)."""
