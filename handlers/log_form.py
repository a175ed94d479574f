"""The guided log: sport → duration → distance → effort → heart rate → note, with buttons."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.users.models import Units, User
from domain.workouts.models import Activity, WorkoutDraft, WorkoutSource
from domain.workouts.parsing import parse_distance, parse_duration, parse_heart_rate
from domain.workouts.service import WorkoutService
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts
from handlers.workout_callbacks import LogActivityCb, LogStepAction, LogStepCb, LogValueCb


class LogForm(StatesGroup):
    activity = State()
    duration = State()
    distance = State()
    rpe = State()
    heart_rate = State()
    note = State()


STEPS: tuple[State, ...] = (
    LogForm.activity, LogForm.duration, LogForm.distance, LogForm.rpe, LogForm.heart_rate,
    LogForm.note,
)  # fmt: skip
FIELDS: dict[str | None, str] = {
    LogForm.activity.state: "activity",
    LogForm.duration.state: "duration_s",
    LogForm.distance.state: "distance_m",
    LogForm.rpe.state: "rpe",
    LogForm.heart_rate.state: "avg_hr",
    LogForm.note.state: "note",
}
REQUIRED = {LogForm.activity.state, LogForm.duration.state}
NO_DISTANCE = {Activity.STRENGTH.value, Activity.YOGA.value, Activity.OTHER.value}
DURATION_CHOICES = (15, 30, 45, 60, 90)


def _keyboard(step: State, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if step == LogForm.activity:
        for activity in Activity:
            builder.button(
                text=t(f"activity.{activity}"), callback_data=LogActivityCb(activity=activity)
            )
        builder.adjust(2)
        return builder.as_markup()
    if step == LogForm.duration:
        for minutes in DURATION_CHOICES:
            value = LogValueCb(value=minutes * 60)
            builder.button(text=t("log.minutes", value=minutes), callback_data=value)
    elif step == LogForm.rpe:
        for rpe in range(1, 11):
            builder.button(text=str(rpe), callback_data=LogValueCb(value=rpe))
    builder.adjust(5)
    actions = [(LogStepAction.BACK, "form.back")]
    if step.state not in REQUIRED:
        actions.append((LogStepAction.SKIP, "form.skip"))
    builder.row(
        *(
            InlineKeyboardButton(text=t(key), callback_data=LogStepCb(action=action).pack())
            for action, key in actions
        )
    )
    return builder.as_markup()


async def _draft(state: FSMContext) -> dict[str, Any]:
    return dict((await state.get_data()).get("draft") or {})


async def start_guided(
    message: Message, draft: WorkoutDraft | None, state: FSMContext, t: Texts, understood: bool
) -> None:
    """Ask for what the one-line log did not say, keeping what it did."""
    known: dict[str, Any] = {}
    if draft is not None:
        known = {
            "activity": draft.activity.value,
            "duration_s": draft.duration_s,
            "distance_m": draft.distance_m,
            "avg_hr": draft.avg_hr,
            "rpe": draft.rpe,
            "started_at": draft.started_at.isoformat() if draft.started_at else None,
        }
    await state.update_data(draft={k: v for k, v in known.items() if v is not None})
    if understood:
        await message.answer(t("log.partly_understood" if draft else "log.not_understood"))
    await _next(message, state, t, start=0)


async def _next(event: Message | CallbackQuery, state: FSMContext, t: Texts, start: int) -> bool:
    """Ask the first question from `start` on without an answer; False when none is left."""
    draft = await _draft(state)
    for step in STEPS[start:]:
        skip_distance = step == LogForm.distance and draft.get("activity") in NO_DISTANCE
        if FIELDS[step.state] in draft or skip_distance:
            continue
        await state.set_state(step)
        await show(event, t(f"log.step.{FIELDS[step.state]}"), _keyboard(step, t))
        return True
    return False


async def _answer(
    event: Message | CallbackQuery,
    value: Any,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    current = await state.get_state()
    draft = await _draft(state)
    draft[FIELDS[current]] = value
    workouts.check(_to_draft(draft))
    await state.update_data(draft=draft)
    step = next(index for index, step in enumerate(STEPS) if step.state == current)
    if not await _next(event, state, t, start=step + 1):
        await _save(event, draft, user, workouts, state, t)


def _to_draft(draft: dict[str, Any]) -> WorkoutDraft:
    return WorkoutDraft(
        activity=Activity(draft.get("activity") or Activity.OTHER),
        duration_s=draft.get("duration_s"),
        distance_m=draft.get("distance_m"),
        avg_hr=draft.get("avg_hr"),
        rpe=draft.get("rpe"),
        note=draft.get("note") or None,
        started_at=datetime.fromisoformat(draft["started_at"]) if "started_at" in draft else None,
    )


async def _save(
    event: Message | CallbackQuery,
    draft: dict[str, Any],
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    from handlers.workouts import card_keyboard, render_logged  # noqa: PLC0415 - mutual import

    logged = await workouts.log(user, _to_draft(draft), WorkoutSource.GUIDED)
    await state.clear()
    await show(event, render_logged(logged, user, t), card_keyboard(logged.workout, t))


async def cb_activity(
    callback: CallbackQuery,
    callback_data: LogActivityCb,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    await _answer(callback, callback_data.activity.value, user, workouts, state, t)


async def cb_value(
    callback: CallbackQuery,
    callback_data: LogValueCb,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    await _answer(callback, callback_data.value, user, workouts, state, t)


async def cb_step(
    callback: CallbackQuery,
    callback_data: LogStepCb,
    user: User,
    workouts: WorkoutService,
    state: FSMContext,
    t: Texts,
) -> None:
    current = await state.get_state()
    if current not in FIELDS:
        await callback.answer(t("common.outdated_button"))
        return
    if callback_data.action is LogStepAction.SKIP and current not in REQUIRED:
        await _answer(callback, None, user, workouts, state, t)
        return
    index = next(index for index, step in enumerate(STEPS) if step.state == current)
    if index == 0:
        await state.clear()
        await show(callback, t("cancel.done"))
        return
    draft = await _draft(state)
    for later in STEPS[index - 1 :]:
        draft.pop(FIELDS[later.state], None)
    await state.update_data(draft=draft)
    await _next(callback, state, t, start=index - 1)


async def msg_text(
    message: Message, user: User, workouts: WorkoutService, state: FSMContext, t: Texts
) -> None:
    current = await state.get_state()
    text = message.text or ""
    value: Any
    if current == LogForm.duration.state:
        value = parse_duration(text)
    elif current == LogForm.distance.state:
        value = parse_distance(text, imperial=user.units is Units.IMPERIAL)
    elif current == LogForm.heart_rate.state:
        value = parse_heart_rate(text)
    elif current == LogForm.note.state:
        value = " ".join(text.split())[:500]
    else:
        await message.answer(t("form.use_buttons"))
        return
    await _answer(message, value, user, workouts, state, t)


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_activity, LogForm.activity, LogActivityCb.filter())
    router.callback_query.register(
        cb_value, StateFilter(LogForm.duration, LogForm.rpe), LogValueCb.filter()
    )
    router.callback_query.register(cb_step, LogStepCb.filter())
    router.message.register(msg_text, StateFilter(*STEPS), F.text, ~F.text.startswith("/"))
    return router
