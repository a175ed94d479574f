"""Check-ins: one per athlete and local day, answered one field at a time, in a short window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import InvalidValueError
from domain.users.models import Language, Units, User
from domain.wellness.models import CheckIn, WellnessField
from domain.wellness.service import CheckInService
from domain.wellness.summary import wellness_summary
from domain.wellness.validation import day_from_ordinal
from tests.unit.domain.fakes import FakeUnitOfWork

# 17:30 UTC on Mon 23 Nov is already 00:30 on Tue 24 Nov in Novosibirsk (UTC+7).
NOW = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)
TODAY = date(2026, 11, 24)


def athlete(timezone: str = "Asia/Novosibirsk", units: Units = Units.METRIC) -> User:
    return User(1, "Ann", None, Language.EN, units, timezone, NOW)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def service(uow: FakeUnitOfWork) -> CheckInService:
    return CheckInService(uow, lambda: NOW)


async def test_answers_of_one_day_fill_one_check_in(
    service: CheckInService, uow: FakeUnitOfWork
) -> None:
    user = athlete()
    await service.record(user, WellnessField.SLEEP_HOURS, 6, TODAY)
    await service.record(user, WellnessField.MOOD, 4, TODAY)
    overview = await service.record(user, WellnessField.SLEEP_HOURS, 7, TODAY)
    assert list(uow.checkins.rows) == [(1, TODAY)]
    assert overview.checkin.sleep_hours == 7.0, "a second answer replaces the first"
    assert overview.checkin.mood == 4, "and keeps the other answers"
    assert overview.checkin.updated_at == NOW
    assert uow.commits == 3


async def test_the_day_is_the_athletes_own(service: CheckInService) -> None:
    assert service.local_today(athlete("Asia/Novosibirsk")) == TODAY
    assert service.local_today(athlete("UTC")) == TODAY - timedelta(days=1)
    checkin = await service.today(athlete("Asia/Novosibirsk"))
    assert checkin.day == TODAY
    assert checkin.is_empty


async def test_a_day_after_midnight_in_novosibirsk_is_refused_in_utc(
    service: CheckInService,
) -> None:
    await service.record(athlete("Asia/Novosibirsk"), WellnessField.MOOD, 3, TODAY)
    with pytest.raises(InvalidValueError) as error:
        await service.record(athlete("UTC"), WellnessField.MOOD, 3, TODAY)
    assert (error.value.field, error.value.reason) == ("checkin_day", "in_future")


@pytest.mark.parametrize(
    ("days_ago", "reason"), [(-1, "in_future"), (3, "too_old"), (30, "too_old")]
)
async def test_days_outside_the_window_are_refused(
    service: CheckInService, uow: FakeUnitOfWork, days_ago: int, reason: str
) -> None:
    day = TODAY - timedelta(days=days_ago)
    with pytest.raises(InvalidValueError) as error:
        await service.record(athlete(), WellnessField.SORENESS, 2, day)
    assert (error.value.field, error.value.reason) == ("checkin_day", reason)
    with pytest.raises(InvalidValueError):
        service.check_day(athlete(), day)
    assert uow.checkins.rows == {}


async def test_the_two_days_before_today_are_still_open(service: CheckInService) -> None:
    for days_ago in (0, 1, 2):
        day = TODAY - timedelta(days=days_ago)
        overview = await service.record(athlete(), WellnessField.SORENESS, 2, day)
        assert overview.day == day
        assert overview.days_ago == days_ago


@pytest.mark.parametrize(
    ("field", "value", "error_field"),
    [
        (WellnessField.SLEEP_HOURS, 17, "sleep_hours"),
        (WellnessField.SLEEP_HOURS, -1, "sleep_hours"),
        (WellnessField.SLEEP_QUALITY, 0, "sleep_quality"),
        (WellnessField.MOOD, 6, "mood"),
        (WellnessField.MOOD, 2.5, "mood"),
        (WellnessField.SORENESS, 9, "soreness"),
        (WellnessField.RESTING_HR, 20, "resting_hr"),
        (WellnessField.WEIGHT, 400, "weight"),
    ],
)
async def test_values_out_of_range_are_refused_and_nothing_is_stored(
    service: CheckInService,
    uow: FakeUnitOfWork,
    field: WellnessField,
    value: float,
    error_field: str,
) -> None:
    with pytest.raises(InvalidValueError) as error:
        await service.record(athlete(), field, value, TODAY)
    assert (error.value.field, error.value.reason) == (error_field, "out_of_range")
    assert uow.checkins.rows == {}
    assert uow.commits == 0


@pytest.mark.parametrize(
    ("units", "text", "kg"),
    [
        (Units.METRIC, "72,5", 72.5),
        (Units.IMPERIAL, "165", 74.8),
        (Units.IMPERIAL, "80 kg", 80.0),
        (Units.METRIC, "160 lb", 72.6),
    ],
)
async def test_a_typed_weight_is_read_in_the_athletes_units(
    service: CheckInService, units: Units, text: str, kg: float
) -> None:
    overview = await service.record_text(athlete(units=units), WellnessField.WEIGHT, text, TODAY)
    assert overview.checkin.weight_kg == kg


@pytest.mark.parametrize(
    ("field", "text", "error"),
    [
        (WellnessField.RESTING_HR, "fast", ("resting_hr", "not_a_number")),
        (WellnessField.RESTING_HR, "52.5", ("resting_hr", "not_a_number")),
        (WellnessField.RESTING_HR, "200", ("resting_hr", "out_of_range")),
        (WellnessField.WEIGHT, "heavy", ("weight", "not_a_number")),
        (WellnessField.WEIGHT, "70 stone", ("weight", "unknown_unit")),
        (WellnessField.MOOD, "4", ("mood", "not_typed")),
    ],
)
async def test_a_bad_typed_value_is_explained_and_not_stored(
    service: CheckInService,
    uow: FakeUnitOfWork,
    field: WellnessField,
    text: str,
    error: tuple[str, str],
) -> None:
    with pytest.raises(InvalidValueError) as raised:
        await service.record_text(athlete(), field, text, TODAY)
    assert (raised.value.field, raised.value.reason) == error
    assert uow.checkins.rows == {}


async def test_a_typed_resting_heart_rate_is_stored(service: CheckInService) -> None:
    overview = await service.record_text(athlete(), WellnessField.RESTING_HR, "52 bpm", TODAY)
    assert overview.checkin.resting_hr == 52


async def test_the_overview_shows_the_week_before_newest_first(
    service: CheckInService, uow: FakeUnitOfWork
) -> None:
    for days_ago in (1, 3, 7, 8):
        day = TODAY - timedelta(days=days_ago)
        await uow.checkins.set_field(1, day, WellnessField.MOOD, 3, NOW)
    await uow.checkins.set_field(2, TODAY - timedelta(days=1), WellnessField.MOOD, 1, NOW)
    overview = await service.overview(athlete())
    assert [c.day for c in overview.recent] == [
        TODAY - timedelta(days=1), TODAY - timedelta(days=3), TODAY - timedelta(days=7)
    ]  # fmt: skip
    assert all(c.user_id == 1 for c in overview.recent)
    assert overview.checkin == CheckIn(1, TODAY)
    last = await service.last_days(athlete(), 7)
    assert [c.day for c in last] == [TODAY - timedelta(days=3), TODAY - timedelta(days=1)]


async def test_the_baseline_summarizes_the_last_two_weeks(
    service: CheckInService, uow: FakeUnitOfWork
) -> None:
    for days_ago, bpm in ((1, 50), (2, 52), (5, 48), (20, 80)):
        day = TODAY - timedelta(days=days_ago)
        await uow.checkins.set_field(1, day, WellnessField.RESTING_HR, bpm, NOW)
    await uow.checkins.set_field(1, TODAY, WellnessField.RESTING_HR, 58, NOW)
    summary = await service.baseline(athlete())
    assert summary.resting_hr_baseline == 50.0, "the day 20 days ago is out of the window"
    assert summary.resting_hr_values == 3
    assert summary.resting_hr_rise == 8.0


def test_a_baseline_needs_three_earlier_values() -> None:
    checkins = [
        CheckIn(1, TODAY - timedelta(days=1), resting_hr=50),
        CheckIn(1, TODAY - timedelta(days=2), resting_hr=50),
        CheckIn(1, TODAY, resting_hr=70, sleep_hours=6),
        CheckIn(1, TODAY - timedelta(days=6), sleep_hours=8),
        CheckIn(1, TODAY - timedelta(days=7), sleep_hours=2),
    ]
    summary = wellness_summary(checkins, TODAY)
    assert summary.resting_hr_baseline is None, "today's own value never counts"
    assert summary.resting_hr_rise is None
    assert summary.sleep_hours_average == 7.0, "7 days, today included"
    assert summary.today == checkins[2]


def test_no_check_in_today_means_no_rise() -> None:
    checkins = [CheckIn(1, TODAY - timedelta(days=n), resting_hr=50) for n in (1, 2, 3)]
    summary = wellness_summary(checkins, TODAY)
    assert summary.today is None
    assert summary.resting_hr_baseline == 50.0
    assert summary.resting_hr_rise is None


@pytest.mark.parametrize("ordinal", [0, -5, 10**9])
def test_a_nonsense_day_from_a_button_is_refused(ordinal: int) -> None:
    with pytest.raises(InvalidValueError) as error:
        day_from_ordinal(ordinal)
    assert error.value.field == "checkin_day"


def test_a_real_day_from_a_button_is_read_back() -> None:
    assert day_from_ordinal(TODAY.toordinal()) == TODAY
