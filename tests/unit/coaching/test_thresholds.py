"""Dated thresholds: an old workout keeps the values valid on its date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.clock import EPOCH
from domain.coaching.load import LoadMethod, hr_training_stress, trimp_banister
from domain.coaching.threshold_service import ThresholdService
from domain.coaching.thresholds import (
    Threshold,
    ThresholdHistory,
    ThresholdKind,
    parse_ftp,
    parse_lthr,
    parse_threshold_pace,
)
from domain.errors import InvalidValueError
from domain.users.models import Language, Profile, ProfileField, Units, User
from domain.users.service import UserService
from domain.workouts.models import Activity, Workout, WorkoutSource
from domain.workouts.service import Logged, WorkoutService
from tests.unit.domain.fakes import FakeTimezones, FakeUnitOfWork

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
T1 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
T1_MIDNIGHT = T1.replace(hour=0)  # the athlete below lives on UTC


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def athlete(units: Units = Units.METRIC, **profile: object) -> User:
    return User(1, "Ann", None, Language.EN, units, "UTC", T0).with_profile(**profile)


def test_history_gives_the_value_valid_at_each_moment() -> None:
    history = ThresholdHistory(
        [
            Threshold(ThresholdKind.FTP, 240, T1),
            Threshold(ThresholdKind.FTP, 200, T0),
            Threshold(ThresholdKind.FTP, None, T2),
        ]
    )
    assert history.at(T0 - timedelta(seconds=1)).ftp is None
    assert history.at(T0).ftp == 200, "valid from its moment on"
    assert history.at(T1 + timedelta(days=3)).ftp == 240
    assert history.at(T2).ftp is None, "withdrawn from T2 on"


def test_heart_rates_fall_back_to_the_profile_before_any_dated_row() -> None:
    history = ThresholdHistory(
        [Threshold(ThresholdKind.MAX_HR, 185, T1)], Profile(max_hr=190, resting_hr=48)
    )
    assert (history.at(T0).max_hr, history.at(T0).resting_hr) == (190, 48)
    assert (history.at(T2).max_hr, history.at(T2).resting_hr) == (185, 48)
    assert history.at(T2).lthr is None


@pytest.mark.parametrize(
    ("text", "units", "seconds_per_km"),
    [
        ("4:15", Units.METRIC, 255),
        ("4.15 /km", Units.METRIC, 255),
        ("6:50", Units.IMPERIAL, 410 / 1.609344),
        ("6:50/mi", Units.METRIC, 410 / 1.609344),
    ],
)
def test_threshold_pace_is_read_per_km_or_per_mile(
    text: str, units: Units, seconds_per_km: float
) -> None:
    assert 1000 / parse_threshold_pace(text, units) == pytest.approx(seconds_per_km)


@pytest.mark.parametrize(
    ("parse", "text", "reason"),
    [
        (parse_ftp, "abc", "not_a_number"),
        (parse_ftp, "5000", "out_of_range"),
        (parse_ftp, "250.5", "not_a_number"),
        (lambda text: parse_lthr(text, 180), "185", "above_max"),
        (lambda text: parse_lthr(text, None), "40", "out_of_range"),
        (lambda text: parse_threshold_pace(text, Units.METRIC), "fast", "not_understood"),
        (lambda text: parse_threshold_pace(text, Units.METRIC), "4:75", "not_understood"),
        (lambda text: parse_threshold_pace(text, Units.METRIC), "1:30", "out_of_range"),
    ],
)
def test_implausible_thresholds_are_refused(parse: object, text: str, reason: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        parse(text)  # type: ignore[operator]
    assert error.value.reason == reason
    assert parse_ftp("250 W") == 250


async def test_a_profile_edit_of_max_hr_is_dated_and_keeps_the_old_value_for_the_past() -> None:
    uow = FakeUnitOfWork()
    users = UserService(uow, Clock(T1), FakeTimezones())
    await uow.users.add(athlete(max_hr=190))
    await uow.commit()
    await users.set_text_field(1, ProfileField.MAX_HR, "182")
    assert await uow.thresholds.all(1) == [
        Threshold(ThresholdKind.MAX_HR, 190, EPOCH),
        Threshold(ThresholdKind.MAX_HR, 182, T1_MIDNIGHT),
    ]
    await users.clear_field(1, ProfileField.MAX_HR)
    history = ThresholdHistory(await uow.thresholds.all(1))
    assert (history.at(T0).max_hr, history.at(T1).max_hr) == (190, None)
    assert history.at(T1_MIDNIGHT - timedelta(seconds=1)).max_hr == 190, "yesterday keeps it"


async def test_an_old_workout_keeps_its_load_after_a_threshold_changes() -> None:
    uow = FakeUnitOfWork()
    clock = Clock(T0)
    zones, workouts = ThresholdService(uow, clock), WorkoutService(uow, clock)
    user = athlete(max_hr=190, resting_hr=50)
    await zones.set(user, ThresholdKind.LTHR, "160")
    clock.now = T1
    first = await workouts.log_text(user, "run 60 min hr 150")
    await zones.set(user, ThresholdKind.LTHR, "175")
    clock.now = T2
    second = await workouts.log_text(user, "run 60 min hr 150")
    assert isinstance(first, Logged) and isinstance(second, Logged)
    trimp = trimp_banister(3600, 150, 50, 190)
    assert first.workout.load == pytest.approx(hr_training_stress(trimp, 160, 50, 190), abs=0.05)
    assert second.workout.load == pytest.approx(hr_training_stress(trimp, 175, 50, 190), abs=0.05)
    assert uow.workouts.rows[first.workout.id].load == first.workout.load


async def test_a_workout_is_weighed_with_the_thresholds_valid_on_its_day() -> None:
    """Max HR 190 is edited to 170 at 08:00: a run logged right after (begun at 07:10) is
    weighed with 170, as the athlete expects; a run from yesterday keeps 190."""
    uow = FakeUnitOfWork()
    clock = Clock(T1)
    users = UserService(uow, clock, FakeTimezones())
    await uow.users.add(athlete(max_hr=190, resting_hr=50))
    await uow.commit()
    edited = await users.set_text_field(1, ProfileField.MAX_HR, "170")
    clock.now = T1 + timedelta(minutes=10)
    logged = await WorkoutService(uow, clock).log_text(edited, "ride 60 min hr 150")
    assert isinstance(logged, Logged)
    assert logged.workout.hr_load == pytest.approx(trimp_banister(3600, 150, 50, 170))
    history = ThresholdHistory(await uow.thresholds.all(1))
    assert history.at(T1 - timedelta(days=1)).max_hr == 190


async def test_zones_come_from_typed_thresholds_and_a_bad_one_stores_nothing() -> None:
    uow = FakeUnitOfWork()
    service = ThresholdService(uow, Clock(T1))
    user = athlete(birth_year=1986, resting_hr=50)
    report = await service.zones(user)
    assert (report.max_hr, report.max_hr_estimated) == (180, True), "Tanaka: 208 − 0.7 × 40"
    assert report.hr_zones[1].low == 128, "Karvonen: 50 + 0.6 × (180 − 50)"
    assert (report.power_zones, report.pace_zones) == ((), ())
    with pytest.raises(InvalidValueError):
        await service.set(user, ThresholdKind.FTP, "5000")
    assert await uow.thresholds.all(1) == []
    report = await service.set(user, ThresholdKind.FTP, "250")
    assert report.power_zones[3].low == pytest.approx(227.5), "Coggan level 4: 91 % of FTP"
    assert await uow.thresholds.all(1) == [Threshold(ThresholdKind.FTP, 250, T1_MIDNIGHT)]


async def test_without_a_threshold_pace_the_best_run_gives_an_estimate() -> None:
    """Daniels: a 10 km in 50:03 is VDOT 40, whose threshold pace is about 5:07 per km."""
    uow = FakeUnitOfWork()
    run = Workout(0, 1, Activity.RUN, T1 - timedelta(days=3), WorkoutSource.TEXT, 3003, 10_000)
    await uow.workouts.add(run)
    report = await ThresholdService(uow, Clock(T1)).zones(athlete())
    assert report.pace_estimated
    assert report.vdot == pytest.approx(40, abs=0.2)
    assert report.threshold_speed is not None
    assert 1000 / report.threshold_speed == pytest.approx(307, abs=4)
    assert len(report.pace_zones) == 6


async def test_after_a_threshold_pace_is_set_runs_are_weighed_by_pace() -> None:
    uow = FakeUnitOfWork()
    clock = Clock(T1)
    user = athlete(max_hr=190)
    await ThresholdService(uow, clock).set(user, ThresholdKind.THRESHOLD_SPEED, "5:00")
    clock.now = T1 + timedelta(hours=2)
    logged = await WorkoutService(uow, clock).log_text(user, "run 12k 60:00 hr 150")
    ride = await WorkoutService(uow, clock).log_text(user, "ride 60 min hr 150")
    assert isinstance(logged, Logged) and isinstance(ride, Logged)
    assert (logged.workout.load, logged.workout.load_method) == (100, LoadMethod.PACE)
    assert logged.workout.hr_load is not None, "the heart-rate load is kept beside it"
    assert ride.workout.load_method == LoadMethod.HEART_RATE, "a running pace is for runs"
