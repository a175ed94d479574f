"""Group search latency: `python -m bench.groups --sizes 10000:100000` (groups:athletes).

Each case is what /groups does, through the real path (a fresh SqlUnitOfWork, GroupService
.search, the session closed) for athletes taken in turn from across the population, in
alternation with the baseline: the athlete's primary-key lookup through the same path.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.group_population import (
    FIRST_ATHLETE,
    GROUP_COLUMNS,
    NOW,
    SPORT_COLUMNS,
    GroupSpec,
    athlete_rows,
    group_rows,
)
from bench.seed import (
    DATASET_PREFIX,
    SQLITE_DIR,
    USER_COLUMNS,
    _fresh_partial,
    _insert,
    _migrate,
    _sqlite,
    ensure_postgres_dataset,
    postgres_reachable,
    sqlite_url,
)
from bench.timing import Case, Summary, alternate, summarize
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWork
from domain.groups.search import SearchFilters
from domain.groups.service import GroupService, default_filters
from domain.users.models import User

DEFAULT_SIZES = "1000:10000,3000:30000,10000:100000"
TARGET_P95_MS = 30.0
RESULTS = SQLITE_DIR / "groups.json"
SAMPLED = 64  # athletes whose searches are replayed in turn
BASELINE = "baseline: athlete by id"
CASES: dict[str, Callable[[User], SearchFilters]] = {
    "nearby 25 km": default_filters,
    "nearby 50 km, my level and days": lambda u: replace(
        default_filters(u), radius_km=50, level=u.profile.level, days=u.profile.days
    ),
    "100 km, words": lambda u: replace(default_filters(u), radius_km=100, text="park"),
    "anywhere, sport only": lambda u: replace(default_filters(u), radius_km=None),
    "anywhere, words": lambda u: replace(default_filters(u), radius_km=None, text="trail hills"),
}


def clock() -> Any:
    return NOW


async def ensure_sqlite(spec: GroupSpec, directory: Path = SQLITE_DIR) -> str:
    path = directory / f"{spec.key}.sqlite3"
    if path.exists():
        await _migrate(sqlite_url(path))
        return sqlite_url(path)
    partial = _fresh_partial(path)
    engine = create_engine(sqlite_url(partial))
    await upgrade(engine)
    await engine.dispose()
    connection = sqlite3.connect(partial, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN")
        users = [_sqlite(row) for row in athlete_rows(spec)]
        connection.executemany(_insert("users", USER_COLUMNS), users)
        for row, keys in group_rows(spec):
            connection.execute(_insert("groups", GROUP_COLUMNS), _sqlite(row))
            connection.executemany(_insert("group_sports", SPORT_COLUMNS), keys)
        connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()
    partial.rename(path)
    return sqlite_url(path)


async def ensure_postgres(spec: GroupSpec) -> str:
    async def fill(connection: Any) -> None:
        await _fill_postgres(spec, connection)

    database = f"{DATASET_PREFIX}_{spec.key.replace('-', '_')}"
    return await ensure_postgres_dataset(database, fill)


async def _fill_postgres(spec: GroupSpec, connection: Any) -> None:
    rows, keys = [], []
    for row, group_keys in group_rows(spec):
        rows.append(row)
        keys += group_keys
    async with connection.transaction():
        users = list(athlete_rows(spec))
        await connection.copy_records_to_table("users", records=users, columns=USER_COLUMNS)
        await connection.copy_records_to_table("groups", records=rows, columns=GROUP_COLUMNS)
        await connection.copy_records_to_table("group_sports", records=keys, columns=SPORT_COLUMNS)
        await connection.execute(
            "SELECT setval(pg_get_serial_sequence('groups', 'id'), (SELECT max(id) FROM groups))"
        )


async def _athletes(sessions: async_sessionmaker[AsyncSession], spec: GroupSpec) -> list[User]:
    step = max(1, spec.athletes // SAMPLED)
    found = []
    async with SqlUnitOfWork(sessions, clock) as uow:
        for index in range(0, spec.athletes, step):
            user = await uow.users.get(FIRST_ATHLETE + index)
            if user is not None and user.profile.location is not None:
                found.append(user)
    return found


def _case(
    sessions: async_sessionmaker[AsyncSession],
    users: list[User],
    make: Callable[[User], SearchFilters],
) -> Case:
    turn = iter(range(10**9))

    async def search() -> None:
        user = users[next(turn) % len(users)]
        uow = SqlUnitOfWork(sessions, clock)
        await GroupService(uow, clock).search(user, make(user), 0)
        await uow.close()

    return search


def _baseline(sessions: async_sessionmaker[AsyncSession], users: list[User]) -> Case:
    turn = iter(range(10**9))

    async def lookup() -> None:
        uow = SqlUnitOfWork(sessions, clock)
        async with uow:
            await uow.users.get(users[next(turn) % len(users)].id)
        await uow.close()

    return lookup


@dataclass(frozen=True, slots=True)
class Row:
    case: str
    summary: Summary
    baseline_p50: float
    ratio_p50: float


@dataclass(frozen=True, slots=True)
class Measured:
    backend: str
    groups: int
    athletes: int
    command: str
    rows: list[Row]


async def measure(engine: AsyncEngine, spec: GroupSpec, iterations: int, warmup: int) -> list[Row]:
    """Every case in alternation with the baseline, the collector frozen as in the bot."""
    sessions = create_session_factory(engine)
    users = await _athletes(sessions, spec)
    base = _baseline(sessions, users)
    rows = []
    gc.collect()
    gc.freeze()
    try:
        for name, make in CASES.items():
            call = _case(sessions, users, make)
            measured, base_ms = await alternate(call, base, iterations, warmup)
            reference = summarize(base_ms).p50
            result = summarize(measured)
            rows.append(Row(name, result, reference, result.p50 / reference))
            print(f"  {name:34} p50 {result.p50:6.2f}  p95 {result.p95:6.2f} ms", flush=True)
    finally:
        gc.unfreeze()
    return rows


async def run_size(spec: GroupSpec, backend: str, iterations: int, warmup: int) -> Measured:
    command = (
        f"python -m bench.groups --sizes {spec.groups}:{spec.athletes} --backends {backend} "
        f"--iterations {iterations}"
    )
    started = time.perf_counter()
    url = await (ensure_sqlite(spec) if backend == "sqlite" else ensure_postgres(spec))
    print(f"{backend} {spec.key}: ready in {time.perf_counter() - started:.1f} s", flush=True)
    engine = create_engine(url)
    try:
        rows = await measure(engine, spec, iterations, warmup)
    finally:
        await engine.dispose()
    return Measured(backend, spec.groups, spec.athletes, command, rows)


async def run(
    sizes: list[GroupSpec], backends: list[str], iterations: int, warmup: int
) -> list[Measured]:
    if "postgresql" in backends and not await postgres_reachable():
        print("PostgreSQL is not reachable on 127.0.0.1:5432: SQLite only", flush=True)
        backends = [name for name in backends if name != "postgresql"]
    return [await run_size(s, b, iterations, warmup) for s in sizes for b in backends]


def parse_sizes(text: str, seed: int) -> list[GroupSpec]:
    pairs = (part.split(":") for part in text.split(","))
    return [GroupSpec(int(groups), int(athletes), seed) for groups, athletes in pairs]


def save(results: list[Measured], path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(result) for result in results], indent=1))


def table(results: list[dict[str, Any]]) -> str:
    """p50 / p95 ms per case across the sizes, one table per backend."""
    parts = []
    for backend, title in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        runs = [r for r in results if r["backend"] == backend]
        if not runs:
            continue
        sizes = " | ".join(f"{r['groups']:,} / {r['athletes']:,}" for r in runs)
        parts += [f"**{title}**, p50 / p95 ms by groups / athletes "
                  f"(`{runs[-1]['command']}` for the largest):\n",
                  f"| case | {sizes} | p95 < {TARGET_P95_MS:.0f} ms at the largest |",
                  "|---|" + "---:|" * len(runs) + ":-:|"]  # fmt: skip
        for index, row in enumerate(runs[0]["rows"]):
            cells = [r["rows"][index]["summary"] for r in runs]
            shown = " | ".join(f"{c['p50']:.2f} / {c['p95']:.2f}" for c in cells)
            verdict = "yes" if cells[-1]["p95"] < TARGET_P95_MS else "**no**"
            parts.append(f"| {row['case']} | {shown} | {verdict} |")
        base = " | ".join(f"{r['rows'][0]['baseline_p50']:.2f}" for r in runs)
        parts += [f"| {BASELINE} (p50) | {base} | |", ""]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="groups:athletes,...")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = parse_sizes(args.sizes, args.seed)
    save(asyncio.run(run(sizes, args.backends.split(","), args.iterations, args.warmup)))


if __name__ == "__main__":
    main()
