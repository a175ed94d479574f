"""Training plans and their weeks (sessions kept as JSON); every query is scoped to the owner."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import PlanRow, PlanWeekRow
from domain.plans.models import (
    AdaptReason,
    Exercise,
    GoalKind,
    Plan,
    PlanGoal,
    PlannedSession,
    PlanStatus,
    PlanWeek,
    QualityType,
    SessionKind,
    WeekRole,
)
from domain.workouts.models import Activity


class SqlPlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, plan: Plan) -> Plan:
        goal = plan.goal
        row = PlanRow(
            user_id=plan.user_id,
            status=plan.status.value,
            goal_kind=goal.kind.value,
            distance_m=goal.distance_m,
            target_s=goal.target_s,
            race_date=goal.race_date,
            sessions_per_week=goal.sessions_per_week,
            vdot=plan.vdot,
            created_at=plan.created_at,
        )
        self._session.add(row)
        await self._session.flush()
        for week in plan.weeks:
            self._session.add(PlanWeekRow(plan_id=row.id, **_week_values(week)))
        await self._session.flush()
        return _to_plan(row, list(plan.weeks))

    async def active(self, user_id: int) -> Plan | None:
        query = select(PlanRow).where(
            PlanRow.user_id == user_id, PlanRow.status == PlanStatus.ACTIVE.value
        )
        return await self._one(query)

    async def get(self, user_id: int, plan_id: int) -> Plan | None:
        return await self._one(
            select(PlanRow).where(PlanRow.id == plan_id, PlanRow.user_id == user_id)
        )

    async def archive_active(self, user_id: int) -> None:
        await self._session.execute(
            update(PlanRow)
            .where(PlanRow.user_id == user_id, PlanRow.status == PlanStatus.ACTIVE.value)
            .values(status=PlanStatus.ARCHIVED.value)
        )

    async def set_status(self, user_id: int, plan_id: int, status: PlanStatus) -> bool:
        statement = (
            update(PlanRow)
            .where(PlanRow.id == plan_id, PlanRow.user_id == user_id)
            .values(status=status.value)
        )
        return bool((await self._session.execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def save_week(self, plan_id: int, week: PlanWeek) -> None:
        await self._session.execute(
            update(PlanWeekRow)
            .where(PlanWeekRow.plan_id == plan_id, PlanWeekRow.index == week.index)
            .values(**_week_values(week))
        )

    async def all(self, user_id: int) -> list[Plan]:
        query = select(PlanRow).where(PlanRow.user_id == user_id).order_by(PlanRow.id)
        return [await self._with_weeks(row) for row in await self._session.scalars(query)]

    async def _one(self, query: Any) -> Plan | None:
        row = (await self._session.scalars(query)).one_or_none()
        return None if row is None else await self._with_weeks(row)

    async def _with_weeks(self, row: PlanRow) -> Plan:
        query = (
            select(PlanWeekRow).where(PlanWeekRow.plan_id == row.id).order_by(PlanWeekRow.index)
        )
        return _to_plan(row, [_to_week(week) for week in await self._session.scalars(query)])


def _week_values(week: PlanWeek) -> dict[str, Any]:
    return {
        "index": week.index,
        "starts_on": week.starts_on,
        "role": week.role.value,
        "target_minutes": week.target_minutes,
        "sessions": [_session_json(session) for session in week.sessions],
        "adapted_reason": week.adapted_reason.value if week.adapted_reason else None,
    }


def _session_json(session: PlannedSession) -> dict[str, Any]:
    return {
        "day": session.day.isoformat(),
        "kind": session.kind.value,
        "activity": session.activity.value,
        "duration_s": session.duration_s,
        "distance_m": session.distance_m,
        "speed_mps": session.speed_mps,
        "fast_mps": session.fast_mps,
        "workout": session.workout.value if session.workout else None,
        "exercises": [[item.name, item.sets, item.reps] for item in session.exercises],
    }


def _to_session(data: dict[str, Any]) -> PlannedSession:
    return PlannedSession(
        day=date.fromisoformat(data["day"]),
        kind=SessionKind(data["kind"]),
        activity=Activity(data["activity"]),
        duration_s=int(data["duration_s"]),
        distance_m=data.get("distance_m"),
        speed_mps=data.get("speed_mps"),
        fast_mps=data.get("fast_mps"),
        workout=QualityType(data["workout"]) if data.get("workout") else None,
        exercises=tuple(Exercise(name, sets, reps) for name, sets, reps in data["exercises"]),
    )


def _to_week(row: PlanWeekRow) -> PlanWeek:
    return PlanWeek(
        index=row.index,
        starts_on=row.starts_on,
        role=WeekRole(row.role),
        target_minutes=row.target_minutes,
        sessions=tuple(_to_session(item) for item in row.sessions),
        adapted_reason=AdaptReason(row.adapted_reason) if row.adapted_reason else None,
    )


def _to_plan(row: PlanRow, weeks: list[PlanWeek]) -> Plan:
    goal = PlanGoal(
        kind=GoalKind(row.goal_kind),
        distance_m=row.distance_m,
        target_s=row.target_s,
        race_date=row.race_date,
        sessions_per_week=row.sessions_per_week,
    )
    return Plan(
        id=row.id,
        user_id=row.user_id,
        goal=goal,
        status=PlanStatus(row.status),
        created_at=row.created_at,
        vdot=row.vdot,
        weeks=tuple(weeks),
    )
