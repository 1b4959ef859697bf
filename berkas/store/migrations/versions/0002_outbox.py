"""Outgoing mail and letters: the outbox, letter numbers and their yearly counter.

Revision ID: 0002_outbox
Revises: 0001_intake
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_outbox"
down_revision = "0001_intake"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "letter_counters",
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(200), nullable=False, unique=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("registration", sa.String(20), nullable=False, index=True),
        sa.Column("purpose", sa.String(60), nullable=False),
        sa.Column("issued_at", WHEN, nullable=False),
        sa.UniqueConstraint("registration", "purpose", name="uq_letter_purpose"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id"),
                  nullable=True, index=True),
        sa.Column("registration", sa.String(20), nullable=False, index=True),
        sa.Column("purpose", sa.String(60), nullable=False),
        sa.Column("message_id", sa.String(998), nullable=False, unique=True),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("recipients", sa.JSON, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("status", sa.String(12), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", WHEN, nullable=False),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("sent_at", WHEN, nullable=True),
        sa.Column("archived_as", sa.String(1000), nullable=True),
        sa.UniqueConstraint("registration", "purpose", name="uq_outbox_purpose"),
    )


def downgrade() -> None:
    for table in ("outbox", "letters", "letter_counters"):
        op.drop_table(table)
