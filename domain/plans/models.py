"""A goal, the plan built for it, its weeks and their sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.workouts.models import Activity


class GoalKind(StrEnum):
    RACE = "race"
    FITNESS = "fitness"
    STRENGTH = "strength"


class RaceClass(StrEnum):
    """Plans are shaped by the class of the race distance."""

    FIVE_K = "5k"
    TEN_K = "10k"
    HALF = "half"
    MARATHON = "marathon"

    @classmethod
    def of(cls, distance_m: float) -> RaceClass:
        if distance_m <= 6000:
            return cls.FIVE_K
        if distance_m <= 12_000:
            return cls.TEN_K
        if distance_m <= 25_000:
            return cls.HALF
        return cls.MARATHON


RACE_DISTANCES_M = {
    RaceClass.FIVE_K: 5000.0,
    RaceClass.TEN_K: 10_000.0,
    RaceClass.HALF: 21_097.5,
    RaceClass.MARATHON: 42_195.0,
}


@dataclass(frozen=True, slots=True)
class PlanGoal:
    kind: GoalKind
    distance_m: float | None = None
    target_s: int | None = None
    race_date: date | None = None
    sessions_per_week: int | None = None

    @property
    def race_class(self) -> RaceClass | None:
        return RaceClass.of(self.distance_m) if self.distance_m else None


class SessionKind(StrEnum):
    EASY = "easy"
    LONG = "long"
    QUALITY = "quality"
    STRENGTH = "strength"
    RACE = "race"
    REST = "rest"


class QualityType(StrEnum):
    """What a quality session is made of."""

    TEMPO = "tempo"
    INTERVALS = "intervals"


class WeekRole(StrEnum):
    BUILD = "build"
    RECOVERY = "recovery"
    TAPER = "taper"


class AdaptReason(StrEnum):
    ON_TRACK = "on_track"
    MISSED = "missed"
    HIGH_ACWR = "high_acwr"


class PlanStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


@dataclass(frozen=True, slots=True)
class Exercise:
    name: str
    sets: int
    reps: int


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """One day's session; speeds are targets in m/s (`fast_mps` closes a range)."""

    day: date
    kind: SessionKind
    activity: Activity
    duration_s: int
    distance_m: float | None = None
    speed_mps: float | None = None
    fast_mps: float | None = None
    workout: QualityType | None = None
    exercises: tuple[Exercise, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanWeek:
    index: int
    starts_on: date
    role: WeekRole
    target_minutes: int
    sessions: tuple[PlannedSession, ...]
    adapted_reason: AdaptReason | None = None

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=6)

    def session_on(self, day: date) -> PlannedSession | None:
        return next((session for session in self.sessions if session.day == day), None)


@dataclass(frozen=True, slots=True)
class Plan:
    id: int
    user_id: int
    goal: PlanGoal
    status: PlanStatus
    created_at: datetime
    vdot: float | None
    weeks: tuple[PlanWeek, ...]

    @property
    def starts_on(self) -> date:
        return self.weeks[0].starts_on

    @property
    def ends_on(self) -> date:
        return self.weeks[-1].ends_on

    def week_of(self, day: date) -> PlanWeek | None:
        return next((week for week in self.weeks if week.starts_on <= day <= week.ends_on), None)

    def session_on(self, day: date) -> PlannedSession | None:
        week = self.week_of(day)
        return week.session_on(day) if week else None
