"""Answering a message or a button press the way a polished bot does."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message


async def show(
    event: Message | CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the message a button belongs to; answer a typed message with a new one."""
    if isinstance(event, Message):
        await event.answer(text, reply_markup=markup)
        return
    await event.answer()
    if isinstance(event.message, Message):
        try:
            await event.message.edit_text(text, reply_markup=markup)
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return
        else:
            return
    if event.bot is not None:
        await event.bot.send_message(event.from_user.id, text, reply_markup=markup)


def checked(selected: bool, label: str) -> str:
    """A button label with a tick when it is the current choice."""
    return f"✅ {label}" if selected else label
