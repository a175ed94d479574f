"""What the gamification keeps: XP per workout, earned achievements, streaks, league places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class XpEntry:
    """The XP one workout earned: `raw` by the formula, `xp` after the day's cap."""

    workout_id: int
    user_id: int
    local_day: date
    started_at: datetime
    raw: int
    xp: int


@dataclass(frozen=True, slots=True)
class GameProfile:
    """Per athlete: the weekly session target (None: from the training days), the highest
    level already announced and the next evening streak check."""

    user_id: int
    weekly_target: int | None = None
    best_level: int = 1
    next_warning_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Earned:
    """One tier of one achievement; revoked while the journal no longer holds it."""

    achievement_id: str
    tier: int
    earned_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class LevelProgress:
    level: int
    total: int
    into: int  # XP earned inside the current level
    needed: int  # XP the current level takes to pass

    @property
    def fraction(self) -> float:
        return self.into / self.needed


@dataclass(frozen=True, slots=True)
class Streak:
    """`current` periods in a row (the running one counts once it is met); freezes kept."""

    current: int
    best: int
    freezes: int
    running_hit: bool

    @property
    def at_risk(self) -> bool:
        """Alive, not yet kept in the running period, and no freeze left to spend on it."""
        return self.current > 0 and not self.running_hit and self.freezes == 0


@dataclass(frozen=True, slots=True)
class Streaks:
    weekly: Streak
    target: int
    this_week: int  # sessions in the athlete's current week
    checkins: Streak


class NoticeKind(StrEnum):
    WEEKLY_STREAK = "weekly_streak"
    CHECKIN_STREAK = "checkin_streak"


class LeagueOutcome(StrEnum):
    PROMOTED = "promoted"
    STAYED = "stayed"
    DEMOTED = "demoted"


class Telling(StrEnum):
    """pending -> claimed -> sent | failed | blocked; only pending is ever claimed."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"


@dataclass(frozen=True, slots=True)
class LeagueMember:
    week: date  # the league week's Monday (UTC)
    user_id: int
    tier: int
    group_no: int
    joined_at: datetime
    final_xp: int | None = None
    rank: int | None = None
    outcome: LeagueOutcome | None = None
    told: Telling | None = None

    @property
    def next_tier(self) -> int:
        if self.outcome is LeagueOutcome.PROMOTED:
            return self.tier + 1
        if self.outcome is LeagueOutcome.DEMOTED:
            return self.tier - 1
        return self.tier


@dataclass(frozen=True, slots=True)
class XpAward:
    """XP given outside training (a promo code, a referral), once per reason."""

    reason: str
    amount: int
    awarded_at: datetime
