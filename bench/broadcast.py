"""The broadcast engine's achieved rate against the configured one, and its ceiling.

`python -m bench.broadcast` (in `make bench`; alone: `python -m bench --only broadcast`):
a SQLite database of opted-in athletes, the real engine (scheduler/broadcast.py) sending
through aiogram to bench/fake_botapi.py on 127.0.0.1, which answers at once. At a
configured rate the engine should achieve >= 95 % of it; with the rate set far above what
it can do, the achieved rate is its ceiling (target >= 1,000 msg/s, so that paid
broadcasts, up to 1,000 msg/s, are possible).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.fake_botapi import FakeBotApi
from bench.processes import free_port
from bench.seed import SQLITE_DIR
from bot.i18n import I18n
from bot.promotions import TelegramPromotions
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWork
from domain.campaigns.admin import AdminService
from domain.campaigns.delivery import DeliveryService
from domain.campaigns.rate import TokenBucket
from domain.campaigns.service import CampaignService
from domain.users.models import Language, Notifications, Units, User
from scheduler.broadcast import BroadcastEngine

TOKEN = "123456:BENCH-broadcast-token"
ROOT = 1
RESULTS = SQLITE_DIR / "broadcast.json"
RATE, RECIPIENTS, CEILING_RECIPIENTS = 25.0, 500, 5000
TARGET_SHARE, TARGET_CEILING = 0.95, 1000.0
UNLIMITED = 1_000_000.0


def clock() -> datetime:
    return datetime.now(UTC)


async def _campaign(path: Path, recipients: int) -> async_sessionmaker[AsyncSession]:
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await upgrade(engine)
    sessions = create_session_factory(engine)
    async with SqlUnitOfWork(sessions, clock) as uow:
        for user_id in range(1000, 1000 + recipients):
            await uow.users.add(
                User(
                    user_id,
                    f"A{user_id}",
                    None,
                    Language.EN,
                    Units.METRIC,
                    "UTC",
                    clock(),
                    notifications=Notifications(promotions=True),
                )
            )
        await uow.commit()
    uow = SqlUnitOfWork(sessions, clock)
    campaigns = CampaignService(uow, clock, AdminService(uow, clock, {ROOT}))
    draft = await campaigns.compose(ROOT, Language.EN, "<b>Sale</b> -20%")
    await campaigns.act(ROOT, draft.campaign.id, "start")
    return sessions


async def measure(rate: float, recipients: int) -> tuple[float, float]:
    """Sends per second achieved from the first send to the last, and the seconds it took."""
    api = FakeBotApi(TOKEN)
    base = await api.start(free_port())
    bot = Bot(
        TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(base)),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    with tempfile.TemporaryDirectory() as folder:
        sessions = await _campaign(Path(folder) / "bench.sqlite3", recipients)
        promotions = TelegramPromotions(bot, I18n())
        engine = BroadcastEngine(
            uow_factory=lambda: SqlUnitOfWork(sessions, clock),
            clock=clock,
            sender=promotions,
            reporter=promotions,
            limiter=TokenBucket(rate),
            owner="bench",
        )
        await DeliveryService(SqlUnitOfWork(sessions, clock), clock).prepare()  # not timed
        started = time.perf_counter()
        sent = 0
        while sent < recipients and (tick := await engine.tick()):
            sent += tick
        elapsed = time.perf_counter() - started
    await bot.session.close()
    await api.stop()
    return sent / elapsed, elapsed


async def run(rate: float, recipients: int, ceiling_recipients: int) -> dict[str, Any]:
    """The achieved rate at `rate`, then the ceiling with the rate set far above it."""
    achieved, took = await measure(rate, recipients)
    ceiling, ceiling_took = await measure(UNLIMITED, ceiling_recipients)
    return {
        "rate": rate,
        "recipients": recipients,
        "achieved": achieved,
        "seconds": took,
        "ceiling_recipients": ceiling_recipients,
        "ceiling": ceiling,
        "ceiling_seconds": ceiling_took,
    }


def save(found: dict[str, Any], path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(found, indent=1))


def table(found: dict[str, Any]) -> str:
    """The section's table for BENCHMARKS.md."""
    share = found["achieved"] / found["rate"]
    at_rate = "yes" if share >= TARGET_SHARE else "no"
    at_ceiling = "yes" if found["ceiling"] >= TARGET_CEILING else "no"
    return "\n".join(
        [
            "| case | recipients | configured msg/s | achieved msg/s | achieved / configured "
            "| seconds | target |",
            "|---|---:|---:|---:|---:|---:|:-:|",
            f"| at the configured rate | {found['recipients']:,} | {found['rate']:g} "
            f"| {found['achieved']:.1f} | {100 * share:.0f} % | {found['seconds']:.1f} "
            f"| ≥ {100 * TARGET_SHARE:.0f} %: {at_rate} |",
            f"| ceiling (rate unlimited) | {found['ceiling_recipients']:,} | — "
            f"| {found['ceiling']:,.0f} | — | {found['ceiling_seconds']:.1f} "
            f"| ≥ {TARGET_CEILING:,.0f} msg/s: {at_ceiling} |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=RATE)
    parser.add_argument("--recipients", type=int, default=RECIPIENTS)
    parser.add_argument("--ceiling-recipients", type=int, default=CEILING_RECIPIENTS)
    args = parser.parse_args()
    found = asyncio.run(run(args.rate, args.recipients, args.ceiling_recipients))
    save(found)
    print(table(found))


if __name__ == "__main__":
    main()
