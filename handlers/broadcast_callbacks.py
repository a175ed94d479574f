"""Callback data of the campaign buttons and of every promotion's unsubscribe button."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from domain.campaigns.audience import AudienceField


class CampaignAction(StrEnum):
    START = "start"
    SCHEDULE = "schedule"
    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"


class CampaignCb(CallbackData, prefix="cmp"):
    """An admin's button on a campaign; rights are checked against the database."""

    action: CampaignAction
    campaign_id: int


class DraftStep(StrEnum):
    AUDIENCE = "audience"
    BUTTON = "button"
    TIME = "time"
    CITY = "city"
    GROUP = "group"
    BACK = "back"


class DraftCb(CallbackData, prefix="cmpd"):
    """Edit a draft: open the audience editor, add a button, type a send time."""

    step: DraftStep
    campaign_id: int


class AudienceCb(CallbackData, prefix="cmpa"):
    """Toggle one audience filter of a draft (an enum value or a number of days)."""

    campaign_id: int
    field: AudienceField
    value: str = ""


class UnsubscribeCb(CallbackData, prefix="unsub"):
    """Promotions off, for whoever taps it."""
