"""A workout in the athlete's journal, as logged by hand or imported."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Activity(StrEnum):
    RUN = "run"
    RIDE = "ride"
    SWIM = "swim"
    WALK = "walk"
    HIKE = "hike"
    STRENGTH = "strength"
    YOGA = "yoga"
    ROW = "row"
    SKI = "ski"
    OTHER = "other"

    @property
    def has_pace(self) -> bool:
        """Pace (time per distance) reads better than speed for foot and water sports."""
        return self in {Activity.RUN, Activity.WALK, Activity.HIKE, Activity.SWIM, Activity.ROW}


class WorkoutSource(StrEnum):
    TEXT = "text"
    GUIDED = "guided"
    FILE = "file"
    DEVICE = "device"


@dataclass(frozen=True, slots=True)
class StrengthSet:
    exercise: str
    sets: int
    reps: int
    weight_kg: float | None = None

    @property
    def volume_kg(self) -> float:
        return self.sets * self.reps * (self.weight_kg or 0.0)


@dataclass(frozen=True, slots=True)
class WorkoutDraft:
    """What the athlete told us, before it is stored."""

    activity: Activity
    duration_s: int | None = None
    distance_m: float | None = None
    avg_hr: int | None = None
    rpe: int | None = None
    note: str | None = None
    sets: tuple[StrengthSet, ...] = ()
    started_at: datetime | None = None  # None: it ended just now


@dataclass(frozen=True, slots=True)
class Workout:
    id: int
    user_id: int
    activity: Activity
    started_at: datetime
    source: WorkoutSource
    duration_s: int | None = None
    distance_m: float | None = None
    avg_hr: int | None = None
    rpe: int | None = None
    note: str | None = None
    load: float | None = None
    load_method: str | None = None
    hr_load: float | None = None
    rpe_load: float | None = None
    sets: tuple[StrengthSet, ...] = field(default_factory=tuple)

    @property
    def speed_mps(self) -> float | None:
        if not self.distance_m or not self.duration_s:
            return None
        return self.distance_m / self.duration_s

    @property
    def volume_kg(self) -> float:
        return sum(item.volume_kg for item in self.sets)


class JournalPeriod(StrEnum):
    ALL = "all"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class JournalDay:
    """The workouts of one local calendar day, newest first."""

    day: date
    workouts: tuple[Workout, ...]


@dataclass(frozen=True, slots=True)
class JournalPage:
    workouts: tuple[Workout, ...]
    page: int
    pages: int
    activity: Activity | None
    period: JournalPeriod = JournalPeriod.ALL
    days: tuple[JournalDay, ...] = ()
    today: date | None = None


class WorkoutField(StrEnum):
    """What the edit menu offers to change."""

    ACTIVITY = "activity"
    STARTED_AT = "started_at"
    DURATION = "duration"
    DISTANCE = "distance"
    AVG_HR = "avg_hr"
    RPE = "rpe"
