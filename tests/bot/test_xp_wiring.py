"""XP across features through the real Dispatcher: an XP challenge follows the capped XP,
an XP promo code raises the level once, a check-in moves its streak at once, /export
carries the gamification."""

from __future__ import annotations

import json

from db.uow import SqlUnitOfWork
from domain.campaigns.admin import AdminService
from domain.gamification.awards import LedgerXp
from domain.growth.models import PromoKind
from domain.growth.promos import PromoService
from domain.growth.rewards import Rewards
from tests.bot.conftest import ANNA, NOW, Harness
from tests.bot.test_broadcast import ROOT, admin  # noqa: F401 - the fixture


def labels(chat: Harness) -> list[str]:
    return [label for row in chat.last().reply_markup for label, _ in row]


async def test_an_xp_challenge_follows_the_xp_after_the_daily_cap(chat: Harness) -> None:
    await chat.send("/challenge XP month")
    assert "XP" in labels(chat), "the XP metric is offered once the ledger is wired"
    await chat.press("XP")
    await chat.press("Reach N")
    card = await chat.send("1000")
    assert "Reach 1000 XP" in (card.text or "")
    await chat.press("Post")
    await chat.send("/log run 5k 25:00")
    assert "🥇 Anna — 56 XP" in ((await chat.send("/top")).text or "")
    ride = (await chat.send("/log ride 3h 90km rpe 8")).text or ""
    assert "✨ +300 XP" in ride, "the earlier start takes the day's cap first"
    top = (await chat.send("/top")).text or ""
    assert "🥇 Anna — 300 XP" in top, "the run keeps nothing now, and its total says so"
    await chat.press("Delete")
    await chat.press("Yes, delete")
    assert "🥇 Anna — 56 XP" in ((await chat.send("/top")).text or ""), "the run's XP is back"


async def test_an_xp_promo_code_raises_the_level_once(admin: Harness) -> None:  # noqa: F811
    uow = SqlUnitOfWork(admin.sessions, lambda: NOW)
    admins = AdminService(uow, lambda: NOW, {ROOT})
    rewards = Rewards(uow, lambda: NOW, LedgerXp(uow, lambda: NOW))
    promos = PromoService(uow, lambda: NOW, admins, rewards)
    await promos.create(ROOT, "XPGIFT", PromoKind.SHARED, "xp_100", max_uses=10)
    admin.user_id = ANNA
    await admin.send("/start")
    await admin.send("/promo XPGIFT")
    level = (await admin.send("/level")).text or ""
    assert "Level 2 · 100 XP in total" in level
    again = await admin.send("/promo XPGIFT")
    assert again.text == "You have already used this offer."
    assert "Level 2 · 100 XP in total" in ((await admin.send("/level")).text or "")
    card = (await admin.send("/log run 5k 25:00")).text or ""
    assert "⬆️ Level" not in card, "the level the code reached is not announced again"
    assert "✨ +56 XP · level 2" in card, "the workout's XP is not capped by the award"


async def test_a_check_in_moves_its_streak_at_once(chat: Harness) -> None:
    await chat.send("/checkin")
    card = await chat.press("3")
    assert "Check-in streak: 1 days (best 1)" in (card.text or ""), "not at the next workout"


async def test_export_carries_the_gamification(chat: Harness) -> None:
    await chat.send("/log run 5k 25:00")
    await chat.send("/export")
    document = chat.telegram.last_message(ANNA)
    assert document.document_bytes is not None
    game = json.loads(document.document_bytes)["gamification"]
    assert [e["xp"] for e in game["xp_ledger"]] == [56]
    assert [a["achievement_id"] for a in game["achievements"]][:1] == ["first_workout"]
    assert game["achievements"][0]["earned_at"].startswith(NOW.date().isoformat())
    assert game["streaks"]["weekly"]["current"] >= 0
    assert game["level"]["total"] == 56
    assert len(game["leagues"]) == 1
