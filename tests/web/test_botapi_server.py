"""The loopback Bot API server answers aiogram's real HTTP session as Telegram would."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.methods import GetUpdates
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    ChatMemberAdministrator,
    ChatMemberMember,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.sandbox.telegram import FakeTelegram
from tests.support.botapi_server import BotApiServer

TOKEN = "42:TEST-loopback-token"


@pytest.fixture
async def telegram() -> FakeTelegram:
    fake = FakeTelegram()
    fake.add_user(7, "Anna", language_code="ru", username="anna")
    return fake


@pytest.fixture
async def bot(telegram: FakeTelegram) -> AsyncIterator[Bot]:
    server = BotApiServer(telegram, TOKEN)
    url = await server.start()
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(url)))
    yield bot
    await bot.session.close()
    await server.stop()


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(text=label, callback_data=f"k:{label}") for label in labels]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


async def test_get_me_is_a_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.username == "coachbot"


async def test_messages_are_sent_edited_and_seen_as_the_user_sees_them(
    bot: Bot, telegram: FakeTelegram
) -> None:
    sent = await bot.send_message(
        7, "<b>Hello</b> &amp; welcome", parse_mode="HTML", reply_markup=keyboard("A", "B")
    )
    assert sent.text == "Hello & welcome"
    assert sent.chat.id == 7
    edited = await bot.edit_message_text("Bye", chat_id=7, message_id=sent.message_id)
    assert not isinstance(edited, bool)
    assert edited.text == "Bye"
    seen = telegram.last_message(7)
    assert (seen.text, seen.edits, seen.reply_markup) == ("Bye", 1, [])
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("Bye", chat_id=7, message_id=sent.message_id)


async def test_bad_requests_are_refused_like_telegram(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(7, "<blink>hi</blink>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999, "hi")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(7, "x" * 4097)
    too_long = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="x", callback_data="d" * 65)]]
    )
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(7, "hi", reply_markup=too_long)


async def test_a_document_goes_up_and_comes_back_down(bot: Bot, telegram: FakeTelegram) -> None:
    content = b'{"hello": "world"}' * 100
    sent = await bot.send_document(
        7, BufferedInputFile(content, filename="data.json"), caption="yours"
    )
    assert sent.document is not None
    assert sent.document.file_name == "data.json"
    assert telegram.last_message(7).document_bytes == content
    file = await bot.get_file(sent.document.file_id)
    assert file.file_path is not None
    buffer = io.BytesIO()
    await bot.download_file(file.file_path, buffer)
    assert buffer.getvalue() == content


async def test_a_users_document_can_be_downloaded(bot: Bot, telegram: FakeTelegram) -> None:
    update = telegram.user_sends_document(7, "run.gpx", b"<gpx/>", mime_type="application/gpx+xml")
    parsed = Update.model_validate(update)
    assert parsed.message is not None
    assert parsed.message.document is not None
    file = await bot.get_file(parsed.message.document.file_id)
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None
    assert downloaded.read() == b"<gpx/>"


async def test_commands_are_kept_per_language_and_scope(bot: Bot) -> None:
    await bot.set_my_commands([BotCommand(command="help", description="Help")])
    await bot.set_my_commands(
        [BotCommand(command="help", description="Помощь")], language_code="ru"
    )
    scope = BotCommandScopeChat(chat_id=7)
    await bot.set_my_commands([BotCommand(command="start", description="Go")], scope=scope)
    assert [c.description for c in await bot.get_my_commands(language_code="ru")] == ["Помощь"]
    assert [c.command for c in await bot.get_my_commands(scope=scope)] == ["start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad Command", description="x")])


async def test_get_updates_confirms_by_offset_and_long_polls(
    bot: Bot, telegram: FakeTelegram
) -> None:
    first = telegram.user_sends_text(7, "/start")
    second = telegram.user_sends_text(7, "hello")
    updates = await bot(GetUpdates(timeout=0))
    assert [u.update_id for u in updates] == [first["update_id"], second["update_id"]]
    assert updates[0].message is not None
    assert updates[0].message.entities is not None
    again = await bot(GetUpdates(offset=second["update_id"], timeout=0))
    assert [u.update_id for u in again] == [second["update_id"]]
    assert await bot(GetUpdates(offset=second["update_id"] + 1, timeout=0)) == []

    async def later() -> None:
        await asyncio.sleep(0.2)
        telegram.user_sends_text(7, "late")

    task = asyncio.create_task(later())
    started = asyncio.get_running_loop().time()
    polled = await bot(GetUpdates(offset=second["update_id"] + 1, timeout=5))
    await task
    assert [u.message.text for u in polled if u.message] == ["late"]
    assert asyncio.get_running_loop().time() - started < 4, "long polling returns early"


async def test_injected_faults_surface_as_aiograms_errors(
    bot: Bot, telegram: FakeTelegram
) -> None:
    telegram.inject("sendMessage", error_code=429, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as retry:
        await bot.send_message(7, "hi")
    assert retry.value.retry_after == 7
    telegram.user_blocks_bot(7)
    with pytest.raises(TelegramForbiddenError, match="blocked"):
        await bot.send_message(7, "hi")
    telegram.user_sends_text(7, "/start")
    telegram.inject("sendMessage", delay=0.3)
    started = asyncio.get_running_loop().time()
    await bot.send_message(7, "slow")
    assert asyncio.get_running_loop().time() - started >= 0.3


async def test_chat_members_have_their_statuses(bot: Bot, telegram: FakeTelegram) -> None:
    telegram.add_user(8, "Boris")
    telegram.add_user(9, "Vera")
    telegram.add_group(-1001, "Runners", admins=[7, 8], members=[9])
    assert isinstance(await bot.get_chat_member(-1001, 7), ChatMemberOwner)
    assert isinstance(await bot.get_chat_member(-1001, 8), ChatMemberAdministrator)
    assert isinstance(await bot.get_chat_member(-1001, 9), ChatMemberMember)
    chat = await bot.get_chat(-1001)
    assert chat.title == "Runners"
    assert len(await bot.get_chat_administrators(-1001)) == 2


async def test_a_wrong_token_is_unauthorized(telegram: FakeTelegram) -> None:
    server = BotApiServer(telegram, TOKEN)
    url = await server.start()
    stranger = Bot("43:WRONG-token", session=AiohttpSession(api=TelegramAPIServer.from_base(url)))
    try:
        with pytest.raises(Exception, match="Unauthorized"):
            await stranger.get_me()
    finally:
        await stranger.session.close()
        await server.stop()


async def test_webhook_delivery_carries_the_secret_and_retries_until_accepted(
    bot: Bot, telegram: FakeTelegram
) -> None:
    received: list[tuple[str | None, int]] = []
    answers = iter([500, 200, 200])

    async def receive(request: web.Request) -> web.Response:
        update = await request.json()
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), update["update_id"])
        )
        return web.Response(status=next(answers))

    app = web.Application()
    app.router.add_post("/hook", receive)
    async with TestServer(app, host="127.0.0.1") as receiver:
        await bot.set_webhook(str(receiver.make_url("/hook")), secret_token="sekret-123")
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await bot(GetUpdates(timeout=0))
        first = telegram.user_sends_text(7, "one")
        second = telegram.user_sends_text(7, "two")
        await telegram.wait_until(lambda: len(received) >= 3 or None, timeout=5)
        await asyncio.sleep(0.1)
    ids = [update_id for _, update_id in received]
    assert ids == [first["update_id"], first["update_id"], second["update_id"]]
    assert {secret for secret, _ in received} == {"sekret-123"}
    assert telegram.pending_updates() == []
