"""Callback data of the challenge buttons: the setup card, joining and voiding."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class SetupField(StrEnum):
    METRIC = "metric"
    SPORT = "sport"
    PERIOD = "period"
    GOAL = "goal"
    MODE = "mode"
    ENTRIES = "entries"
    POST = "post"
    CANCEL = "cancel"


class ChallengeSetupCb(CallbackData, prefix="chs"):
    """A press on the organizer's setup card; only their own FSM state answers it."""

    field: SetupField
    value: str = ""


class ChallengeJoinCb(CallbackData, prefix="chj"):
    """Join by the challenge's code; -1 is any team (the smallest one)."""

    code: str
    team: int = -1


class ChallengeVoidCb(CallbackData, prefix="chv"):
    """The organizer takes a workout out; rights are asked from Telegram on the press."""

    challenge_id: int
    workout_id: int
