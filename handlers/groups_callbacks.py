"""Callback data of groups and group events: ids and enums only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from domain.groups.models import RsvpAnswer
from domain.users.models import Sport


class GroupAction(StrEnum):
    CARD = "card"
    JOIN = "join"
    LEAVE = "leave"
    SHARE = "share"
    PAGE = "page"
    INVITE = "invite"
    EVENT = "event"
    PLAN = "plan"


class EventAction(StrEnum):
    CARD = "card"
    ICS = "ics"
    CONFIRM = "confirm"
    ATTENDANCE = "attendance"


class FormAction(StrEnum):
    BACK = "back"
    SKIP = "skip"
    NEXT = "next"
    PICK = "pick"


class GroupSearchCb(CallbackData, prefix="gs"):
    """Radius 0 means anywhere; `level` and `days` keep only groups that fit the athlete."""

    sport: Sport
    radius: int
    level: bool = False
    days: bool = False
    page: int = 0


class GroupCb(CallbackData, prefix="gc"):
    action: GroupAction
    group_id: int


class DecisionCb(CallbackData, prefix="gd"):
    group_id: int
    user_id: int
    approve: bool


class RsvpCb(CallbackData, prefix="gr"):
    event_id: int
    answer: RsvpAnswer


class EventCb(CallbackData, prefix="ge"):
    action: EventAction
    event_id: int


class SetupCb(CallbackData, prefix="gu"):
    """Group 0: make a new group for this chat."""

    group_id: int


class GroupFormCb(CallbackData, prefix="gf"):
    action: FormAction
    value: str = ""


class InviteCb(CallbackData, prefix="gi"):
    """The invite code an athlete came with, opened once their profile is ready."""

    code: str
