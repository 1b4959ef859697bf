"""Intake: the mailbox and the scan folder into applications, the archive and the records,
exactly once. One object does both (`Intake`), its jobs each in its own module: filing into
the application (filing.py), mail in batches (mail.py) with its spool (spool.py) and
quarantine (quarantine.py), scans (scans.py)."""

from __future__ import annotations

from berkas.intake.mail import MailIntake
from berkas.intake.scans import ScanIntake


class Intake(MailIntake, ScanIntake):
    """Mail and scans into applications (see berkas/intake/mail.py and scans.py)."""
