"""The journal's periods and days, both on the athlete's own calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.workouts.models import JournalDay, JournalPeriod, Workout
from domain.workouts.stats import Period, bounds


@dataclass(frozen=True, slots=True)
class Span:
    """UTC bounds: start included, end excluded; None is open."""

    start: datetime | None = None
    end: datetime | None = None


def period_span(period: JournalPeriod, today: date, zone: ZoneInfo) -> Span:
    """This week (from Monday), month or year up to the end of today, from local midnight."""
    if period is JournalPeriod.ALL:
        return Span()
    start = bounds(Period(period.value), today).start
    return Span(_midnight(start, zone), _midnight(today + timedelta(days=1), zone))


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone).astimezone(UTC)


def by_day(workouts: list[Workout], zone: ZoneInfo) -> tuple[JournalDay, ...]:
    """Consecutive workouts of one local day under one header, in the order given."""
    days: list[JournalDay] = []
    for workout in workouts:
        day = workout.started_at.astimezone(zone).date()
        if days and days[-1].day == day:
            days[-1] = JournalDay(day, (*days[-1].workouts, workout))
        else:
            days.append(JournalDay(day, (workout,)))
    return tuple(days)
