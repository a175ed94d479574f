"""Fitness, fatigue and form from daily loads (the impulse-response "PMC" model)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

FITNESS_DAYS = 42
FATIGUE_DAYS = 7
ACWR_ACUTE_DAYS = 7
ACWR_CHRONIC_DAYS = 28
ACWR_WARNING = 1.5


@dataclass(frozen=True, slots=True)
class DayFitness:
    day: date
    load: float
    fitness: float
    fatigue: float
    form: float


def fitness_series(
    daily_loads: Mapping[date, float],
    start: date,
    end: date,
    seed_fitness: float = 0.0,
    seed_fatigue: float = 0.0,
) -> list[DayFitness]:
    """CTL/ATL as exponentially weighted averages with time constants 42 and 7 days.

    Uses the simple recursive form CTL_d = CTL_(d−1) + (load_d − CTL_(d−1)) / 42, as
    TrainingPeaks and GoldenCheetah's PMC do. Form on a day is yesterday's fitness minus
    yesterday's fatigue: how fresh the athlete is before training that day.
    """
    fitness, fatigue = seed_fitness, seed_fatigue
    series = []
    day = start
    while day <= end:
        form = fitness - fatigue
        load = daily_loads.get(day, 0.0)
        fitness += (load - fitness) / FITNESS_DAYS
        fatigue += (load - fatigue) / FATIGUE_DAYS
        series.append(DayFitness(day, load, fitness, fatigue, form))
        day += timedelta(days=1)
    return series


def acwr(daily_loads: Mapping[date, float], day: date) -> float | None:
    """Acute (7-day) over chronic (28-day) average load, rolling; None without history."""
    acute = _average(daily_loads, day, ACWR_ACUTE_DAYS)
    chronic = _average(daily_loads, day, ACWR_CHRONIC_DAYS)
    if chronic <= 0:
        return None
    return acute / chronic


def acwr_warning(ratio: float | None) -> bool:
    """Above 1.5 the injury risk rises sharply (Gabbett, 2016)."""
    return ratio is not None and ratio > ACWR_WARNING


def _average(daily_loads: Mapping[date, float], day: date, days: int) -> float:
    return sum(daily_loads.get(day - timedelta(days=offset), 0.0) for offset in range(days)) / days
