"""The bot and its web app with the device API, against the in-process Bot API."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.charts import MatplotlibCharts
from bot.device_api import device_api_services
from bot.device_cards import TelegramDeviceCards
from bot.i18n import I18n
from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram
from bot.web import build_web_app
from device_sync.api import build_api
from tests.bot.conftest import ANNA, NOW, Harness, make_dispatcher

BORIS = 7002
CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")
Client = TestClient[web.Request, web.Application]


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass
class DeviceApi:
    client: Client
    chat: Harness
    clock: MovableClock

    async def pairing_code(self, user_id: int = ANNA) -> str:
        """The code the bot shows after /devices → "Pair a device"."""
        self.chat.user_id = user_id
        await self.chat.send("/devices")
        shown = await self.chat.press("➕")
        found = CODE.search(shown.text or "")
        assert found is not None, shown.text
        return found.group()

    async def pair(self, user_id: int = ANNA, name: str | None = "Anna's laptop") -> str:
        response = await self.client.post(
            "/api/v1/pair", json={"code": await self.pairing_code(user_id), "name": name}
        )
        assert response.status == 201, await response.text()
        token: str = (await response.json())["token"]
        return token

    async def call(
        self, method: str, path: str, token: str | None, **kwargs: Any
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.client.request(method, f"/api/v1{path}", headers=headers, **kwargs)
        return response.status, await response.json()


@pytest.fixture
def telegram() -> FakeTelegram:
    fake = FakeTelegram()
    fake.add_user(ANNA, "Anna", language_code="en", username="anna_runs")
    fake.add_user(BORIS, "Boris", language_code="ru")
    return fake


@pytest.fixture
async def api(
    telegram: FakeTelegram, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[DeviceApi]:
    clock = MovableClock(NOW)
    bot = Bot(
        "42:TEST-in-process-token",
        session=InProcessSession(telegram),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    dispatcher = make_dispatcher(session_factory, clock=clock)
    chat = Harness(telegram, dispatcher, bot, session_factory)
    cards = TelegramDeviceCards(bot, I18n(), MatplotlibCharts())
    device_api = build_api(device_api_services(session_factory, clock, cards))
    app = build_web_app(dispatcher, bot, None, device_api)
    async with TestClient(TestServer(app)) as client:
        yield DeviceApi(client, chat, clock)
    await bot.session.close()
