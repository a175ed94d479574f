"""Partner matching latency: `python -m bench.partners --sizes 10000,30000,100000`.

N discoverable athletes, two thirds of them in ten cities (within ~30 km of the centre, the
worst case: thousands of candidates in reach) and the rest spread over the map; each search
is `PartnerService.find` for an athlete of the densest city, through a fresh unit of work as
the handler does it (the refresh of the searcher's own cell and pace, a write, included),
alternating with a baseline through the same path: the athlete's own partner profile.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.seed import (
    DATASET_PREFIX,
    SQLITE_DIR,
    ensure_postgres_dataset,
    postgres_reachable,
    sqlite_url,
)
from bench.timing import Summary, alternate, summarize
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWork
from domain.partners.matching import cell_of
from domain.partners.service import PartnerService
from domain.users.models import CoarseLocation, Language, Level, Sport, Units, User, Weekday
from domain.users.validation import coarse

DEFAULT_SIZES = "10000,30000,100000"
TARGET_P95_MS = 30.0
RESULTS = SQLITE_DIR / "partners.json"
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
CITIES = (
    (55.75, 37.62), (59.94, 30.31), (52.52, 13.40), (48.86, 2.35), (51.51, -0.13),
    (40.71, -74.01), (35.68, 139.69), (55.03, 82.92), (56.84, 60.61), (43.24, 76.89),
)  # fmt: skip
SPORTS = (Sport.RUNNING, Sport.CYCLING, Sport.SWIMMING, Sport.TRIATHLON, Sport.WALKING)
COLUMNS = (
    "id", "first_name", "language", "units", "timezone", "notify_reminders", "notify_digests",
    "notify_promotions", "sports_mask", "days_mask", "level", "city", "latitude", "longitude",
    "birth_year", "created_at",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Row:
    backend: str
    athletes: int
    summary: Summary
    baseline_p50: float
    ratio_p50: float
    command: str


def athletes(count: int, seed: int = 1) -> list[tuple[Any, ...]]:
    rng = random.Random(seed)
    rows = []
    for user_id in range(1, count + 1):
        if rng.random() < 2 / 3:
            index = min(int(rng.expovariate(0.5)), len(CITIES) - 1)  # the first city densest
            lat, lon = CITIES[index]
            lat, lon = lat + rng.uniform(-0.27, 0.27), lon + rng.uniform(-0.45, 0.45)
        else:
            index, lat, lon = -1, rng.uniform(-50, 65), rng.uniform(-180, 180)
        spot = coarse(lat, lon)
        sports = sum(1 << list(Sport).index(s) for s in rng.sample(SPORTS, rng.randint(1, 2)))
        days = sum(1 << i for i in rng.sample(range(7), rng.randint(2, 5)))
        rows.append((
            user_id, f"Athlete {user_id}", "en", "metric", "UTC", True, True, False, sports, days,
            rng.choice(list(Level)).value, f"City {index}" if index >= 0 else None,
            spot.latitude, spot.longitude, rng.randint(1960, 2006), NOW - timedelta(days=100),
        ))  # fmt: skip
    return rows


def profiles(rows: list[tuple[Any, ...]], seed: int = 1) -> list[tuple[Any, ...]]:
    rng = random.Random(seed + 1)
    listed = []
    for row in rows:
        vdot = rng.uniform(30, 60) if rng.random() < 0.6 else None
        active = NOW - timedelta(minutes=rng.randint(0, 60 * 24 * 60))
        cell = cell_of(CoarseLocation(row[12], row[13]))
        listed.append((row[0], cell, vdot, NOW - timedelta(days=30), active))
    return listed


PROFILE_COLUMNS = ("user_id", "cell", "vdot", "since", "updated_at")


async def ensure_sqlite(count: int, directory: Path = SQLITE_DIR) -> str:
    path = directory / f"partners-{count}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".partial")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        engine = create_engine(sqlite_url(partial))
        await upgrade(engine)
        await engine.dispose()
        rows = athletes(count)
        connection = sqlite3.connect(partial, isolation_level=None)
        try:
            connection.execute("BEGIN")
            connection.executemany(_insert("users", COLUMNS), [_iso(r) for r in rows])
            connection.executemany(
                _insert("partner_profiles", PROFILE_COLUMNS), [_iso(r) for r in profiles(rows)]
            )
            connection.execute("COMMIT")
            connection.execute("ANALYZE")
        finally:
            connection.close()
        partial.rename(path)
    engine = create_engine(sqlite_url(path))
    await upgrade(engine)
    await engine.dispose()
    return sqlite_url(path)


async def ensure_postgres(count: int) -> str:
    async def fill(connection: Any) -> None:
        rows = athletes(count)
        await connection.copy_records_to_table("users", records=rows, columns=COLUMNS)
        await connection.copy_records_to_table(
            "partner_profiles", records=profiles(rows), columns=PROFILE_COLUMNS
        )

    return await ensure_postgres_dataset(f"{DATASET_PREFIX}_partners_{count}", fill)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _iso(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(v.isoformat(" ") if isinstance(v, datetime) else v for v in row)


def searcher(user_id: int, lat: float, lon: float) -> User:
    user = User(user_id, "Searcher", None, Language.EN, Units.METRIC, "UTC", NOW)
    return user.with_profile(
        sports=frozenset({Sport.RUNNING, Sport.CYCLING}),
        level=Level.INTERMEDIATE,
        days=frozenset({Weekday.TUE, Weekday.SAT}),
        city="City 0",
        location=CoarseLocation(lat, lon),
        birth_year=1990,
    )


async def measure(url: str, backend: str, count: int, iterations: int) -> Row:
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    user = searcher(1, 55.8, 37.6)
    async with SqlUnitOfWork(sessions, lambda: NOW) as uow:
        await uow.users.save(user)
        await uow.commit()
        await uow.partners.put(1, cell_of(CoarseLocation(55.8, 37.6)), 45.0, NOW)
        await uow.commit()

    async def search() -> object:
        return await PartnerService(SqlUnitOfWork(sessions, lambda: NOW), lambda: NOW).find(user)

    async def baseline() -> object:
        return await PartnerService(SqlUnitOfWork(sessions, lambda: NOW), lambda: NOW).profile(
            user
        )

    found = await search()
    assert found is not None, "the searcher is discoverable"
    assert found.matches, "the densest city has partners"  # type: ignore[attr-defined]
    measured, base = await alternate(search, baseline, iterations, warmup=10)
    await engine.dispose()
    summary, base_summary = summarize(measured), summarize(base)
    command = f"python -m bench.partners --sizes {count} --backends {backend}"
    return Row(backend, count, summary, base_summary.p50, summary.p50 / base_summary.p50, command)


async def run(sizes: list[int], backends: list[str], iterations: int) -> list[Row]:
    rows = []
    for backend in backends:
        if backend == "postgresql" and not await postgres_reachable():
            print("PostgreSQL not reachable: partner matching on SQLite only")
            continue
        for count in sizes:
            url = await (ensure_sqlite(count) if backend == "sqlite" else ensure_postgres(count))
            row = await measure(url, backend, count, iterations)
            s = row.summary
            print(f"partners {backend:10} {count:>7}: p50 {s.p50:.2f} ms  p95 {s.p95:.2f} ms  "
                  f"×baseline {row.ratio_p50:.1f}")  # fmt: skip
            rows.append(row)
    return rows


def save(rows: list[Row], path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(row) for row in rows], indent=1))


def table(rows: list[dict[str, Any]]) -> str:
    """The BENCHMARKS.md block."""
    lines = [
        "| database | athletes | p50 ms | p95 ms | p99 ms | baseline p50 ms | × baseline "
        "| target p95 < 30 ms (SQLite) | command |",
        "|---|---:|---:|---:|---:|---:|---:|:-:|---|",
    ]  # fmt: skip
    for row in rows:
        s = row["summary"]
        met = (
            ("yes" if s["p95"] < TARGET_P95_MS else "**no**")
            if row["backend"] == "sqlite"
            else "—"
        )
        lines.append(
            f"| {row['backend']} | {row['athletes']:,} | {s['p50']:.2f} | {s['p95']:.2f} | "
            f"{s['p99']:.2f} | {row['baseline_p50']:.2f} | {row['ratio_p50']:.1f} | {met} | "
            f"`{row['command']}` |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--iterations", type=int, default=200)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = asyncio.run(run(sizes, args.backends.split(","), args.iterations))
    save(rows)
    print(table([asdict(row) for row in rows]))


if __name__ == "__main__":
    main()
