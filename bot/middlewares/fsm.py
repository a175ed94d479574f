"""Around aiogram's FSM middleware: the storage remembers, for one update, which keys it
found without a row, so that clearing them again writes nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from db.fsm_storage import remembering_rows

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class FsmRowsMiddleware(BaseMiddleware):
    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        with remembering_rows():
            return await handler(event, data)
