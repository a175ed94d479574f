"""Importing a file: one unit of work, dedup by bytes and by start, load and records."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from device_sync.files import FileParser
from domain.activities import codec
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import ParsedActivity, ParsedFile, Samples
from domain.activities.service import AlreadyImported, Imported, ImportService
from domain.coaching.load import LoadMethod
from domain.coaching.power import normalized_power, training_stress
from domain.coaching.thresholds import Threshold, ThresholdKind
from domain.errors import NotFoundError
from domain.users.models import Language, Units, User
from domain.users.service import UserService
from domain.workouts.models import Activity, WorkoutDraft, WorkoutSource
from domain.workouts.records import RecordKind
from domain.workouts.service import WorkoutService
from tests.unit.activities.files import content
from tests.unit.domain.fakes import FakeTimezones, FakeUnitOfWork

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
START = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


def athlete(user_id: int = 1) -> User:
    user = User(user_id, "Ann", None, Language.EN, Units.METRIC, "UTC", NOW)
    return user.with_profile(birth_year=1990, max_hr=190, resting_hr=50)


def steady(
    activity: Activity, seconds: int, speed: float, power: float | None = None
) -> ParsedActivity:
    offsets = tuple(range(seconds + 1))
    samples = Samples(
        offsets=offsets,
        hr=tuple(150.0 for _ in offsets),
        power=tuple(power for _ in offsets) if power is not None else (),
        distance=tuple(speed * t for t in offsets),
    )
    return ParsedActivity(
        activity=activity,
        sport=activity.value,
        started_at=START,
        duration_s=float(seconds),
        samples=samples,
        distance_m=speed * seconds,
        avg_hr=150,
        max_hr=150,
    )


class StubParser:
    def __init__(self, result: ParsedFile | FileRefusedError) -> None:
        self.result = result
        self.calls = 0

    def parse(self, file_name: str, content: bytes) -> ParsedFile:
        self.calls += 1
        if isinstance(self.result, FileRefusedError):
            raise self.result
        return self.result


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


def importer(uow: FakeUnitOfWork, parser: object) -> ImportService:
    return ImportService(uow, lambda: NOW, parser, WorkoutService(uow, lambda: NOW))  # type: ignore[arg-type]


async def test_a_file_is_stored_with_its_extras_and_samples(uow: FakeUnitOfWork) -> None:
    run = steady(Activity.RUN, 1800, 3.0)
    service = importer(uow, StubParser(ParsedFile((run,), device="garmin fr70")))

    outcome = await service.import_file(athlete(), "run.fit", b"bytes")

    assert isinstance(outcome, Imported)
    [item] = outcome.workouts
    workout = item.logged.workout
    assert workout.source is WorkoutSource.FILE
    assert workout.started_at == START
    assert workout.distance_m == 5400
    meta, blob = uow.imports.rows[workout.id][1:]
    assert meta.device == "garmin fr70"
    assert codec.decode(blob).offsets == run.samples.offsets
    assert uow.commits == 1
    assert sum(item.zone_seconds) == 1800


async def test_the_same_bytes_again_are_already_in_the_journal(uow: FakeUnitOfWork) -> None:
    parser = StubParser(ParsedFile((steady(Activity.RUN, 1800, 3.0),)))
    service = importer(uow, parser)
    first = await service.import_file(athlete(), "run.fit", b"bytes")
    again = await service.import_file(athlete(), "copy.fit", b"bytes")

    assert isinstance(first, Imported)
    assert isinstance(again, AlreadyImported)
    assert again.workout.id == first.workouts[0].logged.workout.id
    assert parser.calls == 1, "recognised by its hash before parsing"
    assert len(uow.workouts.rows) == 1


async def test_another_file_of_the_same_activity_is_recognised_by_its_start(
    uow: FakeUnitOfWork,
) -> None:
    typed = WorkoutService(uow, lambda: NOW)
    draft = WorkoutDraft(Activity.RUN, 1800, 5400, started_at=START + timedelta(seconds=90))
    logged = await typed.log(athlete(), draft, WorkoutSource.TEXT)
    service = importer(uow, StubParser(ParsedFile((steady(Activity.RUN, 1800, 3.0),))))

    outcome = await service.import_file(athlete(), "run.gpx", b"other bytes")

    assert isinstance(outcome, AlreadyImported)
    assert outcome.workout.id == logged.workout.id
    assert len(uow.workouts.rows) == 1


async def test_a_ride_at_the_same_time_as_a_run_is_not_a_duplicate(uow: FakeUnitOfWork) -> None:
    typed = WorkoutService(uow, lambda: NOW)
    await typed.log(
        athlete(), WorkoutDraft(Activity.RUN, 1800, started_at=START), WorkoutSource.TEXT
    )
    service = importer(uow, StubParser(ParsedFile((steady(Activity.RIDE, 1800, 8.0),))))

    assert isinstance(await service.import_file(athlete(), "ride.fit", b"x"), Imported)


async def test_a_refused_file_stores_nothing(uow: FakeUnitOfWork) -> None:
    service = importer(uow, StubParser(FileRefusedError(Refusal.BAD_CRC)))
    with pytest.raises(FileRefusedError):
        await service.import_file(athlete(), "bad.fit", b"x")
    assert uow.workouts.rows == {}
    assert uow.imports.rows == {}
    assert uow.commits == 0


async def test_one_absurd_activity_refuses_the_whole_file(uow: FakeUnitOfWork) -> None:
    swim = steady(Activity.SWIM, 1800, 1.0)
    run = replace(steady(Activity.RUN, 1800, 3.0), max_hr=400)
    service = importer(uow, StubParser(ParsedFile((swim, run))))

    with pytest.raises(FileRefusedError) as caught:
        await service.import_file(athlete(), "tri.fit", b"x")
    assert caught.value.refusal is Refusal.HEART_RATE
    assert uow.workouts.rows == {}
    assert uow.commits == 0


async def test_a_multisport_file_gives_linked_workouts(uow: FakeUnitOfWork) -> None:
    service = importer(uow, FileParser())
    outcome = await service.import_file(
        athlete(), "tri.fit", content("fit/sample_mulitple_header.fit")
    )

    assert isinstance(outcome, Imported)
    ids = [item.logged.workout.id for item in outcome.workouts]
    assert [item.logged.workout.activity for item in outcome.workouts] == [
        Activity.SWIM, Activity.RIDE, Activity.RUN
    ]  # fmt: skip
    assert {item.meta.group_id for item in outcome.workouts} == {ids[0]}
    assert [uow.imports.rows[i][1].part for i in ids] == [0, 1, 2]


async def test_a_ride_with_power_is_weighed_with_the_ftp_valid_at_its_start(
    uow: FakeUnitOfWork,
) -> None:
    """Coggan: load = s × NP × IF / (FTP × 3600) × 100."""
    await uow.thresholds.add(1, Threshold(ThresholdKind.FTP, 250.0, START - timedelta(days=30)))
    await uow.thresholds.add(1, Threshold(ThresholdKind.FTP, 300.0, START + timedelta(days=1)))
    ride = steady(Activity.RIDE, 3600, 9.0, power=250.0)
    service = importer(uow, StubParser(ParsedFile((ride,))))

    outcome = await service.import_file(athlete(), "ride.fit", b"x")

    assert isinstance(outcome, Imported)
    workout = outcome.workouts[0].logged.workout
    assert workout.load_method == LoadMethod.POWER
    power = [250.0] * 3601
    normalized = normalized_power(power)
    assert normalized is not None
    assert workout.load == pytest.approx(training_stress(3601, normalized, 250.0), abs=0.05)
    assert workout.hr_load is not None, "the raw HR load is kept beside it"


async def test_records_come_from_stretches_inside_a_longer_run(uow: FakeUnitOfWork) -> None:
    service = importer(uow, StubParser(ParsedFile((steady(Activity.RUN, 3600, 3.0),))))
    outcome = await service.import_file(athlete(), "run.fit", b"x")

    assert isinstance(outcome, Imported)
    held = {(r.kind, r.subject): r.value for r in outcome.workouts[0].held}
    # 10.8 km in an hour: every kilometre took 333 s, the 5 km 1 667 s, the 10 km 3 333 s.
    assert held[(RecordKind.FASTEST, "1k")] == 334
    assert held[(RecordKind.FASTEST, "5k")] == 1667
    assert held[(RecordKind.FASTEST, "10k")] == 3334
    assert held[(RecordKind.LONGEST, "run")] == 10800


async def test_the_csv_is_only_the_owners(uow: FakeUnitOfWork) -> None:
    service = importer(uow, StubParser(ParsedFile((steady(Activity.RUN, 60, 3.0),))))
    outcome = await service.import_file(athlete(), "run.fit", b"x")
    assert isinstance(outcome, Imported)
    workout_id = outcome.workouts[0].logged.workout.id

    lines = (await service.samples_csv(1, workout_id)).decode().splitlines()
    assert lines[1] == "0,2026-11-20T07:00:00+00:00,150,,,,0,,,"
    assert len(lines) == 62
    with pytest.raises(NotFoundError):
        await service.samples_csv(2, workout_id)


async def test_export_lists_the_imported_metadata(uow: FakeUnitOfWork) -> None:
    await uow.users.add(athlete())
    await uow.commit()
    service = importer(uow, StubParser(ParsedFile((steady(Activity.RUN, 60, 3.0),), "fr70")))
    await service.import_file(athlete(), "run.fit", b"x")

    data = await UserService(uow, lambda: NOW, FakeTimezones()).export(1)

    [meta] = data["imported_activities"]
    assert meta["device"] == "fr70"
    assert "samples" not in meta


async def test_a_run_three_minutes_apart_is_another_run(uow: FakeUnitOfWork) -> None:
    typed = WorkoutService(uow, lambda: NOW)
    draft = WorkoutDraft(Activity.RUN, 1800, 5400, started_at=START + timedelta(minutes=3))
    await typed.log(athlete(), draft, WorkoutSource.TEXT)
    service = importer(uow, StubParser(ParsedFile((steady(Activity.RUN, 1800, 3.0),))))

    assert isinstance(await service.import_file(athlete(), "run.gpx", b"x"), Imported)
    assert len(uow.workouts.rows) == 2
