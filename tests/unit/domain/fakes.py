"""In-memory repositories and unit of work for fast service tests (cosmicpython style)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from types import TracebackType
from typing import Self

from domain.plans.models import Plan, PlanStatus, PlanWeek
from domain.users.models import User
from domain.workouts.models import Activity, Workout
from domain.workouts.records import Record, RecordKind


class FakeUserRepository:
    def __init__(self) -> None:
        self.committed: dict[int, User] = {}
        self.pending: dict[int, User | None] = {}

    async def get(self, user_id: int) -> User | None:
        if user_id in self.pending:
            return self.pending[user_id]
        return self.committed.get(user_id)

    async def add(self, user: User) -> None:
        self.pending[user.id] = user

    async def save(self, user: User) -> None:
        self.pending[user.id] = user

    async def delete(self, user_id: int) -> bool:
        existed = await self.get(user_id) is not None
        self.pending[user_id] = None
        return existed


class FakeUpdateLog:
    def __init__(self) -> None:
        self.ids: dict[int, datetime] = {}

    async def seen(self, update_id: int) -> bool:
        return update_id in self.ids

    async def prune(self, before: datetime) -> int:
        old = [key for key, at in self.ids.items() if at < before]
        for key in old:
            del self.ids[key]
        return len(old)


class FakeWorkoutRepository:
    def __init__(self) -> None:
        self.rows: dict[int, Workout] = {}

    async def add(self, workout: Workout) -> Workout:
        stored = replace(workout, id=len(self.rows) + 1)
        self.rows[stored.id] = stored
        return stored

    async def get(self, user_id: int, workout_id: int) -> Workout | None:
        workout = self.rows.get(workout_id)
        return workout if workout is not None and workout.user_id == user_id else None

    async def save_note(self, user_id: int, workout_id: int, note: str | None) -> bool:
        workout = await self.get(user_id, workout_id)
        if workout is not None:
            self.rows[workout_id] = replace(workout, note=note)
        return workout is not None

    async def delete(self, user_id: int, workout_id: int) -> bool:
        return await self.get(user_id, workout_id) is not None and bool(self.rows.pop(workout_id))

    def _mine(self, user_id: int, activity: Activity | None) -> list[Workout]:
        mine = [w for w in self.rows.values() if w.user_id == user_id]
        mine = [w for w in mine if activity is None or w.activity is activity]
        return sorted(mine, key=lambda w: (w.started_at, w.id), reverse=True)

    async def page(
        self, user_id: int, activity: Activity | None, offset: int, limit: int
    ) -> list[Workout]:
        return self._mine(user_id, activity)[offset : offset + limit]

    async def count(self, user_id: int, activity: Activity | None) -> int:
        return len(self._mine(user_id, activity))

    async def since(self, user_id: int, start: datetime) -> list[Workout]:
        return [w for w in reversed(self._mine(user_id, None)) if w.started_at >= start]


class FakeRecordRepository:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, RecordKind, str], tuple[Record, int]] = {}

    async def all(self, user_id: int) -> list[tuple[Record, int]]:
        return [value for (owner, *_), value in self.rows.items() if owner == user_id]

    async def put(self, user_id: int, record: Record, workout_id: int, at: datetime) -> None:
        self.rows[(user_id, record.kind, record.subject)] = (record, workout_id)

    async def held_by(self, user_id: int, workout_id: int) -> list[tuple[RecordKind, str]]:
        return [
            (kind, subject)
            for (owner, kind, subject), (_, held) in self.rows.items()
            if owner == user_id and held == workout_id
        ]

    async def remove(self, user_id: int, keys: list[tuple[RecordKind, str]]) -> None:
        for kind, subject in keys:
            self.rows.pop((user_id, kind, subject), None)


class FakePlanRepository:
    def __init__(self) -> None:
        self.rows: dict[int, Plan] = {}
        self.saved_weeks = 0

    async def add(self, plan: Plan) -> Plan:
        stored = replace(plan, id=len(self.rows) + 1)
        self.rows[stored.id] = stored
        return stored

    async def active(self, user_id: int) -> Plan | None:
        mine = [p for p in self.rows.values() if p.user_id == user_id]
        return next((p for p in mine if p.status is PlanStatus.ACTIVE), None)

    async def get(self, user_id: int, plan_id: int) -> Plan | None:
        plan = self.rows.get(plan_id)
        return plan if plan is not None and plan.user_id == user_id else None

    async def archive_active(self, user_id: int) -> None:
        active = await self.active(user_id)
        if active is not None:
            self.rows[active.id] = replace(active, status=PlanStatus.ARCHIVED)

    async def set_status(self, user_id: int, plan_id: int, status: PlanStatus) -> bool:
        plan = await self.get(user_id, plan_id)
        if plan is not None:
            self.rows[plan_id] = replace(plan, status=status)
        return plan is not None

    async def save_week(self, plan_id: int, week: PlanWeek) -> None:
        plan = self.rows[plan_id]
        weeks = tuple(week if old.index == week.index else old for old in plan.weeks)
        self.rows[plan_id] = replace(plan, weeks=weeks)
        self.saved_weeks += 1

    async def all(self, user_id: int) -> list[Plan]:
        return [p for p in self.rows.values() if p.user_id == user_id]


class FakeUnitOfWork:
    def __init__(self) -> None:
        self._users = FakeUserRepository()
        self._updates = FakeUpdateLog()
        self._workouts = FakeWorkoutRepository()
        self._records = FakeRecordRepository()
        self._plans = FakePlanRepository()
        self.commits = 0

    @property
    def plans(self) -> FakePlanRepository:
        return self._plans

    @property
    def records(self) -> FakeRecordRepository:
        return self._records

    @property
    def workouts(self) -> FakeWorkoutRepository:
        return self._workouts

    @property
    def users(self) -> FakeUserRepository:
        return self._users

    @property
    def updates(self) -> FakeUpdateLog:
        return self._updates

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._users.pending.clear()

    async def commit(self) -> None:
        for user_id, user in self._users.pending.items():
            if user is None:
                self._users.committed.pop(user_id, None)
            else:
                self._users.committed[user_id] = user
        self._users.pending.clear()
        self.commits += 1


class FakeTimezones:
    def __init__(self, zone: str | None = "Europe/Moscow") -> None:
        self.zone = zone

    def timezone_at(self, latitude: float, longitude: float) -> str | None:
        return self.zone
