"""One error handler: log with the update id, answer in the user's language, never a trace."""

from __future__ import annotations

import logging
from typing import Any

from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from bot.i18n import I18n
from bot.middlewares.user import language_of
from domain.errors import DomainError

logger = logging.getLogger(__name__)


def error_text(exception: Exception, t: Any) -> str:
    """A domain error names its own message; anything else is "nothing was lost"."""
    if isinstance(exception, DomainError):
        field = exception.params.get("field")
        reason = exception.params.get("reason")
        what = exception.params.get("what")
        keys = (
            f"errors.{field}.{reason}",
            f"errors.{exception.code}_{what}",
            f"errors.{exception.code}",
        )
        for key in keys:
            try:
                return str(t(key, **exception.params))
            except KeyError:
                continue
    return str(t("errors.unexpected"))


class ErrorResponder:
    def __init__(self, i18n: I18n) -> None:
        self._i18n = i18n

    async def handle(self, event: ErrorEvent, **data: Any) -> bool:
        exception = event.exception
        update = event.update
        if not isinstance(exception, DomainError):
            logger.error(
                "update %s failed: %s",
                update.update_id,
                type(exception).__name__,
                exc_info=exception,
            )
        text = error_text(exception, self._i18n.texts(language_of(data)))
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(text, show_alert=True)
            elif update.message is not None:
                await update.message.answer(text)
        except TelegramAPIError:
            logger.warning(
                "could not tell the user about the failure of update %s", update.update_id
            )
        return True
