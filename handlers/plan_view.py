"""One week of the plan as a message, with its buttons."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.plans.service import PlanView
from domain.users.models import User
from handlers.keyboards import InlineKeyboardBuilder
from handlers.plan_callbacks import PlanAction, PlanCb
from handlers.texts import Texts


def week_keyboard(view: PlanView, t: Texts) -> InlineKeyboardMarkup:
    plan_id, index = view.plan.id, view.week.index
    builder = InlineKeyboardBuilder()
    paging = []
    if view.has_previous:
        back = PlanCb(action=PlanAction.WEEK, plan_id=plan_id, week=index - 1).pack()
        paging.append(
            InlineKeyboardButton(text=t("plan.previous", number=index), callback_data=back)
        )
    if view.has_next:
        more = PlanCb(action=PlanAction.WEEK, plan_id=plan_id, week=index + 1).pack()
        paging.append(
            InlineKeyboardButton(text=t("plan.next", number=index + 2), callback_data=more)
        )
    if paging:
        builder.row(*paging)
    builder.row(
        InlineKeyboardButton(
            text=t("plan.new_button"),
            callback_data=PlanCb(action=PlanAction.NEW, plan_id=plan_id).pack(),
        ),
        InlineKeyboardButton(
            text=t("plan.drop_button"),
            callback_data=PlanCb(action=PlanAction.DROP, plan_id=plan_id, week=index).pack(),
        ),
    )
    return builder.as_markup()


def render_week(view: PlanView, user: User, t: Texts) -> str:
    return t.render("plan/week.html", view=view, user=user)
