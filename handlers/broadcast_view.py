"""How a promotion and a campaign's progress look: shared by the handlers and the engine."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.campaigns.models import Campaign, CampaignState, Progress, Promotion
from handlers.broadcast_callbacks import (
    CampaignAction,
    CampaignCb,
    DraftCb,
    DraftStep,
    UnsubscribeCb,
)
from handlers.keyboards import InlineKeyboardBuilder
from handlers.texts import Texts

_ACTIONS = {
    CampaignState.DRAFT: (CampaignAction.START, CampaignAction.CANCEL),
    CampaignState.SCHEDULED: (CampaignAction.START, CampaignAction.CANCEL),
    CampaignState.SENDING: (CampaignAction.PAUSE, CampaignAction.CANCEL),
    CampaignState.PAUSED: (CampaignAction.RESUME, CampaignAction.CANCEL),
}
_DRAFT_STEPS = (DraftStep.AUDIENCE, DraftStep.BUTTON, DraftStep.TIME)


def unsubscribe_keyboard(t: Texts) -> InlineKeyboardMarkup:
    """The button every promotional message carries."""
    return promotion_keyboard(Promotion(""), t, "")


def promotion_keyboard(promotion: Promotion, t: Texts, bot_username: str) -> InlineKeyboardMarkup:
    """The campaign's own button (a URL, or a deep link into this bot), then Unsubscribe."""
    rows: list[list[InlineKeyboardButton]] = []
    button = promotion.button
    if button is not None:
        url = (
            button.target
            if button.is_url
            else f"https://t.me/{bot_username}?start={button.target}"
        )
        rows.append([InlineKeyboardButton(text=button.text, url=url)])
    unsubscribe = InlineKeyboardButton(
        text=t("broadcast.unsubscribe_button"), callback_data=UnsubscribeCb().pack()
    )
    rows.append([unsubscribe])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def campaign_keyboard(campaign: Campaign, t: Texts) -> InlineKeyboardMarkup | None:
    """What the admin may do next from the campaign's state; nothing once it is over."""
    actions = _ACTIONS.get(campaign.state)
    if actions is None:
        return None
    builder = InlineKeyboardBuilder()
    for action in actions:
        builder.button(
            text=t(f"broadcast.{action}_button"),
            callback_data=CampaignCb(action=action, campaign_id=campaign.id),
        )
    if campaign.state is CampaignState.DRAFT:
        for step in _DRAFT_STEPS:
            builder.button(
                text=t(f"broadcast.{step}_button"),
                callback_data=DraftCb(step=step, campaign_id=campaign.id),
            )
        builder.adjust(2, 3)
    return builder.as_markup()


def progress_text(progress: Progress, t: Texts, final: bool = False) -> str:
    eta = t.duration(max(1, round(progress.eta_s))) if progress.eta_s is not None else "—"
    return t.render(
        "broadcast/progress.html",
        progress=progress,
        counts=progress.counts,
        rate=f"{progress.rate:.1f}",
        eta=eta,
        final=final,
    )
