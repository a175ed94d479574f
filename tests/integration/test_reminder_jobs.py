"""The reminder and digest jobs on a real database: restarts and second processes never double."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import create_engine, create_session_factory
from db.uow import SqlUnitOfWork
from domain.notifications.models import DeliveryOutcome, NoticeKind, NoticeState
from domain.notifications.service import NotificationService
from domain.users.models import TelegramIdentity, User
from domain.users.service import UserService
from scheduler.jobs import send_due_digests, send_due_reminders
from tests.unit.domain.fakes import FakeTimezones
from tests.unit.notifications.fakes import FakeNotifier

CREATED = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
DUE = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # 18:00 in Moscow
Sessions = async_sessionmaker[AsyncSession]


class SlowNotifier(FakeNotifier):
    """Yields to the event loop while "sending", so that two jobs really interleave."""

    async def send_reminder(self, user: User, content: object) -> DeliveryOutcome:
        await asyncio.sleep(0.01)
        return await super().send_reminder(user, content)  # type: ignore[arg-type]


async def athletes(sessions: Sessions, *ids: int) -> None:
    for user_id in ids:
        users = UserService(
            SqlUnitOfWork(sessions, lambda: CREATED), lambda: CREATED, FakeTimezones()
        )
        await users.ensure(TelegramIdentity(user_id, f"U{user_id}", None, "ru"))
        await users.complete_onboarding(user_id)


async def stored(sessions: Sessions, user_id: int) -> User:
    async with SqlUnitOfWork(sessions, lambda: DUE) as uow:
        user = await uow.users.get(user_id)
    assert user is not None
    return user


async def run(sessions: Sessions, notifier: FakeNotifier, now: datetime = DUE) -> int:
    return await send_due_reminders(
        lambda: SqlUnitOfWork(sessions, lambda: now), lambda: now, notifier
    )


async def test_the_job_run_twice_sends_one_reminder_each(session_factory: Sessions) -> None:
    await athletes(session_factory, 1, 2, 3)
    notifier = FakeNotifier()
    assert await run(session_factory, notifier) == 3
    assert await run(session_factory, notifier, DUE + timedelta(minutes=1)) == 0
    assert sorted(user_id for user_id, _ in notifier.reminders) == [1, 2, 3]
    user = await stored(session_factory, 1)
    assert user.next_reminder_at == DUE + timedelta(days=1)
    async with SqlUnitOfWork(session_factory, lambda: DUE) as uow:
        [notice] = await uow.notifications.of_user(1)
    assert (notice.kind, notice.local_date, notice.state, notice.attempts) == (
        NoticeKind.REMINDER, date(2026, 11, 24), NoticeState.SENT, 1
    )  # fmt: skip


async def test_a_second_process_after_a_restart_sends_nothing(
    session_factory: Sessions, database_url: str
) -> None:
    await athletes(session_factory, 1)
    assert await run(session_factory, FakeNotifier()) == 1
    engine = create_engine(database_url)
    try:
        restarted = FakeNotifier()
        assert await run(create_session_factory(engine), restarted) == 0
        assert restarted.reminders == []
    finally:
        await engine.dispose()


async def test_two_processes_at_the_same_moment_send_each_reminder_once(
    session_factory: Sessions, database_url: str
) -> None:
    await athletes(session_factory, 1, 2, 3, 4)
    engine = create_engine(database_url)
    try:
        first, second = SlowNotifier(), SlowNotifier()
        sent = await asyncio.gather(
            run(session_factory, first), run(create_session_factory(engine), second)
        )
    finally:
        await engine.dispose()
    assert sum(sent) == 4
    delivered = [user_id for user_id, _ in first.reminders + second.reminders]
    assert sorted(delivered) == [1, 2, 3, 4]


async def test_a_claim_left_by_a_crash_is_not_resent(session_factory: Sessions) -> None:
    await athletes(session_factory, 1)
    crashed = NotificationService(
        SqlUnitOfWork(session_factory, lambda: DUE), lambda: DUE, FakeNotifier()
    )
    assert len(await crashed.claim_due(NoticeKind.REMINDER)) == 1
    notifier = FakeNotifier()
    assert await run(session_factory, notifier, DUE + timedelta(minutes=1)) == 0
    assert notifier.reminders == []
    assert (await stored(session_factory, 1)).next_reminder_at == DUE + timedelta(days=1)


async def test_a_blocked_bot_marks_the_athlete_who_is_then_skipped(
    session_factory: Sessions,
) -> None:
    await athletes(session_factory, 1, 2)
    notifier = FakeNotifier(outcome=DeliveryOutcome.BLOCKED)
    await run(session_factory, notifier)
    assert (await stored(session_factory, 1)).bot_blocked_at == DUE
    notifier.outcome = DeliveryOutcome.SENT
    notifier.reminders.clear()
    assert await run(session_factory, notifier, DUE + timedelta(days=1)) == 0
    assert notifier.reminders == []
    tomorrow = DUE + timedelta(days=1, minutes=1)
    users = UserService(
        SqlUnitOfWork(session_factory, lambda: tomorrow), lambda: tomorrow, FakeTimezones()
    )
    user, _ = await users.ensure(TelegramIdentity(1, "U1", None, "ru"))
    assert user.bot_blocked_at is None, "writing to the bot again lifts the block"
    assert (await stored(session_factory, 1)).next_reminder_at == DUE + timedelta(days=2)


async def test_the_digest_goes_once_on_sunday_evening(session_factory: Sessions) -> None:
    await athletes(session_factory, 1)
    sunday = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)
    notifier = FakeNotifier()

    async def digests(now: datetime) -> int:
        return await send_due_digests(
            lambda: SqlUnitOfWork(session_factory, lambda: now), lambda: now, notifier
        )

    assert await digests(sunday - timedelta(minutes=1)) == 0
    assert await digests(sunday) == 1
    assert await digests(sunday + timedelta(minutes=1)) == 0
    assert len(notifier.digests) == 1
    assert (await stored(session_factory, 1)).next_digest_at == sunday + timedelta(days=7)


async def test_erasing_the_athlete_erases_their_notifications(session_factory: Sessions) -> None:
    await athletes(session_factory, 1)
    await run(session_factory, FakeNotifier())
    users = UserService(SqlUnitOfWork(session_factory, lambda: DUE), lambda: DUE, FakeTimezones())
    assert await users.delete(1)
    async with SqlUnitOfWork(session_factory, lambda: DUE) as uow:
        assert await uow.notifications.of_user(1) == []
