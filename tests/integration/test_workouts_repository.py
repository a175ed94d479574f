from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.users.models import TelegramIdentity
from domain.users.service import UserService
from domain.workouts.models import Activity, StrengthSet, Workout, WorkoutSource
from domain.workouts.records import Record, RecordKind
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


async def make_user(sessions: async_sessionmaker[AsyncSession], user_id: int) -> None:
    service = UserService(uow_of(sessions), lambda: NOW, FakeTimezones())
    await service.ensure(TelegramIdentity(user_id, "A", None, "en"))


def workout(user_id: int, minutes_ago: int, activity: Activity = Activity.RUN) -> Workout:
    return Workout(
        id=0,
        user_id=user_id,
        activity=activity,
        started_at=NOW - timedelta(minutes=minutes_ago),
        source=WorkoutSource.TEXT,
        duration_s=1800,
        distance_m=5000.0,
        avg_hr=150,
        load=40.5,
        load_method="heart_rate",
        hr_load=40.5,
        rpe_load=None,
        sets=(StrengthSet("squat", 5, 5, 100.0), StrengthSet("pull_up", 3, 8, None))
        if activity is Activity.STRENGTH
        else (),
    )


async def test_a_workout_and_its_sets_round_trip(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        stored = await uow.workouts.add(workout(1, 10, Activity.STRENGTH))
        await uow.commit()
    async with uow_of(session_factory) as uow:
        loaded = await uow.workouts.get(1, stored.id)
    assert loaded == stored
    assert loaded is not None
    assert loaded.sets[0] == StrengthSet("squat", 5, 5, 100.0)


async def test_queries_are_scoped_to_the_owner(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    await make_user(session_factory, 2)
    async with uow_of(session_factory) as uow:
        mine = await uow.workouts.add(workout(1, 10))
        await uow.workouts.add(workout(2, 20))
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.workouts.get(2, mine.id) is None
        assert not await uow.workouts.delete(2, mine.id)
        assert not await uow.workouts.save_note(2, mine.id, "x")
        assert await uow.workouts.count(1, None) == 1
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.workouts.get(1, mine.id) is not None


async def test_pages_are_newest_first_and_filtered(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        for minutes in range(7):
            kind = Activity.SWIM if minutes % 2 else Activity.RUN
            await uow.workouts.add(workout(1, minutes * 60, kind))
        await uow.commit()
    async with uow_of(session_factory) as uow:
        page = await uow.workouts.page(1, None, 0, 3)
        swims = await uow.workouts.page(1, Activity.SWIM, 0, 10)
        recent = await uow.workouts.since(1, NOW - timedelta(minutes=150))
    assert [w.started_at for w in page] == sorted((w.started_at for w in page), reverse=True)
    assert page[0].started_at == NOW
    assert len(swims) == 3
    assert {w.activity for w in swims} == {Activity.SWIM}
    assert len(recent) == 3


async def test_erasing_an_athlete_erases_their_workouts(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        await uow.workouts.add(workout(1, 5, Activity.STRENGTH))
        await uow.commit()
    await UserService(uow_of(session_factory), lambda: NOW, FakeTimezones()).delete(1)
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        assert await uow.workouts.count(1, None) == 0


async def test_records_are_upserted_and_follow_their_workout(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        first = await uow.workouts.add(workout(1, 30))
        second = await uow.workouts.add(workout(1, 10))
        fast = Record(RecordKind.FASTEST, "5k", 1500.0, Activity.RUN)
        await uow.records.put(1, fast, first.id, NOW)
        await uow.records.put(
            1, Record(RecordKind.FASTEST, "5k", 1450.0, Activity.RUN), second.id, NOW
        )
        await uow.records.put(
            1, Record(RecordKind.LONGEST, "run", 5000.0, Activity.RUN), first.id, NOW
        )
        await uow.commit()
    async with uow_of(session_factory) as uow:
        held = {record.key: (record.value, wid) for record, wid in await uow.records.all(1)}
        assert held[(RecordKind.FASTEST, "5k")] == (1450.0, second.id)
        assert await uow.records.held_by(1, first.id) == [(RecordKind.LONGEST, "run")]
        await uow.workouts.delete(1, first.id)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert [r.key for r, _ in await uow.records.all(1)] == [(RecordKind.FASTEST, "5k")]


async def test_summaries_are_the_workouts_without_sets_and_notes(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    await make_user(session_factory, 2)
    async with uow_of(session_factory) as uow:
        lift = await uow.workouts.add(workout(1, 30, Activity.STRENGTH))
        run = await uow.workouts.add(workout(1, 20))
        await uow.workouts.add(workout(2, 10))
        await uow.workouts.save_note(1, run.id, "felt easy")
        await uow.commit()
    async with uow_of(session_factory) as uow:
        summaries = await uow.workouts.summaries_since(1, NOW - timedelta(hours=1))
        runs = await uow.workouts.summaries_since(1, NOW - timedelta(hours=1), Activity.RUN)
        full = await uow.workouts.since(1, NOW - timedelta(hours=1))
    assert [w.id for w in summaries] == [lift.id, run.id], "oldest first, the owner's only"
    assert [w.id for w in runs] == [run.id]
    assert summaries[0].sets == () and summaries[1].note is None
    for summary, whole in zip(summaries, full, strict=True):
        assert summary == replace(whole, sets=(), note=None)
