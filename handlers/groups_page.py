"""A group's page (volume, members' milestones, plan, upcoming events) and the plan form."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.groups.page import GroupPage, GroupPageService
from domain.groups.service import GroupService
from domain.users.models import User
from handlers.groups_callbacks import EventAction, EventCb, GroupAction, GroupCb
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts

PLAN_GROUP = "plan_group"


class GroupPlanForm(StatesGroup):
    text = State()


def page_keyboard(page: GroupPage, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    zone = page.group.timezone
    for event in page.upcoming:
        builder.button(
            text=f"📅 {t.moment(event.starts_at, zone)}",
            callback_data=EventCb(action=EventAction.CARD, event_id=event.id),
        )
    membership = page.membership
    if membership is not None and membership.is_organizer:
        builder.button(
            text=t("groups.new_event"),
            callback_data=GroupCb(action=GroupAction.EVENT, group_id=page.group.id),
        )
        builder.button(
            text=t("groups.plan_button"),
            callback_data=GroupCb(action=GroupAction.PLAN, group_id=page.group.id),
        )
    builder.button(
        text=t("form.back"), callback_data=GroupCb(action=GroupAction.CARD, group_id=page.group.id)
    )
    builder.adjust(1)
    return builder.as_markup()


async def _show_page(
    event: Message | CallbackQuery, user: User, pages: GroupPageService, group_id: int, t: Texts
) -> None:
    page = await pages.page(user.id, group_id)
    await show(event, t.render("groups/page.html", page=page, user=user), page_keyboard(page, t))


async def cb_page(
    callback: CallbackQuery,
    callback_data: GroupCb,
    user: User,
    group_pages: GroupPageService,
    t: Texts,
) -> None:
    await _show_page(callback, user, group_pages, callback_data.group_id, t)


async def cb_plan(
    callback: CallbackQuery,
    callback_data: GroupCb,
    user: User,
    groups: GroupService,
    state: FSMContext,
    t: Texts,
) -> None:
    card = await groups.card(user.id, callback_data.group_id)
    if card.membership is None or not card.membership.is_organizer:
        await callback.answer(t("errors.not_organizer"), show_alert=True)
        return
    await state.set_state(GroupPlanForm.text)
    await state.update_data({PLAN_GROUP: card.group.id})
    await callback.answer()
    if callback.message is not None:
        await callback.message.answer(t("groups.plan_prompt", group=card.group.name))


async def msg_plan(
    message: Message,
    user: User,
    groups: GroupService,
    group_pages: GroupPageService,
    state: FSMContext,
    t: Texts,
) -> None:
    group_id = int((await state.get_data()).get(PLAN_GROUP, 0))
    text = None if (message.text or "").strip() in {"-", "—"} else (message.text or "")
    await groups.set_plan(user.id, group_id, text)
    await state.clear()
    await _show_page(message, user, group_pages, group_id, t)


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_page, GroupCb.filter(F.action == GroupAction.PAGE))
    router.callback_query.register(cb_plan, GroupCb.filter(F.action == GroupAction.PLAN))
    router.message.register(
        msg_plan, StateFilter(GroupPlanForm.text), F.text, ~F.text.startswith("/")
    )
    return router
