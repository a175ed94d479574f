"""What the plans service needs from storage."""

from __future__ import annotations

from typing import Protocol

from domain.plans.models import Plan, PlanStatus, PlanWeek


class PlanRepository(Protocol):
    async def add(self, plan: Plan) -> Plan:
        """Store a new plan with its weeks (its id is ignored) and return it with its id."""
        ...

    async def active(self, user_id: int) -> Plan | None: ...

    async def get(self, user_id: int, plan_id: int) -> Plan | None:
        """The athlete's own plan; another athlete's id gives None."""
        ...

    async def archive_active(self, user_id: int) -> None: ...

    async def set_status(self, user_id: int, plan_id: int, status: PlanStatus) -> bool: ...

    async def save_week(self, plan_id: int, week: PlanWeek) -> None: ...

    async def all(self, user_id: int) -> list[Plan]: ...
