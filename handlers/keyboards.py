"""aiogram's inline keyboard builder, without a deep copy of the keyboard at every step.

aiogram's builder deep-copies all its buttons on every `add`, `button` and `export`: a
keyboard of n buttons costs n deep copies of the rows so far, about a sixth of an update's CPU
in the webhook bench (BENCHMARKS.md). Here the rows are copied, the buttons shared: the
handlers never change a button once it is added.
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder as AiogramInlineKeyboardBuilder


class InlineKeyboardBuilder(AiogramInlineKeyboardBuilder):
    def export(self) -> list[list[InlineKeyboardButton]]:
        return [list(row) for row in self._markup]
