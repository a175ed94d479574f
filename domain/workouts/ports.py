"""What the workouts service needs from storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.workouts.models import Activity, Workout
from domain.workouts.records import Record, RecordKind


class WorkoutRepository(Protocol):
    async def add(self, workout: Workout) -> Workout:
        """Store a new workout (its id is ignored) and return it with its id."""
        ...

    async def get(self, user_id: int, workout_id: int) -> Workout | None:
        """The athlete's own workout; another athlete's id gives None."""
        ...

    async def save_note(self, user_id: int, workout_id: int, note: str | None) -> bool: ...

    async def update(self, workout: Workout) -> bool:
        """Store the new values of the owner's workout (its strength sets stay as they were)."""
        ...

    async def delete(self, user_id: int, workout_id: int) -> bool: ...

    async def page(
        self,
        user_id: int,
        activity: Activity | None,
        offset: int,
        limit: int,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[Workout]:
        """Newest first; started at or after `start` and before `end` (UTC) when given."""
        ...

    async def count(
        self,
        user_id: int,
        activity: Activity | None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> int: ...

    async def since(
        self, user_id: int, start: datetime, activity: Activity | None = None
    ) -> list[Workout]:
        """Oldest first; only one sport when `activity` is given."""
        ...

    async def summaries_since(
        self, user_id: int, start: datetime, activity: Activity | None = None
    ) -> list[Workout]:
        """As `since`, without strength sets and notes: what the coach, plans and reminders
        read, at a fraction of the cost for a long history."""
        ...


class RecordRepository(Protocol):
    async def all(self, user_id: int) -> list[tuple[Record, int]]:
        """The athlete's records with the id of the workout holding each."""
        ...

    async def put(self, user_id: int, record: Record, workout_id: int, at: datetime) -> None: ...

    async def held_by(self, user_id: int, workout_id: int) -> list[tuple[RecordKind, str]]: ...

    async def remove(self, user_id: int, keys: list[tuple[RecordKind, str]]) -> None: ...
