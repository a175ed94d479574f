"""Coaching formulas against published reference values."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.coaching.fitness import acwr, acwr_warning, fitness_series
from domain.coaching.performance import (
    easy_speeds,
    interval_speed,
    marathon_speed,
    predictions,
    race_time_for_vdot,
    riegel,
    threshold_speed,
    vdot,
)
from domain.coaching.zones import hr_zones, max_heart_rate, power_zones, zone_of

DAY = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("distance_m", "time_s", "expected"),
    [
        (5000, 20 * 60, 49.8),  # Daniels' Running Formula, VDOT table: 5 km 20:00 → 49.8
        (10_000, 40 * 60, 51.9),  # 10 km 40:00 → 51.9
        (42_195, 3 * 3600, 53.5),  # marathon 3:00:00 → 53.5
    ],
)
def test_vdot_matches_daniels_tables(distance_m: float, time_s: float, expected: float) -> None:
    assert vdot(distance_m, time_s) == pytest.approx(expected, abs=0.15)


def test_daniels_threshold_pace_for_vdot_50() -> None:
    """Daniels' tables: VDOT 50 → T pace 4:15 per km."""
    seconds_per_km = 1000 / threshold_speed(50)
    assert seconds_per_km == pytest.approx(255, abs=2)


def test_daniels_easy_marathon_and_interval_paces_for_vdot_50() -> None:
    """Daniels' Running Formula (3rd ed.), VDOT table at 50: E 5:07–5:38, M 4:31, I 3:55 /km."""
    slow, fast = easy_speeds(50)
    assert 1000 / fast == pytest.approx(307, abs=3)
    assert 1000 / slow == pytest.approx(338, abs=3)
    assert 1000 / marathon_speed(50) == pytest.approx(271, abs=2)
    assert 1000 / interval_speed(50) == pytest.approx(235, abs=2)


@given(st.floats(min_value=900, max_value=3600))
def test_race_time_for_vdot_inverts_vdot(time_s: float) -> None:
    assert race_time_for_vdot(vdot(5000, time_s), 5000) == pytest.approx(time_s, abs=1.0)


def test_riegel_prediction() -> None:
    """Riegel (1981), T2 = T1 × (D2/D1)^1.06: 10 km in 40:00 → marathon in 3:04:00."""
    assert riegel(2400, 10_000, 42_195) == pytest.approx(3 * 3600 + 4 * 60, abs=2)
    times = predictions(10_000, 2400)
    assert times["10k"] == pytest.approx(2400)
    assert times["5k"] < times["10k"] < times["half"] < times["marathon"]


def test_karvonen_zones() -> None:
    """Karvonen (1957): target = rest + fraction × (max − rest); 50/190 → zone 2 from 134."""
    zones = hr_zones(190, resting_hr=50)
    assert [(z.low, z.high) for z in zones[:2]] == [(120, 134), (134, 148)]
    assert zone_of(150, zones) == 3
    assert zone_of(100, zones) == 0
    assert zone_of(195, zones) == 5


def test_zones_without_resting_heart_rate_use_percent_of_max() -> None:
    zones = hr_zones(180)
    assert (zones[0].low, zones[-1].high) == (90, 180)
    assert max_heart_rate(None, 40) == 180
    assert max_heart_rate(192, 40) == 192


def test_coggan_power_levels() -> None:
    """Allen & Coggan: level 4 (threshold) is 91–105 % of FTP."""
    zones = power_zones(250)
    assert zones[3].low == pytest.approx(227.5)
    assert zones[3].high == pytest.approx(262.5)
    assert zone_of(250, zones) == 4


def test_fitness_follows_the_impulse_response_model() -> None:
    """One day of load 100 from zero: fitness 100/42, fatigue 100/7; form is the day before."""
    series = fitness_series({DAY: 100.0}, DAY, DAY + timedelta(days=1))
    assert series[0].fitness == pytest.approx(100 / 42)
    assert series[0].fatigue == pytest.approx(100 / 7)
    assert series[0].form == 0
    assert series[1].form == pytest.approx(100 / 42 - 100 / 7)


def test_a_constant_load_converges_to_that_load() -> None:
    loads = {DAY + timedelta(days=i): 50.0 for i in range(400)}
    last = fitness_series(loads, DAY, DAY + timedelta(days=399))[-1]
    assert last.fitness == pytest.approx(50, abs=0.01)
    assert last.fatigue == pytest.approx(50, abs=0.01)


def test_acwr_warns_after_a_sudden_jump() -> None:
    """Gabbett (2016): acute:chronic above 1.5 marks a spike in injury risk."""
    steady = {DAY + timedelta(days=i): 40.0 for i in range(28)}
    end = DAY + timedelta(days=27)
    assert acwr(steady, end) == pytest.approx(1.0)
    assert not acwr_warning(acwr(steady, end))
    spike = {**steady, **{end - timedelta(days=i): 120.0 for i in range(7)}}
    assert acwr_warning(acwr(spike, end))
    assert acwr({}, end) is None
