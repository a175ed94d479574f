from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from domain.workouts.models import Activity, Workout, WorkoutSource
from domain.workouts.stats import Period, bounds, summarize

TODAY = date(2026, 11, 25)  # a Wednesday
ZONE = ZoneInfo("Europe/Moscow")


def done(day: date, activity: Activity, minutes: int, km: float = 0.0, hour: int = 9) -> Workout:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=ZONE).astimezone(UTC)
    return Workout(
        0, 1, activity, start, WorkoutSource.TEXT, minutes * 60, km * 1000, load=minutes
    )


def test_periods_start_on_monday_the_first_and_new_year() -> None:
    assert bounds(Period.WEEK, TODAY).start == date(2026, 11, 23)
    assert bounds(Period.WEEK, TODAY).previous_start == date(2026, 11, 16)
    assert bounds(Period.MONTH, TODAY).start == date(2026, 11, 1)
    assert bounds(Period.MONTH, date(2026, 3, 5)).previous_start == date(2026, 2, 1)
    assert bounds(Period.YEAR, TODAY).previous_start == date(2025, 1, 1)


def test_week_totals_by_sport_against_the_week_before() -> None:
    workouts = [
        done(date(2026, 11, 23), Activity.RUN, 50, 10),
        done(date(2026, 11, 24), Activity.RUN, 30, 6),
        done(date(2026, 11, 25), Activity.SWIM, 40, 2),
        done(date(2026, 11, 18), Activity.RUN, 60, 12),
        done(date(2026, 11, 22), Activity.RIDE, 40, hour=23),  # Sunday 23:00 local: last week
    ]
    stats = summarize(workouts, Period.WEEK, TODAY, ZONE)
    assert stats.total.count == 3
    assert stats.total.duration_s == 120 * 60
    assert stats.by_activity[Activity.RUN].distance_m == 16_000
    assert list(stats.by_activity) == [Activity.RUN, Activity.SWIM], "longest first"
    assert stats.previous.duration_s == 100 * 60
    assert stats.weekly_minutes == [(date(2026, 11, 23), 120.0)]


def test_month_volume_has_every_week_even_empty_ones() -> None:
    workouts = [done(date(2026, 11, 3), Activity.RUN, 45)]
    stats = summarize(workouts, Period.MONTH, TODAY, ZONE)
    weeks = [week for week, _ in stats.weekly_minutes]
    assert weeks[0] == date(2026, 10, 26)
    assert weeks[-1] == date(2026, 11, 23)
    assert all(b - a == timedelta(days=7) for a, b in pairwise(weeks))
    assert dict(stats.weekly_minutes)[date(2026, 11, 2)] == 45
