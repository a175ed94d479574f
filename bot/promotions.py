"""The broadcast engine's ports over the Bot API: promotions out, progress to the author."""

from __future__ import annotations

import logging

import aiohttp
from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.i18n import I18n
from domain.campaigns.models import Progress, Promotion, SendResult, SendStatus
from domain.users.models import Language
from handlers.broadcast_view import campaign_keyboard, progress_text, promotion_keyboard

logger = logging.getLogger(__name__)


def classify(error: Exception) -> SendResult:
    """What a failed sendMessage means for the delivery (see adr/0025)."""
    if isinstance(error, TelegramRetryAfter):
        return SendResult(SendStatus.RETRY_AFTER, float(error.retry_after), "429")
    reason = error.message[:200] if isinstance(error, TelegramAPIError) else type(error).__name__
    if isinstance(error, TelegramForbiddenError):
        status = SendStatus.BLOCKED
    elif isinstance(error, TelegramServerError):
        status = SendStatus.TRANSIENT
    elif isinstance(error, TelegramNetworkError):
        # Not connected: the request never left, another try is safe. Anything later (a
        # timeout, a dropped answer) may have delivered it: unknown, never resent.
        connect = isinstance(error.__cause__, aiohttp.ClientConnectorError)
        status = SendStatus.TRANSIENT if connect else SendStatus.UNKNOWN
    elif isinstance(error, TelegramAPIError):
        status = SendStatus.FAILED
    else:
        status = SendStatus.UNKNOWN
    return SendResult(status, reason=reason)


class TelegramPromotions:
    def __init__(self, bot: Bot, i18n: I18n) -> None:
        self._bot = bot
        self._i18n = i18n

    async def send(self, user_id: int, language: Language, promotion: Promotion) -> SendResult:
        try:
            username = (await self._bot.me()).username or ""  # asked once, then cached
            markup = promotion_keyboard(promotion, self._i18n.texts(language), username)
            if promotion.photo:
                await self._bot.send_photo(
                    user_id, promotion.photo, caption=promotion.text, reply_markup=markup
                )
            else:
                await self._bot.send_message(user_id, promotion.text, reply_markup=markup)
        except (TimeoutError, TelegramAPIError) as error:
            return classify(error)
        return SendResult(SendStatus.SENT)

    async def report(self, progress: Progress, final: bool) -> int | None:
        campaign = progress.campaign
        t = self._i18n.texts(campaign.language)
        text = progress_text(progress, t, final=final)
        markup = campaign_keyboard(campaign, t)
        try:
            if campaign.report_message_id is not None:
                await self._bot.edit_message_text(
                    text,
                    chat_id=campaign.author_id,
                    message_id=campaign.report_message_id,
                    reply_markup=markup,
                )
                return campaign.report_message_id
            sent = await self._bot.send_message(campaign.author_id, text, reply_markup=markup)
        except TelegramBadRequest as error:
            if "not modified" not in error.message:
                logger.warning("campaign %s report not shown: %s", campaign.id, error.message)
            return campaign.report_message_id
        except TelegramAPIError as error:
            logger.warning("campaign %s report not shown: %s", campaign.id, error)
            return campaign.report_message_id
        return sent.message_id
