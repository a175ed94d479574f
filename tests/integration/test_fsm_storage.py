from __future__ import annotations

from datetime import UTC, datetime

from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.fsm_storage import SqlStorage
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
