"""Building the domain's columnar Samples one point at a time."""

from __future__ import annotations

from domain.activities.models import CHANNELS, Samples


class SampleBuilder:
    """Points in time order; a second point at the same offset is dropped."""

    def __init__(self) -> None:
        self._offsets: list[int] = []
        self._channels: dict[str, list[float | None]] = {name: [] for name in CHANNELS}

    def add(self, offset: int, **values: float | None) -> None:
        if self._offsets and offset <= self._offsets[-1]:
            return
        self._offsets.append(offset)
        for name, series in self._channels.items():
            series.append(values.get(name))

    def build(self) -> Samples:
        channels = {
            name: tuple(series) if any(v is not None for v in series) else ()
            for name, series in self._channels.items()
        }
        return Samples(tuple(self._offsets), **channels)
