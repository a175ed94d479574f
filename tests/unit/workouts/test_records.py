from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.users.models import Language, Units, User
from domain.workouts.models import Activity, StrengthSet, Workout, WorkoutSource
from domain.workouts.records import Record, RecordKind, candidates
from domain.workouts.service import Logged, WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
ANN = User(1, "Ann", None, Language.EN, Units.METRIC, "UTC", NOW)


def run(distance_m: float, duration_s: int) -> Workout:
    return Workout(0, 1, Activity.RUN, NOW, WorkoutSource.TEXT, duration_s, distance_m)


def test_a_run_just_over_a_race_distance_counts_scaled() -> None:
    found = {record.key: record.value for record in candidates(run(5050, 1515))}
    assert found[(RecordKind.FASTEST, "5k")] == 1500
    assert found[(RecordKind.LONGEST, "run")] == 5050
    assert (RecordKind.FASTEST, "10k") not in found
    assert (RecordKind.FASTEST, "5k") not in {r.key for r in candidates(run(5200, 1515))}


def test_lifts_give_heaviest_and_estimated_one_rep_max() -> None:
    sets = (StrengthSet("squat", 5, 5, 100.0), StrengthSet("squat", 1, 1, 110.0))
    lift = Workout(0, 1, Activity.STRENGTH, NOW, WorkoutSource.TEXT, sets=sets)
    found = {record.key: record.value for record in candidates(lift)}
    assert found[(RecordKind.HEAVIEST, "squat")] == 110.0
    assert found[(RecordKind.BEST_1RM, "squat")] == pytest.approx(116.7)


def test_fastest_means_less_time() -> None:
    quick = Record(RecordKind.FASTEST, "5k", 1400, Activity.RUN)
    slow = Record(RecordKind.FASTEST, "5k", 1500, Activity.RUN)
    assert quick.beats(slow)
    assert not slow.beats(quick)
    assert not quick.beats(quick)


async def test_records_are_announced_when_beaten_and_handed_back_on_delete() -> None:
    uow = FakeUnitOfWork()
    service = WorkoutService(uow, lambda: NOW)
    first = await service.log_text(ANN, "run 5k 25:00")
    assert isinstance(first, Logged)
    assert first.records == (), "a first result is kept quietly"
    second = await service.log_text(ANN, "run 5k 24:10")
    assert isinstance(second, Logged)
    assert [(r.kind, r.subject, r.value) for r in second.records] == [
        (RecordKind.FASTEST, "5k", 1450)
    ]
    slower = await service.log_text(ANN, "run 5k 26:00")
    assert isinstance(slower, Logged)
    assert slower.records == ()
    await service.delete(ANN, second.workout.id)
    best = {r.key: r.value for r in await service.records(1)}
    assert best[(RecordKind.FASTEST, "5k")] == 1500, "the next best takes the record back"
