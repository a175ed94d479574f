"""/plan through the real Dispatcher: goals in a line or step by step, the week, dropping."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import DispatcherDeps, build_dispatcher
from bot.i18n import I18n
from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram
from db.fsm_storage import SqlStorage
from tests.bot.conftest import ANNA, NOW, Harness
from tests.unit.domain.fakes import FakeTimezones


class MovingClock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def weeks(
    telegram: FakeTelegram, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[tuple[Harness, MovingClock]]:
    """The real Dispatcher with a clock the test moves across the plan's weeks."""
    clock = MovingClock()
    deps = DispatcherDeps(
        session_factory=session_factory,
        storage=SqlStorage(session_factory, clock),
        i18n=I18n(),
        clock=clock,
        timezones=FakeTimezones("Europe/Moscow"),
        throttle_burst=1000,
        monotonic=lambda: 0.0,
    )
    bot = Bot(
        "42:TEST-in-process-token",
        session=InProcessSession(telegram),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    yield Harness(telegram, build_dispatcher(deps), bot, session_factory), clock
    await bot.session.close()


def labels(message: object) -> list[str]:
    return [label for row in message.reply_markup for label, _ in row]  # type: ignore[attr-defined]


async def test_a_goal_in_one_line_becomes_a_plan(chat: Harness) -> None:
    reply = await chat.send("/plan 5k under 25:00 by 1 March")
    text = reply.text or ""
    assert text.startswith("🗓 Your plan: 🏁 5 km in 25:00 by Mon 1 Mar")
    assert "📅 Week 1 of 14 · Mon 30 Nov – Sun 6 Dec · build week" in text
    assert "Your plan starts on Mon 30 Nov." in text
    assert "⬜ Tue 1 Dec — Easy run · 30:00 · ≈3.70 km · 7:39 /km – 8:23 /km" in text
    assert "💤 Mon 30 Nov — rest" in text
    assert labels(reply) == ["Week 2 ➡️", "🎯 New goal", "🗑 Drop the plan"]
    again = await chat.send("/plan")
    assert again.text == text, "/plan alone shows the active plan"


async def test_a_russian_goal_gets_a_russian_plan(chat: Harness) -> None:
    chat.telegram.add_user(7201, "Ира", language_code="ru")
    chat.user_id = 7201
    reply = await chat.send("/plan 10 км за 50 минут к 1 мая")
    text = reply.text or ""
    assert text.startswith("🗓 Ваш план: 🏁 10 км за 50:00 к Сб 1 мая")
    assert "Неделя 1 из 22" in text


async def test_an_unreadable_goal_is_asked_step_by_step(chat: Harness) -> None:
    await chat.send("/plan something nice")
    assert "step by step" in chat.texts()[-2]
    assert chat.last().text == "🎯 What are you training for?"
    await chat.press("A race")
    await chat.press("Half marathon")
    wrong = await chat.send("soon")
    assert wrong.text == "I didn't get the time. Try 25:00, 1:45:00 or 50 min."
    await chat.send("1:50:00")
    past = await chat.send("2025-01-01")
    assert past.text == "That date has already passed. Please type a date in the future."
    confirm = await chat.send("11 April")
    assert "Here is your goal:" in (confirm.text or "")
    assert "🏁 Half marathon in 1:50:00 by Sun 11 Apr" in (confirm.text or "")
    week = await chat.press("Create the plan")
    assert "📅 Week 1 of 19" in (week.text or "")


async def test_the_guided_goal_skips_and_goes_back(chat: Harness) -> None:
    await chat.send("/plan")
    assert "You have no training plan yet" in chat.texts()[-2]
    await chat.press("Strength")
    question = await chat.press("⬅️ Back")
    assert question.text == "🎯 What are you training for?"
    await chat.press("Strength")
    confirm = await chat.press("3 a week")
    assert "🏋️ 3 strength sessions a week" in (confirm.text or "")
    week = await chat.press("Create the plan")
    text = week.text or ""
    assert "⬜ Tue 1 Dec — Full-body strength · 40:00 · Squat 2×10" in text


async def test_a_race_too_soon_is_refused_with_the_earliest_date(chat: Harness) -> None:
    reply = await chat.send("/plan marathon by 10 December")
    assert reply.text == (
        "That is too soon for a safe build-up: this plan needs at least 16 weeks. "
        "The earliest sensible race date is 2027-03-21."
    )
    none = await chat.send("/plan")
    assert "You have no training plan yet" in chat.texts()[-2]
    assert none.text == "🎯 What are you training for?"


async def test_weeks_are_paged_and_the_plan_dropped_after_a_confirmation(chat: Harness) -> None:
    await chat.send("/plan first half marathon")
    second = await chat.press("Week 2")
    assert "📅 Week 2 of 12" in (second.text or "")
    assert labels(second)[:2] == ["⬅️ Week 1", "Week 3 ➡️"]
    question = await chat.press("Drop the plan")
    assert (question.text or "").startswith("⚠️ Drop this plan?")
    kept = await chat.press("No, keep it")
    assert "📅 Week 2 of 12" in (kept.text or "")
    await chat.press("Drop the plan")
    done = await chat.press("Yes, drop it")
    assert done.text == "The plan was dropped. Send /plan when you want a new one."
    await chat.send("/plan")
    assert "You have no training plan yet" in chat.texts()[-2]


async def test_a_new_goal_replaces_the_active_plan(chat: Harness) -> None:
    await chat.send("/plan first half marathon")
    await chat.send("/plan 3 gym sessions a week")
    reply = await chat.send("/plan")
    assert "🏋️ 3 strength sessions a week" in (reply.text or "")


async def test_another_athletes_plan_cannot_be_read_or_dropped(chat: Harness) -> None:
    reply = await chat.send("/plan first marathon")
    drop = reply.button_data("Drop the plan")
    page = reply.button_data("Week 2")
    chat.telegram.add_user(7202, "Mallory")
    chat.user_id = 7202
    await chat.send("/start")
    for data in (drop, page, drop.replace(":drop:", ":confirm_drop:")):
        chat.telegram.user_sends_callback_raw(7202, chat.last().message_id, data)
        await chat.deliver()
        assert chat.telegram.callback_answers[-1]["text"] == (
            "I can't find that plan: it may have been dropped or replaced."
        )
    chat.user_id = ANNA
    mine = await chat.send("/plan")
    assert "🏁 Marathon" in (mine.text or "")


async def test_the_export_holds_the_plans(chat: Harness) -> None:
    await chat.send("/plan 10k in 50 min")
    document = await chat.send("/export")
    data = json.loads(document.document_bytes or b"")
    plan = data["plans"][0]
    assert plan["goal"]["distance_m"] == 10_000.0
    assert plan["status"] == "active"
    assert len(plan["weeks"]) == 10


async def test_plan_is_in_the_help(chat: Harness) -> None:
    reply = await chat.send("/help")
    assert "/plan — Your training plan for a goal" in (reply.text or "")


async def test_the_week_shows_done_and_missed_and_the_next_week_adapts(
    weeks: tuple[Harness, MovingClock],
) -> None:
    chat, clock = weeks
    await chat.send("/plan 10k in 50 min")
    clock.now = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)  # Tuesday of week 1
    await chat.send("/log run 5k 30:00")
    clock.now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)  # Saturday: the long run
    text = (await chat.send("/plan")).text or ""
    assert "✅ Tue 1 Dec — Easy run" in text
    assert "❌ Thu 3 Dec — Easy run" in text
    assert "⬜ Sat 5 Dec — Long run" in text
    coach = await chat.send("/coach")
    assert "Your plan has the long run of the week today." in (coach.text or "")
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # Monday of week 2
    text = (await chat.send("/plan")).text or ""
    assert "📅 Week 2 of 10" in text
    assert "🎯 This week: about 90 min" in text, "the first week's volume, repeated"
    assert "Some sessions were missed last week" in text


async def test_a_guided_race_too_soon_is_refused_and_another_date_taken(chat: Harness) -> None:
    await chat.send("/plan")
    await chat.press("A race")
    await chat.press("Marathon")
    await chat.press("Skip")
    refused = await chat.send("10 December")
    assert "The earliest sensible race date is 2027-03-21." in (refused.text or "")
    confirm = await chat.send("2027-04-25")
    assert "🏁 Marathon by Sun 25 Apr" in (confirm.text or "")
    cancelled = await chat.press("Cancel")
    assert cancelled.text == "No plan was made. Send /plan when you are ready."
    await chat.send("/plan")
    assert "You have no training plan yet" in chat.texts()[-2]
