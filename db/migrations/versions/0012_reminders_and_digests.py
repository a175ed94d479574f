"""reminders and digests

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 06:20:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op


revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reminder_minute", sa.SmallInteger(), server_default="1080", nullable=False)
        )
        batch_op.add_column(
            sa.Column("next_reminder_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("next_digest_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("bot_blocked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_users_next_reminder_at"), ["next_reminder_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_users_next_digest_at"), ["next_digest_at"], unique=False
        )

    # Existing athletes are due at once: the job finds the moment long missed, sends
    # nothing and schedules the real next one from their settings.
    users = sa.table(
        "users",
        sa.column("notify_reminders", sa.Boolean()),
        sa.column("notify_digests", sa.Boolean()),
        sa.column("next_reminder_at", sa.DateTime(timezone=True)),
        sa.column("next_digest_at", sa.DateTime(timezone=True)),
    )
    op.execute(users.update().where(users.c.notify_reminders).values(next_reminder_at=EPOCH))
    op.execute(users.update().where(users.c.notify_digests).values(next_digest_at=EPOCH))

    op.create_table(
        "notifications",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notifications_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", "local_date", name=op.f("pk_notifications")),
    )


def downgrade() -> None:
    op.drop_table("notifications")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_next_digest_at"))
        batch_op.drop_index(batch_op.f("ix_users_next_reminder_at"))
        batch_op.drop_column("bot_blocked_at")
        batch_op.drop_column("next_digest_at")
        batch_op.drop_column("next_reminder_at")
        batch_op.drop_column("reminder_minute")
