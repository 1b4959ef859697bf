"""The hash of each email's body, so that a Message-ID reused for other content (broken
mailers, or someone trying to make an application's mail vanish) is not taken as a duplicate.

Revision ID: 0006_body_hash
Revises: 0005_quarantine
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_body_hash"
down_revision = "0005_quarantine"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("intake_items") as batch:
        batch.add_column(sa.Column("body_sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("intake_items") as batch:
        batch.drop_column("body_sha256")
