"""Strength sets read per exercise, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.users.models import TelegramIdentity
from domain.users.service import UserService
from domain.workouts.models import Activity, StrengthSet, Workout, WorkoutSource
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


async def make_user(sessions: async_sessionmaker[AsyncSession], user_id: int) -> None:
    service = UserService(uow_of(sessions), lambda: NOW, FakeTimezones())
    await service.ensure(TelegramIdentity(user_id, "A", None, "en"))


def lifting(user_id: int, days_ago: int, *sets: StrengthSet) -> Workout:
    return Workout(
        0,
        user_id,
        Activity.STRENGTH,
        NOW - timedelta(days=days_ago),
        WorkoutSource.TEXT,
        sets=sets,
    )


async def store(sessions: async_sessionmaker[AsyncSession], *workouts: Workout) -> list[int]:
    async with uow_of(sessions) as uow:
        ids = [(await uow.workouts.add(workout)).id for workout in workouts]
        await uow.commit()
    return ids


async def test_exercises_are_summed_per_exercise_and_scoped_to_the_owner(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    await make_user(session_factory, 2)
    await store(
        session_factory,
        lifting(1, 9, StrengthSet("squat", 5, 5, 100.0), StrengthSet("pull_up", 3, 8, None)),
        lifting(1, 2, StrengthSet("squat", 3, 3, 120.0), StrengthSet("squat", 1, 5, 110.0)),
        lifting(2, 1, StrengthSet("squat", 1, 1, 300.0), StrengthSet("deadlift", 1, 1, 300.0)),
    )
    async with uow_of(session_factory) as uow:
        summaries = await uow.strength.exercises(1)
    assert [s.exercise for s in summaries] == ["squat", "pull_up"], "most recent first"
    squat, pull_up = summaries
    assert squat.sessions == 2
    assert squat.last_at == NOW - timedelta(days=2)
    assert squat.volume_kg == pytest.approx(2500 + 1080 + 550)
    assert squat.reps == 25 + 9 + 5
    assert squat.top_sets == ((3, 120.0), (5, 110.0))
    # Epley (1985): 120 kg × (1 + 3/30) = 132 kg beats 110 kg × (1 + 5/30) = 128.3 kg.
    assert squat.best_1rm_kg == pytest.approx(132.0)
    assert pull_up.best_1rm_kg is None
    assert pull_up.reps == 24
    assert pull_up.volume_kg == 0


async def test_sessions_are_paged_newest_first_with_that_exercise_only(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    await make_user(session_factory, 2)
    workouts = [
        lifting(1, days, StrengthSet("squat", 5, 5, 100.0 + days), StrengthSet("lunge", 3, 10))
        for days in range(4)
    ]
    await store(session_factory, *workouts, lifting(1, 0, StrengthSet("bench_press", 3, 5, 80)))
    await store(session_factory, lifting(2, 0, StrengthSet("squat", 1, 1, 300.0)))
    async with uow_of(session_factory) as uow:
        first = await uow.strength.sessions(1, "squat", 0, 3)
        rest = await uow.strength.sessions(1, "squat", 3, 3)
        count = await uow.strength.count_sessions(1, "squat")
        nobody = await uow.strength.count_sessions(1, "deadlift")
        other = await uow.strength.sessions(2, "squat", 0, 10)
    assert [s.sets for s in first] == [
        (StrengthSet("squat", 5, 5, 100.0),),
        (StrengthSet("squat", 5, 5, 101.0),),
        (StrengthSet("squat", 5, 5, 102.0),),
    ]
    assert [s.started_at for s in rest] == [NOW - timedelta(days=3)]
    assert (count, nobody) == (4, 0)
    assert [s.sets for s in other] == [(StrengthSet("squat", 1, 1, 300.0),)]


async def test_a_deleted_workout_leaves_the_history(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    first, _ = await store(
        session_factory,
        lifting(1, 3, StrengthSet("squat", 1, 1, 150.0)),
        lifting(1, 1, StrengthSet("squat", 5, 5, 100.0)),
    )
    async with uow_of(session_factory) as uow:
        await uow.workouts.delete(1, first)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        (squat,) = await uow.strength.exercises(1)
        assert squat.top_sets == ((5, 100.0),)
        assert await uow.strength.count_sessions(1, "squat") == 1
