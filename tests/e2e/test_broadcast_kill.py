"""Thousands of promotions from the real `coachbot run` through the Bot API test server,
which answers some sends with 429 and some athletes with 403, while the process is killed
with SIGKILL in the middle and restarted: nobody gets the promotion twice, nobody
reachable is left out except the recipients of the chunk in flight at the kill (ADR 0025's
one window, at most rate / 5 messages a kill), and those are exactly the `unknown` rows."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from db.engine import create_engine, create_session_factory
from db.tables import CampaignDeliveryRow
from db.uow import SqlUnitOfWork
from tests.e2e.conftest import BotProcess, Person
from tests.unit.campaigns.test_service import athlete

pytestmark = pytest.mark.e2e

ROOT = 500
RATE = 300
CHUNK = RATE // 5  # what the engine has in flight at once (scheduler/broadcast.py)
BURST = 10  # the token bucket's burst (domain/campaigns/rate.py)
FANS = range(20_000, 23_000)
BLOCKED = set(range(20_050, 23_000, 100))
THROTTLED = {20_001, 21_501, 22_999}
REACHABLE = set(FANS) - BLOCKED
KILLS_AT = (1200,)
TEXT = "<b>Spring sale</b>: -30% on coaching plans"
Call = Callable[..., Awaitable[Any]]


def database(process: BotProcess) -> str:
    return f"sqlite+aiosqlite:///{process.workdir / 'coachbot.sqlite3'}"


async def seed(process: BotProcess) -> None:
    """3,000 athletes who opted in; 30 of them blocked the bot, 3 meet a flood wait."""
    engine = create_engine(database(process))
    async with SqlUnitOfWork(create_session_factory(engine), lambda: datetime.now(UTC)) as uow:
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


def record_arrivals(process: BotProcess) -> list[float]:
    """When each promotion reached the server, seen from the server's side."""
    telegram = process.api.telegram
    arrivals: list[float] = []
    call: Call = telegram.call

    async def observed(method: str, params: dict[str, Any], files: Any = None) -> Any:
        result = await call(method, params, files)
        if method == "sendMessage" and params.get("text") == TEXT:
            arrivals.append(asyncio.get_running_loop().time())
        return result

    telegram.call = observed  # type: ignore[method-assign]
    return arrivals


def promotions(process: BotProcess) -> Counter[int]:
    sent = process.api.telegram.state.sent
    return Counter(
        user_id for user_id in FANS for message in sent.get(user_id, []) if message.html == TEXT
    )


async def delivered_at_least(process: BotProcess, count: int) -> None:
    for _ in range(600):
        if sum(promotions(process).values()) >= count:
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"fewer than {count} promotions arrived")


async def recipients_in(process: BotProcess, state: str) -> set[int]:
    """The athletes whose delivery row is in `state`, read from the process's database."""
    engine = create_engine(database(process))
    async with create_session_factory(engine)() as session:
        query = select(CampaignDeliveryRow.user_id).where(CampaignDeliveryRow.state == state)
        found = set(await session.scalars(query))
    await engine.dispose()
    return found


def never_faster_than_the_rate(arrivals: list[float]) -> None:
    """Over each life of the process, no more than the bucket allows (half a second of slack
    for the HTTP hops): an upper bound, so a slow machine cannot fail it."""
    lives: list[list[float]] = [[]]
    for previous, current in zip([arrivals[0], *arrivals], arrivals, strict=False):
        if current - previous > 1.5:  # the process was dead in between
            lives.append([])
        lives[-1].append(current)
    for life in lives:
        assert len(life) <= BURST + RATE * (life[-1] - life[0] + 0.5), "faster than the rate"


async def test_thousands_through_429s_403s_and_a_sigkill(bot_process: BotProcess) -> None:
    bot_process.extra_env.update(
        {
            "ADMIN_IDS": str(ROOT),
            "BROADCAST_RATE": str(RATE),
            "SCHEDULER_LEASE_SECONDS": "3",
            "BROADCAST_STALE_SECONDS": "1",
        }
    )
    arrivals = record_arrivals(bot_process)
    await bot_process.start()
    telegram = bot_process.api.telegram
    telegram.add_user(ROOT, "Root")
    await seed(bot_process)
    root = Person(telegram, ROOT)
    await root.send("/broadcast", "Send me the promotion's text")
    await root.send(TEXT, "Recipients now: 3000")
    await root.press("Send now", "sending")
    for kill_at in KILLS_AT:
        await delivered_at_least(bot_process, kill_at)
        assert await bot_process.kill() != 0
        killed_at = sum(promotions(bot_process).values())
        assert killed_at < len(REACHABLE), "killed in the middle"
        await asyncio.sleep(0.3)
        assert sum(promotions(bot_process).values()) == killed_at, "a dead process sends nothing"
        await bot_process.start()

    report = await root.expect("Final report:", 0)
    sent, unknown = (
        await recipients_in(bot_process, "sent"),
        await recipients_in(bot_process, "unknown"),
    )
    assert f"Final report: {len(sent)} of 3000 delivered." in (report.text or "")

    delivered = promotions(bot_process)
    assert set(delivered.values()) == {1}, "nobody gets it twice"
    assert sent <= set(delivered) <= sent | unknown, "what is marked sent arrived"
    assert not set(delivered) & BLOCKED, "a 403 delivers nothing"
    assert REACHABLE - set(delivered) <= unknown, "lost only in the window, recorded as unknown"
    assert len(unknown) <= CHUNK * len(KILLS_AT), "at most one chunk in flight per kill"
    assert await recipients_in(bot_process, "blocked") == BLOCKED - unknown
    never_faster_than_the_rate(arrivals)
