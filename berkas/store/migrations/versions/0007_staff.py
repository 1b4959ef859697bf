"""Staff accounts (argon2id hashes), their sessions, refused logins, and who claimed each
decision a run waits for.

Revision ID: 0007_staff
Revises: 0006_body_hash
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_staff"
down_revision = "0006_body_hash"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("password_changed_at", WHEN, nullable=False),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff_accounts.id"), nullable=False,
                  index=True),
        sa.Column("client_address", sa.String(64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("last_seen_at", WHEN, nullable=False),
        sa.Column("ended_at", WHEN, nullable=True),
    )
    op.create_table(
        "staff_login_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, index=True),
        sa.Column("client_address", sa.String(64), nullable=False),
        sa.Column("at", WHEN, nullable=False),
    )
    op.create_table(
        "decision_claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("flow_run_id", sa.String(36), nullable=False),
        sa.Column("pause_key", sa.String(120), nullable=False),
        sa.Column("registration", sa.String(20), nullable=False, index=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("os_user", sa.String(64), nullable=True),
        sa.Column("client_address", sa.String(64), nullable=True),
        sa.Column("via", sa.String(20), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.UniqueConstraint("flow_run_id", "pause_key", name="uq_claim_pause"),
    )


def downgrade() -> None:
    for table in ("decision_claims", "staff_login_failures", "staff_sessions",
                  "staff_accounts"):
        op.drop_table(table)
