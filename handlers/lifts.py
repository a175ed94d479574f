"""/lifts: the athlete's exercises with best estimated 1RM, and each one's history, paged."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.skills.lifts import ExerciseHistory, ExerciseSummary
from domain.skills.service import StrengthService
from domain.users.models import User
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.skill_callbacks import LiftCb
from handlers.texts import Texts


def lifts_keyboard(summaries: list[ExerciseSummary], t: Texts) -> InlineKeyboardMarkup | None:
    if not summaries:
        return None
    builder = InlineKeyboardBuilder()
    for summary in summaries:
        builder.button(
            text=t(f"exercise.{summary.exercise}"),
            callback_data=LiftCb(exercise=summary.exercise),
        )
    builder.adjust(2)
    return builder.as_markup()


def history_keyboard(history: ExerciseHistory, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    exercise = history.summary.exercise
    paging = []
    if history.page > 0:
        newer = LiftCb(exercise=exercise, page=history.page - 1).pack()
        paging.append(InlineKeyboardButton(text=t("journal.newer"), callback_data=newer))
    if history.page < history.pages - 1:
        older = LiftCb(exercise=exercise, page=history.page + 1).pack()
        paging.append(InlineKeyboardButton(text=t("journal.older"), callback_data=older))
    if paging:
        builder.row(*paging)
    builder.row(InlineKeyboardButton(text=t("lifts.back"), callback_data=LiftCb().pack()))
    return builder.as_markup()


async def cmd_lifts(
    message: Message, user: User, strength: StrengthService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    summaries = await strength.exercises(user.id)
    text = t.render("skills/lifts.html", summaries=summaries, user=user)
    await message.answer(text, reply_markup=lifts_keyboard(summaries, t))


async def cb_lifts(
    callback: CallbackQuery, user: User, strength: StrengthService, t: Texts
) -> None:
    summaries = await strength.exercises(user.id)
    text = t.render("skills/lifts.html", summaries=summaries, user=user)
    await show(callback, text, lifts_keyboard(summaries, t))


async def cb_history(
    callback: CallbackQuery,
    callback_data: LiftCb,
    user: User,
    strength: StrengthService,
    t: Texts,
) -> None:
    history = await strength.history(user.id, callback_data.exercise or "", callback_data.page)
    text = t.render("skills/history.html", history=history, user=user)
    await show(callback, text, history_keyboard(history, t))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_lifts, Command("lifts"))
    router.callback_query.register(cb_lifts, LiftCb.filter(F.exercise.is_(None)))
    router.callback_query.register(cb_history, LiftCb.filter())
    return router
