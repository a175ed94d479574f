"""The reminder time in /settings, and a reminder that arrives and starts a log."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.charts import MatplotlibCharts
from bot.i18n import I18n
from bot.notifier import TelegramNotifier
from db.uow import SqlUnitOfWork
from scheduler.jobs import send_due_digests, send_due_reminders
from tests.bot.conftest import NOW, Harness
from tests.bot.test_profile_and_settings import onboarded

TOMORROW_7 = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # Anna (English) is on UTC


async def test_the_settings_card_shows_the_reminder_time_and_days(chat: Harness) -> None:
    await onboarded(chat)
    card = await chat.send("/settings")
    assert "⏰ Reminder time: 18:00 · every day" in (card.text or "")
    labels = [label for row in card.reply_markup for label, _ in row]
    assert "⏰ Reminder time: 18:00" in labels


async def test_a_common_time_is_one_tap_away(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/settings")
    picker = await chat.press("Reminder time")
    assert "Pick a time below or type one" in (picker.text or "")
    labels = [label for row in picker.reply_markup for label, _ in row]
    assert labels == ["06:30", "07:00", "12:00", "17:30", "✅ 18:00", "19:00", "⬅️ Back"]
    card = await chat.press("07:00")
    assert "⏰ Reminder time: 07:00" in (card.text or "")
    user = await chat.user()
    assert user is not None
    assert user.reminder_time == time(7, 0)
    assert user.next_reminder_at == TOMORROW_7, "08:00 now: tomorrow"


async def test_a_typed_time_is_checked_and_kept(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/settings")
    await chat.press("Reminder time")
    refused = await chat.send("25:00")
    assert refused.text == "Please type a time as HH:MM, e.g. 06:45 or 18:30."
    user = await chat.user()
    assert user is not None
    assert user.reminder_time == time(18, 0), "nothing stored"
    card = await chat.send("6:45")
    assert "⏰ Reminder time: 06:45" in (card.text or "")


async def test_back_leaves_the_time_unchanged(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/settings")
    await chat.press("Reminder time")
    card = await chat.press("Back")
    assert "⏰ Reminder time: 18:00" in (card.text or "")
    after = await chat.send("7:00")
    assert "⏰ Reminder time" not in (after.text or ""), "no longer waiting for a time"


async def test_a_crafted_time_button_is_refused(chat: Harness) -> None:
    await onboarded(chat)
    card = await chat.send("/settings")
    chat.telegram.user_sends_callback_raw(chat.user_id, card.message_id, "sr:5000")
    await chat.deliver()
    assert chat.telegram.callback_answers[-1]["text"] == (
        "Please type a time as HH:MM, e.g. 06:45 or 18:30."
    )
    user = await chat.user()
    assert user is not None
    assert user.reminder_time == time(18, 0)


async def test_the_picker_speaks_russian(chat: Harness) -> None:
    chat.telegram.add_user(7101, "Ира", language_code="ru")
    chat.user_id = 7101
    await onboarded_in_russian(chat)
    card = await chat.send("/settings")
    assert "⏰ Время напоминания: 18:00 · каждый день" in (card.text or "")
    picker = await chat.press("Время напоминания")
    assert "Выберите время ниже" in (picker.text or "")
    refused = await chat.send("полдень")
    assert refused.text == "Напишите время в виде ЧЧ:ММ, например 06:45 или 18:30."


async def onboarded_in_russian(chat: Harness) -> None:
    await chat.send("/start")
    for _ in range(9):
        await chat.press("Пропустить")


async def test_a_reminder_arrives_at_its_time_and_its_button_starts_a_log(chat: Harness) -> None:
    await onboarded(chat)
    due = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    notifier = TelegramNotifier(chat.bot, I18n(), MatplotlibCharts())

    async def tick(now: datetime) -> int:
        return await send_due_reminders(
            lambda: SqlUnitOfWork(chat.sessions, lambda: now), lambda: now, notifier
        )

    assert await tick(NOW) == 0
    assert await tick(due) == 1
    assert await tick(due + timedelta(minutes=1)) == 0
    reminder = chat.last()
    assert (reminder.text or "").startswith("⏰ Time to train, Anna!")
    assert "An easy session today" in (reminder.text or "")
    assert [label for row in reminder.reply_markup for label, _ in row] == ["📝 Log a workout"]
    question = await chat.press("Log a workout")
    assert question.text == "🏅 What did you do?"
    await chat.press("Run")
    card = await chat.press("30 min")
    assert "How far?" in (card.text or "")


async def test_the_weekly_digest_arrives_with_its_chart(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/log run 10k 52:30")
    sunday = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)
    notifier = TelegramNotifier(chat.bot, I18n(), MatplotlibCharts())
    sent = await send_due_digests(
        lambda: SqlUnitOfWork(chat.sessions, lambda: sunday), lambda: sunday, notifier
    )
    assert sent == 1
    digest, chart = chat.telegram.messages(chat.user_id)[-2:]
    text = digest.text or ""
    assert text.startswith("📅 Your week in review, Anna")
    assert "📊 This week · 23.11–29.11" in text
    assert "🏃 Run: " in text
    assert "Next week" not in text, "no plan, no plan heading"
    assert chart.photo_bytes is not None
    assert chart.photo_bytes.startswith(b"\x89PNG")
