"""Dated thresholds on every backend: kept in order, per athlete, gone with the athlete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.migrate import downgrade, upgrade
from db.uow import SqlUnitOfWork
from domain.clock import EPOCH
from domain.coaching.load import trimp_banister
from domain.coaching.thresholds import Threshold, ThresholdHistory, ThresholdKind
from domain.users.models import ProfileField, TelegramIdentity
from domain.users.service import UserService
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
MIDNIGHT = datetime(2026, 11, 24, tzinfo=UTC)  # a new athlete is on UTC until they choose


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
            Threshold(ThresholdKind.RESTING_HR, 52, MIDNIGHT),
            Threshold(ThresholdKind.RESTING_HR, 48, MIDNIGHT),
        ]
    exported = await users_of(session_factory).export(1)
    assert exported["thresholds"][0]["kind"] == "resting_hr"
    assert exported["thresholds"][0]["valid_from"] != EPOCH.isoformat()
    assert await users_of(session_factory).delete(1)
    async with uow_of(session_factory) as uow:
        assert await uow.thresholds.all(1) == []


async def test_the_migration_moves_stored_loads_onto_the_one_scale(engine: AsyncEngine) -> None:
    """ADR 0015: raw TRIMP over an hour at the default LTHR, Foster's AU over 420."""
    await downgrade(engine, "0010")
    try:
        await _rescaled_on_upgrade_and_back(engine)
    finally:
        await upgrade(engine)


async def _rescaled_on_upgrade_and_back(engine: AsyncEngine) -> None:
    rows = [
        (1, "heart_rate", 83.45, 83.45, None),
        (2, "rpe", 315.0, None, 315.0),
        (3, "rpe", 210.0, 120.0, 210.0),
    ]
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "insert into users (id, first_name, language, units, timezone, notify_reminders,"
                " notify_digests, notify_promotions, sports_mask, days_mask, created_at)"
                " values (1, 'A', 'en', 'metric', 'UTC', true, true, false, 0, 0, :at)"
            ),
            {"at": NOW},
        )
        for workout_id, method, load, hr_load, rpe_load in rows:
            await connection.execute(
                text(
                    "insert into workouts (id, user_id, activity, source, started_at, load,"
                    " load_method, hr_load, rpe_load) values"
                    " (:id, 1, 'run', 'text', :at, :load, :method, :hr, :rpe)"
                ),
                {"id": workout_id, "at": NOW, "load": load, "method": method, "hr": hr_load,
                 "rpe": rpe_load},
            )  # fmt: skip
    await upgrade(engine)
    async with engine.connect() as connection:
        result = await connection.execute(text("select id, load from workouts order by id"))
        loads = {row.id: row.load for row in result}
    hour_at_lthr = trimp_banister(3600, 169, 50, 190)
    assert loads[1] == pytest.approx(83.45 / hour_at_lthr * 100, abs=0.05)
    assert loads[2] == pytest.approx(75)
    assert loads[3] == pytest.approx(50), "an effort-weighed workout goes by its effort"
    await downgrade(engine, "0010")
    async with engine.connect() as connection:
        result = await connection.execute(text("select load from workouts order by id"))
        assert list(result.scalars()) == pytest.approx([83.45, 315.0, 210.0])
