"""aiogram FSM storage in the database: a flow in progress survives a restart."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
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

from db.engine import READ_ONLY
from db.tables import FsmStateRow
from db.upsert import upsert

# Within one update: for each key read or written, whether it had a row afterwards.
_rows_in_update: ContextVar[dict[str, bool] | None] = ContextVar("fsm_rows", default=None)


@contextmanager
def remembering_rows() -> Iterator[None]:
    """For the block (one update), clearing a key this update found without a row writes
    nothing: `state.clear()` at the start of a command costs no transaction."""
    token = _rows_in_update.set({})
    try:
        yield
    finally:
        _rows_in_update.reset(token)


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
        built = self._keys.build(key)
        async with self._sessions() as session:
            await session.connection(execution_options=READ_ONLY)
            query = select(FsmStateRow).where(FsmStateRow.key == built)
            row = (await session.scalars(query)).one_or_none()
        _remember(built, row is not None)
        return row

    async def _write(self, key: StorageKey, **changes: Any) -> None:
        built = self._keys.build(key)
        rows = _rows_in_update.get()
        if rows is not None and rows.get(built) is False and _kept(None, changes) is None:
            return
        async with self._sessions() as session, session.begin():
            current = await session.get(FsmStateRow, built)
            kept = _kept(current, changes)
            if kept is None:
                await session.execute(delete(FsmStateRow).where(FsmStateRow.key == built))
            else:
                values = {"key": built, **kept, "updated_at": self._clock()}
                await upsert(session, FsmStateRow.__table__, values, ["key"])  # type: ignore[arg-type]
        _remember(built, kept is not None)


def _kept(current: FsmStateRow | None, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    """The state and data to store after the changes; None when the row is to go."""
    state = changes.get("state", current.state if current else None)
    data = changes.get("data", current.data if current else {})
    return None if state is None and not data else {"state": state, "data": data}


def _remember(key: str, exists: bool) -> None:
    rows = _rows_in_update.get()
    if rows is not None:
        rows[key] = exists
