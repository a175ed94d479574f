"""Absurd values in a file refuse it whole, each with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from device_sync.files import FileParser
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.validation import MAX_FILE_BYTES, check_file, check_size

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
START = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


def gpx(kind: str, points: Sequence[tuple[float, float, int, int | None]]) -> bytes:
    """A GPX track: (lat, lon, seconds after START, heart rate) per point."""
    body = "".join(
        f'<trkpt lat="{lat}" lon="{lon}"><time>{(START + timedelta(seconds=s)).isoformat()}'
        "</time>"
        + (
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>"
            "</gpxtpx:TrackPointExtension></extensions>"
            if hr is not None
            else ""
        )
        + "</trkpt>"
        for lat, lon, s, hr in points
    )
    return (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><type>{kind}</type><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


def check(data: bytes, now: datetime = NOW) -> None:
    check_file(FileParser().parse("track.gpx", data), now)


def reason(data: bytes, now: datetime = NOW) -> Refusal:
    with pytest.raises(FileRefusedError) as caught:
        check(data, now)
    return caught.value.refusal


def test_a_plausible_run_passes() -> None:
    # 0.001° of latitude is 111 m: 111 m every 30 s is 3.7 m/s.
    check(gpx("running", [(46.0 + i * 0.001, 14.5, i * 30, 150) for i in range(60)]))


def test_a_heart_rate_of_400_is_refused() -> None:
    points = [(46.0 + i * 0.001, 14.5, i * 30, 400 if i == 5 else 150) for i in range(60)]
    assert reason(gpx("running", points)) is Refusal.HEART_RATE


def test_a_300_kmh_run_is_refused() -> None:
    # 83 m/s = 300 km/h: 0.00075° (83 m) every second.
    points = [(46.0 + i * 0.00075, 14.5, i, None) for i in range(600)]
    assert reason(gpx("running", points)) is Refusal.SPEED


def test_the_same_speed_in_a_car_of_unknown_sport_is_not_judged() -> None:
    check(gpx("", [(46.0 + i * 0.00075, 14.5, i, None) for i in range(600)]))


def test_an_activity_in_the_future_is_refused() -> None:
    points = [(46.0 + i * 0.001, 14.5, i * 30, None) for i in range(60)]
    assert reason(gpx("running", points), now=START - timedelta(hours=1)) is Refusal.FUTURE


def test_a_single_point_is_too_short() -> None:
    assert reason(gpx("running", [(46.0, 14.5, 0, None)])) is Refusal.TOO_SHORT


def test_more_than_a_day_is_refused() -> None:
    points = [(46.0, 14.5, 0, None), (46.0, 14.5, 25 * 3600, None)]
    assert reason(gpx("walking", points)) is Refusal.TOO_LONG


def test_a_file_over_the_bot_api_limit_is_refused_before_download() -> None:
    check_size(MAX_FILE_BYTES)
    with pytest.raises(FileRefusedError) as caught:
        check_size(MAX_FILE_BYTES + 1)
    assert caught.value.refusal is Refusal.TOO_LARGE
    assert caught.value.params["limit_mb"] == 20
