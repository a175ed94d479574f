"""An activity read from a device file: its summary (SI units) and its samples by channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.workouts.models import Activity

Series = tuple[float | None, ...]
CHANNELS = (
    "hr", "power", "cadence", "speed", "distance", "latitude", "longitude", "altitude",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Samples:
    """Columnar samples: `offsets` are whole seconds from the start; each channel is empty
    (not recorded) or parallel to the offsets, None where a sample lacks the value."""

    offsets: tuple[int, ...] = ()
    hr: Series = ()
    power: Series = ()
    cadence: Series = ()
    speed: Series = ()  # m/s
    distance: Series = ()  # metres from the start
    latitude: Series = ()  # degrees
    longitude: Series = ()
    altitude: Series = ()  # metres

    def __len__(self) -> int:
        return len(self.offsets)

    def channel(self, name: str) -> Series:
        series: Series = getattr(self, name)
        return series

    def present(self, name: str) -> list[tuple[int, float]]:
        """(offset, value) pairs of one channel where it has a value."""
        return [
            (offset, value)
            for offset, value in zip(self.offsets, self.channel(name), strict=False)
            if value is not None
        ]

    @property
    def has_route(self) -> bool:
        return any(value is not None for value in self.latitude)

    @property
    def chartable(self) -> bool:
        """A route, heart rate, speed or power to draw over time."""
        channels = (self.latitude, self.hr, self.speed, self.power)
        return len(self) > 1 and any(v is not None for series in channels for v in series)


@dataclass(frozen=True, slots=True)
class Lap:
    start_offset_s: int
    duration_s: float
    distance_m: float | None = None
    avg_hr: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedActivity:
    """One session of a file, before it is checked and stored."""

    activity: Activity
    sport: str  # the file's own name for it, e.g. "cycling/indoor_cycling"
    started_at: datetime
    duration_s: float
    samples: Samples = field(default_factory=Samples)
    moving_s: float | None = None
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None
    avg_power: float | None = None
    normalized_power: float | None = None
    avg_cadence: float | None = None
    calories: int | None = None
    laps: tuple[Lap, ...] = ()


class FileWarning(StrEnum):
    """The file was damaged after some data: what was read before it is imported."""

    TRUNCATED = "truncated"
    DAMAGED = "damaged"


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """Every activity of one file (several for a multisport file), and its device."""

    activities: tuple[ParsedActivity, ...]
    device: str | None = None
    warning: FileWarning | None = None


@dataclass(frozen=True, slots=True)
class ImportMeta:
    """What a file adds to a stored workout beyond the journal's columns."""

    workout_id: int
    sha256: str
    part: int
    sport: str
    device: str | None = None
    moving_s: float | None = None
    elevation_gain_m: float | None = None
    max_hr: int | None = None
    avg_power: float | None = None
    normalized_power: float | None = None
    avg_cadence: float | None = None
    calories: int | None = None
    laps: tuple[Lap, ...] = ()
    group_id: int | None = None  # the first workout of a multisport file
    warning: FileWarning | None = None
