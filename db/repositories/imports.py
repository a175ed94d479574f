"""Imported activity files: each workout's extras and samples blob, scoped to the owner."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import ImportedActivityRow
from domain.activities.models import FileWarning, ImportMeta, Lap

_EXTRAS = (
    "sha256", "part", "sport", "device", "moving_s", "elevation_gain_m", "max_hr", "avg_power",
    "normalized_power", "avg_cadence", "calories", "group_id",
)  # fmt: skip


class SqlImportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user_id: int, meta: ImportMeta, samples: bytes) -> None:
        values = {name: getattr(meta, name) for name in _EXTRAS}
        self._session.add(
            ImportedActivityRow(
                workout_id=meta.workout_id,
                user_id=user_id,
                laps=[_lap_json(lap) for lap in meta.laps],
                warning=meta.warning.value if meta.warning else None,
                samples=samples,
                **values,
            )
        )
        await self._session.flush()

    async def workout_by_hash(self, user_id: int, sha256: str) -> int | None:
        query = (
            select(ImportedActivityRow.workout_id)
            .where(ImportedActivityRow.user_id == user_id, ImportedActivityRow.sha256 == sha256)
            .order_by(ImportedActivityRow.part)
            .limit(1)
        )
        return await self._session.scalar(query)

    async def get(self, user_id: int, workout_id: int) -> tuple[ImportMeta, bytes] | None:
        query = select(ImportedActivityRow).where(
            ImportedActivityRow.user_id == user_id, ImportedActivityRow.workout_id == workout_id
        )
        row = (await self._session.scalars(query)).one_or_none()
        return (_to_meta(row), row.samples) if row is not None else None

    async def elevation_gain(self, user_id: int, workout_id: int) -> float | None:
        query = select(ImportedActivityRow.elevation_gain_m).where(
            ImportedActivityRow.user_id == user_id, ImportedActivityRow.workout_id == workout_id
        )
        return await self._session.scalar(query)

    async def all(self, user_id: int) -> list[ImportMeta]:
        columns = [c for c in ImportedActivityRow.__table__.columns if c.name != "samples"]
        query = (
            select(*columns)
            .where(ImportedActivityRow.user_id == user_id)
            .order_by(ImportedActivityRow.workout_id)
        )
        return [_to_meta(row) for row in (await self._session.execute(query)).all()]


def _lap_json(lap: Lap) -> dict[str, Any]:
    return {
        "start_offset_s": lap.start_offset_s,
        "duration_s": lap.duration_s,
        "distance_m": lap.distance_m,
        "avg_hr": lap.avg_hr,
    }


def _to_meta(row: Any) -> ImportMeta:
    return ImportMeta(
        workout_id=row.workout_id,
        laps=tuple(Lap(**lap) for lap in row.laps),
        warning=FileWarning(row.warning) if row.warning else None,
        **{name: getattr(row, name) for name in _EXTRAS},
    )
