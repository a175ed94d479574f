"""The morning check-in prompt on a real database: claimed once, exported, erased."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import create_engine, create_session_factory
from db.uow import SqlUnitOfWork
from domain.notifications.models import NoticeKind, NoticeState
from domain.users.service import UserService
from domain.wellness.models import WellnessField
from scheduler.jobs import send_due_checkins
from tests.integration.test_reminder_jobs import athletes, stored
from tests.unit.domain.fakes import FakeTimezones
from tests.unit.notifications.fakes import FakeNotifier

MORNING = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)  # Wednesday 08:00 in Moscow
WEDNESDAY = date(2026, 11, 25)
Sessions = async_sessionmaker[AsyncSession]


async def run(sessions: Sessions, notifier: FakeNotifier, now: datetime = MORNING) -> int:
    return await send_due_checkins(
        lambda: SqlUnitOfWork(sessions, lambda: now), lambda: now, notifier
    )


async def test_the_job_run_twice_prompts_each_athlete_once(session_factory: Sessions) -> None:
    await athletes(session_factory, 1, 2)
    notifier = FakeNotifier()
    assert await run(session_factory, notifier) == 2
    assert await run(session_factory, notifier, MORNING + timedelta(minutes=1)) == 0
    assert sorted(user_id for user_id, _ in notifier.checkins) == [1, 2]
    assert (await stored(session_factory, 1)).next_checkin_at == MORNING + timedelta(days=1)
    async with SqlUnitOfWork(session_factory, lambda: MORNING) as uow:
        [notice] = await uow.notifications.of_user(1)
    assert (notice.kind, notice.local_date, notice.state) == (
        NoticeKind.CHECKIN, WEDNESDAY, NoticeState.SENT
    )  # fmt: skip


async def test_two_processes_at_the_same_moment_prompt_once(
    session_factory: Sessions, database_url: str
) -> None:
    await athletes(session_factory, 1, 2, 3)
    engine = create_engine(database_url)
    try:
        first, second = FakeNotifier(), FakeNotifier()
        sent = await asyncio.gather(
            run(session_factory, first), run(create_session_factory(engine), second)
        )
    finally:
        await engine.dispose()
    assert sum(sent) == 3
    assert sorted(user_id for user_id, _ in first.checkins + second.checkins) == [1, 2, 3]


async def test_an_answer_given_before_eight_means_no_prompt(session_factory: Sessions) -> None:
    await athletes(session_factory, 1)
    async with SqlUnitOfWork(session_factory, lambda: MORNING) as uow:
        await uow.checkins.set_field(1, WEDNESDAY, WellnessField.SLEEP_HOURS, 7, MORNING)
        await uow.commit()
    notifier = FakeNotifier()
    assert await run(session_factory, notifier) == 0
    assert notifier.checkins == []


async def test_the_switch_and_the_prompts_are_exported_and_erased(
    session_factory: Sessions,
) -> None:
    await athletes(session_factory, 1)
    await run(session_factory, FakeNotifier())
    users = UserService(
        SqlUnitOfWork(session_factory, lambda: MORNING), lambda: MORNING, FakeTimezones()
    )
    exported = await users.export(1)
    assert exported["user"]["notifications"]["checkins"] is True
    assert exported["user"]["next_checkin_at"] == "2026-11-26T05:00:00+00:00"
    assert exported["notifications"][0]["kind"] == "checkin"
    assert await users.delete(1)
    async with SqlUnitOfWork(session_factory, lambda: MORNING) as uow:
        assert await uow.notifications.of_user(1) == []
