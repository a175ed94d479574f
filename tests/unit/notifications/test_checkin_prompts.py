"""The morning check-in prompt: when it falls, and what stops it (domain, with fakes)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from domain.notifications.models import DeliveryOutcome, NoticeKind, NoticeState
from domain.notifications.schedule import CHECKIN_TIME, advanced, next_checkin, rescheduled
from domain.users.models import (
    Language,
    NotificationKind,
    Notifications,
    TelegramIdentity,
    Units,
    User,
    Weekday,
)
from domain.users.service import UserService
from domain.wellness.models import WellnessField
from scheduler.jobs import send_due_checkins
from tests.unit.domain.fakes import FakeTimezones, FakeUnitOfWork
from tests.unit.notifications.fakes import FakeNotifier

CREATED = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # Tuesday, 12:30 in Moscow
WEDNESDAY_8 = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)  # 08:00 in Moscow
WEDNESDAY = date(2026, 11, 25)


@dataclass
class Clock:
    now: datetime = CREATED

    def __call__(self) -> datetime:
        return self.now


def athlete(timezone: str = "Europe/Moscow", **changes: object) -> User:
    user = User(7, "Anna", None, Language.EN, Units.METRIC, timezone, CREATED)
    return replace(user, onboarded_at=CREATED, **changes)  # type: ignore[arg-type]


async def onboarded(uow: FakeUnitOfWork, clock: Clock) -> UserService:
    users = UserService(uow, clock, FakeTimezones())
    await users.ensure(TelegramIdentity(7, "Anna", None, "ru"))
    await users.complete_onboarding(7)
    return users


def test_the_prompt_is_at_eight_local_every_day_whatever_the_training_days() -> None:
    assert CHECKIN_TIME.hour == 8
    assert next_checkin(athlete(), CREATED) == WEDNESDAY_8
    assert next_checkin(athlete("America/New_York"), CREATED) == datetime(
        2026, 11, 24, 13, 0, tzinfo=UTC
    ), "08:00 in New York is still ahead on Tuesday"
    monday_only = athlete(profile=replace(athlete().profile, days=frozenset({Weekday.MON})))
    assert next_checkin(monday_only, CREATED) == WEDNESDAY_8


def test_switched_off_or_not_onboarded_means_no_prompt() -> None:
    off = athlete(notifications=Notifications(checkins=False))
    assert rescheduled(off, CREATED).next_checkin_at is None
    assert next_checkin(replace(athlete(), onboarded_at=None), CREATED) is None


def test_advancing_after_a_prompt_goes_to_the_next_morning() -> None:
    user = replace(athlete(), next_checkin_at=WEDNESDAY_8)
    moved = advanced(user, NoticeKind.CHECKIN, WEDNESDAY_8)
    assert moved.next_checkin_at == WEDNESDAY_8 + timedelta(days=1)
    assert moved.next_reminder_at == user.next_reminder_at, "the other kinds stay"


async def test_the_prompt_goes_once_and_carries_the_days_card() -> None:
    uow, clock, notifier = FakeUnitOfWork(), Clock(), FakeNotifier()
    await onboarded(uow, clock)
    clock.now = WEDNESDAY_8
    assert await send_due_checkins(lambda: uow, clock, notifier) == 1
    assert await send_due_checkins(lambda: uow, clock, notifier) == 0
    [(user_id, content)] = notifier.checkins
    assert (user_id, content.overview.day, content.overview.checkin.is_empty) == (
        7, WEDNESDAY, True
    )  # fmt: skip
    [notice] = await uow.notifications.of_user(7)
    assert (notice.kind, notice.state) == (NoticeKind.CHECKIN, NoticeState.SENT)


async def test_an_answered_day_gets_no_prompt() -> None:
    uow, clock, notifier = FakeUnitOfWork(), Clock(), FakeNotifier()
    await onboarded(uow, clock)
    await uow.checkins.set_field(7, WEDNESDAY, WellnessField.MOOD, 4, WEDNESDAY_8)
    clock.now = WEDNESDAY_8
    assert await send_due_checkins(lambda: uow, clock, notifier) == 0
    assert notifier.checkins == []
    user = await uow.users.get(7)
    assert user is not None and user.next_checkin_at == WEDNESDAY_8 + timedelta(days=1)


async def test_a_morning_missed_by_hours_is_skipped_not_sent_late() -> None:
    uow, clock, notifier = FakeUnitOfWork(), Clock(), FakeNotifier()
    await onboarded(uow, clock)
    clock.now = WEDNESDAY_8 + timedelta(hours=3)
    assert await send_due_checkins(lambda: uow, clock, notifier) == 0
    user = await uow.users.get(7)
    assert user is not None and user.next_checkin_at == WEDNESDAY_8 + timedelta(days=1)


async def test_a_blocked_bot_stops_the_prompts_and_switching_off_clears_the_moment() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    users = await onboarded(uow, clock)
    clock.now = WEDNESDAY_8
    await send_due_checkins(lambda: uow, clock, FakeNotifier(outcome=DeliveryOutcome.BLOCKED))
    notifier = FakeNotifier()
    clock.now = WEDNESDAY_8 + timedelta(days=1)
    assert await send_due_checkins(lambda: uow, clock, notifier) == 0
    assert notifier.checkins == []
    user = await users.toggle_notification(7, NotificationKind.CHECKINS)
    assert (user.notifications.checkins, user.next_checkin_at) == (False, None)
