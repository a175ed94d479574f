"""The challenge posts and leaderboard edits over the Bot API, in the organizer's language."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest

from bot.i18n import I18n
from domain.challenges.models import Board, PostKind, Scope
from domain.users.models import Language
from handlers.challenge_view import join_keyboard

logger = logging.getLogger(__name__)

TEMPLATES = {
    PostKind.START: "challenges/start.html",
    PostKind.REMINDER: "challenges/reminder.html",
    PostKind.END: "challenges/results.html",
}


class TelegramChallenges:
    def __init__(self, bot: Bot, i18n: I18n) -> None:
        self._bot = bot
        self._i18n = i18n

    async def post(self, kind: PostKind, board: Board) -> bool:
        challenge = board.challenge
        t = self._i18n.texts(Language(challenge.language))
        text = t.render(TEMPLATES[kind], board=board)
        try:
            await self._bot.send_message(challenge.chat_id, text)
        except TelegramAPIError as error:
            logger.warning("challenge %s: %s not posted: %s", challenge.id, kind, error)
            return False
        if kind is PostKind.END and challenge.scope is Scope.GROUP and challenge.message_id:
            await self.edit_board(board)
        return True

    async def edit_board(self, board: Board) -> bool:
        challenge = board.challenge
        if challenge.message_id is None:
            return False
        t = self._i18n.texts(Language(challenge.language))
        username = (await self._bot.me()).username
        text = t.render("challenges/board.html", board=board, bot_username=username)
        try:
            await self._bot.edit_message_text(
                text,
                chat_id=challenge.chat_id,
                message_id=challenge.message_id,
                reply_markup=join_keyboard(board, t),
            )
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return True
            logger.warning("challenge %s: leaderboard not edited: %s", challenge.id, error)
            return False
        return True
