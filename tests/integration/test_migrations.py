"""The migration stairway: every revision up, down and up again, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import migrate, prepare_database
from bot.cli import main
from bot.settings import Settings, SettingsError
from db.migrate import alembic_config, downgrade, is_current, upgrade
from db.tables import Base


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


async def test_every_revision_goes_up_down_and_up_again(engine: AsyncEngine) -> None:
    await downgrade(engine, "base")
    for index, revision in enumerate(revisions()):
        previous = revisions()[index - 1] if index else "base"
        await upgrade(engine, revision)
        await downgrade(engine, previous)
        await upgrade(engine, revision)


async def test_the_migrated_schema_matches_the_models(engine: AsyncEngine) -> None:
    await downgrade(engine, "base")
    await upgrade(engine)

    def columns(connection: object) -> dict[str, set[str]]:
        inspector = inspect(connection)
        return {
            name: {column["name"] for column in inspector.get_columns(name)}
            for name in inspector.get_table_names()
            if name != "alembic_version"
        }

    async with engine.connect() as connection:
        migrated = await connection.run_sync(columns)
    expected = {table.name: set(table.columns.keys()) for table in Base.metadata.sorted_tables}
    assert migrated == expected


async def test_an_unmigrated_database_is_not_current(engine: AsyncEngine) -> None:
    await downgrade(engine, "base")
    assert not await is_current(engine)
    await upgrade(engine)
    assert await is_current(engine)


async def test_run_refuses_a_stale_postgresql_schema_with_one_clear_line(
    engine: AsyncEngine, database_url: str
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite is migrated on start instead")
    await downgrade(engine, "base")
    with pytest.raises(SettingsError) as error:
        await prepare_database(Settings(database_url=database_url))
    assert "run `coachbot migrate`" in str(error.value)
    await migrate(Settings(database_url=database_url))
    assert await is_current(engine)


def test_the_migrate_command_creates_a_sqlite_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "nested" / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.strip() == "database is up to date"
    assert database.exists()


async def test_a_migration_that_rebuilds_users_keeps_every_workout(engine: AsyncEngine) -> None:
    """SQLite rebuilds a table to drop a column; with foreign keys on, dropping the old
    `users` cascaded and deleted every workout. Revision 0012's downgrade rebuilds it."""
    await upgrade(engine)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "insert into users (id, first_name, language, units, timezone, notify_reminders,"
                " notify_digests, notify_promotions, sports_mask, days_mask, created_at)"
                " values (1, 'A', 'en', 'metric', 'UTC', true, true, false, 0, 0, :at)"
            ),
            {"at": datetime(2026, 12, 1, tzinfo=UTC)},
        )
        await connection.execute(
            text(
                "insert into workouts (user_id, activity, source, started_at)"
                " values (1, 'run', 'text', :at)"
            ),
            {"at": datetime(2026, 12, 1, tzinfo=UTC)},
        )
    await downgrade(engine, "0011")
    await upgrade(engine)
    async with engine.connect() as connection:
        assert await connection.scalar(text("select count(*) from workouts")) == 1
