"""The device API's messages to the athlete: "device paired" and the import card."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import partial

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BufferedInputFile

from bot.i18n import I18n
from domain.activities.service import Imported
from domain.devices.models import Device
from domain.users.models import User
from domain.workouts.models import Activity
from handlers.charts import ActivityCharts
from handlers.devices import device_label
from handlers.imports import imported_keyboard

logger = logging.getLogger(__name__)


class TelegramDeviceCards:
    """The same card and chart as a file sent in the chat; a failed send is only logged:
    the device's request succeeded and its data is stored."""

    def __init__(self, bot: Bot, i18n: I18n, charts: ActivityCharts) -> None:
        self._bot = bot
        self._i18n = i18n
        self._charts = charts

    async def paired(self, user: User, device: Device) -> None:
        t = self._i18n.texts(user.language)
        text = t("devices.paired_notice", name=device_label(device, t))
        await self._send(user, lambda: self._bot.send_message(user.id, text))

    async def imported(self, user: User, imported: Imported, live: Activity | None) -> None:
        t = self._i18n.texts(user.language)
        template = "devices/recorded.html" if live else "imports/imported.html"
        text = t.render(template, imported=imported, user=user)
        markup = imported_keyboard(imported, t)
        if not await self._send(
            user, lambda: self._bot.send_message(user.id, text, reply_markup=markup)
        ):
            return
        for item in imported.workouts:
            workout = item.logged.workout
            if item.samples.chartable:
                png = self._charts.activity(item.samples, workout.activity, user.units, t)
                photo = BufferedInputFile(png, filename=f"workout-{workout.id}.png")
                await self._send(user, partial(self._bot.send_photo, user.id, photo))

    async def _send(self, user: User, send: Callable[[], Awaitable[object]]) -> bool:
        try:
            await send()
        except TelegramAPIError as error:
            logger.warning("device message to user %s not delivered: %s", user.id, error)
            return False
        return True
