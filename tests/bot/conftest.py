"""The real Dispatcher, its middlewares and database, against the in-process Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import DispatcherDeps, build_dispatcher
from bot.i18n import I18n
from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram, SentMessage
from db.fsm_storage import SqlStorage
from db.uow import SqlUnitOfWork
from domain.clock import Clock
from domain.users.models import User
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
ANNA = 7001


@dataclass
class Harness:
    """Chat with the bot as a user; every update goes through the real Dispatcher."""

    telegram: FakeTelegram
    dispatcher: Dispatcher
    bot: Bot
    sessions: async_sessionmaker[AsyncSession]
    user_id: int = ANNA
    fed: list[dict[str, Any]] = field(default_factory=list)
    _offset: int = 0

    async def deliver(self) -> None:
        while updates := await self.telegram.call("getUpdates", {"offset": self._offset}):
            for update in updates:
                self.fed.append(update)
                await self.dispatcher.feed_raw_update(self.bot, update)
                self._offset = update["update_id"] + 1

    async def send(self, text: str, chat_id: int | None = None) -> SentMessage:
        self.telegram.user_sends_text(self.user_id, text, chat_id)
        await self.deliver()
        return self.last(chat_id)

    async def press(self, label: str) -> SentMessage:
        """Press the button whose text contains `label` on the latest keyboard."""
        message = self.keyboard_message()
        self.telegram.user_presses(self.user_id, message.message_id, message.button_data(label))
        await self.deliver()
        return self.last()

    async def share_location(self, latitude: float, longitude: float) -> SentMessage:
        self.telegram.user_sends_location(self.user_id, latitude, longitude)
        await self.deliver()
        return self.last()

    def last(self, chat_id: int | None = None) -> SentMessage:
        return self.telegram.last_message(self.user_id if chat_id is None else chat_id)

    def keyboard_message(self) -> SentMessage:
        for message in reversed(self.telegram.messages(self.user_id)):
            if message.reply_markup and not message.deleted:
                return message
        raise LookupError("no keyboard on screen")

    def texts(self) -> list[str]:
        return [m.text or "" for m in self.telegram.messages(self.user_id) if not m.deleted]

    async def user(self, user_id: int | None = None) -> User | None:
        async with SqlUnitOfWork(self.sessions, lambda: NOW) as uow:
            return await uow.users.get(self.user_id if user_id is None else user_id)


def make_dispatcher(
    sessions: async_sessionmaker[AsyncSession],
    monotonic: Any = None,
    burst: int = 1000,
    clock: Clock | None = None,
) -> Dispatcher:
    deps = DispatcherDeps(
        session_factory=sessions,
        storage=SqlStorage(sessions, lambda: NOW),
        i18n=I18n(),
        clock=clock or (lambda: NOW),
        timezones=FakeTimezones("Europe/Moscow"),
        throttle_burst=burst,
        monotonic=monotonic or (lambda: 0.0),
    )
    return build_dispatcher(deps)


@pytest.fixture
def telegram() -> FakeTelegram:
    fake = FakeTelegram()
    fake.add_user(ANNA, "Anna", language_code="en", username="anna_runs")
    return fake


@pytest.fixture
async def chat(
    telegram: FakeTelegram, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Harness]:
    bot = Bot(
        "42:TEST-in-process-token",
        session=InProcessSession(telegram),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    yield Harness(telegram, make_dispatcher(session_factory), bot, session_factory)
    await bot.session.close()
