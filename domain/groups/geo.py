"""The coarse geo key: a grid of 0.2° cells, searched as the block of cells around a point."""

from __future__ import annotations

import math

from domain.users.models import CoarseLocation

CELL_DEGREES = 0.2
LON_CELLS = round(360 / CELL_DEGREES)
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


def _row_col(latitude: float, longitude: float) -> tuple[int, int]:
    row = math.floor((latitude + 90.0) / CELL_DEGREES)
    col = math.floor((longitude + 180.0) / CELL_DEGREES) % LON_CELLS
    return row, col


def cell_of(location: CoarseLocation) -> int:
    """One integer per cell (row-major), indexable like any column."""
    row, col = _row_col(location.latitude, location.longitude)
    return row * LON_CELLS + col


def cells_within(location: CoarseLocation, radius_km: float) -> list[int]:
    """Every cell that may hold a point within `radius_km`: the rows the radius spans,
    and in each the columns it spans at that row's narrowest latitude."""
    row, col = _row_col(location.latitude, location.longitude)
    rows = math.ceil(radius_km / (KM_PER_DEGREE * CELL_DEGREES))
    cells: list[int] = []
    for r in range(row - rows, row + rows + 1):
        if r < 0 or r * CELL_DEGREES >= 180.0:
            continue
        edge = max(abs(r * CELL_DEGREES - 90.0), abs((r + 1) * CELL_DEGREES - 90.0))
        width = KM_PER_DEGREE * CELL_DEGREES * max(math.cos(math.radians(min(edge, 89.9))), 1e-3)
        cols = min(math.ceil(radius_km / width), LON_CELLS // 2)
        cells.extend(r * LON_CELLS + (c % LON_CELLS) for c in range(col - cols, col + cols + 1))
    return sorted(set(cells))


def distance_km(a: CoarseLocation, b: CoarseLocation) -> float:
    """Great-circle distance (haversine)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
