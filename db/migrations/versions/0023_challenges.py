"""challenges: rules, participants' running totals, contributions, teams and posts

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "challenges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("organizer_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(length=64), nullable=False),
        sa.Column("metric", sa.String(length=16), nullable=False),
        sa.Column("sports", sa.String(length=128), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reminder_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("goal", sa.String(length=16), nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("entries", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("board_dirty_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("board_edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("participants", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenges")),
        sa.UniqueConstraint("code", name=op.f("uq_challenges_code")),
    )
    op.create_index("ix_challenges_chat_id_id", "challenges", ["chat_id", "id"], unique=False)
    op.create_index(
        "ix_challenges_state_ends_at", "challenges", ["state", "ends_at"], unique=False
    )

    op.create_table(
        "challenge_contributions",
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("workout_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenges.id"],
            name=op.f("fk_challenge_contributions_challenge_id_challenges"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "challenge_id", "workout_id", name=op.f("pk_challenge_contributions")
        ),
    )
    op.create_index(
        "ix_challenge_contributions_challenge_started",
        "challenge_contributions",
        ["challenge_id", "started_at"],
        unique=False,
    )
    op.create_index(
        "ix_challenge_contributions_user_workout",
        "challenge_contributions",
        ["user_id", "workout_id"],
        unique=False,
    )

    op.create_table(
        "challenge_participants",
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("team", sa.SmallInteger(), nullable=True),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenges.id"],
            name=op.f("fk_challenge_participants_challenge_id_challenges"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_challenge_participants_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("challenge_id", "user_id", name=op.f("pk_challenge_participants")),
    )
    op.create_index(
        "ix_challenge_participants_board",
        "challenge_participants",
        ["challenge_id", sa.text("total DESC"), "joined_at", "user_id"],
        unique=False,
    )
    op.create_index(
        "ix_challenge_participants_user",
        "challenge_participants",
        ["user_id", "challenge_id"],
        unique=False,
    )

    op.create_table(
        "challenge_posts",
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenges.id"],
            name=op.f("fk_challenge_posts_challenge_id_challenges"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("challenge_id", "kind", name=op.f("pk_challenge_posts")),
    )
    op.create_index(op.f("ix_challenge_posts_state"), "challenge_posts", ["state"], unique=False)

    op.create_table(
        "challenge_teams",
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenges.id"],
            name=op.f("fk_challenge_teams_challenge_id_challenges"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("challenge_id", "index", name=op.f("pk_challenge_teams")),
    )


def downgrade() -> None:
    op.drop_table("challenge_teams")
    op.drop_index(op.f("ix_challenge_posts_state"), table_name="challenge_posts")

    op.drop_table("challenge_posts")
    op.drop_index("ix_challenge_participants_user", table_name="challenge_participants")
    op.drop_index("ix_challenge_participants_board", table_name="challenge_participants")

    op.drop_table("challenge_participants")
    op.drop_index("ix_challenge_contributions_user_workout", table_name="challenge_contributions")
    op.drop_index(
        "ix_challenge_contributions_challenge_started", table_name="challenge_contributions"
    )

    op.drop_table("challenge_contributions")
    op.drop_index("ix_challenges_state_ends_at", table_name="challenges")
    op.drop_index("ix_challenges_chat_id_id", table_name="challenges")

    op.drop_table("challenges")
