"""What the wellness service needs from storage."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from domain.wellness.models import CheckIn, WellnessField


class CheckInRepository(Protocol):
    async def get(self, user_id: int, day: date) -> CheckIn | None: ...

    async def set_field(
        self, user_id: int, day: date, field: WellnessField, value: float, at: datetime
    ) -> None:
        """Store one answer of the day's check-in, creating the check-in when it is the first."""
        ...

    async def between(self, user_id: int, first: date, last: date) -> list[CheckIn]:
        """The athlete's check-ins from `first` to `last` (both included), oldest first."""
        ...

    async def all(self, user_id: int) -> list[CheckIn]:
        """Every check-in of the athlete, oldest first."""
        ...
