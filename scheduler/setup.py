"""APScheduler is only the clock: what is due lives in the database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Tick:
    name: str
    every: timedelta
    run: Callable[[], Awaitable[object]]


class Lease(Protocol):
    async def hold(self) -> bool:
        """Take or renew the right to run jobs; False while another process has it."""
        ...


Running = set["asyncio.Task[object]"]


def guarded(
    tick: Tick, lease: Lease | None, running: Running | None = None
) -> Callable[[], Awaitable[None]]:
    """The tick's job, run only while this process holds the lease; `running` holds the
    jobs in flight so that a shutdown can let them finish (see `drain`)."""

    async def run() -> None:
        task = asyncio.current_task()
        if running is not None and task is not None:
            running.add(task)
        try:
            if lease is not None and not await lease.hold():
                logger.debug("%s skipped: another scheduler process holds the lease", tick.name)
                return
            await tick.run()
        finally:
            if running is not None and task is not None:
                running.discard(task)

    return run


async def drain(running: Running, seconds: float) -> None:
    """Wait for the jobs in flight after the scheduler stopped starting new ones."""
    if running:
        await asyncio.wait(set(running), timeout=seconds)


def build_scheduler(
    ticks: list[Tick], lease: Lease | None = None, running: Running | None = None
) -> AsyncIOScheduler:
    """One interval job per tick, the first at start (to catch up on what fell due while
    stopped); a missed or overlapping tick is merged, never doubled."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    for tick in ticks:
        scheduler.add_job(
            guarded(tick, lease, running),
            IntervalTrigger(seconds=tick.every.total_seconds()),
            id=tick.name,
            name=tick.name,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(tick.every.total_seconds()),
            next_run_time=datetime.now(UTC),
        )
    return scheduler
