"""Timezone lookup from a location, offline (timezonefinder), loaded on first use."""

from __future__ import annotations

from typing import Any


class OfflineTimezoneLocator:
    def __init__(self) -> None:
        self._finder: Any = None

    def timezone_at(self, latitude: float, longitude: float) -> str | None:
        if self._finder is None:
            from timezonefinder import TimezoneFinder  # noqa: PLC0415 - 0.5 s, only when needed

            self._finder = TimezoneFinder()
        zone = self._finder.timezone_at(lat=latitude, lng=longitude)
        return str(zone) if zone else None
