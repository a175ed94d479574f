"""Dated logs, the journal by local day and period, a workout's detail and its edits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.coaching.load import LoadMethod
from domain.errors import InvalidValueError, NotFoundError
from domain.users.models import Language, Units, User
from domain.workouts.entries import WorkoutEdit
from domain.workouts.models import Activity, JournalPeriod, Workout
from domain.workouts.moments import DaysAgo, When
from domain.workouts.records import RecordKind
from domain.workouts.service import Guidance, Logged, WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

# Tuesday 24 November 2026, 18:00 UTC = 21:00 in Moscow.
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def athlete(user_id: int = 1, zone: str = "Europe/Moscow", **profile: object) -> User:
    user = User(user_id, "Ann", None, Language.RU, Units.METRIC, zone, NOW)
    return user.with_profile(**profile)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def service(uow: FakeUnitOfWork) -> WorkoutService:
    return WorkoutService(uow, lambda: NOW)


async def logged(service: WorkoutService, text: str, user: User | None = None) -> Workout:
    outcome = await service.log_text(user or athlete(), text)
    assert isinstance(outcome, Logged), text
    return outcome.workout


@pytest.mark.parametrize(
    ("text", "started_at"),
    [
        ("вчера бег 10 км 50:00", datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        ("yesterday at 7:30 run 10k 50:00", datetime(2026, 11, 23, 4, 30, tzinfo=UTC)),
        ("в пн в 7 утра бег 30 мин", datetime(2026, 11, 23, 4, 0, tzinfo=UTC)),
        ("23 ноября силовая 45 мин rpe 7", datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        ("2026-11-20 yoga 30m", datetime(2026, 11, 20, 9, 0, tzinfo=UTC)),
        ("swim 1500m 31:20 at 6pm", datetime(2026, 11, 24, 15, 0, tzinfo=UTC)),
        ("сегодня йога 30 мин", NOW - timedelta(minutes=30)),
    ],
)
async def test_a_dated_log_starts_when_it_says_in_the_athletes_zone(
    service: WorkoutService, text: str, started_at: datetime
) -> None:
    assert (await logged(service, text)).started_at == started_at


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("run 30 min at 22:00", "future"),  # 22:00 in Moscow is an hour ahead
        ("2026-11-25 run 30 min", "future"),
        ("2025-11-01 бег 30 мин", "too_old"),
        ("31.02 run 30 min", "no_such_date"),
    ],
)
async def test_future_and_too_old_moments_are_refused(
    service: WorkoutService, uow: FakeUnitOfWork, text: str, reason: str
) -> None:
    with pytest.raises(InvalidValueError) as error:
        await service.log_text(athlete(), text)
    assert (error.value.field, error.value.reason) == ("when", reason)
    assert uow.workouts.rows == {}


async def test_a_guided_log_keeps_the_day_it_was_given(service: WorkoutService) -> None:
    outcome = await service.log_text(athlete(), "вчера бег 8 км")
    assert isinstance(outcome, Guidance)
    assert outcome.draft is not None
    assert outcome.draft.started_at == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def test_the_journal_groups_by_local_day_and_filters_by_period(
    service: WorkoutService,
) -> None:
    for text in ("2026-10-30 run 30 min", "2026-11-02 swim 30 min", "в пн бег 30 мин",
                 "2026-01-05 yoga 30m", "вчера в 23:30 walk 40 min", "run 20 min"):  # fmt: skip
        await logged(service, text)
    everything = await service.journal(athlete(), 0, None)
    assert everything.today == date(2026, 11, 24)
    assert [day.day for day in everything.days] == [
        date(2026, 11, 24), date(2026, 11, 23), date(2026, 11, 2), date(2026, 10, 30),
    ]  # fmt: skip
    assert [w.activity for w in everything.days[1].workouts] == [Activity.WALK, Activity.RUN]
    older = await service.journal(athlete(), 1, None)
    assert [day.day for day in older.days] == [date(2026, 1, 5)]
    week = await service.journal(athlete(), 0, None, JournalPeriod.WEEK)
    assert (week.period, len(week.workouts)) == (JournalPeriod.WEEK, 3)
    month = await service.journal(athlete(), 0, None, JournalPeriod.MONTH)
    assert len(month.workouts) == 4
    year_runs = await service.journal(athlete(), 0, Activity.RUN, JournalPeriod.YEAR)
    assert len(year_runs.workouts) == 3


async def test_a_day_is_the_athletes_day(service: WorkoutService) -> None:
    # 23:30 on Monday in Moscow is 20:30 UTC: still Monday, not Tuesday, for a Muscovite.
    await logged(service, "вчера в 23:30 бег 30 мин")
    page = await service.journal(athlete(), 0, None, JournalPeriod.WEEK)
    assert [day.day for day in page.days] == [date(2026, 11, 23)]
    tokyo = await service.journal(athlete(zone="Asia/Tokyo"), 0, None)
    assert [day.day for day in tokyo.days] == [date(2026, 11, 24)]


async def test_the_detail_has_the_zone_and_the_records_held(service: WorkoutService) -> None:
    user = athlete(max_hr=190, resting_hr=50)
    workout = await logged(service, "run 5k 25:00 hr 140", user)
    detail = await service.detail(user, workout.id)
    # Karvonen (1957): 140 bpm is 64 % of the reserve 50..190, zone 2 being 60-70 %.
    assert detail.zone == 2
    assert {record.key for record in detail.records} == {
        (RecordKind.LONGEST, "run"),
        (RecordKind.FASTEST, "5k"),
    }
    with pytest.raises(NotFoundError):
        await service.detail(athlete(2), workout.id)


async def test_an_edit_weighs_the_load_again(service: WorkoutService) -> None:
    user = athlete()
    workout = await logged(service, "run 10k 60:00 rpe 5", user)
    assert (workout.rpe_load, workout.load_method) == (300, LoadMethod.RPE), "Foster: 5 × 60"
    assert workout.load == pytest.approx(300 / 4.2, abs=0.05), "ADR 0015: an hour at RPE 7 is 100"
    longer = await service.edit(user, workout.id, WorkoutEdit(duration_s=3000))
    assert (longer.workout.duration_s, longer.workout.rpe_load) == (3000, 250)
    assert longer.workout.load == pytest.approx(250 / 4.2, abs=0.05)
    farther = await service.edit(user, workout.id, WorkoutEdit(distance_m=12_000))
    assert farther.workout.speed_mps == pytest.approx(4.0)
    assert (await service.get(user.id, workout.id)).distance_m == 12_000


async def test_an_edit_hands_records_over_both_ways(
    service: WorkoutService, uow: FakeUnitOfWork
) -> None:
    user = athlete()
    slow = await logged(service, "run 5k 25:00", user)
    fast = await logged(service, "run 5k 24:00", user)

    def holders() -> dict[tuple[RecordKind, str], tuple[float, int]]:
        return {record.key: (record.value, held) for record, held in uow.records.rows.values()}

    assert holders()[(RecordKind.FASTEST, "5k")] == (1440, fast.id)
    await service.edit(user, fast.id, WorkoutEdit(distance_m=8000))
    assert holders()[(RecordKind.FASTEST, "5k")] == (1500, slow.id), "the next best takes it"
    assert holders()[(RecordKind.LONGEST, "run")] == (8000, fast.id)
    detail = await service.edit(user, slow.id, WorkoutEdit(duration_s=23 * 60))
    assert holders()[(RecordKind.FASTEST, "5k")] == (1380, slow.id)
    assert (RecordKind.FASTEST, "5k") in {record.key for record in detail.records}
    await service.edit(user, fast.id, WorkoutEdit(activity=Activity.RIDE))
    assert holders()[(RecordKind.LONGEST, "run")] == (5000, slow.id)
    assert holders()[(RecordKind.LONGEST, "ride")] == (8000, fast.id)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (WorkoutEdit(duration_s=30), "duration"),
        (WorkoutEdit(distance_m=50_000), "pace"),
        (WorkoutEdit(avg_hr=300), "heart_rate"),
        (WorkoutEdit(rpe=12), "rpe"),
        (WorkoutEdit(when=When(DaysAgo(400))), "when"),
    ],
)
async def test_a_bad_edit_changes_nothing(
    service: WorkoutService, uow: FakeUnitOfWork, change: WorkoutEdit, field: str
) -> None:
    user = athlete()
    workout = await logged(service, "run 5k 25:00", user)
    records = dict(uow.records.rows)
    with pytest.raises(InvalidValueError) as error:
        await service.edit(user, workout.id, change)
    assert error.value.field == field
    assert await service.get(user.id, workout.id) == workout
    assert uow.records.rows == records


async def test_nobody_edits_another_athletes_workout(
    service: WorkoutService, uow: FakeUnitOfWork
) -> None:
    workout = await logged(service, "run 5k 25:00")
    commits = uow.commits
    with pytest.raises(NotFoundError):
        await service.edit(athlete(2), workout.id, WorkoutEdit(distance_m=6000))
    assert await service.get(1, workout.id) == workout
    assert uow.commits == commits


async def test_a_moved_workout_keeps_its_local_time(service: WorkoutService) -> None:
    user = athlete()
    workout = await logged(service, "в пн в 7:30 бег 30 мин", user)
    moved = await service.edit(user, workout.id, WorkoutEdit(when=When(DaysAgo(3))))
    assert moved.workout.started_at == datetime(2026, 11, 21, 4, 30, tzinfo=UTC)
    with pytest.raises(InvalidValueError):
        await service.edit(user, workout.id, WorkoutEdit(when=When(DaysAgo(-1))))
