"""aiogram FSM storage in the database: a flow in progress survives a restart."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.tables import FsmStateRow
from db.upsert import upsert


class SqlStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Callable[[], datetime],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._keys = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        name = state.state if isinstance(state, State) else state
        await self._write(key, state=name)

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._read(key)
        return None if row is None else row.state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._read(key)
        return {} if row is None else dict(row.data)

    async def close(self) -> None:
        return None

    async def _read(self, key: StorageKey) -> FsmStateRow | None:
        async with self._sessions() as session:
            query = select(FsmStateRow).where(FsmStateRow.key == self._keys.build(key))
            return (await session.scalars(query)).one_or_none()

    async def _write(self, key: StorageKey, **changes: Any) -> None:
        built = self._keys.build(key)
        async with self._sessions() as session, session.begin():
            current = await session.get(FsmStateRow, built)
            state = changes.get("state", current.state if current else None)
            data = changes.get("data", current.data if current else {})
            if state is None and not data:
                await session.execute(delete(FsmStateRow).where(FsmStateRow.key == built))
                return
            values = {"key": built, "state": state, "data": data, "updated_at": self._clock()}
            await upsert(session, FsmStateRow.__table__, values, ["key"])  # type: ignore[arg-type]
