"""Callback data shared by the workout card, the journal and the guided log."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from domain.workouts.models import Activity, JournalPeriod, WorkoutField


class WorkoutAction(StrEnum):
    OPEN = "open"
    NOTE = "note"
    DELETE = "delete"
    CONFIRM_DELETE = "confirm_delete"
    EDIT = "edit"


class WorkoutCb(CallbackData, prefix="w"):
    action: WorkoutAction
    workout_id: int


class JournalCb(CallbackData, prefix="j"):
    page: int
    activity: Activity | None = None
    period: JournalPeriod = JournalPeriod.ALL


class EntryCb(CallbackData, prefix="je"):
    """Open a workout from the journal; its page, sport and period lead back there."""

    workout_id: int
    page: int
    activity: Activity | None = None
    period: JournalPeriod = JournalPeriod.ALL

    @property
    def journal(self) -> JournalCb:
        return JournalCb(page=self.page, activity=self.activity, period=self.period)


class EditFieldCb(CallbackData, prefix="wf"):
    workout_id: int
    field: WorkoutField


class EditSportCb(CallbackData, prefix="wa"):
    workout_id: int
    activity: Activity


class EditRpeCb(CallbackData, prefix="wr"):
    workout_id: int
    rpe: int


class LogStepAction(StrEnum):
    SKIP = "skip"
    BACK = "back"


class LogActivityCb(CallbackData, prefix="la"):
    activity: Activity


class LogValueCb(CallbackData, prefix="lv"):
    value: int


class LogStepCb(CallbackData, prefix="ls"):
    action: LogStepAction
