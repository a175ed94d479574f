"""Plans and their weeks round-trip; one active plan per athlete; gone with the athlete."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.plans.generation import generate
from domain.plans.models import AdaptReason, GoalKind, Plan, PlanGoal, PlanStatus
from domain.plans.sessions import Athlete
from domain.users.models import Level, TelegramIdentity
from domain.users.service import UserService
from domain.workouts.models import Activity
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


async def make_user(sessions: async_sessionmaker[AsyncSession], user_id: int) -> None:
    service = UserService(uow_of(sessions), lambda: NOW, FakeTimezones())
    await service.ensure(TelegramIdentity(user_id, "A", None, "en"))


def plan(user_id: int, goal: PlanGoal) -> Plan:
    activity = Activity.STRENGTH if goal.kind is GoalKind.STRENGTH else Activity.RUN
    weeks = generate(goal, Athlete(Level.INTERMEDIATE, (), 42.0, activity), NOW.date())
    return Plan(0, user_id, goal, PlanStatus.ACTIVE, NOW, 42.0, weeks)


RACE = PlanGoal(GoalKind.RACE, 10_000.0, 3000, date(2027, 3, 6))
STRENGTH = PlanGoal(GoalKind.STRENGTH, sessions_per_week=3)


@pytest.mark.parametrize("goal", [RACE, STRENGTH])
async def test_a_plan_round_trips(
    session_factory: async_sessionmaker[AsyncSession], goal: PlanGoal
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        stored = await uow.plans.add(plan(1, goal))
        await uow.commit()
    async with uow_of(session_factory) as uow:
        loaded = await uow.plans.active(1)
    assert loaded == stored
    assert stored.id > 0


async def test_weeks_are_saved_and_queries_scoped_to_the_owner(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    await make_user(session_factory, 2)
    async with uow_of(session_factory) as uow:
        stored = await uow.plans.add(plan(1, RACE))
        changed = replace(stored.weeks[1], target_minutes=99, adapted_reason=AdaptReason.MISSED)
        await uow.plans.save_week(stored.id, changed)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.plans.get(2, stored.id) is None
        assert await uow.plans.active(2) is None
        assert not await uow.plans.set_status(2, stored.id, PlanStatus.ARCHIVED)
        loaded = await uow.plans.get(1, stored.id)
    assert loaded is not None
    assert loaded.weeks[1] == changed
    assert loaded.weeks[0] == stored.weeks[0]


async def test_one_active_plan_per_athlete(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        first = await uow.plans.add(plan(1, RACE))
        await uow.plans.archive_active(1)
        second = await uow.plans.add(plan(1, STRENGTH))
        await uow.commit()
    async with uow_of(session_factory) as uow:
        active = await uow.plans.active(1)
        assert active is not None and active.id == second.id
        assert [p.status for p in await uow.plans.all(1)] == [
            PlanStatus.ARCHIVED, PlanStatus.ACTIVE
        ]  # fmt: skip
        assert first.id != second.id
        with pytest.raises(IntegrityError):
            await uow.plans.add(plan(1, RACE))


async def test_plans_go_with_the_athlete(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        await uow.plans.add(plan(1, RACE))
        await uow.commit()
    service = UserService(uow_of(session_factory), lambda: NOW, FakeTimezones())
    assert await service.delete(1)
    async with uow_of(session_factory) as uow:
        assert await uow.plans.all(1) == []
