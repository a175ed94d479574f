"""Composing and steering a campaign; every step checks the admin's rights and is audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.campaigns.admin import AdminService
from domain.campaigns.markup import checked_html
from domain.campaigns.models import Campaign, CampaignState, Draft, Progress
from domain.clock import Clock
from domain.errors import InvalidValueError, NotFoundError
from domain.ports import UnitOfWork
from domain.users.models import Language

# Which states each admin action may start from, and where it leads.
_MOVES: dict[str, tuple[frozenset[CampaignState], CampaignState]] = {
    "start": (frozenset({CampaignState.DRAFT}), CampaignState.SENDING),
    "pause": (frozenset({CampaignState.SENDING}), CampaignState.PAUSED),
    "resume": (frozenset({CampaignState.PAUSED}), CampaignState.SENDING),
    "cancel": (
        frozenset({CampaignState.DRAFT, CampaignState.SENDING, CampaignState.PAUSED}),
        CampaignState.CANCELLED,
    ),
}


def moved(campaign: Campaign, action: str, now: datetime) -> Campaign:
    """The campaign after `action`; one not allowed from its state is refused."""
    sources, target = _MOVES[action]
    if campaign.state not in sources:
        raise InvalidValueError("campaign", f"cannot_{action}", state=campaign.state.value)
    changes: dict[str, object] = {"state": target}
    if action == "start":
        changes["started_at"] = now
    if target is CampaignState.CANCELLED:
        changes["finished_at"] = now
    return replace(campaign, **changes)  # type: ignore[arg-type]


class CampaignService:
    def __init__(self, uow: UnitOfWork, clock: Clock, admins: AdminService) -> None:
        self._uow = uow
        self._clock = clock
        self._admins = admins

    async def compose(self, actor_id: int, language: Language, text: str) -> Draft:
        """A draft from Telegram HTML (refused when Telegram would refuse it), with the
        number of athletes it would reach now."""
        await self._admins.require(actor_id)
        html = checked_html(text)
        async with self._uow:
            draft = Campaign(0, actor_id, language, html, CampaignState.DRAFT, self._clock())
            campaign = await self._uow.campaigns.add(draft)
            recipients = await self._uow.campaigns.audience_count()
            await self._admins.audit(actor_id, "campaign.compose", f"campaign:{campaign.id}")
            await self._uow.commit()
        return Draft(campaign, recipients)

    async def recipients(self, actor_id: int) -> int:
        """Athletes opted in to promotions who are neither banned nor blocking the bot."""
        await self._admins.require(actor_id)
        async with self._uow:
            return await self._uow.campaigns.audience_count()

    async def act(
        self, actor_id: int, campaign_id: int, action: str, report_message_id: int | None = None
    ) -> Progress:
        """start / pause / resume / cancel: allowed from the campaign's state, audited; the
        message the buttons are on becomes the one the engine keeps up to date."""
        await self._admins.require(actor_id)
        if action not in _MOVES:
            raise NotFoundError(what="campaign")
        async with self._uow:
            campaign = await self._uow.campaigns.get(campaign_id)
            if campaign is None:
                raise NotFoundError(what="campaign")
            campaign = moved(campaign, action, self._clock())
            if report_message_id is not None:
                campaign = replace(campaign, report_message_id=report_message_id)
            await self._uow.campaigns.save(campaign)
            await self._admins.audit(actor_id, f"campaign.{action}", f"campaign:{campaign_id}")
            counts = await self._uow.campaigns.counts(campaign_id)
            await self._uow.commit()
        return Progress(campaign, counts, 0.0, None)


class UnsubscribeService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def unsubscribe(self, user_id: int) -> None:
        """Promotions off in one tap, for anyone; tapping again changes nothing."""
        async with self._uow:
            user = await self._uow.users.get(user_id)
            if user is None or not user.notifications.promotions:
                return
            notifications = replace(user.notifications, promotions=False)
            await self._uow.users.save(replace(user, notifications=notifications))
            await self._uow.commit()
