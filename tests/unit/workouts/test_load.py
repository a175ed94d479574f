"""Load formulas against their published definitions."""

from __future__ import annotations

import math

import pytest

from domain.coaching.load import (
    LoadInputs,
    LoadMethod,
    default_lthr,
    epley_1rm,
    hr_training_stress,
    lthr_from_time_trial,
    max_hr_tanaka,
    pace_load,
    rpe_on_scale,
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


def test_an_hour_at_lthr_is_a_heart_rate_load_of_100() -> None:
    """hrTSS (TrainingPeaks): TRIMP scaled so that one hour at LTHR scores 100."""
    hour = trimp_banister(3600, 170, 50, 190)
    assert hr_training_stress(hour, 170, 50, 190) == pytest.approx(100)
    half = trimp_banister(1800, 170, 50, 190)
    assert hr_training_stress(half, 170, 50, 190) == pytest.approx(50)
    easy = trimp_banister(3600, 130, 50, 190)
    assert hr_training_stress(easy, 170, 50, 190) < 50, "an easy hour weighs far less"


def test_pace_load_follows_the_running_and_swimming_definitions() -> None:
    """TrainingPeaks: rTSS = hours × IF² × 100 and sTSS = hours × IF³ × 100, where IF is
    speed over threshold speed; an hour at threshold is 100 either way."""
    assert pace_load(3600, 4.0, 4.0, swim=False) == pytest.approx(100)
    assert pace_load(3600, 3.6, 4.0, swim=False) == pytest.approx(81)
    assert pace_load(3600, 0.9, 1.0, swim=True) == pytest.approx(72.9)
    assert pace_load(1800, 1.0, 1.0, swim=True) == pytest.approx(50)


def test_session_rpe_is_calibrated_to_the_one_scale() -> None:
    """Foster's 420 AU (an hour at RPE 7, "very hard") is put at 100, like an hour at
    threshold; the raw AU stay available as `rpe_load`."""
    assert rpe_on_scale(session_rpe_load(7, 3600)) == pytest.approx(100)
    result = workout_load(LoadInputs(45 * 60, rpe=7))
    assert result is not None
    assert (result.method, result.value, result.rpe_load) == (LoadMethod.RPE, 75.0, 315)


def test_friel_lthr_from_a_thirty_minute_time_trial() -> None:
    """Friel: LTHR is the average heart rate of the last 20 of a 30-minute solo time trial."""
    trial = [150.0] * 600 + [168.0] * 600 + [172.0] * 600
    assert lthr_from_time_trial(trial) == pytest.approx(170)
    assert lthr_from_time_trial([160.0] * 900) is None


def test_default_lthr_is_85_percent_of_the_reserve() -> None:
    assert default_lthr(190, 50) == 169


POWER = [200.0] * 3600


@pytest.mark.parametrize(
    ("inputs", "method", "value"),
    [
        (
            LoadInputs(
                3600,
                power=POWER,
                ftp=250,
                speed_mps=3.0,
                threshold_speed_mps=4.0,
                avg_hr=150,
                max_hr=190,
                rpe=5,
            ),
            LoadMethod.POWER,
            64.0,
        ),
        (
            LoadInputs(
                3600,
                power=POWER,
                speed_mps=3.0,
                threshold_speed_mps=4.0,
                avg_hr=150,
                max_hr=190,
                rpe=5,
            ),
            LoadMethod.PACE,
            56.2,
        ),
        (
            LoadInputs(3600, speed_mps=3.0, avg_hr=150, max_hr=190, lthr=150, rpe=5),
            LoadMethod.HEART_RATE,
            100.0,
        ),
        (LoadInputs(3600, speed_mps=3.0, rpe=5), LoadMethod.RPE, 71.4),
    ],
)
def test_load_source_priority_is_power_pace_heart_rate_effort(
    inputs: LoadInputs, method: LoadMethod, value: float
) -> None:
    """Power (200 W / 250 W FTP: IF 0.8 → 64), pace (3 / 4 m/s: 0.75² → 56.25), heart
    rate (an hour at LTHR → 100), effort (300 AU / 4.2 → 71.4): the first that exists wins."""
    result = workout_load(inputs)
    assert result is not None
    assert (result.method, result.value) == (method, value)
    assert result.rpe_load == 300, "the raw effort load is kept whatever wins"
    if inputs.avg_hr is not None:
        assert result.hr_load == pytest.approx(trimp_banister(3600, 150, 60, 190))
