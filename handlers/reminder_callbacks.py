"""Callback data of the reminder time picker and of the reminder's own button."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class ReminderTimesCb(CallbackData, prefix="srt"):
    """Open the reminder time picker from the settings card."""


class ReminderTimeCb(CallbackData, prefix="sr"):
    minute: int


class ReminderLogCb(CallbackData, prefix="rl"):
    """Start the guided log from a reminder."""
