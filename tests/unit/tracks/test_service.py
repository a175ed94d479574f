"""Live tracks through the service: a real run saved with its route, replays, the status
rhythm, a track that never moved, the sport chosen late, and the scheduler's close."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from device_sync.files import FileParser
from domain.activities import codec
from domain.activities.service import ImportService
from domain.errors import NotFoundError
from domain.tracks.models import Fix, LiveTrack, TrackState
from domain.tracks.outcomes import Dropped, DropReason, Saved
from domain.tracks.service import LiveTrackService
from domain.users.models import Language, Units, User
from domain.workouts.models import Activity, WorkoutSource
from domain.workouts.service import WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork
from tests.unit.tracks.routes import moved, path_length, real_fixes

START = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
CHAT, MESSAGE = 1, 10
RUN = "fit/activity-small-fenix2-run.fit"


class Clock:
    def __init__(self) -> None:
        self.now = START + timedelta(hours=3)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
async def user(uow: FakeUnitOfWork) -> User:
    athlete = User(1, "Ann", None, Language.EN, Units.METRIC, "UTC", START)
    async with uow:
        await uow.users.add(athlete)
        await uow.commit()
    return athlete


@pytest.fixture
def service(uow: FakeUnitOfWork, clock: Clock) -> LiveTrackService:
    workouts = WorkoutService(uow, clock)
    return LiveTrackService(uow, clock, ImportService(uow, clock, FileParser(), workouts))


async def _share(
    service: LiveTrackService, user: User, fixes: list[Fix], activity: Activity | None
) -> LiveTrack:
    track = await service.start(user, CHAT, MESSAGE, fixes[0], 4 * 3600, activity)
    for fix in fixes[1:]:
        extended = await service.extend(user, CHAT, MESSAGE, fix, live=True)
        assert extended is not None
        track = extended.track
    return track


async def test_a_real_run_shared_live_is_saved_with_its_route_when_the_share_stops(
    service: LiveTrackService, user: User, uow: FakeUnitOfWork
) -> None:
    fixes = real_fixes(RUN, START, every=10)
    track = await _share(service, user, fixes, Activity.RUN)
    assert abs(track.distance_m - path_length(fixes)) < 0.01 * path_length(fixes)
    stop = Fix(fixes[-1].at + timedelta(seconds=5), fixes[-1].latitude, fixes[-1].longitude)
    extended = await service.extend(user, CHAT, MESSAGE, stop, live=False)
    assert extended is not None
    saved = extended.closed
    assert isinstance(saved, Saved)
    workout = saved.imported.logged.workout
    assert workout.source is WorkoutSource.DEVICE
    assert workout.activity is Activity.RUN
    assert workout.started_at == START
    assert workout.duration_s == round((stop.at - START).total_seconds())
    assert workout.distance_m == pytest.approx(track.distance_m)
    assert workout.load is not None  # weighed by pace, like a typed run
    _, meta, blob = uow.imports.rows[workout.id]
    samples = codec.decode(blob)
    assert len(samples) == track.points
    assert samples.latitude[0] == pytest.approx(fixes[0].latitude)
    assert meta.moving_s is not None
    assert meta.moving_s > 0.8 * workout.duration_s
    assert uow.live_tracks.points[track.id] == []  # the route lives in the workout now
    assert uow.live_tracks.tracks[track.id].state is TrackState.FINISHED


async def test_replayed_and_out_of_order_positions_change_nothing(
    service: LiveTrackService, user: User
) -> None:
    fixes = real_fixes(RUN, START, every=10)[:6]
    track = await _share(service, user, fixes, Activity.RUN)
    for fix in (fixes[-1], fixes[2]):
        extended = await service.extend(user, CHAT, MESSAGE, fix, live=True)
        assert extended is not None
        assert not extended.show
        assert extended.track == track


async def test_the_status_is_due_at_most_every_five_seconds(
    service: LiveTrackService, user: User
) -> None:
    first = Fix(START, 45.77, 14.35)
    await service.start(user, CHAT, MESSAGE, first, 3600, Activity.RUN)
    shown = []
    for second in range(2, 21, 2):
        fix = moved(first, 6.0 * second, seconds=second)  # 3 m/s, a fix every 2 s
        extended = await service.extend(user, CHAT, MESSAGE, fix, live=True)
        assert extended is not None
        shown.append(extended.show)
    assert shown == [True, False, False, True, False, False, True, False, False, True]


async def test_a_track_that_never_moved_saves_nothing_and_says_why(
    service: LiveTrackService, user: User, uow: FakeUnitOfWork
) -> None:
    here = Fix(START, 45.77, 14.35, accuracy_m=12.0)
    wobbling = [moved(here, (-1) ** n * 4.0, 3.0, seconds=10 * n) for n in range(1, 40)]
    track = await _share(service, user, [here, *wobbling], Activity.WALK)
    assert track.points == 1
    closed = await service.finish(user, track.id)
    assert isinstance(closed, Dropped)
    assert closed.reason is DropReason.NOT_MOVED
    assert uow.workouts.rows == {}


async def test_a_share_that_ended_without_a_sport_is_saved_once_it_is_chosen(
    service: LiveTrackService, user: User
) -> None:
    fixes = real_fixes(RUN, START, every=10)[:40]
    track = await _share(service, user, fixes, None)
    stop = Fix(fixes[-1].at + timedelta(seconds=3), fixes[-1].latitude, fixes[-1].longitude)
    extended = await service.extend(user, CHAT, MESSAGE, stop, live=False)
    assert extended is not None
    assert extended.closed is None
    assert extended.track.state is TrackState.ENDED
    saved = await service.choose(user, track.id, Activity.RUN)
    assert isinstance(saved, Saved)
    assert saved.imported.logged.workout.activity is Activity.RUN


async def test_finishing_twice_saves_once_and_later_positions_are_ignored(
    service: LiveTrackService, user: User, uow: FakeUnitOfWork
) -> None:
    fixes = real_fixes(RUN, START, every=10)[:30]
    track = await _share(service, user, fixes, Activity.RUN)
    assert isinstance(await service.finish(user, track.id), Saved)
    assert await service.finish(user, track.id) is None
    assert await service.discard(user, track.id) is None
    late = moved(fixes[-1], 40, seconds=10)
    extended = await service.extend(user, CHAT, MESSAGE, late, live=True)
    assert extended is not None
    assert not extended.show
    assert len(uow.workouts.rows) == 1


async def test_discarding_keeps_nothing(
    service: LiveTrackService, user: User, uow: FakeUnitOfWork
) -> None:
    track = await _share(service, user, real_fixes(RUN, START, every=10)[:30], Activity.RUN)
    closed = await service.discard(user, track.id)
    assert isinstance(closed, Dropped)
    assert closed.reason is DropReason.DISCARDED
    assert uow.workouts.rows == {}
    assert uow.live_tracks.points[track.id] == []


async def test_a_stale_track_is_closed_by_the_scheduler_once(
    service: LiveTrackService, user: User, clock: Clock
) -> None:
    fixes = real_fixes(RUN, START, every=10)[:30]
    await service.start(user, CHAT, MESSAGE, fixes[0], 900, Activity.RUN)
    for fix in fixes[1:]:
        await service.extend(user, CHAT, MESSAGE, fix, live=True)
    clock.now = START + timedelta(minutes=15 + 29)
    assert await service.due_stale() == []
    clock.now = START + timedelta(minutes=15 + 31)
    due = await service.due_stale()
    assert len(due) == 1
    first = await service.close_stale(*due[0])
    assert first is not None
    assert isinstance(first[1], Saved)
    assert await service.close_stale(*due[0]) is None
    assert await service.due_stale() == []


async def test_somebody_elses_track_is_not_found(service: LiveTrackService, user: User) -> None:
    track = await _share(service, user, real_fixes(RUN, START, every=10)[:5], Activity.RUN)
    other = User(2, "Bo", None, Language.EN, Units.METRIC, "UTC", START)
    with pytest.raises(NotFoundError):
        await service.finish(other, track.id)
