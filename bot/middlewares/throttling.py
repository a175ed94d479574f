"""A flood from one user is slowed down politely: one notice, then silence until it calms."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.types import User as TelegramUser

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
MAX_TRACKED_USERS = 100_000


@dataclass(slots=True)
class Bucket:
    tokens: float
    updated: float
    warned: bool = False


class ThrottlingMiddleware(BaseMiddleware):
    """A token bucket per user: `rate` updates a second on average, bursts up to `burst`."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float]) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._buckets: dict[int, Bucket] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        sender: TelegramUser | None = data.get("event_from_user")
        if sender is None or self._take(sender.id):
            return await handler(event, data)
        bucket = self._buckets[sender.id]
        if not bucket.warned:
            bucket.warned = True
            await _warn(event, data["t"]("throttling.slow_down"))
        return UNHANDLED

    def _take(self, user_id: int) -> bool:
        now = self._clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= MAX_TRACKED_USERS:
                self._forget_full(now)
            bucket = self._buckets[user_id] = Bucket(tokens=self._burst, updated=now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return True
        return False

    def _forget_full(self, now: float) -> None:
        refill = self._burst / self._rate
        self._buckets = {
            user_id: bucket
            for user_id, bucket in self._buckets.items()
            if now - bucket.updated < refill
        }


async def _warn(event: TelegramObject, text: str) -> None:
    if isinstance(event, Update):
        if event.message is not None:
            await event.message.answer(text)
        elif event.callback_query is not None:
            await event.callback_query.answer(text)
    elif isinstance(event, Message | CallbackQuery):
        await event.answer(text)
