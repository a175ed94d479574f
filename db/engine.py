"""Engines and session factories, built once at start from the settings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_MS = 15_000
# Execution options for a transaction that only reads (`session.connection(execution_options=
# READ_ONLY)` before its first statement): on SQLite it begins deferred, without the write lock.
_READ_ONLY_KEY = "coachbot_read_only"
READ_ONLY: Final[Mapping[str, Any]] = {_READ_ONLY_KEY: True}


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An engine; SQLite gets WAL, a busy timeout and write locks taken up front
    (except in transactions started READ_ONLY)."""
    if not is_sqlite(url):
        return create_async_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_async_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
    )
    _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy must not let the driver open transactions lazily: we send BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        # A deferred transaction that reads and then writes can fail with SQLITE_BUSY
        # regardless of busy_timeout; taking the write lock first makes writers queue.
        # A read-only transaction never upgrades, so it reads its WAL snapshot beside them.
        if _read_only(connection):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(sync_engine, "before_cursor_execute")
    def refuse_writes_in_reads(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        # A write in a deferred transaction could fail with SQLITE_BUSY: make the mistake loud.
        if _read_only(connection) and not statement.lstrip().upper().startswith(_READS):
            raise ReadOnlyTransactionError(statement.split(None, 1)[0])


_READS = ("SELECT", "BEGIN")


class ReadOnlyTransactionError(RuntimeError):
    """A statement that writes was sent in a transaction started READ_ONLY."""


def _read_only(connection: Any) -> bool:
    return bool(connection.get_execution_options().get(_READ_ONLY_KEY))


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
