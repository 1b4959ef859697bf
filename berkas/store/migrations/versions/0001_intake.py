"""Intake: applications, registration counters, intake items, stored files, events, sent mail.

Revision ID: 0001_intake
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_intake"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("registration", sa.String(20), nullable=False, unique=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("state", sa.String(40), nullable=False),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("nip", sa.String(18), nullable=True, index=True),
        sa.Column("nama", sa.String(200), nullable=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("sender", sa.String(320), nullable=True),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("archive_path", sa.String(500), nullable=False),
        sa.Column("needs_attention", sa.Boolean, nullable=False),
        sa.Column("verdict", sa.JSON, nullable=True),
        sa.Column("named_nips", sa.JSON, nullable=True),
    )
    op.create_table(
        "registration_counters",
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "intake_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("disposition", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("folder", sa.String(200), nullable=True),
        sa.Column("uidvalidity", sa.BigInteger, nullable=True),
        sa.Column("uid", sa.BigInteger, nullable=True),
        sa.Column("message_id", sa.String(998), nullable=True, index=True),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("scan_path", sa.String(1000), nullable=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id"), nullable=True),
        sa.Column("item_no", sa.Integer, nullable=True),
        sa.Column("archive_path", sa.String(500), nullable=True),
        sa.Column("received_at", WHEN, nullable=False),
        sa.Column("archived_at", WHEN, nullable=True),
        sa.Column("done_at", WHEN, nullable=True),
        sa.UniqueConstraint("folder", "uidvalidity", "uid", name="uq_mail_uid"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id"),
                  nullable=False, index=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("intake_items.id"), nullable=True),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("original_name", sa.String(1000), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("source", sa.String(1000), nullable=False),
        sa.Column("written_at", WHEN, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id"),
                  nullable=True, index=True),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("detail", sa.JSON, nullable=True),
    )
    op.create_table(
        "sent_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id"),
                  nullable=False, index=True),
        sa.Column("message_id", sa.String(998), nullable=False, unique=True),
        sa.Column("sent_at", WHEN, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    for table in ("sent_messages", "events", "documents", "intake_items",
                  "registration_counters", "applications"):
        op.drop_table(table)
