"""Power formulas against Coggan's definitions (Allen & Coggan, Training and Racing with a
Power Meter, 2nd ed., 2010) and GoldenCheetah's src/Metrics/Coggan.cpp."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.coaching.power import (
    best_mean_power,
    estimate_ftp,
    ftp_from_20_minutes,
    intensity_factor,
    normalized_power,
    rolling_means,
    training_stress,
)


def test_an_hour_at_ftp_is_a_load_of_100_at_intensity_1() -> None:
    """Coggan: TSS = s × NP × IF / (FTP × 3600) × 100; one hour at FTP is TSS 100, IF 1.0."""
    ride = [250.0] * 3600
    normalized = normalized_power(ride)
    assert normalized == pytest.approx(250)
    assert intensity_factor(250, 250) == 1.0
    assert training_stress(3600, 250, 250) == pytest.approx(100)


def test_half_an_hour_at_ftp_is_50_and_an_hour_at_075_is_56() -> None:
    """Coggan: load grows with time and with intensity squared: 1 h at IF 0.75 → 56.25."""
    assert training_stress(1800, 250, 250) == pytest.approx(50)
    assert training_stress(3600, 187.5, 250) == pytest.approx(56.25)


@given(st.floats(min_value=0, max_value=2000), st.integers(min_value=1, max_value=600))
def test_a_constant_series_has_that_power_as_its_weighted_power(watts: float, n: int) -> None:
    """Coggan: NP of a perfectly steady effort equals its average power."""
    assert normalized_power([watts] * n) == pytest.approx(watts)


def test_surges_weigh_more_than_their_average() -> None:
    """Alternating 5 min at 350 W and 5 min at 150 W averages 250 W; NP is higher (the 4th
    power mean of 30 s rolling averages), which is the point of the metric."""
    ride = ([350.0] * 300 + [150.0] * 300) * 6
    normalized = normalized_power(ride)
    assert normalized is not None
    assert sum(ride) / len(ride) == 250
    assert 280 < normalized < 300


def test_short_and_empty_series() -> None:
    assert normalized_power([]) is None
    assert normalized_power([100.0, 200.0]) == pytest.approx(150), "under 30 s: the plain mean"
    assert rolling_means([1.0, 2.0, 3.0], 2) == [1.5, 2.5]
    assert rolling_means([1.0], 2) == []


def test_best_mean_maximal_power() -> None:
    ride = [100.0] * 600 + [320.0] * 1200 + [150.0] * 600
    assert best_mean_power(ride, 1200) == pytest.approx(320)
    assert best_mean_power(ride, 60) == pytest.approx(320)
    assert best_mean_power(ride[:100], 1200) is None


def test_ftp_is_95_percent_of_the_best_20_minutes() -> None:
    """Allen & Coggan (2010): FTP ≈ 95 % of the mean power of a 20-minute all-out test."""
    assert ftp_from_20_minutes(300) == pytest.approx(285)
    test = [120.0] * 900 + [300.0] * 1200 + [100.0] * 600
    assert estimate_ftp(test) == pytest.approx(285)
    assert estimate_ftp([300.0] * 600) is None
