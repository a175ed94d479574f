"""The journal's queries: by period (UTC bounds) and sport, and an edited workout stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.workouts.models import Activity, StrengthSet
from tests.integration.test_workouts_repository import NOW, make_user, uow_of, workout

WEEK_START = NOW - timedelta(days=3)


async def test_pages_and_counts_keep_to_the_period(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    await make_user(session_factory, 2)
    async with uow_of(session_factory) as uow:
        for days in range(8):
            kind = Activity.SWIM if days % 2 else Activity.RUN
            await uow.workouts.add(workout(1, days * 24 * 60, kind))
        await uow.workouts.add(workout(2, 60))
        await uow.commit()
    async with uow_of(session_factory) as uow:
        week = await uow.workouts.page(1, None, 0, 10, WEEK_START, NOW + timedelta(hours=1))
        runs = await uow.workouts.page(1, Activity.RUN, 0, 10, WEEK_START, None)
        count = await uow.workouts.count(1, None, WEEK_START, NOW + timedelta(hours=1))
        before = await uow.workouts.count(1, None, None, WEEK_START)
        second = await uow.workouts.page(1, None, 2, 2, WEEK_START, None)
    assert [w.started_at for w in week] == [NOW - timedelta(days=d) for d in range(4)]
    assert [w.started_at for w in runs] == [NOW, NOW - timedelta(days=2)]
    assert (count, before) == (4, 4), "the start is included, the end is not"
    assert [w.started_at for w in second] == [NOW - timedelta(days=2), NOW - timedelta(days=3)]


async def test_the_bounds_are_moments_whatever_the_zone_they_were_given_in(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        await uow.workouts.add(workout(1, 0))
        await uow.commit()
    moscow_midnight = datetime(2026, 11, 24, 0, 0, tzinfo=UTC) - timedelta(hours=3)
    async with uow_of(session_factory) as uow:
        assert await uow.workouts.count(1, None, moscow_midnight, None) == 1
        assert await uow.workouts.count(1, None, NOW + timedelta(seconds=1), None) == 0


async def test_an_update_changes_the_owners_workout_only(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    await make_user(session_factory, 2)
    async with uow_of(session_factory) as uow:
        stored = await uow.workouts.add(workout(1, 10, Activity.STRENGTH))
        await uow.commit()
    edited = replace(
        stored,
        activity=Activity.RUN,
        distance_m=8000.0,
        started_at=NOW - timedelta(days=1),
        load=55.0,
        load_method="rpe",
        sets=(StrengthSet("lunge", 1, 1, None),),
    )
    async with uow_of(session_factory) as uow:
        assert not await uow.workouts.update(replace(edited, user_id=2))
        assert await uow.workouts.update(edited)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        loaded = await uow.workouts.get(1, stored.id)
    assert loaded == replace(edited, sets=stored.sets), "the sets stay as they were"
