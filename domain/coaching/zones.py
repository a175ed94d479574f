"""Training zones from heart rate, power and pace thresholds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.coaching.load import max_hr_tanaka

# Karvonen (1957) heart-rate reserve bands for five zones, as used by most coaches.
HR_RESERVE_BANDS = ((0.50, 0.60), (0.60, 0.70), (0.70, 0.80), (0.80, 0.90), (0.90, 1.00))
# Percent of maximum heart rate when resting heart rate is unknown (ACSM).
HR_MAX_BANDS = ((0.50, 0.60), (0.60, 0.70), (0.70, 0.80), (0.80, 0.90), (0.90, 1.00))
# Coggan's seven power levels, as fractions of FTP (Allen & Coggan, 2010).
POWER_BANDS = (
    (0.0, 0.55),
    (0.56, 0.75),
    (0.76, 0.90),
    (0.91, 1.05),
    (1.06, 1.20),
    (1.21, 1.50),
    (1.51, 10.0),
)
# Running pace zones as fractions of threshold speed (Friel's run zones, speed-based).
PACE_BANDS = ((0.0, 0.78), (0.78, 0.88), (0.88, 0.95), (0.95, 1.01), (1.01, 1.10), (1.10, 3.0))


@dataclass(frozen=True, slots=True)
class Zone:
    index: int
    low: float
    high: float


def max_heart_rate(max_hr: int | None, age: int | None) -> int | None:
    """The athlete's own maximum, else Tanaka's estimate from age."""
    if max_hr:
        return max_hr
    return max_hr_tanaka(age) if age else None


def hr_zones(max_hr: int, resting_hr: int | None = None) -> list[Zone]:
    """Five zones: Karvonen (reserve) with a resting HR, percent of max without one."""
    if resting_hr:
        reserve = max_hr - resting_hr
        return [
            Zone(i + 1, round(resting_hr + low * reserve), round(resting_hr + high * reserve))
            for i, (low, high) in enumerate(HR_RESERVE_BANDS)
        ]
    return [
        Zone(i + 1, round(low * max_hr), round(high * max_hr))
        for i, (low, high) in enumerate(HR_MAX_BANDS)
    ]


def zone_of(value: float, zones: Sequence[Zone]) -> int:
    """The zone a value falls in; below the first is 0, above the last is the last."""
    if value < zones[0].low:
        return 0
    for zone in zones:
        if value < zone.high:
            return zone.index
    return zones[-1].index


def power_zones(ftp: float) -> list[Zone]:
    return [Zone(i + 1, low * ftp, high * ftp) for i, (low, high) in enumerate(POWER_BANDS)]


def pace_zones(threshold_speed_mps: float) -> list[Zone]:
    """Zones on speed (m/s); show them as pace at the edge."""
    return [
        Zone(i + 1, low * threshold_speed_mps, high * threshold_speed_mps)
        for i, (low, high) in enumerate(PACE_BANDS)
    ]


def time_in_zones(efforts: Iterable[tuple[float, int]], zones: Sequence[Zone]) -> tuple[int, ...]:
    """Seconds per zone from (average HR, seconds) pairs; below zone 1 counts as zone 1.

    Without 1 Hz samples a workout is counted whole in the zone of its average heart rate:
    an estimate that under-counts the hard minutes of intervals.
    """
    seconds = [0] * len(zones)
    for average, duration in efforts:
        seconds[max(zone_of(average, zones), 1) - 1] += duration
    return tuple(seconds)
