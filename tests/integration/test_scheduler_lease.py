"""Of several scheduler processes, exactly one runs the jobs; another takes over when it dies."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.leases import SqlLease

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TTL = timedelta(seconds=90)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def lease(sessions: async_sessionmaker[AsyncSession], owner: str, clock: Clock) -> SqlLease:
    return SqlLease(sessions, "scheduler", owner, TTL, clock)


async def test_one_holder_at_a_time_and_the_holder_renews(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    clock = Clock()
    first, second = lease(session_factory, "a", clock), lease(session_factory, "b", clock)
    assert await first.hold()
    assert not await second.hold()
    clock.now += timedelta(seconds=60)
    assert await first.hold(), "the holder renews before it expires"
    clock.now += timedelta(seconds=60)
    assert not await second.hold(), "renewed 60 s ago: still valid for 30 s"


async def test_another_process_takes_over_when_the_holder_stops_renewing(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    clock = Clock()
    first, second = lease(session_factory, "a", clock), lease(session_factory, "b", clock)
    assert await first.hold()
    clock.now += TTL
    assert await second.hold()
    assert not await first.hold(), "the old holder learns it lost the lease"


async def test_release_hands_over_at_once(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    clock = Clock()
    first, second = lease(session_factory, "a", clock), lease(session_factory, "b", clock)
    assert await first.hold()
    await first.release()
    assert await second.hold()


async def test_two_processes_racing_for_a_new_lease_get_one_holder(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    clock = Clock()
    contenders = [lease(session_factory, f"p{i}", clock) for i in range(4)]
    results = await asyncio.gather(*(c.hold() for c in contenders))
    assert sorted(results) == [False, False, False, True]
