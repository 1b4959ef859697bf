"""The procedure: each application's flow run, and every SOP step's start, end and actor.

Revision ID: 0004_flows
Revises: 0003_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_flows"
down_revision = "0003_accounts"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("flow_run_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("waiting_for", sa.String(40), nullable=True))
        batch.add_column(sa.Column("waiting_since", WHEN, nullable=True))
    op.create_table(
        "steps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id"),
                  nullable=False, index=True),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("round", sa.Integer, nullable=False, server_default="1"),
        sa.Column("phase", sa.String(20), nullable=False, server_default=""),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("ended_at", WHEN, nullable=True),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("outcome", sa.String(60), nullable=True),
        sa.Column("detail", sa.JSON, nullable=True),
        sa.Column("reminded_at", WHEN, nullable=True),
        sa.Column("reminders", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("application_id", "step", "phase", "round", name="uq_step_round"),
    )


def downgrade() -> None:
    op.drop_table("steps")
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("waiting_since")
        batch.drop_column("waiting_for")
        batch.drop_column("flow_run_id")
