"""GPX tracks and TCX activities (values from tests/data/activities/SOURCES.md)."""

from __future__ import annotations

import pytest

from domain.workouts.models import Activity
from tests.unit.activities.files import parsed


@pytest.mark.parametrize(
    ("name", "duration", "points"),
    [
        ("gpx/around-visnjan-with-car.gpx", 514, 104),
        ("gpx/cerknicko-jezero.gpx", 7190, 296),
        ("gpx/track-with-empty-segment.gpx", 76, 9),
    ],
)
def test_timed_gpx_tracks_are_one_activity(name: str, duration: int, points: int) -> None:
    [activity] = parsed(name).activities
    assert activity.duration_s == duration
    assert len(activity.samples) == points
    assert activity.samples.has_route
    assert activity.distance_m is not None and activity.distance_m > 0
    assert activity.elevation_gain_m is not None


def test_a_gpx_distance_is_the_haversine_sum() -> None:
    """Haversine on the mean Earth radius (IUGG, 6 371 008.8 m); gpxpy gives 2.73 km too."""
    [activity] = parsed("gpx/around-visnjan-with-car.gpx").activities
    assert activity.distance_m == pytest.approx(2733, rel=0.01)


@pytest.mark.parametrize(
    ("name", "activity", "duration", "laps", "has_hr"),
    [
        ("tcx/test.tcx", Activity.RUN, 1991, 3, True),
        ("tcx/no_hr.tcx", Activity.RUN, 1991, 3, False),
        ("tcx/mapmyride_biking.tcx", Activity.RIDE, 3105, 1, False),
        ("tcx/cross-country-skiing_activity_1.tcx", Activity.OTHER, 2401, 2, True),
    ],
)
def test_tcx_activities_with_laps(
    name: str, activity: Activity, duration: int, laps: int, has_hr: bool
) -> None:
    [parsed_activity] = parsed(name).activities
    assert parsed_activity.activity is activity
    assert parsed_activity.duration_s == pytest.approx(duration, abs=7)
    assert len(parsed_activity.laps) == laps
    assert (parsed_activity.avg_hr is not None) is has_hr


def test_tcx_heart_rate_and_distance() -> None:
    [run] = parsed("tcx/test.tcx").activities
    assert run.max_hr == 189
    assert run.distance_m == pytest.approx(4686, rel=0.01)
    assert run.samples.hr[0] == 62
