"""What /achievements, /level and /league show, and what the scheduler tells."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.gamification.achievements import Progress
from domain.gamification.catalog import Achievement
from domain.gamification.models import LeagueOutcome, LevelProgress, NoticeKind, Streaks


@dataclass(frozen=True, slots=True)
class EarnedItem:
    achievement: Achievement
    tier: int
    earned_at: datetime

    @property
    def badge(self) -> str:
        return self.achievement.badge(self.tier)


@dataclass(frozen=True, slots=True)
class AchievementsView:
    earned: tuple[EarnedItem, ...]  # the highest tier of each, newest first
    next: tuple[Progress, ...]  # the closest ones still to reach
    level: LevelProgress
    total: int  # definitions in the catalog


@dataclass(frozen=True, slots=True)
class LevelCard:
    level: LevelProgress
    streaks: Streaks
    custom_target: bool  # False: the target comes from the training days


@dataclass(frozen=True, slots=True)
class Standing:
    rank: int
    first_name: str
    xp: int
    me: bool


@dataclass(frozen=True, slots=True)
class LeagueView:
    """None of the standings when the athlete has not earned XP this league week."""

    tier: int
    week: date
    ends_at: datetime
    standings: tuple[Standing, ...] = ()
    rank: int | None = None
    promoted: int = 0  # places going up
    demoted: int = 0  # places going down


@dataclass(frozen=True, slots=True)
class StreakWarning:
    kind: NoticeKind
    current: int
    missing: int  # sessions still to do this week; 1 for a check-in


@dataclass(frozen=True, slots=True)
class LeagueResult:
    tier: int
    next_tier: int
    rank: int
    size: int
    xp: int
    outcome: LeagueOutcome
