"""workouts and strength sets

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 04:56:28.524110
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workouts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("activity", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("avg_hr", sa.SmallInteger(), nullable=True),
        sa.Column("rpe", sa.SmallInteger(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("load", sa.Float(), nullable=True),
        sa.Column("load_method", sa.String(length=16), nullable=True),
        sa.Column("hr_load", sa.Float(), nullable=True),
        sa.Column("rpe_load", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workouts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workouts")),
    )
    with op.batch_alter_table("workouts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_workouts_user_activity_started",
            ["user_id", "activity", "started_at"],
            unique=False,
        )
        batch_op.create_index("ix_workouts_user_started", ["user_id", "started_at"], unique=False)

    op.create_table(
        "strength_sets",
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("exercise", sa.String(length=32), nullable=False),
        sa.Column("sets", sa.SmallInteger(), nullable=False),
        sa.Column("reps", sa.SmallInteger(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_strength_sets_workout_id_workouts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workout_id", "position", name=op.f("pk_strength_sets")),
    )
    with op.batch_alter_table("strength_sets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strength_sets_exercise"), ["exercise"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("strength_sets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strength_sets_exercise"))

    op.drop_table("strength_sets")
    with op.batch_alter_table("workouts", schema=None) as batch_op:
        batch_op.drop_index("ix_workouts_user_started")
        batch_op.drop_index("ix_workouts_user_activity_started")

    op.drop_table("workouts")
