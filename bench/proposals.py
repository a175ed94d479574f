"""A proposed repository query, measured next to the current one (see BENCHMARKS.md).

CoachService.stats and .today read only the activity, start, duration, distance, HR and load
of each workout, yet `since` maps every column to an ORM row and loads the strength sets of
every workout in the window (an IN list of ~1 300 ids for a year). `summaries_since` selects
the columns they read, without the ORM identity map and without the sets.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.repositories.workouts import SqlWorkoutRepository
from db.tables import WorkoutRow
from db.uow import SqlUnitOfWork
from domain.clock import Clock
from domain.workouts.models import Activity, Workout, WorkoutSource

_SUMMARY = (
    WorkoutRow.id, WorkoutRow.activity, WorkoutRow.source, WorkoutRow.started_at,
    WorkoutRow.duration_s, WorkoutRow.distance_m, WorkoutRow.avg_hr, WorkoutRow.rpe,
    WorkoutRow.load, WorkoutRow.load_method,
)  # fmt: skip


class SummaryWorkoutRepository(SqlWorkoutRepository):
    async def summaries_since(self, user_id: int, start: datetime) -> list[Workout]:
        """Workouts from `start` on, without their sets or notes: what the coach reads."""
        query = (
            select(*_SUMMARY)
            .where(WorkoutRow.user_id == user_id, WorkoutRow.started_at >= start)
            .order_by(WorkoutRow.started_at)
        )
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
            )
            for row in await self._session.execute(query)
        ]

    async def since(self, user_id: int, start: datetime) -> list[Workout]:
        # Only the coach's cases use this unit of work, so `since` stands in for the
        # proposed method and CoachService runs unchanged.
        return await self.summaries_since(user_id, start)


class SummaryUnitOfWork(SqlUnitOfWork):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        super().__init__(session_factory, clock)
        self.workouts = SummaryWorkoutRepository(self.session)
