"""/plan: the active plan week by week, a new goal in one line, dropping the plan."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from domain.plans.service import PlanService
from domain.users.models import User
from handlers.keyboards import InlineKeyboardBuilder
from handlers.plan_callbacks import PlanAction, PlanCb
from handlers.plan_form import start_guided
from handlers.plan_view import render_week, week_keyboard
from handlers.replies import show
from handlers.texts import Texts


async def cmd_plan(
    message: Message,
    command: CommandObject,
    user: User,
    plans: PlanService,
    state: FSMContext,
    t: Texts,
) -> None:
    await state.clear()
    if command.args:
        view = await plans.create_from_text(user, command.args)
        if view is None:
            await message.answer(t("plan.not_understood"))
            await start_guided(message, state, t)
            return
    else:
        view = await plans.current(user)
        if view is None:
            await message.answer(t("plan.none"))
            await start_guided(message, state, t)
            return
    await message.answer(render_week(view, user, t), reply_markup=week_keyboard(view, t))


async def cb_week(
    callback: CallbackQuery, callback_data: PlanCb, user: User, plans: PlanService, t: Texts
) -> None:
    view = await plans.week(user, callback_data.plan_id, callback_data.week)
    await show(callback, render_week(view, user, t), week_keyboard(view, t))


async def cb_new(callback: CallbackQuery, state: FSMContext, t: Texts) -> None:
    await state.clear()
    await start_guided(callback, state, t)


async def cb_drop(
    callback: CallbackQuery, callback_data: PlanCb, user: User, plans: PlanService, t: Texts
) -> None:
    view = await plans.week(user, callback_data.plan_id, callback_data.week)
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("plan.confirm_drop_button"),
        callback_data=PlanCb(action=PlanAction.CONFIRM_DROP, plan_id=view.plan.id),
    )
    builder.button(
        text=t("plan.keep_button"),
        callback_data=PlanCb(action=PlanAction.WEEK, plan_id=view.plan.id, week=view.week.index),
    )
    builder.adjust(1)
    text = t("plan.drop_question") + "\n\n" + render_week(view, user, t)
    await show(callback, text, builder.as_markup())


async def cb_confirm_drop(
    callback: CallbackQuery, callback_data: PlanCb, user: User, plans: PlanService, t: Texts
) -> None:
    await plans.drop(user.id, callback_data.plan_id)
    await show(callback, t("plan.dropped"))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_plan, Command("plan"))
    router.callback_query.register(cb_week, PlanCb.filter(F.action == PlanAction.WEEK))
    router.callback_query.register(cb_new, PlanCb.filter(F.action == PlanAction.NEW))
    router.callback_query.register(cb_drop, PlanCb.filter(F.action == PlanAction.DROP))
    router.callback_query.register(
        cb_confirm_drop, PlanCb.filter(F.action == PlanAction.CONFIRM_DROP)
    )
    return router
