"""The stale live track job's parts: its services per unit of work and its notifier."""

from __future__ import annotations

import logging
from collections.abc import Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import I18n
from bot.wiring import wire_workouts
from db.uow import SqlUnitOfWork
from device_sync.files import FileParser
from domain.activities.service import ImportService
from domain.clock import Clock
from domain.tracks.outcomes import Closed
from domain.tracks.service import LiveTrackService
from domain.users.models import User
from handlers.charts import ActivityCharts
from handlers.track_views import announce_closed

logger = logging.getLogger(__name__)


def track_services(
    sessions: async_sessionmaker[AsyncSession], clock: Clock
) -> Callable[[], LiveTrackService]:
    """A new unit of work, and the services over it, for each call (each track)."""

    def build() -> LiveTrackService:
        uow = SqlUnitOfWork(sessions, clock)
        workouts = wire_workouts(uow, clock).workouts
        return LiveTrackService(uow, clock, ImportService(uow, clock, FileParser(), workouts))

    return build


class TelegramTrackNotifier:
    def __init__(self, bot: Bot, i18n: I18n, charts: ActivityCharts) -> None:
        self._bot = bot
        self._i18n = i18n
        self._charts = charts

    async def track_closed(self, user: User, closed: Closed) -> None:
        """The track is already closed: a message that does not arrive is only logged."""
        t = self._i18n.texts(user.language)
        try:
            await announce_closed(self._bot, user, closed, t, self._charts)
        except TelegramAPIError as error:
            logger.warning("live track %s: the athlete was not told: %s", closed.track.id, error)
