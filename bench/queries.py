"""Journal and stats latency for the heavy athlete: `python -m bench.queries --sizes 100000:1000`.

Each case runs through the real path a handler takes (a fresh SqlUnitOfWork, the domain
service, the session closed), alternating with a baseline through the same path: the
primary-key lookup of the athlete. Ratios against it hold across machines better than
milliseconds do.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.plans import CasePlan, plans
from bench.population import HEAVY_ID, NOW, Spec, spec
from bench.seed import SQLITE_DIR, ensure_postgres, ensure_sqlite, postgres_reachable
from bench.timing import Case, Summary, alternate, summarize
from db.engine import create_engine, create_session_factory
from db.uow import SqlUnitOfWork
from domain.coaching.service import CoachService
from domain.users.models import User
from domain.workouts.models import Activity
from domain.workouts.service import WorkoutService
from domain.workouts.stats import Period

DEFAULT_SIZES = "100000:1000,300000:3000,1000000:10000"
TARGET_P95_MS = 50.0
RESULTS = SQLITE_DIR / "queries.json"
BASELINE = "baseline: user by id"


@dataclass(frozen=True, slots=True)
class Row:
    backend: str
    dataset: str
    workouts: int
    heavy: int
    case: str
    summary: Summary
    baseline_p50: float
    ratio_p50: float
    statements: int
    sql_alone_ms: float
    command: str


def clock() -> datetime:
    return NOW


def cases(sessions: async_sessionmaker[AsyncSession], user: User) -> dict[str, Case]:
    """What the handlers ask for: each call opens and closes its own unit of work."""

    def workouts() -> tuple[WorkoutService, SqlUnitOfWork]:
        uow = SqlUnitOfWork(sessions, clock)
        return WorkoutService(uow, clock), uow

    def coach() -> tuple[CoachService, SqlUnitOfWork]:
        uow = SqlUnitOfWork(sessions, clock)
        return CoachService(uow, clock), uow

    async def journal(page: int, activity: Activity | None) -> None:
        service, uow = workouts()
        await service.journal(user, page, activity)
        await uow.close()

    async def stats(period: Period) -> None:
        service, uow = coach()
        await service.stats(user, period)
        await uow.close()

    async def today() -> None:
        service, uow = coach()
        await service.today(user)
        await uow.close()

    return {
        "journal, first page": lambda: journal(0, None),
        "journal, page 100": lambda: journal(100, None),
        "journal, last page": lambda: journal(10**9, None),
        "journal, swims only": lambda: journal(0, Activity.SWIM),
        "stats week": lambda: stats(Period.WEEK),
        "stats month": lambda: stats(Period.MONTH),
        "stats year": lambda: stats(Period.YEAR),
        "coach today": today,
    }


def baseline(sessions: async_sessionmaker[AsyncSession]) -> Case:
    async def lookup() -> None:
        uow = SqlUnitOfWork(sessions, clock)
        async with uow:
            await uow.users.get(HEAVY_ID)
        await uow.close()

    return lookup


async def load_user(sessions: async_sessionmaker[AsyncSession]) -> User:
    uow = SqlUnitOfWork(sessions, clock)
    async with uow:
        user = await uow.users.get(HEAVY_ID)
    await uow.close()
    assert user is not None, "the dataset has no heavy athlete"
    return user


async def measure(
    engine: AsyncEngine, label: tuple[str, Spec], iterations: int, warmup: int, command: str
) -> tuple[list[Row], list[CasePlan]]:
    """Every case against the baseline; then the statements each case sent, alone."""
    backend, dataset = label
    sessions = create_session_factory(engine)
    user = await load_user(sessions)
    named = {BASELINE: baseline(sessions), **cases(sessions, user)}
    found = {plan.case: plan for plan in await plans(engine, named)}
    rows: list[Row] = []
    base_all: list[float] = []
    gc.collect()
    gc.freeze()  # as `coachbot run` does once it has started (bot/app.py)
    try:
        for name, call in list(named.items())[1:]:
            measured, base_ms = await alternate(call, named[BASELINE], iterations, warmup)
            base_all += base_ms
            reference = summarize(base_ms).p50
            result = summarize(measured)
            rows.append(
                Row(backend, dataset.key, dataset.workouts, dataset.heavy, name, result,
                    reference, result.p50 / reference, len(found[name].statements),
                    found[name].sql_ms, command)
            )  # fmt: skip
    finally:
        gc.unfreeze()
    overall = summarize(base_all)
    rows.insert(
        0,
        Row(backend, dataset.key, dataset.workouts, dataset.heavy, BASELINE, overall,
            overall.p50, 1.0, len(found[BASELINE].statements), found[BASELINE].sql_ms, command),
    )  # fmt: skip
    return rows, list(found.values())


@dataclass(frozen=True, slots=True)
class Measured:
    """One dataset on one backend: the rows of the table and the plans behind them."""

    backend: str
    dataset: str
    athletes: int
    command: str
    rows: list[Row]
    plans: list[CasePlan]


async def run_size(dataset: Spec, backend: str, iterations: int, warmup: int) -> Measured:
    command = (
        f"python -m bench.queries --sizes {dataset.workouts}:{dataset.heavy} "
        f"--backends {backend} --iterations {iterations} --seed {dataset.seed}"
    )
    started = time.perf_counter()
    url = await (ensure_sqlite(dataset) if backend == "sqlite" else ensure_postgres(dataset))
    print(f"{backend} {dataset.key}: ready in {time.perf_counter() - started:.1f} s", flush=True)
    engine = create_engine(url)
    try:
        rows, found = await measure(engine, (backend, dataset), iterations, warmup, command)
    finally:
        await engine.dispose()
    for row in rows:
        print(
            f"  {row.case:24} p50 {row.summary.p50:7.2f}  p95 {row.summary.p95:7.2f}  "
            f"p99 {row.summary.p99:7.2f} ms  x{row.ratio_p50:4.1f}  sql {row.sql_alone_ms:5.2f}",
            flush=True,
        )
    return Measured(backend, dataset.key, dataset.athletes, command, rows, found)


def parse_sizes(text: str, seed: int) -> list[Spec]:
    sizes = []
    for part in text.split(","):
        total, heavy = part.split(":")
        sizes.append(spec(int(total), int(heavy), seed=seed))
    return sizes


async def run(
    sizes: list[Spec], backends: list[str], iterations: int, warmup: int
) -> list[Measured]:
    if "postgresql" in backends and not await postgres_reachable():
        print("PostgreSQL is not reachable on 127.0.0.1:5432: SQLite only", flush=True)
        backends = [name for name in backends if name != "postgresql"]
    return [
        await run_size(dataset, backend, iterations, warmup)
        for dataset in sizes
        for backend in backends
    ]


def save(results: list[Measured], path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(result) for result in results], indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="total:heavy,... workouts")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    sizes = parse_sizes(args.sizes, args.seed)
    results = asyncio.run(run(sizes, args.backends.split(","), args.iterations, args.warmup))
    save(results, args.out)


if __name__ == "__main__":
    main()
