"""What the database does for each case: the statements a case sends, their plans, their time.

The statements are captured from the real repositories while a case runs, then sent again
alone through the same driver (no ORM, no domain) and explained: EXPLAIN QUERY PLAN on
SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.timing import Case, summarize, timed_ms

REPEATS = 30
_IN_LIST = re.compile(r"IN \((?:[?$%][^,)]*,\s*)+[?$%][^)]*\)")


@dataclass(frozen=True, slots=True)
class Statement:
    sql: str
    rows: int
    p50_ms: float
    plan: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CasePlan:
    case: str
    statements: tuple[Statement, ...]

    @property
    def sql_ms(self) -> float:
        return sum(statement.p50_ms for statement in self.statements)


def shorten(sql: str) -> str:
    """One line, the select list elided and an expanded IN list shown as `IN (…n)`."""
    flat = " ".join(sql.split())
    flat = re.sub(r"^SELECT (?!count).*? FROM", "SELECT … FROM", flat)
    return _IN_LIST.sub(lambda match: f"IN (…{match.group(0).count(',') + 1})", flat)


async def capture(engine: AsyncEngine, call: Case) -> list[tuple[str, Any]]:
    sent: list[tuple[str, Any]] = []

    def note(_conn: object, _cursor: object, sql: str, parameters: Any, *_rest: object) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            sent.append((sql, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", note)
    try:
        await call()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", note)
    return sent


async def explain(engine: AsyncEngine, sql: str, parameters: Any) -> Statement:
    postgres = engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    async with engine.connect() as connection:
        found: list[int] = []

        async def run() -> None:
            result = await connection.exec_driver_sql(sql, parameters)
            found.append(len(result.fetchall()))

        samples = [await timed_ms(run) for _ in range(REPEATS)]
        result = await connection.exec_driver_sql(prefix + sql, parameters)
        lines = [row[-1] for row in result.fetchall()]
        await connection.rollback()
    return Statement(shorten(sql), found[-1], summarize(samples).p50, tuple(lines))


async def plans(engine: AsyncEngine, named: dict[str, Case]) -> list[CasePlan]:
    result = []
    for name, call in named.items():
        statements = [
            await explain(engine, sql, params) for sql, params in await capture(engine, call)
        ]
        result.append(CasePlan(name, tuple(statements)))
    return result
