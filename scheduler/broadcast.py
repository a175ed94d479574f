"""The broadcast delivery engine: claim due deliveries, send at the global rate, record."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta

from domain.campaigns.delivery import STALE_AFTER, DeliveryService, outcome_of
from domain.campaigns.models import (
    FINISHED,
    Campaign,
    Claimed,
    DeliveryState,
    Outcome,
    Promotion,
    SendStatus,
)
from domain.campaigns.ports import CampaignReporter, PromotionSender
from domain.campaigns.rate import TokenBucket
from domain.clock import Clock
from domain.ports import UnitOfWork

logger = logging.getLogger(__name__)

CLAIM_BATCH = 500
REPORT_EVERY_S = 3.0
TICK_BUDGET_S = 50.0  # a tick hands over before the next one (and the lease renewal) is due


@dataclass
class _Seen:
    """What this engine saw of a campaign, for the achieved rate and the report cadence."""

    started: float
    done_at_start: int
    reported: float = float("-inf")
    state: str = ""


@dataclass
class BroadcastEngine:
    uow_factory: Callable[[], UnitOfWork]
    clock: Clock
    sender: PromotionSender
    reporter: CampaignReporter
    limiter: TokenBucket
    owner: str
    batch: int = CLAIM_BATCH
    budget_s: float = TICK_BUDGET_S
    report_every_s: float = REPORT_EVERY_S
    stale_after: timedelta = STALE_AFTER
    monotonic: Callable[[], float] = time.monotonic
    _seen: dict[int, _Seen] = field(default_factory=dict)
    _stopping: bool = False

    def stop(self) -> None:
        """End the current tick after the chunk in flight (a clean shutdown)."""
        self._stopping = True

    @property
    def claim_size(self) -> int:
        """At most ~10 s of sending per claim, so that no claim grows stale while it waits."""
        return max(self.chunk, min(self.batch, int(self.limiter.rate * 10)))

    @property
    def chunk(self) -> int:
        """How many sends are in flight at once: a fifth of a second's worth. A crash can
        leave at most these in the unknown window (ADR 0025)."""
        return max(1, int(self.limiter.rate / 5))

    def _service(self) -> DeliveryService:
        return DeliveryService(self.uow_factory(), self.clock)

    async def recover(self) -> tuple[int, int]:
        """At start: what a dead engine claimed is sent later, what it was sending is not."""
        released, lost = await self._service().recover(self.stale_after)
        if released or lost:
            logger.warning("broadcast recovery: %d claims released, %d unknown", released, lost)
        return released, lost

    async def tick(self) -> int:
        """Send what is due until nothing is or the tick's budget is spent; the count sent."""
        await self._service().prepare()
        started, sent = self.monotonic(), 0
        try:
            while not self._stopping and self.monotonic() - started < self.budget_s:
                claimed = await self._service().claim(self.owner, self.claim_size)
                if not claimed:
                    break
                sent += await self._send_claimed(claimed)
        finally:
            await self._service().release(self.owner)
            await self._report_all()
        return sent

    async def _send_claimed(self, claimed: list[Claimed]) -> int:
        sent = 0
        for index in range(0, len(claimed), self.chunk):
            if self._stopping:
                break  # the rest is released by the tick
            chunk = claimed[index : index + self.chunk]
            stopped = await self._service().paused_or_stopped([c.campaign_id for c in chunk])
            if stopped:
                await self._service().release(self.owner, sorted(stopped))
                chunk = [c for c in chunk if c.campaign_id not in stopped]
            outcomes = await self._send_chunk(chunk)
            sent += sum(1 for o in outcomes if o.state is DeliveryState.SENT)
            await self._report_all()
        return sent

    async def _send_chunk(self, chunk: Sequence[Claimed]) -> list[Outcome]:
        if not chunk:
            return []
        begun = await self._service().begin(self.owner, [c.delivery_id for c in chunk])
        promotions = await self._promotions({c.campaign_id for c in chunk})
        tasks = []
        for claimed in chunk:
            if claimed.delivery_id not in begun:
                continue
            await self.limiter.acquire()
            promotion = promotions[claimed.campaign_id]
            tasks.append(asyncio.create_task(self._send_one(claimed, promotion)))
        outcomes = list(await asyncio.gather(*tasks))
        await self._service().record(outcomes)
        return outcomes

    async def _send_one(self, claimed: Claimed, promotion: Promotion) -> Outcome:
        result = await self.sender.send(claimed.user_id, claimed.language, promotion)
        if result.status is SendStatus.RETRY_AFTER:
            # Telegram's flood control is per bot: every send waits, not only this one.
            self.limiter.hold(result.retry_after)
        return outcome_of(claimed, result, self.clock())

    async def _promotions(self, campaign_ids: set[int]) -> dict[int, Promotion]:
        uow = self.uow_factory()
        async with uow:
            found = [await uow.campaigns.get(campaign_id) for campaign_id in campaign_ids]
        return {campaign.id: campaign.promotion for campaign in found if campaign is not None}

    async def _report_all(self) -> None:
        """Each running campaign's report, at most every few seconds; a finished one's once."""
        service = self._service()
        active = await service.active()
        for campaign in active:
            await self._report(await service.complete(campaign))
        running = {campaign.id for campaign in active}
        for campaign_id in [known for known in self._seen if known not in running]:
            cancelled = await self._campaign(campaign_id)  # since the last report
            if cancelled is not None:
                await self._report(cancelled)
            self._seen.pop(campaign_id, None)

    async def _campaign(self, campaign_id: int) -> Campaign | None:
        uow = self.uow_factory()
        async with uow:
            return await uow.campaigns.get(campaign_id)

    async def _report(self, campaign: Campaign) -> None:
        now = self.monotonic()
        service = self._service()
        progress = await service.progress(campaign, 0.0)
        seen = self._seen.setdefault(campaign.id, _Seen(now, progress.counts.done))
        final = progress.campaign.state in FINISHED
        changed = seen.state != progress.campaign.state.value
        if not (final or changed or now - seen.reported >= self.report_every_s):
            return
        elapsed = now - seen.started
        rate = (progress.counts.done - seen.done_at_start) / elapsed if elapsed > 0 else 0.0
        eta = progress.counts.left / rate if rate > 0 else None
        progress = replace(progress, rate=rate, eta_s=eta)
        message_id = await self.reporter.report(progress, final)
        if message_id is not None and message_id != progress.campaign.report_message_id:
            await service.remember_report(progress.campaign, message_id)
        seen.reported, seen.state = now, progress.campaign.state.value
        if final:
            self._seen.pop(campaign.id, None)
