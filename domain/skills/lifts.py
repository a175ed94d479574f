"""Strength work per exercise: sets × reps × weight, estimated 1RM (Epley) and volume."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.coaching.load import epley_1rm
from domain.workouts.models import StrengthSet


def best_1rm(pairs: tuple[tuple[int, float], ...]) -> float | None:
    """The best Epley estimate among (reps, weight) pairs; None for bodyweight-only work."""
    return max((epley_1rm(weight, reps) for reps, weight in pairs), default=None)


@dataclass(frozen=True, slots=True)
class ExerciseSummary:
    """One exercise over the whole journal."""

    exercise: str
    sessions: int
    last_at: datetime
    volume_kg: float
    reps: int
    top_sets: tuple[tuple[int, float], ...]  # the heaviest weight lifted for each rep count

    @property
    def best_1rm_kg(self) -> float | None:
        return best_1rm(self.top_sets)


@dataclass(frozen=True, slots=True)
class ExerciseSession:
    """One workout's sets of one exercise."""

    workout_id: int
    started_at: datetime
    sets: tuple[StrengthSet, ...]

    @property
    def volume_kg(self) -> float:
        return sum(item.volume_kg for item in self.sets)

    @property
    def best_1rm_kg(self) -> float | None:
        return best_1rm(tuple((s.reps, s.weight_kg) for s in self.sets if s.weight_kg))


@dataclass(frozen=True, slots=True)
class ExerciseHistory:
    summary: ExerciseSummary
    sessions: tuple[ExerciseSession, ...]  # newest first
    page: int
    pages: int
