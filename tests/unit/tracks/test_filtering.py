"""Which live positions extend a track: replays, jitter, vague fixes and GPS jumps."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from domain.tracks.filtering import STILL_M, Verdict, step, top_speed
from domain.tracks.models import Fix
from domain.workouts.models import Activity
from tests.unit.tracks.routes import moved, path_length, real_fixes

START = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
HERE = Fix(START, 45.772175, 14.357659)


def test_a_position_no_newer_than_the_newest_seen_is_a_replay() -> None:
    later = moved(HERE, 30, seconds=10)
    assert step(HERE, later.at, later, Activity.RUN).verdict is Verdict.REPLAYED
    earlier = moved(HERE, 30, seconds=5)
    assert step(HERE, later.at, earlier, Activity.RUN).verdict is Verdict.REPLAYED


def test_moves_within_the_reported_accuracy_are_jitter() -> None:
    wobble = Fix(moved(HERE, 12, seconds=10).at, *_coords(moved(HERE, 12)), accuracy_m=15.0)
    assert step(HERE, HERE.at, wobble, Activity.WALK).verdict is Verdict.JITTER
    beyond = Fix(wobble.at, *_coords(moved(HERE, 20)), accuracy_m=15.0)
    judged = step(HERE, HERE.at, beyond, Activity.WALK)
    assert judged.kept
    assert 19.5 < judged.distance_m < 20.5


def test_a_few_metres_without_accuracy_is_standing_still() -> None:
    still = moved(HERE, STILL_M - 1, seconds=30)
    assert step(HERE, HERE.at, still, Activity.RUN).verdict is Verdict.JITTER


def test_a_vague_fix_is_ignored() -> None:
    vague = Fix(moved(HERE, 50, seconds=20).at, *_coords(moved(HERE, 50)), accuracy_m=250.0)
    assert step(HERE, HERE.at, vague, Activity.RUN).verdict is Verdict.VAGUE


def test_a_jump_faster_than_the_sport_allows_is_dropped_but_a_ride_may_go_that_fast() -> None:
    jump = moved(HERE, 300, seconds=15)  # 20 m/s
    assert step(HERE, HERE.at, jump, Activity.RUN).verdict is Verdict.JUMP
    assert step(HERE, HERE.at, jump, Activity.RIDE).kept
    assert top_speed(None) == top_speed(Activity.RIDE)


def test_moving_time_counts_only_stretches_faster_than_a_slow_walk() -> None:
    walking = moved(HERE, 15, seconds=10)
    assert step(HERE, HERE.at, walking, Activity.WALK).moving_s == 10
    crawling = moved(HERE, 15, seconds=100)
    assert step(HERE, HERE.at, crawling, Activity.WALK).moving_s == 0


def _replayed(fixes: list[Fix], activity: Activity) -> tuple[float, Counter[Verdict]]:
    last, distance, verdicts = fixes[0], 0.0, Counter[Verdict]()
    for fix in fixes[1:]:
        judged = step(last, last.at, fix, activity)
        verdicts[judged.verdict] += 1
        if judged.kept:
            last, distance = fix, distance + judged.distance_m
    return distance, verdicts


def test_a_real_run_every_ten_seconds_keeps_its_length() -> None:
    fixes = real_fixes("fit/activity-small-fenix2-run.fit", START, every=10)
    distance, verdicts = _replayed(fixes, Activity.RUN)
    assert verdicts[Verdict.JUMP] == 0
    assert abs(distance - path_length(fixes)) < 0.01 * path_length(fixes)
    assert 8_500 < distance < 9_100  # the watch said 9.0 km


def test_a_real_ride_loses_only_its_two_gps_glitches() -> None:
    fixes = real_fixes("gpx/cerknicko-jezero.gpx", START)
    distance, verdicts = _replayed(fixes, Activity.RIDE)
    assert verdicts[Verdict.JUMP] == 2
    assert abs(distance - path_length(fixes)) < 0.01 * path_length(fixes)


def test_a_walk_that_got_into_a_car_drops_the_drive() -> None:
    fixes = real_fixes("gpx/around-visnjan-with-car.gpx", START)
    as_walk, walked = _replayed(fixes, Activity.WALK)
    as_ride, _ = _replayed(fixes, Activity.RIDE)
    assert walked[Verdict.JUMP] > 50
    assert as_walk < 0.7 * as_ride
    assert abs(as_ride - path_length(fixes)) < 0.02 * path_length(fixes)


def _coords(fix: Fix) -> tuple[float, float]:
    return fix.latitude, fix.longitude
