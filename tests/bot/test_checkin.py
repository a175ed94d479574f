"""/checkin through the real Dispatcher: one tap per answer, typed HR and weight, the coach."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.wellness.models import CheckIn, WellnessField
from tests.bot.conftest import ANNA, NOW, Harness

TODAY = date(2026, 11, 24)  # Anna's timezone is UTC; NOW is 08:00 there


async def stored(
    sessions: async_sessionmaker[AsyncSession], day: date = TODAY, user_id: int = ANNA
) -> CheckIn | None:
    async with SqlUnitOfWork(sessions, lambda: NOW) as uow:
        return await uow.checkins.get(user_id, day)


def labels(message_markup: list[list[tuple[str, str]]]) -> list[list[str]]:
    return [[label for label, _ in row] for row in message_markup]


async def test_the_card_offers_one_tap_per_answer(chat: Harness) -> None:
    card = await chat.send("/checkin")
    text = card.text or ""
    assert "🌅 Check-in · today, Tue 24 Nov" in text
    assert "🛏 Sleep: —" in text
    assert "Last 7 days" not in text, "no history yet"
    assert labels(card.reply_markup) == [
        ["≤4h", "5h", "6h", "7h", "8h", "9+h"],
        ["🌑1", "🌒2", "🌓3", "🌔4", "🌕5"],
        ["😞1", "🙁2", "😐3", "🙂4", "😄5"],
        ["🟢1", "🟡2", "🟠3", "🔴4", "🤕5"],
        ["❤️ Resting HR", "⚖️ Weight"],
    ]
    help_text = (await chat.send("/help")).text or ""
    assert "/checkin — Sleep, mood, soreness: today's check-in" in help_text


async def test_a_tap_saves_at_once_and_edits_the_same_card(chat: Harness) -> None:
    card = await chat.send("/checkin")
    edited = await chat.press("7h")
    assert edited.message_id == card.message_id
    assert edited.edits == 1
    assert "🛏 Sleep: 7 h" in (edited.text or "")
    assert "✅ 7h" in labels(edited.reply_markup)[0]
    await chat.press("😄5")
    again = await chat.press("🤕5")
    assert again.message_id == card.message_id
    assert "🙂 Mood: 😄 5/5" in (again.text or "")
    assert "🦵 Soreness: 🤕 5/5" in (again.text or "")
    checkin = await stored(chat.sessions)
    assert checkin is not None
    assert (checkin.sleep_hours, checkin.mood, checkin.soreness) == (7.0, 5, 5)
    assert checkin.updated_at == NOW


async def test_an_imperial_athlete_types_their_weight_in_pounds(chat: Harness) -> None:
    await chat.send("/settings")
    await chat.press("Imperial")
    await chat.send("/checkin")
    await chat.press("Weight")
    prompt = chat.last()
    assert "in pounds" in (prompt.text or "")
    card = await chat.send("165")
    text = card.text or ""
    assert text.startswith("✅ Saved.")
    assert "⚖️ Weight: 165 lb" in text
    checkin = await stored(chat.sessions)
    assert checkin is not None
    assert checkin.weight_kg == 74.8


async def test_a_bad_typed_value_is_explained_and_the_question_stays(chat: Harness) -> None:
    await chat.send("/checkin")
    await chat.press("Resting HR")
    assert "beats per minute" in (chat.last().text or "")
    refused = await chat.send("fast")
    assert refused.text == "Please type whole beats per minute, e.g. 55."
    refused = await chat.send("300")
    assert refused.text == "A resting heart rate is between 25 and 120 bpm."
    assert await stored(chat.sessions) is None, "nothing stored"
    card = await chat.send("52")
    assert "❤️ Resting HR: 52 bpm" in (card.text or "")
    checkin = await stored(chat.sessions)
    assert checkin is not None
    assert checkin.resting_hr == 52
    after = await chat.send("53")
    assert "I didn't get that" in (after.text or ""), "the question was answered"


async def test_a_button_from_yesterdays_card_records_yesterday(chat: Harness) -> None:
    card = await chat.send("/checkin")
    yesterday = (TODAY - timedelta(days=1)).toordinal()
    data = card.button_data("6h").replace(str(TODAY.toordinal()), str(yesterday))
    chat.telegram.user_sends_callback_raw(ANNA, card.message_id, data)
    await chat.deliver()
    shown = chat.last()
    assert "Check-in · yesterday, Mon 23 Nov" in (shown.text or "")
    assert await stored(chat.sessions) is None
    checkin = await stored(chat.sessions, TODAY - timedelta(days=1))
    assert checkin is not None
    assert checkin.sleep_hours == 6.0
    today = await chat.send("/checkin")
    assert "yesterday, Mon 23 Nov: 🛏 6 h" in (today.text or "")


async def test_a_crafted_button_for_a_day_out_of_the_window_is_refused(chat: Harness) -> None:
    card = await chat.send("/checkin")
    for days_ago in (3, -1):
        day = (TODAY - timedelta(days=days_ago)).toordinal()
        data = card.button_data("6h").replace(str(TODAY.toordinal()), str(day))
        chat.telegram.user_sends_callback_raw(ANNA, card.message_id, data)
        await chat.deliver()
    old, future = chat.telegram.callback_answers[-2:]
    assert "That check-in is too old" in old["text"]
    assert "That day hasn't come yet" in future["text"]
    chat.telegram.user_sends_callback_raw(ANNA, card.message_id, "ci:mood:0:3")
    await chat.deliver()
    assert "That check-in is too old" in chat.telegram.callback_answers[-1]["text"]
    chat.telegram.user_sends_callback_raw(ANNA, card.message_id, f"ci:mood:{TODAY.toordinal()}:9")
    await chat.deliver()
    assert chat.telegram.callback_answers[-1]["text"] == "Mood is a number from 1 to 5."
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        assert await uow.checkins.all(ANNA) == []
    assert chat.telegram.messages(ANNA)[-1].edits == 0, "the card was not changed"


async def test_a_russian_athlete_gets_a_russian_card(chat: Harness) -> None:
    chat.telegram.add_user(7101, "Ира", language_code="ru")
    chat.user_id = 7101
    card = await chat.send("/checkin")
    assert "🌅 Самочувствие · сегодня, Вт, 24 ноя" in (card.text or "")
    await chat.press("Вес")
    assert "в килограммах" in (chat.last().text or "")
    refused = await chat.send("тяжёлый")
    assert refused.text == "Пожалуйста, напишите число, например 72,5."
    saved = await chat.send("61,5")
    assert "⚖️ Вес: 61.5 кг" in (saved.text or "")
    assert "✅ Сохранено." in (saved.text or "")


async def test_the_coach_shows_the_check_in_and_rests_a_very_sore_athlete(chat: Harness) -> None:
    await chat.send("/checkin")
    await chat.press("🤕5")
    await chat.press("8h")
    report = (await chat.send("/coach")).text or ""
    assert "😴 Rest today." in report
    assert "You are very sore" in report
    assert "🌅 Check-in: 🛏 8 h · 🤕5" in report


async def test_the_coach_compares_the_resting_heart_rate_with_the_usual(chat: Harness) -> None:
    await chat.send("/checkin")
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        for days_ago, bpm in ((3, 49), (5, 50), (9, 51)):
            day = TODAY - timedelta(days=days_ago)
            await uow.checkins.set_field(ANNA, day, WellnessField.RESTING_HR, bpm, NOW)
        await uow.commit()
    await chat.press("Resting HR")
    await chat.send("58")
    report = (await chat.send("/coach")).text or ""
    assert "🌅 Check-in: ❤️ 58 bpm (usually 50)" in report
    assert "There is little in your journal yet" in report, "no journal: that rule comes first"
    for line in ("run 5k 25:00", "run 6k 31:00", "run 8k 42:00"):
        await chat.send(f"/log {line}")
    report = (await chat.send("/coach")).text or ""
    assert "Your resting heart rate is well above your usual" in report


async def test_export_holds_the_check_ins_and_delete_me_erases_them(chat: Harness) -> None:
    await chat.send("/checkin")
    await chat.press("🌔4")
    document = await chat.send("/export")
    data = json.loads(document.document_bytes or b"")
    assert data["checkins"] == [
        {
            "user_id": ANNA,
            "day": "2026-11-24",
            "sleep_hours": None,
            "sleep_quality": 4,
            "mood": None,
            "soreness": None,
            "resting_hr": None,
            "weight_kg": None,
            "updated_at": NOW.isoformat(),
        }
    ]
    await chat.send("/delete_me")
    await chat.press("Yes, erase everything")
    assert await stored(chat.sessions) is None
