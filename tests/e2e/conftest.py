"""The real `coachbot run` process against the Bot API test server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox.telegram import FakeTelegram, SentMessage
from tests.support.botapi_server import BotApiServer, free_port

TOKEN = "123456:TEST-e2e-token-abcdef"
START_TIMEOUT = 60.0
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BotProcess:
    """One `coachbot run`; several may run one after another on the same database."""

    api: BotApiServer
    workdir: Path
    extra_env: dict[str, str]
    process: asyncio.subprocess.Process | None = None
    command: str = "run"

    @property
    def log(self) -> Path:
        return self.workdir / "coachbot.log"

    async def start(self, ready: Callable[[], bool] | None = None) -> None:
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": self.api.base_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{self.workdir / 'coachbot.sqlite3'}",
            "WEB_HOST": "127.0.0.1",
            "WEB_PORT": str(free_port()),
            "LOG_LEVEL": "INFO",
            "THROTTLE_BURST": "1000",
            **self.extra_env,
        }
        env.pop("REDIS_URL", None)
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", self.command, cwd=ROOT, env=env,
                stdout=log, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
        calls = self.api.telegram.state.calls
        since = len(calls)
        check = ready or (lambda: any(name == "getUpdates" for name, _ in calls[since:]))
        await self.api.telegram.wait_until(lambda: True if check() else None, START_TIMEOUT)

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 20)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return int(self.process.returncode or 0)

    async def kill(self) -> int:
        """SIGKILL: no shutdown, no release; whatever was in flight stays as it was."""
        assert self.process is not None
        self.process.kill()
        return await self.process.wait()


@dataclass
class Person:
    """Someone chatting with the bot from a Telegram client."""

    telegram: FakeTelegram
    user_id: int

    async def send(self, text: str, expect: str) -> SentMessage:
        since = self.telegram.version
        self.telegram.user_sends_text(self.user_id, text)
        return await self.expect(expect, since)

    async def press(self, label: str, expect: str) -> SentMessage:
        message = self.keyboard()
        since = self.telegram.version
        self.telegram.user_presses(self.user_id, message.message_id, message.button_data(label))
        return await self.expect(expect, since)

    async def expect(self, text: str, since: int) -> SentMessage:
        """The bot's next message (or edit) showing `text`, in its body or on a button."""

        def shows(message: SentMessage) -> bool:
            labels = " ".join(label for row in message.reply_markup for label, _ in row)
            return text in (message.text or "") or text in labels

        return await self.telegram.wait_for_message(self.user_id, shows, timeout=20, after=since)

    def keyboard(self) -> SentMessage:
        for message in reversed(self.telegram.messages(self.user_id)):
            if message.reply_markup and not message.deleted:
                return message
        raise LookupError("no keyboard on screen")


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    server = BotApiServer(FakeTelegram(bot_id=123456), TOKEN)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def bot_process(api: BotApiServer, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(api, tmp_path, {})
    yield process
    if process.process is not None:
        await process.stop()
    log = process.log.read_text() if process.log.exists() else ""
    assert "Traceback" not in log, log
