"""The coach's wellness rules: sleep, soreness and resting heart rate, and where they rank."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.coaching.advice import RULES, AdviceKind, AdviceReason, Situation, advise
from domain.coaching.service import CoachService
from domain.plans.models import SessionKind
from domain.users.models import Language, Units, User, Weekday
from domain.wellness.models import WellnessField
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
        ({"soreness": 5}, AdviceKind.REST, AdviceReason.VERY_SORE),
        ({"soreness": 4}, AdviceKind.EASY, AdviceReason.STEADY),
        ({"sleep_hours": 4.0}, AdviceKind.EASY, AdviceReason.POOR_SLEEP),
        ({"sleep_hours": 5.0}, AdviceKind.EASY, AdviceReason.STEADY),
        ({"sleep_quality": 1}, AdviceKind.EASY, AdviceReason.POOR_SLEEP),
        ({"sleep_quality": 2}, AdviceKind.EASY, AdviceReason.STEADY),
        ({"resting_hr_rise": 7.0}, AdviceKind.EASY, AdviceReason.ELEVATED_RESTING_HR),
        ({"resting_hr_rise": 6.9}, AdviceKind.EASY, AdviceReason.STEADY),
        ({"resting_hr_rise": -10.0}, AdviceKind.EASY, AdviceReason.STEADY),
    ],
)
def test_each_wellness_rule(
    changes: dict[str, object], kind: AdviceKind, reason: AdviceReason
) -> None:
    advice = advise(replace(BASE, **changes))  # type: ignore[arg-type]
    assert (advice.kind, advice.reason) == (kind, reason)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        # Pain beats everything, even a journal too short for the other rules.
        ({"soreness": 5, "workouts_last_28_days": 0}, AdviceReason.VERY_SORE),
        ({"soreness": 5, "acwr": 1.8}, AdviceReason.VERY_SORE),
        # Rest advice from the training load is not softened to "easy" by a bad night.
        ({"sleep_hours": 3.0, "acwr": 1.8}, AdviceReason.LOAD_SPIKE),
        ({"sleep_hours": 3.0, "form": -35.0}, AdviceReason.VERY_TIRED),
        ({"sleep_quality": 1, "training_day": False}, AdviceReason.NOT_A_TRAINING_DAY),
        # A bad night or a high pulse caps a fresh day or a weekend's long session.
        ({"sleep_quality": 1, "resting_hr_rise": 9.0}, AdviceReason.POOR_SLEEP),
        ({"resting_hr_rise": 9.0, "form": -15.0}, AdviceReason.ELEVATED_RESTING_HR),
        ({"resting_hr_rise": 9.0, "form": 8.0}, AdviceReason.ELEVATED_RESTING_HR),
        ({"sleep_hours": 4.0, "weekend": True}, AdviceReason.POOR_SLEEP),
    ],
)
def test_the_order_of_the_wellness_rules(changes: dict[str, object], reason: AdviceReason) -> None:
    assert advise(replace(BASE, **changes)).reason is reason  # type: ignore[arg-type]


def test_the_rules_table_lists_the_wellness_rules_in_order() -> None:
    reasons = [advice.reason for _, advice in RULES]
    assert reasons.index(AdviceReason.VERY_SORE) == 0
    assert (
        reasons.index(AdviceReason.NOT_A_TRAINING_DAY)
        < reasons.index(AdviceReason.POOR_SLEEP)
        < reasons.index(AdviceReason.ELEVATED_RESTING_HR)
        < reasons.index(AdviceReason.TIRED)
    )


NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # a Tuesday; 13:00 in Novosibirsk
TODAY = date(2026, 11, 24)


def athlete() -> User:
    user = User(1, "Ann", None, Language.EN, Units.METRIC, "Asia/Novosibirsk", NOW)
    return user.with_profile(days=frozenset(Weekday))


async def steady_journal(uow: FakeUnitOfWork) -> None:
    for day in range(1, 29):
        await uow.workouts.add(
            Workout(
                id=0,
                user_id=1,
                activity=Activity.RUN,
                started_at=NOW - timedelta(days=day),
                source=WorkoutSource.TEXT,
                duration_s=3000,
                distance_m=10_000,
                load=50.0,
            )
        )


async def record(uow: FakeUnitOfWork, days_ago: int, field: WellnessField, value: float) -> None:
    await uow.checkins.set_field(1, TODAY - timedelta(days=days_ago), field, value, NOW)


async def test_the_coach_reads_todays_check_in() -> None:
    uow = FakeUnitOfWork()
    await steady_journal(uow)
    await record(uow, 0, WellnessField.SORENESS, 5)
    report = await CoachService(uow, lambda: NOW).today(athlete())
    assert report.advice.reason is AdviceReason.VERY_SORE
    assert report.wellness is not None
    assert report.wellness.today is not None
    assert report.wellness.today.soreness == 5


async def test_yesterdays_check_in_is_not_todays() -> None:
    uow = FakeUnitOfWork()
    await steady_journal(uow)
    await record(uow, 1, WellnessField.SORENESS, 5)
    report = await CoachService(uow, lambda: NOW).today(athlete())
    assert report.advice.reason is not AdviceReason.VERY_SORE
    assert report.wellness is None, "nothing to show without a check-in today"


@pytest.mark.parametrize(
    ("earlier", "today", "reason_is_elevated"),
    [
        ((50, 51, 49), 57, True),
        ((50, 51, 49), 56, False),
        ((50, 51), 70, False),  # two earlier values are no baseline yet
    ],
)
async def test_a_resting_heart_rate_well_above_the_athletes_average_means_easy(
    earlier: tuple[int, ...], today: int, reason_is_elevated: bool
) -> None:
    uow = FakeUnitOfWork()
    await steady_journal(uow)
    for days_ago, bpm in enumerate(earlier, start=2):
        await record(uow, days_ago, WellnessField.RESTING_HR, bpm)
    await record(uow, 0, WellnessField.RESTING_HR, today)
    report = await CoachService(uow, lambda: NOW).today(athlete())
    assert (report.advice.reason is AdviceReason.ELEVATED_RESTING_HR) is reason_is_elevated
    if reason_is_elevated:
        assert report.advice.kind is AdviceKind.EASY


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"planned": SessionKind.REST, "sleep_hours": 4.0}, AdviceReason.PLAN_REST),
        ({"training_day": False, "sleep_hours": 4.0}, AdviceReason.NOT_A_TRAINING_DAY),
        ({"planned": SessionKind.QUALITY, "sleep_hours": 4.0}, AdviceReason.POOR_SLEEP),
        ({"planned": SessionKind.LONG, "resting_hr_rise": 9.0}, AdviceReason.ELEVATED_RESTING_HR),
        ({"planned": SessionKind.LONG, "soreness": 5}, AdviceReason.VERY_SORE),
        ({"planned": SessionKind.LONG, "sleep_hours": 7.5}, AdviceReason.PLAN_LONG),
    ],
)
def test_a_rest_day_stays_a_rest_day_and_a_bad_night_beats_a_hard_plan(
    changes: dict[str, object], reason: AdviceReason
) -> None:
    """With both a plan and a check-in: never "easy" on a rest day, never intervals after
    a four-hour night, and the plan's long run on a good morning."""
    assert advise(replace(BASE, **changes)).reason is reason  # type: ignore[arg-type]
