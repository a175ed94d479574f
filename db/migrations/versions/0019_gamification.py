"""gamification: XP ledger, game profiles, streak notices, earned achievements, leagues

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "league_weeks",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("week", name=op.f("pk_league_weeks")),
    )
    op.create_table(
        "earned_achievements",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("achievement_id", sa.String(length=32), nullable=False),
        sa.Column("tier", sa.SmallInteger(), nullable=False),
        sa.Column("earned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_earned_achievements_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "user_id", "achievement_id", "tier", name=op.f("pk_earned_achievements")
        ),
    )
    op.create_table(
        "game_notices",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_game_notices_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", "local_date", name=op.f("pk_game_notices")),
    )
    op.create_table(
        "game_profiles",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("weekly_target", sa.SmallInteger(), nullable=True),
        sa.Column("best_level", sa.Integer(), nullable=False),
        sa.Column("next_warning_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_game_profiles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_game_profiles")),
    )
    with op.batch_alter_table("game_profiles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_game_profiles_next_warning_at"), ["next_warning_at"], unique=False
        )

    op.create_table(
        "league_members",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("tier", sa.SmallInteger(), nullable=False),
        sa.Column("group_no", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("final_xp", sa.Integer(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("told", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_league_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("week", "user_id", name=op.f("pk_league_members")),
    )
    with op.batch_alter_table("league_members", schema=None) as batch_op:
        batch_op.create_index(
            "ix_league_members_group", ["week", "tier", "group_no"], unique=False
        )
        batch_op.create_index("ix_league_members_told", ["told"], unique=False)
        batch_op.create_index("ix_league_members_user_week", ["user_id", "week"], unique=False)

    op.create_table(
        "xp_ledger",
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("raw_xp", sa.Integer(), nullable=False),
        sa.Column("xp", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_xp_ledger_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_xp_ledger_workout_id_workouts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workout_id", name=op.f("pk_xp_ledger")),
    )
    with op.batch_alter_table("xp_ledger", schema=None) as batch_op:
        batch_op.create_index("ix_xp_ledger_user_day", ["user_id", "local_day"], unique=False)
        batch_op.create_index("ix_xp_ledger_user_started", ["user_id", "started_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("xp_ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_xp_ledger_user_started")
        batch_op.drop_index("ix_xp_ledger_user_day")

    op.drop_table("xp_ledger")
    with op.batch_alter_table("league_members", schema=None) as batch_op:
        batch_op.drop_index("ix_league_members_user_week")
        batch_op.drop_index("ix_league_members_told")
        batch_op.drop_index("ix_league_members_group")

    op.drop_table("league_members")
    with op.batch_alter_table("game_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_game_profiles_next_warning_at"))

    op.drop_table("game_profiles")
    op.drop_table("game_notices")
    op.drop_table("earned_achievements")
    op.drop_table("league_weeks")
