"""Leaderboard latency at scale: `python -m bench.challenges --sizes 1000,10000,100000`.

One challenge with N participants whose running totals are seeded (deterministic, from
the seed); the case is what `/top` calls through the real path — a fresh SqlUnitOfWork,
`ChallengeService.board_in_chat` (the top ten, the team totals, the count and the asker's
rank by counting greater totals), the session closed — for a different participant each
time, alternating with the baseline of queries.py (the user by id).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import sqlite3
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.seed import (
    DATASET_PREFIX,
    SQLITE_DIR,
    ensure_postgres_dataset,
    postgres_reachable,
    sqlite_time,
    sqlite_url,
)
from bench.timing import Summary, alternate, summarize
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWork
from domain.campaigns.admin import AdminService
from domain.challenges.facts import WorkoutFacts
from domain.challenges.service import ChallengeService

DEFAULT_SIZES = "1000,10000,100000"
TARGET_P95_MS = 20.0
RESULTS = SQLITE_DIR / "challenges.json"
CHAT_ID = -1001
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
CASE = "top 10 + the asker's rank"
USERS = ("id", "first_name", "language", "units", "timezone", "notify_reminders",
         "notify_digests", "notify_promotions", "sports_mask", "days_mask",
         "created_at")  # fmt: skip
CHALLENGE = ("id", "code", "scope", "chat_id", "organizer_id", "title", "metric", "sports",
             "starts_at", "ends_at", "goal", "mode", "entries", "state", "language",
             "timezone", "created_at", "participants")  # fmt: skip
PARTICIPANTS = ("challenge_id", "user_id", "team", "total", "joined_at")


@dataclass(frozen=True, slots=True)
class Row:
    backend: str
    participants: int
    case: str
    summary: Summary
    baseline_p50: float
    command: str


def rows(participants: int, seed: int) -> dict[str, list[tuple[Any, ...]]]:
    """Users, one week's distance challenge and its participants' totals (0 to 120 km,
    a fifth of them still at zero, ties included)."""
    draw = random.Random(seed)
    users = [(i, f"A{i}", "en", "metric", "UTC", True, True, False, 0, 0, NOW)
             for i in range(1, participants + 1)]  # fmt: skip
    challenge = [(1, "benchcode1", "group", CHAT_ID, 1, "Bench", "distance", "",
                  NOW - timedelta(days=1), NOW + timedelta(days=6), "most", "individual",
                  "any", "open", "en", "UTC", NOW, participants)]  # fmt: skip
    members = [
        (1, i, None, 0.0 if draw.random() < 0.2 else round(draw.uniform(0, 120_000), -2),
         NOW - timedelta(seconds=participants - i))
        for i in range(1, participants + 1)
    ]  # fmt: skip
    return {"users": users, "challenges": challenge, "challenge_participants": members}


COLUMNS = {"users": USERS, "challenges": CHALLENGE, "challenge_participants": PARTICIPANTS}


async def ensure_sqlite(participants: int, seed: int, directory: Path = SQLITE_DIR) -> str:
    """The dataset's SQLite file in var/bench/, seeded unless it is there already."""
    path = directory / f"challenge-{participants}-s{seed}.sqlite3"
    if await asyncio.to_thread(path.exists):
        return sqlite_url(path)
    partial = path.with_suffix(".partial")
    await asyncio.to_thread(_fresh, partial)
    engine = create_engine(sqlite_url(partial))
    await upgrade(engine)
    await engine.dispose()
    await asyncio.to_thread(_fill_sqlite, partial, rows(participants, seed))
    await asyncio.to_thread(partial.rename, path)
    return sqlite_url(path)


def _fresh(partial: Path) -> None:
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.unlink(missing_ok=True)


def _fill_sqlite(path: Path, found: dict[str, list[tuple[Any, ...]]]) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        for table, values in found.items():
            columns = COLUMNS[table]
            marks = ", ".join("?" * len(columns))
            insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            connection.executemany(insert, [_sqlite(row) for row in values])
        connection.execute("COMMIT")
    finally:
        connection.close()


def _sqlite(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(sqlite_time(value) if isinstance(value, datetime) else value for value in row)


async def ensure_postgres(participants: int, seed: int) -> str:
    async def fill(connection: Any) -> None:
        for table, found in rows(participants, seed).items():
            await connection.copy_records_to_table(table, records=found, columns=COLUMNS[table])

    database = f"{DATASET_PREFIX}_challenge_{participants}_s{seed}"
    return await ensure_postgres_dataset(database, fill)


async def measure(
    url: str, participants: int, iterations: int, warmup: int, seed: int
) -> tuple[Summary, float]:
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    draw = random.Random(seed + 1)

    async def top() -> None:
        uow = SqlUnitOfWork(sessions, lambda: NOW)
        service = ChallengeService(
            uow, lambda: NOW, WorkoutFacts(), AdminService(uow, lambda: NOW, ())
        )
        board = await service.board_in_chat(CHAT_ID, draw.randint(1, participants))
        await uow.close()
        assert board.me is not None
        assert len(board.top) == min(10, participants)

    async def baseline() -> None:
        uow = SqlUnitOfWork(sessions, lambda: NOW)
        async with uow:
            await uow.users.get(1)
        await uow.close()

    gc.collect()
    gc.freeze()
    try:
        measured, base = await alternate(top, baseline, iterations, warmup)
    finally:
        gc.unfreeze()
        await engine.dispose()
    return summarize(measured), summarize(base).p50


async def run(
    sizes: list[int], backends: list[str], iterations: int, warmup: int, seed: int
) -> list[Row]:
    if "postgresql" in backends and not await postgres_reachable():
        print("PostgreSQL is not reachable: SQLite only", flush=True)
        backends = [name for name in backends if name != "postgresql"]
    found = []
    for participants in sizes:
        for backend in backends:
            started = time.perf_counter()
            ensure = ensure_sqlite if backend == "sqlite" else ensure_postgres
            url = await ensure(participants, seed)
            summary, base = await measure(url, participants, iterations, warmup, seed)
            command = (f"python -m bench.challenges --sizes {participants} --backends {backend} "
                       f"--iterations {iterations} --seed {seed}")  # fmt: skip
            found.append(Row(backend, participants, CASE, summary, base, command))
            print(f"{backend} {participants:>7} participants: p50 {summary.p50:6.2f}  "
                  f"p95 {summary.p95:6.2f}  p99 {summary.p99:6.2f} ms "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip
    return found


def save(results: list[Row], path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(row) for row in results], indent=1))


def table(results: list[dict[str, Any]]) -> str:
    """The section's table for BENCHMARKS.md."""
    lines = [
        f"Target: p95 under {TARGET_P95_MS:.0f} ms on SQLite at 100k participants.",
        "",
        "| database | participants | p50 ms | p95 ms | p99 ms | baseline p50 ms | p95 target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        s = r["summary"]
        verdict = "—"  # the target is SQLite's, the embedded default
        if r["backend"] == "sqlite":
            verdict = "✅" if s["p95"] < TARGET_P95_MS else "❌"
        lines.append(
            f"| {r['backend']} | {r['participants']:,} | {s['p50']:.2f} | {s['p95']:.2f} | "
            f"{s['p99']:.2f} | {r['baseline_p50']:.2f} | {verdict} |"
        )
    commands = sorted({r["command"] for r in results})
    return "\n".join([*lines, "", "Commands:", "", *[f"    {c}" for c in commands]]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="participants,...")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    backends = args.backends.split(",")
    save(asyncio.run(run(sizes, backends, args.iterations, args.warmup, args.seed)))


if __name__ == "__main__":
    main()
