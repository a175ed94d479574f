from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

import pytest

from domain.coaching.load import LoadMethod, hr_training_stress, trimp_banister
from domain.coaching.performance import threshold_speed, vdot
from domain.errors import InvalidValueError, NotFoundError
from domain.users.models import Language, Units, User
from domain.workouts.models import Activity, WorkoutDraft, WorkoutSource
from domain.workouts.service import Guidance, Logged, WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def _fixed(moment: datetime) -> datetime:
    return moment


def athlete(user_id: int = 1, **profile: object) -> User:
    user = User(user_id, "Ann", None, Language.EN, Units.METRIC, "UTC", NOW)
    return user.with_profile(**profile)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def service(uow: FakeUnitOfWork) -> WorkoutService:
    return WorkoutService(uow, lambda: NOW)


async def test_a_complete_line_is_stored_with_its_load(service: WorkoutService) -> None:
    user = athlete(birth_year=1986, resting_hr=50, max_hr=190)
    logged = await service.log_text(user, "run 10k 52:30 hr 150")
    assert isinstance(logged, Logged)
    workout = logged.workout
    assert workout.started_at == NOW - timedelta(seconds=3150), "it ended now"
    assert workout.load_method == LoadMethod.HEART_RATE
    assert workout.hr_load is not None
    assert workout.hr_load == pytest.approx(trimp_banister(3150, 150, 50, 190)), "raw TRIMP"
    lthr = 50 + 0.85 * (190 - 50)
    expected = hr_training_stress(workout.hr_load, round(lthr), 50, 190)
    assert workout.load == pytest.approx(expected, abs=0.05), "on the one scale"


async def test_heart_rate_and_effort_loads_are_both_kept(service: WorkoutService) -> None:
    logged = await service.log_text(athlete(birth_year=1990), "run 60 min rpe 6 hr 140")
    assert isinstance(logged, Logged)
    workout = logged.workout
    assert workout.load_method == LoadMethod.HEART_RATE
    assert workout.rpe_load == 360
    assert workout.hr_load is not None


async def test_effort_alone_gives_the_session_rpe_load(service: WorkoutService) -> None:
    logged = await service.log_text(athlete(), "strength 45 min rpe 7")
    assert isinstance(logged, Logged)
    workout = logged.workout
    assert (workout.load, workout.load_method) == (75, LoadMethod.RPE), "315 / 420 × 100"
    assert workout.rpe_load == 315, "Foster's raw session load is kept"


async def test_an_incomplete_line_asks_for_the_rest(service: WorkoutService) -> None:
    outcome = await service.log_text(athlete(), "run 8 km")
    assert isinstance(outcome, Guidance)
    assert outcome.draft is not None
    assert (outcome.draft.activity, outcome.draft.distance_m) == (Activity.RUN, 8000)
    assert await service.log_text(athlete(), "hello") == Guidance(None)


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (WorkoutDraft(Activity.RUN, duration_s=600, distance_m=10_000), "pace"),
        (WorkoutDraft(Activity.RUN, duration_s=30), "duration"),
        (WorkoutDraft(Activity.RIDE, duration_s=3600, avg_hr=400), "heart_rate"),
        (WorkoutDraft(Activity.YOGA, duration_s=3600, rpe=11), "rpe"),
        (WorkoutDraft(Activity.WALK), "workout"),
    ],
)
async def test_absurd_workouts_are_refused_and_nothing_is_stored(
    service: WorkoutService, uow: FakeUnitOfWork, draft: WorkoutDraft, field: str
) -> None:
    with pytest.raises(InvalidValueError) as error:
        await service.log(athlete(), draft, WorkoutSource.GUIDED)
    assert error.value.field == field
    assert uow.workouts.rows == {}


async def test_nobody_reaches_another_athletes_workout(service: WorkoutService) -> None:
    logged = await service.log_text(athlete(1), "yoga 30 min")
    assert isinstance(logged, Logged)
    stored = logged.workout
    with pytest.raises(NotFoundError):
        await service.get(2, stored.id)
    with pytest.raises(NotFoundError):
        await service.delete(athlete(2), stored.id)
    with pytest.raises(NotFoundError):
        await service.set_note(2, stored.id, "mine now")
    assert (await service.get(1, stored.id)).note is None


async def test_the_journal_pages_newest_first_and_filters(
    uow: FakeUnitOfWork,
) -> None:
    for day in range(12):
        moment = NOW + timedelta(days=day)
        text = "swim 20 min" if day % 3 == 0 else "run 30 min"
        await WorkoutService(uow, partial(_fixed, moment)).log_text(athlete(), text)
    service = WorkoutService(uow, lambda: NOW)
    first = await service.journal(athlete(), 0, None)
    assert (first.page, first.pages, len(first.workouts)) == (0, 3, 5)
    assert first.workouts[0].started_at > first.workouts[-1].started_at
    last = await service.journal(athlete(), 99, None)
    assert (last.page, len(last.workouts)) == (2, 2)
    swims = await service.journal(athlete(), 0, Activity.SWIM)
    assert swims.pages == 1
    assert {w.activity for w in swims.workouts} == {Activity.SWIM}


async def test_notes_are_trimmed_and_bounded(service: WorkoutService) -> None:
    logged = await service.log_text(athlete(), "walk 40 min")
    assert isinstance(logged, Logged)
    stored = logged.workout
    updated = await service.set_note(1, stored.id, "  felt   great  ")
    assert updated.note == "felt great"
    with pytest.raises(InvalidValueError):
        await service.set_note(1, stored.id, "x" * 501)


async def test_a_run_with_only_distance_and_time_is_weighed_by_its_pace(
    service: WorkoutService,
) -> None:
    """No heart rate, no effort, no threshold pace: the threshold comes from the best run of
    the last 90 days (Daniels' T pace for its VDOT), so the run still counts in fitness."""
    first = await service.log_text(athlete(), "run 10k 52:30")
    assert isinstance(first, Logged)
    threshold = threshold_speed(vdot(10_000, 3150))
    intensity = (10_000 / 3150) / threshold
    assert first.workout.load_method == LoadMethod.PACE
    assert first.workout.load == pytest.approx(3150 / 3600 * intensity**2 * 100, abs=0.1)
    easy = await service.log_text(athlete(), "run 8k 52:00")
    assert isinstance(easy, Logged)
    assert easy.workout.load is not None
    assert first.workout.load is not None
    assert easy.workout.load < first.workout.load, "slower than the best run: a lighter load"
    ride = await service.log_text(athlete(), "ride 40 km 1h30")
    assert isinstance(ride, Logged)
    assert ride.workout.load is None, "a ride has no pace threshold: it waits for HR or effort"


async def test_a_short_run_alone_gives_no_estimate(service: WorkoutService) -> None:
    stride = await service.log_text(athlete(), "run 1 km 3:30")
    assert isinstance(stride, Logged)
    assert stride.workout.load is None, "under 3 km a VDOT would overstate fitness"
