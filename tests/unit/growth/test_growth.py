"""Promo codes, rewards and referrals on the fake unit of work; audience, button and send
time rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.campaigns.admin import AdminService
from domain.campaigns.audience import Audience, AudienceChange, AudienceField, changed
from domain.campaigns.markup import checked_button
from domain.campaigns.schedule import parse_send_time
from domain.errors import InvalidValueError, NotFoundError
from domain.growth.models import PromoKind, RewardKind, extended
from domain.growth.promos import PromoService
from domain.growth.referrals import ReferralRewards, ReferralService
from domain.growth.rewards import Rewards
from domain.users.models import Language, Sport, Units, User
from domain.users.start_links import StartLink, StartLinkKind, parse_start_payload
from domain.workouts.events import WorkoutChange, WorkoutEvent
from domain.workouts.models import Activity, Workout, WorkoutSource
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ROOT, ANNA, BEN = 1, 2, 3


def person(user_id: int, start_link: str | None = None) -> User:
    return User(user_id, f"P{user_id}", None, Language.EN, Units.METRIC, "UTC", NOW,
                start_link=start_link)  # fmt: skip


def promos(uow: FakeUnitOfWork, clock: list[datetime]) -> PromoService:
    def now() -> datetime:
        return clock[0]

    return PromoService(uow, now, AdminService(uow, now, {ROOT}), Rewards(uow, now))


async def test_a_shared_code_redeems_once_per_athlete_up_to_its_limit() -> None:
    uow, clock = FakeUnitOfWork(), [NOW]
    service = promos(uow, clock)
    await service.create(ROOT, "spring", PromoKind.SHARED, "pro_30", max_uses=2)
    redeemed = await service.redeem(ANNA, "Spring")
    assert redeemed.reward == "pro_30"
    assert [(p.kind, p.name) for p in redeemed.perks] == [(RewardKind.FEATURE, "pro")]
    assert redeemed.perks[0].expires_at == NOW + timedelta(days=30)
    with pytest.raises(InvalidValueError, match="already"):
        await service.redeem(ANNA, "SPRING")
    await service.redeem(BEN, "SPRING")
    with pytest.raises(InvalidValueError, match="used_up"):
        await service.redeem(4, "SPRING")


async def test_unique_codes_are_single_use_and_one_per_athlete() -> None:
    uow, clock = FakeUnitOfWork(), [NOW]
    service = promos(uow, clock)
    codes = await service.create(ROOT, "VIP", PromoKind.UNIQUE, "badge_early_bird", count=3)
    assert len({code.code for code in codes}) == 3
    assert all(code.code.startswith("VIP-") and code.max_uses == 1 for code in codes)
    await service.redeem(ANNA, codes[0].code)
    with pytest.raises(InvalidValueError, match="already"):
        await service.redeem(ANNA, codes[1].code)
    with pytest.raises(InvalidValueError, match="used_up"):
        await service.redeem(BEN, codes[0].code)


async def test_an_expired_code_and_a_non_admin_creator_are_refused() -> None:
    uow, clock = FakeUnitOfWork(), [NOW]
    service = promos(uow, clock)
    await service.create(ROOT, "SOON", PromoKind.SHARED, "pro_30", days=1)
    clock[0] = NOW + timedelta(days=1)
    with pytest.raises(InvalidValueError, match="expired"):
        await service.redeem(ANNA, "SOON")
    with pytest.raises(NotFoundError):
        await service.create(ANNA, "MINE", PromoKind.SHARED, "pro_30")
    with pytest.raises(NotFoundError):
        await service.redeem(ANNA, "no such")
    assert "xp_100" not in service.reward_keys(), "XP waits for the XP ledger"


def test_a_feature_extends_from_its_current_expiry() -> None:
    later = NOW + timedelta(days=10)
    assert extended(None, NOW, 30) == NOW + timedelta(days=30)
    assert extended(later, NOW, 30) == later + timedelta(days=30)
    assert extended(NOW - timedelta(days=5), NOW, 30) == NOW + timedelta(days=30)
    assert extended(later, NOW, None) is None


async def test_a_referral_rewards_both_sides_once_and_never_oneself() -> None:
    uow = FakeUnitOfWork()
    for user in (person(ANNA), person(BEN, start_link=None)):
        await uow.users.add(user)
    await uow.commit()
    referrals = ReferralService(uow, lambda: NOW, code=lambda: "abc123")
    invite = await referrals.invite(ANNA)
    link = StartLink(StartLinkKind.REFERRAL, invite.code)
    assert not await referrals.attach(BEN, link), "not the link Ben came with first"
    await uow.users.save(person(BEN, start_link=link.as_payload()))
    await uow.users.save(person(ANNA, start_link=link.as_payload()))
    await uow.commit()
    assert not await referrals.attach(ANNA, link), "no self-referral"
    assert await referrals.attach(BEN, link)
    assert not await referrals.attach(BEN, link), "once ever"

    listener = ReferralRewards(uow, lambda: NOW, Rewards(uow, lambda: NOW))
    workout = Workout(1, BEN, Activity.RUN, NOW, WorkoutSource.TEXT, 1500, 5000.0)
    event = WorkoutEvent(person(BEN), WorkoutChange.ADDED, workout)
    said = await listener.workout_changed(event)
    assert [a.key for a in said] == ["growth.referral_rewarded"]
    assert await listener.workout_changed(event) == ()
    assert (ANNA, "pro") in uow.growth.features and (BEN, "pro") in uow.growth.features
    assert sorted(uow.growth.badges) == [(ANNA, "team_builder"), (BEN, "team_builder")]


def test_audience_toggles() -> None:
    audience = changed(Audience(), AudienceChange(AudienceField.SPORT, "running"))
    assert audience.sports == {Sport.RUNNING}
    audience = changed(audience, AudienceChange(AudienceField.ACTIVE, "30"))
    audience = changed(audience, AudienceChange(AudienceField.LAPSED, "90"))
    assert (audience.active_days, audience.lapsed_days) == (None, 90)
    assert Audience.from_data(audience.as_data()) == audience
    assert changed(audience, AudienceChange(AudienceField.CLEAR)).everyone
    with pytest.raises(InvalidValueError):
        changed(audience, AudienceChange(AudienceField.ACTIVE, "5"))
    with pytest.raises(InvalidValueError):
        changed(audience, AudienceChange(AudienceField.LANGUAGE, "de"))


def test_buttons_and_deep_links() -> None:
    assert checked_button("Shop | https://example.com/x").is_url
    link = checked_button("Get Pro | promo_WINTER")
    assert (link.text, link.target, link.is_url) == ("Get Pro", "promo_WINTER", False)
    for bad in ("no bar", "Label | javascript:alert(1)", " | https://x.y", "L | https://a b"):
        with pytest.raises(InvalidValueError):
            checked_button(bad)
    assert parse_start_payload("src_vk_ads") == StartLink(StartLinkKind.SOURCE, "vk_ads")


def test_send_times_in_the_admins_timezone() -> None:
    moscow = "Europe/Moscow"
    assert parse_send_time("02.12 12:00", moscow, NOW) == datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    assert parse_send_time("2026-12-01 13:00", moscow, NOW).hour == 10
    assert parse_send_time("01.01 10:00", "UTC", NOW).year == 2027, "the next such day"
    for text, reason in (("01.12 11:00", "past"), ("tomorrow", "format"),
                         ("31.02 10:00", "format"), ("2027-06-01 10:00", "too_far")):  # fmt: skip
        with pytest.raises(InvalidValueError, match=reason):
            parse_send_time(text, moscow, NOW)
