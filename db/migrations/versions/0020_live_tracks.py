"""live tracks: live locations followed as workouts, and their kept positions

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "live_tracks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("activity", sa.String(length=16), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("live_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_fix_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stale_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_latitude", sa.Float(), nullable=False),
        sa.Column("last_longitude", sa.Float(), nullable=False),
        sa.Column("last_accuracy_m", sa.Float(), nullable=True),
        sa.Column("last_kept_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=False),
        sa.Column("moving_s", sa.Float(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("status_message_id", sa.BigInteger(), nullable=True),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("workout_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_live_tracks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_live_tracks_workout_id_workouts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_tracks")),
        sa.UniqueConstraint("chat_id", "message_id", name="uq_live_tracks_message"),
    )
    op.create_index(op.f("ix_live_tracks_user_id"), "live_tracks", ["user_id"])
    op.create_index("ix_live_tracks_state_stale_at", "live_tracks", ["state", "stale_at"])
    op.create_table(
        "live_track_points",
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["track_id"],
            ["live_tracks.id"],
            name=op.f("fk_live_track_points_track_id_live_tracks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("track_id", "at", name=op.f("pk_live_track_points")),
    )


def downgrade() -> None:
    op.drop_table("live_track_points")
    op.drop_index("ix_live_tracks_state_stale_at", table_name="live_tracks")
    op.drop_index(op.f("ix_live_tracks_user_id"), table_name="live_tracks")
    op.drop_table("live_tracks")
