"""INSERT ... ON CONFLICT for the two backends we run on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert


def _insert(session: AsyncSession, table: Table) -> Any:
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table)


async def insert_or_ignore(
    session: AsyncSession, table: Table, values: Mapping[str, Any], keys: Sequence[str]
) -> bool:
    """Insert a row unless one with the same keys exists; True when this call inserted it."""
    statement: Insert = (
        _insert(session, table).values(**values).on_conflict_do_nothing(index_elements=list(keys))
    )
    result = await session.execute(statement)
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def upsert(
    session: AsyncSession, table: Table, values: Mapping[str, Any], keys: Sequence[str]
) -> None:
    """Insert a row, or update its non-key columns when the keys already exist."""
    statement = _insert(session, table).values(**values)
    changes = {name: statement.excluded[name] for name in values if name not in keys}
    await session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=changes))


async def insert_many_or_ignore(
    session: AsyncSession, table: Table, rows: Sequence[Mapping[str, Any]], keys: Sequence[str]
) -> None:
    """Insert the rows whose keys are new, in one statement; the others are left as they are."""
    if not rows:
        return
    statement: Insert = _insert(session, table).on_conflict_do_nothing(index_elements=list(keys))
    await session.execute(statement, [dict(row) for row in rows])
