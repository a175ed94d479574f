"""Load formulas against their published definitions."""

from __future__ import annotations

import math

import pytest

from domain.coaching.load import (
    LoadInputs,
    LoadMethod,
    epley_1rm,
    max_hr_tanaka,
    session_rpe_load,
    trimp_banister,
    workout_load,
)


def test_banister_trimp_worked_example() -> None:
    """Banister (1991): 30 min at a heart-rate reserve of 0.5, male: 30 × 0.5 × 0.64·e^0.96."""
    expected = 30 * 0.5 * 0.64 * math.exp(1.92 * 0.5)
    assert trimp_banister(1800, avg_hr=125, resting_hr=60, max_hr=190) == pytest.approx(expected)
    assert expected == pytest.approx(25.07, abs=0.01)
    female = 30 * 0.5 * 0.86 * math.exp(1.67 * 0.5)
    assert trimp_banister(1800, 125, 60, 190, female=True) == pytest.approx(female)


def test_foster_session_rpe() -> None:
    """Foster et al. (2001): session load = RPE × duration in minutes."""
    assert session_rpe_load(7, 45 * 60) == 315


def test_tanaka_max_heart_rate() -> None:
    """Tanaka, Monahan & Seals (2001): 208 − 0.7 × age; age 40 → 180."""
    assert max_hr_tanaka(40) == 180


def test_epley_one_rep_max() -> None:
    """Epley (1985): 100 kg × 5 → 116.7 kg; a single is its own maximum."""
    assert epley_1rm(100, 5) == pytest.approx(116.67, abs=0.01)
    assert epley_1rm(140, 1) == 140


def test_heart_rate_wins_over_effort_and_both_are_kept() -> None:
    result = workout_load(LoadInputs(3600, avg_hr=150, resting_hr=50, max_hr=190, rpe=5))
    assert result is not None
    assert result.method is LoadMethod.HEART_RATE
    assert result.rpe_load == 300
    assert result.hr_load == pytest.approx(trimp_banister(3600, 150, 50, 190))


def test_without_a_max_heart_rate_the_age_estimate_is_used() -> None:
    with_age = workout_load(LoadInputs(3600, avg_hr=150, age=40))
    assert with_age is not None
    assert with_age.hr_load == pytest.approx(trimp_banister(3600, 150, 60, 180))
    assert workout_load(LoadInputs(3600)) is None
