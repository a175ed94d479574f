"""Summary values a file did not give, computed from its samples (SI units)."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

from domain.activities.models import ParsedActivity, Samples
from domain.coaching.power import normalized_power

EARTH_RADIUS_M = 6_371_008.8
# Moving means faster than a slow walk between samples at most this far apart.
MOVING_SPEED_MPS = 0.5
MAX_GAP_S = 30


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on the mean Earth radius (IUGG)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def track_distance(samples: Samples) -> tuple[float | None, ...]:
    """Cumulative metres along the positions; None before the first fix."""
    total, last = 0.0, None
    out: list[float | None] = []
    for lat, lon in zip(samples.latitude, samples.longitude, strict=False):
        if lat is not None and lon is not None:
            if last is not None:
                total += haversine_m(last[0], last[1], lat, lon)
            last = (lat, lon)
        out.append(total if last is not None else None)
    return tuple(out)


def elevation_gain(samples: Samples) -> float | None:
    heights = [value for value in samples.altitude if value is not None]
    if len(heights) < 2:
        return None
    return sum(max(0.0, b - a) for a, b in itertools.pairwise(heights))


def moving_time(samples: Samples) -> float | None:
    points = samples.present("distance")
    if len(points) < 2:
        return None
    moving = 0.0
    for (t1, d1), (t2, d2) in itertools.pairwise(points):
        gap = t2 - t1
        if 0 < gap <= MAX_GAP_S and (d2 - d1) / gap >= MOVING_SPEED_MPS:
            moving += gap
    return moving


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def completed(parsed: ParsedActivity) -> ParsedActivity:
    """Each summary value the file left out, from the samples where they allow it."""
    samples = parsed.samples
    hr = [v for v in samples.hr if v is not None]
    power = [v for v in samples.power if v is not None]
    cadence = [v for v in samples.cadence if v is not None]
    distances = [v for v in samples.distance if v is not None]
    avg_hr = _mean(hr)
    return replace(
        parsed,
        distance_m=parsed.distance_m
        if parsed.distance_m is not None
        else (distances[-1] if distances and distances[-1] > 0 else None),
        moving_s=parsed.moving_s if parsed.moving_s is not None else moving_time(samples),
        elevation_gain_m=parsed.elevation_gain_m
        if parsed.elevation_gain_m is not None
        else elevation_gain(samples),
        avg_hr=parsed.avg_hr
        if parsed.avg_hr is not None
        else (round(avg_hr) if avg_hr is not None else None),
        max_hr=parsed.max_hr if parsed.max_hr is not None else (round(max(hr)) if hr else None),
        avg_power=parsed.avg_power if parsed.avg_power is not None else _mean(power),
        normalized_power=parsed.normalized_power
        if parsed.normalized_power is not None
        else normalized_power(power),
        avg_cadence=parsed.avg_cadence if parsed.avg_cadence is not None else _mean(cadence),
    )


def power_1hz(samples: Samples) -> list[float]:
    """Power second by second from the start; a second without a value counts as zero
    (coasting, or the head unit paused), as GoldenCheetah's mean-maximal curve does."""
    points = samples.present("power")
    if not points:
        return []
    dense = [0.0] * (points[-1][0] + 1)
    for offset, value in points:
        dense[offset] = value
    return dense
