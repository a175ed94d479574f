"""In group chats the athlete's commands point to the private chat."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from handlers.help import MENU_COMMANDS
from handlers.texts import Texts


async def cmd_private_only(message: Message, bot: Bot, t: Texts) -> None:
    me = await bot.me()
    button = InlineKeyboardButton(text=t("groups.open_private"), url=f"https://t.me/{me.username}")
    await message.reply(
        t("groups.private_only"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]])
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_private_only, Command(*MENU_COMMANDS))
    return router
