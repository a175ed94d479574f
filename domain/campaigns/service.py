"""Composing and steering a campaign; every step checks the admin's rights and is audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from domain.campaigns.admin import AdminService
from domain.campaigns.audience import Audience, AudienceChange, AudienceField, changed, group_code
from domain.campaigns.markup import checked_button, checked_html
from domain.campaigns.models import (
    MAX_CAPTION,
    MAX_TEXT,
    Campaign,
    CampaignState,
    Draft,
    Progress,
)
from domain.campaigns.schedule import parse_send_time
from domain.clock import Clock
from domain.errors import InvalidValueError, NotFoundError
from domain.ports import UnitOfWork
from domain.users.models import Language

_OPEN = frozenset({CampaignState.DRAFT, CampaignState.SCHEDULED})
# Which states each admin action may start from, and where it leads.
_MOVES: dict[str, tuple[frozenset[CampaignState], CampaignState]] = {
    "start": (_OPEN, CampaignState.SENDING),
    "schedule": (frozenset({CampaignState.DRAFT}), CampaignState.SCHEDULED),
    "pause": (frozenset({CampaignState.SENDING}), CampaignState.PAUSED),
    "resume": (frozenset({CampaignState.PAUSED}), CampaignState.SENDING),
    "cancel": (
        _OPEN | {CampaignState.SENDING, CampaignState.PAUSED},
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
    if action == "schedule" and (campaign.scheduled_at is None or campaign.scheduled_at <= now):
        raise InvalidValueError("send_time", "past")
    if target is CampaignState.CANCELLED:
        changes["finished_at"] = now
    return replace(campaign, **changes)  # type: ignore[arg-type]


class CampaignService:
    def __init__(self, uow: UnitOfWork, clock: Clock, admins: AdminService) -> None:
        self._uow = uow
        self._clock = clock
        self._admins = admins

    async def compose(
        self, actor_id: int, language: Language, text: str, photo: str | None = None
    ) -> Draft:
        """A draft from Telegram HTML (refused when Telegram would refuse it; a photo's
        caption holds 1024 characters), with the number of athletes it would reach now."""
        await self._admins.require(actor_id)
        html = checked_html(text, MAX_CAPTION if photo else MAX_TEXT)
        async with self._uow:
            draft = Campaign(
                0, actor_id, language, html, CampaignState.DRAFT, self._clock(), photo=photo
            )
            campaign = await self._uow.campaigns.add(draft)
            recipients = await self._uow.campaigns.audience_count(draft.audience, self._clock())
            await self._admins.audit(actor_id, "campaign.compose", f"campaign:{campaign.id}")
            await self._uow.commit()
        return Draft(campaign, recipients)

    async def draft(self, actor_id: int, campaign_id: int) -> Draft:
        """The campaign with the number of athletes its audience holds now."""
        await self._admins.require(actor_id)
        async with self._uow:
            campaign = await self._get(campaign_id)
            recipients = await self._uow.campaigns.audience_count(campaign.audience, self._clock())
        return Draft(campaign, recipients)

    async def set_button(self, actor_id: int, campaign_id: int, line: str) -> Draft:
        """Put a URL or deep-link button under a draft's text (`Label | target`)."""
        button = checked_button(line)
        return await self._edit(
            actor_id, campaign_id, "button", lambda c: replace(c, button=button)
        )

    async def change_audience(
        self, actor_id: int, campaign_id: int, change: AudienceChange
    ) -> Draft:
        """Narrow or widen a draft's audience by one filter; the count is the new one. A group
        is added only when it exists."""
        if change.field is AudienceField.GROUP:
            code = group_code(change.value)
            async with self._uow:
                campaign = await self._get(campaign_id)
                known = code in campaign.audience.groups
                if not known and await self._uow.groups.by_code(code) is None:
                    raise InvalidValueError("audience", "group_code")
        return await self._edit(
            actor_id,
            campaign_id,
            "audience",
            lambda c: replace(c, audience=changed(c.audience, change)),
        )

    async def propose_time(
        self, actor_id: int, campaign_id: int, text: str, timezone: str
    ) -> Draft:
        """Remember the send time typed in the admin's timezone; `schedule` confirms it."""
        at = parse_send_time(text, timezone, self._clock())
        return await self._edit(
            actor_id, campaign_id, "time", lambda c: replace(c, scheduled_at=at)
        )

    async def recipients(self, actor_id: int) -> int:
        """Athletes opted in to promotions who are neither banned nor blocking the bot."""
        await self._admins.require(actor_id)
        async with self._uow:
            return await self._uow.campaigns.audience_count(Audience(), self._clock())

    async def act(
        self, actor_id: int, campaign_id: int, action: str, report_message_id: int | None = None
    ) -> Progress:
        """start / schedule / pause / resume / cancel: allowed from the campaign's state,
        audited; the message the buttons are on becomes the one the engine keeps up to date."""
        await self._admins.require(actor_id)
        if action not in _MOVES:
            raise NotFoundError(what="campaign")
        async with self._uow:
            campaign = moved(await self._get(campaign_id), action, self._clock())
            if report_message_id is not None:
                campaign = replace(campaign, report_message_id=report_message_id)
            await self._uow.campaigns.save(campaign)
            await self._admins.audit(actor_id, f"campaign.{action}", f"campaign:{campaign_id}")
            counts = await self._uow.campaigns.counts(campaign_id)
            await self._uow.commit()
        return Progress(campaign, counts, 0.0, None)

    async def _edit(
        self, actor_id: int, campaign_id: int, what: str, apply: Callable[[Campaign], Campaign]
    ) -> Draft:
        await self._admins.require(actor_id)
        async with self._uow:
            campaign = await self._get(campaign_id)
            if campaign.state is not CampaignState.DRAFT:
                raise InvalidValueError("campaign", "not_a_draft")
            campaign = apply(campaign)
            await self._uow.campaigns.save(campaign)
            await self._admins.audit(actor_id, f"campaign.{what}", f"campaign:{campaign_id}")
            recipients = await self._uow.campaigns.audience_count(campaign.audience, self._clock())
            await self._uow.commit()
        return Draft(campaign, recipients)

    async def _get(self, campaign_id: int) -> Campaign:
        campaign = await self._uow.campaigns.get(campaign_id)
        if campaign is None:
            raise NotFoundError(what="campaign")
        return campaign


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
