"""Callback data of the plan view and of the guided goal."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from domain.plans.models import GoalKind, RaceClass


class PlanAction(StrEnum):
    WEEK = "week"
    NEW = "new"
    DROP = "drop"
    CONFIRM_DROP = "confirm_drop"


class PlanCb(CallbackData, prefix="pl"):
    action: PlanAction
    plan_id: int
    week: int = 0


class GoalStepAction(StrEnum):
    SKIP = "skip"
    BACK = "back"
    CREATE = "create"
    CANCEL = "cancel"


class GoalKindCb(CallbackData, prefix="pk"):
    kind: GoalKind


class GoalDistanceCb(CallbackData, prefix="pd"):
    race: RaceClass


class GoalSessionsCb(CallbackData, prefix="pn"):
    count: int


class GoalStepCb(CallbackData, prefix="ps"):
    action: GoalStepAction
