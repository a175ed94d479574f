"""`coachbot scheduler`: the jobs-only process takes the lease and hands it back on SIGTERM."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from tests.e2e.conftest import BotProcess

pytestmark = pytest.mark.e2e


def lease_row(process: BotProcess) -> tuple[str, datetime] | None:
    path = process.workdir / "coachbot.sqlite3"
    if not path.exists():
        return None
    try:
        with sqlite3.connect(path) as connection:
            row = connection.execute(
                "SELECT owner, expires_at FROM scheduler_leases WHERE name = 'scheduler'"
            ).fetchone()
    except sqlite3.OperationalError:  # not migrated yet
        return None
    if row is None:
        return None
    return str(row[0]), datetime.fromisoformat(row[1]).replace(tzinfo=UTC)


async def test_the_scheduler_process_holds_the_lease_until_it_stops(
    bot_process: BotProcess,
) -> None:
    bot_process.command = "scheduler"
    bot_process.extra_env["LOG_LEVEL"] = "DEBUG"
    await bot_process.start(ready=lambda: lease_row(bot_process) is not None)
    assert bot_process.process is not None
    held = lease_row(bot_process)
    assert held is not None
    owner, expires = held
    assert f":{bot_process.process.pid}:" in owner
    assert expires > datetime.now(UTC), "the lease is valid while the process runs"
    assert await bot_process.stop() == 0
    released = lease_row(bot_process)
    assert released is not None
    assert released[1] <= datetime.now(UTC), "a clean stop hands the lease over at once"
