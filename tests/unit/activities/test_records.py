"""Best segments inside a longer workout, from its samples."""

from __future__ import annotations

from domain.workouts.models import Activity
from domain.workouts.records import RecordKind, fastest_stretch, segment_candidates
from tests.unit.activities.files import parsed


def test_the_fastest_stretch_over_a_distance() -> None:
    # 4 m/s for 10 minutes, then 5 m/s for 200 s (1 km), then 4 m/s again.
    track = [(t, 4.0 * t) for t in range(601)]
    track += [(600 + t, 2400 + 5.0 * t) for t in range(1, 201)]
    track += [(800 + t, 3400 + 4.0 * t) for t in range(1, 600)]
    assert fastest_stretch(track, 1000) == 200
    assert fastest_stretch(track, 10_000) is None


def test_a_run_gives_its_best_kilometre_and_5k() -> None:
    run = parsed("fit/activity-small-fenix2-run.fit").activities[0]
    records = segment_candidates(Activity.RUN, run.samples.present("distance"), [])
    by_subject = {r.subject: r.value for r in records if r.kind is RecordKind.FASTEST}
    assert set(by_subject) == {"1k", "5k"}
    # The whole run is 9.0 km in 47:12 (5:14 /km): its best stretches are at least as fast.
    assert by_subject["1k"] <= 5 * 60 + 15
    assert by_subject["5k"] <= 5 * (5 * 60 + 15)
    assert by_subject["1k"] * 5 <= by_subject["5k"]


def test_a_ride_gives_its_best_20_minute_power() -> None:
    """Mean-maximal power over 1 200 s (Allen & Coggan, 2010)."""
    power = [200.0] * 600 + [300.0] * 1200 + [150.0] * 600
    [record] = segment_candidates(Activity.RIDE, [], power)
    assert record.kind is RecordKind.BEST_POWER
    assert record.value == 300.0
