"""The bot's Notifier: the athlete's language, and what Telegram's refusals mean."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties

from bot.i18n import I18n
from bot.notifier import TelegramNotifier
from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram
from domain.coaching.service import CoachService, StatsReport
from domain.notifications.models import (
    CheckInPromptContent,
    DeliveryOutcome,
    DigestContent,
    ReminderContent,
)
from domain.users.models import Language, Units, User
from domain.wellness.service import CheckInService
from domain.workouts.stats import Period
from handlers.texts import Texts
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)
IRA = User(7101, "Ира", None, Language.RU, Units.METRIC, "Europe/Moscow", NOW)
ANNA = replace(IRA, id=7001, first_name="Anna", language=Language.EN)


class StubCharts:
    def training(self, report: StatsReport, t: Texts) -> bytes:
        return b"\x89PNG chart"


@pytest.fixture
def telegram() -> FakeTelegram:
    fake = FakeTelegram()
    fake.add_user(IRA.id, IRA.first_name, language_code="ru")
    fake.add_user(ANNA.id, ANNA.first_name, language_code="en")
    return fake


@pytest.fixture
async def bot(telegram: FakeTelegram) -> AsyncIterator[Bot]:
    bot = Bot(
        "42:TEST-in-process-token",
        session=InProcessSession(telegram),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    yield bot
    await bot.session.close()


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def notifier(bot: Bot, waits: list[float]) -> TelegramNotifier:
    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    return TelegramNotifier(bot, I18n(), StubCharts(), sleep=sleep)


async def reminder(user: User) -> ReminderContent:
    return ReminderContent(await CoachService(FakeUnitOfWork(), lambda: NOW).today(user))


async def digest(user: User, plan: tuple[str, ...] = ()) -> DigestContent:
    report = await CoachService(FakeUnitOfWork(), lambda: NOW).stats(user, Period.WEEK)
    return DigestContent(report, plan)


async def test_a_reminder_is_in_the_athletes_language(
    notifier: TelegramNotifier, telegram: FakeTelegram
) -> None:
    assert await notifier.send_reminder(IRA, await reminder(IRA)) is DeliveryOutcome.SENT
    message = telegram.last_message(IRA.id)
    assert (message.text or "").startswith("⏰ Пора на тренировку, Ира!")
    assert [label for row in message.reply_markup for label, _ in row] == [
        "📝 Записать тренировку"
    ]
    assert await notifier.send_reminder(ANNA, await reminder(ANNA)) is DeliveryOutcome.SENT
    assert (telegram.last_message(ANNA.id).text or "").startswith("⏰ Time to train, Anna!")


async def test_a_digest_shows_the_plan_only_when_there_is_one(
    notifier: TelegramNotifier, telegram: FakeTelegram
) -> None:
    await notifier.send_digest(IRA, await digest(IRA))
    text, chart = telegram.messages(IRA.id)
    assert (text.text or "").startswith("📅 Ваша неделя, Ира")
    assert "План на следующую неделю" not in (text.text or "")
    assert chart.photo_bytes == b"\x89PNG chart"
    assert chart.text == "Время тренировок по неделям и тренд формы."
    await notifier.send_digest(ANNA, await digest(ANNA, ("Mon: easy run 40 min", "<b>x</b>")))
    planned = telegram.messages(ANNA.id)[0].text or ""
    assert "🗓 Next week\n• Mon: easy run 40 min\n• <b>x</b>" in planned, "lines are escaped"


async def test_a_blocked_bot_is_reported_as_blocked(
    notifier: TelegramNotifier, telegram: FakeTelegram
) -> None:
    telegram.inject("sendMessage", error_code=403, chat_id=IRA.id)
    assert await notifier.send_reminder(IRA, await reminder(IRA)) is DeliveryOutcome.BLOCKED
    telegram.inject("sendMessage", error_code=403, chat_id=IRA.id)
    assert await notifier.send_digest(IRA, await digest(IRA)) is DeliveryOutcome.BLOCKED
    assert telegram.messages(IRA.id) == [], "no chart after a refused digest"


async def test_one_flood_wait_is_honoured_then_the_message_goes(
    notifier: TelegramNotifier, telegram: FakeTelegram, waits: list[float]
) -> None:
    telegram.inject("sendMessage", error_code=429, retry_after=3)
    assert await notifier.send_reminder(IRA, await reminder(IRA)) is DeliveryOutcome.SENT
    assert waits == [3]
    assert len(telegram.messages(IRA.id)) == 1


async def test_a_second_flood_wait_or_a_long_one_fails_for_the_next_tick(
    notifier: TelegramNotifier, telegram: FakeTelegram, waits: list[float]
) -> None:
    telegram.inject("sendMessage", error_code=429, retry_after=2, times=2)
    assert await notifier.send_reminder(IRA, await reminder(IRA)) is DeliveryOutcome.FAILED
    telegram.inject("sendMessage", error_code=429, retry_after=600)
    assert await notifier.send_reminder(IRA, await reminder(IRA)) is DeliveryOutcome.FAILED
    assert waits == [2], "a ten-minute wait is not held inside a tick"
    assert telegram.messages(IRA.id) == []


async def test_a_server_error_is_a_failure(
    notifier: TelegramNotifier, telegram: FakeTelegram
) -> None:
    telegram.inject("sendMessage", error_code=500)
    assert await notifier.send_reminder(IRA, await reminder(IRA)) is DeliveryOutcome.FAILED


async def test_a_checkin_prompt_is_the_card_in_the_athletes_language(
    notifier: TelegramNotifier, telegram: FakeTelegram
) -> None:
    overview = await CheckInService(FakeUnitOfWork(), lambda: NOW).overview(IRA)
    prompt = CheckInPromptContent(overview)
    assert await notifier.send_checkin(IRA, prompt) is DeliveryOutcome.SENT
    message = telegram.last_message(IRA.id)
    assert (message.text or "").startswith("☀️ Доброе утро, Ира!")
    assert message.reply_markup[0][0][0] == "≤4ч"
    telegram.inject("sendMessage", error_code=403, chat_id=ANNA.id)
    assert await notifier.send_checkin(ANNA, prompt) is DeliveryOutcome.BLOCKED
