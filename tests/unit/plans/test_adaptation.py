"""Plans adapt once after each week, lazily, with a clock moving across weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.coaching.advice import AdviceKind, AdviceReason
from domain.coaching.service import CoachService
from domain.errors import NotFoundError
from domain.plans.adaptation import DayStatus
from domain.plans.models import AdaptReason, GoalKind, PlanGoal, SessionKind
from domain.plans.service import PlanService
from domain.users.models import Language, Level, Units, User, Weekday
from domain.workouts.models import Activity, Workout, WorkoutSource
from tests.unit.domain.fakes import FakeUnitOfWork

CREATED = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # a Tuesday
MONDAY = date(2026, 11, 30)
HALF = PlanGoal(GoalKind.RACE, 21_097.5)


class Clock:
    def __init__(self) -> None:
        self.now = CREATED

    def __call__(self) -> datetime:
        return self.now

    def go_to(self, day: date, hour: int = 8) -> None:
        self.now = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def athlete() -> User:
    user = User(1, "Ann", None, Language.EN, Units.METRIC, "UTC", CREATED)
    days = frozenset({Weekday.MON, Weekday.WED, Weekday.FRI, Weekday.SUN})
    return user.with_profile(level=Level.INTERMEDIATE, days=days)


async def log(
    uow: FakeUnitOfWork, day: date, load: float = 40.0, activity: Activity = Activity.RUN
) -> None:
    started = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    await uow.workouts.add(
        Workout(0, 1, activity, started, WorkoutSource.TEXT, duration_s=2400, load=load)
    )


async def history(uow: FakeUnitOfWork) -> None:
    """Four steady weeks before the plan, so that the acute:chronic ratio means something."""
    for offset in range(1, 29, 2):
        await log(uow, MONDAY - timedelta(days=offset))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def setup(clock: Clock) -> tuple[FakeUnitOfWork, PlanService]:
    uow = FakeUnitOfWork()
    await history(uow)
    service = PlanService(uow, clock)
    await service.create(athlete(), HALF)
    return uow, service


async def test_a_week_done_as_planned_ramps_as_planned(
    setup: tuple[FakeUnitOfWork, PlanService], clock: Clock
) -> None:
    uow, service = setup
    planned = (await service.current(athlete())).plan  # type: ignore[union-attr]
    for session in planned.weeks[0].sessions:
        await log(uow, session.day, load=45.0)
    clock.go_to(MONDAY + timedelta(weeks=1))
    view = await service.current(athlete())
    assert view is not None
    assert view.week.index == 1
    assert view.week.adapted_reason is AdaptReason.ON_TRACK
    assert view.week.target_minutes == planned.weeks[1].target_minutes
    assert view.plan.weeks[0].adapted_reason is None, "the first week has no week before it"


async def test_missed_sessions_repeat_the_last_weeks_volume(
    setup: tuple[FakeUnitOfWork, PlanService], clock: Clock
) -> None:
    uow, service = setup
    planned = (await service.current(athlete())).plan  # type: ignore[union-attr]
    await log(uow, planned.weeks[0].sessions[0].day)
    await log(uow, planned.weeks[0].sessions[1].day, activity=Activity.RIDE)
    clock.go_to(MONDAY + timedelta(weeks=1, days=2))
    view = await service.current(athlete())
    assert view is not None
    week0, week1, week2 = view.plan.weeks[:3]
    assert week1.adapted_reason is AdaptReason.MISSED
    assert week1.target_minutes == week0.target_minutes
    assert week2.target_minutes == int(week1.target_minutes * 1.10), "the ramp goes on from there"
    assert [day.status for day in view.days if day.session] == [
        DayStatus.MISSED, DayStatus.TODO, DayStatus.TODO, DayStatus.TODO
    ]  # fmt: skip


async def test_an_overload_makes_the_next_week_a_fifth_lighter(
    setup: tuple[FakeUnitOfWork, PlanService], clock: Clock
) -> None:
    uow, service = setup
    planned = (await service.current(athlete())).plan  # type: ignore[union-attr]
    for session in planned.weeks[0].sessions:
        await log(uow, session.day, load=400.0)
    clock.go_to(MONDAY + timedelta(weeks=1))
    view = await service.current(athlete())
    assert view is not None
    assert view.week.adapted_reason is AdaptReason.HIGH_ACWR
    assert view.week.target_minutes == int(planned.weeks[0].target_minutes * 0.8)


async def test_a_first_week_without_history_is_not_taken_for_an_overload(clock: Clock) -> None:
    uow = FakeUnitOfWork()
    service = PlanService(uow, clock)
    created = await service.create(athlete(), HALF)
    for session in created.plan.weeks[0].sessions:
        await log(uow, session.day, load=60.0)
    clock.go_to(MONDAY + timedelta(weeks=1))
    view = await service.current(athlete())
    assert view is not None
    assert view.week.adapted_reason is AdaptReason.ON_TRACK


async def test_adaptation_happens_once_per_week(
    setup: tuple[FakeUnitOfWork, PlanService], clock: Clock
) -> None:
    uow, service = setup
    clock.go_to(MONDAY + timedelta(weeks=3, days=1))
    first = await service.current(athlete())
    saved = uow.plans.saved_weeks
    assert saved > 0
    assert first is not None
    assert [w.adapted_reason for w in first.plan.weeks[1:5]] == [
        AdaptReason.MISSED, AdaptReason.MISSED, AdaptReason.MISSED, None
    ]  # fmt: skip
    again = await service.current(athlete())
    await service.week(athlete(), first.plan.id, 5)
    assert uow.plans.saved_weeks == saved, "nothing is adapted twice"
    assert again == first
    await log(uow, MONDAY + timedelta(weeks=1))
    assert (await service.current(athlete())) == first, "a late log does not redo a week"


async def test_the_coach_follows_the_plan_unless_safety_says_otherwise(
    setup: tuple[FakeUnitOfWork, PlanService], clock: Clock
) -> None:
    uow, service = setup
    coach = CoachService(uow, clock, service)
    clock.go_to(MONDAY + timedelta(days=6))  # Sunday: the long run
    report = await coach.today(athlete())
    assert (report.advice.kind, report.advice.reason) == (AdviceKind.LONG, AdviceReason.PLAN_LONG)
    clock.go_to(MONDAY + timedelta(days=1))  # Tuesday: no session
    report = await coach.today(athlete())
    assert (report.advice.kind, report.advice.reason) == (AdviceKind.REST, AdviceReason.PLAN_REST)
    clock.go_to(MONDAY + timedelta(days=2))
    for hours in range(1, 6):
        await log(uow, MONDAY + timedelta(days=1), load=300.0 + hours)
    report = await coach.today(athlete())
    assert report.advice.reason is AdviceReason.LOAD_SPIKE


async def test_the_plan_offers_todays_kind_and_next_weeks_sessions(
    setup: tuple[FakeUnitOfWork, PlanService], clock: Clock
) -> None:
    _, service = setup
    assert await service.today_kind(athlete()) is None, "the plan starts on Monday"
    week = await service.next_week(athlete())
    assert week is not None and week.starts_on == MONDAY
    assert [s.kind for s in week.sessions] == [
        SessionKind.EASY, SessionKind.QUALITY, SessionKind.EASY, SessionKind.LONG
    ]  # fmt: skip
    clock.go_to(MONDAY + timedelta(days=4))
    assert await service.today_kind(athlete()) is SessionKind.EASY


async def test_a_new_plan_archives_the_old_and_drop_checks_the_owner(
    setup: tuple[FakeUnitOfWork, PlanService],
) -> None:
    uow, service = setup
    old = await service.current(athlete())
    assert old is not None
    await service.create(athlete(), PlanGoal(GoalKind.STRENGTH, sessions_per_week=2))
    with pytest.raises(NotFoundError):
        await service.week(athlete(), old.plan.id, 0)
    current = await service.current(athlete())
    assert current is not None
    with pytest.raises(NotFoundError):
        await service.drop(2, current.plan.id)
    await service.drop(1, current.plan.id)
    assert await service.current(athlete()) is None
    assert len(await uow.plans.all(1)) == 2
