"""Workouts and their strength sets; every query is scoped to the owner."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import StrengthSetRow, WorkoutRow
from domain.workouts.models import Activity, StrengthSet, Workout, WorkoutSource

_Row = TypeVar("_Row")
_COLUMNS = (
    "activity", "source", "started_at", "duration_s", "distance_m", "avg_hr", "rpe", "note",
    "load", "load_method", "hr_load", "rpe_load",
)  # fmt: skip


_SUMMARY = (
    WorkoutRow.id, WorkoutRow.activity, WorkoutRow.source, WorkoutRow.started_at,
    WorkoutRow.duration_s, WorkoutRow.distance_m, WorkoutRow.avg_hr, WorkoutRow.rpe,
    WorkoutRow.load, WorkoutRow.load_method, WorkoutRow.hr_load, WorkoutRow.rpe_load,
)  # fmt: skip


class SqlWorkoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, workout: Workout) -> Workout:
        values = {name: getattr(workout, name) for name in _COLUMNS}
        values["activity"] = workout.activity.value
        values["source"] = workout.source.value
        row = WorkoutRow(user_id=workout.user_id, **values)
        self._session.add(row)
        await self._session.flush()
        for position, item in enumerate(workout.sets):
            self._session.add(
                StrengthSetRow(
                    workout_id=row.id,
                    position=position,
                    exercise=item.exercise,
                    sets=item.sets,
                    reps=item.reps,
                    weight_kg=item.weight_kg,
                )
            )
        await self._session.flush()
        return _to_workout(row, list(workout.sets))

    async def get(self, user_id: int, workout_id: int) -> Workout | None:
        query = select(WorkoutRow).where(
            WorkoutRow.id == workout_id, WorkoutRow.user_id == user_id
        )
        row = (await self._session.scalars(query)).one_or_none()
        if row is None:
            return None
        return (await self._with_sets([row]))[0]

    async def save_note(self, user_id: int, workout_id: int, note: str | None) -> bool:
        statement = (
            update(WorkoutRow)
            .where(WorkoutRow.id == workout_id, WorkoutRow.user_id == user_id)
            .values(note=note)
        )
        return bool((await self._session.execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def update(self, workout: Workout) -> bool:
        values = {name: getattr(workout, name) for name in _COLUMNS}
        values["activity"] = workout.activity.value
        values["source"] = workout.source.value
        statement = (
            update(WorkoutRow)
            .where(WorkoutRow.id == workout.id, WorkoutRow.user_id == workout.user_id)
            .values(**values)
        )
        return bool((await self._session.execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def delete(self, user_id: int, workout_id: int) -> bool:
        statement = delete(WorkoutRow).where(
            WorkoutRow.id == workout_id, WorkoutRow.user_id == user_id
        )
        return bool((await self._session.execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def page(
        self,
        user_id: int,
        activity: Activity | None,
        offset: int,
        limit: int,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[Workout]:
        query = _journal_filter(select(WorkoutRow), user_id, activity, start, end)
        query = (
            query.order_by(WorkoutRow.started_at.desc(), WorkoutRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return await self._with_sets(list(await self._session.scalars(query)))

    async def count(
        self,
        user_id: int,
        activity: Activity | None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> int:
        query = select(func.count()).select_from(WorkoutRow)
        query = _journal_filter(query, user_id, activity, start, end)
        return int(await self._session.scalar(query) or 0)

    async def since(
        self, user_id: int, start: datetime, activity: Activity | None = None
    ) -> list[Workout]:
        query = (
            select(WorkoutRow)
            .where(WorkoutRow.user_id == user_id, WorkoutRow.started_at >= start)
            .order_by(WorkoutRow.started_at)
        )
        if activity is not None:
            query = query.where(WorkoutRow.activity == activity.value)
        return await self._with_sets(list(await self._session.scalars(query)))

    async def summaries_since(
        self, user_id: int, start: datetime, activity: Activity | None = None
    ) -> list[Workout]:
        # Columns, not ORM rows: for a year of a busy athlete (~1 300 workouts) the identity
        # map and the sets' IN list cost more than the query (BENCHMARKS.md).
        query = (
            select(*_SUMMARY)
            .where(WorkoutRow.user_id == user_id, WorkoutRow.started_at >= start)
            .order_by(WorkoutRow.started_at)
        )
        if activity is not None:
            query = query.where(WorkoutRow.activity == activity.value)
        return [
            Workout(
                id=row.id,
                user_id=user_id,
                activity=Activity(row.activity),
                started_at=row.started_at,
                source=WorkoutSource(row.source),
                duration_s=row.duration_s,
                distance_m=row.distance_m,
                avg_hr=row.avg_hr,
                rpe=row.rpe,
                load=row.load,
                load_method=row.load_method,
                hr_load=row.hr_load,
                rpe_load=row.rpe_load,
            )
            for row in await self._session.execute(query)
        ]

    async def _with_sets(self, rows: list[WorkoutRow]) -> list[Workout]:
        ids = [row.id for row in rows]
        sets: dict[int, list[StrengthSet]] = {workout_id: [] for workout_id in ids}
        if ids:
            query = (
                select(StrengthSetRow)
                .where(StrengthSetRow.workout_id.in_(ids))
                .order_by(StrengthSetRow.workout_id, StrengthSetRow.position)
            )
            for item in await self._session.scalars(query):
                sets[item.workout_id].append(
                    StrengthSet(item.exercise, item.sets, item.reps, item.weight_kg)
                )
        return [_to_workout(row, sets[row.id]) for row in rows]


def _journal_filter(
    query: Select[_Row],
    user_id: int,
    activity: Activity | None,
    start: datetime | None,
    end: datetime | None,
) -> Select[_Row]:
    """The owner's workouts by sport and start: the (user, [activity,] started_at) indexes."""
    query = query.where(WorkoutRow.user_id == user_id)
    if activity is not None:
        query = query.where(WorkoutRow.activity == activity.value)
    if start is not None:
        query = query.where(WorkoutRow.started_at >= start)
    if end is not None:
        query = query.where(WorkoutRow.started_at < end)
    return query


def _to_workout(row: WorkoutRow, sets: list[StrengthSet]) -> Workout:
    return Workout(
        id=row.id,
        user_id=row.user_id,
        activity=Activity(row.activity),
        started_at=row.started_at,
        source=WorkoutSource(row.source),
        duration_s=row.duration_s,
        distance_m=row.distance_m,
        avg_hr=row.avg_hr,
        rpe=row.rpe,
        note=row.note,
        load=row.load,
        load_method=row.load_method,
        hr_load=row.hr_load,
        rpe_load=row.rpe_load,
        sets=tuple(sets),
    )
