"""Group-chat rights are Telegram's answer at the moment of asking."""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties

from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram
from handlers.chat_admins import is_chat_admin

GROUP = -100777


async def test_only_current_administrators_of_that_chat_are_admins() -> None:
    telegram = FakeTelegram()
    for user_id, name in ((7, "Olga"), (8, "Igor"), (9, "Mark")):
        telegram.add_user(user_id, name)
    telegram.add_group(GROUP, "Runners", admins=[7, 8], members=[9])
    bot = Bot("42:TEST", session=InProcessSession(telegram), default=DefaultBotProperties())
    try:
        assert await is_chat_admin(bot, GROUP, 7), "the creator"
        assert await is_chat_admin(bot, GROUP, 8), "an administrator"
        assert not await is_chat_admin(bot, GROUP, 9), "a plain member"
        assert not await is_chat_admin(bot, GROUP, 12345), "someone Telegram does not know"
        telegram.state.statuses[(GROUP, 8)] = "member"
        assert not await is_chat_admin(bot, GROUP, 8), "demoted since: asked again, not cached"
    finally:
        await bot.session.close()
