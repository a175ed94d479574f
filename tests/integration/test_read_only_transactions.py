"""On SQLite, a transaction started READ_ONLY reads beside a writer instead of queueing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import READ_ONLY, ReadOnlyTransactionError, create_engine, create_session_factory
from db.tables import ProcessedUpdateRow
from db.uow import SqlUnitOfWork

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
async def impatient(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine whose connections never wait for a lock: waiting would be an error."""
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's single write lock")
    engine = create_engine(database_url)

    @event.listens_for(engine.sync_engine, "connect")
    def no_waiting(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=0")
        cursor.close()

    yield engine
    await engine.dispose()


async def test_a_read_only_transaction_does_not_wait_for_the_writer(
    impatient: AsyncEngine,
) -> None:
    sessions = create_session_factory(impatient)
    writer = SqlUnitOfWork(sessions, lambda: NOW)
    async with writer:
        assert await writer.updates.record(1, NOW), "the writer holds the lock, uncommitted"
        reader = SqlUnitOfWork(sessions, lambda: NOW)
        async with reader:
            await reader.read_only()
            assert not await reader.updates.seen(1), "the snapshot before the write"
        await reader.close()
        with pytest.raises(OperationalError, match="locked"):
            async with sessions() as other:
                await other.scalar(select(ProcessedUpdateRow.update_id))
        await writer.session.commit()
    await writer.close()


async def test_a_read_only_transaction_refuses_to_write(impatient: AsyncEngine) -> None:
    uow = SqlUnitOfWork(create_session_factory(impatient), lambda: NOW)
    async with uow:
        await uow.read_only()
        with pytest.raises(ReadOnlyTransactionError):
            await uow.updates.record(1, NOW)
    await uow.close()
    async with create_session_factory(impatient)() as session:
        await session.connection(execution_options=READ_ONLY)
        assert await session.scalar(select(ProcessedUpdateRow.update_id)) is None
