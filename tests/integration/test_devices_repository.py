"""Devices, pairing codes, live sessions and batches on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.tables import DeviceRow, LiveBatchRow, LiveSessionRow
from db.uow import SqlUnitOfWork
from device_sync.files import FileParser
from domain.activities import codec
from domain.activities.service import ImportService
from domain.devices.models import (
    CodeState,
    DeviceAuth,
    DeviceKind,
    LiveSample,
    LiveSession,
    SessionState,
    StoredBatch,
)
from domain.devices.sync import SyncService
from domain.users.models import TelegramIdentity, User
from domain.users.service import UserService
from domain.workouts.models import Activity
from domain.workouts.service import WorkoutService
from tests.unit.devices.test_pairing import RecordingCards
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
Sessions = async_sessionmaker[AsyncSession]


async def athlete(sessions: Sessions, user_id: int = 1) -> User:
    users = UserService(SqlUnitOfWork(sessions, lambda: NOW), lambda: NOW, FakeTimezones())
    user, _ = await users.ensure(TelegramIdentity(user_id, "A", None, "en"))
    return user


async def count(sessions: Sessions, table: type) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_a_code_is_replaced_by_the_next_and_used_once(session_factory: Sessions) -> None:
    await athlete(session_factory)
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        await uow.devices.add_code(1, "a" * 64, NOW, NOW + timedelta(minutes=10))
        await uow.devices.add_code(1, "b" * 64, NOW, NOW + timedelta(minutes=10))
        old = await uow.devices.code_by_hash("a" * 64)
        new = await uow.devices.code_by_hash("b" * 64)
        assert old is not None and new is not None
        assert (old.state, new.state) == (CodeState.REPLACED, CodeState.OPEN)
        assert new.expires_at == NOW + timedelta(minutes=10)
        assert await uow.devices.codes_since(1, NOW - timedelta(hours=1)) == 2
        assert await uow.devices.use_code(new.id)
        assert not await uow.devices.use_code(new.id)
        await uow.devices.prune_codes(1, NOW + timedelta(seconds=1))
        assert await uow.devices.code_by_hash("b" * 64) is None
        await uow.commit()


async def test_devices_are_found_by_token_and_revoked_by_their_owner_only(
    session_factory: Sessions,
) -> None:
    await athlete(session_factory, 1)
    await athlete(session_factory, 2)
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        laptop = await uow.devices.add_device(1, "laptop", DeviceKind.COMPANION, "t1", NOW)
        phone = await uow.devices.add_device(1, None, DeviceKind.PHONE, "t2", NOW)
        await uow.devices.touch(laptop.id, NOW + timedelta(minutes=5))
        await uow.commit()
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        found = await uow.devices.by_token("t1")
        assert found is not None
        assert (found.id, found.name, found.last_sync_at) == (
            laptop.id,
            "laptop",
            NOW + timedelta(minutes=5),
        )
        assert not await uow.devices.revoke(2, laptop.id, NOW)
        assert await uow.devices.revoke(1, laptop.id, NOW)
        assert not await uow.devices.revoke(1, laptop.id, NOW)
        await uow.commit()
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        assert [d.id for d in await uow.devices.active(1)] == [phone.id]
        revoked = await uow.devices.get(1, laptop.id)
        assert revoked is not None and revoked.revoked_at == NOW
        assert await uow.devices.get(2, phone.id) is None


async def test_sessions_and_batches_are_inserted_once_and_scoped(
    session_factory: Sessions,
) -> None:
    await athlete(session_factory, 1)
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        device = await uow.devices.add_device(1, None, DeviceKind.COMPANION, "t1", NOW)
        draft = LiveSession(0, 1, device.id, "c-1", Activity.RIDE, NOW - timedelta(hours=1))
        assert await uow.devices.add_session(draft, NOW)
        assert not await uow.devices.add_session(draft, NOW)
        stored = await uow.devices.session_by_client_id(1, "c-1")
        assert stored is not None
        for seq in (3, 1):
            assert await uow.devices.add_batch(stored.id, StoredBatch(seq, f"d{seq}", b"x"))
        assert not await uow.devices.add_batch(stored.id, StoredBatch(1, "other", b"y"))
        await uow.commit()
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        locked = await uow.devices.session(1, stored.id, lock=True)
        assert locked is not None and locked.started_at == NOW - timedelta(hours=1)
        assert await uow.devices.session(2, stored.id) is None
        assert [b.seq for b in await uow.devices.batches(stored.id)] == [1, 3]
        assert await uow.devices.batch_digest(stored.id, 1) == "d1"
        await uow.devices.finish(stored.id, NOW, 99)
        await uow.commit()
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        done = await uow.devices.session(1, stored.id)
        assert done is not None
        assert (done.state, done.ended_at, done.workout_id) == (SessionState.FINISHED, NOW, 99)


async def test_a_live_session_is_stored_as_one_workout_with_its_samples(
    session_factory: Sessions,
) -> None:
    user = await athlete(session_factory)
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        device = await uow.devices.add_device(1, "bike", DeviceKind.COMPANION, "t1", NOW)
        await uow.commit()
    auth = DeviceAuth(device, user)
    uow = SqlUnitOfWork(session_factory, lambda: NOW)
    imports = ImportService(uow, lambda: NOW, FileParser(), WorkoutService(uow, lambda: NOW))
    sync = SyncService(uow, lambda: NOW, imports, RecordingCards())
    started = await sync.start(auth, "c-1", Activity.RIDE, NOW - timedelta(hours=1))
    points = [
        LiveSample(t=float(t), hr=140, power=210, speed=9.0, distance=9.0 * t) for t in range(1200)
    ]
    await sync.add_batch(auth, started.session_id, 1, points[600:])
    await sync.add_batch(auth, started.session_id, 0, points[:600])
    workout_id = await sync.finish(auth, started.session_id, None)
    assert await sync.finish(auth, started.session_id, None) == workout_id
    async with SqlUnitOfWork(session_factory, lambda: NOW) as check:
        workout = await check.workouts.get(1, workout_id)
        found = await check.imports.get(1, workout_id)
    await uow.close()
    assert workout is not None and workout.duration_s == 1199
    assert workout.load is not None
    assert found is not None
    assert codec.decode(found[1]).power[:2] == (210.0, 210.0)


async def test_erasing_the_athlete_erases_devices_sessions_and_batches(
    session_factory: Sessions,
) -> None:
    await athlete(session_factory)
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        device = await uow.devices.add_device(1, None, DeviceKind.COMPANION, "t1", NOW)
        await uow.devices.add_session(LiveSession(0, 1, device.id, "c", Activity.RUN, NOW), NOW)
        stored = await uow.devices.session_by_client_id(1, "c")
        assert stored is not None
        await uow.devices.add_batch(stored.id, StoredBatch(0, "d", b"x"))
        await uow.devices.add_code(1, "c" * 64, NOW, NOW)
        assert await uow.users.delete(1)
        await uow.commit()
    for table in (DeviceRow, LiveSessionRow, LiveBatchRow):
        assert await count(session_factory, table) == 0
