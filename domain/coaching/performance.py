"""Race performance: Daniels' VDOT and Riegel's predictions."""

from __future__ import annotations

import math
from collections.abc import Iterable

RIEGEL_EXPONENT = 1.06
BEST_EFFORT_DAYS = 90
MIN_EFFORT_M = 3000.0
RACES_M = {"5k": 5000.0, "10k": 10_000.0, "half": 21_097.5, "marathon": 42_195.0}


def vdot(distance_m: float, time_s: float) -> float:
    """Daniels & Gilbert (1979): oxygen cost of the speed over the fraction sustainable."""
    minutes = time_s / 60
    velocity = distance_m / minutes  # metres per minute
    oxygen_cost = -4.60 + 0.182258 * velocity + 0.000104 * velocity**2
    fraction = (
        0.8
        + 0.1894393 * math.exp(-0.012778 * minutes)
        + 0.2989558 * math.exp(-0.1932605 * minutes)
    )
    return oxygen_cost / fraction


def race_time_for_vdot(value: float, distance_m: float) -> float:
    """The time (s) that gives `value` over the distance: VDOT falls as time grows."""
    low, high = distance_m / 12.0, distance_m / 0.5  # 12 m/s to 0.5 m/s
    for _ in range(100):
        middle = (low + high) / 2
        if vdot(distance_m, middle) > value:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def riegel(
    time_s: float, distance_m: float, target_m: float, exponent: float = RIEGEL_EXPONENT
) -> float:
    """Riegel (1981): T2 = T1 × (D2 / D1)^1.06."""
    return float(time_s * (target_m / distance_m) ** exponent)


def predictions(distance_m: float, time_s: float) -> dict[str, float]:
    """Race times (s) for 5k, 10k, half and marathon from one effort (Riegel)."""
    return {name: riegel(time_s, distance_m, target) for name, target in RACES_M.items()}


def best_effort(
    efforts: Iterable[tuple[float | None, int | None]],
) -> tuple[float, tuple[float, float]] | None:
    """The best VDOT of (distance m, time s) efforts of 3 km or more, with its effort;
    shorter ones (strides, a sprint) would overstate the athlete's aerobic fitness."""
    values = [
        (vdot(distance, time), (distance, float(time)))
        for distance, time in efforts
        if distance and time and distance >= MIN_EFFORT_M
    ]
    return max(values, default=None)


def best_vdot(efforts: Iterable[tuple[float | None, int | None]]) -> float | None:
    """The best VDOT of the efforts (see `best_effort`)."""
    best = best_effort(efforts)
    return None if best is None else best[0]


THRESHOLD_FRACTION = 0.88


def threshold_speed(value: float) -> float:
    """Daniels' threshold (T) pace: the speed whose oxygen cost is 88 % of VDOT (m/s)."""
    target = THRESHOLD_FRACTION * value
    a, b, c = 0.000104, 0.182258, -4.60 - target
    metres_per_minute = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    return metres_per_minute / 60


# Daniels' Running Formula (3rd ed., 2014): easy running at about 59–74 % of VO2max, interval
# (I) pace at 95–100 %. The fractions below reproduce his VDOT table (VDOT 50: E 5:07–5:38,
# I 3:55 per km); marathon (M) pace is the race pace his model predicts for 42.195 km.
EASY_FRACTIONS = (0.62, 0.70)
INTERVAL_FRACTION = 0.975
MARATHON_M = 42_195.0


def speed_at_fraction(value: float, fraction: float) -> float:
    """The speed (m/s) whose oxygen cost is `fraction` of VDOT (Daniels & Gilbert)."""
    target = fraction * value
    a, b, c = 0.000104, 0.182258, -4.60 - target
    metres_per_minute = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    return metres_per_minute / 60


def easy_speeds(value: float) -> tuple[float, float]:
    """Daniels' easy (E) range as (slow, fast) speeds in m/s."""
    return speed_at_fraction(value, EASY_FRACTIONS[0]), speed_at_fraction(value, EASY_FRACTIONS[1])


def marathon_speed(value: float) -> float:
    """Daniels' marathon (M) pace: the predicted marathon race speed (m/s)."""
    return MARATHON_M / race_time_for_vdot(value, MARATHON_M)


def interval_speed(value: float) -> float:
    """Daniels' interval (I) pace: about 97.5 % of VDOT (m/s)."""
    return speed_at_fraction(value, INTERVAL_FRACTION)
