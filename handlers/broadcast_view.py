"""How a promotion and a campaign's progress look: shared by the handlers and the engine."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from domain.campaigns.models import Campaign, CampaignState, Progress
from handlers.broadcast_callbacks import CampaignAction, CampaignCb, UnsubscribeCb
from handlers.keyboards import InlineKeyboardBuilder
from handlers.texts import Texts

_ACTIONS = {
    CampaignState.DRAFT: (CampaignAction.START, CampaignAction.CANCEL),
    CampaignState.SENDING: (CampaignAction.PAUSE, CampaignAction.CANCEL),
    CampaignState.PAUSED: (CampaignAction.RESUME, CampaignAction.CANCEL),
}


def unsubscribe_keyboard(t: Texts) -> InlineKeyboardMarkup:
    """The button every promotional message carries."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("broadcast.unsubscribe_button"), callback_data=UnsubscribeCb())
    return builder.as_markup()


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
