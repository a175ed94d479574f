"""Which workouts a challenge counts, and over which period: pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.challenges.models import Entries, PeriodKind, Rules
from domain.challenges.plausibility import is_implausible
from domain.workouts.models import Workout, WorkoutSource

DEVICE_SOURCES = frozenset({WorkoutSource.FILE, WorkoutSource.DEVICE})
MAX_DAYS = 92


class Refusal(StrEnum):
    """Why a workout in the period does not count; the athlete is told the first two."""

    IMPLAUSIBLE = "implausible"
    NO_HEART_RATE = "no_heart_rate"
    MANUAL = "manual"
    SPORT = "sport"
    PERIOD = "period"


def refusal(rules: Rules, workout: Workout) -> Refusal | None:
    """None when the workout counts under the rules; otherwise the first reason it does not."""
    if not rules.starts_at <= workout.started_at < rules.ends_at:
        return Refusal.PERIOD
    if rules.sports and workout.activity not in rules.sports:
        return Refusal.SPORT
    if rules.entries is Entries.DEVICE_ONLY:
        if workout.source not in DEVICE_SOURCES:
            return Refusal.MANUAL
        if workout.avg_hr is None:
            return Refusal.NO_HEART_RATE
    if is_implausible(workout):
        return Refusal.IMPLAUSIBLE
    return None


def period_bounds(kind: PeriodKind, now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """This local week (Monday on) or month, as UTC bounds [start, end)."""
    today = now.astimezone(zone).date()
    if kind is PeriodKind.WEEK:
        first = today - timedelta(days=today.weekday())
        last = first + timedelta(days=7)
    else:
        first = today.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1)
    return _midnight(first, zone), _midnight(last, zone)


def custom_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """From the first day's local midnight to the end of the last day, as UTC bounds."""
    return _midnight(first, zone), _midnight(last + timedelta(days=1), zone)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone).astimezone(UTC)
