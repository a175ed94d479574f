"""The webhook: the secret header is checked, and Telegram's 200 comes after handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiogram import Bot
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import DispatcherDeps, build_dispatcher
from bot.i18n import I18n
from bot.settings import WEBHOOK_PATH
from bot.web import build_web_app
from db.fsm_storage import SqlStorage
from db.uow import SqlUnitOfWork
from tests.unit.domain.fakes import FakeTimezones

SECRET = "s3cret-webhook-token-0123"
NOW = datetime(2026, 11, 24, tzinfo=UTC)


def group_chatter(update_id: int) -> dict[str, object]:
    """A plain message in a group: the bot takes note and makes no API call."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": 5,
            "date": 1_790_000_000,
            "chat": {"id": -100200, "type": "supergroup", "title": "Runners"},
            "from": {"id": 7, "is_bot": False, "first_name": "Anna"},
            "text": "see you at the park",
        },
    }


@pytest.fixture
async def client(
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    deps = DispatcherDeps(
        session_factory=session_factory,
        storage=SqlStorage(session_factory, lambda: NOW),
        i18n=I18n(),
        clock=lambda: NOW,
        timezones=FakeTimezones(),
    )
    bot = Bot("42:TEST-token-for-webhook")
    app = build_web_app(build_dispatcher(deps), bot, SECRET)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client
    await bot.session.close()


async def seen(sessions: async_sessionmaker[AsyncSession], update_id: int) -> bool:
    async with SqlUnitOfWork(sessions, lambda: NOW) as uow:
        return await uow.updates.seen(update_id)


async def test_a_post_without_the_secret_is_refused_and_not_handled(
    client: TestClient[web.Request, web.Application],
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    response = await client.post(WEBHOOK_PATH, json=group_chatter(501))
    assert response.status == 401
    wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
    response = await client.post(WEBHOOK_PATH, json=group_chatter(501), headers=wrong)
    assert response.status == 401
    assert not await seen(session_factory, 501)


async def test_the_update_is_recorded_before_telegram_gets_its_answer(
    client: TestClient[web.Request, web.Application],
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    response = await client.post(WEBHOOK_PATH, json=group_chatter(502), headers=headers)
    assert response.status == 200
    assert await seen(session_factory, 502)


async def test_health_check_answers(client: TestClient[web.Request, web.Application]) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok"}
