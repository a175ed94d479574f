"""Apple HealthKit's names: workout activity types and the units an export writes."""

from __future__ import annotations

from domain.workouts.models import Activity

PREFIX = "HKWorkoutActivityType"
TYPES = {
    "Running": Activity.RUN,
    "Cycling": Activity.RIDE,
    "HandCycling": Activity.RIDE,
    "Swimming": Activity.SWIM,
    "Walking": Activity.WALK,
    "Hiking": Activity.HIKE,
    "Rowing": Activity.ROW,
    "PaddleSports": Activity.ROW,
    "CrossCountrySkiing": Activity.SKI,
    "DownhillSkiing": Activity.SKI,
    "Snowboarding": Activity.SKI,
    "TraditionalStrengthTraining": Activity.STRENGTH,
    "FunctionalStrengthTraining": Activity.STRENGTH,
    "CoreTraining": Activity.STRENGTH,
    "Yoga": Activity.YOGA,
    "Other": Activity.OTHER,
}
TIME_S = {"s": 1.0, "sec": 1.0, "min": 60.0, "hr": 3600.0, "h": 3600.0}
LENGTH_M = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048, "cm": 0.01}
ENERGY_KCAL = {"kcal": 1.0, "Cal": 1.0, "cal": 0.001, "kJ": 1 / 4.184, "J": 1 / 4184}


def health_activity(kind: str) -> Activity | None:
    """None for a type the journal has no activity for (tennis, dance, ...): skipped."""
    return TYPES.get(kind.removeprefix(PREFIX)) if kind.startswith(PREFIX) else None
