"""Totals per sport for a week, month or year, against the period before."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.workouts.models import Activity, Workout


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass
class Totals:
    count: int = 0
    duration_s: int = 0
    distance_m: float = 0.0
    load: float = 0.0

    def add(self, workout: Workout) -> None:
        self.count += 1
        self.duration_s += workout.duration_s or 0
        self.distance_m += workout.distance_m or 0.0
        self.load += workout.load or 0.0


@dataclass(frozen=True, slots=True)
class PeriodBounds:
    start: date
    end: date
    previous_start: date


@dataclass
class PeriodStats:
    period: Period
    start: date
    end: date
    total: Totals = field(default_factory=Totals)
    previous: Totals = field(default_factory=Totals)
    by_activity: dict[Activity, Totals] = field(default_factory=dict)
    weekly_minutes: list[tuple[date, float]] = field(default_factory=list)


def bounds(period: Period, today: date) -> PeriodBounds:
    """This week (from Monday), month or year, up to today; and where the one before began."""
    if period is Period.WEEK:
        start = today - timedelta(days=today.weekday())
        return PeriodBounds(start, today, start - timedelta(days=7))
    if period is Period.MONTH:
        start = today.replace(day=1)
        previous = (start - timedelta(days=1)).replace(day=1)
        return PeriodBounds(start, today, previous)
    start = today.replace(month=1, day=1)
    return PeriodBounds(start, today, start.replace(year=start.year - 1))


def summarize(workouts: list[Workout], period: Period, today: date, zone: ZoneInfo) -> PeriodStats:
    """Totals by local day: a workout belongs to the day it started on, in the athlete's zone."""
    edges = bounds(period, today)
    stats = PeriodStats(period, edges.start, edges.end)
    weeks: dict[date, float] = {}
    first_week = edges.start - timedelta(days=edges.start.weekday())
    week = first_week
    while week <= edges.end:
        weeks[week] = 0.0
        week += timedelta(days=7)
    for workout in workouts:
        day = workout.started_at.astimezone(zone).date()
        if edges.start <= day <= edges.end:
            stats.total.add(workout)
            stats.by_activity.setdefault(workout.activity, Totals()).add(workout)
            monday = day - timedelta(days=day.weekday())
            weeks[monday] = weeks.get(monday, 0.0) + (workout.duration_s or 0) / 60
        elif edges.previous_start <= day < edges.start:
            stats.previous.add(workout)
    stats.weekly_minutes = sorted(weeks.items())
    stats.by_activity = dict(
        sorted(stats.by_activity.items(), key=lambda item: -item[1].duration_s)
    )
    return stats
