"""What one update costs inside the bot: `python -m bench.transactions --backend sqlite`.

The real Dispatcher (bot.app.build_application) handles one update of each kind of the load
mix, with SQLAlchemy events counting pool checkouts (one per transaction) and statements;
then the whole mix one update after another, in process (no HTTP on the way in), which is
the per-update cost with nothing waiting.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.fake_botapi import FakeBotApi
from bench.processes import SECRET, TOKEN, free_port
from bench.updates import LOGS, kind_of, message, press, update
from bench.webhook import database_for, users_of_dataset
from bot.app import build_application, prepare_database
from bot.settings import Settings
from handlers.workout_callbacks import JournalCb

SEQUENTIAL = 300


def _kind(statement: str) -> str:
    """The statement's first word; BEGIN and BEGIN IMMEDIATE (SQLite) told apart."""
    return statement if statement.startswith("BEGIN") else statement.split(maxsplit=1)[0]


def samples(user_id: int) -> dict[str, dict[str, Any]]:
    return {
        "/start": message(900_001, user_id, "/start"),
        "/journal": message(900_002, user_id, "/journal"),
        "journal button": press(900_003, user_id, JournalCb(page=2).pack()),
        "/log": message(900_004, user_id, "/log " + LOGS[0]),
    }


async def measure(backend: str) -> None:
    api = FakeBotApi(TOKEN)
    url = await api.start(free_port())
    with tempfile.TemporaryDirectory(prefix="coachbot-tx-") as tmp:
        database = await database_for(backend, Path(tmp))
        settings = Settings(
            bot_token=TOKEN, database_url=database, telegram_api_url=url,
            webhook_secret=SECRET, throttle_burst=100_000,
        )  # fmt: skip
        engine = await prepare_database(settings)
        app = await build_application(settings, engine)
        counts: Counter[str] = Counter()
        sync = engine.sync_engine
        event.listen(sync.pool, "checkout", lambda *_: counts.update(["transactions"]))
        event.listen(
            sync, "before_cursor_execute", lambda _c, _k, sql, *_: counts.update([_kind(sql)])
        )
        users = users_of_dataset(100)
        print(f"{backend}: per update, transactions and statements")
        for name, payload in samples(users[2]).items():
            counts.clear()
            await app.dispatcher.feed_webhook_update(app.bot, payload)
            print(f"  {name:15} {dict(counts)}")
        rng = random.Random(3)
        mix = [update(rng, 500_000 + i, users[i % len(users)]) for i in range(SEQUENTIAL)]
        started = time.perf_counter()
        for payload in mix:
            await app.dispatcher.feed_webhook_update(app.bot, payload)
        seconds = time.perf_counter() - started
        kinds = Counter(kind_of(payload) for payload in mix)
        print(f"  {SEQUENTIAL} updates one after another: {SEQUENTIAL / seconds:.0f} updates/s, "
              f"{seconds / SEQUENTIAL * 1000:.1f} ms each ({dict(kinds)})")  # fmt: skip
        await app.bot.session.close()
        await app.dispatcher.storage.close()
        await engine.dispose()
    await api.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    asyncio.run(measure(parser.parse_args().backend))


if __name__ == "__main__":
    main()
