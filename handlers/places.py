"""A location shared outside any flow: the athlete's area and timezone, with an undo."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.users.models import CoarseLocation, User
from domain.users.service import UserService
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts

UNDO_KEY = "place_undo"


class PlaceUndoCb(CallbackData, prefix="pu"):
    """Put back what the last shared location replaced (kept in the FSM data, not here)."""


def undo_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("places.undo"), callback_data=PlaceUndoCb())
    return builder.as_markup()


def _before(user: User) -> dict[str, Any]:
    location = user.profile.location
    return {
        "timezone": user.timezone,
        "area": [location.latitude, location.longitude] if location else None,
    }


async def msg_place(
    message: Message, user: User, users: UserService, state: FSMContext, t: Texts
) -> None:
    location = message.location
    assert location is not None
    before = _before(user)
    user = await users.set_location(user.id, location.latitude, location.longitude)
    await state.update_data({UNDO_KEY: before})
    area = user.profile.location
    assert area is not None
    text = t.render("places/set.html", user=user, area=area)
    await message.answer(text, reply_markup=undo_keyboard(t))


async def cb_place_undo(
    callback: CallbackQuery, user: User, users: UserService, state: FSMContext, t: Texts
) -> None:
    data = await state.get_data()
    before = data.get(UNDO_KEY)
    if not isinstance(before, dict):
        await callback.answer(t("places.nothing_to_undo"))
        return
    area = CoarseLocation(*before["area"]) if before.get("area") else None
    user = await users.restore_place(user.id, str(before["timezone"]), area)
    await state.update_data({UNDO_KEY: None})
    await show(callback, t("places.undone", timezone=user.timezone))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(msg_place, StateFilter(None), F.location)
    router.callback_query.register(cb_place_undo, PlaceUndoCb.filter())
    return router
