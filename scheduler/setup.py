"""APScheduler is only the clock: what is due lives in the database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger


@dataclass(frozen=True, slots=True)
class Tick:
    name: str
    every: timedelta
    run: Callable[[], Awaitable[object]]


def build_scheduler(ticks: list[Tick]) -> AsyncIOScheduler:
    """One interval job per tick; a missed or overlapping tick is merged, never doubled."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    for tick in ticks:
        scheduler.add_job(
            tick.run,
            IntervalTrigger(seconds=tick.every.total_seconds()),
            id=tick.name,
            name=tick.name,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(tick.every.total_seconds()),
        )
    return scheduler
