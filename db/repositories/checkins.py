"""Wellness check-ins, one row per athlete and local day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import CheckInRow
from db.upsert import upsert
from domain.wellness.models import CheckIn, WellnessField


class SqlCheckInRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int, day: date) -> CheckIn | None:
        row = await self._session.get(CheckInRow, (user_id, day))
        return None if row is None else _to_checkin(row)

    async def set_field(
        self, user_id: int, day: date, field: WellnessField, value: float, at: datetime
    ) -> None:
        # One statement, so two quick taps on a new day cannot both insert the row.
        values = {"user_id": user_id, "day": day, field.value: value, "updated_at": at}
        table = CheckInRow.__table__
        await upsert(self._session, table, values, ["user_id", "day"])  # type: ignore[arg-type]

    async def between(self, user_id: int, first: date, last: date) -> list[CheckIn]:
        query = (
            select(CheckInRow)
            .where(CheckInRow.user_id == user_id, CheckInRow.day.between(first, last))
            .order_by(CheckInRow.day)
        )
        return [_to_checkin(row) for row in await self._session.scalars(query)]

    async def all(self, user_id: int) -> list[CheckIn]:
        query = select(CheckInRow).where(CheckInRow.user_id == user_id).order_by(CheckInRow.day)
        return [_to_checkin(row) for row in await self._session.scalars(query)]


def _to_checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(
        user_id=row.user_id,
        day=row.day,
        sleep_hours=row.sleep_hours,
        sleep_quality=row.sleep_quality,
        mood=row.mood,
        soreness=row.soreness,
        resting_hr=row.resting_hr,
        weight_kg=row.weight_kg,
        updated_at=row.updated_at,
    )
