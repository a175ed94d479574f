"""Personal records, one row per athlete, kind and subject."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import PersonalRecordRow
from db.upsert import upsert
from domain.workouts.models import Activity
from domain.workouts.records import Record, RecordKind


class SqlRecordRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self, user_id: int) -> list[tuple[Record, int]]:
        query = select(PersonalRecordRow).where(PersonalRecordRow.user_id == user_id)
        return [
            (
                Record(RecordKind(row.kind), row.subject, row.value, Activity(row.activity)),
                row.workout_id,
            )
            for row in await self._session.scalars(query)
        ]

    async def put(self, user_id: int, record: Record, workout_id: int, at: datetime) -> None:
        values = {
            "user_id": user_id,
            "kind": record.kind.value,
            "subject": record.subject,
            "activity": record.activity.value,
            "value": record.value,
            "workout_id": workout_id,
            "achieved_at": at,
        }
        table = PersonalRecordRow.__table__
        await upsert(self._session, table, values, ["user_id", "kind", "subject"])  # type: ignore[arg-type]

    async def held_by(self, user_id: int, workout_id: int) -> list[tuple[RecordKind, str]]:
        query = select(PersonalRecordRow.kind, PersonalRecordRow.subject).where(
            PersonalRecordRow.user_id == user_id, PersonalRecordRow.workout_id == workout_id
        )
        return [
            (RecordKind(kind), subject) for kind, subject in await self._session.execute(query)
        ]

    async def remove(self, user_id: int, keys: list[tuple[RecordKind, str]]) -> None:
        if not keys:
            return
        matches = [
            and_(PersonalRecordRow.kind == kind.value, PersonalRecordRow.subject == subject)
            for kind, subject in keys
        ]
        await self._session.execute(
            delete(PersonalRecordRow).where(PersonalRecordRow.user_id == user_id, or_(*matches))
        )
