"""/profile: the athlete's card, with a button to edit each field."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from domain.users.models import User
from handlers.profile_form import EditCb, FormMode, ask, card_keyboard
from handlers.texts import Texts


async def cmd_profile(message: Message, user: User, state: FSMContext, t: Texts) -> None:
    await state.clear()
    await message.answer(t.render("profile/card.html", user=user), reply_markup=card_keyboard(t))


async def cb_edit(
    callback: CallbackQuery, callback_data: EditCb, user: User, state: FSMContext, t: Texts
) -> None:
    await ask(callback, callback_data.field, user, state, t, FormMode.EDIT)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_profile, Command("profile"))
    router.callback_query.register(cb_edit, EditCb.filter(), F.message)
    return router
