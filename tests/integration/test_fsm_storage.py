from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.fsm_storage import SqlStorage, remembering_rows
from db.tables import FsmStateRow


class Form(StatesGroup):
    weight = State()


KEY = StorageKey(bot_id=42, chat_id=7, user_id=7)


def storage(sessions: async_sessionmaker[AsyncSession]) -> SqlStorage:
    return SqlStorage(sessions, lambda: datetime(2026, 11, 24, tzinfo=UTC))


async def test_a_flow_in_progress_survives_a_new_storage_instance(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    before = storage(session_factory)
    await before.set_state(KEY, Form.weight)
    await before.update_data(KEY, {"mode": "onboarding", "names": ["Анна"]})
    await before.close()

    after = storage(session_factory)
    assert await after.get_state(KEY) == Form.weight.state
    assert await after.get_data(KEY) == {"mode": "onboarding", "names": ["Анна"]}
    other = StorageKey(bot_id=42, chat_id=8, user_id=8)
    assert await after.get_state(other) is None
    assert await after.get_data(other) == {}


async def test_clearing_a_flow_removes_its_row(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    fsm = storage(session_factory)
    await fsm.set_state(KEY, Form.weight)
    await fsm.set_data(KEY, {"a": 1})
    await fsm.set_state(KEY, None)
    await fsm.set_data(KEY, {})
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(FsmStateRow)) == 0


@contextmanager
def statements(sessions: async_sessionmaker[AsyncSession]) -> Iterator[list[str]]:
    """The statements sent while the block runs."""
    sent: list[str] = []
    sync = sessions.kw["bind"].sync_engine

    def statement(_c: Any, _k: Any, sql: str, *_: Any) -> None:
        sent.append(sql.split(maxsplit=1)[0])

    event.listen(sync, "before_cursor_execute", statement)
    try:
        yield sent
    finally:
        event.remove(sync, "before_cursor_execute", statement)


async def test_clearing_a_key_read_without_a_row_in_the_update_sends_nothing(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    fsm = storage(session_factory)
    with remembering_rows():
        assert await fsm.get_state(KEY) is None
        with statements(session_factory) as sent:
            await fsm.set_state(KEY, None)
            await fsm.set_data(KEY, {})
    assert sent == []


async def test_clearing_writes_when_the_update_found_or_made_a_row(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    fsm = storage(session_factory)
    await fsm.set_state(KEY, Form.weight)
    with remembering_rows():
        assert await fsm.get_state(KEY) == Form.weight.state
        await fsm.set_state(KEY, None)
    assert await fsm.get_state(KEY) is None

    with remembering_rows():
        other = storage(session_factory)
        await fsm.set_data(KEY, {"mode": "onboarding"})
        await other.set_data(KEY, {})
    assert await fsm.get_data(KEY) == {}


async def test_a_key_cleared_and_set_again_in_one_update_is_stored(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    fsm = storage(session_factory)
    with remembering_rows():
        assert await fsm.get_state(KEY) is None
        await fsm.set_state(KEY, None)
        await fsm.set_state(KEY, Form.weight)
        await fsm.set_state(KEY, None)
        await fsm.update_data(KEY, {"step": 2})
        await fsm.set_data(KEY, {})
        await fsm.set_state(KEY, Form.weight)
    assert await storage(session_factory).get_state(KEY) == Form.weight.state
    assert await storage(session_factory).get_data(KEY) == {}
