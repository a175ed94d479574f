"""Update ids already handled, so that a redelivered update is dropped."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import ProcessedUpdateRow
from db.upsert import insert_or_ignore


class SqlUpdateLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def seen(self, update_id: int) -> bool:
        query = select(ProcessedUpdateRow.update_id).where(
            ProcessedUpdateRow.update_id == update_id
        )
        return (await self._session.scalar(query)) is not None

    async def record(self, update_id: int, at: datetime) -> bool:
        """Record the id; False when it was already there."""
        return await insert_or_ignore(
            self._session,
            ProcessedUpdateRow.__table__,  # type: ignore[arg-type]
            {"update_id": update_id, "processed_at": at},
            ["update_id"],
        )

    async def prune(self, before: datetime) -> int:
        statement = delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
        result = await self._session.execute(statement)
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def latest(self) -> int | None:
        """The highest handled update id (the sandbox numbers its next session above it)."""
        return await self._session.scalar(select(func.max(ProcessedUpdateRow.update_id)))
