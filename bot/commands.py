"""The command menu, set per language with setMyCommands."""

from __future__ import annotations

from aiogram import Bot

from bot.i18n import I18n
from domain.users.models import Language
from handlers.help import command_menu


async def set_command_menus(bot: Bot, i18n: I18n) -> None:
    """English for every client by default, Russian for Russian-language clients."""
    await bot.set_my_commands(command_menu(i18n.texts(Language.EN)))
    await bot.set_my_commands(command_menu(i18n.texts(Language.RU)), language_code="ru")
