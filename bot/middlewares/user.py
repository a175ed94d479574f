"""Loads the sender (creating them on first private contact) and picks their language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject
from aiogram.types import User as TelegramUser

from bot.i18n import I18n
from domain.users.models import Language, TelegramIdentity
from domain.users.service import UserService

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UserMiddleware(BaseMiddleware):
    """In private chats the sender becomes an athlete; in groups only known ones are loaded."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        sender: TelegramUser | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        users: UserService = data["users"]
        data["user"] = None
        if sender is not None and not sender.is_bot:
            if chat is None or chat.type == "private":
                identity = TelegramIdentity(
                    id=sender.id,
                    first_name=sender.first_name,
                    username=sender.username,
                    language_code=sender.language_code,
                )
                data["user"], data["is_new_user"] = await users.ensure(identity)
            else:
                data["user"] = await users.get(sender.id)
        return await handler(event, data)


class I18nMiddleware(BaseMiddleware):
    def __init__(self, i18n: I18n) -> None:
        self._i18n = i18n
        self._all = {language: i18n.texts(language) for language in Language}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["t"] = self._i18n.texts(language_of(data))
        data["texts_for"] = self._all
        return await handler(event, data)


def language_of(data: dict[str, Any]) -> Language:
    user = data.get("user")
    if user is not None:
        return Language(user.language)
    sender: TelegramUser | None = data.get("event_from_user")
    return Language.from_telegram(sender.language_code if sender else None)
