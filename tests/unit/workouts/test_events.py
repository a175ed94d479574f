"""Workout listeners hear every change inside its transaction, and speak on the card."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from domain.users.models import Language, Units, User
from domain.workouts.entries import WorkoutEdit
from domain.workouts.events import Announcement, WorkoutChange, WorkoutEvent
from domain.workouts.service import Logged, WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
ANN = User(1, "Ann", None, Language.EN, Units.METRIC, "UTC", NOW)


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.events: list[WorkoutEvent] = []
        self.fail = fail

    async def workout_changed(self, event: WorkoutEvent) -> Sequence[Announcement]:
        self.events.append(event)
        if self.fail:
            raise RuntimeError("listener broke")
        return (Announcement("test.heard", {"change": str(event.change)}),)


async def test_each_change_reaches_the_listener_with_the_workout_it_concerns() -> None:
    recorder = Recorder()
    service = WorkoutService(FakeUnitOfWork(), lambda: NOW, [recorder])
    logged = await service.log_text(ANN, "run 10k 52:30")
    assert isinstance(logged, Logged)
    assert logged.announcements == (Announcement("test.heard", {"change": "added"}),)

    detail = await service.edit(ANN, logged.workout.id, WorkoutEdit(distance_m=12_000))
    assert detail.announcements == (Announcement("test.heard", {"change": "edited"}),)
    await service.delete(ANN, logged.workout.id)

    changes = [(e.change, e.workout.distance_m) for e in recorder.events]
    assert changes == [
        (WorkoutChange.ADDED, 10_000),
        (WorkoutChange.EDITED, 12_000),
        (WorkoutChange.DELETED, 12_000),
    ]
    assert recorder.events[1].previous is not None
    assert recorder.events[1].previous.distance_m == 10_000


async def test_a_failing_listener_stops_the_commit() -> None:
    uow = FakeUnitOfWork()
    service = WorkoutService(uow, lambda: NOW, [Recorder(fail=True)])
    with pytest.raises(RuntimeError):
        await service.log_text(ANN, "run 10k 52:30")
    assert uow.commits == 0, "the listener runs inside the transaction, before its commit"
