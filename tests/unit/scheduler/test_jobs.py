from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from scheduler.jobs import prune_processed_updates
from scheduler.setup import Running, Tick, drain, guarded
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


async def test_update_ids_are_kept_for_two_days_then_forgotten() -> None:
    uow = FakeUnitOfWork()
    uow.updates.ids = {
        1: NOW - timedelta(hours=49),
        2: NOW - timedelta(hours=47),
        3: NOW - timedelta(minutes=1),
    }
    assert await prune_processed_updates(lambda: uow, lambda: NOW) == 1
    assert set(uow.updates.ids) == {2, 3}
    assert await prune_processed_updates(lambda: uow, lambda: NOW) == 0, (
        "running twice is harmless"
    )


class FixedLease:
    def __init__(self, held: bool) -> None:
        self.held = held
        self.asked = 0

    async def hold(self) -> bool:
        self.asked += 1
        return self.held


async def test_a_tick_runs_only_while_its_process_holds_the_lease() -> None:
    runs: list[str] = []

    async def job() -> None:
        runs.append("ran")

    tick = Tick(name="job", every=timedelta(minutes=1), run=job)
    held, lost = FixedLease(True), FixedLease(False)
    await guarded(tick, held)()
    await guarded(tick, lost)()
    await guarded(tick, None)()
    assert runs == ["ran", "ran"]
    assert (held.asked, lost.asked) == (1, 1)


async def test_a_shutdown_lets_the_job_in_flight_finish() -> None:
    started, release = asyncio.Event(), asyncio.Event()
    finished: list[str] = []

    async def job() -> None:
        started.set()
        await release.wait()
        finished.append("done")

    running: Running = set()
    task = asyncio.ensure_future(guarded(Tick("job", timedelta(minutes=1), job), None, running)())
    await started.wait()
    assert len(running) == 1
    asyncio.get_running_loop().call_later(0.01, release.set)
    await drain(running, seconds=5)
    assert finished == ["done"]
    assert running == set()
    await task
