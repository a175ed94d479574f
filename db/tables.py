"""The relational schema. Alembic migrations in db/migrations are its history."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime}  # noqa: RUF012


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(128))
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    units: Mapped[str] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64))
    notify_reminders: Mapped[bool] = mapped_column(Boolean)
    notify_digests: Mapped[bool] = mapped_column(Boolean)
    notify_promotions: Mapped[bool] = mapped_column(Boolean)
    sports_mask: Mapped[int] = mapped_column(SmallInteger, default=0)
    days_mask: Mapped[int] = mapped_column(SmallInteger, default=0)
    level: Mapped[str | None] = mapped_column(String(16))
    goal: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(64))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    resting_hr: Mapped[int | None] = mapped_column(SmallInteger)
    max_hr: Mapped[int | None] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column()
    onboarded_at: Mapped[datetime | None] = mapped_column()
    start_link: Mapped[str | None] = mapped_column(String(64))
    reminder_minute: Mapped[int] = mapped_column(SmallInteger, server_default="1080")
    next_reminder_at: Mapped[datetime | None] = mapped_column(index=True)
    next_digest_at: Mapped[datetime | None] = mapped_column(index=True)
    notify_checkins: Mapped[bool] = mapped_column(Boolean, server_default=true())
    next_checkin_at: Mapped[datetime | None] = mapped_column(index=True)
    bot_blocked_at: Mapped[datetime | None] = mapped_column()


class ProcessedUpdateRow(Base):
    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(index=True)


class FsmStateRow(Base):
    __tablename__ = "fsm_states"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column()


class WorkoutRow(Base):
    __tablename__ = "workouts"
    __table_args__ = (
        Index("ix_workouts_user_started", "user_id", "started_at"),
        Index("ix_workouts_user_activity_started", "user_id", "activity", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    activity: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column()
    duration_s: Mapped[int | None] = mapped_column(Integer)
    distance_m: Mapped[float | None] = mapped_column(Float)
    avg_hr: Mapped[int | None] = mapped_column(SmallInteger)
    rpe: Mapped[int | None] = mapped_column(SmallInteger)
    note: Mapped[str | None] = mapped_column(String(500))
    load: Mapped[float | None] = mapped_column(Float)
    load_method: Mapped[str | None] = mapped_column(String(16))
    hr_load: Mapped[float | None] = mapped_column(Float)
    rpe_load: Mapped[float | None] = mapped_column(Float)


class StrengthSetRow(Base):
    __tablename__ = "strength_sets"

    workout_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("workouts.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    exercise: Mapped[str] = mapped_column(String(32), index=True)
    sets: Mapped[int] = mapped_column(SmallInteger)
    reps: Mapped[int] = mapped_column(SmallInteger)
    weight_kg: Mapped[float | None] = mapped_column(Float)


class PersonalRecordRow(Base):
    __tablename__ = "personal_records"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    subject: Mapped[str] = mapped_column(String(32), primary_key=True)
    activity: Mapped[str] = mapped_column(String(16))
    value: Mapped[float] = mapped_column(Float)
    workout_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("workouts.id", ondelete="CASCADE"), index=True
    )
    achieved_at: Mapped[datetime] = mapped_column()


class SchedulerLeaseRow(Base):
    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column()


class CheckInRow(Base):
    __tablename__ = "checkins"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    sleep_quality: Mapped[int | None] = mapped_column(SmallInteger)
    mood: Mapped[int | None] = mapped_column(SmallInteger)
    soreness: Mapped[int | None] = mapped_column(SmallInteger)
    resting_hr: Mapped[int | None] = mapped_column(SmallInteger)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column()


class ThresholdRow(Base):
    __tablename__ = "thresholds"
    __table_args__ = (
        Index("ix_thresholds_user_kind_valid_from", "user_id", "kind", "valid_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float)
    valid_from: Mapped[datetime] = mapped_column()


class NotificationRow(Base):
    """One reminder or digest per athlete, kind and local day: the claim that stops doubles."""

    __tablename__ = "notifications"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    local_date: Mapped[date] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column()
    attempts: Mapped[int] = mapped_column(SmallInteger)


class PlanRow(Base):
    __tablename__ = "plans"
    __table_args__ = (
        # At most one active plan per athlete.
        Index(
            "uq_plans_active_user",
            "user_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    goal_kind: Mapped[str] = mapped_column(String(16))
    distance_m: Mapped[float | None] = mapped_column(Float)
    target_s: Mapped[int | None] = mapped_column(Integer)
    race_date: Mapped[date | None] = mapped_column(Date)
    sessions_per_week: Mapped[int | None] = mapped_column(SmallInteger)
    vdot: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column()


class PlanWeekRow(Base):
    __tablename__ = "plan_weeks"

    plan_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    index: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date)
    role: Mapped[str] = mapped_column(String(16))
    target_minutes: Mapped[int] = mapped_column(Integer)
    sessions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    adapted_reason: Mapped[str | None] = mapped_column(String(16))


class ImportedActivityRow(Base):
    """What an activity file adds to its workout: summary extras and the samples blob."""

    __tablename__ = "imported_activities"
    __table_args__ = (
        UniqueConstraint("user_id", "sha256", "part", name="uq_imported_activities_file"),
    )

    workout_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("workouts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    part: Mapped[int] = mapped_column(SmallInteger)
    sport: Mapped[str] = mapped_column(String(32))
    device: Mapped[str | None] = mapped_column(String(64))
    moving_s: Mapped[float | None] = mapped_column(Float)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    max_hr: Mapped[int | None] = mapped_column(SmallInteger)
    avg_power: Mapped[float | None] = mapped_column(Float)
    normalized_power: Mapped[float | None] = mapped_column(Float)
    avg_cadence: Mapped[float | None] = mapped_column(Float)
    calories: Mapped[int | None] = mapped_column(Integer)
    laps: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    group_id: Mapped[int | None] = mapped_column(Integer)
    warning: Mapped[str | None] = mapped_column(String(16))
    samples: Mapped[bytes] = mapped_column(LargeBinary)


class AdminRow(Base):
    """A role given in the database (ADMIN_IDS from the settings are admins besides)."""

    __tablename__ = "admins"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    role: Mapped[str] = mapped_column(String(16))
    granted_at: Mapped[datetime] = mapped_column()


class UserBanRow(Base):
    __tablename__ = "user_bans"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    banned_at: Mapped[datetime] = mapped_column()
    reason: Mapped[str | None] = mapped_column(String(200))
    banned_by: Mapped[int | None] = mapped_column(BigInteger)


class AuditLogRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(index=True)


class CampaignRow(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    author_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column()
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    audience_ready: Mapped[bool] = mapped_column(Boolean)
    audience_cursor: Mapped[int] = mapped_column(BigInteger)
    report_message_id: Mapped[int | None] = mapped_column(BigInteger)
    photo: Mapped[str | None] = mapped_column(String(256))
    button_text: Mapped[str | None] = mapped_column(String(64))
    button_target: Mapped[str | None] = mapped_column(String(256))
    audience: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    scheduled_at: Mapped[datetime | None] = mapped_column(index=True)


class CampaignDeliveryRow(Base):
    """One promotion to one athlete: the claim-then-send record that stops doubles."""

    __tablename__ = "campaign_deliveries"
    __table_args__ = (
        UniqueConstraint("campaign_id", "user_id"),
        Index("ix_campaign_deliveries_state_due", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("campaigns.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(SmallInteger)
    due_at: Mapped[datetime] = mapped_column()
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    reason: Mapped[str | None] = mapped_column(String(200))


# --- growth: promo codes, rewards, referrals ---


class PromoCodeRow(Base):
    """A code to redeem; the codes of one offer share a batch (one code for a shared offer)."""

    __tablename__ = "promo_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    batch: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reward: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[datetime | None] = mapped_column()
    max_uses: Mapped[int | None] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer)
    campaign_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column()


class PromoRedemptionRow(Base):
    """One redemption per athlete and offer: the unique key is the once-per-user rule."""

    __tablename__ = "promo_redemptions"
    __table_args__ = (UniqueConstraint("batch", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("promo_codes.id", ondelete="CASCADE"), index=True
    )
    batch: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    redeemed_at: Mapped[datetime] = mapped_column()


class UserFeatureRow(Base):
    """A feature unlocked for an athlete, until `expires_at` (never, when empty)."""

    __tablename__ = "user_features"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    feature: Mapped[str] = mapped_column(String(32), primary_key=True)
    expires_at: Mapped[datetime | None] = mapped_column()
    granted_at: Mapped[datetime] = mapped_column()
    source: Mapped[str] = mapped_column(String(64))


class UserBadgeRow(Base):
    __tablename__ = "user_badges"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    badge: Mapped[str] = mapped_column(String(32), primary_key=True)
    awarded_at: Mapped[datetime] = mapped_column()
    source: Mapped[str] = mapped_column(String(64))


class InviteCodeRow(Base):
    __tablename__ = "invite_codes"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(16), unique=True)


class ReferralRow(Base):
    """Who invited whom. Keyed by the invitee's Telegram id with no foreign key, so that it
    outlives a deleted account: an athlete is referred, and rewarded, once ever."""

    __tablename__ = "referrals"

    invitee_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    referrer_id: Mapped[int] = mapped_column(BigInteger, index=True)
    joined_at: Mapped[datetime] = mapped_column()
    rewarded_at: Mapped[datetime | None] = mapped_column()


# --- training partners ---


class PartnerProfileRow(Base):
    """A discoverable athlete: the grid cell and pace matching filters on (the rest of the
    profile is read from `users`, fresh)."""

    __tablename__ = "partner_profiles"
    __table_args__ = (Index("ix_partner_profiles_cell_updated_at", "cell", "updated_at"),)

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    cell: Mapped[int | None] = mapped_column(Integer)
    vdot: Mapped[float | None] = mapped_column(Float)
    since: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()


class PartnerIntroRow(Base):
    __tablename__ = "partner_intros"
    __table_args__ = (
        Index("ix_partner_intros_sender_created", "sender_id", "created_at"),
        Index("ix_partner_intros_pair", "sender_id", "recipient_id"),
        Index("ix_partner_intros_recipient", "recipient_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE")
    )
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column()
    decided_at: Mapped[datetime | None] = mapped_column()


class PartnerBlockRow(Base):
    __tablename__ = "partner_blocks"

    blocker_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    blocked_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column()


class PartnerReportRow(Base):
    """A report for the moderators; the reporter has also blocked the athlete."""

    __tablename__ = "partner_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reporter_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    reported_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column()


# --- gamification ---


class XpLedgerRow(Base):
    """The XP one workout earned: keyed by the workout, so an edit replaces and a
    re-import cannot add a second row."""

    __tablename__ = "xp_ledger"
    __table_args__ = (
        Index("ix_xp_ledger_user_day", "user_id", "local_day"),
        Index("ix_xp_ledger_user_started", "user_id", "started_at"),
    )

    workout_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("workouts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    local_day: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column()
    raw_xp: Mapped[int] = mapped_column(Integer)
    xp: Mapped[int] = mapped_column(Integer)


class GameProfileRow(Base):
    __tablename__ = "game_profiles"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    weekly_target: Mapped[int | None] = mapped_column(SmallInteger)
    best_level: Mapped[int] = mapped_column(Integer)
    next_warning_at: Mapped[datetime | None] = mapped_column(index=True)


class GameNoticeRow(Base):
    """One streak warning per athlete, kind and local day: the claim that stops doubles."""

    __tablename__ = "game_notices"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    local_date: Mapped[date] = mapped_column(Date, primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column()


class EarnedAchievementRow(Base):
    """One tier of one achievement: earned once, revoked and restored without a new row."""

    __tablename__ = "earned_achievements"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    achievement_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tier: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    earned_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class LeagueMemberRow(Base):
    __tablename__ = "league_members"
    __table_args__ = (
        Index("ix_league_members_group", "week", "tier", "group_no"),
        Index("ix_league_members_user_week", "user_id", "week"),
        Index("ix_league_members_told", "told"),
    )

    week: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    tier: Mapped[int] = mapped_column(SmallInteger)
    group_no: Mapped[int] = mapped_column(Integer)
    joined_at: Mapped[datetime] = mapped_column()
    final_xp: Mapped[int | None] = mapped_column(Integer)
    rank: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(16))
    told: Mapped[str | None] = mapped_column(String(16))


class LeagueWeekRow(Base):
    """A league week that has been closed: written in the close's own transaction."""

    __tablename__ = "league_weeks"

    week: Mapped[date] = mapped_column(Date, primary_key=True)
    closed_at: Mapped[datetime] = mapped_column()


# --- live tracks ---


class LiveTrackRow(Base):
    """A live location followed as a workout: its state and running totals (ADR 0032)."""

    __tablename__ = "live_tracks"
    __table_args__ = (
        UniqueConstraint("chat_id", "message_id", name="uq_live_tracks_message"),
        Index("ix_live_tracks_state_stale_at", "state", "stale_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    activity: Mapped[str | None] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column()
    live_until: Mapped[datetime] = mapped_column()
    last_fix_at: Mapped[datetime] = mapped_column()
    stale_at: Mapped[datetime] = mapped_column()
    last_latitude: Mapped[float] = mapped_column(Float)
    last_longitude: Mapped[float] = mapped_column(Float)
    last_accuracy_m: Mapped[float | None] = mapped_column(Float)
    last_kept_at: Mapped[datetime] = mapped_column()
    distance_m: Mapped[float] = mapped_column(Float)
    moving_s: Mapped[float] = mapped_column(Float)
    points: Mapped[int] = mapped_column(Integer)
    status_message_id: Mapped[int | None] = mapped_column(BigInteger)
    status_at: Mapped[datetime | None] = mapped_column()
    workout_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("workouts.id", ondelete="SET NULL")
    )


class LiveTrackPointRow(Base):
    """One kept position of an open track, appended as it arrives; dropped at the close."""

    __tablename__ = "live_track_points"

    track_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("live_tracks.id", ondelete="CASCADE"), primary_key=True
    )
    at: Mapped[datetime] = mapped_column(primary_key=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)


# --- devices ---
class DeviceRow(Base):
    """A paired device; its bearer token is kept only as a SHA-256 hash (ADR 0026)."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    paired_at: Mapped[datetime] = mapped_column()
    last_sync_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class PairingCodeRow(Base):
    __tablename__ = "device_pairing_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column()


class LiveSessionRow(Base):
    """A live session pushed by a device; its workout once finished (ADR 0027)."""

    __tablename__ = "live_sessions"
    __table_args__ = (UniqueConstraint("user_id", "client_session_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    device_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("devices.id", ondelete="CASCADE"), index=True
    )
    client_session_id: Mapped[str] = mapped_column(String(36))
    activity: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column()
    created_at: Mapped[datetime] = mapped_column()
    state: Mapped[str] = mapped_column(String(16))
    ended_at: Mapped[datetime | None] = mapped_column()
    workout_id: Mapped[int | None] = mapped_column(Integer)
    last_batch_at: Mapped[datetime | None] = mapped_column()


class LiveBatchRow(Base):
    """One batch of a live session's samples, by its sequence number: canonical JSON, zlib'd."""

    __tablename__ = "live_batches"

    session_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("live_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    digest: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)


# --- groups ---


class GroupRow(Base):
    """A training group; `geo_cell` is the coarse grid key of its area (ADR 0038)."""

    __tablename__ = "groups"
    __table_args__ = (
        # Words anywhere in the text, found by trigrams on PostgreSQL (SQLite walks the key).
        Index(
            "ix_groups_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(500))
    search_text: Mapped[str] = mapped_column(String(600))
    sports_mask: Mapped[int] = mapped_column(SmallInteger)
    level_min: Mapped[int] = mapped_column(SmallInteger)
    level_max: Mapped[int] = mapped_column(SmallInteger)
    days_mask: Mapped[int] = mapped_column(SmallInteger)
    slots: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_cell: Mapped[int | None] = mapped_column(Integer)
    city: Mapped[str | None] = mapped_column(String(64))
    policy: Mapped[str] = mapped_column(String(16))
    capacity: Mapped[int | None] = mapped_column(Integer)
    member_count: Mapped[int] = mapped_column(Integer, server_default="0")
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    plan: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column()


class GroupSportRow(Base):
    """The search key: one row per sport of a group, with its cell and its member count (kept
    in step with the group's), read through one of its two indexes."""

    __tablename__ = "group_sports"
    __table_args__ = (
        Index("ix_group_sports_sport_cell", "sport", "geo_cell", "group_id"),
        Index("ix_group_sports_sport_members", "sport", "member_count", "group_id"),
    )

    group_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    sport: Mapped[str] = mapped_column(String(16), primary_key=True)
    geo_cell: Mapped[int | None] = mapped_column(Integer)
    member_count: Mapped[int] = mapped_column(Integer, server_default="0")


class GroupMemberRow(Base):
    __tablename__ = "group_members"

    group_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    share_progress: Mapped[bool] = mapped_column(Boolean, server_default=false())
    joined_at: Mapped[datetime] = mapped_column()


class GroupEventRow(Base):
    """`remind_at` and `follow_up_at` are cleared when claimed: what is due is an index range."""

    __tablename__ = "group_events"
    __table_args__ = (Index("ix_group_events_group_starts", "group_id", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    group_id: Mapped[int] = mapped_column(Integer, ForeignKey("groups.id", ondelete="CASCADE"))
    sport: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    meeting_point: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    precise: Mapped[bool] = mapped_column(Boolean, server_default=false())
    distance_m: Mapped[float | None] = mapped_column(Float)
    pace_min_s: Mapped[int | None] = mapped_column(SmallInteger)
    pace_max_s: Mapped[int | None] = mapped_column(SmallInteger)
    capacity: Mapped[int | None] = mapped_column(Integer)
    recurring: Mapped[bool] = mapped_column(Boolean, server_default=false())
    chat_message_id: Mapped[int | None] = mapped_column(BigInteger)
    remind_at: Mapped[datetime | None] = mapped_column(index=True)
    reminded_at: Mapped[datetime | None] = mapped_column()
    follow_up_at: Mapped[datetime | None] = mapped_column(index=True)
    followed_up_at: Mapped[datetime | None] = mapped_column()
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column()


class GroupEventRsvpRow(Base):
    __tablename__ = "group_event_rsvps"

    event_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("group_events.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    answer: Mapped[str] = mapped_column(String(8))
    answered_at: Mapped[datetime] = mapped_column()
    workout_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("workouts.id", ondelete="SET NULL")
    )


# --- challenges ---
class ChallengeRow(Base):
    __tablename__ = "challenges"
    __table_args__ = (
        Index("ix_challenges_chat_id_id", "chat_id", "id"),
        Index("ix_challenges_state_ends_at", "state", "ends_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    scope: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    organizer_id: Mapped[int] = mapped_column(BigInteger)
    title: Mapped[str] = mapped_column(String(64))
    metric: Mapped[str] = mapped_column(String(16))
    sports: Mapped[str] = mapped_column(String(128))  # comma-separated; empty: every sport
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    reminder_at: Mapped[datetime | None] = mapped_column()
    goal: Mapped[str] = mapped_column(String(16))
    target: Mapped[float | None] = mapped_column(Float)
    mode: Mapped[str] = mapped_column(String(16))
    entries: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column()
    board_dirty_at: Mapped[datetime | None] = mapped_column()
    board_edited_at: Mapped[datetime | None] = mapped_column()
    participants: Mapped[int] = mapped_column(Integer, server_default="0")


class ChallengeTeamRow(Base):
    __tablename__ = "challenge_teams"

    challenge_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    index: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(32))
    total: Mapped[float] = mapped_column(Float)
    members: Mapped[int] = mapped_column(Integer)


class ChallengeParticipantRow(Base):
    """A running total per participant: the leaderboard is read from its index, not summed."""

    __tablename__ = "challenge_participants"
    __table_args__ = (
        Index(
            "ix_challenge_participants_board",
            "challenge_id",
            text("total DESC"),
            "joined_at",
            "user_id",
        ),
        Index("ix_challenge_participants_user", "user_id", "challenge_id"),
    )

    challenge_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    team: Mapped[int | None] = mapped_column(SmallInteger)
    total: Mapped[float] = mapped_column(Float)
    joined_at: Mapped[datetime] = mapped_column()


class ChallengeContributionRow(Base):
    """What one workout adds to one challenge. No foreign key to the workout: its deletion
    is heard by the listener, which takes the contribution back from the total."""

    __tablename__ = "challenge_contributions"
    __table_args__ = (
        Index("ix_challenge_contributions_user_workout", "user_id", "workout_id"),
        Index("ix_challenge_contributions_challenge_started", "challenge_id", "started_at"),
    )

    challenge_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    workout_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(BigInteger)
    value: Mapped[float] = mapped_column(Float)
    started_at: Mapped[datetime] = mapped_column()
    voided: Mapped[bool] = mapped_column(Boolean)


class ChallengePostRow(Base):
    """The start, reminder and end posts: claimed then sent, at most once each."""

    __tablename__ = "challenge_posts"

    challenge_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    claimed_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()


# --- xp wiring: XP awards and challenge wins ---


class XpAwardRow(Base):
    """XP given for something other than a workout (a promo code, a referral): one row per
    athlete and reason, so a replayed reward changes nothing."""

    __tablename__ = "xp_awards"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(String(64), primary_key=True)
    amount: Mapped[int] = mapped_column(Integer)
    awarded_at: Mapped[datetime] = mapped_column()


class ChallengeWinRow(Base):
    """A winner of an ended challenge, written when the end is claimed; `told` is the private
    achievement message: pending -> claimed -> sent | failed | blocked."""

    __tablename__ = "challenge_wins"
    __table_args__ = (Index("ix_challenge_wins_user", "user_id"),)

    challenge_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    won_at: Mapped[datetime] = mapped_column()
    told: Mapped[str] = mapped_column(String(16), index=True)
