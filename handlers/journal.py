"""/journal: the athlete's workouts by day, newest first, paged, by sport and by period."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.users.models import User
from domain.workouts.models import Activity, JournalPage, JournalPeriod
from domain.workouts.service import WorkoutService
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts
from handlers.workout_callbacks import EntryCb, JournalCb
from handlers.workouts import card_keyboard, render_detail

FILTERS = (None, Activity.RUN, Activity.RIDE, Activity.SWIM, Activity.STRENGTH)


def _picked(selected: bool, label: str) -> str:
    return f"• {label}" if selected else label


def journal_keyboard(page: JournalPage, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for number, workout in enumerate(page.workouts, start=1):
        entry = EntryCb(
            workout_id=workout.id, page=page.page, activity=page.activity, period=page.period
        )
        builder.button(text=str(number), callback_data=entry)
    builder.adjust(len(page.workouts) or 1)
    paging = []
    if page.page > 0:
        back = JournalCb(page=page.page - 1, activity=page.activity, period=page.period)
        paging.append(InlineKeyboardButton(text=t("journal.newer"), callback_data=back.pack()))
    if page.page < page.pages - 1:
        more = JournalCb(page=page.page + 1, activity=page.activity, period=page.period)
        paging.append(InlineKeyboardButton(text=t("journal.older"), callback_data=more.pack()))
    if paging:
        builder.row(*paging)
    builder.row(*(_sport_button(page, choice, t) for choice in FILTERS))
    builder.row(*(_period_button(page, choice, t) for choice in JournalPeriod))
    return builder.as_markup()


def _sport_button(page: JournalPage, choice: Activity | None, t: Texts) -> InlineKeyboardButton:
    label = t(f"activity.{choice}") if choice else t("journal.all")
    data = JournalCb(page=0, activity=choice, period=page.period).pack()
    return InlineKeyboardButton(text=_picked(choice is page.activity, label), callback_data=data)


def _period_button(page: JournalPage, choice: JournalPeriod, t: Texts) -> InlineKeyboardButton:
    label = t(f"journal.period.{choice}")
    data = JournalCb(page=0, activity=page.activity, period=choice).pack()
    return InlineKeyboardButton(text=_picked(choice is page.period, label), callback_data=data)


def render_page(page: JournalPage, user: User, t: Texts) -> str:
    return t.render("workouts/journal.html", page=page, user=user)


async def cmd_journal(
    message: Message, user: User, workouts: WorkoutService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    page = await workouts.journal(user, 0, None)
    await message.answer(render_page(page, user, t), reply_markup=journal_keyboard(page, t))


async def cb_journal(
    callback: CallbackQuery,
    callback_data: JournalCb,
    user: User,
    workouts: WorkoutService,
    t: Texts,
) -> None:
    page = await workouts.journal(
        user, callback_data.page, callback_data.activity, callback_data.period
    )
    await show(callback, render_page(page, user, t), journal_keyboard(page, t))


async def cb_entry(
    callback: CallbackQuery,
    callback_data: EntryCb,
    user: User,
    workouts: WorkoutService,
    t: Texts,
) -> None:
    detail = await workouts.detail(user, callback_data.workout_id)
    keyboard = card_keyboard(detail.workout, t, back=callback_data.journal)
    await show(callback, render_detail(detail, user, t), keyboard)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_journal, Command("journal"))
    router.callback_query.register(cb_journal, JournalCb.filter())
    router.callback_query.register(cb_entry, EntryCb.filter())
    return router
