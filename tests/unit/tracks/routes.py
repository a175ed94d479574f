"""Positions of real third-party GPS tracks, replayed as live location updates."""

from __future__ import annotations

import itertools
import math
from datetime import datetime, timedelta
from functools import cache

from device_sync.files import FileParser
from domain.activities.summary import haversine_m
from domain.tracks.models import Fix
from tests.unit.activities.files import content

EARTH_M_PER_DEGREE = 111_195.0


@cache
def _parsed(path: str) -> tuple[tuple[int, float, float], ...]:
    name = path.rsplit("/", 1)[-1]
    samples = FileParser().parse(name, content(path)).activities[0].samples
    return tuple(
        (offset, lat, lon)
        for offset, lat, lon in zip(
            samples.offsets, samples.latitude, samples.longitude, strict=True
        )
        if lat is not None and lon is not None
    )


def real_fixes(
    path: str, start: datetime, every: int = 1, accuracy_m: float | None = None
) -> list[Fix]:
    """The positions of a file under tests/data/activities at its own pace, every `every`th
    (a 1 Hz file every 10th is Telegram's rhythm), moved to start at `start`."""
    return [
        Fix(start + timedelta(seconds=offset), lat, lon, accuracy_m)
        for offset, lat, lon in _parsed(path)[::every]
    ]


def path_length(fixes: list[Fix]) -> float:
    return sum(
        haversine_m(a.latitude, a.longitude, b.latitude, b.longitude)
        for a, b in itertools.pairwise(fixes)
    )


def moved(fix: Fix, north_m: float, east_m: float = 0.0, seconds: float = 0.0) -> Fix:
    """The fix displaced by metres on the ground and later by seconds."""
    lat = fix.latitude + north_m / EARTH_M_PER_DEGREE
    lon = fix.longitude + east_m / (EARTH_M_PER_DEGREE * math.cos(math.radians(fix.latitude)))
    return Fix(fix.at + timedelta(seconds=seconds), lat, lon, fix.accuracy_m)
