"""Campaign deliveries on SQLite and PostgreSQL: the audience, claims that never overlap,
and a restart after a crash that resends nothing."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.tables import CampaignDeliveryRow
from db.uow import SqlUnitOfWork
from domain.campaigns.admin import AdminService
from domain.campaigns.audience import Audience
from domain.campaigns.delivery import DeliveryService, outcome_of
from domain.campaigns.models import CampaignState, DeliveryState, SendResult, SendStatus
from domain.campaigns.rate import TokenBucket
from domain.campaigns.service import CampaignService
from domain.users.models import Language
from scheduler.broadcast import BroadcastEngine
from tests.unit.campaigns.fakes import FakeReporter, FakeSender
from tests.unit.campaigns.test_service import ROOT, athlete

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
Sessions = async_sessionmaker[AsyncSession]


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


async def seed(sessions: Sessions, clock: Clock, count: int) -> None:
    async with SqlUnitOfWork(sessions, clock) as uow:
        for user_id in range(1000, 1000 + count):
            await uow.users.add(athlete(user_id))
        await uow.users.add(athlete(1, promotions=False))  # ROOT, opted out
        await uow.users.add(athlete(2, promotions=False))
        await uow.users.add(athlete(3, blocked=True))
        await uow.users.add(athlete(4))
        await uow.commit()
    async with SqlUnitOfWork(sessions, clock) as uow:
        await uow.admins.ban(4, NOW)
        await uow.commit()


def campaign_service(sessions: Sessions, clock: Clock) -> CampaignService:
    uow = SqlUnitOfWork(sessions, clock)
    return CampaignService(uow, clock, AdminService(uow, clock, {ROOT}))


async def started(sessions: Sessions, clock: Clock) -> int:
    draft = await campaign_service(sessions, clock).compose(ROOT, Language.EN, "<b>Sale</b>")
    await campaign_service(sessions, clock).act(ROOT, draft.campaign.id, "start")
    return draft.campaign.id


def make_engine(
    sessions: Sessions, clock: Clock, sender: FakeSender, owner: str
) -> BroadcastEngine:
    return BroadcastEngine(
        uow_factory=lambda: SqlUnitOfWork(sessions, clock),
        clock=clock,
        sender=sender,
        reporter=FakeReporter(),
        limiter=TokenBucket(100_000, burst=1000),
        owner=owner,
    )


async def states(sessions: Sessions) -> Counter[str]:
    async with sessions() as session:
        return Counter(await session.scalars(select(CampaignDeliveryRow.state)))


async def test_audience_excludes_opted_out_blocked_and_banned(session_factory: Sessions) -> None:
    clock = Clock()
    await seed(session_factory, clock, 5)
    async with SqlUnitOfWork(session_factory, clock) as uow:
        assert await uow.campaigns.audience_count(Audience(), NOW) == 5
        assert await uow.campaigns.audience_after(0, 3, Audience(), NOW) == [1000, 1001, 1002]
        assert await uow.campaigns.audience_after(1002, 10, Audience(), NOW) == [1003, 1004]


async def test_deliveries_are_created_in_batches_once(session_factory: Sessions) -> None:
    clock = Clock()
    await seed(session_factory, clock, 25)
    campaign_id = await started(session_factory, clock)
    service = DeliveryService(SqlUnitOfWork(session_factory, clock), clock)
    assert await service.prepare(batch=10) == 25
    assert await service.prepare(batch=10) == 0
    async with SqlUnitOfWork(session_factory, clock) as uow:
        await uow.campaigns.add_deliveries(campaign_id, [1000, 1001], NOW)  # a replay
        await uow.commit()
    assert await states(session_factory) == Counter({"pending": 25})


async def test_two_engines_at_once_never_claim_the_same_delivery(
    session_factory: Sessions,
) -> None:
    clock = Clock()
    await seed(session_factory, clock, 300)
    await started(session_factory, clock)
    await DeliveryService(SqlUnitOfWork(session_factory, clock), clock).prepare()
    senders = [FakeSender(), FakeSender()]
    engines = [make_engine(session_factory, clock, s, f"e{i}") for i, s in enumerate(senders)]
    for engine in engines:
        engine.batch = 20
    await asyncio.gather(*(engine.tick() for engine in engines))
    calls = Counter(senders[0].calls + senders[1].calls)
    assert sorted(calls) == list(range(1000, 1300))
    assert set(calls.values()) == {1}
    assert await states(session_factory) == Counter({"sent": 300})


async def test_restart_after_a_crash_resends_nothing(session_factory: Sessions) -> None:
    clock = Clock()
    await seed(session_factory, clock, 10)
    campaign_id = await started(session_factory, clock)
    service = DeliveryService(SqlUnitOfWork(session_factory, clock), clock)
    await service.prepare()
    claimed = await service.claim("dead", 10)
    sent, window = claimed[:4], claimed[4:6]
    await service.begin("dead", [c.delivery_id for c in sent + window])
    async with SqlUnitOfWork(session_factory, clock) as uow:
        await uow.campaigns.record(
            [outcome_of(c, SendResult(SendStatus.SENT), NOW) for c in sent], NOW
        )
        await uow.commit()
    # The process died: 4 sent, 2 handed to Telegram with no answer recorded, 4 only claimed.
    clock.now += timedelta(minutes=3)
    sender = FakeSender()
    engine = make_engine(session_factory, clock, sender, "successor")
    assert await engine.recover() == (4, 2)
    assert await engine.tick() == 4
    assert sorted(sender.calls) == sorted(c.user_id for c in claimed[6:])
    assert await states(session_factory) == Counter({"sent": 8, "unknown": 2})
    async with SqlUnitOfWork(session_factory, clock) as uow:
        campaign = await uow.campaigns.get(campaign_id)
    assert campaign is not None
    assert campaign.state is CampaignState.DONE


async def test_a_403_marks_the_athlete_and_later_campaigns_skip_them(
    session_factory: Sessions,
) -> None:
    clock = Clock()
    await seed(session_factory, clock, 3)
    await started(session_factory, clock)
    sender = FakeSender(script={1001: [SendResult(SendStatus.BLOCKED, reason="Forbidden")]})
    assert await make_engine(session_factory, clock, sender, "e").tick() == 2
    async with SqlUnitOfWork(session_factory, clock) as uow:
        user = await uow.users.get(1001)
        assert user is not None
        assert user.bot_blocked_at == NOW
        assert await uow.campaigns.audience_count(Audience(), NOW) == 2
    assert (await states(session_factory))[DeliveryState.BLOCKED.value] == 1
