"""The embedded account registry.

Revision ID: 0003_accounts
Revises: 0002_outbox
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_accounts"
down_revision = "0002_outbox"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.String(64), nullable=False, unique=True),
        sa.Column("nip", sa.String(18), nullable=False, unique=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("instansi", sa.String(300), nullable=True),
        sa.Column("registration", sa.String(20), nullable=False, index=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("must_change_password", sa.Boolean, nullable=False),
        sa.Column("password_expires_at", WHEN, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("activated_at", WHEN, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("accounts")
