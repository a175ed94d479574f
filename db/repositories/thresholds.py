"""Dated thresholds, one row per value and the moment it became valid."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import ThresholdRow
from domain.coaching.thresholds import Threshold, ThresholdKind


class SqlThresholdRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user_id: int, threshold: Threshold) -> None:
        self._session.add(
            ThresholdRow(
                user_id=user_id,
                kind=threshold.kind.value,
                value=threshold.value,
                valid_from=threshold.valid_from,
            )
        )
        await self._session.flush()

    async def all(self, user_id: int) -> list[Threshold]:
        query = (
            select(ThresholdRow)
            .where(ThresholdRow.user_id == user_id)
            .order_by(ThresholdRow.valid_from, ThresholdRow.id)
        )
        return [
            Threshold(ThresholdKind(row.kind), row.value, row.valid_from)
            for row in await self._session.scalars(query)
        ]
