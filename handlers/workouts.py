"""/log: a workout in one line, its card, and the card's buttons (edit, note, delete)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.skills.catalog import Milestone
from domain.users.models import User
from domain.workouts.entries import WorkoutDetail
from domain.workouts.events import Announcement
from domain.workouts.models import Workout
from domain.workouts.records import Record
from domain.workouts.service import Guidance, Logged, WorkoutService
from handlers.keyboards import InlineKeyboardBuilder
from handlers.log_form import start_guided
from handlers.replies import show
from handlers.texts import Texts
from handlers.workout_callbacks import JournalCb, WorkoutAction, WorkoutCb


class NoteForm(StatesGroup):
    text = State()


def card_keyboard(
    workout: Workout, t: Texts, back: JournalCb | None = None
) -> InlineKeyboardMarkup:
    """Edit, note, delete; and the journal (the page it was opened from, if any)."""
    builder = InlineKeyboardBuilder()
    for action, key in (
        (WorkoutAction.EDIT, "workout.edit_button"),
        (WorkoutAction.NOTE, "workout.note_button"),
        (WorkoutAction.DELETE, "workout.delete_button"),
    ):
        builder.button(text=t(key), callback_data=WorkoutCb(action=action, workout_id=workout.id))
    if back is None:
        builder.button(text=t("workout.journal_button"), callback_data=JournalCb(page=0))
    else:
        builder.button(text=t("workout.back_to_journal"), callback_data=back)
    builder.adjust(3, 1)
    return builder.as_markup()


def render_card(
    workout: Workout,
    user: User,
    t: Texts,
    header: str | None = None,
    records: tuple[Record, ...] = (),
    zone: int | None = None,
    milestones: tuple[Milestone, ...] = (),
    announcements: tuple[Announcement, ...] = (),
) -> str:
    """The summary card; `records` and `milestones` are the ones it has just reached,
    `announcements` what other features say about it."""
    return t.render(
        "workouts/card.html",
        workout=workout,
        user=user,
        header=header,
        records=records,
        zone=zone,
        held=None,
        milestones=milestones,
        announcements=announcements,
    )


def render_detail(detail: WorkoutDetail, user: User, t: Texts, header: str | None = None) -> str:
    """The card with everything: the source and the records the workout holds."""
    return t.render(
        "workouts/card.html",
        workout=detail.workout,
        user=user,
        header=header,
        records=(),
        zone=detail.zone,
        held=detail.records,
        milestones=(),
        announcements=detail.announcements,
    )


def render_logged(logged: Logged, user: User, t: Texts) -> str:
    header = t("workout.logged")
    if logged.unread:
        header = t("workout.logged_unread", words=" ".join(logged.unread))
    return render_card(
        logged.workout,
        user,
        t,
        header,
        logged.records,
        logged.zone,
        logged.milestones,
        logged.announcements,
    )


async def cmd_log(
    message: Message,
    command: CommandObject,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    await state.clear()
    outcome = await workouts.log_text(user, command.args or "")
    if isinstance(outcome, Guidance):
        await start_guided(message, outcome.draft, state, t, understood=bool(command.args))
        return
    card = render_logged(outcome, user, t)
    await message.answer(card, reply_markup=card_keyboard(outcome.workout, t))


async def cb_open(
    callback: CallbackQuery,
    callback_data: WorkoutCb,
    user: User,
    workouts: WorkoutService,
    t: Texts,
) -> None:
    detail = await workouts.detail(user, callback_data.workout_id)
    await show(callback, render_detail(detail, user, t), card_keyboard(detail.workout, t))


async def cb_delete(
    callback: CallbackQuery,
    callback_data: WorkoutCb,
    user: User,
    workouts: WorkoutService,
    t: Texts,
) -> None:
    workout = await workouts.get(user.id, callback_data.workout_id)
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("workout.confirm_delete_button"),
        callback_data=WorkoutCb(action=WorkoutAction.CONFIRM_DELETE, workout_id=workout.id),
    )
    builder.button(
        text=t("workout.keep_button"),
        callback_data=WorkoutCb(action=WorkoutAction.OPEN, workout_id=workout.id),
    )
    builder.adjust(1)
    await show(
        callback,
        render_card(workout, user, t, header=t("workout.delete_question")),
        builder.as_markup(),
    )


async def cb_confirm_delete(
    callback: CallbackQuery,
    callback_data: WorkoutCb,
    user: User,
    workouts: WorkoutService,
    t: Texts,
) -> None:
    await workouts.delete(user, callback_data.workout_id)
    await show(callback, t("workout.deleted"))


async def cb_note(
    callback: CallbackQuery,
    callback_data: WorkoutCb,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    workout = await workouts.get(user.id, callback_data.workout_id)
    await state.set_state(NoteForm.text)
    await state.update_data(workout_id=workout.id)
    await callback.answer()
    if callback.message is not None and callback.bot is not None:
        await callback.bot.send_message(user.id, t("workout.note_prompt"))


async def msg_note(
    message: Message, user: User, workouts: WorkoutService, state: FSMContext, t: Texts
) -> None:
    workout_id = int((await state.get_data()).get("workout_id", 0))
    workout = await workouts.set_note(user.id, workout_id, message.text)
    await state.clear()
    await message.answer(
        render_card(workout, user, t, header=t("workout.note_saved")),
        reply_markup=card_keyboard(workout, t),
    )


async def cmd_records(
    message: Message, user: User, workouts: WorkoutService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    records = sorted(await workouts.records(user.id), key=lambda r: (r.kind, r.subject))
    await message.answer(t.render("workouts/records.html", records=records, user=user))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_log, Command("log"))
    router.message.register(cmd_records, Command("records"))
    router.callback_query.register(cb_open, WorkoutCb.filter(F.action == WorkoutAction.OPEN))
    router.callback_query.register(cb_delete, WorkoutCb.filter(F.action == WorkoutAction.DELETE))
    router.callback_query.register(
        cb_confirm_delete, WorkoutCb.filter(F.action == WorkoutAction.CONFIRM_DELETE)
    )
    router.callback_query.register(cb_note, WorkoutCb.filter(F.action == WorkoutAction.NOTE))
    router.message.register(msg_note, NoteForm.text, F.text, ~F.text.startswith("/"))
    return router
