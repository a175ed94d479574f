"""Training load of one workout on one scale (100 ≈ an hour at threshold), best source first."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.coaching.power import normalized_power, training_stress


class LoadMethod(StrEnum):
    POWER = "power"
    PACE = "pace"
    HEART_RATE = "heart_rate"
    RPE = "rpe"


@dataclass(frozen=True, slots=True)
class LoadInputs:
    """What a workout offers to weigh it, with the thresholds valid on its date (SI units)."""

    duration_s: float
    avg_hr: int | None = None
    resting_hr: int | None = None
    max_hr: int | None = None
    age: int | None = None
    rpe: int | None = None
    female: bool = False
    lthr: int | None = None
    power: Sequence[float] = ()
    ftp: float | None = None
    speed_mps: float | None = None
    threshold_speed_mps: float | None = None
    swim: bool = False


@dataclass(frozen=True, slots=True)
class LoadResult:
    """`value` is on the one load scale (100 ≈ an hour at threshold); `hr_load` is the raw
    Banister TRIMP and `rpe_load` the raw Foster session load, kept when they exist."""

    value: float
    method: LoadMethod
    hr_load: float | None
    rpe_load: float | None


DEFAULT_RESTING_HR = 60
# Without a measured LTHR, threshold is taken at 85 % of the heart-rate reserve (ADR 0015).
LTHR_RESERVE_FRACTION = 0.85
# Foster's session RPE is calibrated so that an hour at RPE 7 ("very hard", about what an
# hour-long all-out effort feels like on the CR-10 scale) is 100, like an hour at threshold.
RPE_AT_THRESHOLD = 7
ONE_HOUR_S = 3600.0
LTHR_TEST_S = 20 * 60
FULL_SCALE = 100.0


def max_hr_tanaka(age: int) -> int:
    """Tanaka, Monahan & Seals (2001): HRmax = 208 − 0.7 × age."""
    return round(208 - 0.7 * age)


def trimp_banister(
    duration_s: float, avg_hr: float, resting_hr: float, max_hr: float, female: bool = False
) -> float:
    """Banister's TRIMP: minutes × HRr × 0.64·e^(1.92·HRr) (0.86·e^(1.67·HRr) for women)."""
    reserve = (avg_hr - resting_hr) / (max_hr - resting_hr)
    reserve = min(max(reserve, 0.0), 1.0)
    factor = 0.86 * math.exp(1.67 * reserve) if female else 0.64 * math.exp(1.92 * reserve)
    return duration_s / 60 * reserve * factor


def default_lthr(max_hr: int, resting_hr: int) -> int:
    """An LTHR estimate when none was measured: rest + 85 % of the heart-rate reserve."""
    return round(resting_hr + LTHR_RESERVE_FRACTION * (max_hr - resting_hr))


def lthr_from_time_trial(hr_samples: Sequence[float]) -> float | None:
    """Friel: LTHR is the average heart rate of the last 20 minutes of a 30-minute solo
    time trial (1 Hz samples); None when fewer than 20 minutes were recorded."""
    if len(hr_samples) < LTHR_TEST_S:
        return None
    last = hr_samples[-LTHR_TEST_S:]
    return sum(last) / len(last)


def hr_training_stress(
    trimp: float, lthr: float, resting_hr: float, max_hr: float, female: bool = False
) -> float:
    """hrTSS: TRIMP scaled by the TRIMP of one hour at LTHR, so that hour is 100."""
    hour = trimp_banister(ONE_HOUR_S, lthr, resting_hr, max_hr, female)
    return trimp / hour * FULL_SCALE if hour > 0 else 0.0


def pace_load(duration_s: float, speed_mps: float, threshold_mps: float, swim: bool) -> float:
    """Hours × intensity² × 100 for runs (rTSS); intensity³ for swims (sTSS), where the
    intensity is speed over threshold speed (TrainingPeaks' definitions)."""
    intensity = speed_mps / threshold_mps
    return duration_s / ONE_HOUR_S * intensity ** (3 if swim else 2) * FULL_SCALE


def session_rpe_load(rpe: int, duration_s: float) -> float:
    """Foster's session RPE: effort (1–10) × minutes."""
    return rpe * duration_s / 60


def rpe_on_scale(raw: float) -> float:
    """Foster's arbitrary units on the one load scale: an hour at RPE 7 is 100."""
    return raw / (RPE_AT_THRESHOLD * 60) * FULL_SCALE


def epley_1rm(weight_kg: float, reps: int) -> float:
    """Epley (1985): 1RM = w × (1 + reps / 30); a single is its own maximum."""
    return weight_kg if reps <= 1 else weight_kg * (1 + reps / 30)


def workout_load(inputs: LoadInputs) -> LoadResult | None:
    """Power, then pace, then heart rate, then effort; raw HR and effort loads both kept."""
    if inputs.duration_s <= 0:
        return None
    trimp, hr_scaled = _hr_load(inputs)
    rpe_load = session_rpe_load(inputs.rpe, inputs.duration_s) if inputs.rpe else None
    candidates = (
        (LoadMethod.POWER, _power_load(inputs)),
        (LoadMethod.PACE, _pace_load(inputs)),
        (LoadMethod.HEART_RATE, hr_scaled),
        (LoadMethod.RPE, rpe_on_scale(rpe_load) if rpe_load is not None else None),
    )
    for method, value in candidates:
        if value is not None:
            return LoadResult(round(value, 1), method, trimp, rpe_load)
    return None


def _power_load(inputs: LoadInputs) -> float | None:
    normalized = normalized_power(inputs.power)
    if normalized is None or not inputs.ftp:
        return None
    return training_stress(len(inputs.power), normalized, inputs.ftp)


def _pace_load(inputs: LoadInputs) -> float | None:
    if not inputs.speed_mps or not inputs.threshold_speed_mps:
        return None
    return pace_load(inputs.duration_s, inputs.speed_mps, inputs.threshold_speed_mps, inputs.swim)


def _hr_load(inputs: LoadInputs) -> tuple[float | None, float | None]:
    if inputs.avg_hr is None:
        return None, None
    max_hr = inputs.max_hr or (max_hr_tanaka(inputs.age) if inputs.age else None)
    resting = inputs.resting_hr or DEFAULT_RESTING_HR
    if max_hr is None or max_hr <= resting:
        return None, None
    trimp = trimp_banister(inputs.duration_s, inputs.avg_hr, resting, max_hr, inputs.female)
    lthr = inputs.lthr or default_lthr(max_hr, resting)
    return trimp, hr_training_stress(trimp, lthr, resting, max_hr, inputs.female)
