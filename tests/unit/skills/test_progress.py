"""Milestones read from the journal: the continuous-distance rule, the pace rule, lifts, weeks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.coaching.load import epley_1rm
from domain.skills.bests import week_of
from domain.skills.catalog import CATALOG, Measure, milestones
from domain.skills.progress import reached_by, sport_progress
from domain.workouts.models import Activity, StrengthSet, Workout, WorkoutSource

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # a Tuesday
UTC_ZONE = ZoneInfo("UTC")


def session(
    activity: Activity,
    distance_m: float | None = None,
    duration_s: int = 1800,
    days_ago: float = 0,
    sets: tuple[StrengthSet, ...] = (),
    workout_id: int = 0,
) -> Workout:
    started = NOW - timedelta(days=days_ago)
    return Workout(
        workout_id, 1, activity, started, WorkoutSource.TEXT, duration_s, distance_m, sets=sets
    )


def numbered(*workouts: Workout) -> list[Workout]:
    return [replace(w, id=index) for index, w in enumerate(workouts, start=1)]


def reached_ids(workouts: list[Workout], sport: Activity, weight: float | None = None) -> set[str]:
    progress = sport_progress(workouts, sport, weight, UTC_ZONE)
    return {item.milestone.id for item in progress.reached}


def test_the_catalog_is_ordered_and_its_ids_unique() -> None:
    ids = [m.id for rows in CATALOG.values() for m in rows]
    assert len(ids) == len(set(ids))
    for sport, rows in CATALOG.items():
        assert [m.order for m in rows] == list(range(1, len(rows) + 1))
        assert all(m.sport is sport for m in rows)


def test_a_distance_counts_only_when_one_workout_covers_it() -> None:
    two_short_runs = numbered(session(Activity.RUN, 2600, days_ago=1), session(Activity.RUN, 2600))
    assert "run_3k" not in reached_ids(two_short_runs, Activity.RUN), "not added up"
    one_run = numbered(session(Activity.RUN, 5000))
    assert {"run_first", "run_3k", "run_5k"} <= reached_ids(one_run, Activity.RUN)


def test_a_time_needs_a_run_at_least_as_long_and_is_its_pace_times_the_distance() -> None:
    # 4.9 km at 4:00 /km is faster than 25:00 per 5 km, but it is not 5 km: no credit.
    short = numbered(session(Activity.RUN, 4900, duration_s=4 * 60 * 49 // 10))
    assert "run_5k_25" not in reached_ids(short, Activity.RUN)
    # 10 km in 49:00 is 4:54 /km: 24:30 per 5 km, so both 5 km under 25:00 and 10 km under 50:00.
    ten = numbered(session(Activity.RUN, 10_000, duration_s=49 * 60))
    assert {"run_5k_25", "run_10k_50", "run_5k_30"} <= reached_ids(ten, Activity.RUN)
    exactly = numbered(session(Activity.RUN, 5000, duration_s=25 * 60))
    assert "run_5k_25" not in reached_ids(exactly, Activity.RUN), "under means under"


def test_the_next_milestone_shows_the_best_against_the_target() -> None:
    journal = numbered(session(Activity.RUN, 5000, duration_s=27 * 60 + 40, days_ago=3))
    progress = sport_progress(journal, Activity.RUN, None, UTC_ZONE)
    assert progress.level == 4, "first run, 3 km, 5 km, 5 km under 30:00"
    assert progress.next is not None
    assert progress.next.milestone.id == "run_weeks_4"
    faster = numbered(
        session(Activity.RUN, 10_000, duration_s=3600, days_ago=30),
        *(session(Activity.RUN, 5000, 27 * 60 + 40, days_ago=d) for d in (0, 1, 7, 8, 14, 15)),
        *(session(Activity.RUN, 5000, 27 * 60 + 40, days_ago=d) for d in (21, 22)),
    )
    progress = sport_progress(faster, Activity.RUN, None, UTC_ZONE)
    assert progress.next is not None
    assert progress.next.milestone.id == "run_10k_60"
    assert progress.next.current == 3600
    next_ids = [m.id for m in milestones(Activity.RUN)]
    assert next_ids.index("run_10k_60") == progress.level


def test_progress_toward_a_time_is_target_over_best() -> None:
    journal = numbered(
        session(Activity.RUN, 10_000, duration_s=3500, days_ago=40),
        *(session(Activity.RUN, 5000, 1660, days_ago=d) for d in (0, 1, 7, 8, 14, 15, 21, 22)),
    )
    progress = sport_progress(journal, Activity.RUN, None, UTC_ZONE)
    assert progress.next is not None
    assert progress.next.milestone.id == "run_5k_25"
    assert progress.next.current == 1660
    assert progress.next.ratio == pytest.approx(1500 / 1660)


def test_reached_milestones_are_dated_by_the_workout_that_reached_them() -> None:
    journal = numbered(session(Activity.RUN, 3000, days_ago=5), session(Activity.RUN, 5000))
    progress = sport_progress(journal, Activity.RUN, None, UTC_ZONE)
    dates = {item.milestone.id: item.at for item in progress.reached}
    assert dates["run_3k"] == NOW - timedelta(days=5)
    assert dates["run_5k"] == NOW


def test_lifts_are_multiples_of_body_weight_by_epley() -> None:
    # Epley (1985): 1RM = w × (1 + reps / 30); 5 × 105 kg → 122.5 kg.
    squat = numbered(session(Activity.STRENGTH, sets=(StrengthSet("squat", 5, 5, 105.0),)))
    assert epley_1rm(105.0, 5) == pytest.approx(122.5)
    assert "strength_squat_1_5" not in reached_ids(squat, Activity.STRENGTH, weight=82.0)
    assert "strength_squat_1_5" in reached_ids(squat, Activity.STRENGTH, weight=81.6)
    progress = sport_progress(squat, Activity.STRENGTH, 100.0, UTC_ZONE)
    assert progress.next is not None
    assert progress.next.milestone.id == "strength_push_up_20"


def test_without_body_weight_the_lifts_wait_and_say_so() -> None:
    squat = numbered(session(Activity.STRENGTH, sets=(StrengthSet("squat", 5, 5, 200.0),)))
    progress = sport_progress(squat, Activity.STRENGTH, None, UTC_ZONE)
    lifts = [m for m in milestones(Activity.STRENGTH) if m.measure is Measure.ONE_RM]
    assert progress.waiting_for_weight == len(lifts)
    assert progress.next is not None
    assert not progress.next.milestone.needs_weight, "the next one is one we can measure"
    assert progress.level == 1


def test_a_ride_speed_comes_from_a_ride_at_least_that_long() -> None:
    # 40 km in 1:36:00 is exactly 25 km/h: "at 25 km/h or faster" holds.
    ride = numbered(session(Activity.RIDE, 40_000, duration_s=96 * 60))
    assert "ride_40k_25" in reached_ids(ride, Activity.RIDE)
    slower = numbered(session(Activity.RIDE, 40_000, duration_s=97 * 60))
    assert "ride_40k_25" not in reached_ids(slower, Activity.RIDE)


def test_weeks_in_a_row_need_two_sessions_each_and_no_gap() -> None:
    four = [session(Activity.SWIM, 500, days_ago=d) for d in (1, 0, 8, 7, 15, 14, 22, 21)]
    assert "swim_weeks_4" in reached_ids(numbered(*sorted(four, key=lambda w: w.started_at)),
                                         Activity.SWIM)  # fmt: skip
    gap = [session(Activity.SWIM, 500, days_ago=d) for d in (1, 0, 8, 7, 22, 21, 29, 28)]
    assert "swim_weeks_4" not in reached_ids(numbered(*gap), Activity.SWIM)
    once_a_week = [session(Activity.SWIM, 500, days_ago=7 * week) for week in range(6)]
    assert "swim_weeks_4" not in reached_ids(numbered(*once_a_week), Activity.SWIM)


def test_weeks_start_at_the_athletes_own_midnight() -> None:
    moscow = ZoneInfo("Europe/Moscow")
    sunday_night = datetime(2026, 11, 22, 23, 30, tzinfo=moscow).astimezone(UTC)
    monday_early = datetime(2026, 11, 23, 0, 30, tzinfo=moscow).astimezone(UTC)
    late, early = (
        replace(session(Activity.RUN), started_at=at) for at in (sunday_night, monday_early)
    )
    assert week_of(early, moscow) == week_of(late, moscow) + 1
    assert week_of(early, UTC_ZONE) == week_of(late, UTC_ZONE), "both are Sunday in UTC"


def test_a_new_workout_tells_which_milestones_it_reached() -> None:
    earlier = numbered(session(Activity.RUN, 3000, days_ago=2))
    new = session(Activity.RUN, 5000, duration_s=24 * 60, workout_id=9)
    assert {m.id for m in reached_by(new, earlier, None, "UTC")} == {
        "run_5k", "run_5k_30", "run_5k_25"
    }  # fmt: skip
    again = replace(new, id=10, started_at=NOW + timedelta(hours=1))
    assert reached_by(again, [*earlier, new], None, "UTC") == ()
    first_swim = session(Activity.SWIM, 300, workout_id=11)
    assert [m.id for m in reached_by(first_swim, earlier, None, "UTC")] == ["swim_first"]
