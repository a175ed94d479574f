"""Campaigns beyond plain text: a photo with a caption and a button, previewed exactly as
athletes get them; audience filters with the count shown before sending; a send time typed
in the admin's timezone, picked up by the engine when due, by one engine only."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

from bot.i18n import I18n
from bot.promotions import TelegramPromotions
from db.uow import SqlUnitOfWork
from domain.campaigns.models import CampaignState
from domain.campaigns.rate import TokenBucket
from domain.groups.models import GroupDraft, MemberRole, Membership, MemberState
from scheduler.broadcast import BroadcastEngine
from tests.bot.conftest import NOW, Harness
from tests.bot.test_broadcast import FANS, ROOT, admin, opt_in  # noqa: F401 - the fixture

PHOTO = b"\xff\xd8\xff\xe0 a small jpeg"


def engine_at(chat: Harness, moment: object, owner: str) -> BroadcastEngine:
    promotions = TelegramPromotions(chat.bot, I18n())
    clock = lambda: moment  # noqa: E731
    return BroadcastEngine(
        uow_factory=lambda: SqlUnitOfWork(chat.sessions, clock),  # type: ignore[arg-type]
        clock=clock,  # type: ignore[arg-type]
        sender=promotions,
        reporter=promotions,
        limiter=TokenBucket(1000),
        owner=owner,
    )


async def test_a_photo_with_a_caption_and_a_deep_link_button(admin: Harness) -> None:  # noqa: F811
    await opt_in(admin, FANS[0])
    admin.user_id = ROOT
    await admin.send("/broadcast")
    admin.telegram.user_sends_photo(ROOT, PHOTO, caption="<b>Winter</b> challenge")
    await admin.deliver()
    await admin.press("Button")
    await admin.send("Get Pro | promo_WINTER")
    preview = admin.telegram.messages(ROOT)[-2]
    assert preview.photo_bytes == PHOTO
    assert preview.html == "<b>Winter</b> challenge"
    rows = preview.reply_markup
    assert rows[0][0][0] == "Get Pro"
    assert rows[0][0][1].startswith("https://t.me/") and rows[0][0][1].endswith(
        "?start=promo_WINTER"
    )
    assert rows[1][0][0] == "🔕 Unsubscribe"
    assert "Button: Get Pro → promo_WINTER" in (admin.last().text or "")

    await admin.press("Send now")
    assert await engine_at(admin, NOW, "one").tick() == 1
    got = admin.telegram.last_message(FANS[0])
    assert got.photo_bytes == PHOTO
    assert got.html == preview.html
    assert got.reply_markup == rows


async def test_a_caption_over_1024_characters_is_refused(admin: Harness) -> None:  # noqa: F811
    admin.user_id = ROOT
    await admin.send("/broadcast")
    admin.telegram.user_sends_photo(ROOT, PHOTO, caption="x" * 1025)
    await admin.deliver()
    assert "longer than Telegram's 1024 characters" in (admin.last().text or "")


async def test_audience_filters_narrow_the_count(admin: Harness) -> None:  # noqa: F811
    for fan in FANS:
        await opt_in(admin, fan)
    admin.user_id = FANS[1]
    await admin.send("/log run 5k 25:00")
    admin.user_id = ROOT
    await admin.send("/broadcast")
    confirm = await admin.send("Hello")
    assert "Recipients now: 3" in (confirm.text or "")
    await admin.press("Audience")
    russian = await admin.press("Russian")
    assert "Recipients now: 1" in (russian.text or "")
    assert "Audience: Russian" in (russian.text or "")
    await admin.press("Russian")
    active = await admin.press("active 7 d")
    assert "Recipients now: 1" in (active.text or "")
    lapsed = await admin.press("lapsed 30 d")
    assert "Recipients now: 0" in (lapsed.text or "")
    everyone = await admin.press("Everyone")
    assert "Recipients now: 3" in (everyone.text or "")
    await admin.press("active 7 d")
    await admin.press("Back")
    await admin.press("Send now")
    assert await engine_at(admin, NOW, "one").tick() == 1
    assert admin.telegram.last_message(FANS[1]).html == "Hello"
    assert admin.telegram.last_message(FANS[0]).html != "Hello"


async def test_a_scheduled_campaign_goes_out_when_due_and_only_once(
    admin: Harness,  # noqa: F811
) -> None:
    for fan in FANS:
        await opt_in(admin, fan)
    admin.user_id = ROOT
    await admin.send("/broadcast")
    async with SqlUnitOfWork(admin.sessions, lambda: NOW) as uow:
        root = await uow.users.get(ROOT)
        assert root is not None
        await uow.users.save(replace(root, timezone="Europe/Moscow"))  # UTC+3
        await uow.commit()
    await admin.send("Tomorrow's news")
    await admin.press("Schedule")
    asked = await admin.send("25.11 12:00")
    assert "Goes out: Wed 25 Nov, 12:00 (Europe/Moscow) = Wed 25 Nov, 09:00 UTC" in (
        asked.text or ""
    )
    scheduled = await admin.press("Schedule it")
    assert ": scheduled" in (scheduled.text or "")

    early = NOW + timedelta(hours=24)  # 24 Nov 08:00 UTC + 1 day, one hour early
    assert await engine_at(admin, early, "one").tick() == 0
    due = NOW + timedelta(hours=25, minutes=1)
    first, second = engine_at(admin, due, "one"), engine_at(admin, due, "two")
    assert await first.tick() + await second.tick() == 3
    assert await second.tick() == 0
    count = Counter(
        fan for fan in FANS for m in admin.telegram.messages(fan) if m.html == "Tomorrow's news"
    )
    assert count == Counter(dict.fromkeys(FANS, 1))
    async with SqlUnitOfWork(admin.sessions, lambda: due) as uow:
        done = await uow.campaigns.in_state([CampaignState.DONE.value])
    assert [campaign.text for campaign in done] == ["Tomorrow's news"]


async def test_a_time_in_the_past_is_refused(admin: Harness) -> None:  # noqa: F811
    admin.user_id = ROOT
    await admin.send("/broadcast")
    await admin.send("Old news")
    await admin.press("Schedule")
    refused = await admin.send("2020-01-01 10:00")
    assert "already passed" in (refused.text or "")


async def test_a_group_narrows_the_audience_to_its_members(admin: Harness) -> None:  # noqa: F811
    for fan in FANS:
        await opt_in(admin, fan)
    async with SqlUnitOfWork(admin.sessions, lambda: NOW) as uow:
        group = await uow.groups.add(GroupDraft(name="Runners"), "Run-42", ROOT, NOW)
        for fan in FANS[:2]:
            membership = Membership(group.id, fan, MemberRole.MEMBER, MemberState.ACTIVE, NOW)
            await uow.groups.put_membership(membership)
        await uow.commit()
    admin.user_id = ROOT
    await admin.send("/broadcast")
    await admin.send("Hello runners")
    await admin.press("Audience")
    asked = await admin.press("Group…")
    assert "invite code or invite link" in (asked.text or "")
    unknown = await admin.send("g_nope")
    assert "I know no group with that code" in (unknown.text or "")
    await admin.press("Group…")
    await admin.send("https://t.me/coachbot?start=g_Run-42")
    draft = admin.last()
    assert "Recipients now: 2" in (draft.text or "")
    assert "Audience: 👥 Run-42" in (draft.text or "")
    await admin.press("Audience")
    everyone = await admin.press("✅ 👥 Run-42")  # one tap takes the group off again
    assert "Recipients now: 3" in (everyone.text or "")
    await admin.press("Group…")
    await admin.send("Run-42")
    await admin.press("Send now")
    assert await engine_at(admin, NOW, "one").tick() == 2
    assert admin.telegram.last_message(FANS[0]).html == "Hello runners"
    assert admin.telegram.last_message(FANS[2]).html != "Hello runners"
