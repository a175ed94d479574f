"""Matching athletes: a coarse grid for "close by", and the score that ranks partners.

The score (0–100) is a weighted sum of six closeness measures, each between 0 and 1; where
either side did not say (no level, no pace, no days, no birth year) the measure counts 0.5,
neither for nor against:

| measure  | weight | 1 when …                          | 0 when …                        |
|----------|-------:|-----------------------------------|---------------------------------|
| sports   |   0.25 | the same sports (Jaccard overlap) | no sport in common (not listed) |
| distance |   0.20 | the same ~10 km cell              | 40 km apart (not listed beyond) |
| pace     |   0.20 | the same VDOT                     | 10 VDOT points apart            |
| level    |   0.15 | the same level                    | beginner with advanced          |
| days     |   0.15 | every day of the one with fewer   | no training day in common       |
|          |        | training days is shared           |                                 |
| age      |   0.05 | the same birth year               | 20 years apart                  |
"""

from __future__ import annotations

import math

from domain.partners.models import Candidate, Match
from domain.users.models import CoarseLocation, Level

GRID_DEGREES = 0.2  # a cell is ~22 km north-south
MAX_DISTANCE_KM = 40.0
EARTH_RADIUS_KM = 6371.0
LON_CELLS = round(360 / GRID_DEGREES)
WEIGHTS = {
    "sports": 0.25, "distance": 0.20, "pace": 0.20, "level": 0.15, "days": 0.15, "age": 0.05,
}  # fmt: skip
UNKNOWN = 0.5
LEVELS = (Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED)


def cell_of(location: CoarseLocation) -> int:
    """The grid cell of a location, as one integer key (row × LON_CELLS + column)."""
    row = math.floor((location.latitude + 90.0) / GRID_DEGREES)
    column = math.floor((location.longitude + 180.0) / GRID_DEGREES) % LON_CELLS
    return row * LON_CELLS + column


def cells_near(location: CoarseLocation, radius_km: float = MAX_DISTANCE_KM) -> tuple[int, ...]:
    """Every cell with a point within `radius_km`: the rows and columns around the cell,
    wider in longitude towards the poles; the antimeridian wraps."""
    km_per_degree = math.pi * EARTH_RADIUS_KM / 180.0
    rows = math.ceil(radius_km / (GRID_DEGREES * km_per_degree))
    widest = min(abs(location.latitude) + rows * GRID_DEGREES, 89.0)
    shrink = max(math.cos(math.radians(widest)), 0.01)
    columns = min(math.ceil(radius_km / (GRID_DEGREES * km_per_degree * shrink)), LON_CELLS // 2)
    home = cell_of(location)
    row, column = divmod(home, LON_CELLS)
    return tuple(
        (row + dr) * LON_CELLS + (column + dc) % LON_CELLS
        for dr in range(-rows, rows + 1)
        for dc in range(-columns, columns + 1)
    )


def distance_km(a: CoarseLocation, b: CoarseLocation) -> float:
    """Great-circle distance (haversine) between two coarse locations."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def match(me: Candidate, other: Candidate) -> Match | None:
    """How well `other` suits `me` as a partner; None when they share no sport or live too
    far (or, without locations, not in the same city)."""
    shared = me.sports & other.sports
    if not shared:
        return None
    km: float | None = None
    if me.location is not None and other.location is not None:
        km = distance_km(me.location, other.location)
        if km > MAX_DISTANCE_KM:
            return None
        near = 1.0 - km / MAX_DISTANCE_KM
    elif _same_city(me, other):
        near = UNKNOWN
    else:
        return None
    measures = {
        "sports": len(shared) / len(me.sports | other.sports),
        "distance": near,
        "pace": _closeness(me.vdot, other.vdot, 10.0),
        "level": _level(me.level, other.level),
        "days": _days(me, other),
        "age": _closeness(me.birth_year, other.birth_year, 20.0),
    }
    total = sum(WEIGHTS[name] * value for name, value in measures.items())
    return Match(other, round(100 * total), km, shared, me.days & other.days)


def _same_city(a: Candidate, b: Candidate) -> bool:
    return bool(a.city and b.city and a.city.casefold() == b.city.casefold())


def _closeness(a: float | None, b: float | None, span: float) -> float:
    if a is None or b is None:
        return UNKNOWN
    return max(0.0, 1.0 - abs(a - b) / span)


def _level(a: Level | None, b: Level | None) -> float:
    if a is None or b is None:
        return UNKNOWN
    return 1.0 - abs(LEVELS.index(a) - LEVELS.index(b)) / 2


def _days(a: Candidate, b: Candidate) -> float:
    if not a.days or not b.days:
        return UNKNOWN
    return len(a.days & b.days) / min(len(a.days), len(b.days))
