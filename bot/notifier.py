"""The scheduler's Notifier over the Bot API: rendered in the athlete's language."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup

from bot.i18n import I18n, Texts
from domain.notifications.models import (
    CheckInPromptContent,
    DeliveryOutcome,
    DigestContent,
    ReminderContent,
)
from domain.users.models import User
from handlers.charts import Charts
from handlers.checkin import checkin_card
from handlers.keyboards import InlineKeyboardBuilder
from handlers.reminder_callbacks import ReminderLogCb

logger = logging.getLogger(__name__)

MAX_RETRY_WAIT_S = 30  # longer waits are left to the next tick, not held in this one
Sleep = Callable[[float], Awaitable[None]]


def reminder_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("reminders.log_button"), callback_data=ReminderLogCb())
    return builder.as_markup()


class TelegramNotifier:
    def __init__(self, bot: Bot, i18n: I18n, charts: Charts, sleep: Sleep = asyncio.sleep) -> None:
        self._bot = bot
        self._i18n = i18n
        self._charts = charts
        self._sleep = sleep

    async def send_reminder(self, user: User, content: ReminderContent) -> DeliveryOutcome:
        t = self._i18n.texts(user.language)
        text = t.render("reminders/reminder.html", user=user, report=content.report)
        return await self._deliver(
            lambda: self._bot.send_message(user.id, text, reply_markup=reminder_keyboard(t))
        )

    async def send_digest(self, user: User, content: DigestContent) -> DeliveryOutcome:
        t = self._i18n.texts(user.language)
        report = content.report
        text = t.render(
            "reminders/digest.html",
            user=user,
            stats=report.stats,
            report=report,
            plan_lines=content.plan_lines,
        )
        outcome = await self._deliver(lambda: self._bot.send_message(user.id, text))
        if outcome is DeliveryOutcome.SENT:
            photo = BufferedInputFile(self._charts.training(report, t), filename="week.png")
            caption = t("digest.chart_caption")
            chart = await self._deliver(
                lambda: self._bot.send_photo(user.id, photo, caption=caption)
            )
            if chart is not DeliveryOutcome.SENT:
                logger.warning("digest chart for user %s: %s", user.id, chart)
        return outcome

    async def send_checkin(self, user: User, content: CheckInPromptContent) -> DeliveryOutcome:
        """The /checkin card itself: its buttons carry the prompt's day, so a tap later on
        still answers for the morning it was sent."""
        t = self._i18n.texts(user.language)
        header = t("checkin_prompt.header", name=user.first_name)
        text, markup = checkin_card(content.overview, user, t, header=header)
        return await self._deliver(
            lambda: self._bot.send_message(user.id, text, reply_markup=markup)
        )

    async def _deliver(self, send: Callable[[], Awaitable[object]]) -> DeliveryOutcome:
        """403 means the athlete blocked the bot; one 429 is waited out; the rest failed."""
        for attempt in range(2):
            try:
                await send()
            except TelegramForbiddenError:
                return DeliveryOutcome.BLOCKED
            except TelegramRetryAfter as error:
                if attempt or error.retry_after > MAX_RETRY_WAIT_S:
                    return DeliveryOutcome.FAILED
                await self._sleep(error.retry_after)
            except TelegramAPIError as error:
                logger.warning("notification not delivered: %s", error)
                return DeliveryOutcome.FAILED
            else:
                return DeliveryOutcome.SENT
        return DeliveryOutcome.FAILED
