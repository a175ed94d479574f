"""daily check-in prompts

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 07:00:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op


revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notify_checkins", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("next_checkin_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_users_next_checkin_at"), ["next_checkin_at"], unique=False
        )

    # As in 0012: existing athletes are due at once, the long-missed moment sends nothing
    # and the job schedules their first real morning.
    users = sa.table("users", sa.column("next_checkin_at", sa.DateTime(timezone=True)))
    op.execute(users.update().values(next_checkin_at=EPOCH))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_next_checkin_at"))
        batch_op.drop_column("next_checkin_at")
        batch_op.drop_column("notify_checkins")
