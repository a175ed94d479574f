"""/journal: the athlete's workouts by day, newest first, paged and filtered by sport."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from domain.users.models import User
from domain.workouts.models import Activity, JournalPage
from domain.workouts.service import WorkoutService
from handlers.replies import show
from handlers.texts import Texts
from handlers.workout_callbacks import JournalCb, WorkoutAction, WorkoutCb

FILTERS = (None, Activity.RUN, Activity.RIDE, Activity.SWIM, Activity.STRENGTH)


def journal_keyboard(page: JournalPage, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for number, workout in enumerate(page.workouts, start=1):
        open_it = WorkoutCb(action=WorkoutAction.OPEN, workout_id=workout.id)
        builder.button(text=str(number), callback_data=open_it)
    builder.adjust(len(page.workouts) or 1)
    paging = []
    if page.page > 0:
        back = JournalCb(page=page.page - 1, activity=page.activity).pack()
        paging.append(InlineKeyboardButton(text=t("journal.newer"), callback_data=back))
    if page.page < page.pages - 1:
        more = JournalCb(page=page.page + 1, activity=page.activity).pack()
        paging.append(InlineKeyboardButton(text=t("journal.older"), callback_data=more))
    if paging:
        builder.row(*paging)
    builder.row(
        *(
            InlineKeyboardButton(
                text=("• " if choice is page.activity else "")
                + (t(f"activity.{choice}") if choice else t("journal.all")),
                callback_data=JournalCb(page=0, activity=choice).pack(),
            )
            for choice in FILTERS
        )
    )
    return builder.as_markup()


def render_page(page: JournalPage, user: User, t: Texts) -> str:
    return t.render("workouts/journal.html", page=page, user=user)


async def cmd_journal(
    message: Message, user: User, workouts: WorkoutService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    page = await workouts.journal(user.id, 0, None)
    await message.answer(render_page(page, user, t), reply_markup=journal_keyboard(page, t))


async def cb_journal(
    callback: CallbackQuery,
    callback_data: JournalCb,
    user: User,
    workouts: WorkoutService,
    t: Texts,
) -> None:
    page = await workouts.journal(user.id, callback_data.page, callback_data.activity)
    await show(callback, render_page(page, user, t), journal_keyboard(page, t))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_journal, Command("journal"))
    router.callback_query.register(cb_journal, JournalCb.filter())
    return router
