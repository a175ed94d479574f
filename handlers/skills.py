"""/progress: a card per sport with the level, the next milestone and the milestones reached."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.skills.service import SkillReport, SkillService
from domain.users.models import User
from domain.workouts.models import Activity
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import checked, show
from handlers.skill_callbacks import LiftCb, SkillCb
from handlers.texts import Texts

REACHED_SHOWN = 5


def progress_keyboard(
    report: SkillReport, sport: Activity | None, t: Texts
) -> InlineKeyboardMarkup | None:
    card = report.card(sport)
    if card is None:
        return None
    builder = InlineKeyboardBuilder()
    for item in report.sports:
        label = checked(item.sport is card.sport, t(f"activity.{item.sport}"))
        builder.button(text=label, callback_data=SkillCb(sport=item.sport))
    builder.adjust(len(report.sports))
    if card.sport is Activity.STRENGTH:
        lifts = InlineKeyboardButton(text=t("skills.lifts_button"), callback_data=LiftCb().pack())
        builder.row(lifts)
    return builder.as_markup()


def render_progress(report: SkillReport, sport: Activity | None, user: User, t: Texts) -> str:
    return t.render(
        "skills/progress.html", card=report.card(sport), user=user, shown=REACHED_SHOWN
    )


async def cmd_progress(
    message: Message, user: User, skills: SkillService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    report = await skills.progress(user)
    await message.answer(
        render_progress(report, None, user, t), reply_markup=progress_keyboard(report, None, t)
    )


async def cb_progress(
    callback: CallbackQuery,
    callback_data: SkillCb,
    user: User,
    skills: SkillService,
    t: Texts,
) -> None:
    report = await skills.progress(user)
    sport = callback_data.sport
    await show(
        callback, render_progress(report, sport, user, t), progress_keyboard(report, sport, t)
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_progress, Command("progress"))
    router.callback_query.register(cb_progress, SkillCb.filter())
    return router
