"""/plan through the real Dispatcher: goals in a line or step by step, the week, dropping."""

from __future__ import annotations

import json

from tests.bot.conftest import ANNA, Harness


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
