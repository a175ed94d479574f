"""Strength sets read per exercise; every query is scoped to the owner through the workout."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import ColumnElement, and_, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import StrengthSetRow, WorkoutRow
from domain.skills.lifts import ExerciseSession, ExerciseSummary
from domain.workouts.models import StrengthSet


def _owned(user_id: int) -> ColumnElement[bool]:
    return WorkoutRow.user_id == user_id


class SqlStrengthRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def exercises(self, user_id: int) -> list[ExerciseSummary]:
        last = func.max(WorkoutRow.started_at)
        query = (
            select(
                StrengthSetRow.exercise,
                func.count(distinct(WorkoutRow.id)),
                last,
                func.sum(
                    StrengthSetRow.sets
                    * StrengthSetRow.reps
                    * func.coalesce(StrengthSetRow.weight_kg, 0.0)
                ),
                func.sum(StrengthSetRow.sets * StrengthSetRow.reps),
            )
            .join(WorkoutRow, WorkoutRow.id == StrengthSetRow.workout_id)
            .where(_owned(user_id))
            .group_by(StrengthSetRow.exercise)
            .order_by(last.desc(), StrengthSetRow.exercise)
        )
        tops = await self._top_sets(user_id)
        return [
            ExerciseSummary(
                exercise=exercise,
                sessions=int(sessions),
                last_at=last_at,
                volume_kg=float(volume or 0.0),
                reps=int(reps or 0),
                top_sets=tuple(tops.get(exercise, ())),
            )
            for exercise, sessions, last_at, volume, reps in await self._session.execute(query)
        ]

    async def _top_sets(self, user_id: int) -> dict[str, list[tuple[int, float]]]:
        """The heaviest weight per exercise and rep count: enough to find the best estimate."""
        query = (
            select(
                StrengthSetRow.exercise, StrengthSetRow.reps, func.max(StrengthSetRow.weight_kg)
            )
            .join(WorkoutRow, WorkoutRow.id == StrengthSetRow.workout_id)
            .where(_owned(user_id), StrengthSetRow.weight_kg.is_not(None))
            .group_by(StrengthSetRow.exercise, StrengthSetRow.reps)
            .order_by(StrengthSetRow.exercise, StrengthSetRow.reps)
        )
        tops: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for exercise, reps, weight in await self._session.execute(query):
            tops[exercise].append((int(reps), float(weight or 0.0)))
        return tops

    @staticmethod
    def _with_exercise(user_id: int, exercise: str) -> ColumnElement[bool]:
        """The athlete's own workouts that hold at least one set of the exercise."""
        has_it = (
            select(StrengthSetRow.workout_id)
            .where(StrengthSetRow.workout_id == WorkoutRow.id, StrengthSetRow.exercise == exercise)
            .exists()
        )
        return and_(_owned(user_id), has_it)

    async def sessions(
        self, user_id: int, exercise: str, offset: int, limit: int
    ) -> list[ExerciseSession]:
        query = (
            select(WorkoutRow.id, WorkoutRow.started_at)
            .where(self._with_exercise(user_id, exercise))
            .order_by(WorkoutRow.started_at.desc(), WorkoutRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        workouts = list(await self._session.execute(query))
        sets: dict[int, list[StrengthSet]] = {workout_id: [] for workout_id, _ in workouts}
        if sets:
            rows = await self._session.scalars(
                select(StrengthSetRow)
                .where(StrengthSetRow.workout_id.in_(sets), StrengthSetRow.exercise == exercise)
                .order_by(StrengthSetRow.workout_id, StrengthSetRow.position)
            )
            for row in rows:
                sets[row.workout_id].append(
                    StrengthSet(row.exercise, row.sets, row.reps, row.weight_kg)
                )
        return [
            ExerciseSession(workout_id, started_at, tuple(sets[workout_id]))
            for workout_id, started_at in workouts
        ]

    async def count_sessions(self, user_id: int, exercise: str) -> int:
        query = select(func.count(WorkoutRow.id)).where(self._with_exercise(user_id, exercise))
        return int(await self._session.scalar(query) or 0)
