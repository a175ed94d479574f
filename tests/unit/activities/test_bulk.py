"""Importing an archive: each activity on its own, progress after each, dedup on re-send."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from device_sync.files import FileParser
from device_sync.files.archive import ZipReader
from domain.activities.archive import Archive, ArchiveMember, Outcome
from domain.activities.bulk import ArchiveImportService
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.service import ImportService
from domain.users.models import Language, Units, User
from domain.workouts.service import WorkoutService
from tests.unit.activities.archives import GPX, RIDE, RUN, TCX, strava_export, zip_of
from tests.unit.activities.files import content
from tests.unit.activities.health_export import ZONE, HealthWorkout, export_xml, export_zip
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
ANN = User(1, "Ann", None, Language.EN, Units.METRIC, "UTC", NOW)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    async def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))


class CrashingReader:
    """The real zip's members, then one whose read fails the way a lost disk would."""

    def open(self, content: bytes) -> Archive:
        archive = ZipReader().open(content)

        def crash() -> bytes:
            raise OSError("disk gone")

        return Archive((*archive.members[:2], ArchiveMember("crash.fit", crash)))


def service(uow: FakeUnitOfWork, reader: object | None = None) -> ArchiveImportService:
    workouts = WorkoutService(uow, lambda: NOW)
    imports = ImportService(uow, lambda: NOW, FileParser(), workouts)
    return ArchiveImportService(imports, reader or ZipReader())  # type: ignore[arg-type]


async def test_every_activity_is_imported_with_progress_after_each() -> None:
    uow, progress = FakeUnitOfWork(), Recorder()
    report = await service(uow).import_archive(ANN, strava_export(), progress)

    assert progress.calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED] * 4
    assert sorted(w.activity.value for w in report.workouts) == ["other", "ride", "run", "run"]
    assert report.skipped == 3
    assert uow.commits == 4  # one per activity


async def test_the_same_archive_again_is_all_duplicates() -> None:
    uow = FakeUnitOfWork()
    await service(uow).import_archive(ANN, strava_export(), Recorder())
    again = await service(uow).import_archive(ANN, strava_export(), Recorder())

    assert [r.outcome for r in again.results] == [Outcome.DUPLICATE] * 4
    assert again.workouts == ()
    assert len(uow.imports.rows) == 4


async def test_a_crash_mid_archive_keeps_what_was_imported_and_a_resend_adds_the_rest() -> None:
    uow = FakeUnitOfWork()
    data = zip_of({"a.fit": content(RUN), "b.fit": content(RIDE), "c.tcx": content(TCX)})
    with pytest.raises(OSError, match="disk gone"):
        await service(uow, CrashingReader()).import_archive(ANN, data, Recorder())
    assert len(uow.imports.rows) == 2

    report = await service(uow).import_archive(ANN, data, Recorder())
    assert [r.outcome for r in report.results] == [
        Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.IMPORTED,
    ]  # fmt: skip
    assert len(uow.imports.rows) == 3


async def test_refused_members_are_reported_and_the_rest_imported() -> None:
    uow = FakeUnitOfWork()
    data = zip_of({"gpx.gpx": content(GPX), "bad.fit": b"nope", "in.zip": zip_of({"x": b""})})
    report = await service(uow).import_archive(ANN, data, Recorder())

    assert {(r.name, r.outcome, r.refusal) for r in report.results} == {
        ("in.zip", Outcome.REFUSED, Refusal.NESTED_ZIP),
        ("gpx.gpx", Outcome.IMPORTED, None),
        ("bad.fit", Outcome.REFUSED, Refusal.NOT_FIT),
    }


@pytest.mark.parametrize(
    ("data", "refusal"),
    [
        (b"not a zip", Refusal.NOT_ZIP),
        (zip_of({"readme.txt": b"hi"}), Refusal.NO_FILES),
        (export_zip(b"<HealthData><Workout"), Refusal.HEALTH_XML),
    ],
)
async def test_an_archive_refused_whole_stores_nothing(data: bytes, refusal: Refusal) -> None:
    uow, progress = FakeUnitOfWork(), Recorder()
    with pytest.raises(FileRefusedError) as raised:
        await service(uow).import_archive(ANN, data, progress)

    assert raised.value.refusal is refusal
    assert uow.imports.rows == {}
    assert (0, 1) not in progress.calls


async def test_apple_health_workouts_dedup_by_type_start_and_duration() -> None:
    uow = FakeUnitOfWork()
    start = NOW.astimezone(ZONE) - timedelta(days=3)
    workouts = [HealthWorkout("Running", start, 30, 5.0), HealthWorkout("Dance", start, 20)]
    data = export_zip(export_xml(workouts))
    progress = Recorder()
    first = await service(uow).import_archive(ANN, data, progress)
    second = await service(uow).import_archive(ANN, data, Recorder())

    assert progress.calls == [(0, 0), (0, 1), (1, 1)]
    assert [r.outcome for r in first.results] == [Outcome.IMPORTED]
    assert first.unknown_types == (("Dance", 1),)
    assert [r.outcome for r in second.results] == [Outcome.DUPLICATE]
    [meta] = uow.imports.rows.values()
    assert meta[1].device == "Apple Health"
