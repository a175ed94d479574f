"""Check-ins on SQLite (and PostgreSQL when its URL is set): one row per athlete and day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.users.models import TelegramIdentity
from domain.users.service import UserService
from domain.wellness.models import CheckIn, WellnessField
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
DAY = date(2026, 11, 24)


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


async def make_user(sessions: async_sessionmaker[AsyncSession], user_id: int) -> None:
    service = UserService(uow_of(sessions), lambda: NOW, FakeTimezones())
    await service.ensure(TelegramIdentity(user_id, "A", None, "en"))


async def test_answers_are_upserted_one_field_at_a_time(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    later = NOW + timedelta(minutes=5)
    async with uow_of(session_factory) as uow:
        await uow.checkins.set_field(1, DAY, WellnessField.SLEEP_HOURS, 6.0, NOW)
        await uow.checkins.set_field(1, DAY, WellnessField.WEIGHT, 72.5, NOW)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        await uow.checkins.set_field(1, DAY, WellnessField.SLEEP_HOURS, 7.0, later)
        await uow.checkins.set_field(1, DAY, WellnessField.MOOD, 4, later)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        stored = await uow.checkins.get(1, DAY)
    assert stored == CheckIn(1, DAY, sleep_hours=7.0, mood=4, weight_kg=72.5, updated_at=later)


async def test_ranges_are_inclusive_ordered_and_scoped_to_the_owner(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    await make_user(session_factory, 2)
    async with uow_of(session_factory) as uow:
        for days_ago in (0, 3, 1, 7, 8):
            day = DAY - timedelta(days=days_ago)
            await uow.checkins.set_field(1, day, WellnessField.RESTING_HR, 50 + days_ago, NOW)
        await uow.checkins.set_field(2, DAY, WellnessField.RESTING_HR, 99, NOW)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        week = await uow.checkins.between(1, DAY - timedelta(days=7), DAY)
        everything = await uow.checkins.all(1)
        assert await uow.checkins.get(2, DAY - timedelta(days=1)) is None
    assert [c.resting_hr for c in week] == [57, 53, 51, 50]
    assert [c.day for c in everything] == sorted(c.day for c in everything)
    assert len(everything) == 5
    assert all(c.user_id == 1 for c in everything)


async def test_an_uncommitted_answer_is_rolled_back(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        await uow.checkins.set_field(1, DAY, WellnessField.MOOD, 2, NOW)
    async with uow_of(session_factory) as uow:
        assert await uow.checkins.get(1, DAY) is None


async def test_erasing_the_athlete_erases_their_check_ins(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_user(session_factory, 1)
    async with uow_of(session_factory) as uow:
        await uow.checkins.set_field(1, DAY, WellnessField.MOOD, 2, NOW)
        await uow.commit()
    service = UserService(uow_of(session_factory), lambda: NOW, FakeTimezones())
    assert await service.delete(1)
    async with uow_of(session_factory) as uow:
        assert await uow.checkins.all(1) == []
