from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scheduler.jobs import prune_processed_updates
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
