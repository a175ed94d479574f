"""Growth and console SQL on SQLite and PostgreSQL: audience filters, scheduled campaigns
started once, promo limits and the once-per-athlete key, referrals rewarded once, stats."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.campaigns.audience import Audience
from domain.campaigns.models import Campaign, CampaignState
from domain.groups.models import GroupDraft, MemberRole, Membership, MemberState
from domain.growth.models import PromoCode, PromoKind
from domain.users.models import Language, Level, Sport
from domain.workouts.models import Activity, Workout, WorkoutSource
from tests.unit.campaigns.test_service import NOW, athlete


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


async def seed(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with uow_of(sessions) as uow:
        await uow.users.add(
            athlete(1).with_profile(sports=frozenset({Sport.RUNNING}), city="Москва")
        )
        await uow.users.add(
            replace(athlete(2), language=Language.RU).with_profile(level=Level.ADVANCED)
        )
        await uow.users.add(athlete(3).with_profile(sports=frozenset({Sport.CYCLING})))
        await uow.commit()
    async with uow_of(sessions) as uow:
        for user_id, days_ago in ((1, 2), (3, 40)):
            started = NOW - timedelta(days=days_ago)
            await uow.workouts.add(Workout(0, user_id, Activity.RUN, started, WorkoutSource.TEXT))
        await uow.commit()


async def test_audience_filters(session_factory: async_sessionmaker[AsyncSession]) -> None:
    await seed(session_factory)
    cases = [
        (Audience(), [1, 2, 3]),
        (Audience(languages=frozenset({Language.RU})), [2]),
        (Audience(sports=frozenset({Sport.RUNNING, Sport.CYCLING})), [1, 3]),
        (Audience(levels=frozenset({Level.ADVANCED})), [2]),
        (Audience(city="москва"), [1]),
        (Audience(active_days=7), [1]),
        (Audience(lapsed_days=30), [3]),
    ]
    async with uow_of(session_factory) as uow:
        for audience, expected in cases:
            assert await uow.campaigns.audience_after(0, 10, audience, NOW) == expected
            assert await uow.campaigns.audience_count(audience, NOW) == len(expected)


async def test_a_due_campaign_is_started_by_one_caller(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with uow_of(session_factory) as uow:
        draft = Campaign(0, 1, Language.EN, "Hi", CampaignState.SCHEDULED, NOW,
                         scheduled_at=NOW + timedelta(hours=1))  # fmt: skip
        campaign = await uow.campaigns.add(draft)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.campaigns.start_due(NOW) == []
        assert await uow.campaigns.start_due(NOW + timedelta(hours=2)) == [campaign.id]
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.campaigns.start_due(NOW + timedelta(hours=3)) == []
        stored = await uow.campaigns.get(campaign.id)
    assert stored is not None and stored.state is CampaignState.SENDING


async def test_promo_limits_and_referrals(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await seed(session_factory)
    code = PromoCode(0, "ONE", "ONE", PromoKind.SHARED, "pro_30", 1, NOW, max_uses=1)
    async with uow_of(session_factory) as uow:
        assert await uow.growth.add_codes([code])
        assert not await uow.growth.add_codes([replace(code, code="ONE-X")]), "batch taken"
        stored = await uow.growth.code("ONE")
        assert stored is not None
        assert await uow.growth.use(stored.id)
        assert not await uow.growth.use(stored.id), "limit reached"
        assert await uow.growth.add_redemption(stored, 1, NOW)
        assert not await uow.growth.add_redemption(stored, 1, NOW), "once per athlete"
        assert await uow.growth.set_invite_code(1, "abc")
        assert not await uow.growth.set_invite_code(2, "abc")
        assert await uow.growth.inviter("abc") == 1
        assert await uow.growth.add_referral(2, 1, NOW)
        assert not await uow.growth.add_referral(2, 3, NOW)
        assert await uow.growth.reward_referral(2, NOW) == 1
        assert await uow.growth.reward_referral(2, NOW) is None
        await uow.growth.grant_feature(2, "pro", NOW + timedelta(days=30), NOW, "t")
        await uow.growth.award_badge(2, "team_builder", NOW, "t")
        await uow.growth.award_badge(2, "team_builder", NOW, "t")
        assert [p.name for p in await uow.growth.perks(2, NOW)] == ["pro", "team_builder"]
        assert await uow.growth.joined_by(1) == (["A2"], 1)
        stats = await uow.growth.promo_stats()
        await uow.commit()
    assert [(s.batch, s.redeemed, s.max_uses) for s in stats] == [("ONE", 1, 1)]
    async with uow_of(session_factory) as uow:
        assert await uow.users.delete(2)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert not await uow.growth.add_referral(2, 3, NOW), "an erased account stays referred"


async def test_console_numbers(session_factory: async_sessionmaker[AsyncSession]) -> None:
    await seed(session_factory)
    async with uow_of(session_factory) as uow:
        await uow.admins.ban(3, NOW, "spam", 1)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        stats = await uow.admins.stats(NOW, 8)
        found, total = await uow.admins.find_users("A", 0, 2)
        card = await uow.admins.card(3)
    assert (stats.users, stats.active_7d, stats.active_30d, stats.banned) == (3, 1, 1, 1)
    assert stats.workouts_logged == 2 and stats.devices == 0
    assert len(stats.weeks) == 8 and stats.weeks[-1].new == 3 and stats.weeks[-2].active == 1
    assert total == 3 and [user.id for user in found] == [1, 2]
    assert card is not None and card.ban is not None and card.ban.reason == "spam"
    assert card.workouts == 1


async def test_the_group_filter_takes_active_members_of_any_chosen_group(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await seed(session_factory)
    async with uow_of(session_factory) as uow:
        runners = await uow.groups.add(GroupDraft(name="Runners"), "run-1", 1, NOW)
        riders = await uow.groups.add(GroupDraft(name="Riders"), "ride_2", 1, NOW)
        for group, user_id, state in (
            (runners, 1, MemberState.ACTIVE),
            (runners, 2, MemberState.PENDING),
            (riders, 3, MemberState.ACTIVE),
        ):
            membership = Membership(group.id, user_id, MemberRole.MEMBER, state, NOW)
            await uow.groups.put_membership(membership)
        await uow.commit()
    cases = [
        (Audience(groups=frozenset({"run-1"})), [1]),
        (Audience(groups=frozenset({"run-1", "ride_2"})), [1, 3]),
        (Audience(groups=frozenset({"ride_2"}), sports=frozenset({Sport.RUNNING})), []),
        (Audience(groups=frozenset({"gone"})), []),
    ]
    async with uow_of(session_factory) as uow:
        for audience, expected in cases:
            assert await uow.campaigns.audience_after(0, 10, audience, NOW) == expected
            assert await uow.campaigns.audience_count(audience, NOW) == len(expected)
