"""Apply Alembic migrations from inside the application."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to `revision`; running it twice changes nothing."""
    await _run(engine, lambda config: command.upgrade(config, revision))


def head_revision() -> str:
    """The newest revision of this checkout's migrations."""
    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


async def is_current(engine: AsyncEngine) -> bool:
    """True when the database is at the newest revision."""

    def check(connection: Connection) -> bool:
        current = MigrationContext.configure(connection).get_current_heads()
        return set(current) == set(ScriptDirectory.from_config(alembic_config()).get_heads())

    async with engine.connect() as connection:
        return await connection.run_sync(check)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    await _run(engine, lambda config: command.downgrade(config, revision))


async def _run(engine: AsyncEngine, action: object) -> None:
    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        action(config)  # type: ignore[operator]

    async with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            await connection.run_sync(_sqlite_foreign_keys, on=False)
        try:
            await connection.run_sync(run)
            await connection.commit()
        finally:
            if sqlite:
                await connection.run_sync(_sqlite_foreign_keys, on=True)


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    """SQLite alters a table by copying it and dropping the old one; with foreign keys on,
    that drop cascades and deletes every row that refers to the table (all the workouts of
    every user when `users` is rebuilt). The pragma only works outside a transaction, so it
    is sent on the driver connection before SQLAlchemy begins one."""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
        if on:
            cursor.execute("PRAGMA foreign_key_check")
            broken = cursor.fetchall()
            if broken:
                raise RuntimeError(f"migration left rows with dangling references: {broken}")
    finally:
        cursor.close()
