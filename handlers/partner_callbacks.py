"""Callback data of /partners and of the intros it sends: ids and actions only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from domain.partners.models import ReportReason


class PartnerAction(StrEnum):
    JOIN = "join"
    LEAVE = "leave"
    PAGE = "page"
    HI = "hi"


class PartnerCb(CallbackData, prefix="pt"):
    action: PartnerAction
    page: int = 0
    target: int = 0


class IntroAction(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    BLOCK = "block"
    REPORT = "report"  # shows the reasons


class IntroCb(CallbackData, prefix="pi"):
    action: IntroAction
    intro_id: int


class ReportCb(CallbackData, prefix="pr"):
    intro_id: int
    reason: ReportReason
