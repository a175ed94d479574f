"""The XP ledger and the league close on a real database (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.tables import LeagueMemberRow, XpLedgerRow
from db.uow import SqlUnitOfWork
from domain.gamification.models import Earned, GameProfile, LeagueOutcome, Telling, XpEntry
from domain.gamification.service import GamificationService
from domain.users.models import TelegramIdentity, User
from domain.users.service import UserService
from domain.wellness.models import WellnessField
from domain.workouts.service import Logged, WorkoutService
from scheduler.jobs import close_league_weeks, send_streak_warnings
from tests.unit.domain.fakes import FakeTimezones
from tests.unit.gamification.fakes import FakeGamificationNotifier

WEDNESDAY = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
NEXT_MONDAY = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)
WEEK = date(2026, 11, 23)
Sessions = async_sessionmaker[AsyncSession]


async def athlete(sessions: Sessions, user_id: int) -> User:
    users = UserService(
        SqlUnitOfWork(sessions, lambda: WEDNESDAY), lambda: WEDNESDAY, FakeTimezones()
    )
    user, _ = await users.ensure(TelegramIdentity(user_id, f"U{user_id}", None, "en"))
    return user


async def log(sessions: Sessions, user: User, text: str, now: datetime = WEDNESDAY) -> Logged:
    uow = SqlUnitOfWork(sessions, lambda: now)
    service = WorkoutService(uow, lambda: now, [GamificationService(uow, lambda: now)])
    logged = await service.log_text(user, text)
    assert isinstance(logged, Logged)
    return logged


async def count(sessions: Sessions, table: type[XpLedgerRow] | type[LeagueMemberRow]) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_the_ledger_keeps_one_row_per_workout(session_factory: Sessions) -> None:
    user = await athlete(session_factory, 1)
    logged = await log(session_factory, user, "run 5k 25:00")
    entry = XpEntry(logged.workout.id, 1, date(2026, 11, 25), logged.workout.started_at, 70, 70)
    async with SqlUnitOfWork(session_factory, lambda: WEDNESDAY) as uow:
        await uow.gamification.put(entry)
        await uow.gamification.put(entry)
        await uow.commit()
    assert await count(session_factory, XpLedgerRow) == 1
    async with SqlUnitOfWork(session_factory, lambda: WEDNESDAY) as uow:
        assert await uow.gamification.total(1) == 70
        start = WEDNESDAY - timedelta(days=1)
        assert await uow.gamification.between([1, 2], start, NEXT_MONDAY) == {1: 70}


async def test_deleting_the_workout_takes_its_xp_row_with_it(session_factory: Sessions) -> None:
    user = await athlete(session_factory, 1)
    logged = await log(session_factory, user, "run 5k 25:00")
    uow = SqlUnitOfWork(session_factory, lambda: WEDNESDAY)
    service = WorkoutService(uow, lambda: WEDNESDAY, [GamificationService(uow, lambda: WEDNESDAY)])
    await service.delete(user, logged.workout.id)
    assert await count(session_factory, XpLedgerRow) == 0
    async with SqlUnitOfWork(session_factory, lambda: WEDNESDAY) as uow:
        earned = await uow.gamification.earned(1)
    assert earned and not any(item.active for item in earned)


async def test_an_achievement_tier_is_one_row_revoked_and_restored(
    session_factory: Sessions,
) -> None:
    await athlete(session_factory, 1)
    async with SqlUnitOfWork(session_factory, lambda: WEDNESDAY) as uow:
        await uow.gamification.put_earned(1, Earned("marathon", 1, WEDNESDAY))
        await uow.gamification.put_earned(1, Earned("marathon", 1, WEDNESDAY, NEXT_MONDAY))
        await uow.commit()
        [earned] = await uow.gamification.earned(1)
    assert earned.revoked_at == NEXT_MONDAY


async def test_the_league_close_run_twice_closes_and_tells_once(session_factory: Sessions) -> None:
    for user_id, text in ((1, "run 20 min"), (2, "run 40 min"), (3, "ride 1h rpe 6")):
        await log(session_factory, await athlete(session_factory, user_id), text)
    assert await count(session_factory, LeagueMemberRow) == 3
    notifier = FakeGamificationNotifier()

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory, lambda: NEXT_MONDAY)

    assert await close_league_weeks(uow, lambda: NEXT_MONDAY, notifier) == 3
    assert await close_league_weeks(uow, lambda: NEXT_MONDAY, notifier) == 0
    assert sorted((uid, r.rank, r.outcome) for uid, r in notifier.results) == [
        (1, 3, LeagueOutcome.STAYED),
        (2, 2, LeagueOutcome.STAYED),
        (3, 1, LeagueOutcome.PROMOTED),
    ]
    async with SqlUnitOfWork(session_factory, lambda: NEXT_MONDAY) as unit:
        winner = await unit.gamification.member(3, WEEK + timedelta(days=7))
        closed = await unit.gamification.member(3, WEEK)
    assert winner is not None and winner.tier == 1
    assert closed is not None and closed.told is Telling.SENT
    assert await count(session_factory, LeagueMemberRow) == 6, "three closed, three placed"


async def test_the_streak_warning_job_run_twice_warns_once(session_factory: Sessions) -> None:
    evening = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)  # 19:00 in Moscow
    await athlete(session_factory, 1)
    async with SqlUnitOfWork(session_factory, lambda: evening) as uow:
        for back in (1, 2, 3):
            day = date(2026, 11, 25) - timedelta(days=back)
            await uow.checkins.set_field(1, day, WellnessField.MOOD, 4, evening)
        await uow.gamification.save_profile(GameProfile(1, next_warning_at=evening))
        await uow.commit()
    notifier = FakeGamificationNotifier()

    def uow_at() -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory, lambda: evening)

    assert await send_streak_warnings(uow_at, lambda: evening, notifier) == 1
    async with SqlUnitOfWork(session_factory, lambda: evening) as uow:
        await uow.gamification.save_profile(GameProfile(1, next_warning_at=evening))
        await uow.commit()
    assert await send_streak_warnings(uow_at, lambda: evening, notifier) == 0
    assert [uid for uid, _ in notifier.warnings] == [1]
