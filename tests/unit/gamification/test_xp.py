"""XP per workout, the daily cap and the level curve."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.gamification.xp import (
    DAILY_CAP,
    allocate,
    level_of,
    level_threshold,
    progress_bar,
    workout_xp,
)
from domain.workouts.models import Activity, Workout, WorkoutSource

AT = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def workout(load: float | None = None, duration_s: int | None = None) -> Workout:
    return Workout(1, 1, Activity.RUN, AT, WorkoutSource.TEXT, duration_s=duration_s, load=load)


def test_xp_is_ten_plus_the_load_on_the_one_scale() -> None:
    assert workout_xp(workout(load=100, duration_s=3600)) == 110, "an hour at threshold"
    assert workout_xp(workout(load=46.4, duration_s=1500)) == 56


def test_without_a_load_the_minutes_count() -> None:
    assert workout_xp(workout(duration_s=3600)) == 55, "10 + 60 x 0.75"
    assert workout_xp(workout()) == 10, "sets without a time: showing up counts"


def test_one_workout_earns_at_most_300_for_its_effort() -> None:
    assert workout_xp(workout(load=900, duration_s=6 * 3600)) == 310


def test_the_day_cap_goes_to_the_earliest_workouts_first() -> None:
    day = [(2, AT + timedelta(hours=5), 200), (1, AT, 150), (3, AT + timedelta(hours=9), 80)]
    assert allocate(day) == {1: 150, 2: 150, 3: 0}
    assert sum(allocate(day).values()) == DAILY_CAP


def test_ten_short_workouts_cannot_beat_the_cap() -> None:
    day = [(i, AT + timedelta(minutes=i), 60) for i in range(10)]
    assert sum(allocate(day).values()) == 300


def test_each_level_takes_fifty_more_than_the_one_before_without_a_top() -> None:
    steps = [level_threshold(n + 1) - level_threshold(n) for n in range(1, 6)]
    assert steps == [100, 150, 200, 250, 300]
    assert level_threshold(1) == 0
    assert level_of(level_threshold(100)).level == 100
    assert level_of(10**7).level > 600


def test_the_level_progress_and_its_bar() -> None:
    progress = level_of(175)
    assert (progress.level, progress.into, progress.needed) == (2, 75, 150)
    assert progress_bar(progress.fraction) == "▰▰▰▰▰▱▱▱▱▱"
    assert progress_bar(0.0) == "▱" * 10
    assert progress_bar(1.0) == "▰" * 10
