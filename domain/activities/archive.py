"""A zip of activity files (a bulk export) as the import service sees it, and its report."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from domain.activities.errors import Refusal
from domain.activities.models import ParsedActivity
from domain.workouts.models import Workout

# (done, total) after each file; (0, 0) while a large export is read before the count is known.
Progress = Callable[[int, int], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class ArchiveMember:
    """An activity file inside the archive; `read` gives its bytes (a .gz member unpacked)
    or raises FileRefusedError."""

    name: str
    read: Callable[[], bytes]


@dataclass(frozen=True, slots=True)
class HealthWorkouts:
    """The workouts of an Apple Health export, and the types we could not map (skipped)."""

    activities: tuple[ParsedActivity, ...]
    unknown_types: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Archive:
    """What the archive holds: files to import one by one, files refused from their entry
    alone (nested zip, unsafe name, bomb), the count of other files, maybe a health export."""

    members: tuple[ArchiveMember, ...]
    refused: tuple[tuple[str, Refusal], ...] = ()
    skipped: int = 0
    health: Callable[[], HealthWorkouts] | None = None


class ArchiveReader(Protocol):
    def open(self, content: bytes) -> Archive:
        """The archive's entries; FileRefusedError when the archive itself is refused."""
        ...


class Outcome(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class EntryResult:
    name: str
    outcome: Outcome
    workouts: tuple[Workout, ...] = ()
    refusal: Refusal | None = None


@dataclass(frozen=True, slots=True)
class ArchiveReport:
    results: tuple[EntryResult, ...]
    skipped: int = 0
    unknown_types: tuple[tuple[str, int], ...] = ()

    def of(self, outcome: Outcome | str) -> tuple[EntryResult, ...]:
        return tuple(result for result in self.results if result.outcome == outcome)

    @property
    def workouts(self) -> tuple[Workout, ...]:
        """The new workouts, oldest first."""
        found = [w for result in self.of(Outcome.IMPORTED) for w in result.workouts]
        return tuple(sorted(found, key=lambda workout: workout.started_at))

    @property
    def unknown_count(self) -> int:
        return sum(count for _, count in self.unknown_types)
