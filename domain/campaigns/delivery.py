"""The rules of delivery: building the audience, claiming, what each answer means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from domain.campaigns.models import (
    MAX_ATTEMPTS,
    Campaign,
    CampaignState,
    Claimed,
    DeliveryState,
    Outcome,
    Progress,
    SendResult,
    SendStatus,
)
from domain.clock import Clock
from domain.ports import UnitOfWork

AUDIENCE_BATCH = 1000
BACKOFF_BASE = timedelta(seconds=2)
BACKOFF_MAX = timedelta(minutes=5)
# A claim or a send older than this belongs to an engine that died (a send takes seconds).
STALE_AFTER = timedelta(minutes=2)


def outcome_of(claimed: Claimed, result: SendResult, now: datetime) -> Outcome:
    """429 -> pending again after retry_after (no attempt spent); 403 -> blocked; a transient
    error -> pending after a doubling backoff, failed after MAX_ATTEMPTS; a timeout that may
    have delivered -> unknown (never resent); others -> failed."""
    status = result.status
    if status is SendStatus.SENT:
        return Outcome(claimed.delivery_id, claimed.user_id, DeliveryState.SENT, claimed.attempts)
    if status is SendStatus.BLOCKED:
        return Outcome(
            claimed.delivery_id, claimed.user_id, DeliveryState.BLOCKED, claimed.attempts
        )
    if status is SendStatus.UNKNOWN:
        return Outcome(
            claimed.delivery_id,
            claimed.user_id,
            DeliveryState.UNKNOWN,
            claimed.attempts + 1,
            result.reason,
        )
    if status is SendStatus.RETRY_AFTER:
        due = now + timedelta(seconds=result.retry_after)
        return Outcome(
            claimed.delivery_id,
            claimed.user_id,
            DeliveryState.PENDING,
            claimed.attempts,
            result.reason or "retry_after",
            due,
        )
    attempts = claimed.attempts + 1
    if status is SendStatus.TRANSIENT and attempts < MAX_ATTEMPTS:
        backoff = min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_MAX)
        return Outcome(
            claimed.delivery_id,
            claimed.user_id,
            DeliveryState.PENDING,
            attempts,
            result.reason,
            now + backoff,
        )
    return Outcome(
        claimed.delivery_id, claimed.user_id, DeliveryState.FAILED, attempts, result.reason
    )


class DeliveryService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def prepare(self, batch: int = AUDIENCE_BATCH) -> int:
        """Start the scheduled campaigns that are due, then one pending delivery per recipient
        of each started campaign, `batch` users per transaction; a cursor makes a crash
        resume, the unique key makes a replay harmless."""
        added = 0
        async with self._uow:
            await self._uow.campaigns.start_due(self._clock())
            await self._uow.commit()
        async with self._uow:
            campaigns = await self._uow.campaigns.in_state([CampaignState.SENDING.value])
        for started in campaigns:
            campaign = started
            while not campaign.audience_ready:
                campaign, count = await self._prepare_batch(campaign, batch)
                added += count
        return added

    async def _prepare_batch(self, campaign: Campaign, batch: int) -> tuple[Campaign, int]:
        async with self._uow:
            ids = await self._uow.campaigns.audience_after(
                campaign.audience_cursor, batch, campaign.audience, self._clock()
            )
            await self._uow.campaigns.add_deliveries(campaign.id, ids, self._clock())
            current = await self._uow.campaigns.get(campaign.id) or campaign
            campaign = replace(
                current,
                audience_cursor=ids[-1] if ids else campaign.audience_cursor,
                audience_ready=len(ids) < batch,
            )
            await self._uow.campaigns.save(campaign)
            await self._uow.commit()
        return campaign, len(ids)

    async def claim(self, owner: str, limit: int) -> list[Claimed]:
        """Claim due deliveries of sending campaigns for this engine, in one transaction."""
        async with self._uow:
            claimed = await self._uow.campaigns.claim(owner, self._clock(), limit)
            await self._uow.commit()
        return claimed

    async def begin(self, owner: str, delivery_ids: Sequence[int]) -> set[int]:
        """Mark `sending` and commit before calling Telegram: only these may be sent."""
        async with self._uow:
            started = await self._uow.campaigns.begin(owner, delivery_ids, self._clock())
            await self._uow.commit()
        return started

    async def record(self, outcomes: Sequence[Outcome]) -> None:
        """Write how each send went; a 403 also marks the athlete as blocking the bot."""
        now = self._clock()
        async with self._uow:
            await self._uow.campaigns.record(outcomes, now)
            for outcome in outcomes:
                if outcome.state is DeliveryState.BLOCKED:
                    user = await self._uow.users.get(outcome.user_id)
                    if user is not None and user.bot_blocked_at is None:
                        await self._uow.users.save(replace(user, bot_blocked_at=now))
            await self._uow.commit()

    async def release(self, owner: str, campaign_ids: Sequence[int] | None = None) -> int:
        """Give back what this engine claimed and did not begin (a pause, a shutdown)."""
        async with self._uow:
            released = await self._uow.campaigns.release(owner, campaign_ids)
            await self._uow.commit()
        return released

    async def recover(self, stale_after: timedelta = STALE_AFTER) -> tuple[int, int]:
        """After a crash: stale claims are sent later; stale sends become `unknown` and are
        never resent (the message may have gone out)."""
        async with self._uow:
            counts = await self._uow.campaigns.recover(self._clock() - stale_after)
            await self._uow.commit()
        return counts

    async def active(self) -> list[Campaign]:
        async with self._uow:
            return await self._uow.campaigns.in_state(
                [CampaignState.SENDING.value, CampaignState.PAUSED.value]
            )

    async def paused_or_stopped(self, campaign_ids: Sequence[int]) -> set[int]:
        """Which of these campaigns are no longer sending (paused, cancelled)."""
        async with self._uow:
            stopped = set()
            for campaign_id in set(campaign_ids):
                campaign = await self._uow.campaigns.get(campaign_id)
                if campaign is None or campaign.state is not CampaignState.SENDING:
                    stopped.add(campaign_id)
            return stopped

    async def progress(self, campaign: Campaign, rate: float) -> Progress:
        """The counts now; the ETA at the rate achieved so far."""
        async with self._uow:
            counts = await self._uow.campaigns.counts(campaign.id)
            current = await self._uow.campaigns.get(campaign.id) or campaign
        eta = counts.left / rate if rate > 0 else None
        return Progress(current, counts, rate, eta)

    async def complete(self, campaign: Campaign) -> Campaign:
        """A sending campaign with nothing left open is done."""
        async with self._uow:
            current = await self._uow.campaigns.get(campaign.id) or campaign
            if current.state is not CampaignState.SENDING or not current.audience_ready:
                return current
            if await self._uow.campaigns.open_count(campaign.id):
                return current
            done = replace(current, state=CampaignState.DONE, finished_at=self._clock())
            await self._uow.campaigns.save(done)
            await self._uow.commit()
        return done

    async def remember_report(self, campaign: Campaign, message_id: int) -> None:
        async with self._uow:
            current = await self._uow.campaigns.get(campaign.id) or campaign
            await self._uow.campaigns.save(replace(current, report_message_id=message_id))
            await self._uow.commit()
