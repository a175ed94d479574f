"""A campaign from the real `coachbot run` through the Bot API test server, which answers
some sends with 429 (retry_after) and some athletes with 403: each opted-in athlete gets
the promotion exactly once, also across a stop in the middle and a restart."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

import pytest

from db.engine import create_engine, create_session_factory
from db.uow import SqlUnitOfWork
from tests.e2e.conftest import BotProcess, Person
from tests.unit.campaigns.test_service import athlete

pytestmark = pytest.mark.e2e

ROOT = 500
FANS = range(10_000, 10_300)
BLOCKED = {10_007, 10_150, 10_299}
THROTTLED = {10_001, 10_100, 10_200}
TEXT = "<b>Winter sale</b>: -20% on coaching plans"


async def seed(process: BotProcess) -> None:
    """Athletes who opted in, written into the process's database while it runs."""
    engine = create_engine(f"sqlite+aiosqlite:///{process.workdir / 'coachbot.sqlite3'}")
    sessions = create_session_factory(engine)
    async with SqlUnitOfWork(sessions, lambda: datetime.now(UTC)) as uow:
        for user_id in FANS:
            await uow.users.add(athlete(user_id))
        await uow.commit()
    await engine.dispose()
    telegram = process.api.telegram
    for user_id in FANS:
        telegram.add_user(user_id, f"Fan{user_id}")
    for user_id in BLOCKED:
        telegram.user_blocks_bot(user_id)
    for user_id in THROTTLED:
        telegram.inject("sendMessage", error_code=429, retry_after=1, chat_id=user_id)


async def launch(process: BotProcess, rate: int) -> Person:
    process.extra_env.update({"ADMIN_IDS": str(ROOT), "BROADCAST_RATE": str(rate)})
    await process.start()
    process.api.telegram.add_user(ROOT, "Root")
    await seed(process)
    root = Person(process.api.telegram, ROOT)
    await root.send("/broadcast", "Send me the promotion's text")
    await root.send(TEXT, "Recipients now: 300")
    return root


def promotions(process: BotProcess) -> Counter[int]:
    telegram = process.api.telegram
    return Counter(
        user_id
        for user_id in FANS
        for message in telegram.messages(user_id)
        if message.html == TEXT
    )


def assert_each_once(process: BotProcess) -> None:
    delivered = promotions(process)
    assert set(delivered.values()) == {1}, "nobody gets it twice"
    assert set(delivered) == set(FANS) - BLOCKED, "nobody reachable is left out"
    throttled = Counter(
        params["chat_id"]
        for method, params in process.api.telegram.state.calls
        if method == "sendMessage" and params.get("chat_id") in THROTTLED
    )
    assert set(throttled.values()) == {2}, "a 429 is retried once, after retry_after"


async def test_a_campaign_reaches_everyone_once_through_429s_and_403s(
    bot_process: BotProcess,
) -> None:
    root = await launch(bot_process, rate=1000)
    since = bot_process.api.telegram.version
    await root.press("Send now", "sending")
    report = await root.expect("Final report: 297 of 300 delivered.", since)
    assert "blocked 3" in (report.text or "")
    assert_each_once(bot_process)


async def test_a_stop_in_the_middle_and_a_restart_send_nobody_anything_twice(
    bot_process: BotProcess,
) -> None:
    root = await launch(bot_process, rate=100)
    await root.press("Send now", "sending")
    telegram = bot_process.api.telegram
    await telegram.wait_until(lambda: True if len(promotions(bot_process)) >= 60 else None, 30)
    assert await bot_process.stop() == 0
    stopped_at = len(promotions(bot_process))
    assert stopped_at < len(FANS) - len(BLOCKED), "stopped in the middle"
    await asyncio.sleep(0.5)
    assert len(promotions(bot_process)) == stopped_at, "nothing is sent while stopped"
    await bot_process.start()
    await telegram.wait_until(
        lambda: True if len(promotions(bot_process)) >= len(FANS) - len(BLOCKED) else None, 60
    )
    await root.expect("Final report: 297 of 300 delivered.", 0)
    assert_each_once(bot_process)
