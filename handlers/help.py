"""/help and the command menu, in the athlete's language."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import BotCommand, Message

from handlers.texts import Texts

MENU_COMMANDS = (
    "log", "track", "journal", "checkin", "coach", "plan", "zones", "progress", "lifts",
    "stats", "records", "achievements", "level", "league", "challenge", "groups", "mygroups",
    "newgroup", "partners", "invite", "promo", "devices", "profile", "settings", "help",
    "export", "delete_me", "cancel", "start",
)  # fmt: skip


def command_menu(t: Texts) -> list[BotCommand]:
    """The command menu Telegram shows next to the input field."""
    return [BotCommand(command=name, description=t(f"commands.{name}")) for name in MENU_COMMANDS]


async def cmd_help(message: Message, t: Texts) -> None:
    await message.answer(t.render("help/help.html", commands=MENU_COMMANDS))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_help, Command("help"))
    return router
