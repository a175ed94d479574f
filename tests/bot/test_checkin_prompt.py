"""The morning check-in prompt: sent once at 08:00 local, its buttons answer for its day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.charts import MatplotlibCharts
from bot.i18n import I18n
from bot.notifier import TelegramNotifier
from db.uow import SqlUnitOfWork
from domain.notifications.models import NoticeKind, NoticeState
from domain.wellness.models import CheckIn
from scheduler.jobs import send_due_checkins
from tests.bot.conftest import ANNA, Harness, make_dispatcher
from tests.bot.test_profile_and_settings import onboarded
from tests.bot.test_reminders import onboarded_in_russian

EVENING = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # Monday; Anna is on UTC
MORNING = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # Tuesday 08:00 for Anna
TUESDAY = date(2026, 11, 24)
IRA = 7101


@dataclass
class MovingClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


def on_clock(chat: Harness) -> MovingClock:
    """The bot's clock becomes the test's, starting on Monday evening."""
    clock = MovingClock(EVENING)
    chat.dispatcher = make_dispatcher(chat.sessions, clock=clock)
    return clock


async def tick(chat: Harness, now: datetime) -> int:
    notifier = TelegramNotifier(chat.bot, I18n(), MatplotlibCharts())
    return await send_due_checkins(
        lambda: SqlUnitOfWork(chat.sessions, lambda: now), lambda: now, notifier
    )


async def stored(chat: Harness, day: date = TUESDAY, user_id: int = ANNA) -> CheckIn | None:
    async with SqlUnitOfWork(chat.sessions, lambda: MORNING) as uow:
        return await uow.checkins.get(user_id, day)


def labels(markup: list[list[tuple[str, str]]]) -> list[str]:
    return [label for row in markup for label, _ in row]


async def test_the_prompt_goes_once_at_eight_with_the_checkin_card(chat: Harness) -> None:
    on_clock(chat)
    await onboarded(chat)
    assert await tick(chat, MORNING - timedelta(minutes=1)) == 0
    assert await tick(chat, MORNING) == 1
    assert await tick(chat, MORNING + timedelta(minutes=1)) == 0
    prompts = [m for m in chat.telegram.messages(ANNA) if "Good morning" in (m.text or "")]
    assert len(prompts) == 1
    text = prompts[0].text or ""
    assert text.startswith("☀️ Good morning, Anna!")
    assert "🌅 Check-in · today, Tue 24 Nov" in text
    assert labels(prompts[0].reply_markup)[:6] == ["≤4h", "5h", "6h", "7h", "8h", "9+h"]
    user = await chat.user()
    assert user is not None
    assert user.next_checkin_at == MORNING + timedelta(days=1)
    async with SqlUnitOfWork(chat.sessions, lambda: MORNING) as uow:
        [notice] = await uow.notifications.of_user(ANNA)
    assert (notice.kind, notice.local_date, notice.state) == (
        NoticeKind.CHECKIN, TUESDAY, NoticeState.SENT
    )  # fmt: skip


async def test_a_tap_on_the_prompt_saves_its_day_and_edits_it(chat: Harness) -> None:
    clock = on_clock(chat)
    await onboarded(chat)
    await tick(chat, MORNING)
    prompt = chat.last()
    clock.now = MORNING + timedelta(days=1, hours=1)  # tapped on Wednesday morning
    edited = await chat.press("7h")
    assert edited.message_id == prompt.message_id
    assert edited.edits == 1
    assert "🌅 Check-in · yesterday, Tue 24 Nov" in (edited.text or "")
    assert "🛏 Sleep: 7 h" in (edited.text or "")
    checkin = await stored(chat)
    assert checkin is not None
    assert checkin.sleep_hours == 7.0, "saved for the prompt's day, not the day of the tap"
    assert await stored(chat, TUESDAY + timedelta(days=1)) is None


async def test_no_prompt_when_the_day_is_already_answered(chat: Harness) -> None:
    clock = on_clock(chat)
    await onboarded(chat)
    clock.now = MORNING - timedelta(minutes=30)
    await chat.send("/checkin")
    await chat.press("😄5")
    assert await tick(chat, MORNING) == 0
    assert not any("Good morning" in text for text in chat.texts())
    user = await chat.user()
    assert user is not None
    assert user.next_checkin_at == MORNING + timedelta(days=1), "tomorrow asks again"
    assert await tick(chat, MORNING + timedelta(days=1)) == 1


async def test_no_prompt_once_switched_off_in_settings(chat: Harness) -> None:
    on_clock(chat)
    await onboarded(chat)
    card = await chat.send("/settings")
    assert "🔔 Morning check-in: on" in (card.text or "")
    card = await chat.press("Morning check-in")
    assert "🔕 Morning check-in: off" in (card.text or "")
    assert "🔕 Morning check-in" in labels(card.reply_markup)
    assert await tick(chat, MORNING) == 0
    user = await chat.user()
    assert user is not None
    assert (user.notifications.checkins, user.next_checkin_at) == (False, None)


async def test_no_prompt_before_onboarding_is_done(chat: Harness) -> None:
    on_clock(chat)
    await chat.send("/start")
    assert await tick(chat, MORNING) == 0
    assert await tick(chat, MORNING + timedelta(days=1)) == 0


async def test_a_russian_athlete_gets_the_prompt_in_russian_at_her_eight(
    chat: Harness,
) -> None:
    on_clock(chat)
    chat.telegram.add_user(IRA, "Ира", language_code="ru")
    chat.user_id = IRA
    await onboarded_in_russian(chat)
    moscow_eight = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
    assert await tick(chat, moscow_eight - timedelta(minutes=1)) == 0
    assert await tick(chat, moscow_eight) == 1
    text = chat.last().text or ""
    assert text.startswith("☀️ Доброе утро, Ира!")
    assert "🌅 Самочувствие · сегодня, Вт, 24 ноя" in text
    assert "🛏 Сон: —" in text
    card = await chat.send("/settings")
    assert "🔔 Утренний опрос самочувствия: вкл" in (card.text or "")
