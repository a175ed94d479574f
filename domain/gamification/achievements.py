"""Measuring the journal against the catalog: one function per metric, none per achievement."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.gamification.catalog import CATALOG, Achievement, Metric
from domain.workouts.models import Workout, WorkoutSource


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the catalog is measured on, read once per evaluation."""

    workouts: Sequence[Workout]
    zone: ZoneInfo
    elevations: Mapping[int, float] = field(default_factory=dict)  # by workout id
    records: int = 0
    best_week_streak: int = 0
    best_checkin_streak: int = 0
    checkins: int = 0
    level: int = 1
    external: Mapping[str, int] = field(default_factory=dict)
    _local: dict[int, datetime] = field(default_factory=dict, compare=False, repr=False)

    def local(self, workout: Workout) -> datetime:
        """The start on the athlete's clock, converted once per workout and evaluation."""
        moment = self._local.get(workout.id)
        if moment is None:
            moment = self._local[workout.id] = workout.started_at.astimezone(self.zone)
        return moment


@dataclass(frozen=True, slots=True)
class Progress:
    """How far the athlete is on one achievement: tiers reached and the next threshold."""

    achievement: Achievement
    value: float
    tier: int

    @property
    def next_threshold(self) -> float | None:
        thresholds = self.achievement.thresholds
        return thresholds[self.tier] if self.tier < len(thresholds) else None

    @property
    def fraction(self) -> float:
        goal = self.next_threshold
        return 1.0 if goal is None else min(1.0, self.value / goal)


def _days(facts: Facts, items: Sequence[Workout]) -> dict[date, int]:
    days: dict[date, int] = {}
    for workout in items:
        day = facts.local(workout).date()
        days[day] = days.get(day, 0) + 1
    return days


def _best_week(facts: Facts, items: Sequence[Workout], _a: Achievement) -> float:
    weeks: dict[tuple[int, int], float] = {}
    for workout in items:
        year, week, _ = facts.local(workout).isocalendar()
        weeks[(year, week)] = weeks.get((year, week), 0.0) + (workout.duration_s or 0)
    return max(weeks.values(), default=0.0)


def _param(a: Achievement) -> float:
    assert isinstance(a.param, int | float)
    return float(a.param)


Measure = Callable[[Facts, Sequence[Workout], Achievement], float]
_MEASURES: dict[Metric, Measure] = {
    Metric.WORKOUTS: lambda _f, ws, _a: len(ws),
    Metric.DISTANCE: lambda _f, ws, _a: sum(w.distance_m or 0.0 for w in ws),
    Metric.DURATION: lambda _f, ws, _a: sum(w.duration_s or 0 for w in ws),
    Metric.ELEVATION: lambda f, ws, _a: sum(f.elevations.get(w.id, 0.0) for w in ws),
    Metric.LOAD: lambda _f, ws, _a: sum(w.load or 0.0 for w in ws),
    Metric.LONG: lambda _f, ws, a: sum(1 for w in ws if (w.duration_s or 0) >= _param(a)),
    Metric.FAR: lambda _f, ws, a: sum(1 for w in ws if (w.distance_m or 0) >= _param(a)),
    Metric.EARLY: lambda f, ws, a: sum(1 for w in ws if f.local(w).hour < _param(a)),
    Metric.LATE: lambda f, ws, a: sum(1 for w in ws if f.local(w).hour >= _param(a)),
    Metric.WEEKEND: lambda f, ws, _a: sum(1 for w in ws if f.local(w).weekday() >= 5),
    Metric.NEW_YEAR: lambda f, ws, _a: sum(
        1 for w in ws if (f.local(w).month, f.local(w).day) == (1, 1)
    ),
    Metric.ACTIVE_DAYS: lambda f, ws, _a: len(_days(f, ws)),
    Metric.DOUBLE_DAYS: lambda f, ws, _a: sum(1 for n in _days(f, ws).values() if n >= 2),
    Metric.BEST_WEEK: _best_week,
    Metric.SPORTS: lambda _f, ws, _a: len({w.activity for w in ws}),
    Metric.FROM_DEVICE: lambda _f, ws, _a: sum(1 for w in ws if w.source is WorkoutSource.DEVICE),
    Metric.FROM_FILE: lambda _f, ws, _a: sum(1 for w in ws if w.source is WorkoutSource.FILE),
    Metric.RECORDS: lambda f, _ws, _a: f.records,
    Metric.WEEK_STREAK: lambda f, _ws, _a: f.best_week_streak,
    Metric.CHECKIN_STREAK: lambda f, _ws, _a: f.best_checkin_streak,
    Metric.CHECKINS: lambda f, _ws, _a: f.checkins,
    Metric.LEVEL: lambda f, _ws, _a: f.level,
    Metric.FACT: lambda f, _ws, a: f.external.get(str(a.param), 0),
}


def measure(achievement: Achievement, facts: Facts) -> Progress:
    """The achievement's value on the facts (its sport only, when it has one) and the
    tiers whose thresholds that value reaches."""
    workouts = facts.workouts
    if achievement.activity is not None:
        workouts = [w for w in workouts if w.activity is achievement.activity]
    value = float(_MEASURES[achievement.metric](facts, workouts, achievement))
    tier = sum(1 for threshold in achievement.thresholds if value >= threshold)
    return Progress(achievement, value, tier)


def evaluate(facts: Facts, catalog: Sequence[Achievement] = CATALOG) -> list[Progress]:
    return [measure(achievement, facts) for achievement in catalog]


def held(progress: Sequence[Progress]) -> set[tuple[str, int]]:
    """(achievement id, tier) of every tier the facts reach."""
    return {(p.achievement.id, tier) for p in progress for tier in range(1, p.tier + 1)}
