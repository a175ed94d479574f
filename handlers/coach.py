"""/coach: today's advice with its reason, form, load trend, zones and race predictions."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from domain.coaching.service import CoachService
from domain.users.models import User
from handlers.texts import Texts


async def cmd_coach(
    message: Message, user: User, coach: CoachService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    report = await coach.today(user)
    await message.answer(t.render("coach/today.html", report=report, user=user))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_coach, Command("coach"))
    return router
