"""Group membership as an audience filter: active members of any chosen group, by invite
code or link; an unknown code is refused and stores nothing; a second time takes it off."""

from __future__ import annotations

import pytest

from domain.campaigns.audience import (
    MAX_GROUPS,
    Audience,
    AudienceChange,
    AudienceField,
    changed,
    group_code,
)
from domain.errors import InvalidValueError
from domain.groups.models import GroupDraft, MemberRole, Membership, MemberState
from domain.users.models import Language
from tests.unit.campaigns.test_service import NOW, ROOT, services, uow  # noqa: F401
from tests.unit.domain.fakes import FakeUnitOfWork


@pytest.mark.parametrize(
    "typed", ["AbC-12_x", " g_AbC-12_x ", "https://t.me/coachbot?start=g_AbC-12_x"]
)
def test_a_code_is_read_from_the_code_the_deep_link_or_the_invite_link(typed: str) -> None:
    assert group_code(typed) == "AbC-12_x"


@pytest.mark.parametrize("typed", ["", "g_", "no spaces", "x" * 17])
def test_a_malformed_code_is_refused(typed: str) -> None:
    with pytest.raises(InvalidValueError):
        group_code(typed)


def test_a_group_toggles_and_survives_the_round_trip() -> None:
    audience = changed(Audience(), AudienceChange(AudienceField.GROUP, "g_run"))
    assert audience.groups == {"run"} and not audience.everyone
    assert Audience.from_data(audience.as_data()) == audience
    assert changed(audience, AudienceChange(AudienceField.GROUP, "run")) == Audience()


def test_at_most_five_groups() -> None:
    audience = Audience(groups=frozenset(f"g{n}" for n in range(MAX_GROUPS)))
    with pytest.raises(InvalidValueError) as error:
        changed(audience, AudienceChange(AudienceField.GROUP, "one-more"))
    assert error.value.reason == "too_many_groups"


async def join(work: FakeUnitOfWork, code: str, members: dict[int, MemberState]) -> None:
    group = await work.groups.add(GroupDraft(name=code), code, ROOT, NOW)
    for user_id, state in members.items():
        membership = Membership(group.id, user_id, MemberRole.MEMBER, state, NOW)
        await work.groups.put_membership(membership)


async def test_only_active_members_of_the_chosen_group_are_counted(
    uow: FakeUnitOfWork,  # noqa: F811
) -> None:
    await join(uow, "runners", {10: MemberState.ACTIVE, 11: MemberState.PENDING})
    await join(uow, "riders", {11: MemberState.ACTIVE, 12: MemberState.ACTIVE})
    _, campaigns = services(uow)
    draft = await campaigns.compose(ROOT, Language.EN, "Hi")
    change = AudienceChange(AudienceField.GROUP, "g_runners")
    narrowed = await campaigns.change_audience(ROOT, draft.campaign.id, change)
    assert narrowed.recipients == 1  # 11 only asked to join; 12 opted out of promotions
    assert uow.admins.entries[-1].action == "campaign.audience"
    both = AudienceChange(AudienceField.GROUP, "riders")
    assert (await campaigns.change_audience(ROOT, draft.campaign.id, both)).recipients == 2


async def test_an_unknown_group_is_refused_and_stores_nothing(
    uow: FakeUnitOfWork,  # noqa: F811
) -> None:
    _, campaigns = services(uow)
    draft = await campaigns.compose(ROOT, Language.EN, "Hi")
    change = AudienceChange(AudienceField.GROUP, "nope")
    with pytest.raises(InvalidValueError) as error:
        await campaigns.change_audience(ROOT, draft.campaign.id, change)
    assert error.value.reason == "group_code"
    assert (await campaigns.draft(ROOT, draft.campaign.id)).campaign.audience == Audience()
