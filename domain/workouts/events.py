"""What other features hear when a workout is added, edited or deleted.

Listeners (XP, achievements, challenges, …) run inside the unit of work that changes the
workout, before its commit: the change and everything it earns land together or not at
all. What a listener has to tell the athlete comes back as announcements, lines under the
workout's card.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from domain.users.models import User
from domain.workouts.models import Workout


class WorkoutChange(StrEnum):
    ADDED = "added"
    EDITED = "edited"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Announcement:
    """A localized line (catalog key and its parameters) for the card of the workout."""

    key: str
    params: Mapping[str, str | int | float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WorkoutEvent:
    """`workout` as it is now (as it was, for a deletion); `previous` before an edit."""

    user: User
    change: WorkoutChange
    workout: Workout
    previous: Workout | None = None


class WorkoutListener(Protocol):
    async def workout_changed(self, event: WorkoutEvent) -> Sequence[Announcement]:
        """Inside the caller's unit of work (it commits): react to the change."""
        ...


async def announce(
    listeners: Sequence[WorkoutListener], event: WorkoutEvent
) -> tuple[Announcement, ...]:
    """Tell every listener, in order; their announcements in the same order."""
    said: list[Announcement] = []
    for listener in listeners:
        said.extend(await listener.workout_changed(event))
    return tuple(said)
