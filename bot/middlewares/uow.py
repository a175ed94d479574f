"""One unit of work per update; redelivered updates are dropped by their id."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import TelegramObject, Update

from db.uow import SqlUnitOfWork
from domain.errors import DuplicateUpdateError

logger = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
ServicesFactory = Callable[[SqlUnitOfWork], dict[str, Any]]


class UnitOfWorkMiddleware(BaseMiddleware):
    def __init__(
        self, uow_factory: Callable[[], SqlUnitOfWork], services: ServicesFactory
    ) -> None:
        self._uow_factory = uow_factory
        self._services = services

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        uow = self._uow_factory()
        try:
            async with uow:
                await uow.read_only()
                seen = await uow.updates.seen(event.update_id)
            if seen:
                logger.info("update %s was already handled: dropped", event.update_id)
                return UNHANDLED
            uow.track_update(event.update_id)
            data["uow"] = uow
            data.update(self._services(uow))
            try:
                result = await handler(event, data)
            except DuplicateUpdateError:
                logger.info("update %s was handled by another worker: dropped", event.update_id)
                return UNHANDLED
            await uow.finish_update()
            return result
        finally:
            await uow.close()
