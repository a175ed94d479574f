"""The coach's advice: safety first, then the athlete's week."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.coaching.advice import AdviceKind, AdviceReason, Situation, advise
from domain.coaching.service import CoachService, daily_loads
from domain.plans.models import SessionKind
from domain.users.models import Language, Units, User, Weekday
from domain.workouts.models import Activity, Workout, WorkoutSource
from tests.unit.domain.fakes import FakeUnitOfWork

BASE = Situation(
    form=0.0,
    fitness=40.0,
    acwr=1.0,
    yesterday_load=30.0,
    workouts_last_28_days=12,
    training_day=True,
    weekend=False,
)


@pytest.mark.parametrize(
    ("changes", "kind", "reason"),
    [
        ({"workouts_last_28_days": 1}, AdviceKind.EASY, AdviceReason.NO_HISTORY),
        ({"acwr": 1.7, "form": 20.0}, AdviceKind.REST, AdviceReason.LOAD_SPIKE),
        ({"form": -35.0}, AdviceKind.REST, AdviceReason.VERY_TIRED),
        ({"training_day": False, "form": 10.0}, AdviceKind.REST, AdviceReason.NOT_A_TRAINING_DAY),
        ({"form": -15.0}, AdviceKind.EASY, AdviceReason.TIRED),
        ({"yesterday_load": 120.0}, AdviceKind.EASY, AdviceReason.HARD_YESTERDAY),
        ({"weekend": True}, AdviceKind.LONG, AdviceReason.WEEKEND_LONG),
        ({"form": 8.0}, AdviceKind.QUALITY, AdviceReason.FRESH),
        ({}, AdviceKind.EASY, AdviceReason.STEADY),
        ({"planned": SessionKind.LONG}, AdviceKind.LONG, AdviceReason.PLAN_LONG),
        (
            {"planned": SessionKind.QUALITY, "training_day": False},
            AdviceKind.QUALITY,
            AdviceReason.PLAN_QUALITY,
        ),
        ({"planned": SessionKind.REST, "form": 10.0}, AdviceKind.REST, AdviceReason.PLAN_REST),
        ({"planned": SessionKind.EASY, "weekend": True}, AdviceKind.EASY, AdviceReason.PLAN_EASY),
        ({"planned": SessionKind.RACE}, AdviceKind.RACE, AdviceReason.PLAN_RACE),
        ({"planned": SessionKind.STRENGTH}, AdviceKind.STRENGTH, AdviceReason.PLAN_STRENGTH),
        (
            {"planned": SessionKind.LONG, "workouts_last_28_days": 0, "acwr": 4.0},
            AdviceKind.LONG,
            AdviceReason.PLAN_LONG,
        ),
        ({"planned": SessionKind.QUALITY, "acwr": 1.7}, AdviceKind.REST, AdviceReason.LOAD_SPIKE),
        ({"planned": SessionKind.LONG, "form": -35.0}, AdviceKind.REST, AdviceReason.VERY_TIRED),
    ],
)
def test_advice_rules(changes: dict[str, object], kind: AdviceKind, reason: AdviceReason) -> None:
    advice = advise(replace(BASE, **changes))  # type: ignore[arg-type]
    assert (advice.kind, advice.reason) == (kind, reason)


NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # a Tuesday


def user(**profile: object) -> User:
    base = User(1, "Ann", None, Language.EN, Units.METRIC, "Asia/Novosibirsk", NOW)
    return base.with_profile(**profile)


def run(
    days_ago: float, load: float, distance_m: float = 10_000, duration_s: int = 3000
) -> Workout:
    return Workout(
        id=0,
        user_id=1,
        activity=Activity.RUN,
        started_at=NOW - timedelta(days=days_ago),
        source=WorkoutSource.TEXT,
        duration_s=duration_s,
        distance_m=distance_m,
        load=load,
    )


def test_daily_loads_follow_the_athletes_midnight() -> None:
    late = run(0, 50.0)
    late = replace(late, started_at=datetime(2026, 11, 23, 17, 30, tzinfo=UTC))
    loads = daily_loads([late], ZoneInfo("Asia/Novosibirsk"))
    assert list(loads) == [date(2026, 11, 24)], "00:30 in Novosibirsk is already the 24th"


async def test_the_report_holds_form_zones_and_predictions() -> None:
    uow = FakeUnitOfWork()
    for day in range(1, 30):
        await uow.workouts.add(run(day, 50.0))
    coach = CoachService(uow, lambda: NOW)
    report = await coach.today(user(birth_year=1986, resting_hr=50, days=frozenset(Weekday)))
    assert report.fitness > report.fatigue * 0.5
    assert report.acwr == pytest.approx(1.0, abs=0.1)
    assert report.max_hr == 180
    assert report.hr_zones[1].low == 128, "Karvonen: 50 + 0.6 × (180 − 50)"
    assert report.vdot == pytest.approx(40.0, abs=0.2), "Daniels: VDOT 40 runs 10 km in 50:03"
    assert report.predictions["5k"] < report.predictions["10k"]


async def test_a_sudden_jump_in_load_means_rest() -> None:
    uow = FakeUnitOfWork()
    for day in range(1, 29):
        await uow.workouts.add(run(day, 30.0 if day > 6 else 150.0))
    report = await CoachService(uow, lambda: NOW).today(user())
    assert report.load_warning
    assert report.advice.kind is AdviceKind.REST


async def test_without_a_journal_the_coach_says_start_easy() -> None:
    report = await CoachService(FakeUnitOfWork(), lambda: NOW).today(user())
    assert report.advice.reason is AdviceReason.NO_HISTORY
    assert report.vdot is None
    assert report.hr_zones == ()


async def test_a_new_athlete_gets_no_load_spike_warning() -> None:
    """Two weeks of training are all 'acute': the 28-day ratio would read as a spike."""
    uow = FakeUnitOfWork()
    for day in range(1, 14):
        await uow.workouts.add(run(day, 60.0))
    report = await CoachService(uow, lambda: NOW).today(user())
    assert report.acwr is None
    assert not report.load_warning
