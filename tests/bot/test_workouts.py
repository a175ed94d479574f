"""/log and /journal through the real Dispatcher."""

from __future__ import annotations

import json

from domain.workouts.models import Activity
from tests.bot.conftest import ANNA, Harness


async def test_a_one_line_log_answers_with_its_card(chat: Harness) -> None:
    card = await chat.send("/log run 10k 52:30 hr 150")
    text = card.text or ""
    assert text.startswith("✅ Logged to your journal.")
    assert "⏱ Time: 52:30" in text
    assert "📏 Distance: 10.00 km" in text
    assert "🏁 Pace: 5:15 /km" in text
    assert "💪 Load:" in text
    assert "(from heart rate)" in text
    assert [label for row in card.reply_markup for label, _ in row] == [
        "✏️ Edit", "📝 Note", "🗑 Delete", "📖 Journal"
    ]  # fmt: skip


async def test_a_russian_log_gets_a_russian_card(chat: Harness) -> None:
    chat.telegram.add_user(7101, "Ира", language_code="ru")
    chat.user_id = 7101
    card = await chat.send("/log присед 5х5 100, жим 3x8 60")
    text = card.text or ""
    assert "Присед: 5×5 × 100 кг · ≈1ПМ ≈ 116.7 кг" in text
    assert "📦 Объём: 3940 кг" in text


async def test_an_unreadable_log_becomes_a_guided_one(chat: Harness) -> None:
    await chat.send("/log felt good today")
    assert "step by step" in chat.texts()[-2]
    await chat.press("Ride")
    await chat.press("60 min")
    await chat.send("32")
    await chat.press("6")
    await chat.press("Skip")
    card = await chat.send("windy on the way back")
    text = card.text or ""
    assert "🚴 Ride" in text
    assert "📏 Distance: 32.00 km" in text
    assert "🏁 Speed: 32.0 km/h" in text
    assert "💪 Load: <b>86</b>" not in text, "the card is HTML-rendered, not raw"
    assert "💪 Load: 86 (from effort and time)" in text, "6 × 60 min = 360, an hour at 7 is 100"
    assert "📝 windy on the way back" in text


async def test_a_partial_log_only_asks_what_is_missing(chat: Harness) -> None:
    await chat.send("/log swim 1500 m")
    question = chat.last()
    assert "How long?" in (question.text or "")
    await chat.send("31:20")
    await chat.press("Skip")
    await chat.press("Skip")
    card = await chat.press("Skip")
    assert "🏁 Pace: 2:05 /100 m" in (card.text or "")


async def test_guided_answers_are_checked(chat: Harness) -> None:
    await chat.send("/log")
    await chat.press("Run")
    reply = await chat.send("soon")
    assert reply.text == "I didn't get the time. Try 52:30, 1h15 or 45 (minutes)."
    await chat.send("20")
    reply = await chat.send("10 km")
    assert "faster than the world record" in (reply.text or "")


async def test_the_journal_pages_and_filters(chat: Harness) -> None:
    for line in ("run 5k 25:00", "swim 1000m 20:00", "run 8k 45:00", "yoga 30 min",
                 "ride 1h 30km", "run 3k 15:00", "walk 40 min"):  # fmt: skip
        await chat.send(f"/log {line}")
    page = await chat.send("/journal")
    first = page.text or ""
    assert "Page 1 of 2" in first
    assert first.index("3.00 km") < first.index("Walk"), "newest (latest start) first"
    assert "Ride" not in first
    older = await chat.press("Older")
    assert "Page 2 of 2" in (older.text or "")
    assert "Ride" in (older.text or "")
    runs = await chat.press("Run")
    assert (runs.text or "").count("🏃 Run") == 4, "the title and three runs"
    opened = await chat.press("1")
    assert "📏 Distance: 3.00 km" in (opened.text or "")


async def test_a_workout_is_deleted_after_a_confirmation(chat: Harness) -> None:
    await chat.send("/log run 5k 25:00")
    question = await chat.press("Delete")
    assert "Delete this workout?" in (question.text or "")
    await chat.press("No, keep")
    await chat.press("Delete")
    done = await chat.press("Yes, delete")
    assert done.text == "The workout was deleted."
    journal = await chat.send("/journal")
    assert "No workouts here yet" in (journal.text or "")


async def test_a_note_is_added_from_the_card(chat: Harness) -> None:
    await chat.send("/log yoga 30 min")
    await chat.press("Note")
    assert chat.last().text == "Type a note for this workout (up to 500 characters)."
    card = await chat.send("<b>calm</b> & slow")
    assert "📝 <b>calm</b> & slow" in (card.text or ""), "shown as typed, not as markup"


async def test_another_athletes_workout_cannot_be_opened_or_deleted(chat: Harness) -> None:
    card = await chat.send("/log run 5k 25:00")
    data = card.button_data("Delete")
    chat.telegram.add_user(7102, "Mallory")
    chat.user_id = 7102
    await chat.send("/start")
    chat.telegram.user_sends_callback_raw(7102, chat.last().message_id, data)
    await chat.deliver()
    assert chat.telegram.callback_answers[-1]["text"] == (
        "I can't find that workout: it may have been deleted."
    )
    chat.user_id = ANNA
    journal = await chat.send("/journal")
    assert "🏃 Run" in (journal.text or "")


async def test_the_export_holds_the_workouts(chat: Harness) -> None:
    await chat.send("/log squat 5x5 100kg")
    document = await chat.send("/export")
    data = json.loads(document.document_bytes or b"")
    assert data["workouts"][0]["activity"] == Activity.STRENGTH.value
    assert data["workouts"][0]["sets"][0]["exercise"] == "squat"


async def test_the_coach_reads_the_journal(chat: Harness) -> None:
    first = await chat.send("/coach")
    assert "There is little in your journal yet" in (first.text or "")
    assert "Add your birth year or maximum heart rate" in (first.text or "")
    await chat.send("/log run 10k 50:03")
    report = await chat.send("/coach")
    text = report.text or ""
    assert "Race predictions (VDOT 40.0)" in text
    assert "10 km: 50:0" in text


async def test_a_new_personal_record_is_announced_and_listed(chat: Harness) -> None:
    await chat.send("/log run 5k 25:00")
    card = await chat.send("/log run 5.02 km 24:20")
    assert "🏆 New personal record: Fastest 5 km — 24:14" in (card.text or "")
    records = await chat.send("/records")
    assert "Fastest 5 km — 24:14" in (records.text or "")
    assert "Longest 🏃 Run — 5.02 km" in (records.text or "")


async def test_stats_answer_with_totals_and_a_chart(chat: Harness) -> None:
    await chat.send("/log run 10k 50:00")
    await chat.send("/log swim 1500m 30:00")
    await chat.send("/stats week")
    text = chat.telegram.messages(chat.user_id)[-2].text or ""
    assert "📊 This week" in text
    assert "🏃 Run: 1 workout(s), 50:00, 10.00 km" in text
    assert "Total: 2 workout(s), 1:20:00" in text
    chart = chat.last()
    assert chart.photo_bytes is not None
    assert chart.photo_bytes.startswith(b"\x89PNG")
    usage = await chat.send("/stats decade")
    assert usage.text == "Use /stats week, /stats month or /stats year."


async def test_stats_show_time_in_heart_rate_zones_when_zones_are_known(chat: Harness) -> None:
    await chat.send("/start")
    for _ in range(7):
        await chat.press("Skip")
    await chat.send("50")
    await chat.send("180")
    await chat.send("/log run 10k 50:00 hr 135")
    await chat.send("/log run 5k 20:00 hr 160")
    await chat.send("/stats week")
    text = chat.telegram.messages(chat.user_id)[-2].text or ""
    assert "Time in heart-rate zones" in text
    assert "Z2 endurance: 50:00 · 71%" in text, "Karvonen Z2 is 128–141 with 50/180"
    assert "Z4 threshold: 20:00 · 29%" in text
    assert (chat.last().photo_bytes or b"").startswith(b"\x89PNG")


async def test_stats_leave_out_the_time_of_a_sport_logged_without_one(chat: Harness) -> None:
    await chat.send("/log squat 5x5 100kg")
    await chat.send("/stats week")
    text = chat.telegram.messages(chat.user_id)[-2].text or ""
    assert "🏋️ Strength: 1 workout(s)\n" in text, "no 'not set' where a time was never given"


async def test_a_faster_typed_kilometre_is_announced_as_a_record(chat: Harness) -> None:
    """The 1 km record had no name in the catalogs: its card failed to render."""
    await chat.send("/log run 1 km 4:40")
    card = await chat.send("/log run 1 km 4:20")
    assert "🏆" in (card.text or "")
    assert "1 km" in (card.text or "")


async def test_a_number_the_bot_could_not_place_is_named_on_the_card(chat: Harness) -> None:
    card = await chat.send("/log squat 5x5 100kg bench 3x8 60")
    text = card.text or ""
    assert text.startswith("✅ Logged to your journal. I could not place 3x8 60")
    assert "Squat: 5×5" in text
    clean = await chat.send("/log squat 5x5 100kg, bench 3x8 60")
    assert (clean.text or "").startswith("✅ Logged to your journal.\n")
