"""Intake quarantine: how often filing an item failed, the last error, and staff attention.

Revision ID: 0005_quarantine
Revises: 0004_flows
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_quarantine"
down_revision = "0004_flows"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("intake_items") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_error", sa.Text, nullable=True))
        batch.add_column(sa.Column("needs_attention", sa.Boolean, nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("intake_items") as batch:
        batch.drop_column("needs_attention")
        batch.drop_column("last_error")
        batch.drop_column("attempts")
