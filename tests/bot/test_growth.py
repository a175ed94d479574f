"""Promo codes and referrals through the real Dispatcher: /promo_new, /promo CODE and the
promo_ deep link redeem once; expired and used-up codes are refused; both sides of a referral
are rewarded once, on the invitee's first workout; /export carries it all."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from db.tables import PromoCodeRow, UserBadgeRow, UserFeatureRow
from db.uow import SqlUnitOfWork
from domain.campaigns.admin import AdminService
from domain.growth.models import PromoKind
from domain.growth.promos import PromoService
from domain.growth.rewards import Rewards
from tests.bot.conftest import ANNA, NOW, Harness
from tests.bot.test_broadcast import FANS, ROOT, admin  # noqa: F401 - the fixture

BEN = FANS[0]


async def create(
    chat: Harness, name: str, max_uses: int | None = None, days: int | None = None
) -> None:
    uow = SqlUnitOfWork(chat.sessions, lambda: NOW)
    admins = AdminService(uow, lambda: NOW, {ROOT})
    promos = PromoService(uow, lambda: NOW, admins, Rewards(uow, lambda: NOW))
    await promos.create(ROOT, name, PromoKind.SHARED, "pro_30", max_uses=max_uses, days=days)


async def features(chat: Harness, user_id: int) -> list[str]:
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        query = select(UserFeatureRow.feature).where(UserFeatureRow.user_id == user_id)
        return list(await uow.session.scalars(query))


async def test_promo_new_creates_a_code_that_redeems_once(admin: Harness) -> None:  # noqa: F811
    admin.user_id = ROOT
    await admin.send("/start")
    await admin.send("/promo_new")
    await admin.send("winter25")
    await admin.press("One shared code")
    await admin.press("Pro for 30 days")
    created = await admin.send("100 30")
    assert "Created 1 code(s) of WINTER25" in (created.text or "")
    assert "?start=promo_WINTER25" in (created.text or "")

    admin.user_id = ANNA
    await admin.send("/start")
    redeemed = await admin.send("/promo Winter25")
    assert "Code WINTER25 applied: ⭐ Pro for 30 days." in (redeemed.text or "")
    assert "⭐ Pro — until" in (redeemed.text or "")
    again = await admin.send("/promo WINTER25")
    assert again.text == "You have already used this offer."
    assert await features(admin, ANNA) == ["pro"]

    admin.user_id = ROOT
    listing = await admin.send("/promos")
    assert "WINTER25 (shared, ⭐ Pro for 30 days): 1 redeemed of 100" in (listing.text or "")


async def test_a_promo_deep_link_redeems_at_start(admin: Harness) -> None:  # noqa: F811
    await create(admin, "LINK")
    admin.user_id = ANNA
    await admin.send("/start promo_link")
    assert any("Code LINK applied" in text for text in admin.texts())
    assert await features(admin, ANNA) == ["pro"]


async def test_expired_and_used_up_codes_are_refused(admin: Harness) -> None:  # noqa: F811
    await create(admin, "ONE", max_uses=1)
    await create(admin, "OLD", days=1)
    admin.user_id = BEN
    await admin.send("/start")
    await admin.send("/promo ONE")
    admin.user_id = ANNA
    await admin.send("/start")
    assert (await admin.send("/promo ONE")).text == "This promo code has been used up."
    assert (await admin.send("/promo NOPE")).text == (
        "There is no such promo code. Check the spelling."
    )
    async with SqlUnitOfWork(admin.sessions, lambda: NOW) as uow:  # the clock is fixed
        code = await uow.growth.code("OLD")
        assert code is not None
        row = await uow.session.get(PromoCodeRow, code.id)
        assert row is not None
        row.expires_at = NOW - timedelta(minutes=1)
        await uow.commit()
    assert (await admin.send("/promo OLD")).text == "This promo code has expired."
    assert await features(admin, ANNA) == []


async def test_a_referral_rewards_both_once_on_the_first_workout(admin: Harness) -> None:  # noqa: F811
    admin.user_id = ANNA
    await admin.send("/start")
    invite = await admin.send("/invite")
    link = next(word for word in (invite.text or "").split() if "start=ref_" in word)
    code = link.split("start=")[1]
    assert "Nobody joined by it yet." in (invite.text or "")
    assert "share/url" in invite.reply_markup[0][0][1]

    admin.user_id = BEN
    await admin.send(f"/start {code}")
    first = await admin.send("/log run 5k 25:00")
    assert "you and the friend who invited you both got Pro" in (first.text or "")
    second = await admin.send("/log run 6k 31:00")
    assert "friend who invited you" not in (second.text or "")

    async with SqlUnitOfWork(admin.sessions, lambda: NOW) as uow:
        rows = await uow.session.execute(select(UserBadgeRow.user_id, UserBadgeRow.badge))
        badges = sorted((row[0], row[1]) for row in rows)
    assert badges == [(ANNA, "team_builder"), (BEN, "team_builder")]
    assert await features(admin, ANNA) == ["pro"] and await features(admin, BEN) == ["pro"]

    admin.user_id = ANNA
    invite = await admin.send("/invite")
    assert f"Joined by your link: Fan{BEN}" in (invite.text or "")
    assert "Rewards earned: 1" in (invite.text or "")
    own = await admin.send(f"/start {code}")  # self-referral: nothing
    assert "friend invited you" not in (own.text or "")


async def test_no_referral_for_an_athlete_who_already_logged(admin: Harness) -> None:  # noqa: F811
    admin.user_id = ANNA
    await admin.send("/start")
    link = await admin.send("/invite")
    code = next(w for w in (link.text or "").split() if "start=ref_" in w).split("start=")[1]
    admin.user_id = BEN
    await admin.send("/start src_instagram")  # the first link wins
    await admin.send(f"/start {code}")
    logged = await admin.send("/log run 5k 25:00")
    assert "friend who invited you" not in (logged.text or "")
    user = await admin.user(BEN)
    assert user is not None and user.start_link == "src_instagram"


async def test_export_carries_deliveries_and_redemptions(admin: Harness) -> None:  # noqa: F811
    await create(admin, "GIFT")
    admin.user_id = ANNA
    await admin.send("/start")
    await admin.send("/promo GIFT")
    await admin.send("/export")
    document = admin.telegram.last_message(ANNA)
    assert document.document_bytes is not None
    data = json.loads(document.document_bytes)
    assert [r["code"] for r in data["promo_redemptions"]] == ["GIFT"]
    assert [r["name"] for r in data["rewards"]] == ["pro"]
    assert data["campaign_deliveries"] == []
