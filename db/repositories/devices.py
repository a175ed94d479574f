"""Paired devices, pairing codes, live sessions and their batches, scoped to the athlete."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import DeviceRow, LiveBatchRow, LiveSessionRow, PairingCodeRow
from db.upsert import insert_or_ignore
from domain.devices.models import (
    CodeState,
    Device,
    DeviceKind,
    LiveSession,
    PairingCode,
    SessionState,
    StoredBatch,
)
from domain.workouts.models import Activity

_SESSIONS: Table = LiveSessionRow.__table__  # type: ignore[assignment]
_BATCHES: Table = LiveBatchRow.__table__  # type: ignore[assignment]


class SqlDeviceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_code(
        self, user_id: int, code_hash: str, at: datetime, expires: datetime
    ) -> None:
        await self._session.execute(
            update(PairingCodeRow)
            .where(PairingCodeRow.user_id == user_id, PairingCodeRow.state == CodeState.OPEN)
            .values(state=CodeState.REPLACED.value)
        )
        self._session.add(
            PairingCodeRow(
                user_id=user_id,
                code_hash=code_hash,
                state=CodeState.OPEN.value,
                created_at=at,
                expires_at=expires,
            )
        )
        await self._session.flush()

    async def codes_since(self, user_id: int, since: datetime) -> int:
        query = select(func.count()).where(
            PairingCodeRow.user_id == user_id, PairingCodeRow.created_at > since
        )
        return int(await self._session.scalar(query) or 0)

    async def prune_codes(self, user_id: int, before: datetime) -> None:
        await self._session.execute(
            delete(PairingCodeRow).where(
                PairingCodeRow.user_id == user_id, PairingCodeRow.created_at < before
            )
        )

    async def code_by_hash(self, code_hash: str) -> PairingCode | None:
        query = select(PairingCodeRow).where(PairingCodeRow.code_hash == code_hash)
        row = (await self._session.scalars(query)).one_or_none()
        if row is None:
            return None
        return PairingCode(
            row.id,
            row.user_id,
            row.code_hash,
            row.created_at,
            row.expires_at,
            CodeState(row.state),
        )

    async def use_code(self, code_id: int) -> bool:
        result = await self._session.execute(
            update(PairingCodeRow)
            .where(PairingCodeRow.id == code_id, PairingCodeRow.state == CodeState.OPEN)
            .values(state=CodeState.USED.value)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def add_device(
        self, user_id: int, name: str | None, kind: DeviceKind, token_hash: str, at: datetime
    ) -> Device:
        row = DeviceRow(
            user_id=user_id, name=name, kind=kind.value, token_hash=token_hash, paired_at=at
        )
        self._session.add(row)
        await self._session.flush()
        return _to_device(row)

    async def by_token(self, token_hash: str) -> Device | None:
        query = select(DeviceRow).where(DeviceRow.token_hash == token_hash)
        row = (await self._session.scalars(query)).one_or_none()
        return _to_device(row) if row is not None else None

    async def touch(self, device_id: int, at: datetime) -> None:
        await self._session.execute(
            update(DeviceRow).where(DeviceRow.id == device_id).values(last_sync_at=at)
        )

    async def active(self, user_id: int) -> list[Device]:
        query = (
            select(DeviceRow)
            .where(DeviceRow.user_id == user_id, DeviceRow.revoked_at.is_(None))
            .order_by(DeviceRow.paired_at, DeviceRow.id)
        )
        return [_to_device(row) for row in await self._session.scalars(query)]

    async def get(self, user_id: int, device_id: int) -> Device | None:
        query = select(DeviceRow).where(DeviceRow.id == device_id, DeviceRow.user_id == user_id)
        row = (await self._session.scalars(query)).one_or_none()
        return _to_device(row) if row is not None else None

    async def revoke(self, user_id: int, device_id: int, at: datetime) -> bool:
        result = await self._session.execute(
            update(DeviceRow)
            .where(
                DeviceRow.id == device_id,
                DeviceRow.user_id == user_id,
                DeviceRow.revoked_at.is_(None),
            )
            .values(revoked_at=at)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def add_session(self, session: LiveSession, at: datetime) -> bool:
        values = {
            "user_id": session.user_id,
            "device_id": session.device_id,
            "client_session_id": session.client_session_id,
            "activity": session.activity.value,
            "started_at": session.started_at,
            "created_at": at,
            "state": SessionState.OPEN.value,
        }
        return await insert_or_ignore(
            self._session, _SESSIONS, values, ("user_id", "client_session_id")
        )

    async def session_by_client_id(self, user_id: int, client_id: str) -> LiveSession | None:
        query = select(LiveSessionRow).where(
            LiveSessionRow.user_id == user_id, LiveSessionRow.client_session_id == client_id
        )
        row = (await self._session.scalars(query)).one_or_none()
        return _to_session(row) if row is not None else None

    async def session(
        self, user_id: int, session_id: int, lock: bool = False
    ) -> LiveSession | None:
        query = select(LiveSessionRow).where(
            LiveSessionRow.id == session_id, LiveSessionRow.user_id == user_id
        )
        if lock:
            query = query.with_for_update()
        row = (await self._session.scalars(query)).one_or_none()
        return _to_session(row) if row is not None else None

    async def add_batch(self, session_id: int, batch: StoredBatch) -> bool:
        values = {
            "session_id": session_id,
            "seq": batch.seq,
            "digest": batch.digest,
            "payload": batch.payload,
        }
        return await insert_or_ignore(self._session, _BATCHES, values, ("session_id", "seq"))

    async def batch_digest(self, session_id: int, seq: int) -> str | None:
        query = select(LiveBatchRow.digest).where(
            LiveBatchRow.session_id == session_id, LiveBatchRow.seq == seq
        )
        return await self._session.scalar(query)

    async def batches(self, session_id: int) -> list[StoredBatch]:
        query = (
            select(LiveBatchRow.seq, LiveBatchRow.digest, LiveBatchRow.payload)
            .where(LiveBatchRow.session_id == session_id)
            .order_by(LiveBatchRow.seq)
        )
        rows = await self._session.execute(query)
        return [StoredBatch(row.seq, row.digest, row.payload) for row in rows]

    async def finish(self, session_id: int, ended_at: datetime, workout_id: int) -> None:
        await self._session.execute(
            update(LiveSessionRow)
            .where(LiveSessionRow.id == session_id)
            .values(state=SessionState.FINISHED.value, ended_at=ended_at, workout_id=workout_id)
        )

    async def touch_session(self, session_id: int, at: datetime) -> None:
        await self._session.execute(
            update(LiveSessionRow).where(LiveSessionRow.id == session_id).values(last_batch_at=at)
        )

    async def silent_sessions(self, before: datetime, limit: int) -> list[tuple[int, int]]:
        heard = func.coalesce(LiveSessionRow.last_batch_at, LiveSessionRow.created_at)
        query = (
            select(LiveSessionRow.user_id, LiveSessionRow.id)
            .where(LiveSessionRow.state == SessionState.OPEN.value, heard < before)
            .order_by(LiveSessionRow.id)
            .limit(limit)
        )
        return [(row.user_id, row.id) for row in await self._session.execute(query)]

    async def drop_session(self, session_id: int) -> bool:
        result = await self._session.execute(
            delete(LiveSessionRow).where(
                LiveSessionRow.id == session_id, LiveSessionRow.state == SessionState.OPEN.value
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def all_devices(self, user_id: int) -> list[Device]:
        query = select(DeviceRow).where(DeviceRow.user_id == user_id).order_by(DeviceRow.id)
        return [_to_device(row) for row in await self._session.scalars(query)]

    async def sessions_of(self, user_id: int) -> list[LiveSession]:
        query = (
            select(LiveSessionRow)
            .where(LiveSessionRow.user_id == user_id)
            .order_by(LiveSessionRow.id)
        )
        return [_to_session(row) for row in await self._session.scalars(query)]


def _to_device(row: DeviceRow) -> Device:
    return Device(
        id=row.id,
        user_id=row.user_id,
        name=row.name,
        kind=DeviceKind(row.kind),
        paired_at=row.paired_at,
        last_sync_at=row.last_sync_at,
        revoked_at=row.revoked_at,
    )


def _to_session(row: LiveSessionRow) -> LiveSession:
    return LiveSession(
        id=row.id,
        user_id=row.user_id,
        device_id=row.device_id,
        client_session_id=row.client_session_id,
        activity=Activity(row.activity),
        started_at=row.started_at,
        state=SessionState(row.state),
        ended_at=row.ended_at,
        workout_id=row.workout_id,
        created_at=row.created_at,
        last_batch_at=row.last_batch_at,
    )
