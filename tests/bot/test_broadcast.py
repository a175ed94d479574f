"""/broadcast through the real Dispatcher: admins compose, preview and send; anyone else
sees an ordinary bot; every promotion's unsubscribe button works in one tap."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import DispatcherDeps, build_dispatcher
from bot.i18n import I18n
from bot.promotions import TelegramPromotions
from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram
from db.fsm_storage import SqlStorage
from db.uow import SqlUnitOfWork
from domain.campaigns.models import CampaignState, Role
from domain.campaigns.rate import TokenBucket
from domain.users.models import NotificationKind
from handlers.broadcast_callbacks import CampaignAction, CampaignCb
from scheduler.broadcast import BroadcastEngine
from tests.bot.conftest import ANNA, NOW, Harness
from tests.unit.domain.fakes import FakeTimezones

ROOT = 9001  # in ADMIN_IDS
MODERATOR = 9002
FANS = (7101, 7102, 7103)


@pytest.fixture
async def admin(
    telegram: FakeTelegram, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Harness]:
    telegram.add_user(ROOT, "Root", language_code="en")
    telegram.add_user(MODERATOR, "Mod", language_code="en")
    for fan in FANS:
        telegram.add_user(fan, f"Fan{fan}", language_code="ru" if fan == 7103 else "en")
    bot = Bot(
        "42:TEST-in-process-token",
        session=InProcessSession(telegram),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    deps = DispatcherDeps(
        session_factory=session_factory,
        storage=SqlStorage(session_factory, lambda: NOW),
        i18n=I18n(),
        clock=lambda: NOW,
        timezones=FakeTimezones("Europe/Moscow"),
        throttle_burst=1000,
        monotonic=lambda: 0.0,
        admin_ids=frozenset({ROOT}),
    )
    harness = Harness(telegram, build_dispatcher(deps), bot, session_factory, user_id=ROOT)
    yield harness
    await bot.session.close()


async def opt_in(chat: Harness, user_id: int) -> None:
    chat.user_id = user_id
    await chat.send("/start")
    await chat.send("/settings")
    await chat.press("🔕")  # promotions are off by default: the only muted bell


def engine(chat: Harness) -> BroadcastEngine:
    promotions = TelegramPromotions(chat.bot, I18n())
    return BroadcastEngine(
        uow_factory=lambda: SqlUnitOfWork(chat.sessions, lambda: NOW),
        clock=lambda: NOW,
        sender=promotions,
        reporter=promotions,
        limiter=TokenBucket(1000),
        owner="test",
    )


async def test_a_non_admin_gets_the_ordinary_answers(admin: Harness) -> None:
    admin.user_id = ANNA
    reply = await admin.send("/broadcast")
    assert "I don't know the command /broadcast" in (reply.text or "")
    crafted = CampaignCb(action=CampaignAction.START, campaign_id=1).pack()
    admin.telegram.user_sends_callback_raw(ANNA, reply.message_id, crafted)
    await admin.deliver()
    assert admin.telegram.callback_answers[-1]["text"].startswith("This button is outdated.")


async def test_a_moderator_cannot_broadcast(admin: Harness) -> None:
    async with SqlUnitOfWork(admin.sessions, lambda: NOW) as uow:
        await uow.admins.grant(MODERATOR, Role.MODERATOR, NOW)
        await uow.commit()
    admin.user_id = MODERATOR
    reply = await admin.send("/broadcast")
    assert "I don't know the command" in (reply.text or "")


async def test_admin_composes_previews_and_sends_to_those_opted_in(admin: Harness) -> None:
    for fan in FANS:
        await opt_in(admin, fan)
    admin.user_id = ANNA
    await admin.send("/start")  # never opted in
    admin.user_id = ROOT
    prompt = await admin.send("/broadcast")
    assert "Send me the promotion's text" in (prompt.text or "")
    error = await admin.send("<b>Winter sale")
    assert "Telegram would refuse this HTML: &lt;b&gt;" in (error.html or "")
    confirm = await admin.send('<b>Winter sale</b> -20% <a href="https://example.com">shop</a>')
    preview = admin.telegram.messages(ROOT)[-2]
    assert preview.html == '<b>Winter sale</b> -20% <a href="https://example.com">shop</a>'
    assert [label for row in preview.reply_markup for label, _ in row] == ["🔕 Unsubscribe"]
    assert "Recipients now: 3" in (confirm.text or "")
    started = await admin.press("Send now")
    assert "Campaign #1: sending" in (started.text or "")

    assert await engine(admin).tick() == 3
    for fan in FANS:
        promo = admin.telegram.last_message(fan)
        assert promo.html == preview.html
    assert "Отписаться" in str(admin.telegram.last_message(7103).reply_markup)
    assert all(m.html != preview.html for m in admin.telegram.messages(ANNA))
    report = admin.telegram.messages(ROOT)[-1]
    assert report.message_id == started.message_id, "the same message, edited"
    assert "Campaign #1: done" in (report.text or "")
    assert "Final report: 3 of 3 delivered." in (report.text or "")
    async with SqlUnitOfWork(admin.sessions, lambda: NOW) as uow:
        log = await uow.admins.audit_log(10)
        campaign = await uow.campaigns.get(1)
    assert [entry.action for entry in log][:2] == ["campaign.start", "campaign.compose"]
    assert campaign is not None
    assert campaign.state is CampaignState.DONE


async def test_pause_resume_and_cancel_buttons(admin: Harness) -> None:
    await opt_in(admin, FANS[0])
    admin.user_id = ROOT
    await admin.send("/broadcast")
    await admin.send("Hello")
    await admin.press("Send now")
    paused = await admin.press("Pause")
    assert "paused" in (paused.text or "")
    assert await engine(admin).tick() == 0
    await admin.press("Resume")
    cancelled = await admin.press("Cancel")
    assert "cancelled" in (cancelled.text or "")
    assert cancelled.reply_markup == []
    assert await engine(admin).tick() == 0


async def test_unsubscribe_in_one_tap_idempotent(admin: Harness) -> None:
    await opt_in(admin, FANS[0])
    admin.user_id = ROOT
    await admin.send("/broadcast")
    await admin.send("Hello")
    await admin.press("Send now")
    await engine(admin).tick()
    admin.user_id = FANS[0]
    for _ in range(2):
        await admin.press("Unsubscribe")
        answer = admin.telegram.callback_answers[-1]
        assert "no more news and offers" in answer["text"]
    user = await admin.user()
    assert user is not None
    assert user.notifications.promotions is False
    assert NotificationKind.PROMOTIONS.value == "promotions"
