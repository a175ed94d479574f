"""Keyboards and texts of groups and events, shared by the private and group-chat handlers."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.groups.events import EventView
from domain.groups.models import JoinPolicy, Membership, RsvpAnswer
from domain.groups.search import PAGE_SIZE, RADII_KM, SearchFilters, SearchPage
from domain.groups.service import GroupCard
from domain.users.models import Sport, Units, User
from domain.users.start_links import StartLinkKind, parse_start_payload
from handlers.groups_callbacks import (
    DecisionCb,
    EventAction,
    EventCb,
    GroupAction,
    GroupCb,
    GroupSearchCb,
    InviteCb,
    RsvpCb,
)
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import checked
from handlers.texts import Texts

RSVP_ICONS = {RsvpAnswer.GOING: "✅", RsvpAnswer.MAYBE: "🤔", RsvpAnswer.NO: "❌"}


def search_cb(filters: SearchFilters, page: int = 0, **changes: object) -> GroupSearchCb:
    values: dict[str, object] = {
        "sport": filters.sport,
        "radius": filters.radius_km or 0,
        "level": filters.level is not None,
        "days": bool(filters.days),
        "page": page,
    }
    values.update(changes)
    return GroupSearchCb(**values)


def search_keyboard(
    found: SearchPage, filters: SearchFilters, user: User, t: Texts
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, item in enumerate(found.items, start=found.page * PAGE_SIZE + 1):
        builder.button(
            text=f"{index}. {item.group.name}"[:60],
            callback_data=GroupCb(action=GroupAction.CARD, group_id=item.group.id),
        )
    builder.adjust(1)
    nav = []
    if found.page > 0:
        nav.append(("⬅️", search_cb(filters, found.page - 1)))
    if found.page + 1 < found.pages:
        nav.append(("➡️", search_cb(filters, found.page + 1)))
    for text, data in nav:
        builder.button(text=text, callback_data=data)
    sports = user.profile.sports_in_order or [Sport.RUNNING]
    for sport in sports:
        builder.button(
            text=checked(sport is filters.sport, t(f"sport.{sport}")),
            callback_data=search_cb(filters, sport=sport),
        )
    if user.profile.location is not None:
        for radius in (*RADII_KM, 0):
            label = t("groups.km", km=radius) if radius else t("groups.anywhere_button")
            builder.button(
                text=checked((filters.radius_km or 0) == radius, label),
                callback_data=search_cb(filters, radius=radius),
            )
    if user.profile.level is not None:
        builder.button(
            text=checked(filters.level is not None, t("groups.my_level")),
            callback_data=search_cb(filters, level=filters.level is None),
        )
    if user.profile.days:
        builder.button(
            text=checked(bool(filters.days), t("groups.my_days")),
            callback_data=search_cb(filters, days=not filters.days),
        )
    radii = len(RADII_KM) + 1 if user.profile.location is not None else 0
    extra = int(user.profile.level is not None) + int(bool(user.profile.days))
    builder.adjust(*([1] * len(found.items)), len(nav) or 1, len(sports), radii or 1, extra or 1)
    return builder.as_markup()


def card_keyboard(card: GroupCard, t: Texts) -> InlineKeyboardMarkup:
    group, membership = card.group, card.membership
    builder = InlineKeyboardBuilder()

    def add(action: GroupAction, key: str) -> None:
        builder.button(text=t(key), callback_data=GroupCb(action=action, group_id=group.id))

    if membership is None:
        if not group.is_full:
            join = "groups.join" if group.policy is JoinPolicy.OPEN else "groups.request"
            add(GroupAction.JOIN, join)
    else:
        add(GroupAction.PAGE, "groups.page_button")
        if membership.is_active:
            add(GroupAction.SHARE, share_key(membership))
        if membership.is_organizer:
            add(GroupAction.EVENT, "groups.new_event")
            add(GroupAction.PLAN, "groups.plan_button")
        add(
            GroupAction.LEAVE,
            "groups.cancel_request" if not membership.is_active else "groups.leave",
        )
    add(GroupAction.INVITE, "groups.invite")
    builder.adjust(2)
    return builder.as_markup()


def share_key(membership: Membership) -> str:
    return "groups.share_off" if membership.share_progress else "groups.share_on"


def decision_keyboard(group_id: int, user_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for approve, key in ((True, "groups.approve"), (False, "groups.decline")):
        builder.button(
            text=t(key),
            callback_data=DecisionCb(group_id=group_id, user_id=user_id, approve=approve),
        )
    return builder.as_markup()


def rsvp_keyboard(event_id: int, t: Texts, private: bool = False) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for answer in RsvpAnswer:
        builder.button(
            text=f"{RSVP_ICONS[answer]} {t(f'groups.rsvp.{answer}')}",
            callback_data=RsvpCb(event_id=event_id, answer=answer),
        )
    builder.button(
        text=t("groups.ics"), callback_data=EventCb(action=EventAction.ICS, event_id=event_id)
    )
    if private:
        builder.button(
            text=t("groups.attendance_button"),
            callback_data=EventCb(action=EventAction.ATTENDANCE, event_id=event_id),
        )
    builder.adjust(3, 2)
    return builder.as_markup()


def confirm_keyboard(event_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("groups.confirm_button"),
        callback_data=EventCb(action=EventAction.CONFIRM, event_id=event_id),
    )
    return builder.as_markup()


async def toast_and_show(
    callback: CallbackQuery, toast: str, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """A short notice over the chat, and the message the button belongs to edited."""
    await callback.answer(toast)
    if isinstance(callback.message, Message):
        try:
            await callback.message.edit_text(text, reply_markup=markup)
        except TelegramBadRequest as error:
            if "not modified" not in error.message:
                raise


def event_text(view: EventView, t: Texts, units: Units = Units.METRIC) -> str:
    return t.render("groups/event.html", view=view, units=units)


def invite_offer(start_link: str | None, t: Texts) -> tuple[str, InlineKeyboardMarkup] | None:
    """After onboarding, the group invitation the athlete came with (ADR 0038)."""
    link = parse_start_payload(start_link)
    if link is None or link.kind is not StartLinkKind.GROUP:
        return None
    builder = InlineKeyboardBuilder()
    builder.button(text=t("groups.open_invite"), callback_data=InviteCb(code=link.code))
    return t("groups.invite_waiting"), builder.as_markup()


def invite_link(bot_username: str | None, code: str) -> str:
    return f"https://t.me/{bot_username}?start=g_{code}"
