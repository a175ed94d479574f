"""A banned athlete's updates get one short notice in their language and nothing else."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from domain.campaigns.admin import AdminService
from handlers.texts import Texts

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class BanMiddleware(BaseMiddleware):
    """Asks the database on every update from a known athlete (one primary-key read)."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user = data.get("user")
        admins: AdminService = data["admins"]
        if user is None or not await admins.is_banned(user.id):
            return await handler(event, data)
        assert isinstance(event, Update)
        t: Texts = data["t"]
        if event.message is not None and event.message.chat.type == "private":
            await event.message.answer(t("ban.notice"))
        elif event.callback_query is not None:
            await event.callback_query.answer(t("ban.notice"), show_alert=True)
        return None
