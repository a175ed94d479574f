"""Claim, send, record: one message per athlete, kind and local day, whatever happens."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from domain.notifications.models import DeliveryOutcome, NoticeKind, NoticeState
from domain.notifications.service import NotificationService
from domain.users.models import NotificationKind, TelegramIdentity, User
from domain.users.service import UserService
from domain.workouts.models import Activity, Workout, WorkoutSource
from scheduler.jobs import send_due_digests, send_due_reminders
from tests.unit.domain.fakes import FakeTimezones, FakeUnitOfWork
from tests.unit.notifications.fakes import FakeNotifier, FixedPlan

CREATED = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # Tuesday, 12:30 in Moscow
DUE = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # 18:00 in Moscow
SUNDAY_EVENING = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)  # 19:00 in Moscow


@dataclass
class Clock:
    now: datetime = CREATED

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


async def athlete(uow: FakeUnitOfWork, clock: Clock, user_id: int = 7) -> User:
    users = UserService(uow, clock, FakeTimezones())
    user, created = await users.ensure(TelegramIdentity(user_id, "Anna", None, "ru"))
    if created:
        assert user.next_reminder_at is None, "nothing before onboarding"
        user = await users.complete_onboarding(user_id)
    return user


async def reminders(uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier) -> int:
    return await send_due_reminders(lambda: uow, clock, notifier)


async def test_a_new_athlete_is_scheduled_for_18_00_and_sunday_19_00_local(
    uow: FakeUnitOfWork, clock: Clock
) -> None:
    user = await athlete(uow, clock)
    assert user.reminder_time == time(18, 0)
    assert (user.next_reminder_at, user.next_digest_at) == (DUE, SUNDAY_EVENING)


async def test_nothing_is_sent_before_the_time(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    clock.now = DUE - timedelta(seconds=1)
    assert await reminders(uow, clock, notifier) == 0
    assert notifier.reminders == []


async def test_running_the_job_twice_sends_one_reminder(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    clock.now = DUE + timedelta(seconds=20)
    assert await reminders(uow, clock, notifier) == 1
    assert await reminders(uow, clock, notifier) == 0
    assert len(notifier.reminders) == 1
    [notice] = await uow.notifications.of_user(7)
    assert (notice.kind, notice.local_date, notice.state) == (
        NoticeKind.REMINDER, date(2026, 11, 24), NoticeState.SENT
    )  # fmt: skip
    user = uow.users.committed[7]
    assert user.next_reminder_at == DUE + timedelta(days=1)
    _, content = notifier.reminders[0]
    assert content.report.advice.reason == "no_history", "today's advice from the coach"


async def test_moving_the_time_later_the_same_day_does_not_remind_twice(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    clock.now = DUE
    await reminders(uow, clock, notifier)
    users = UserService(uow, clock, FakeTimezones())
    moved = await users.set_reminder_time(7, "21:00")
    assert moved.next_reminder_at == datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    clock.now = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    assert await reminders(uow, clock, notifier) == 0
    assert len(notifier.reminders) == 1
    assert uow.users.committed[7].next_reminder_at == datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


async def test_no_reminder_when_a_workout_is_already_logged_that_local_day(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    morning = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)  # 07:00 in Moscow
    await uow.workouts.add(Workout(0, 7, Activity.RUN, morning, WorkoutSource.TEXT, 1800))
    clock.now = DUE
    assert await reminders(uow, clock, notifier) == 0
    assert notifier.reminders == []
    assert await uow.notifications.of_user(7) == []
    assert uow.users.committed[7].next_reminder_at == DUE + timedelta(days=1)


async def test_yesterdays_late_workout_does_not_count_for_today(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    late = datetime(2026, 11, 23, 20, 30, tzinfo=UTC)  # 23:30 on Monday in Moscow
    await uow.workouts.add(Workout(0, 7, Activity.RUN, late, WorkoutSource.TEXT, 1800))
    clock.now = DUE
    assert await reminders(uow, clock, notifier) == 1


async def test_a_moment_missed_while_the_bot_was_down_is_skipped_not_sent_late(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    clock.now = DUE + timedelta(hours=3)
    assert await reminders(uow, clock, notifier) == 0
    assert uow.users.committed[7].next_reminder_at == DUE + timedelta(days=1)


async def test_turning_reminders_off_unschedules_them(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    users = UserService(uow, clock, FakeTimezones())
    off = await users.toggle_notification(7, NotificationKind.REMINDERS)
    assert off.next_reminder_at is None
    clock.now = DUE
    assert await reminders(uow, clock, notifier) == 0
    on = await users.toggle_notification(7, NotificationKind.REMINDERS)
    assert on.next_reminder_at == DUE + timedelta(days=1), "strictly after now"


async def test_a_blocked_bot_marks_the_athlete_and_stops_until_they_write_again(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    notifier.outcome = DeliveryOutcome.BLOCKED
    clock.now = DUE
    assert await reminders(uow, clock, notifier) == 0
    assert uow.users.committed[7].bot_blocked_at == DUE
    [notice] = await uow.notifications.of_user(7)
    assert notice.state is NoticeState.BLOCKED
    clock.now = DUE + timedelta(days=1)
    assert await uow.notifications.due(NoticeKind.REMINDER, clock.now, 10) == []
    await reminders(uow, clock, notifier)
    assert len(notifier.reminders) == 1, "not selected again while blocked"
    notifier.outcome = DeliveryOutcome.SENT
    clock.now = DUE + timedelta(days=1, hours=1)  # 19:00 on Wednesday: the athlete writes
    user = await athlete(uow, clock)
    assert user.bot_blocked_at is None
    assert user.next_reminder_at == DUE + timedelta(days=2)


async def test_a_failed_send_is_retried_on_the_next_tick_up_to_three_attempts(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    notifier.outcome = DeliveryOutcome.FAILED
    clock.now = DUE
    for minute in range(5):
        clock.now = DUE + timedelta(minutes=minute)
        await reminders(uow, clock, notifier)
    assert len(notifier.reminders) == 3
    [notice] = await uow.notifications.of_user(7)
    assert (notice.state, notice.attempts) == (NoticeState.FAILED, 3)
    assert uow.users.committed[7].next_reminder_at == DUE + timedelta(days=1)


async def test_a_failure_then_success_sends_once(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    notifier.outcome = DeliveryOutcome.FAILED
    clock.now = DUE
    await reminders(uow, clock, notifier)
    notifier.outcome = DeliveryOutcome.SENT
    clock.now = DUE + timedelta(minutes=1)
    assert await reminders(uow, clock, notifier) == 1
    assert await reminders(uow, clock, notifier) == 0
    [notice] = await uow.notifications.of_user(7)
    assert (notice.state, notice.attempts) == (NoticeState.SENT, 2)


async def test_a_claim_left_by_a_crash_is_not_sent_again(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    clock.now = DUE
    claims = await NotificationService(uow, clock, notifier).claim_due(NoticeKind.REMINDER)
    assert len(claims) == 1, "claimed, then the process died before sending"
    clock.now = DUE + timedelta(minutes=1)
    assert await reminders(uow, clock, notifier) == 0
    assert notifier.reminders == []
    assert uow.users.committed[7].next_reminder_at == DUE + timedelta(days=1)


async def test_the_weekly_digest_holds_the_week_and_the_plan_when_there_is_one(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    saturday = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    await uow.workouts.add(
        replace(Workout(0, 7, Activity.RUN, saturday, WorkoutSource.TEXT, 3600), load=60.0)
    )
    clock.now = SUNDAY_EVENING
    plan = FixedPlan()
    assert await send_due_digests(lambda: uow, clock, notifier, lambda _: plan) == 1
    assert await send_due_digests(lambda: uow, clock, notifier, lambda _: plan) == 0
    [(user_id, content)] = notifier.digests
    assert user_id == 7
    assert content.report.stats.total.count == 1
    assert content.report.stats.start == date(2026, 11, 23)
    assert content.plan_lines == ("Mon: easy run 40 min", "Thu: intervals 6×800 m")
    assert plan.asked == [(7, date(2026, 11, 30))], "the plan of the week ahead"
    assert uow.users.committed[7].next_digest_at == SUNDAY_EVENING + timedelta(days=7)


async def test_without_a_planner_the_digest_has_no_plan_lines(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    clock.now = SUNDAY_EVENING
    assert await send_due_digests(lambda: uow, clock, notifier) == 1
    assert notifier.digests[0][1].plan_lines == ()


async def test_the_export_lists_the_notifications(
    uow: FakeUnitOfWork, clock: Clock, notifier: FakeNotifier
) -> None:
    await athlete(uow, clock)
    clock.now = DUE
    await reminders(uow, clock, notifier)
    exported = await UserService(uow, clock, FakeTimezones()).export(7)
    assert exported["notifications"] == [
        {"kind": "reminder", "local_date": "2026-11-24", "state": "sent",
         "at": DUE.isoformat(), "attempts": 1}
    ]  # fmt: skip
    assert exported["user"]["reminder_time"] == "18:00:00"
