"""What comes in: the mailbox, the scan folder, triage, and filing into applications."""
