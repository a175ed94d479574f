"""dated thresholds

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 06:30:00.000000
"""

import math
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Loads stored before move onto the one scale of ADR 0015 (100 ≈ an hour at threshold).
# Banister's TRIMP of an hour at the default LTHR (85 % of the reserve) is the same for
# every athlete, and an hour at RPE 7 is Foster's 420 AU.
HOUR_AT_LTHR_TRIMP = 60 * 0.85 * 0.64 * math.exp(1.92 * 0.85)
HOUR_AT_RPE_7 = 7 * 60


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
    _rescale(100 / HOUR_AT_LTHR_TRIMP, 100 / HOUR_AT_RPE_7)


def _rescale(hr_factor: float, rpe_factor: float) -> None:
    workouts = sa.table(
        "workouts",
        sa.column("load", sa.Float()),
        sa.column("load_method", sa.String()),
        sa.column("hr_load", sa.Float()),
        sa.column("rpe_load", sa.Float()),
    )
    for method, raw, factor in (
        ("heart_rate", workouts.c.hr_load, hr_factor),
        ("rpe", workouts.c.rpe_load, rpe_factor),
    ):
        op.execute(
            workouts.update()
            .where(workouts.c.load_method == method, raw.is_not(None))
            .values(load=raw * factor)
        )


def downgrade() -> None:
    _rescale(1.0, 1.0)
    with op.batch_alter_table("thresholds", schema=None) as batch_op:
        batch_op.drop_index("ix_thresholds_user_kind_valid_from")

    op.drop_table("thresholds")
