"""Time in heart-rate zones for /stats, from each workout's average heart rate."""

from __future__ import annotations

from dataclasses import replace

from domain.coaching.service import CoachService
from domain.coaching.zones import hr_zones, time_in_zones
from domain.workouts.stats import Period
from tests.unit.coaching.test_coach import NOW, run, user
from tests.unit.domain.fakes import FakeUnitOfWork


def test_each_workout_counts_whole_in_the_zone_of_its_average() -> None:
    zones = hr_zones(180, 50)  # Karvonen: Z1 115–128, Z2 128–141, Z3 141–154, Z4 154–167
    seconds = time_in_zones([(135.0, 3600), (150.0, 1800), (160.0, 1200), (100.0, 600)], zones)
    assert seconds == (600, 3600, 1800, 1200, 0), "below zone 1 (100 bpm) counts as recovery"


def test_above_the_maximum_counts_in_the_top_zone() -> None:
    assert time_in_zones([(195.0, 300)], hr_zones(180)) == (0, 0, 0, 0, 300)


async def test_stats_report_time_in_zones_of_the_period_only() -> None:
    uow = FakeUnitOfWork()
    await uow.workouts.add(replace(run(0.1, 40.0), avg_hr=135))  # this week, Z2
    await uow.workouts.add(replace(run(1, 40.0, duration_s=1800), avg_hr=160))  # Monday, Z4
    await uow.workouts.add(replace(run(9, 40.0), avg_hr=150))  # the week before: not counted
    await uow.workouts.add(run(0.2, 40.0))  # no heart rate: not counted
    coach = CoachService(uow, lambda: NOW)
    report = await coach.stats(user(birth_year=1986, resting_hr=50), Period.WEEK)
    assert report.zone_seconds == (0, 3000, 0, 1800, 0)
    assert report.zones[0].low == 115


async def test_stats_without_heart_rate_zones_show_none() -> None:
    uow = FakeUnitOfWork()
    await uow.workouts.add(replace(run(0.1, 40.0), avg_hr=135))
    report = await CoachService(uow, lambda: NOW).stats(user(), Period.WEEK)
    assert report.zone_seconds == (), "no birth year and no max HR: zones are unknown"
