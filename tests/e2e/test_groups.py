"""Issue #5's promise, end to end: two athletes find the same group, one approving the
other; an event in the group chat gathers answers and reminds (the real process)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox.telegram import SentMessage
from tests.e2e.conftest import BotProcess, Person
from tests.support.botapi_server import BotApiServer

pytestmark = pytest.mark.e2e
OLGA, ANNA, CHAT = 601, 602, -100601


async def onboard(person: Person) -> None:
    await person.send("/start", expect="Step 1 of 9")
    for step in range(2, 10):
        await person.press("Skip", expect=f"Step {step} of 9")
    await person.press("Skip", expect="Your profile is ready")


async def in_chat(api: BotApiServer, user_id: int, text: str, expect: str) -> SentMessage:
    since = api.telegram.version
    api.telegram.user_sends_text(user_id, text, CHAT)
    return await api.telegram.wait_for_message(
        CHAT, lambda m: expect in (m.text or ""), timeout=20, after=since
    )


async def press_in_chat(
    api: BotApiServer, user_id: int, message: SentMessage, label: str, expect: str
) -> SentMessage:
    since = api.telegram.version
    api.telegram.user_presses(user_id, message.message_id, message.button_data(label), CHAT)
    return await api.telegram.wait_for_message(
        CHAT, lambda m: expect in (m.text or ""), timeout=20, after=since
    )


async def test_two_athletes_share_a_group_and_its_event_reminds_them(
    api: BotApiServer, bot_process: BotProcess
) -> None:
    telegram = api.telegram
    telegram.add_user(OLGA, "Olga", language_code="en")
    telegram.add_user(ANNA, "Anna", language_code="en")
    telegram.add_group(CHAT, "River Runners", admins=[OLGA], members=[ANNA])
    await bot_process.start()
    olga, anna = Person(telegram, OLGA), Person(telegram, ANNA)
    await onboard(olga)
    await onboard(anna)

    await olga.send("/newgroup", expect="What's the group called?")
    await olga.send("River Runners", expect="Describe it")
    await olga.press("Skip", expect="Which sports?")
    await olga.press("Running", expect="✅ 🏃 Running")
    await olga.press("Next", expect="Which levels")
    await olga.press("Any level", expect="When does it meet?")
    await olga.send("mon 7:00, sat 8:30", expect="Where does it meet?")
    await olga.press("Skip", expect="Who can join?")
    await olga.press("by approval", expect="How many people")
    await olga.press("Skip", expect="is created")

    await anna.send("/groups", expect="1. River Runners")
    await anna.press("River Runners", expect="Ask to join")
    await anna.press("Ask to join", expect="waiting for the organizer")
    await telegram.wait_for_message(
        OLGA, lambda m: "asks to join" in (m.text or ""), timeout=20, after=-1
    )
    await olga.press("Approve", expect="Anna joined")
    await telegram.wait_for_message(
        ANNA, lambda m: "You're in" in (m.text or ""), timeout=20, after=-1
    )

    refused = await in_chat(api, ANNA, "/setup", expect="Only the chat's administrators")
    assert refused.chat_id == CHAT
    prompt = await in_chat(api, OLGA, "/setup", expect="Make this chat the home")
    await press_in_chat(api, OLGA, prompt, "Link", expect="now the home of River Runners")

    starts = datetime.now(UTC) + timedelta(minutes=40)
    await olga.send("/mygroups", expect="River Runners")
    await olga.press("River Runners", expect="New event")
    await olga.press("New event", expect="Which sport?")
    await olga.press("Run", expect="When does it start?")
    await olga.send(starts.strftime("%Y-%m-%d %H:%M"), expect="Where do you meet?")
    await olga.send("Boathouse", expect="Share the meeting spot")
    for expect in ("How far?", "pace range", "How many people", "Repeat it"):
        await olga.press("Skip", expect=expect)
    await olga.press("Just this once", expect="posted in the group chat")

    post = telegram.last_message(CHAT)
    assert "Boathouse" in (post.text or "")
    await press_in_chat(api, ANNA, post, "Going", expect="✅ 1")

    assert await bot_process.stop() == 0
    since = telegram.version
    await bot_process.start()  # the scheduler's first tick picks up the due reminder
    reminder = await telegram.wait_for_message(
        ANNA, lambda m: "In an hour" in (m.text or ""), timeout=30, after=since
    )
    assert "Boathouse" in (reminder.text or "")
    assert await bot_process.stop() == 0
