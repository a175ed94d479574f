"""personal records

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 05:07:11.740351
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "personal_records",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=32), nullable=False),
        sa.Column("activity", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("achieved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_personal_records_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_personal_records_workout_id_workouts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", "subject", name=op.f("pk_personal_records")),
    )
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_personal_records_workout_id"), ["workout_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_personal_records_workout_id"))

    op.drop_table("personal_records")
