"""The device API's services, one unit of work per request, over the bot's database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.wiring import wire_workouts
from db.uow import SqlUnitOfWork
from device_sync.api.context import ApiServices, ServicesFactory
from device_sync.files import FileParser
from domain.activities.service import ImportService
from domain.clock import Clock
from domain.devices.cards import DeviceCards
from domain.devices.pairing import PairingService
from domain.devices.service import DeviceService
from domain.devices.sync import SyncService


def device_api_services(
    sessions: async_sessionmaker[AsyncSession], clock: Clock, cards: DeviceCards
) -> ServicesFactory:
    """Each call opens one request's unit of work and closes it after the answer."""

    @asynccontextmanager
    async def services() -> AsyncIterator[ApiServices]:
        uow = SqlUnitOfWork(sessions, clock)
        try:
            workouts = wire_workouts(uow, clock).workouts
            imports = ImportService(uow, clock, FileParser(), workouts)
            yield ApiServices(
                devices=DeviceService(uow, clock),
                pairing=PairingService(uow, clock, cards),
                sync=SyncService(uow, clock, imports, cards),
            )
        finally:
            await uow.close()

    return services


def sync_services(
    sessions: async_sessionmaker[AsyncSession], clock: Clock, cards: DeviceCards
) -> Callable[[], SyncService]:
    """A new unit of work, and the sync service over it, for each call (each session)."""

    def build() -> SyncService:
        uow = SqlUnitOfWork(sessions, clock)
        imports = ImportService(uow, clock, FileParser(), wire_workouts(uow, clock).workouts)
        return SyncService(uow, clock, imports, cards)

    return build
