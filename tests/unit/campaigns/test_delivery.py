"""What each Bot API answer does to a delivery, and the engine over in-memory ports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.campaigns.admin import AdminService
from domain.campaigns.delivery import BACKOFF_BASE, DeliveryService, outcome_of
from domain.campaigns.models import (
    MAX_ATTEMPTS,
    CampaignState,
    Claimed,
    DeliveryState,
    SendResult,
    SendStatus,
)
from domain.campaigns.rate import TokenBucket
from domain.campaigns.service import CampaignService
from domain.users.models import Language
from scheduler.broadcast import BroadcastEngine
from tests.unit.campaigns.fakes import FakeReporter, FakeSender, FakeTime
from tests.unit.campaigns.test_service import ROOT, athlete
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CLAIMED = Claimed(delivery_id=1, campaign_id=1, user_id=10, language=Language.EN, attempts=0)


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (SendStatus.SENT, DeliveryState.SENT),
        (SendStatus.BLOCKED, DeliveryState.BLOCKED),
        (SendStatus.FAILED, DeliveryState.FAILED),
        (SendStatus.UNKNOWN, DeliveryState.UNKNOWN),
    ],
)
def test_final_answers(status: SendStatus, state: DeliveryState) -> None:
    assert outcome_of(CLAIMED, SendResult(status, reason="r"), NOW).state is state


def test_429_waits_retry_after_without_spending_an_attempt() -> None:
    outcome = outcome_of(CLAIMED, SendResult(SendStatus.RETRY_AFTER, 7.0), NOW)
    assert outcome.state is DeliveryState.PENDING
    assert outcome.due_at == NOW + timedelta(seconds=7)
    assert outcome.attempts == 0


def test_transient_errors_back_off_then_fail_with_the_reason() -> None:
    claimed = CLAIMED
    waits = []
    for _ in range(MAX_ATTEMPTS - 1):
        outcome = outcome_of(claimed, SendResult(SendStatus.TRANSIENT, reason="502"), NOW)
        assert outcome.state is DeliveryState.PENDING
        assert outcome.due_at is not None
        waits.append(outcome.due_at - NOW)
        claimed = Claimed(1, 1, 10, Language.EN, outcome.attempts)
    assert waits == [BACKOFF_BASE * 2**n for n in range(MAX_ATTEMPTS - 1)]
    last = outcome_of(claimed, SendResult(SendStatus.TRANSIENT, reason="502"), NOW)
    assert (last.state, last.attempts, last.reason) == (DeliveryState.FAILED, MAX_ATTEMPTS, "502")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


async def started_campaign(uow: FakeUnitOfWork, clock: Clock, users: range) -> int:
    for user_id in users:
        uow.users.committed[user_id] = athlete(user_id)
    campaigns = CampaignService(uow, clock, AdminService(uow, clock, {ROOT}))
    campaign_id = (await campaigns.compose(ROOT, Language.EN, "<b>Sale</b>")).campaign.id
    await campaigns.act(ROOT, campaign_id, "start")
    return campaign_id


def engine(uow: FakeUnitOfWork, clock: Clock, sender: FakeSender) -> BroadcastEngine:
    time = FakeTime()
    return BroadcastEngine(
        uow_factory=lambda: uow,
        clock=clock,
        sender=sender,
        reporter=FakeReporter(),
        limiter=TokenBucket(100, monotonic=time.monotonic, sleep=time.sleep),
        owner="test",
        monotonic=time.monotonic,
    )


async def test_engine_sends_each_once_marks_blocked_and_finishes() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    campaign_id = await started_campaign(uow, clock, range(100, 150))
    sender = FakeSender(script={101: [SendResult(SendStatus.BLOCKED)]})
    broadcast = engine(uow, clock, sender)
    assert await broadcast.tick() == 49
    assert await broadcast.tick() == 0
    assert sorted(sender.calls) == list(range(100, 150))
    assert uow.users.committed[101].bot_blocked_at == NOW
    assert uow.campaigns.campaigns[campaign_id].state is CampaignState.DONE
    reporter = broadcast.reporter
    assert isinstance(reporter, FakeReporter)
    progress, final = reporter.reports[-1]
    assert final
    assert (progress.counts.sent, progress.counts.blocked, progress.counts.left) == (49, 1, 0)


async def test_engine_retries_a_429_after_retry_after() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    await started_campaign(uow, clock, range(100, 103))
    sender = FakeSender(script={101: [SendResult(SendStatus.RETRY_AFTER, 5.0)]})
    broadcast = engine(uow, clock, sender)
    assert await broadcast.tick() == 2
    clock.now += timedelta(seconds=5)
    assert await broadcast.tick() == 1
    assert sorted(sender.calls) == [100, 101, 101, 102]


async def test_a_paused_campaign_sends_nothing_until_resumed() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    campaign_id = await started_campaign(uow, clock, range(100, 110))
    campaigns = CampaignService(uow, clock, AdminService(uow, clock, {ROOT}))
    await campaigns.act(ROOT, campaign_id, "pause")
    sender = FakeSender()
    broadcast = engine(uow, clock, sender)
    assert await broadcast.tick() == 0
    await campaigns.act(ROOT, campaign_id, "resume")
    assert await broadcast.tick() == 10


async def test_recovery_resends_claims_never_sends() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    await started_campaign(uow, clock, range(100, 104))
    service = DeliveryService(uow, clock)
    await service.prepare()
    claimed = await service.claim("dead", 4)
    await service.begin("dead", [claimed[0].delivery_id])  # then the process died
    clock.now += timedelta(minutes=3)
    assert await service.recover() == (3, 1)
    sender = FakeSender()
    assert await engine(uow, clock, sender).tick() == 3
    assert claimed[0].user_id not in sender.calls
