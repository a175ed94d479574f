"""Training load of one workout, from the best source the workout has."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class LoadMethod(StrEnum):
    POWER = "power"
    PACE = "pace"
    HEART_RATE = "heart_rate"
    RPE = "rpe"


@dataclass(frozen=True, slots=True)
class LoadInputs:
    duration_s: float
    avg_hr: int | None = None
    resting_hr: int | None = None
    max_hr: int | None = None
    age: int | None = None
    rpe: int | None = None
    female: bool = False


@dataclass(frozen=True, slots=True)
class LoadResult:
    value: float
    method: LoadMethod
    hr_load: float | None
    rpe_load: float | None


DEFAULT_RESTING_HR = 60


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


def session_rpe_load(rpe: int, duration_s: float) -> float:
    """Foster's session RPE: effort (1–10) × minutes."""
    return rpe * duration_s / 60


def epley_1rm(weight_kg: float, reps: int) -> float:
    """Epley (1985): 1RM = w × (1 + reps / 30); a single is its own maximum."""
    return weight_kg if reps <= 1 else weight_kg * (1 + reps / 30)


def workout_load(inputs: LoadInputs) -> LoadResult | None:
    """Heart rate before RPE (power and pace join with device data); both kept when known."""
    hr_load = _hr_load(inputs)
    rpe_load = session_rpe_load(inputs.rpe, inputs.duration_s) if inputs.rpe else None
    if hr_load is not None:
        return LoadResult(round(hr_load, 1), LoadMethod.HEART_RATE, hr_load, rpe_load)
    if rpe_load is not None:
        return LoadResult(round(rpe_load, 1), LoadMethod.RPE, None, rpe_load)
    return None


def _hr_load(inputs: LoadInputs) -> float | None:
    if inputs.avg_hr is None or inputs.duration_s <= 0:
        return None
    max_hr = inputs.max_hr or (max_hr_tanaka(inputs.age) if inputs.age else None)
    resting = inputs.resting_hr or DEFAULT_RESTING_HR
    if max_hr is None or max_hr <= resting:
        return None
    return trimp_banister(inputs.duration_s, inputs.avg_hr, resting, max_hr, inputs.female)
