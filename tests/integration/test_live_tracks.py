"""Live tracks on every backend: the repository's totals and points, the claim, a unique
message, the cascade, and the stale track job under a frozen clock."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.live_tracks import track_services
from db.tables import LiveTrackPointRow, WorkoutRow
from db.uow import SqlUnitOfWork
from domain.activities import codec
from domain.tracks.models import Fix, LiveTrack, TrackState
from domain.tracks.outcomes import Closed, Dropped, DropReason, Saved
from domain.tracks.service import stale_at
from domain.users.models import TelegramIdentity, User
from domain.users.service import UserService
from domain.workouts.models import Activity
from scheduler.tracks import close_stale_tracks
from tests.unit.domain.fakes import FakeTimezones
from tests.unit.tracks.routes import real_fixes

Sessions = async_sessionmaker[AsyncSession]
START = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
RUN = "fit/activity-small-fenix2-run.fit"


class FrozenClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class FakeTrackNotifier:
    def __init__(self) -> None:
        self.told: list[tuple[int, Closed]] = []

    async def track_closed(self, user: User, closed: Closed) -> None:
        self.told.append((user.id, closed))


async def athlete(sessions: Sessions, user_id: int = 1) -> User:
    users = UserService(SqlUnitOfWork(sessions, lambda: START), lambda: START, FakeTimezones())
    user, _ = await users.ensure(TelegramIdentity(user_id, "A", None, "en"))
    return user


def new_track(user_id: int, first: Fix, message_id: int = 10) -> LiveTrack:
    live_until = first.at + timedelta(hours=1)
    return LiveTrack(
        id=0,
        user_id=user_id,
        chat_id=user_id,
        message_id=message_id,
        activity=None,
        state=TrackState.ACTIVE,
        started_at=first.at,
        live_until=live_until,
        last_fix_at=first.at,
        last_kept=first,
        stale_at=stale_at(live_until, first.at),
    )


async def count(sessions: Sessions, table: type) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_a_track_round_trips_with_its_points_and_its_claim(
    session_factory: Sessions,
) -> None:
    user = await athlete(session_factory)
    first, second = real_fixes(RUN, START, every=10)[:2]
    first = replace(first, accuracy_m=8.5)
    async with SqlUnitOfWork(session_factory, lambda: START) as uow:
        track = await uow.live_tracks.add(new_track(user.id, first))
        await uow.live_tracks.append(track.id, second)
        moved = replace(track, activity=Activity.RUN, last_kept=second, distance_m=31.5, points=2)
        await uow.live_tracks.save(moved)
        await uow.commit()
    async with SqlUnitOfWork(session_factory, lambda: START) as uow:
        found = await uow.live_tracks.by_message(user.id, user.id, 10)
        assert found == moved
        assert await uow.live_tracks.fixes(track.id) == [first, second]
        assert await uow.live_tracks.get(user.id + 1, track.id) is None
        assert await uow.live_tracks.move(track.id, [TrackState.ACTIVE], TrackState.FINISHED)
        assert not await uow.live_tracks.move(track.id, [TrackState.ACTIVE], TrackState.DISCARDED)
        await uow.live_tracks.forget_fixes(track.id)
        await uow.commit()
    assert await count(session_factory, LiveTrackPointRow) == 0


async def test_one_track_per_shared_message_and_one_point_per_moment(
    session_factory: Sessions,
) -> None:
    user = await athlete(session_factory)
    first = real_fixes(RUN, START)[0]
    async with SqlUnitOfWork(session_factory, lambda: START) as uow:
        track = await uow.live_tracks.add(new_track(user.id, first))
        await uow.commit()
    async with SqlUnitOfWork(session_factory, lambda: START) as uow:
        with pytest.raises(IntegrityError):
            await uow.live_tracks.append(track.id, replace(first, latitude=first.latitude + 1))
    async with SqlUnitOfWork(session_factory, lambda: START) as uow:
        with pytest.raises(IntegrityError):
            await uow.live_tracks.add(new_track(user.id, first))


async def test_erasing_the_athlete_erases_their_tracks(session_factory: Sessions) -> None:
    user = await athlete(session_factory)
    async with SqlUnitOfWork(session_factory, lambda: START) as uow:
        await uow.live_tracks.add(new_track(user.id, real_fixes(RUN, START)[0]))
        await uow.commit()
    async with SqlUnitOfWork(session_factory, lambda: START) as uow:
        assert await uow.users.delete(user.id)
        await uow.commit()
    assert await count(session_factory, LiveTrackPointRow) == 0


async def _recorded(sessions: Sessions, clock: FrozenClock, user: User, count: int) -> None:
    """A run shared live for 15 minutes, its positions arriving, the share never stopped."""
    fixes = real_fixes(RUN, START, every=10)[:count]
    tracks = track_services(sessions, clock)
    await tracks().start(user, user.id, 10, fixes[0], 900, Activity.RUN)
    for fix in fixes[1:]:
        await tracks().extend(user, user.id, 10, fix, live=True)


async def test_the_job_saves_a_stale_track_once_under_a_frozen_clock(
    session_factory: Sessions,
) -> None:
    user = await athlete(session_factory)
    clock = FrozenClock(START + timedelta(minutes=10))
    await _recorded(session_factory, clock, user, 60)
    notifier = FakeTrackNotifier()
    tracks = track_services(session_factory, clock)
    clock.now = START + timedelta(minutes=15 + 29)
    assert await close_stale_tracks(tracks, notifier) == 0
    clock.now = START + timedelta(minutes=15 + 31)
    assert await close_stale_tracks(tracks, notifier) == 1
    assert await close_stale_tracks(tracks, notifier) == 0
    [(told, saved)] = notifier.told
    assert told == user.id
    assert isinstance(saved, Saved)
    async with SqlUnitOfWork(session_factory, clock) as uow:
        stored = await uow.imports.get(user.id, saved.imported.logged.workout.id)
    assert stored is not None
    assert len(codec.decode(stored[1])) == saved.track.points
    assert await count(session_factory, WorkoutRow) == 1
    assert await count(session_factory, LiveTrackPointRow) == 0


async def test_two_schedulers_at_once_close_a_stale_track_once(
    session_factory: Sessions,
) -> None:
    user = await athlete(session_factory)
    clock = FrozenClock(START + timedelta(minutes=10))
    await _recorded(session_factory, clock, user, 40)
    clock.now = START + timedelta(hours=1)
    notifier = FakeTrackNotifier()
    tracks = track_services(session_factory, clock)
    closed = await asyncio.gather(
        close_stale_tracks(tracks, notifier), close_stale_tracks(tracks, notifier)
    )
    assert sum(closed) == 1
    assert await count(session_factory, WorkoutRow) == 1


async def test_a_stale_track_without_a_sport_is_dropped(session_factory: Sessions) -> None:
    user = await athlete(session_factory)
    clock = FrozenClock(START + timedelta(minutes=5))
    tracks = track_services(session_factory, clock)
    await tracks().start(user, user.id, 10, real_fixes(RUN, START)[0], 60)
    clock.now = START + timedelta(hours=1)
    notifier = FakeTrackNotifier()
    assert await close_stale_tracks(tracks, notifier) == 1
    [(_, dropped)] = notifier.told
    assert isinstance(dropped, Dropped)
    assert dropped.reason is DropReason.NO_SPORT
    assert await count(session_factory, WorkoutRow) == 0
