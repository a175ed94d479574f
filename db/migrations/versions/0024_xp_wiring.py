"""xp wiring: XP awards outside workouts, and the winners of ended challenges

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-08 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "xp_awards",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("awarded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "reason"),
    )
    op.create_table(
        "challenge_wins",
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("won_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("told", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("challenge_id", "user_id"),
    )
    op.create_index("ix_challenge_wins_user", "challenge_wins", ["user_id"])
    op.create_index(op.f("ix_challenge_wins_told"), "challenge_wins", ["told"])


def downgrade() -> None:
    op.drop_index(op.f("ix_challenge_wins_told"), table_name="challenge_wins")
    op.drop_index("ix_challenge_wins_user", table_name="challenge_wins")
    op.drop_table("challenge_wins")
    op.drop_table("xp_awards")
