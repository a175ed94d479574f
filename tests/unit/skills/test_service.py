"""SkillService and StrengthService over the fake unit of work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import NotFoundError
from domain.skills.service import SkillService, StrengthService
from domain.users.models import Language, Sport, Units, User
from domain.workouts.models import Activity, StrengthSet, WorkoutDraft, WorkoutSource
from domain.workouts.service import WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
ANN = User(1, "Ann", None, Language.EN, Units.METRIC, "Europe/Moscow", NOW)
BOB = User(2, "Bob", None, Language.EN, Units.METRIC, "UTC", NOW)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


async def log(uow: FakeUnitOfWork, clock: Clock, user: User, text: str, days_ago: int) -> None:
    clock.now = NOW - timedelta(days=days_ago)
    await WorkoutService(uow, clock).log_text(user, text)


async def test_progress_covers_the_journals_sports_and_the_profiles() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    await log(uow, clock, ANN, "run 5k 27:40", 3)
    await log(uow, clock, BOB, "swim 1500m 28:00", 1)
    swimmer = ANN.with_profile(sports=frozenset({Sport.CYCLING}))
    report = await SkillService(uow).progress(swimmer)
    assert [card.sport for card in report.sports] == [Activity.RUN, Activity.RIDE]
    run = report.card(Activity.RUN)
    assert run is not None
    assert run.level == 4
    ride = report.card(Activity.RIDE)
    assert ride is not None
    assert ride.level == 0
    assert ride.next is not None
    assert ride.next.milestone.id == "ride_first"
    assert report.card(Activity.SWIM) is run, "a sport she does not do falls back to the first"


async def test_an_empty_journal_without_sports_has_no_cards() -> None:
    report = await SkillService(FakeUnitOfWork()).progress(ANN)
    assert report.sports == ()
    assert report.card(None) is None


async def test_the_lift_milestones_use_the_profile_weight() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    await log(uow, clock, ANN, "squat 5x5 100kg", 2)
    without = (await SkillService(uow).progress(ANN)).card(Activity.STRENGTH)
    assert without is not None
    assert without.waiting_for_weight > 0
    heavy = await SkillService(uow).progress(ANN.with_profile(weight_kg=75.0))
    card = heavy.card(Activity.STRENGTH)
    assert card is not None
    assert "strength_squat_1_5" in {item.milestone.id for item in card.reached}
    assert card.waiting_for_weight == 0


async def test_lifts_summarize_each_exercise_with_its_best_estimate() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    await log(uow, clock, ANN, "squat 5x5 100kg", 7)
    await log(uow, clock, ANN, "squat 5x5 105kg, bench 3x8 60", 0)
    await log(uow, clock, BOB, "deadlift 1x1 250", 0)
    summaries = await StrengthService(uow).exercises(ANN.id)
    assert [s.exercise for s in summaries] == ["bench_press", "squat"]
    squat = summaries[1]
    # Epley (1985): 105 kg × (1 + 5/30) = 122.5 kg.
    assert squat.best_1rm_kg == pytest.approx(122.5)
    assert squat.sessions == 2
    assert squat.volume_kg == 25 * 100 + 25 * 105
    assert squat.last_at == NOW


async def test_an_exercise_history_is_paged_newest_first() -> None:
    uow, clock = FakeUnitOfWork(), Clock()
    for week in range(7):
        await log(uow, clock, ANN, f"squat 5x5 {100 + week}kg", 7 * (6 - week))
    service = StrengthService(uow)
    first = await service.history(ANN.id, "squat", 0)
    assert (first.page, first.pages) == (0, 2)
    assert [s.sets[0].weight_kg for s in first.sessions] == [106, 105, 104, 103, 102]
    last = await service.history(ANN.id, "squat", 99)
    assert last.page == 1
    assert [s.sets[0].weight_kg for s in last.sessions] == [101, 100]


async def test_an_exercise_the_athlete_never_did_is_not_found() -> None:
    uow = FakeUnitOfWork()
    draft = WorkoutDraft(Activity.STRENGTH, sets=(StrengthSet("deadlift", 1, 1, 200.0),))
    await WorkoutService(uow, lambda: NOW).log(BOB, draft, WorkoutSource.TEXT)
    with pytest.raises(NotFoundError) as caught:
        await StrengthService(uow).history(ANN.id, "deadlift", 0)
    assert caught.value.params == {"what": "exercise"}
