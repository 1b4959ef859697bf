"""Starting things: `berkas run`, the Prefect server it starts, the demo mail servers."""
