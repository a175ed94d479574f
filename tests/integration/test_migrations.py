"""The migration stairway: every revision up, down and up again, on every backend."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from db.migrate import alembic_config, downgrade, upgrade
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
