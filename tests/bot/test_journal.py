"""Dated logs, the journal by day and period, a workout's detail and its edits, in a chat."""

from __future__ import annotations

from db.uow import SqlUnitOfWork
from domain.workouts.models import Activity, JournalPeriod, WorkoutField
from handlers.workout_callbacks import EditFieldCb, EditRpeCb, EditSportCb, EntryCb, JournalCb
from tests.bot.conftest import ANNA, NOW, Harness

# The harness' clock: Tuesday 24 November 2026, 08:00 UTC (11:00 in Moscow).
IRA = 7101


def lines_between(text: str, first: str, last: str) -> str:
    return text[text.index(first) : text.index(last)]


async def test_a_week_of_mixed_training_by_text_in_both_languages(chat: Harness) -> None:
    for line in ("run 10k 52:30 yesterday at 7:30", "mon swim 1500m 31:20",
                 "day before yesterday bike 1h15 42km", "20.11 strength 45 min rpe 7",
                 "yoga 30m"):  # fmt: skip
        card = await chat.send(f"/log {line}")
        assert (card.text or "").startswith("✅ Logged"), line
    journal = (await chat.send("/journal")).text or ""
    assert journal.index("Today · Tue 24 Nov") < journal.index("Yesterday · Mon 23 Nov")
    monday = lines_between(journal, "Yesterday · Mon 23 Nov", "Sun 22 Nov")
    assert "12:00 — 🏊 Swim, 1.50 km, 31:20" in monday, "a day without a time is put at noon"
    assert "07:30 — 🏃 Run, 10.00 km, 52:30" in monday
    assert monday.index("Swim") < monday.index("Run"), "newest first within the day"
    assert "🚴 Ride, 42.00 km, 1:15:00" in lines_between(journal, "Sun 22 Nov", "Fri 20 Nov")
    assert "🏋️ Strength" in journal[journal.index("Fri 20 Nov") :]

    chat.telegram.add_user(IRA, "Ира", language_code="ru")
    chat.user_id = IRA
    for line in ("вчера бег 10 км за 52 минуты пульс 148", "позавчера в 7:30 присед 5х5 100",
                 "в чт плавание 1500 м 31:20", "бег 5 км 25:00"):  # fmt: skip
        card = await chat.send(f"/log {line}")
        assert (card.text or "").startswith("✅ Записано"), line
    russian = (await chat.send("/journal")).text or ""
    assert russian.index("Сегодня · Вт 24 ноя") < russian.index("Вчера · Пн 23 ноя")
    assert "07:30 — 🏋️ Силовая" in lines_between(russian, "Вс 22 ноя", "Чт 19 ноя")
    assert "🏊 Плавание, 1.50 км, 31:20" in russian[russian.index("Чт 19 ноя") :]


async def test_a_dated_log_finished_step_by_step_keeps_its_day(chat: Harness) -> None:
    await chat.send("/log вчера в 18:00 run 8 km")
    assert "How long?" in (chat.last().text or "")
    await chat.send("45")
    await chat.press("Skip")
    await chat.press("Skip")
    card = await chat.press("Skip")
    assert "🏃 Run · Mon 23 Nov, 18:00" in (card.text or "")


async def test_future_and_too_old_logs_are_refused(chat: Harness) -> None:
    reply = await chat.send("/log run 5k 25:00 at 9pm")
    assert reply.text == "That moment is still ahead: I log workouts that have already happened."
    reply = await chat.send("/log 2025-06-01 run 5k 25:00")
    assert "more than 365 days ago" in (reply.text or "")
    journal = await chat.send("/journal")
    assert "No workouts here yet" in (journal.text or "")


async def test_the_journal_filters_by_period(chat: Harness) -> None:
    for line in ("yesterday run 5k 25:00", "2026-11-02 swim 1000m 20:00",
                 "2026-03-01 run 8k 45:00", "2025-12-20 ride 1h 30km"):  # fmt: skip
        await chat.send(f"/log {line}")
    everything = (await chat.send("/journal")).text or ""
    assert all(day in everything for day in ("23 Nov", "2 Nov", "1 Mar", "20 Dec"))
    week = (await chat.press("This week")).text or ""
    assert "📖 Training journal · this week" in week
    assert "23 Nov" in week
    assert "2 Nov" not in week
    month = (await chat.press("This month")).text or ""
    assert ("23 Nov" in month, "2 Nov" in month, "1 Mar" in month) == (True, True, False)
    runs = (await chat.press("Run")).text or ""
    assert "🏃 Run · this month" in runs
    assert "Swim" not in runs
    year = (await chat.press("This year")).text or ""
    assert ("1 Mar" in year, "20 Dec" in year) == (True, False)
    assert year.count("🏃 Run") == 3, "the title and two runs: the sport is kept"
    empty = await chat.press("Ride")
    assert "No workouts in this period" in (empty.text or "")
    anytime = (await chat.press("Any time")).text or ""
    assert "20 Dec" in anytime


async def test_an_entry_opens_in_full_and_leads_back_to_its_page(chat: Harness) -> None:
    for line in ("run 5k 25:00 hr 150 rpe 6", "swim 1000m 20:00", "run 8k 45:00", "yoga 30 min",
                 "ride 1h 30km", "run 3k 15:00", "walk 40 min"):  # fmt: skip
        await chat.send(f"/log yesterday {line}")
    await chat.send("/journal")
    older = await chat.press("Older")
    assert "Page 2 of 2" in (older.text or "")
    detail = (await chat.press("2")).text or ""
    assert "🏃 Run · Mon 23 Nov, 12:00" in detail
    assert "🏁 Pace: 5:00 /km" in detail
    assert "❤️ Avg heart rate: 150 bpm" in detail
    assert "😤 Effort: 6/10" in detail
    assert "(from heart rate)" in detail
    assert "📥 Logged: in one line" in detail
    assert "🏆 Fastest 5 km — 25:00" in detail
    back = await chat.press("Back to journal")
    assert "Page 2 of 2" in (back.text or "")


async def test_the_back_button_keeps_the_sport_and_the_period(chat: Harness) -> None:
    await chat.send("/log yesterday run 5k 25:00")
    await chat.send("/log swim 1000m 20:00")
    await chat.send("/journal")
    await chat.press("This week")
    await chat.press("Run")
    opened = await chat.press("1")
    assert "🏃 Run" in (opened.text or "")
    back = await chat.press("Back to journal")
    labels = [label for row in back.reply_markup for label, _ in row]
    assert "• 🏃 Run" in labels
    assert "• This week" in labels
    assert "Swim" not in (back.text or "").split("\n", 1)[1]


async def test_a_zone_is_shown_when_the_maximum_is_known(chat: Harness) -> None:
    no_zone = (await chat.send("/log run 40 min hr 150")).text or ""
    assert "❤️ Avg heart rate: 150 bpm\n" in no_zone, "no birth year or maximum: no zone"
    user = await chat.user()
    assert user is not None
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        await uow.users.save(user.with_profile(max_hr=190, resting_hr=50))
        await uow.commit()
    card = (await chat.send("/log run 40 min hr 150")).text or ""
    # Karvonen (1957): 150 bpm is 71 % of the reserve 50..190, zone 3 being 70-80 %.
    assert "❤️ Avg heart rate: 150 bpm · zone 3, tempo" in card
    await chat.send("/journal")
    detail = (await chat.press("1")).text or ""
    assert "zone 3, tempo" in detail


async def test_an_edited_distance_changes_the_pace_and_a_duration_the_load(chat: Harness) -> None:
    await chat.send("/log run 10k 50:00 rpe 6")
    menu = await chat.press("Edit")
    assert (menu.text or "").startswith("✏️ What do you want to change?")
    prompt = await chat.press("Distance")
    assert "How far was it?" in (prompt.text or "")
    card = (await chat.send("12")).text or ""
    assert card.startswith("✅ Changed.")
    assert "📏 Distance: 12.00 km" in card
    assert "🏁 Pace: 4:10 /km" in card
    assert "💪 Load: 71 (from effort and time)" in card, "6 × 50 min = 300, an hour at 7 is 100"
    await chat.press("Edit")
    await chat.press("Duration")
    card = (await chat.send("1h")).text or ""
    assert "🏁 Pace: 5:00 /km" in card
    assert "💪 Load: 86 (from effort and time)" in card
    await chat.press("Edit")
    await chat.press("Effort")
    card = (await chat.press("8")).text or ""
    assert "💪 Load: 114 (from effort and time)" in card
    await chat.press("Edit")
    await chat.press("Sport")
    card = (await chat.press("Ride")).text or ""
    assert "🏁 Speed: 12.0 km/h" in card


async def test_an_edited_start_moves_the_entry_to_its_day(chat: Harness) -> None:
    await chat.send("/log run 5k 25:00")
    await chat.press("Edit")
    await chat.press("Date and time")
    card = (await chat.send("sun 7:15")).text or ""
    assert "🏃 Run · Sun 22 Nov, 07:15" in card
    journal = (await chat.send("/journal")).text or ""
    assert "Sun 22 Nov" in journal
    assert "Today" not in journal


async def test_a_bad_edit_is_explained_and_changes_nothing(chat: Harness) -> None:
    await chat.send("/log run 10k 50:00")
    await chat.press("Edit")
    await chat.press("Duration")
    reply = await chat.send("soon")
    assert reply.text == "I didn't get the time. Try 52:30, 1h15 or 45 (minutes)."
    reply = await chat.send("10 min")
    assert "faster than the world record" in (reply.text or "")
    await chat.send("/journal")
    unchanged = (await chat.press("1")).text or ""
    assert "⏱ Time: 50:00" in unchanged
    await chat.press("Edit")
    await chat.press("Date and time")
    reply = await chat.send("tomorrow")
    assert "I didn't get when" in (reply.text or "")
    reply = await chat.send("23:00")
    assert "still ahead" in (reply.text or "")
    card = (await chat.send("yesterday 23:00")).text or ""
    assert "Mon 23 Nov, 23:00" in card, "the question stayed open after the errors"


async def test_a_russian_edit_is_answered_in_russian(chat: Harness) -> None:
    chat.telegram.add_user(IRA, "Ира", language_code="ru")
    chat.user_id = IRA
    await chat.send("/log бег 10 км 50:00")
    await chat.press("Изменить")
    await chat.press("Дата и время")
    reply = await chat.send("завтра")
    assert "Не понял, когда" in (reply.text or "")
    card = (await chat.send("вчера в 7:30")).text or ""
    assert card.startswith("✅ Изменено.")
    assert "Пн 23 ноя, 07:30" in card


async def test_another_athletes_workout_cannot_be_opened_or_edited(chat: Harness) -> None:
    card = await chat.send("/log run 5k 25:00")
    workout_id = int(card.button_data("Edit").rsplit(":", 1)[1])
    chat.telegram.add_user(7102, "Mallory")
    chat.user_id = 7102
    mine = await chat.send("/start")
    crafted = [
        EditFieldCb(workout_id=workout_id, field=WorkoutField.DISTANCE).pack(),
        EditSportCb(workout_id=workout_id, activity=Activity.YOGA).pack(),
        EditRpeCb(workout_id=workout_id, rpe=3).pack(),
        EntryCb(workout_id=workout_id, page=0).pack(),
        card.button_data("Edit"),
    ]
    for packed in crafted:
        chat.telegram.user_sends_callback_raw(7102, mine.message_id, packed)
        await chat.deliver()
        assert chat.telegram.callback_answers[-1]["text"] == (
            "I can't find that workout: it may have been deleted."
        ), packed
    reply = await chat.send("42")
    assert reply.text == "I didn't get that. /help lists what I can do.", "no question was opened"
    chat.user_id = ANNA
    await chat.send("/journal")
    kept = (await chat.press("1")).text or ""
    assert "🏃 Run" in kept
    assert "📏 Distance: 5.00 km" in kept


def test_journal_callbacks_fit_in_64_bytes() -> None:
    entry = EntryCb(
        workout_id=2**31 - 1, page=99_999, activity=Activity.STRENGTH, period=JournalPeriod.MONTH
    )
    page = JournalCb(page=99_999, activity=Activity.STRENGTH, period=JournalPeriod.MONTH)
    field = EditFieldCb(workout_id=2**31 - 1, field=WorkoutField.STARTED_AT)
    for data in (entry, page, field):
        assert len(data.pack().encode()) <= 64
    assert EntryCb.unpack(entry.pack()).journal == page
