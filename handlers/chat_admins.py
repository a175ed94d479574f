"""Rights in a group chat come from Telegram (getChatMember), asked on every use."""

from __future__ import annotations

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message

ADMIN_STATUSES = frozenset({ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR})


async def is_chat_admin(bot: Bot, chat_id: int, user_id: int) -> bool:
    """True when the user administers the chat now; an error from Telegram is a no."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except TelegramAPIError:
        return False
    return member.status in ADMIN_STATUSES


class ChatAdmin(Filter):
    """Passes updates from a current administrator of the group chat they come from."""

    async def __call__(self, event: Message | CallbackQuery, bot: Bot) -> bool:
        message = event if isinstance(event, Message) else event.message
        if message is None or event.from_user is None:
            return False
        if message.chat.type not in {"group", "supergroup"}:
            return False
        return await is_chat_admin(bot, message.chat.id, event.from_user.id)
