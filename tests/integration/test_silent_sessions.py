"""A live session nobody finishes: after 12 h without a batch the scheduler finishes it into
the journal (the athlete gets the card once) or drops it when it has no sample."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.wiring import wire_workouts
from db.tables import LiveSessionRow
from db.uow import SqlUnitOfWork
from device_sync.files import FileParser
from domain.activities.service import ImportService
from domain.devices.models import DeviceAuth, DeviceKind, LiveSample, SessionState
from domain.devices.sync import SyncService
from domain.workouts.models import Activity
from scheduler.devices import close_silent_sessions
from tests.integration.test_devices_repository import athlete, count
from tests.unit.devices.test_pairing import RecordingCards

START = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
Sessions = async_sessionmaker[AsyncSession]


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def sync_for(sessions: Sessions, clock: Clock, cards: RecordingCards) -> Callable[[], SyncService]:
    def build() -> SyncService:
        uow = SqlUnitOfWork(sessions, clock)
        imports = ImportService(uow, clock, FileParser(), wire_workouts(uow, clock).workouts)
        return SyncService(uow, clock, imports, cards)

    return build


async def paired(sessions: Sessions) -> DeviceAuth:
    user = await athlete(sessions)
    async with SqlUnitOfWork(sessions, lambda: START) as uow:
        device = await uow.devices.add_device(1, "bike", DeviceKind.COMPANION, "t1", START)
        await uow.commit()
    return DeviceAuth(device, user)


def ride(seconds: int) -> list[LiveSample]:
    return [
        LiveSample(t=float(t), hr=140, power=200, speed=8.0, distance=8.0 * t)
        for t in range(seconds)
    ]


async def test_a_silent_session_is_finished_once_and_the_athlete_told_once(
    session_factory: Sessions,
) -> None:
    auth, clock, cards = await paired(session_factory), Clock(), RecordingCards()
    sync = sync_for(session_factory, clock, cards)
    started = await sync().start(auth, "c-1", Activity.RIDE, START)
    clock.now = START + timedelta(minutes=30)
    await sync().add_batch(auth, started.session_id, 0, ride(1800))
    clock.now = START + timedelta(hours=12, minutes=29)
    assert await close_silent_sessions(sync) == 0, "12 h after its last batch, not its start"
    clock.now = START + timedelta(hours=12, minutes=31)
    assert await close_silent_sessions(sync) == 1
    assert await close_silent_sessions(sync) == 0
    assert [(user_id, live) for user_id, _, live in cards.imports] == [(1, Activity.RIDE)]
    async with SqlUnitOfWork(session_factory, clock) as uow:
        session = await uow.devices.session(1, started.session_id)
        assert session is not None and session.state is SessionState.FINISHED
        assert session.workout_id is not None
        workout = await uow.workouts.get(1, session.workout_id)
    assert workout is not None and workout.duration_s == 1799
    assert await sync().finish(auth, started.session_id, None) == session.workout_id
    assert len(cards.imports) == 1, "a late finish from the device tells nothing twice"


async def test_an_empty_silent_session_is_dropped_and_a_talking_one_kept(
    session_factory: Sessions,
) -> None:
    auth, clock, cards = await paired(session_factory), Clock(), RecordingCards()
    sync = sync_for(session_factory, clock, cards)
    await sync().start(auth, "empty", Activity.RUN, START)
    talking = await sync().start(auth, "talking", Activity.RIDE, START)
    clock.now = START + timedelta(hours=11)
    await sync().add_batch(auth, talking.session_id, 0, ride(60))
    clock.now = START + timedelta(hours=13)
    assert await close_silent_sessions(sync) == 1
    assert cards.imports == []
    assert await count(session_factory, LiveSessionRow) == 1
    async with SqlUnitOfWork(session_factory, clock) as uow:
        kept = await uow.devices.session(1, talking.session_id)
    assert kept is not None and kept.state is SessionState.OPEN
