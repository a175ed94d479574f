"""Live sessions with fakes: idempotent batches in any order, one workout per finish."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from device_sync.files import FileParser
from domain.activities import codec
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.service import ImportService
from domain.devices.errors import ConflictError
from domain.devices.models import (
    BatchStatus,
    DeviceAuth,
    DeviceKind,
    LiveSample,
    UploadStatus,
)
from domain.devices.samples import decode_batch, encode_batch, merged
from domain.devices.sync import SyncService
from domain.errors import InvalidValueError, NotFoundError
from domain.users.models import Language, Units, User
from domain.workouts.models import Activity, WorkoutSource
from domain.workouts.service import WorkoutService
from tests.unit.activities.files import content
from tests.unit.devices.test_pairing import RecordingCards
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
START = NOW - timedelta(hours=1)
CLIENT = "6f1c3d0e-8a40-4b36-9d55-0c1a2b3c4d5e"


def run_points(first: int, count: int, hr: int = 150) -> list[LiveSample]:
    return [
        LiveSample(t=float(t), hr=hr, cadence=88, speed=3.0, distance=3.0 * t, rr=(400,))
        for t in range(first, first + count)
    ]


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def paired(uow: FakeUnitOfWork, user_id: int = 1) -> DeviceAuth:
    user = User(user_id, "Anna", None, Language.EN, Units.METRIC, "UTC", NOW)
    uow.users.committed[user_id] = user
    device = await uow.devices.add_device(
        user_id, "laptop", DeviceKind.COMPANION, f"h{user_id}", NOW
    )
    return DeviceAuth(device, user)


def service(uow: FakeUnitOfWork, cards: RecordingCards | None = None) -> SyncService:
    workouts = WorkoutService(uow, lambda: NOW)
    imports = ImportService(uow, lambda: NOW, FileParser(), workouts)
    return SyncService(uow, lambda: NOW, imports, cards or RecordingCards())


async def test_batches_in_any_order_become_one_workout_once(uow: FakeUnitOfWork) -> None:
    cards = RecordingCards()
    sync = service(uow, cards)
    auth = await paired(uow)
    started = await sync.start(auth, CLIENT, Activity.RUN, START)
    for seq, first in ((2, 1200), (0, 0), (1, 600)):
        assert (
            await sync.add_batch(auth, started.session_id, seq, run_points(first, 600))
            is BatchStatus.STORED
        )

    workout_id = await sync.finish(auth, started.session_id, None)
    workout = uow.workouts.rows[workout_id]
    assert (workout.activity, workout.source, workout.started_at) == (
        Activity.RUN,
        WorkoutSource.FILE,
        START,
    )
    assert workout.duration_s == 1799
    assert workout.distance_m == pytest.approx(3.0 * 1799)
    assert workout.avg_hr == 150
    _, meta, blob = uow.imports.rows[workout_id]
    samples = codec.decode(blob)
    assert samples.offsets == tuple(range(1800))
    assert meta.sport == "live/run" and meta.device == "laptop"
    assert [(user_id, live) for user_id, _, live in cards.imports] == [(1, Activity.RUN)]

    assert await sync.finish(auth, started.session_id, NOW) == workout_id
    assert len(uow.workouts.rows) == 1
    assert len(cards.imports) == 1


async def test_a_resent_batch_is_a_duplicate_and_a_changed_one_a_conflict(
    uow: FakeUnitOfWork,
) -> None:
    sync = service(uow)
    auth = await paired(uow)
    session_id = (await sync.start(auth, CLIENT, Activity.RUN, START)).session_id
    await sync.add_batch(auth, session_id, 0, run_points(0, 10))
    assert await sync.add_batch(auth, session_id, 0, run_points(0, 10)) is BatchStatus.DUPLICATE
    with pytest.raises(ConflictError) as error:
        await sync.add_batch(auth, session_id, 0, run_points(0, 10, hr=151))
    assert error.value.reason == "seq_conflict"
    assert len(uow.devices.batch_rows) == 1


async def test_a_finished_session_takes_no_new_batch_but_answers_resends(
    uow: FakeUnitOfWork,
) -> None:
    sync = service(uow)
    auth = await paired(uow)
    session_id = (await sync.start(auth, CLIENT, Activity.RUN, START)).session_id
    await sync.add_batch(auth, session_id, 0, run_points(0, 120))
    await sync.finish(auth, session_id, None)
    assert await sync.add_batch(auth, session_id, 0, run_points(0, 120)) is BatchStatus.DUPLICATE
    with pytest.raises(ConflictError) as error:
        await sync.add_batch(auth, session_id, 1, run_points(120, 10))
    assert error.value.reason == "session_finished"


async def test_the_same_client_id_is_the_same_session(uow: FakeUnitOfWork) -> None:
    sync = service(uow)
    auth = await paired(uow)
    first = await sync.start(auth, CLIENT, Activity.RUN, START)
    again = await sync.start(auth, CLIENT, Activity.RUN, START)
    assert (first.created, again.created, again.session_id) == (True, False, first.session_id)
    with pytest.raises(ConflictError):
        await sync.start(auth, CLIENT, Activity.RIDE, START)
    with pytest.raises(InvalidValueError):
        await sync.start(auth, "other", Activity.RUN, NOW + timedelta(minutes=5))


async def test_another_athletes_session_is_not_found(uow: FakeUnitOfWork) -> None:
    sync = service(uow)
    anna = await paired(uow, 1)
    boris = await paired(uow, 2)
    session_id = (await sync.start(anna, CLIENT, Activity.RUN, START)).session_id
    with pytest.raises(NotFoundError):
        await sync.add_batch(boris, session_id, 0, run_points(0, 10))
    with pytest.raises(NotFoundError):
        await sync.finish(boris, session_id, None)


async def test_impossible_values_are_refused_by_field(uow: FakeUnitOfWork) -> None:
    sync = service(uow)
    auth = await paired(uow)
    session_id = (await sync.start(auth, CLIENT, Activity.RUN, START)).session_id
    bad = [
        ([LiveSample(t=0, hr=24)], "samples[0].hr"),
        ([LiveSample(t=0), LiveSample(t=1, speed=20.0)], "samples[1].speed"),  # 72 km/h on foot
        ([LiveSample(t=float("nan"))], "samples[0].t"),
        ([LiveSample(t=0, power=5000)], "samples[0].power"),
        ([LiveSample(t=0, rr=(100,))], "samples[0].rr"),
        ([], "samples"),
        (run_points(0, 3601), "samples"),
    ]
    for points, field in bad:
        with pytest.raises(InvalidValueError) as error:
            await sync.add_batch(auth, session_id, 0, points)
        assert error.value.field == field
    assert uow.devices.batch_rows == {}


async def test_an_empty_or_too_short_session_is_refused_and_stays_open(
    uow: FakeUnitOfWork,
) -> None:
    sync = service(uow)
    auth = await paired(uow)
    session_id = (await sync.start(auth, CLIENT, Activity.RUN, START)).session_id
    with pytest.raises(FileRefusedError) as error:
        await sync.finish(auth, session_id, None)
    assert error.value.refusal is Refusal.EMPTY
    await sync.add_batch(auth, session_id, 0, [LiveSample(t=0.2, hr=120)])
    with pytest.raises(FileRefusedError) as error:
        await sync.finish(auth, session_id, None)
    assert error.value.refusal is Refusal.TOO_SHORT
    with pytest.raises(InvalidValueError):
        await sync.finish(auth, session_id, START - timedelta(seconds=1))
    await sync.add_batch(auth, session_id, 1, run_points(1, 120))
    assert await sync.finish(auth, session_id, None) > 0


async def test_an_end_after_the_last_sample_sets_the_duration(uow: FakeUnitOfWork) -> None:
    sync = service(uow)
    auth = await paired(uow)
    session_id = (await sync.start(auth, CLIENT, Activity.RUN, START)).session_id
    await sync.add_batch(auth, session_id, 0, run_points(0, 300))
    workout_id = await sync.finish(auth, session_id, START + timedelta(minutes=10))
    assert uow.workouts.rows[workout_id].duration_s == 600


async def test_an_uploaded_file_is_imported_once(uow: FakeUnitOfWork) -> None:
    cards = RecordingCards()
    sync = service(uow, cards)
    auth = await paired(uow)
    body = content("fit/activity-small-fenix2-run.fit")
    first = await sync.upload(auth, "run.fit", body)
    again = await sync.upload(auth, "copy.fit", body)
    assert first.status is UploadStatus.IMPORTED
    assert (again.status, again.workout_ids) == (UploadStatus.DUPLICATE, first.workout_ids)
    assert [live for _, _, live in cards.imports] == [None]


def test_merging_orders_by_time_and_drops_a_second_point_in_the_same_second() -> None:
    late = encode_batch(1, [LiveSample(t=2.0, hr=130), LiveSample(t=3.5, hr=131)])
    early = encode_batch(
        0, [LiveSample(t=0.0, hr=120), LiveSample(t=2.0, hr=999), LiveSample(t=2.4, hr=998)]
    )
    samples = merged([late, early])
    assert samples.offsets == (0, 2, 3)
    assert samples.hr[0] == 120 and samples.hr[2] == 131
    assert samples.power == ()


def test_a_batch_keeps_its_rr_intervals_and_its_digest_is_canonical() -> None:
    points = [LiveSample(t=0.5, hr=60, rr=(1000, 1004))]
    batch = encode_batch(0, points)
    assert decode_batch(batch) == points
    assert encode_batch(7, points).digest == batch.digest
    assert encode_batch(0, [LiveSample(t=0.5, hr=61)]).digest != batch.digest
