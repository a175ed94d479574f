"""/groups: search, the group card, joining, requests and their decisions, invite links."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from domain.groups.models import MemberState
from domain.groups.search import PAGE_SIZE, SearchFilters
from domain.groups.service import GroupCard, GroupService, default_filters
from domain.users.models import Language, User
from handlers.groups_callbacks import DecisionCb, GroupAction, GroupCb, GroupSearchCb, InviteCb
from handlers.groups_view import (
    card_keyboard,
    decision_keyboard,
    invite_link,
    search_keyboard,
    toast_and_show,
)
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts

logger = logging.getLogger(__name__)
TEXT_KEY = "groups_text"


async def _results(
    event: Message | CallbackQuery,
    user: User,
    groups: GroupService,
    filters: SearchFilters,
    page: int,
    t: Texts,
) -> None:
    found = await groups.search(user, filters, page)
    text = t.render("groups/results.html", found=found, filters=filters, page_size=PAGE_SIZE)
    await show(event, text, search_keyboard(found, filters, user, t))


async def cmd_groups(
    message: Message,
    command: CommandObject,
    user: User,
    groups: GroupService,
    state: FSMContext,
    t: Texts,
) -> None:
    await state.clear()
    words = (command.args or "").strip()
    await state.update_data({TEXT_KEY: words})
    filters = replace(default_filters(user), text=words)
    await _results(message, user, groups, filters, 0, t)


async def cb_search(
    callback: CallbackQuery,
    callback_data: GroupSearchCb,
    user: User,
    groups: GroupService,
    state: FSMContext,
    t: Texts,
) -> None:
    words = str((await state.get_data()).get(TEXT_KEY, ""))
    location = user.profile.location
    filters = SearchFilters(
        sport=callback_data.sport,
        origin=location,
        radius_km=(callback_data.radius or None) if location is not None else None,
        level=user.profile.level if callback_data.level else None,
        days=user.profile.days if callback_data.days else frozenset(),
        text=words,
    )
    await _results(callback, user, groups, filters, callback_data.page, t)


async def show_card(
    event: Message | CallbackQuery, card: GroupCard, t: Texts, toast: str | None = None
) -> None:
    text = t.render(
        "groups/card.html", group=card.group, membership=card.membership, distance=None
    )
    if toast is not None and isinstance(event, CallbackQuery):
        await toast_and_show(event, toast, text, card_keyboard(card, t))
    else:
        await show(event, text, card_keyboard(card, t))


async def cb_card(
    callback: CallbackQuery, callback_data: GroupCb, user: User, groups: GroupService, t: Texts
) -> None:
    await show_card(callback, await groups.card(user.id, callback_data.group_id), t)


async def cb_join(
    callback: CallbackQuery,
    callback_data: GroupCb,
    user: User,
    groups: GroupService,
    bot: Bot,
    t: Texts,
    texts_for: dict[Language, Texts],
) -> None:
    joined = await groups.join(user, callback_data.group_id)
    for organizer in joined.organizers:
        ot = texts_for[organizer.language]
        text = ot("groups.request_received", name=user.first_name, group=joined.group.name)
        markup = decision_keyboard(joined.group.id, user.id, ot)
        try:
            await bot.send_message(organizer.id, text, reply_markup=markup)
        except TelegramAPIError as error:
            logger.warning("join request not delivered to %s: %s", organizer.id, error)
    pending = joined.membership.state is MemberState.PENDING
    toast = t("groups.requested" if pending else "groups.joined")
    await show_card(callback, GroupCard(joined.group, joined.membership), t, toast)


async def cb_leave(
    callback: CallbackQuery, callback_data: GroupCb, user: User, groups: GroupService, t: Texts
) -> None:
    group = await groups.leave(user.id, callback_data.group_id)
    await show_card(callback, GroupCard(group, None), t, t("groups.left"))


async def cb_share(
    callback: CallbackQuery, callback_data: GroupCb, user: User, groups: GroupService, t: Texts
) -> None:
    card = await groups.toggle_share(user.id, callback_data.group_id)
    assert card.membership is not None
    on = card.membership.share_progress
    await show_card(callback, card, t, t("groups.sharing" if on else "groups.not_sharing"))


async def cb_invite(
    callback: CallbackQuery,
    callback_data: GroupCb,
    user: User,
    groups: GroupService,
    bot: Bot,
    t: Texts,
) -> None:
    card = await groups.card(user.id, callback_data.group_id)
    me = await bot.me()
    link = invite_link(me.username, card.group.code)
    await callback.answer()
    if callback.message is not None:
        await callback.message.answer(t("groups.invite_text", group=card.group.name, link=link))


async def cb_decide(
    callback: CallbackQuery,
    callback_data: DecisionCb,
    user: User,
    groups: GroupService,
    bot: Bot,
    t: Texts,
    texts_for: dict[Language, Texts],
) -> None:
    decision = await groups.decide(
        user.id, callback_data.group_id, callback_data.user_id, callback_data.approve
    )
    applicant = decision.applicant
    at = texts_for[applicant.language]
    key = "groups.approved" if decision.approved else "groups.declined"
    try:
        await bot.send_message(applicant.id, at(key, group=decision.group.name))
    except TelegramAPIError as error:
        logger.warning("decision not delivered to %s: %s", applicant.id, error)
    outcome = "groups.you_approved" if decision.approved else "groups.you_declined"
    await show(callback, t(outcome, name=applicant.first_name, group=decision.group.name))


async def open_invite(
    message: Message, user: User, groups: GroupService, code: str, t: Texts
) -> None:
    """A `g_<code>` deep link lands in the group's card."""
    await show_card(message, await groups.by_code(user.id, code), t)


async def cb_open_invite(
    callback: CallbackQuery, callback_data: InviteCb, user: User, groups: GroupService, t: Texts
) -> None:
    await show_card(callback, await groups.by_code(user.id, callback_data.code), t)


async def cmd_mygroups(message: Message, user: User, groups: GroupService, t: Texts) -> None:
    mine = await groups.mine(user.id)
    builder = InlineKeyboardBuilder()
    for group, _ in mine:
        builder.button(
            text=group.name[:60], callback_data=GroupCb(action=GroupAction.CARD, group_id=group.id)
        )
    builder.adjust(1)
    await message.answer(t.render("groups/mine.html", mine=mine), reply_markup=builder.as_markup())


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_groups, Command("groups"))
    router.message.register(cmd_mygroups, Command("mygroups"))
    router.callback_query.register(cb_search, GroupSearchCb.filter())
    actions: dict[GroupAction, Callable[..., Awaitable[None]]] = {
        GroupAction.CARD: cb_card,
        GroupAction.JOIN: cb_join,
        GroupAction.LEAVE: cb_leave,
        GroupAction.SHARE: cb_share,
        GroupAction.INVITE: cb_invite,
    }
    for action, handler in actions.items():
        router.callback_query.register(handler, GroupCb.filter(F.action == action))
    router.callback_query.register(cb_decide, DecisionCb.filter())
    router.callback_query.register(cb_open_invite, InviteCb.filter())
    return router
