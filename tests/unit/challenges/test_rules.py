"""Which workouts count: sports, period, entries, plausibility; the setup's typed values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.challenges.models import Entries, Metric, PeriodKind, Rules
from domain.challenges.plausibility import is_implausible, record_speed
from domain.challenges.rules import Refusal, custom_bounds, period_bounds, refusal
from domain.challenges.validation import parse_period, parse_target, parse_teams, reminder_at
from domain.errors import InvalidValueError
from domain.workouts.models import Activity, Workout, WorkoutSource

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # a Tuesday
MOSCOW = ZoneInfo("Europe/Moscow")
WEEK = Rules(
    Metric.DISTANCE, datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC)
)


def run(
    distance_m: float = 10_000,
    duration_s: int = 3000,
    source: WorkoutSource = WorkoutSource.TEXT,
    avg_hr: int | None = None,
    activity: Activity = Activity.RUN,
    started_at: datetime = NOW,
) -> Workout:
    return Workout(1, 7, activity, started_at, source, duration_s, distance_m, avg_hr)


def test_a_workout_in_the_period_of_a_counted_sport_counts() -> None:
    assert refusal(WEEK, run()) is None
    runs_only = Rules(WEEK.metric, WEEK.starts_at, WEEK.ends_at, sports=frozenset({Activity.RUN}))
    assert refusal(runs_only, run(activity=Activity.RIDE, distance_m=30_000)) is Refusal.SPORT


def test_the_period_is_read_by_the_workouts_start_end_excluded() -> None:
    assert refusal(WEEK, run(started_at=WEEK.starts_at)) is None
    assert refusal(WEEK, run(started_at=WEEK.ends_at)) is Refusal.PERIOD
    assert refusal(WEEK, run(started_at=WEEK.starts_at - timedelta(seconds=1))) is Refusal.PERIOD


def test_device_only_takes_imported_workouts_with_heart_rate() -> None:
    device = Rules(WEEK.metric, WEEK.starts_at, WEEK.ends_at, entries=Entries.DEVICE_ONLY)
    assert refusal(device, run(avg_hr=150)) is Refusal.MANUAL
    assert refusal(device, run(source=WorkoutSource.FILE)) is Refusal.NO_HEART_RATE
    assert refusal(device, run(source=WorkoutSource.FILE, avg_hr=150)) is None
    assert refusal(device, run(source=WorkoutSource.DEVICE, avg_hr=150)) is None


@pytest.mark.parametrize(
    ("activity", "distance_m", "duration_s", "implausible"),
    [
        (Activity.RUN, 100, 10, False),  # 10.0 m/s over 100 m: Bolt did 10.4
        (Activity.RUN, 10_000, 1500, True),  # 10 km in 25:00 beats 26:11
        (Activity.RUN, 10_000, 1600, False),  # 26:40
        (Activity.RUN, 42_195, 7200, False),  # a 2:00:00 marathon: 5.86 m/s
        (Activity.RUN, 42_195, 7000, True),  # 1:56:40
        (Activity.SWIM, 1500, 800, True),  # 13:20 for 1500 m
        (Activity.RIDE, 40_000, 3600, False),  # 40 km/h
        (Activity.RIDE, 100_000, 5400, True),  # 100 km in 1:30 = 18.5 m/s
        (Activity.SKI, 50_000, 1800, False),  # no row: downhill is unknowable
    ],
)
def test_paces_beyond_the_world_record_for_the_distance_do_not_count(
    activity: Activity, distance_m: float, duration_s: int, implausible: bool
) -> None:
    workout = run(distance_m, duration_s, activity=activity)
    assert is_implausible(workout) is implausible
    expected = Refusal.IMPLAUSIBLE if implausible else None
    assert refusal(WEEK, workout) is expected


def test_the_record_table_gets_slower_with_the_distance() -> None:
    speeds = [record_speed(Activity.RUN, d) for d in (100, 800, 1500, 5000, 10_000, 42_195)]
    assert speeds == sorted(speeds, reverse=True)  # type: ignore[type-var]
    assert record_speed(Activity.YOGA, 1000) is None


def test_this_week_and_this_month_in_the_organizers_timezone() -> None:
    start, end = period_bounds(PeriodKind.WEEK, NOW, MOSCOW)
    assert (start, end) == (
        datetime(2026, 11, 22, 21, 0, tzinfo=UTC),  # Monday 00:00 in Moscow
        datetime(2026, 11, 29, 21, 0, tzinfo=UTC),
    )
    start, end = period_bounds(PeriodKind.MONTH, datetime(2026, 12, 31, 22, tzinfo=UTC), MOSCOW)
    assert start == datetime(2026, 12, 31, 21, 0, tzinfo=UTC), "already January in Moscow"
    assert end == datetime(2027, 1, 31, 21, 0, tzinfo=UTC)


def test_typed_dates_include_both_days() -> None:
    start, end = parse_period("2026-12-01 2026-12-31", NOW, MOSCOW)
    assert (start, end) == custom_bounds(date(2026, 12, 1), date(2026, 12, 31), MOSCOW)
    assert end - start == timedelta(days=31)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("december", "format"),
        ("2026-12-31 2026-12-01", "reversed"),
        ("2026-01-01 2026-01-31", "past"),
        ("2026-12-01 2027-06-01", "too_long"),
        ("2026-02-30 2026-03-01", "format"),
    ],
)
def test_bad_dates_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        parse_period(text, NOW, MOSCOW)
    assert error.value.reason == reason


def test_targets_are_typed_in_the_metrics_usual_unit() -> None:
    assert parse_target("100", Metric.DISTANCE) == 100_000
    assert parse_target("2,5", Metric.DURATION) == 9000
    assert parse_target("12", Metric.WORKOUTS) == 12
    for text in ("-1", "0", "lots"):
        with pytest.raises(InvalidValueError):
            parse_target(text, Metric.DISTANCE)


def test_two_to_four_distinct_team_names() -> None:
    assert parse_teams(" Red ,  Blue  Sky ") == ("Red", "Blue Sky")
    for text in ("Solo", "a, b, c, d, e", "Red, red"):
        with pytest.raises(InvalidValueError):
            parse_teams(text)


def test_a_reminder_a_day_before_the_end_of_a_long_enough_challenge() -> None:
    assert reminder_at(WEEK) == datetime(2026, 11, 29, tzinfo=UTC)
    short = Rules(WEEK.metric, WEEK.starts_at, WEEK.starts_at + timedelta(days=2))
    assert reminder_at(short) is None
