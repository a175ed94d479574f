"""What one update costs the database: transactions and statements, counted (issue #8)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.tables import FsmStateRow
from tests.bot.conftest import Harness


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[Counter[str]]:
    """Pool checkouts (one per transaction) and statements by their first word."""
    counts: Counter[str] = Counter()
    sync = engine.sync_engine

    def checkout(*_: Any) -> None:
        counts["transactions"] += 1

    def statement(_c: Any, _k: Any, sql: str, *_: Any) -> None:
        counts[sql if sql.startswith("BEGIN") else sql.split(maxsplit=1)[0]] += 1

    event.listen(sync.pool, "checkout", checkout)
    event.listen(sync, "before_cursor_execute", statement)
    try:
        yield counts
    finally:
        event.remove(sync.pool, "checkout", checkout)
        event.remove(sync, "before_cursor_execute", statement)


def immediate(counts: Counter[str], engine: AsyncEngine) -> int | None:
    """Transactions that took SQLite's write lock up front (None on PostgreSQL)."""
    return counts["BEGIN IMMEDIATE"] if engine.dialect.name == "sqlite" else None


async def test_help_reads_in_four_transactions_and_records_the_update_in_one(
    chat: Harness, engine: AsyncEngine
) -> None:
    await chat.send("/start")
    with counting(engine) as counts:
        await chat.send("/help")
    # The duplicate check, the user, the ban check, the FSM state; then the update id.
    assert counts["transactions"] == 5
    assert counts["INSERT"] == 1
    assert counts["UPDATE"] == counts["DELETE"] == 0
    assert immediate(counts, engine) in (1, None), "only recording the update takes the lock"


async def test_a_command_clearing_no_state_writes_no_state(
    chat: Harness, engine: AsyncEngine
) -> None:
    await chat.send("/start")
    await chat.send("/journal")
    assert await _fsm_rows(chat) == 0, "the first /journal ended the onboarding flow"
    with counting(engine) as counts:
        await chat.send("/journal")
    # As /help, plus the journal's unit of work; `state.clear()` costs nothing.
    assert counts["transactions"] == 6
    assert counts["DELETE"] == 0
    assert counts["INSERT"] == 1
    assert immediate(counts, engine) in (1, None)


async def test_a_command_still_clears_a_flow_in_progress(
    chat: Harness, engine: AsyncEngine
) -> None:
    await chat.send("/start")
    await chat.send("/log")
    assert await _fsm_rows(chat) == 1, "the guided log form is in progress"
    with counting(engine) as counts:
        await chat.send("/journal")
    assert counts["DELETE"] == 1
    assert await _fsm_rows(chat) == 0


async def _fsm_rows(chat: Harness) -> int:
    async with chat.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(FsmStateRow)) or 0)
