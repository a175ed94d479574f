"""The storage the coaching area needs; db/ implements it."""

from __future__ import annotations

from typing import Protocol

from domain.coaching.thresholds import Threshold


class ThresholdRepository(Protocol):
    async def add(self, user_id: int, threshold: Threshold) -> None: ...

    async def all(self, user_id: int) -> list[Threshold]:
        """Every dated value of the athlete, oldest first."""
        ...
