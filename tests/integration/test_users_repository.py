from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.errors import DuplicateUpdateError
from domain.users.models import (
    CoarseLocation,
    Goal,
    Language,
    Level,
    ProfileField,
    Sport,
    TelegramIdentity,
    Units,
    User,
    Weekday,
)
from domain.users.service import UserService
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


async def test_a_full_profile_survives_the_round_trip(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    user = User(
        id=9_000_000_001,
        first_name="Ирина",
        username=None,
        language=Language.RU,
        units=Units.IMPERIAL,
        timezone="Asia/Yekaterinburg",
        created_at=NOW,
        onboarded_at=NOW,
        start_link="g_club7",
    ).with_profile(
        sports=frozenset({Sport.RUNNING, Sport.TRIATHLON}),
        level=Level.ADVANCED,
        goal=Goal.RACE,
        days=frozenset({Weekday.MON, Weekday.SUN}),
        city="Екатеринбург",
        location=CoarseLocation(56.8, 60.6),
        birth_year=1985,
        weight_kg=61.5,
        resting_hr=48,
        max_hr=188,
    )
    async with uow_of(session_factory) as uow:
        await uow.users.add(user)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        loaded = await uow.users.get(user.id)
    assert loaded == user
    assert loaded is not None and loaded.created_at.tzinfo is not None


async def test_uncommitted_changes_are_rolled_back_at_the_end_of_the_block(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    service = UserService(uow_of(session_factory), lambda: NOW, FakeTimezones())
    await service.ensure(TelegramIdentity(5, "Bo", None, "en"))
    async with uow_of(session_factory) as uow:
        user = await uow.users.get(5)
        assert user is not None
        await uow.users.save(user.with_profile(city="Oslo"))
    again = await service.get(5)
    assert again is not None and again.profile.city is None


async def test_an_update_is_recorded_with_the_first_commit_and_only_once(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    first = uow_of(session_factory)
    first.track_update(1001)
    UserService(first, lambda: NOW, FakeTimezones())
    service = UserService(first, lambda: NOW, FakeTimezones())
    await service.ensure(TelegramIdentity(6, "Cy", None, "en"))
    await first.close()

    second = uow_of(session_factory)
    async with second:
        assert await second.updates.seen(1001)
    second.track_update(1001)
    with pytest.raises(DuplicateUpdateError):
        await UserService(second, lambda: NOW, FakeTimezones()).set_level(6, Level.BEGINNER)
    await second.close()
    user = await UserService(uow_of(session_factory), lambda: NOW, FakeTimezones()).get(6)
    assert user is not None and user.profile.level is None, "the duplicate's change was undone"


async def test_finishing_an_update_without_writes_still_records_it(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    uow = uow_of(session_factory)
    uow.track_update(77)
    assert await uow.finish_update()
    other = uow_of(session_factory)
    other.track_update(77)
    assert not await other.finish_update()
    await uow.close()
    await other.close()


async def test_prune_forgets_old_update_ids_only(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    old = SqlUnitOfWork(session_factory, lambda: datetime(2026, 11, 20, tzinfo=UTC))
    old.track_update(1)
    await old.finish_update()
    new = uow_of(session_factory)
    new.track_update(2)
    await new.finish_update()
    async with uow_of(session_factory) as uow:
        assert await uow.updates.prune(datetime(2026, 11, 22, tzinfo=UTC)) == 1
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert not await uow.updates.seen(1)
        assert await uow.updates.seen(2)


async def test_concurrent_writers_never_meet_a_locked_database(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Read-then-write transactions from many tasks at once (SQLite: BEGIN IMMEDIATE)."""

    async def athlete(user_id: int) -> None:
        service = UserService(uow_of(session_factory), lambda: NOW, FakeTimezones())
        await service.ensure(TelegramIdentity(user_id, f"u{user_id}", None, "en"))
        for sport in (Sport.RUNNING, Sport.CYCLING, Sport.SWIMMING):
            await service.toggle_sport(user_id, sport)
        await service.set_text_field(user_id, ProfileField.BIRTH_YEAR, "1990")

    await asyncio.gather(*(athlete(user_id) for user_id in range(1, 41)))
    service = UserService(uow_of(session_factory), lambda: NOW, FakeTimezones())
    for user_id in (1, 20, 40):
        user = await service.get(user_id)
        assert user is not None
        assert user.profile.sports == {Sport.RUNNING, Sport.CYCLING, Sport.SWIMMING}
