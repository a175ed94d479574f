"""Live tracks: one row of running totals per track, one row per kept position (ADR 0032)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import LiveTrackPointRow, LiveTrackRow
from domain.tracks.models import Fix, LiveTrack, TrackState
from domain.workouts.models import Activity

T = LiveTrackRow
P = LiveTrackPointRow
_TOTALS = (
    "activity", "last_fix_at", "stale_at", "distance_m", "moving_s", "points",
    "status_message_id", "status_at", "workout_id",
)  # fmt: skip


class SqlLiveTrackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, track: LiveTrack) -> LiveTrack:
        values = {
            **_totals(track),
            "user_id": track.user_id,
            "chat_id": track.chat_id,
            "message_id": track.message_id,
            "state": track.state.value,
            "started_at": track.started_at,
            "live_until": track.live_until,
        }
        track_id = await self._session.scalar(insert(T).values(**values).returning(T.id))
        assert track_id is not None
        await self.append(track_id, track.last_kept)
        stored = await self.get(track.user_id, track_id)
        assert stored is not None
        return stored

    async def get(self, user_id: int, track_id: int) -> LiveTrack | None:
        query = (
            select(T)
            .where(T.user_id == user_id, T.id == track_id)
            .execution_options(populate_existing=True)
        )
        row = (await self._session.execute(query)).one_or_none()
        return _to_track(row[0]) if row is not None else None

    async def by_message(self, user_id: int, chat_id: int, message_id: int) -> LiveTrack | None:
        query = (
            select(T)
            .where(T.user_id == user_id, T.chat_id == chat_id, T.message_id == message_id)
            .with_for_update()  # SQLite: the write lock of the update serializes instead
            .execution_options(populate_existing=True)
        )
        row = (await self._session.execute(query)).one_or_none()
        return _to_track(row[0]) if row is not None else None

    async def save(self, track: LiveTrack) -> None:
        await self._session.execute(update(T).where(T.id == track.id).values(**_totals(track)))

    async def append(self, track_id: int, fix: Fix) -> None:
        await self._session.execute(
            insert(P).values(
                track_id=track_id,
                at=fix.at,
                latitude=fix.latitude,
                longitude=fix.longitude,
                accuracy_m=fix.accuracy_m,
            )
        )

    async def fixes(self, track_id: int) -> list[Fix]:
        query = (
            select(P.at, P.latitude, P.longitude, P.accuracy_m)
            .where(P.track_id == track_id)
            .order_by(P.at)
        )
        return [Fix(*row) for row in (await self._session.execute(query)).all()]

    async def move(self, track_id: int, states: Collection[TrackState], to: TrackState) -> bool:
        result: CursorResult[Any] = await self._session.execute(  # type: ignore[assignment]
            update(T)
            .where(T.id == track_id, T.state.in_([state.value for state in states]))
            .values(state=to.value)
        )
        return result.rowcount == 1

    async def forget_fixes(self, track_id: int) -> None:
        await self._session.execute(delete(P).where(P.track_id == track_id))

    async def stale(self, now: datetime, limit: int) -> list[tuple[int, int]]:
        open_states = [TrackState.ACTIVE.value, TrackState.ENDED.value]
        query = (
            select(T.user_id, T.id)
            .where(T.state.in_(open_states), T.stale_at <= now)
            .order_by(T.stale_at, T.id)
            .limit(limit)
        )
        return [(user_id, track_id) for user_id, track_id in await self._session.execute(query)]


def _totals(track: LiveTrack) -> dict[str, Any]:
    values = {name: getattr(track, name) for name in _TOTALS}
    values["activity"] = track.activity.value if track.activity else None
    kept = track.last_kept
    values.update(
        last_latitude=kept.latitude,
        last_longitude=kept.longitude,
        last_accuracy_m=kept.accuracy_m,
        last_kept_at=kept.at,
    )
    return values


def _to_track(row: LiveTrackRow) -> LiveTrack:
    return LiveTrack(
        id=row.id,
        user_id=row.user_id,
        chat_id=row.chat_id,
        message_id=row.message_id,
        activity=Activity(row.activity) if row.activity else None,
        state=TrackState(row.state),
        started_at=row.started_at,
        live_until=row.live_until,
        last_fix_at=row.last_fix_at,
        last_kept=Fix(
            row.last_kept_at, row.last_latitude, row.last_longitude, row.last_accuracy_m
        ),
        stale_at=row.stale_at,
        distance_m=row.distance_m,
        moving_s=row.moving_s,
        points=row.points,
        status_message_id=row.status_message_id,
        status_at=row.status_at,
        workout_id=row.workout_id,
    )
