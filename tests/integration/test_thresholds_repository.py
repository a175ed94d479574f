"""Dated thresholds on every backend: kept in order, per athlete, gone with the athlete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.clock import EPOCH
from domain.coaching.thresholds import Threshold, ThresholdHistory, ThresholdKind
from domain.users.models import ProfileField, TelegramIdentity
from domain.users.service import UserService
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


def users_of(sessions: async_sessionmaker[AsyncSession]) -> UserService:
    return UserService(uow_of(sessions), lambda: NOW, FakeTimezones())


async def test_thresholds_round_trip_oldest_first_and_per_athlete(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    for user_id in (1, 2):
        await users_of(session_factory).ensure(TelegramIdentity(user_id, "A", None, "en"))
    later = Threshold(ThresholdKind.FTP, 260.0, NOW)
    earlier = Threshold(ThresholdKind.FTP, 240.0, NOW - timedelta(days=30))
    withdrawn = Threshold(ThresholdKind.LTHR, None, NOW)
    async with uow_of(session_factory) as uow:
        for threshold in (later, earlier, withdrawn):
            await uow.thresholds.add(1, threshold)
        await uow.thresholds.add(2, Threshold(ThresholdKind.FTP, 180.0, NOW))
        await uow.commit()
    async with uow_of(session_factory) as uow:
        mine = await uow.thresholds.all(1)
        assert mine[0] == earlier
        assert set(mine[1:]) == {later, withdrawn}
        assert mine[0].valid_from.tzinfo is not None
        assert [t.value for t in await uow.thresholds.all(2)] == [180.0]
        assert ThresholdHistory(mine).at(NOW - timedelta(days=1)).ftp == 240.0


async def test_a_profile_edit_is_dated_and_erasing_the_athlete_erases_them(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await users_of(session_factory).ensure(TelegramIdentity(1, "A", None, "en"))
    await users_of(session_factory).set_text_field(1, ProfileField.RESTING_HR, "52")
    await users_of(session_factory).set_text_field(1, ProfileField.RESTING_HR, "48")
    async with uow_of(session_factory) as uow:
        assert await uow.thresholds.all(1) == [
            Threshold(ThresholdKind.RESTING_HR, 52, NOW),
            Threshold(ThresholdKind.RESTING_HR, 48, NOW),
        ]
    exported = await users_of(session_factory).export(1)
    assert exported["thresholds"][0]["kind"] == "resting_hr"
    assert exported["thresholds"][0]["valid_from"] != EPOCH.isoformat()
    assert await users_of(session_factory).delete(1)
    async with uow_of(session_factory) as uow:
        assert await uow.thresholds.all(1) == []
