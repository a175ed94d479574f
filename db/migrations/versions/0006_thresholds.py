"""dated thresholds

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-01 06:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0006"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "thresholds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_thresholds_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thresholds")),
    )
    with op.batch_alter_table("thresholds", schema=None) as batch_op:
        batch_op.create_index(
            "ix_thresholds_user_kind_valid_from", ["user_id", "kind", "valid_from"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("thresholds", schema=None) as batch_op:
        batch_op.drop_index("ix_thresholds_user_kind_valid_from")

    op.drop_table("thresholds")
