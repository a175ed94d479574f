"""Callback data of the campaign buttons and of every promotion's unsubscribe button."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class CampaignAction(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"


class CampaignCb(CallbackData, prefix="cmp"):
    """An admin's button on a campaign; rights are checked against the database."""

    action: CampaignAction
    campaign_id: int


class UnsubscribeCb(CallbackData, prefix="unsub"):
    """Promotions off, for whoever taps it."""
