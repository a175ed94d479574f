"""The Sunday digest shows next week's planned sessions, in the athlete's language and units."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.charts import MatplotlibCharts
from bot.digest_plan import digest_plan
from bot.i18n import I18n
from bot.notifier import TelegramNotifier
from db.uow import SqlUnitOfWork
from scheduler.jobs import send_due_digests
from tests.bot.conftest import ANNA, Harness
from tests.bot.test_profile_and_settings import onboarded
from tests.bot.test_reminders import onboarded_in_russian

SUNDAY_19_MOSCOW = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)
SUNDAY_19_UTC = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)
IRA = 7101


async def tick(chat: Harness, now: datetime) -> int:
    i18n = I18n()
    return await send_due_digests(
        lambda: SqlUnitOfWork(chat.sessions, lambda: now),
        lambda: now,
        TelegramNotifier(chat.bot, i18n, MatplotlibCharts()),
        plan=digest_plan(i18n, lambda: now),
    )


def digest_text(chat: Harness, user_id: int) -> str:
    digest, _chart = chat.telegram.messages(user_id)[-2:]
    return digest.text or ""


async def test_the_digest_lists_next_weeks_sessions_in_both_languages(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/plan 5k under 25:00 by 1 March")
    await chat.send("/settings")
    await chat.press("Imperial")
    chat.telegram.add_user(IRA, "Ира", language_code="ru")
    chat.user_id = IRA
    await onboarded_in_russian(chat)
    await chat.send("/plan 10 км за 50 минут к 1 мая")

    assert await tick(chat, SUNDAY_19_MOSCOW - timedelta(minutes=1)) == 0
    assert await tick(chat, SUNDAY_19_MOSCOW) == 1, "19:00 in Moscow: Ira's digest"
    assert "🗓 План на следующую неделю\n" in digest_text(chat, IRA)
    assert (
        "• Вт 1 дек — Лёгкий бег · 30:00 · ≈3.70 км · 7:39 /км – 8:23 /км\n"
        "• Чт 3 дек — Лёгкий бег · 30:00 · ≈3.70 км · 7:39 /км – 8:23 /км\n"
        "• Сб 5 дек — Длительный бег · 30:00 · ≈3.70 км · 7:39 /км – 8:23 /км"
    ) in digest_text(chat, IRA)

    assert await tick(chat, SUNDAY_19_UTC) == 1, "19:00 in UTC: Anna's digest"
    anna = digest_text(chat, ANNA)
    assert "🗓 Next week\n• Tue 1 Dec — Easy run · 30:00 · ≈" in anna
    assert "• Sat 5 Dec — Long run · 30:00 · ≈" in anna
    assert " mi · " in anna and " /mi" in anna, "in the athlete's units"
    assert "km" not in anna.split("Next week")[1]


async def test_without_a_plan_the_digest_has_no_plan_section(chat: Harness) -> None:
    await onboarded(chat)
    assert await tick(chat, SUNDAY_19_UTC) == 1
    text = digest_text(chat, ANNA)
    assert text.startswith("📅 Your week in review, Anna")
    assert "Next week" not in text
    assert "•" not in text


async def test_a_dropped_plan_leaves_no_plan_section(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/plan first half marathon")
    await chat.press("Drop")
    await chat.press("Yes")
    assert await tick(chat, SUNDAY_19_UTC) == 1
    assert "Next week" not in digest_text(chat, ANNA)
