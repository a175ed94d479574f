"""Editing a logged workout from its card: one field at a time, typed or picked."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.users.models import Units, User
from domain.workouts.entries import WorkoutEdit
from domain.workouts.models import Activity, WorkoutField
from domain.workouts.moments import parse_when
from domain.workouts.parsing import parse_distance, parse_duration, parse_heart_rate, parse_rpe
from domain.workouts.service import WorkoutService
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts
from handlers.workout_callbacks import (
    EditFieldCb,
    EditRpeCb,
    EditSportCb,
    WorkoutAction,
    WorkoutCb,
)
from handlers.workouts import card_keyboard, render_detail

TypedEdit = Callable[[str, User], WorkoutEdit]
TYPED: dict[WorkoutField, TypedEdit] = {
    WorkoutField.STARTED_AT: lambda text, _: WorkoutEdit(when=parse_when(text)),
    WorkoutField.DURATION: lambda text, _: WorkoutEdit(duration_s=parse_duration(text)),
    WorkoutField.DISTANCE: lambda text, user: WorkoutEdit(
        distance_m=parse_distance(text, imperial=user.units is Units.IMPERIAL)
    ),
    WorkoutField.AVG_HR: lambda text, _: WorkoutEdit(avg_hr=parse_heart_rate(text)),
    WorkoutField.RPE: lambda text, _: WorkoutEdit(rpe=parse_rpe(text)),
}


class EditForm(StatesGroup):
    value = State()


def _back(workout_id: int, action: WorkoutAction, t: Texts) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("form.back"), callback_data=WorkoutCb(action=action, workout_id=workout_id)
    )
    return builder


def menu_keyboard(workout_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for field in WorkoutField:
        data = EditFieldCb(workout_id=workout_id, field=field)
        builder.button(text=t(f"edit.field.{field}"), callback_data=data)
    builder.adjust(2)
    builder.attach(_back(workout_id, WorkoutAction.OPEN, t))
    return builder.as_markup()


def _choices(workout_id: int, field: WorkoutField, t: Texts) -> InlineKeyboardMarkup | None:
    """Buttons for the fields picked from a short list; None for the typed ones."""
    builder = InlineKeyboardBuilder()
    if field is WorkoutField.ACTIVITY:
        for activity in Activity:
            data = EditSportCb(workout_id=workout_id, activity=activity)
            builder.button(text=t(f"activity.{activity}"), callback_data=data)
        builder.adjust(2)
    elif field is WorkoutField.RPE:
        for rpe in range(1, 11):
            builder.button(text=str(rpe), callback_data=EditRpeCb(workout_id=workout_id, rpe=rpe))
        builder.adjust(5)
    builder.attach(_back(workout_id, WorkoutAction.EDIT, t))
    return builder.as_markup()


async def cb_edit(
    callback: CallbackQuery,
    callback_data: WorkoutCb,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    await state.clear()
    detail = await workouts.detail(user, callback_data.workout_id)
    text = render_detail(detail, user, t, header=t("edit.menu"))
    await show(callback, text, menu_keyboard(detail.workout.id, t))


async def cb_field(
    callback: CallbackQuery,
    callback_data: EditFieldCb,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    workout = await workouts.get(user.id, callback_data.workout_id)
    field = callback_data.field
    if field in TYPED:
        await state.set_state(EditForm.value)
        await state.update_data(workout_id=workout.id, field=field.value)
    else:
        await state.clear()
    await show(callback, t(f"edit.prompt.{field}"), _choices(workout.id, field, t))


async def _edited(
    event: Message | CallbackQuery,
    workout_id: int,
    change: WorkoutEdit,
    user: User,
    workouts: WorkoutService,
    t: Texts,
) -> None:
    detail = await workouts.edit(user, workout_id, change)
    text = render_detail(detail, user, t, header=t("edit.saved"))
    await show(event, text, card_keyboard(detail.workout, t))


async def cb_sport(
    callback: CallbackQuery,
    callback_data: EditSportCb,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    await state.clear()
    change = WorkoutEdit(activity=callback_data.activity)
    await _edited(callback, callback_data.workout_id, change, user, workouts, t)


async def cb_rpe(
    callback: CallbackQuery,
    callback_data: EditRpeCb,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    await state.clear()
    change = WorkoutEdit(rpe=callback_data.rpe)
    await _edited(callback, callback_data.workout_id, change, user, workouts, t)


async def msg_value(
    message: Message, user: User, workouts: WorkoutService, state: FSMContext, t: Texts
) -> None:
    data = await state.get_data()
    change = TYPED[WorkoutField(data["field"])](message.text or "", user)
    await _edited(message, int(data["workout_id"]), change, user, workouts, t)
    await state.clear()


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_edit, WorkoutCb.filter(F.action == WorkoutAction.EDIT))
    router.callback_query.register(cb_field, EditFieldCb.filter())
    router.callback_query.register(cb_sport, EditSportCb.filter())
    router.callback_query.register(cb_rpe, EditRpeCb.filter())
    router.message.register(msg_value, EditForm.value, F.text, ~F.text.startswith("/"))
    return router
