"""/admin through the real Dispatcher: numbers with a chart, find an athlete, ban and unban,
partner-search reports;
anyone else sees an ordinary bot, also with crafted callback data; a banned athlete gets a
short notice and nothing else."""

from __future__ import annotations

from sqlalchemy import select

from db.tables import AuditLogRow, UserBanRow
from db.uow import SqlUnitOfWork
from handlers.admin import AdminAction, AdminCb
from tests.bot.conftest import ANNA, NOW, Harness
from tests.bot.test_broadcast import ROOT, admin, opt_in  # noqa: F401 - the fixture
from tests.bot.test_partners import BORIS, athlete, discoverable

PNG = b"\x89PNG"


async def test_admin_sees_the_numbers_and_a_chart(admin: Harness) -> None:  # noqa: F811
    await opt_in(admin, ANNA)
    admin.user_id = ANNA
    await admin.send("/log run 5k 25:00")
    admin.user_id = ROOT
    numbers = await admin.send("/admin")
    chart = admin.telegram.messages(ROOT)[-2]
    assert chart.photo_bytes is not None and chart.photo_bytes.startswith(PNG)
    assert "New and active athletes per week" in (chart.text or "")
    text = numbers.text or ""
    assert "Athletes: 2 (new in 7 days: 2)" in text
    assert "Active: 1 in 7 days · 1 in 30 days" in text
    assert "Workouts: 1 logged · 0 imported from files" in text
    assert "Blocked the bot: 0 · banned: 0" in text


async def test_find_ban_and_unban_an_athlete(admin: Harness) -> None:  # noqa: F811
    admin.user_id = ANNA
    await admin.send("/start")
    admin.user_id = ROOT
    await admin.send("/admin")
    await admin.press("Find an athlete")
    found = await admin.send("ann")
    assert "Found 1 for “ann”" in (found.text or "")
    card = await admin.press("Anna")
    assert "@anna_runs" in (card.text or "")
    await admin.press("Ban")
    banned = await admin.send("spam in groups")
    assert "Banned since" in (banned.text or "") and "spam in groups" in (banned.text or "")

    admin.user_id = ANNA
    notice = await admin.send("/journal")
    assert notice.text == "⛔ Your access to this bot has been suspended."
    assert admin.texts()[-2:] != ["⛔ Your access to this bot has been suspended."] * 2

    admin.user_id = ROOT
    unbanned = await admin.press("Unban")
    assert "Banned since" not in (unbanned.text or "")
    admin.user_id = ANNA
    reply = await admin.send("/help")
    assert "suspended" not in (reply.text or "")
    async with SqlUnitOfWork(admin.sessions, lambda: NOW) as uow:
        actions = list(await uow.session.scalars(select(AuditLogRow.action)))
        bans = list(await uow.session.scalars(select(UserBanRow)))
    assert actions[-2:] == ["ban", "unban"]
    assert bans == []


async def test_find_by_id_and_username(admin: Harness) -> None:  # noqa: F811
    admin.user_id = ANNA
    await admin.send("/start")
    admin.user_id = ROOT
    for query in (str(ANNA), "@Anna_Runs"):
        await admin.send("/admin")
        await admin.press("Find an athlete")
        found = await admin.send(query)
        assert "Found 1" in (found.text or "")


async def test_a_non_admin_gets_nothing_even_with_crafted_callback_data(
    admin: Harness,  # noqa: F811
) -> None:
    admin.user_id = ANNA
    reply = await admin.send("/admin")
    assert "I don't know the command /admin" in (reply.text or "")
    assert reply.photo_bytes is None
    for action in AdminAction:
        crafted = AdminCb(action=action, user_id=ROOT).pack()
        admin.telegram.user_sends_callback_raw(ANNA, reply.message_id, crafted)
        await admin.deliver()
        assert admin.telegram.callback_answers[-1]["text"].startswith("This button is outdated.")
    async with SqlUnitOfWork(admin.sessions, lambda: NOW) as uow:
        assert list(await uow.session.scalars(select(UserBanRow))) == []
    assert all(m.photo_bytes is None for m in admin.telegram.messages(ANNA))


async def test_moderators_see_partner_reports_and_open_the_reported_card(
    admin: Harness,  # noqa: F811
) -> None:
    anna = await athlete(admin, ANNA, "Anna", "anna_runs")
    boris = await athlete(admin, BORIS, "Boris", "boris_rides")
    await discoverable(anna)
    await discoverable(boris)
    await boris.press("Say hi to Anna")
    await anna.press("Report")
    await anna.press("Spam or advertising")

    admin.user_id = ROOT
    await admin.send("/admin")
    listed = await admin.press("Partner reports")
    assert f"Anna reported Boris ({BORIS}) — Spam or advertising" in (listed.text or "")
    card = await admin.press(f"Boris · {BORIS}")
    assert "Boris" in (card.text or "")
    assert [label for row in card.reply_markup for label, _ in row] == ["⛔ Ban"]
