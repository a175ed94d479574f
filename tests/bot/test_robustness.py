"""Redeliveries, crafted buttons, floods, failures and chats the bot does not serve."""

from __future__ import annotations

import logging

import pytest

from domain.users.models import Level
from tests.bot.conftest import Harness, make_dispatcher


async def test_a_redelivered_update_is_handled_once(chat: Harness) -> None:
    await chat.send("/start")
    await chat.press("Cycling")
    replayed = chat.fed[-1]
    before = [(m.message_id, m.edits) for m in chat.telegram.messages(chat.user_id)]
    await chat.dispatcher.feed_raw_update(chat.bot, replayed)
    after = [(m.message_id, m.edits) for m in chat.telegram.messages(chat.user_id)]
    assert after == before, "nothing sent or edited again"
    user = await chat.user()
    assert user is not None
    assert len(user.profile.sports) == 1, "the toggle was not applied twice"


async def test_a_redelivery_to_another_worker_is_dropped_too(chat: Harness) -> None:
    await chat.send("/start")
    other_worker = make_dispatcher(chat.sessions)
    count = len(chat.telegram.messages(chat.user_id))
    await other_worker.feed_raw_update(chat.bot, chat.fed[0])
    assert len(chat.telegram.messages(chat.user_id)) == count


@pytest.mark.parametrize("data", ["fl:godmode", "pe:password", "dm:maybe", "zz:1", "sl:de"])
async def test_crafted_callback_data_gets_nothing(chat: Harness, data: str) -> None:
    await chat.send("/start")
    message = chat.last()
    chat.telegram.user_sends_callback_raw(chat.user_id, message.message_id, data)
    await chat.deliver()
    answer = chat.telegram.callback_answers[-1]
    assert answer["text"] == "This button is outdated. Send /help to see what I can do."
    user = await chat.user()
    assert user is not None
    assert user.profile.level is None


async def test_an_old_button_from_another_step_does_not_change_anything(chat: Harness) -> None:
    await chat.send("/start")
    await chat.press("Skip")
    level_question = chat.last()
    level_data = level_question.button_data("Advanced")
    await chat.press("Beginner")
    chat.telegram.user_sends_callback_raw(chat.user_id, level_question.message_id, level_data)
    await chat.deliver()
    user = await chat.user()
    assert user is not None
    assert user.profile.level is Level.BEGINNER


async def test_unknown_commands_and_text_get_a_hint(chat: Harness) -> None:
    await chat.send("/start")
    await chat.send("/cancel")
    reply = await chat.send("/teleport now")
    assert reply.text == "I don't know the command /teleport. /help lists what I can do."
    reply = await chat.send("<b>hi</b>")
    assert reply.text == "I didn't get that. /help lists what I can do."
    reply = await chat.send("/x<script>")
    assert reply.text == "I don't know the command /x<script>. /help lists what I can do."


async def test_a_failure_is_answered_in_the_users_language_without_a_trace(
    chat: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    chat.telegram.add_user(7003, "Пётр", language_code="ru")
    chat.user_id = 7003
    chat.telegram.inject("sendMessage", error_code=500, description="Internal Server Error")
    with caplog.at_level(logging.ERROR):
        reply = await chat.send("/help")
    assert reply.text == (
        "😕 У меня что-то пошло не так. Ничего не потеряно: попробуйте ещё раз чуть позже."
    )
    update_id = chat.fed[-1]["update_id"]
    assert f"update {update_id} failed" in caplog.text
    assert "Traceback" not in (reply.text or "")


async def test_a_flood_is_slowed_down_politely_once(chat: Harness) -> None:
    clock = [0.0]
    chat.dispatcher = make_dispatcher(chat.sessions, monotonic=lambda: clock[0], burst=3)
    for _ in range(6):
        chat.telegram.user_sends_text(chat.user_id, "/help")
    await chat.deliver()
    texts = chat.texts()
    assert sum("What I can do" in text or "Here is what" in text for text in texts) == 3
    assert texts.count("⏳ That's a lot of messages at once: give me a few seconds, please.") == 1
    clock[0] = 10.0
    reply = await chat.send("/help")
    assert "Here is what you can do" in (reply.text or "")


async def test_in_a_group_the_bot_points_to_the_private_chat(chat: Harness) -> None:
    chat.telegram.add_group(-100500, "Morning runners", admins=[chat.user_id], members=[])
    reply = await chat.send("/profile", chat_id=-100500)
    assert reply.text == "Let's talk about that in private."
    assert reply.reply_markup == [[("Open a private chat", "https://t.me/coachbot")]]
    await chat.send("nice run today", chat_id=-100500)
    assert len(chat.telegram.messages(-100500)) == 1, "group chatter gets no answer"
    assert await chat.user() is None, "writing in a group does not make an athlete"


async def test_a_user_who_blocked_the_bot_breaks_nothing_for_others(chat: Harness) -> None:
    await chat.send("/start")
    count = len(chat.telegram.messages(chat.user_id))
    chat.telegram.user_blocks_bot(chat.user_id)
    chat.telegram.user_sends_callback_raw(chat.user_id, chat.last().message_id, "fs:running")
    await chat.deliver()
    assert len(chat.telegram.messages(chat.user_id)) == count
    chat.telegram.add_user(7004, "Olga")
    chat.user_id = 7004
    reply = await chat.send("/help")
    assert "Here is what you can do" in (reply.text or "")
