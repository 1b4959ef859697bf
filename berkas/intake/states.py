"""What an intake item is: how far it got (`Status`) and what it turned out to be
(`Disposition`); a pass over the mailbox or the scan folder reports each item's disposition."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Mail: stored -> filing -> filed -> done; scans: claimed -> archived -> done. A restart
    resumes an item from its last durable status."""
    STORED = "stored"  # its bytes in the spool, recorded
    FILING = "filing"  # assigned to its application (its archive folder is fixed)
    FILED = "filed"  # archived and recorded, waiting only to leave the mailbox
    CLAIMED = "claimed"  # a scan recorded with its application
    ARCHIVED = "archived"  # a scan's files written and recorded
    DONE = "done"  # out of the mailbox or the scan folder


class Disposition(StrEnum):
    PENDING = "pending"  # not yet read
    NEW = "new"  # opened a new application
    REPLY = "reply"  # added to the application its [REG-…] or thread names
    JOINED = "joined"  # added to the open application of the same person (NIP)
    OTHER = "other"  # not a berkas: for staff, never answered
    DUPLICATE = "duplicate"  # taken before
    REFUSED = "refused"  # a scan that cannot be taken
    QUARANTINED = "quarantined"  # filing failed too often: for staff
    # what a pass reports of an item, besides the above
    RESUMED = "resumed"
    SKIPPED = "skipped"
    FAILED = "failed"
