"""Callback data shared by the workout card, the journal and the guided log."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from domain.workouts.models import Activity


class WorkoutAction(StrEnum):
    OPEN = "open"
    NOTE = "note"
    DELETE = "delete"
    CONFIRM_DELETE = "confirm_delete"


class WorkoutCb(CallbackData, prefix="w"):
    action: WorkoutAction
    workout_id: int


class JournalCb(CallbackData, prefix="j"):
    page: int
    activity: Activity | None = None


class LogStepAction(StrEnum):
    SKIP = "skip"
    BACK = "back"


class LogActivityCb(CallbackData, prefix="la"):
    activity: Activity


class LogValueCb(CallbackData, prefix="lv"):
    value: int


class LogStepCb(CallbackData, prefix="ls"):
    action: LogStepAction
