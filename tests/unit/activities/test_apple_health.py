"""Apple Health exports: workouts with their heart rate, streamed from the zip member."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from device_sync.files.apple_health import moment
from device_sync.files.archive import ZipReader
from domain.activities.archive import HealthWorkouts
from domain.activities.errors import FileRefusedError, Refusal
from domain.workouts.models import Activity
from tests.unit.activities.archives import RUN
from tests.unit.activities.files import content
from tests.unit.activities.health_export import (
    DOCTYPE,
    ZONE,
    HealthWorkout,
    export_xml,
    export_zip,
    write_export,
)

MORNING = datetime(2026, 11, 2, 7, 15, tzinfo=ZONE)
WORKOUTS = [
    HealthWorkout("Running", MORNING, 32.5, 5.4, 356),
    HealthWorkout("Cycling", MORNING + timedelta(days=3), 61, 25.2, 600, statistics=True),
    HealthWorkout("Tennis", MORNING + timedelta(days=4), 45),
    HealthWorkout("Dance", MORNING + timedelta(days=5), 30),
    HealthWorkout("Dance", MORNING + timedelta(days=6), 30),
    HealthWorkout("TraditionalStrengthTraining", MORNING + timedelta(days=7), 40),
]


def health_of(data: bytes) -> HealthWorkouts:
    archive = ZipReader().open(data)
    assert archive.health is not None
    return archive.health()


def test_workouts_come_with_their_summary_and_heart_rate_samples() -> None:
    health = health_of(export_zip(export_xml(WORKOUTS)))

    run, ride, strength = health.activities
    assert run.activity is Activity.RUN
    assert run.started_at == datetime(2026, 11, 2, 6, 15, tzinfo=UTC)
    assert run.duration_s == 32.5 * 60
    assert run.distance_m == 5400
    assert run.calories == 356
    assert len(run.samples) == 390  # one every 5 s, none from the records outside it
    assert all(120 <= bpm <= 165 for bpm in run.samples.hr if bpm is not None)
    assert run.avg_hr is not None and 130 <= run.avg_hr <= 155  # from the samples
    assert ride.activity is Activity.RIDE
    assert (ride.distance_m, ride.calories, ride.avg_hr, ride.max_hr) == (25200, 600, 151, 176)
    assert strength.activity is Activity.STRENGTH
    assert health.unknown_types == (("Dance", 2), ("Tennis", 1))


def test_the_export_is_found_by_its_root_whatever_the_phone_language_calls_it() -> None:
    data = export_zip(
        export_xml(WORKOUTS[:1]), {"workout-routes/route_1.gpx": b"<gpx/>"}, "экспорт.xml"
    )
    archive = ZipReader().open(data)

    assert archive.health is not None
    assert archive.members == ()  # the route GPX belongs to the workout, not a second one
    assert archive.skipped == 2


def test_an_export_next_to_activity_files_gives_both() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("apple_health_export/export.xml", export_xml(WORKOUTS[:1]))
        archive.writestr("run.fit", content(RUN))
    found = ZipReader().open(buffer.getvalue())

    assert found.health is not None
    assert [member.name for member in found.members] == ["run.fit"]


@pytest.mark.parametrize(
    "xml",
    [
        export_xml(WORKOUTS)[:-40],  # cut mid-element
        DOCTYPE.encode() + b' <Workout workoutActivityType="x" <Record/>\n</HealthData>',
        # a billion laughs: entity declarations are refused before any expansion
        DOCTYPE.replace("]>", '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>')
        .replace('locale="en_GB"', 'locale="&lol2;"')
        .encode()
        + b"</HealthData>",
        # an external entity (file disclosure)
        DOCTYPE.replace("]>", '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
        .replace('locale="en_GB"', 'locale="&xxe;"')
        .encode()
        + b"</HealthData>",
    ],
    ids=["truncated", "malformed", "entity-expansion", "external-entity"],
)
def test_bad_or_hostile_xml_is_refused(xml: bytes) -> None:
    with pytest.raises(FileRefusedError) as raised:
        health_of(export_zip(xml))
    assert raised.value.refusal is Refusal.HEALTH_XML


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-02 07:15:00 +0100", datetime(2026, 11, 2, 6, 15, tzinfo=UTC)),
        ("2026-11-02 07:15:00 -0530", datetime(2026, 11, 2, 12, 45, tzinfo=UTC)),
        ("2026-11-02 07:15:00", datetime(2026, 11, 2, 7, 15, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_apple_dates(text: str, expected: datetime | None) -> None:
    assert moment(text) == expected


def measured(other_records: int) -> tuple[int, int, HealthWorkouts]:
    """The export.xml's size and the parser's traced peak memory, for 20 workouts with
    heart rate among `other_records` pairs of step-count and resting heart-rate records."""
    workouts = [
        HealthWorkout("Running", MORNING - timedelta(days=day), 45, 8.1, 480) for day in range(20)
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("apple_health_export/export.xml", "w", force_zip64=True) as member:
            write_export(member, workouts, other_records=other_records)
        size = archive.getinfo("apple_health_export/export.xml").file_size
    reader = ZipReader().open(buffer.getvalue())
    assert reader.health is not None
    tracemalloc.start()
    try:
        health = reader.health()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return size, peak, health


def test_a_large_export_is_streamed_in_bounded_memory() -> None:
    """The parser's peak memory follows the workouts it keeps, not the document: ~50 MB of
    XML costs what ~5 MB does (measured, not timed)."""
    small_size, small_peak, small = measured(other_records=2_000)
    large_size, large_peak, large = measured(other_records=55_000)

    assert large_size > 45 * 1024 * 1024 and large_size > 8 * small_size
    assert len(large.activities) == len(small.activities) == 20
    assert large_peak < small_peak * 1.5 + 1024 * 1024
    assert large_peak < large_size / 20
