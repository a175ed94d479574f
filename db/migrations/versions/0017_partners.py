"""training partners: discoverable athletes, intros, blocks, reports

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 10:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _to_user(table: str, column: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_{column}_users")
    return sa.ForeignKeyConstraint([column], ["users.id"], name=name, ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "partner_profiles",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("cell", sa.Integer(), nullable=True),
        sa.Column("vdot", sa.Float(), nullable=True),
        _when("since"),
        _when("updated_at"),
        _to_user("partner_profiles", "user_id"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_partner_profiles")),
    )
    op.create_index(
        "ix_partner_profiles_cell_updated_at", "partner_profiles", ["cell", "updated_at"]
    )
    op.create_table(
        "partner_intros",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sender_id", sa.BigInteger(), nullable=False),
        sa.Column("recipient_id", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        _when("created_at"),
        _when("decided_at", nullable=True),
        _to_user("partner_intros", "sender_id"),
        _to_user("partner_intros", "recipient_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_intros")),
    )
    op.create_index(
        "ix_partner_intros_sender_created", "partner_intros", ["sender_id", "created_at"]
    )
    op.create_index("ix_partner_intros_pair", "partner_intros", ["sender_id", "recipient_id"])
    op.create_index("ix_partner_intros_recipient", "partner_intros", ["recipient_id"])
    op.create_table(
        "partner_blocks",
        sa.Column("blocker_id", sa.BigInteger(), nullable=False),
        sa.Column("blocked_id", sa.BigInteger(), nullable=False),
        _when("created_at"),
        _to_user("partner_blocks", "blocker_id"),
        _to_user("partner_blocks", "blocked_id"),
        sa.PrimaryKeyConstraint("blocker_id", "blocked_id", name=op.f("pk_partner_blocks")),
    )
    op.create_index(op.f("ix_partner_blocks_blocked_id"), "partner_blocks", ["blocked_id"])
    op.create_table(
        "partner_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reporter_id", sa.BigInteger(), nullable=False),
        sa.Column("reported_id", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        _when("created_at"),
        _to_user("partner_reports", "reporter_id"),
        _to_user("partner_reports", "reported_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_reports")),
    )
    op.create_index(op.f("ix_partner_reports_reporter_id"), "partner_reports", ["reporter_id"])
    op.create_index(op.f("ix_partner_reports_reported_id"), "partner_reports", ["reported_id"])


def downgrade() -> None:
    op.drop_table("partner_reports")
    op.drop_table("partner_blocks")
    op.drop_table("partner_intros")
    op.drop_table("partner_profiles")
