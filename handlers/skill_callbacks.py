"""Callback data of /progress and /lifts: a sport, or an exercise's catalog name and a page."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from domain.workouts.models import Activity


class SkillCb(CallbackData, prefix="sk"):
    sport: Activity


class LiftCb(CallbackData, prefix="lf"):
    """No exercise: the list of lifts; an exercise: a page of its history."""

    exercise: str | None = None
    page: int = 0
