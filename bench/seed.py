"""Seed a benchmark database: `python -m bench.seed --workouts 1000000 --heavy 10000`.

The schema comes from the real migrations (db.migrate.upgrade); the rows go in with bulk
inserts in one transaction (sqlite3 executemany with the journal off for the seed only;
COPY on PostgreSQL). A database is keyed by its Spec, so a second run reuses it: SQLite
files live in var/bench/, PostgreSQL datasets are databases named
coachbot_bench_r<head revision>_<key>.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from bench.population import Athlete, Sample, Spec, athletes, spec, workouts
from db.engine import create_engine
from db.migrate import head_revision, upgrade

ROOT = Path(__file__).resolve().parents[1]
SQLITE_DIR = ROOT / "var" / "bench"
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
POSTGRES_PREFIX = "coachbot_bench"
# Datasets are named after the schema they were seeded with: another checkout's migrations
# (a branch ahead or behind) seed their own instead of failing on an unknown revision.
DATASET_PREFIX = f"{POSTGRES_PREFIX}_r{head_revision()}"
BATCH = 20_000

USER_COLUMNS = (
    "id", "first_name", "username", "language", "units", "timezone", "notify_reminders",
    "notify_digests", "notify_promotions", "sports_mask", "days_mask", "level", "goal", "city",
    "latitude", "longitude", "birth_year", "weight_kg", "resting_hr", "max_hr", "created_at",
    "onboarded_at", "start_link",
)  # fmt: skip
WORKOUT_COLUMNS = (
    "id", "user_id", "activity", "source", "started_at", "duration_s", "distance_m", "avg_hr",
    "rpe", "note", "load", "load_method", "hr_load", "rpe_load",
)  # fmt: skip
SET_COLUMNS = ("workout_id", "position", "exercise", "sets", "reps", "weight_kg")


def sqlite_time(value: datetime) -> str:
    """How SQLAlchemy's SQLite DateTime stores a (UTC) datetime: text that sorts in time order."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _user_row(athlete: Athlete) -> tuple[Any, ...]:
    return (
        athlete.id, athlete.first_name, None, athlete.language, athlete.units, athlete.timezone,
        True, True, False, athlete.sports_mask, athlete.days_mask, athlete.level, athlete.goal,
        None, None, None, athlete.birth_year, athlete.weight_kg, athlete.resting_hr,
        athlete.max_hr, athlete.created_at, athlete.created_at, None,
    )  # fmt: skip


def _rows(spec: Spec) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Batches of (workout rows, strength set rows), ids assigned in time order from 1."""
    batch: list[tuple[Any, ...]] = []
    sets: list[tuple[Any, ...]] = []
    for workout_id, sample in enumerate(workouts(spec, athletes(spec)), start=1):
        batch.append(_workout_row(workout_id, sample))
        sets.extend((workout_id, position, *item) for position, item in enumerate(sample.sets))
        if len(batch) >= BATCH:
            yield batch, sets
            batch, sets = [], []
    if batch:
        yield batch, sets


def _workout_row(workout_id: int, s: Sample) -> tuple[Any, ...]:
    return (
        workout_id, s.user_id, s.activity, s.source, s.started_at, s.duration_s, s.distance_m,
        s.avg_hr, s.rpe, s.note, s.load, s.load_method, s.hr_load, s.rpe_load,
    )  # fmt: skip


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def ensure_sqlite(spec: Spec, directory: Path = SQLITE_DIR) -> str:
    """The SQLite file for `spec`, seeded unless a complete one is already there."""
    path = directory / f"{spec.key}.sqlite3"
    if path.exists():
        await _migrate(sqlite_url(path))  # a dataset seeded by an older schema catches up
        return sqlite_url(path)
    partial = _fresh_partial(path)
    engine = create_engine(sqlite_url(partial))
    await upgrade(engine)
    await engine.dispose()
    _fill_sqlite(spec, partial)
    partial.rename(path)
    return sqlite_url(path)


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def _fresh_partial(path: Path) -> Path:
    """Where the file is built; what an interrupted seed left there is removed first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in path.parent.glob(f"{partial.name}*"):
        leftover.unlink()
    return partial


def _fill_sqlite(spec: Spec, path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # For the seed only: nothing else reads the file before it is renamed into place.
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-200000")
        connection.execute("BEGIN")
        users = [_user_row(athlete) for athlete in athletes(spec)]
        connection.executemany(_insert("users", USER_COLUMNS), [_sqlite(row) for row in users])
        for batch, sets in _rows(spec):
            connection.executemany(
                _insert("workouts", WORKOUT_COLUMNS), [_sqlite(row) for row in batch]
            )
            connection.executemany(_insert("strength_sets", SET_COLUMNS), sets)
        connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()


def _sqlite(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(sqlite_time(value) if isinstance(value, datetime) else value for value in row)


def postgres_database(spec: Spec) -> str:
    return f"{DATASET_PREFIX}_{spec.key.replace('-', '_')}"


def postgres_url(database: str) -> str:
    base = POSTGRES_ADMIN_URL.replace("postgresql://", "postgresql+asyncpg://", 1)
    return f"{base}/{database}"


async def postgres_version() -> str | None:
    """The server's version, or None when nothing answers on POSTGRES_ADMIN_URL."""
    try:
        connection = await asyncpg.connect(f"{POSTGRES_ADMIN_URL}/postgres", timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return None
    try:
        return str(await connection.fetchval("SHOW server_version"))
    finally:
        await connection.close()


async def postgres_reachable() -> bool:
    return await postgres_version() is not None


async def ensure_postgres(spec: Spec) -> str:
    """The PostgreSQL database for `spec` (coachbot_bench_r<head>_<key>), seeded if not done."""
    database = postgres_database(spec)
    admin = await asyncpg.connect(f"{POSTGRES_ADMIN_URL}/postgres")
    try:
        done = await admin.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
            database,
        )
        if done == "complete":
            await _migrate(postgres_url(database))
            # A migration that rewrote rows (0011 rescaled every load) leaves the visibility
            # map stale: index-only scans fetch the heap until a vacuum, as autovacuum would.
            connection = await asyncpg.connect(f"{POSTGRES_ADMIN_URL}/{database}")
            try:
                await connection.execute("VACUUM ANALYZE")
            finally:
                await connection.close()
            return postgres_url(database)
        await admin.execute(f"DROP DATABASE IF EXISTS {database}")
        await admin.execute(f"CREATE DATABASE {database}")
        engine = create_engine(postgres_url(database))
        await upgrade(engine)
        await engine.dispose()
        connection = await asyncpg.connect(f"{POSTGRES_ADMIN_URL}/{database}")
        try:
            await _fill_postgres(spec, connection)
            # What autovacuum does in a live database: statistics and the visibility map.
            await connection.execute("VACUUM ANALYZE")
        finally:
            await connection.close()
        await admin.execute(f"COMMENT ON DATABASE {database} IS 'complete'")
    finally:
        await admin.close()
    return postgres_url(database)


async def ensure_postgres_dataset(database: str, fill: Callable[[Any], Awaitable[None]]) -> str:
    """`database` migrated and filled once by `fill` (given an asyncpg connection), then marked
    complete; a complete one is only brought up to the current schema."""
    admin = await asyncpg.connect(f"{POSTGRES_ADMIN_URL}/postgres")
    try:
        done = await admin.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
            database,
        )
        if done != "complete":
            await admin.execute(f"DROP DATABASE IF EXISTS {database}")
            await admin.execute(f"CREATE DATABASE {database}")
            await _migrate(postgres_url(database))
            connection = await asyncpg.connect(f"{POSTGRES_ADMIN_URL}/{database}")
            try:
                await fill(connection)
                await connection.execute("VACUUM ANALYZE")
            finally:
                await connection.close()
            await admin.execute(f"COMMENT ON DATABASE {database} IS 'complete'")
    finally:
        await admin.close()
    await _migrate(postgres_url(database))
    return postgres_url(database)


async def drop_postgres() -> None:
    """Remove every coachbot_bench_* database."""
    admin = await asyncpg.connect(f"{POSTGRES_ADMIN_URL}/postgres")
    try:
        names = await admin.fetch(
            "SELECT datname FROM pg_database WHERE datname LIKE $1", POSTGRES_PREFIX + "%"
        )
        for row in names:
            await admin.execute(f"DROP DATABASE IF EXISTS {row['datname']}")
    finally:
        await admin.close()


async def _fill_postgres(spec: Spec, connection: Any) -> None:
    async with connection.transaction():
        users = [_user_row(athlete) for athlete in athletes(spec)]
        await connection.copy_records_to_table("users", records=users, columns=USER_COLUMNS)
        for batch, sets in _rows(spec):
            await connection.copy_records_to_table(
                "workouts", records=batch, columns=WORKOUT_COLUMNS
            )
            await connection.copy_records_to_table(
                "strength_sets", records=sets, columns=SET_COLUMNS
            )
        # Ids were given explicitly: the sequence must continue after them.
        await connection.execute(
            "SELECT setval(pg_get_serial_sequence('workouts', 'id'), "
            "(SELECT max(id) FROM workouts))"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workouts", type=int, default=100_000)
    parser.add_argument("--heavy", type=int, default=1_000)
    parser.add_argument("--athletes", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--drop-postgres", action="store_true", help="drop the coachbot_bench_* databases"
    )
    args = parser.parse_args()
    if args.drop_postgres:
        asyncio.run(drop_postgres())
        return
    dataset = spec(args.workouts, args.heavy, args.athletes, args.seed)
    started = time.perf_counter()
    ensure = ensure_sqlite if args.backend == "sqlite" else ensure_postgres
    url = asyncio.run(ensure(dataset))
    print(f"{url}  ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
