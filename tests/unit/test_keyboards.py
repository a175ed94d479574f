"""Our keyboard builder shares buttons instead of deep-copying them, and builds the same rows."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder as Original

from handlers.keyboards import InlineKeyboardBuilder


def test_the_keyboard_builder_exports_what_aiogram_builder_does() -> None:
    def build(builder: Original) -> Original:
        for index in range(7):
            builder.button(text=f"b{index}", callback_data=f"d{index}")
        builder.adjust(3, 2)
        builder.row()
        extra = Original()
        extra.button(text="back", callback_data="back")
        builder.attach(extra)
        return builder

    ours, theirs = build(InlineKeyboardBuilder()), build(Original())
    assert ours.as_markup() == theirs.as_markup()
    assert [[b.text for b in row] for row in ours.export()] == [
        ["b0", "b1", "b2"],
        ["b3", "b4"],
        ["b5", "b6"],
        ["back"],
    ]
