"""FIT files from devices, read with fitdecode: sessions, summaries and 1 Hz samples.

Expected values are the table in tests/data/activities/SOURCES.md (read with fitdecode
0.11.0) and fitdecode's own `*-records.csv` oracles.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from device_sync.files.fit import SEMICIRCLE_DEG
from domain.activities.models import FileWarning
from domain.workouts.models import Activity
from tests.unit.activities.files import DATA, parsed

# file, activities (transitions left out), sum of elapsed time (s), records, device
TABLE = [
    ("fit/0134902991.fit", [Activity.RIDE], 720, 739, "onelap 22"),
    ("fit/2013-02-06-12-11-14.fit", [Activity.RUN], 2625, 590, "garmin fr110"),
    ("fit/2015-10-13-08-43-15.fit", [Activity.RIDE], 1623, 221, "garmin edge200"),
    ("fit/20170518-191602-1740899583.fit", [Activity.ROW], 1707, 1641, "garmin vivo_active_hr"),
    ("fit/2019-02-17-062644-ELEMNT-297E-195-0.fit", [Activity.RIDE], 23595, 13471, None),
    ("fit/activity-small-fenix2-run.fit", [Activity.RUN], 2832, 2809, "garmin fenix2"),
    ("fit/bpg-garmin-edge530-road.fit", [Activity.RIDE], 10177, 8823, "garmin edge_530"),
    ("fit/compressed-speed-distance.fit", [Activity.RUN], 3883, 755, "garmin fr70"),
    ("fit/Edge810-Vector-2013-08-16-15-35-10.fit", [Activity.RIDE], 4700, 4700, None),
    ("fit/event_timestamp.fit", [Activity.SWIM], 4567, 4376, "garmin fr735xt"),
    ("fit/garmin-fenix-5-walk.fit", [Activity.WALK], 45, 17, "garmin fenix5"),
    ("fit/garmin-fr935-cr.fit", [Activity.SWIM], 7553, 7515, "garmin fr935"),
    ("fit/hrv-activity.fit", [Activity.RIDE], 1072, 1072, "garmin edge_530"),
    ("fit/mornindew-broken.fit", [Activity.RUN], 8629, 6874, "garmin fr920xt"),
    ("fit/null_compressed_speed_dist.fit", [Activity.RIDE], 1807, 1808, "zwift 0"),
    ("fit/sample-activity-indoor-trainer.fit", [Activity.RIDE], 2262, 2263, "garmin edge800"),
    ("fit/unterminated-strings.fit", [Activity.RIDE], 32, 33, "wahoo_fitness 37"),
    ("fit/ZeroHeaderCrc.fit", [Activity.RUN], 304, 81, "garmin fr910xt"),
]


@pytest.mark.parametrize(("name", "sports", "elapsed", "records", "device"), TABLE)
def test_each_session_becomes_an_activity_with_its_records(
    name: str, sports: list[Activity], elapsed: int, records: int, device: str | None
) -> None:
    result = parsed(name)

    assert [a.activity for a in result.activities] == sports
    assert sum(a.duration_s for a in result.activities) == pytest.approx(elapsed, abs=1)
    samples = sum(len(a.samples) for a in result.activities)
    # Records outside the session's window, or a second one in the same second, are left out.
    assert 0.9 * records <= samples <= records
    if device is not None:
        assert result.device == device
    assert result.warning is None


def test_a_multisport_file_gives_its_sports_without_the_transitions() -> None:
    result = parsed("fit/sample_mulitple_header.fit")

    assert [a.activity for a in result.activities] == [Activity.SWIM, Activity.RIDE, Activity.RUN]
    swim, ride, run = result.activities
    assert swim.sport == "swimming/open_water"
    assert ride.distance_m == pytest.approx(40909.42)
    assert run.avg_hr == 176
    assert run.max_hr == 187
    assert swim.started_at + timedelta(seconds=swim.duration_s) < ride.started_at


def test_power_summary_and_samples_of_a_ride_with_power_pedals() -> None:
    ride = parsed("fit/Edge810-Vector-2013-08-16-15-35-10.fit").activities[0]

    assert ride.avg_power is not None and ride.avg_power > 100
    assert ride.normalized_power is not None and ride.normalized_power >= ride.avg_power
    assert sum(1 for v in ride.samples.power if v is not None) > 4000
    assert ride.samples.has_route
    # 1 s records: every offset one second after the last.
    steps = {b - a for a, b in zip(ride.samples.offsets, ride.samples.offsets[1:], strict=False)}
    assert steps == {1}


def test_stryd_running_power_from_developer_fields() -> None:
    run = parsed("fit/mornindew-broken.fit").activities[0]
    assert sum(1 for v in run.samples.power if v) > 5000


def _oracle(name: str) -> list[dict[str, str]]:
    with (DATA / name).open() as file:
        return list(csv.DictReader(io.StringIO(file.read()), skipinitialspace=True))


ZONES = {"PDT": timedelta(hours=-7), "PST": timedelta(hours=-8)}


def _utc(text: str) -> datetime:
    """'Sun Jun 11 07:34:09 PDT 2017' as written by fitdecode's test suite."""
    _weekday, month, day, clock, zone, year = text.split()
    local = datetime.strptime(f"{day} {month} {year} {clock}", "%d %b %Y %H:%M:%S")  # noqa: DTZ007
    return (local - ZONES[zone]).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "stem", ["garmin-fenix-5-run", "garmin-fenix-5-bike", "garmin-edge-820-bike"]
)
def test_samples_match_fitdecodes_record_oracle(stem: str) -> None:
    activity = parsed(f"fit/{stem}.fit").activities[0]
    samples = activity.samples
    by_offset = {offset: index for index, offset in enumerate(samples.offsets)}
    checked = 0
    for row in _oracle(f"fit/{stem}-records.csv"):
        offset = round((_utc(row["timestamp"]) - activity.started_at).total_seconds())
        if offset not in by_offset:
            continue
        index = by_offset[offset]
        checked += 1
        if row["heart_rate"] not in ("", "null"):
            assert samples.hr[index] == float(row["heart_rate"])
        assert samples.distance[index] == pytest.approx(float(row["distance"]))
        lat = float(row["position_lat"]) * SEMICIRCLE_DEG
        assert samples.latitude[index] == pytest.approx(lat)
    assert checked >= len(samples) - 1


def test_compressed_timestamps_match_their_oracle() -> None:
    """Every record has a compressed-timestamp header; speed/distance a compressed field."""
    activity = parsed("fit/compressed-speed-distance.fit").activities[0]
    samples = activity.samples
    rows = _oracle("fit/compressed-speed-distance-records.csv")
    first = int(rows[0]["Timestamp"])
    start = first - samples.offsets[1]
    by_offset = {offset: index for index, offset in enumerate(samples.offsets)}
    for row in rows:
        index = by_offset[int(row["Timestamp"]) - start]
        assert samples.hr[index] == float(row["Heart Rate [bpm]"])
        assert samples.speed[index] == pytest.approx(float(row["Speed [m/s]"]))
        assert samples.distance[index] == pytest.approx(float(row["Distance [m]"]))
    assert len(rows) == len(samples) - 1  # the first record has only a timestamp
    assert activity.distance_m == pytest.approx(10248.67)
    assert len(activity.laps) == 11


def test_a_raw_antfs_dump_anchored_on_its_local_time_is_imported() -> None:
    run = parsed("other/antfs-dump.63.fit").activities[0]
    assert run.activity is Activity.RUN
    assert run.started_at.year == 2012
    assert len(run.samples) == 686


@pytest.mark.parametrize(
    ("name", "warning", "records", "activity"),
    [
        ("damaged/nick.fit", FileWarning.TRUNCATED, 14391, Activity.RIDE),
        ("damaged/strava-android-app-201.10-b1218918.fit", FileWarning.DAMAGED, 473, Activity.RUN),
    ],
)
def test_damaged_files_keep_what_was_read_before_the_damage(
    name: str, warning: FileWarning, records: int, activity: Activity
) -> None:
    result = parsed(name)
    assert result.warning is warning
    [only] = result.activities
    assert only.activity is activity
    assert 0.4 * records <= len(only.samples) <= records
