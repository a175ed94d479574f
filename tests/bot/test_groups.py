"""Groups through the real Dispatcher: two athletes, a group chat, an event and its journal."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.charts import MatplotlibCharts
from bot.group_notifier import TelegramEventNotifier
from bot.i18n import I18n
from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram, SentMessage
from db.uow import SqlUnitOfWork
from domain.clock import EPOCH
from domain.users.models import CoarseLocation, Level, Sport, Weekday
from domain.workouts.models import Activity
from scheduler.groups import ask_event_attendance, send_event_reminders
from tests.bot.conftest import ANNA, NOW, Harness, make_dispatcher

OLGA = 7002
CHAT = -100500


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def chat(
    telegram: FakeTelegram, session_factory: async_sessionmaker[AsyncSession], clock: Clock
) -> AsyncIterator[Harness]:
    telegram.add_user(OLGA, "Olga", language_code="en", username="olga_coach")
    telegram.add_group(CHAT, "Park Runners", admins=[OLGA], members=[ANNA])
    bot = Bot(
        "42:TEST-in-process-token",
        session=InProcessSession(telegram),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    dispatcher = make_dispatcher(session_factory, clock=clock)
    yield Harness(telegram, dispatcher, bot, session_factory)
    await bot.session.close()


async def as_user(chat: Harness, user_id: int, text: str) -> SentMessage:
    chat.user_id = user_id
    return await chat.send(text)


async def profile(chat: Harness, user_id: int, **changes: object) -> None:
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        await uow.users.save(user.with_profile(**changes))
        await uow.commit()


async def press_in_chat(chat: Harness, user_id: int, message: SentMessage, label: str) -> None:
    data = message.button_data(label)
    chat.telegram.user_presses(user_id, message.message_id, data, chat_id=CHAT)
    await chat.deliver()


def notifier(chat: Harness) -> TelegramEventNotifier:
    return TelegramEventNotifier(chat.bot, I18n(), MatplotlibCharts())


async def test_an_athlete_finds_a_group_asks_to_join_and_is_approved(chat: Harness) -> None:
    moscow = CoarseLocation(55.8, 37.6)
    await as_user(chat, OLGA, "/start")
    await profile(chat, OLGA, location=moscow)
    await as_user(chat, OLGA, "/newgroup")
    await chat.send("Morning Runners")
    await chat.press("Skip")
    await chat.press("Running")
    await chat.press("Next")
    await chat.press("Any level")
    await chat.send("tue 19:00, sat 08:30")
    await chat.press("Use my area")
    await chat.press("by approval")
    await chat.send("20")
    assert "Morning Runners" in chat.texts()[-2]
    assert "/setup" in chat.texts()[-1]

    await as_user(chat, ANNA, "/start")
    days = frozenset({Weekday.SAT})
    await profile(
        chat,
        ANNA,
        sports=frozenset({Sport.RUNNING}),
        location=CoarseLocation(55.7, 37.5),
        level=Level.BEGINNER,
        days=days,
    )
    found = await chat.send("/groups")
    assert "Groups: 🏃 Running" in (found.text or "")
    assert "within 25 km" in (found.text or "")
    assert "1. Morning Runners" in (found.text or "")
    card = await chat.press("Morning Runners")
    assert "by approval" in (card.text or "")
    await chat.press("Ask to join")
    assert "waiting for the organizer" in (chat.last().text or "")

    request = chat.telegram.last_message(OLGA)
    assert "Anna asks to join <b>Morning Runners</b>" in (request.html or request.text or "") or (
        "Anna asks to join Morning Runners" in (request.text or "")
    )
    chat.user_id = OLGA
    await chat.press("Approve")
    assert "Anna joined" in (chat.last().text or "")
    told = chat.telegram.last_message(ANNA)
    assert "You're in" in (told.text or "")


async def test_a_group_search_with_words_finds_nothing_else(chat: Harness) -> None:
    await as_user(chat, ANNA, "/start")
    found = await chat.send("/groups nosuchword")
    assert "No group matches yet" in (found.text or "")


async def test_setup_in_a_group_chat_is_for_its_administrators_only(chat: Harness) -> None:
    await as_user(chat, ANNA, "/start")
    refused = await chat.send("/setup", chat_id=CHAT)
    assert "Only the chat's administrators" in (refused.text or "")
    await as_user(chat, OLGA, "/start")
    prompt = await chat.send("/setup", chat_id=CHAT)
    assert "Make this chat the home" in (prompt.text or "")
    with pytest.raises(ValueError, match="no button"):
        chat.telegram.user_presses(ANNA, prompt.message_id, "gu:999", chat_id=CHAT)
    chat.telegram.user_presses(ANNA, prompt.message_id, prompt.button_data("Create"), chat_id=CHAT)
    await chat.deliver()
    assert "Only the chat's administrators" in chat.telegram.callback_answers[-1].get("text", "")
    await press_in_chat(chat, OLGA, prompt, "Create")
    done = chat.last(CHAT)
    assert "This chat is now the home of <b>Park Runners</b>" in (done.html or "") or (
        "now the home of Park Runners" in (done.text or "")
    )
    again = await chat.send("/setup", chat_id=CHAT)
    assert "already the home of" in (again.text or "")


async def test_an_event_gathers_answers_reminds_once_and_lands_in_the_journal(
    chat: Harness, clock: Clock
) -> None:
    await as_user(chat, ANNA, "/start")
    await as_user(chat, OLGA, "/start")
    prompt = await chat.send("/setup", chat_id=CHAT)
    await press_in_chat(chat, OLGA, prompt, "Create")

    await chat.send("/mygroups")
    await chat.press("Park Runners")
    await chat.press("New event")
    await chat.press("Run")
    await chat.send("2026-11-25 07:30")
    await chat.send("Main gate")
    await chat.press("Skip")
    await chat.send("10 km")
    await chat.send("5:00-5:30")
    await chat.press("Skip")
    created = await chat.press("Just this once")
    assert "posted in the group chat" in (created.text or "")

    post = chat.last(CHAT)
    assert "Main gate" in (post.text or "")
    assert "✅ 0" in (post.text or "")
    await press_in_chat(chat, ANNA, post, "Going")
    assert "✅ 1" in (chat.last(CHAT).text or ""), "the post shows the live count"
    assert chat.last(CHAT).edits >= 1

    event_start = datetime.fromisoformat("2026-11-25T07:30:00+00:00")
    clock.now = event_start - timedelta(minutes=50)
    uow = lambda: SqlUnitOfWork(chat.sessions, clock)  # noqa: E731
    assert await send_event_reminders(uow, clock, notifier(chat)) == 2, "Anna and Olga"
    assert await send_event_reminders(uow, clock, notifier(chat)) == 0, "claimed once"
    assert "In an hour" in (chat.telegram.last_message(ANNA).text or "")

    clock.now = event_start + timedelta(hours=2)
    assert await ask_event_attendance(uow, clock, notifier(chat)) == 1, "only who said going"
    chat.user_id = ANNA
    ask = chat.keyboard_message()
    confirm = ask.button_data("I was there")
    card = await chat.press("I was there")
    assert "Logged to your journal" in (card.text or "")
    assert "Achievement unlocked: Team player" in (card.text or ""), "the attendance counts"
    async with SqlUnitOfWork(chat.sessions, clock) as check:
        runs = await check.workouts.since(ANNA, EPOCH)
    assert [(w.activity, w.distance_m) for w in runs] == [(Activity.RUN, 10_000.0)]
    assert runs[0].started_at == event_start

    chat.telegram.user_sends_callback_raw(ANNA, ask.message_id, confirm)
    await chat.deliver()
    assert "already confirmed" in chat.telegram.callback_answers[-1].get("text", "")
    async with SqlUnitOfWork(chat.sessions, clock) as check:
        assert len(await check.workouts.since(ANNA, EPOCH)) == 1, "once per attendee"


async def test_the_calendar_file_has_utc_times(chat: Harness, clock: Clock) -> None:
    await as_user(chat, ANNA, "/start")
    await as_user(chat, OLGA, "/start")
    prompt = await chat.send("/setup", chat_id=CHAT)
    await press_in_chat(chat, OLGA, prompt, "Create")
    await chat.send("/mygroups")
    await chat.press("Park Runners")
    await chat.press("New event")
    await chat.press("Ride")
    await chat.send("2026-11-26 18:00")
    for _ in range(5):
        await chat.press("Skip")
    await chat.press("Just this once")
    await chat.press("Add to calendar")
    document = chat.telegram.last_message(OLGA)
    assert re.fullmatch(r"event-\d+\.ics", document.document_name or "")
    content = (document.document_bytes or b"").decode()
    assert "DTSTART:20261126T" in content
    assert content.endswith("END:VCALENDAR\r\n")


async def test_an_invite_link_lands_in_the_group_card_for_new_and_known_athletes(
    chat: Harness,
) -> None:
    await as_user(chat, OLGA, "/start")
    prompt = await chat.send("/setup", chat_id=CHAT)
    await press_in_chat(chat, OLGA, prompt, "Create")
    link = re.search(r"start=(g_[A-Za-z0-9_-]+)", chat.last(CHAT).text or "")
    assert link is not None
    payload = link.group(1)

    greeting = await as_user(chat, ANNA, f"/start {payload}")
    assert greeting is not None
    assert "group invitation" in " ".join(chat.texts())
    for _ in range(9):
        await chat.press("Skip")
    assert "here it is" in (chat.last().text or "")
    card = await chat.press("Open the group")
    assert "Park Runners" in (card.text or "")
    joined = await chat.press("Join")
    assert "You are a member" in (joined.text or "")

    chat.telegram.add_user(7003, "Mark")
    await as_user(chat, 7003, "/start")
    for _ in range(9):
        await chat.press("Skip")
    card = await chat.send(f"/start {payload}")
    assert "Park Runners" in (card.text or ""), "a known athlete goes straight to the card"
    assert "👥 2 members" in (card.text or "")
