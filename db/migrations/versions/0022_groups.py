"""groups, members, events and answers

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("search_text", sa.String(length=600), nullable=False),
        sa.Column("sports_mask", sa.SmallInteger(), nullable=False),
        sa.Column("level_min", sa.SmallInteger(), nullable=False),
        sa.Column("level_max", sa.SmallInteger(), nullable=False),
        sa.Column("days_mask", sa.SmallInteger(), nullable=False),
        sa.Column("slots", sa.String(length=200), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_cell", sa.Integer(), nullable=True),
        sa.Column("city", sa.String(length=64), nullable=True),
        sa.Column("policy", sa.String(length=16), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("member_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("plan", sa.Text(), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("chat_id", name=op.f("uq_groups_chat_id")),
        sa.UniqueConstraint("code", name=op.f("uq_groups_code")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(
            "ix_groups_search_text_trgm",
            "groups",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )
    op.create_table(
        "group_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("sport", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("meeting_point", sa.String(length=120), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("precise", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("pace_min_s", sa.SmallInteger(), nullable=True),
        sa.Column("pace_max_s", sa.SmallInteger(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("recurring", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("chat_message_id", sa.BigInteger(), nullable=True),
        sa.Column("remind_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("follow_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("followed_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_events_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_events")),
    )
    with op.batch_alter_table("group_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_events_follow_up_at"), ["follow_up_at"], unique=False
        )
        batch_op.create_index(
            "ix_group_events_group_starts", ["group_id", "starts_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_group_events_remind_at"), ["remind_at"], unique=False)

    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("share_progress", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_members_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_group_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "user_id", name=op.f("pk_group_members")),
    )
    with op.batch_alter_table("group_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_members_user_id"), ["user_id"], unique=False)

    op.create_table(
        "group_sports",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("sport", sa.String(length=16), nullable=False),
        sa.Column("geo_cell", sa.Integer(), nullable=True),
        sa.Column("member_count", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_sports_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "sport", name=op.f("pk_group_sports")),
    )
    with op.batch_alter_table("group_sports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_group_sports_sport_cell", ["sport", "geo_cell", "group_id"], unique=False
        )
        batch_op.create_index(
            "ix_group_sports_sport_members", ["sport", "member_count", "group_id"], unique=False
        )

    op.create_table(
        "group_event_rsvps",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("answer", sa.String(length=8), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["group_events.id"],
            name=op.f("fk_group_event_rsvps_event_id_group_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_group_event_rsvps_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_group_event_rsvps_workout_id_workouts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("event_id", "user_id", name=op.f("pk_group_event_rsvps")),
    )
    with op.batch_alter_table("group_event_rsvps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_event_rsvps_user_id"), ["user_id"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("group_event_rsvps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_event_rsvps_user_id"))

    op.drop_table("group_event_rsvps")
    with op.batch_alter_table("group_sports", schema=None) as batch_op:
        batch_op.drop_index("ix_group_sports_sport_members")
        batch_op.drop_index("ix_group_sports_sport_cell")

    op.drop_table("group_sports")
    with op.batch_alter_table("group_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_members_user_id"))

    op.drop_table("group_members")
    with op.batch_alter_table("group_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_events_remind_at"))
        batch_op.drop_index("ix_group_events_group_starts")
        batch_op.drop_index(batch_op.f("ix_group_events_follow_up_at"))

    op.drop_table("group_events")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_groups_search_text_trgm", table_name="groups")
    op.drop_table("groups")
