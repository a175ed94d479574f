"""campaign photo, button, audience and schedule; ban reasons; promo codes, rewards, referrals

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo", sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column("button_text", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("button_target", sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column("audience", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("scheduled_at", UTC_TIME, nullable=True))
        batch_op.create_index(batch_op.f("ix_campaigns_scheduled_at"), ["scheduled_at"])
    with op.batch_alter_table("user_bans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("banned_by", sa.BigInteger(), nullable=True))
    op.create_table(
        "promo_codes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("batch", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reward", sa.String(length=32), nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=True),
        sa.Column("max_uses", sa.Integer(), nullable=True),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promo_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_promo_codes_code")),
    )
    op.create_index(op.f("ix_promo_codes_batch"), "promo_codes", ["batch"], unique=False)
    op.create_table(
        "promo_redemptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("batch", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("redeemed_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["promo_codes.id"],
            name=op.f("fk_promo_redemptions_code_id_promo_codes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_promo_redemptions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promo_redemptions")),
        sa.UniqueConstraint("batch", "user_id", name=op.f("uq_promo_redemptions_batch")),
    )
    op.create_index(
        op.f("ix_promo_redemptions_code_id"), "promo_redemptions", ["code_id"], unique=False
    )
    op.create_index(
        op.f("ix_promo_redemptions_user_id"), "promo_redemptions", ["user_id"], unique=False
    )
    op.create_table(
        "user_features",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("feature", sa.String(length=32), nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=True),
        sa.Column("granted_at", UTC_TIME, nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_features_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "feature", name=op.f("pk_user_features")),
    )
    op.create_table(
        "user_badges",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("badge", sa.String(length=32), nullable=False),
        sa.Column("awarded_at", UTC_TIME, nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_badges_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "badge", name=op.f("pk_user_badges")),
    )
    op.create_table(
        "invite_codes",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_invite_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_invite_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_invite_codes_code")),
    )
    op.create_table(
        "referrals",
        sa.Column("invitee_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("referrer_id", sa.BigInteger(), nullable=False),
        sa.Column("joined_at", UTC_TIME, nullable=False),
        sa.Column("rewarded_at", UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint("invitee_id", name=op.f("pk_referrals")),
    )
    op.create_index(op.f("ix_referrals_referrer_id"), "referrals", ["referrer_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_referrals_referrer_id"), table_name="referrals")
    op.drop_table("referrals")
    op.drop_table("invite_codes")
    op.drop_table("user_badges")
    op.drop_table("user_features")
    op.drop_index(op.f("ix_promo_redemptions_user_id"), table_name="promo_redemptions")
    op.drop_index(op.f("ix_promo_redemptions_code_id"), table_name="promo_redemptions")
    op.drop_table("promo_redemptions")
    op.drop_index(op.f("ix_promo_codes_batch"), table_name="promo_codes")
    op.drop_table("promo_codes")
    with op.batch_alter_table("user_bans", schema=None) as batch_op:
        batch_op.drop_column("banned_by")
        batch_op.drop_column("reason")
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaigns_scheduled_at"))
        batch_op.drop_column("scheduled_at")
        batch_op.drop_column("audience")
        batch_op.drop_column("button_target")
        batch_op.drop_column("button_text")
        batch_op.drop_column("photo")
