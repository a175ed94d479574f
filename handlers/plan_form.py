"""The guided goal: kind → distance → target time → race date → confirm, with buttons."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.plans.models import RACE_DISTANCES_M, GoalKind, PlanGoal, RaceClass
from domain.plans.service import PlanService
from domain.users.models import User
from handlers.keyboards import InlineKeyboardBuilder
from handlers.plan_callbacks import (
    GoalDistanceCb,
    GoalKindCb,
    GoalSessionsCb,
    GoalStepAction,
    GoalStepCb,
)
from handlers.plan_view import render_week, week_keyboard
from handlers.replies import show
from handlers.texts import Texts


class PlanForm(StatesGroup):
    kind = State()
    distance = State()
    target = State()
    date = State()
    sessions = State()
    confirm = State()


STEPS: dict[GoalKind, tuple[State, ...]] = {
    GoalKind.RACE: (
        PlanForm.kind, PlanForm.distance, PlanForm.target, PlanForm.date, PlanForm.confirm
    ),
    GoalKind.STRENGTH: (PlanForm.kind, PlanForm.sessions, PlanForm.confirm),
    GoalKind.FITNESS: (PlanForm.kind, PlanForm.confirm),
}  # fmt: skip
QUESTIONS = {
    PlanForm.kind.state: "plan.form.ask_kind",
    PlanForm.distance.state: "plan.form.ask_distance",
    PlanForm.target.state: "plan.form.ask_target",
    PlanForm.date.state: "plan.form.ask_date",
    PlanForm.sessions.state: "plan.form.ask_sessions",
}
SKIPPABLE = {PlanForm.target.state, PlanForm.date.state}
SESSION_CHOICES = (2, 3, 4, 5)


def _buttons(step: State, t: Texts) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    if step == PlanForm.kind:
        for kind in GoalKind:
            builder.button(text=t(f"plan.form.kind_{kind}"), callback_data=GoalKindCb(kind=kind))
    elif step == PlanForm.distance:
        for race in RaceClass:
            builder.button(
                text=t(f"plan.distance.{race}"), callback_data=GoalDistanceCb(race=race)
            )
    elif step == PlanForm.sessions:
        for count in SESSION_CHOICES:
            label = t("plan.form.sessions_button", count=count)
            builder.button(text=label, callback_data=GoalSessionsCb(count=count))
    elif step == PlanForm.confirm:
        action = GoalStepCb(action=GoalStepAction.CREATE)
        builder.button(text=t("plan.form.create_button"), callback_data=action)
    builder.adjust(2)
    return builder


def _keyboard(step: State, t: Texts) -> InlineKeyboardMarkup:
    builder = _buttons(step, t)
    actions = [(GoalStepAction.BACK, "form.back")]
    if step.state in SKIPPABLE:
        actions.append((GoalStepAction.SKIP, "form.skip"))
    actions.append((GoalStepAction.CANCEL, "plan.form.cancel_button"))
    builder.row(
        *(
            InlineKeyboardButton(text=t(key), callback_data=GoalStepCb(action=action).pack())
            for action, key in actions
        )
    )
    return builder.as_markup()


async def _draft(state: FSMContext) -> dict[str, Any]:
    return dict((await state.get_data()).get("goal") or {})


def to_goal(draft: dict[str, Any]) -> PlanGoal:
    race_date = draft.get("race_date")
    return PlanGoal(
        kind=GoalKind(draft.get("kind") or GoalKind.FITNESS),
        distance_m=draft.get("distance_m"),
        target_s=draft.get("target_s"),
        race_date=date.fromisoformat(race_date) if race_date else None,
        sessions_per_week=draft.get("sessions_per_week"),
    )


async def _ask(
    event: Message | CallbackQuery, step: State, user: User, state: FSMContext, t: Texts
) -> None:
    await state.set_state(step)
    if step == PlanForm.confirm:
        goal = to_goal(await _draft(state))
        text = t.render("plan/goal.html", goal=goal, user=user)
    else:
        text = t(QUESTIONS[step.state or ""])
    await show(event, text, _keyboard(step, t))


async def start_guided(event: Message | CallbackQuery, state: FSMContext, t: Texts) -> None:
    """Ask for the goal step by step, from its kind."""
    await state.set_state(PlanForm.kind)
    await state.update_data(goal={})
    await show(event, t("plan.form.ask_kind"), _keyboard(PlanForm.kind, t))


async def _answer(
    event: Message | CallbackQuery,
    changes: dict[str, Any],
    user: User,
    state: FSMContext,
    t: Texts,
) -> None:
    """Keep the answer and ask the next question of this kind of goal."""
    draft = {**await _draft(state), **changes}
    await state.update_data(goal=draft)
    steps = STEPS[GoalKind(draft["kind"])]
    current = await state.get_state()
    index = next(i for i, step in enumerate(steps) if step.state == current)
    await _ask(event, steps[index + 1], user, state, t)


async def cb_kind(
    callback: CallbackQuery, callback_data: GoalKindCb, user: User, state: FSMContext, t: Texts
) -> None:
    await state.update_data(goal={})
    await _answer(callback, {"kind": callback_data.kind.value}, user, state, t)


async def cb_distance(
    callback: CallbackQuery, callback_data: GoalDistanceCb, user: User, state: FSMContext, t: Texts
) -> None:
    distance = RACE_DISTANCES_M[callback_data.race]
    await _answer(callback, {"distance_m": distance}, user, state, t)


async def cb_sessions(
    callback: CallbackQuery, callback_data: GoalSessionsCb, user: User, state: FSMContext, t: Texts
) -> None:
    count = min(max(callback_data.count, 1), 7)
    await _answer(callback, {"sessions_per_week": count}, user, state, t)


async def cb_step(
    callback: CallbackQuery,
    callback_data: GoalStepCb,
    user: User,
    plans: PlanService,
    state: FSMContext,
    t: Texts,
) -> None:
    current = await state.get_state()
    draft = await _draft(state)
    if current is None or not current.startswith("PlanForm:"):
        await callback.answer(t("common.outdated_button"))
        return
    action = callback_data.action
    if action is GoalStepAction.CANCEL:
        await state.clear()
        await show(callback, t("plan.form.cancelled"))
    elif action is GoalStepAction.SKIP and current in SKIPPABLE:
        await _answer(
            callback,
            {"target_s" if current == PlanForm.target.state else "race_date": None},
            user,
            state,
            t,
        )
    elif action is GoalStepAction.CREATE and current == PlanForm.confirm.state:
        view = await plans.create(user, to_goal(draft))
        await state.clear()
        await show(callback, render_week(view, user, t), week_keyboard(view, t))
    elif action is GoalStepAction.BACK:
        await _back(callback, current, draft, user, state, t)


async def _back(
    callback: CallbackQuery,
    current: str,
    draft: dict[str, Any],
    user: User,
    state: FSMContext,
    t: Texts,
) -> None:
    steps = STEPS[GoalKind(draft["kind"])] if draft.get("kind") else (PlanForm.kind,)
    index = next((i for i, step in enumerate(steps) if step.state == current), 0)
    if index == 0:
        await state.clear()
        await show(callback, t("plan.form.cancelled"))
        return
    await _ask(callback, steps[index - 1], user, state, t)


async def msg_text(
    message: Message, user: User, plans: PlanService, state: FSMContext, t: Texts
) -> None:
    current = await state.get_state()
    draft = await _draft(state)
    text = message.text or ""
    if current == PlanForm.target.state:
        seconds = plans.read_time(text, float(draft.get("distance_m") or 5000.0))
        await _answer(message, {"target_s": seconds}, user, state, t)
    elif current == PlanForm.date.state:
        day = plans.read_date(user, to_goal(draft), text)
        await _answer(message, {"race_date": day.isoformat()}, user, state, t)
    else:
        await message.answer(t("form.use_buttons"))


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_kind, PlanForm.kind, GoalKindCb.filter())
    router.callback_query.register(cb_distance, PlanForm.distance, GoalDistanceCb.filter())
    router.callback_query.register(cb_sessions, PlanForm.sessions, GoalSessionsCb.filter())
    router.callback_query.register(cb_step, GoalStepCb.filter())
    steps = (
        PlanForm.kind,
        PlanForm.distance,
        PlanForm.target,
        PlanForm.date,
        PlanForm.sessions,
        PlanForm.confirm,
    )
    router.message.register(msg_text, StateFilter(*steps), F.text, ~F.text.startswith("/"))
    return router
