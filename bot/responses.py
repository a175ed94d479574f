"""aiogram's response models, kept for the life of the session once built.

aiogram validates every Bot API answer through `Response[method.__returning__]`, a pydantic
generic that pydantic caches only weakly: once a garbage collection frees it, the next call
builds the model again (~15 ms of CPU; 132 rebuilds in 300 updates of the bench, a sixth of
the bot's CPU, BENCHMARKS.md). The session keeps one strong reference per return type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods.base import Response, TelegramMethod, TelegramType

if TYPE_CHECKING:
    from aiogram import Bot


class ResponseModels:
    """The response models a session has built, by the return type they validate."""

    def __init__(self) -> None:
        self._kept: dict[str, type[Any]] = {}

    def keep(self, method: TelegramMethod[Any]) -> None:
        key = repr(method.__returning__)
        if key not in self._kept:
            self._kept[key] = Response[method.__returning__]  # type: ignore[name-defined]

    def __len__(self) -> int:
        return len(self._kept)


class KeepingAiohttpSession(AiohttpSession):
    """aiogram's HTTP session, its response models kept once built."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.response_models = ResponseModels()

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        self.response_models.keep(method)
        return super().check_response(bot, method, status_code, content)
