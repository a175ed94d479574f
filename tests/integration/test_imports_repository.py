"""Imported activities on every backend: the service end to end, dedup, blob, cascade."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.tables import ImportedActivityRow, WorkoutRow
from db.uow import SqlUnitOfWork
from device_sync.files import FileParser
from domain.activities import codec
from domain.activities.errors import FileRefusedError
from domain.activities.models import FileWarning, ImportMeta, Lap
from domain.activities.service import AlreadyImported, Imported, ImportService
from domain.users.models import TelegramIdentity, User
from domain.users.service import UserService
from domain.workouts.service import WorkoutService
from tests.unit.activities.files import content
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
RUN = "fit/garmin-fenix-5-run.fit"


def service_of(sessions: async_sessionmaker[AsyncSession]) -> ImportService:
    uow = SqlUnitOfWork(sessions, lambda: NOW)
    return ImportService(uow, lambda: NOW, FileParser(), WorkoutService(uow, lambda: NOW))


async def athlete(sessions: async_sessionmaker[AsyncSession], user_id: int = 1) -> User:
    users = UserService(SqlUnitOfWork(sessions, lambda: NOW), lambda: NOW, FakeTimezones())
    user, _ = await users.ensure(TelegramIdentity(user_id, "A", None, "en"))
    return user


async def count(sessions: async_sessionmaker[AsyncSession], table: type) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_a_file_round_trips_and_is_recognised_again(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    user = await athlete(session_factory)
    outcome = await service_of(session_factory).import_file(user, "run.fit", content(RUN))
    assert isinstance(outcome, Imported)
    workout_id = outcome.workouts[0].logged.workout.id

    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        found = await uow.imports.get(1, workout_id)
        assert found is not None
        meta, blob = found
        assert meta.device == "garmin fenix5"
        assert meta.max_hr == 112
        assert codec.decode(blob).hr == outcome.workouts[0].samples.hr
        assert await uow.imports.get(2, workout_id) is None
        assert [m.workout_id for m in await uow.imports.all(1)] == [workout_id]

    again = await service_of(session_factory).import_file(user, "again.fit", content(RUN))
    assert isinstance(again, AlreadyImported)
    assert again.workout.id == workout_id
    assert await count(session_factory, WorkoutRow) == 1


async def test_a_bad_file_leaves_no_row(session_factory: async_sessionmaker[AsyncSession]) -> None:
    user = await athlete(session_factory)
    data = bytearray(content(RUN))
    data[-1] ^= 0xFF
    with pytest.raises(FileRefusedError):
        await service_of(session_factory).import_file(user, "run.fit", bytes(data))
    assert await count(session_factory, WorkoutRow) == 0
    assert await count(session_factory, ImportedActivityRow) == 0


async def test_the_same_file_part_is_unique_per_athlete(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    outcome = await service_of(session_factory).import_file(
        await athlete(session_factory), "run.fit", content(RUN)
    )
    assert isinstance(outcome, Imported)
    meta = outcome.workouts[0].meta
    laps = (Lap(0, 60.0, 150.0, 90),)
    copy = ImportMeta(
        meta.workout_id, meta.sha256, 0, "running", laps=laps, warning=FileWarning.DAMAGED
    )
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        with pytest.raises(IntegrityError):
            await uow.imports.add(1, copy, b"\x01")


async def test_deleting_the_athlete_or_the_workout_removes_the_import(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    user = await athlete(session_factory)
    other = await athlete(session_factory, 2)
    await service_of(session_factory).import_file(user, "run.fit", content(RUN))
    second = await service_of(session_factory).import_file(other, "run.fit", content(RUN))
    assert isinstance(second, Imported), "another athlete's file is theirs to import too"

    await WorkoutService(SqlUnitOfWork(session_factory, lambda: NOW), lambda: NOW).delete(
        other, second.workouts[0].logged.workout.id
    )
    assert await count(session_factory, ImportedActivityRow) == 1
    users = UserService(SqlUnitOfWork(session_factory, lambda: NOW), lambda: NOW, FakeTimezones())
    await users.delete(1)
    assert await count(session_factory, ImportedActivityRow) == 0
