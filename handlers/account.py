"""/export sends the athlete's data; /delete_me erases it after a confirmation."""

from __future__ import annotations

import json

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from domain.users.models import User
from domain.users.service import UserService
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts


class DeleteCb(CallbackData, prefix="dm"):
    confirm: bool


async def cmd_export(message: Message, user: User, users: UserService, t: Texts) -> None:
    data = await users.export(user.id)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    name = f"coachbot-export-{user.id}.json"
    await message.answer_document(
        BufferedInputFile(body, filename=name), caption=t("export.caption")
    )


async def cmd_delete_me(message: Message, state: FSMContext, t: Texts) -> None:
    await state.clear()
    builder = InlineKeyboardBuilder()
    builder.button(text=t("delete.confirm_button"), callback_data=DeleteCb(confirm=True))
    builder.button(text=t("delete.keep_button"), callback_data=DeleteCb(confirm=False))
    builder.adjust(1)
    await message.answer(t("delete.question"), reply_markup=builder.as_markup())


async def cb_delete(
    callback: CallbackQuery,
    callback_data: DeleteCb,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
) -> None:
    if not callback_data.confirm:
        await show(callback, t("delete.kept"))
        return
    await users.delete(user.id)
    await state.clear()
    await show(callback, t("delete.done"))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_export, Command("export"))
    router.message.register(cmd_delete_me, Command("delete_me"))
    router.callback_query.register(cb_delete, DeleteCb.filter())
    return router
