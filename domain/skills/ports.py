"""What the skills and strength services need from storage."""

from __future__ import annotations

from typing import Protocol

from domain.skills.lifts import ExerciseSession, ExerciseSummary


class StrengthRepository(Protocol):
    async def exercises(self, user_id: int) -> list[ExerciseSummary]:
        """Every exercise in the athlete's strength sets, the most recently done first."""
        ...

    async def sessions(
        self, user_id: int, exercise: str, offset: int, limit: int
    ) -> list[ExerciseSession]:
        """The athlete's workouts with this exercise, newest first, with its sets only."""
        ...

    async def count_sessions(self, user_id: int, exercise: str) -> int: ...
