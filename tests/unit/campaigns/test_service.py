"""Rights from ADMIN_IDS and the database, an audited trail, and the campaign's states."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.campaigns.admin import AdminService
from domain.campaigns.models import CampaignState, Role
from domain.campaigns.service import CampaignService, UnsubscribeService
from domain.errors import InvalidValueError, NotFoundError
from domain.users.models import Language, Notifications, Units, User
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ROOT = 1  # in ADMIN_IDS


def clock() -> datetime:
    return NOW


def athlete(user_id: int, promotions: bool = True, blocked: bool = False) -> User:
    return User(
        id=user_id,
        first_name=f"A{user_id}",
        username=None,
        language=Language.EN,
        units=Units.METRIC,
        timezone="UTC",
        created_at=NOW,
        notifications=Notifications(promotions=promotions),
        bot_blocked_at=NOW if blocked else None,
    )


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    for user in (
        athlete(10),
        athlete(11),
        athlete(12, promotions=False),
        athlete(13, blocked=True),
    ):
        uow.users.committed[user.id] = user
    return uow


def services(uow: FakeUnitOfWork) -> tuple[AdminService, CampaignService]:
    admins = AdminService(uow, clock, {ROOT})
    return admins, CampaignService(uow, clock, admins)


async def test_admins_come_from_the_settings_and_the_database(uow: FakeUnitOfWork) -> None:
    admins, _ = services(uow)
    await admins.grant(ROOT, 5, Role.ADMIN)
    await admins.grant(ROOT, 6, Role.MODERATOR)
    assert await admins.role(ROOT) is Role.ADMIN
    assert await admins.role(5) is Role.ADMIN
    assert await admins.role(6) is Role.MODERATOR
    assert await admins.role(10) is None
    assert [(e.actor_id, e.action, e.target) for e in uow.admins.entries] == [
        (ROOT, "grant.admin", "user:5"),
        (ROOT, "grant.moderator", "user:6"),
    ]


async def test_a_moderator_bans_but_does_not_broadcast(uow: FakeUnitOfWork) -> None:
    admins, campaigns = services(uow)
    await admins.grant(ROOT, 6, Role.MODERATOR)
    await admins.ban(6, 11)
    assert 11 in uow.admins.bans
    with pytest.raises(NotFoundError):
        await campaigns.compose(6, Language.EN, "<b>Sale</b>")
    with pytest.raises(NotFoundError):
        await admins.grant(6, 7, Role.ADMIN)


async def test_compose_counts_only_opted_in_unblocked_unbanned(uow: FakeUnitOfWork) -> None:
    admins, campaigns = services(uow)
    await admins.ban(ROOT, 11)
    draft = await campaigns.compose(ROOT, Language.EN, " <b>Sale</b> ")
    assert draft.recipients == 1  # 10 only: 11 banned, 12 opted out, 13 blocked the bot
    assert draft.campaign.state is CampaignState.DRAFT
    assert draft.campaign.text == "<b>Sale</b>"
    assert uow.admins.entries[-1].action == "campaign.compose"


async def test_a_non_admin_can_do_nothing(uow: FakeUnitOfWork) -> None:
    _, campaigns = services(uow)
    draft = await campaigns.compose(ROOT, Language.EN, "Hi")
    with pytest.raises(NotFoundError):
        await campaigns.compose(10, Language.EN, "Hi")
    with pytest.raises(NotFoundError):
        await campaigns.act(10, draft.campaign.id, "start")
    assert uow.campaigns.campaigns[draft.campaign.id].state is CampaignState.DRAFT


async def test_bad_html_stores_nothing(uow: FakeUnitOfWork) -> None:
    _, campaigns = services(uow)
    with pytest.raises(InvalidValueError):
        await campaigns.compose(ROOT, Language.EN, "<b>open")
    assert uow.campaigns.campaigns == {}


async def test_state_transitions(uow: FakeUnitOfWork) -> None:
    _, campaigns = services(uow)
    campaign_id = (await campaigns.compose(ROOT, Language.EN, "Hi")).campaign.id
    with pytest.raises(InvalidValueError):
        await campaigns.act(ROOT, campaign_id, "pause")
    started = await campaigns.act(ROOT, campaign_id, "start", report_message_id=77)
    assert started.campaign.state is CampaignState.SENDING
    assert started.campaign.started_at == NOW
    assert started.campaign.report_message_id == 77
    assert (await campaigns.act(ROOT, campaign_id, "pause")).campaign.state is CampaignState.PAUSED
    with pytest.raises(InvalidValueError):
        await campaigns.act(ROOT, campaign_id, "start")
    resumed = await campaigns.act(ROOT, campaign_id, "resume")
    assert resumed.campaign.state is CampaignState.SENDING
    cancelled = await campaigns.act(ROOT, campaign_id, "cancel")
    assert cancelled.campaign.state is CampaignState.CANCELLED
    assert cancelled.campaign.finished_at == NOW
    with pytest.raises(InvalidValueError):
        await campaigns.act(ROOT, campaign_id, "resume")
    actions = [entry.action for entry in uow.admins.entries]
    assert actions[-4:] == [
        "campaign.start",
        "campaign.pause",
        "campaign.resume",
        "campaign.cancel",
    ]


async def test_unknown_campaign_or_action_is_not_found(uow: FakeUnitOfWork) -> None:
    _, campaigns = services(uow)
    with pytest.raises(NotFoundError):
        await campaigns.act(ROOT, 999, "start")
    with pytest.raises(NotFoundError):
        await campaigns.act(ROOT, 1, "explode")


async def test_unsubscribe_is_one_tap_and_idempotent(uow: FakeUnitOfWork) -> None:
    service = UnsubscribeService(uow)
    await service.unsubscribe(10)
    await service.unsubscribe(10)
    await service.unsubscribe(404)
    user = uow.users.committed[10]
    assert user.notifications.promotions is False
    assert user == replace(athlete(10), notifications=Notifications(promotions=False))
    assert uow.commits == 1
