"""Whatever no other handler took: a short hint, never silence."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from handlers.texts import Texts


async def msg_unknown_command(message: Message, t: Texts) -> None:
    command = (message.text or "").split()[0].split("@")[0]
    await message.answer(t("fallback.unknown_command", command=command[:32]))


async def msg_anything(message: Message, t: Texts) -> None:
    await message.answer(t("fallback.hint"))


async def cb_outdated(callback: CallbackQuery, t: Texts) -> None:
    await callback.answer(t("common.outdated_button"), show_alert=False)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(msg_unknown_command, F.text.startswith("/"))
    router.message.register(msg_anything)
    router.callback_query.register(cb_outdated)
    return router
