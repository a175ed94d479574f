"""FIT import time per hour of 1 Hz data, against fitdecode's bare decode of the same file.

`python -m bench.fit_import [--rounds N]`: for each real fixture, alternately (same machine
load for both) a bare decode (every frame of fitdecode's reader, the same CRC check and
error handling as ours, nothing kept) and our whole import path: parse, summary, checks,
sample encoding and the store in a fresh migrated SQLite database through ImportService.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import json
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import fitdecode
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.seed import ROOT, SQLITE_DIR
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWork
from device_sync.files import FileParser
from domain.activities.service import Imported, ImportService
from domain.users.models import Language, Units, User
from domain.workouts.service import WorkoutService

FIXTURES = ROOT / "tests" / "data" / "activities" / "fit"
FILES = (
    "activity-large-fenxi2-multisport.fit",  # Fenix 2 triathlon, 6:50, 24 000 records
    "2019-02-17-062644-ELEMNT-297E-195-0.fit",  # Wahoo ELEMNT ride, 13 471 records
    "Edge810-Vector-2013-08-16-15-35-10.fit",  # Edge 810 + power meter, 4 700 records
)
RESULTS = SQLITE_DIR / "fit_import.json"
TARGET_RATIO = 1.5
ROUNDS = 5
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def bare_decode(content: bytes) -> int:
    reader = fitdecode.FitReader(
        io.BytesIO(content),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    with reader:
        return sum(1 for _ in reader)


async def _timed(call: Callable[[], Awaitable[object]]) -> float:
    gc.collect()
    started = time.perf_counter()
    await call()
    return time.perf_counter() - started


async def one_round(
    sessions: async_sessionmaker[AsyncSession], user_id: int, name: str, content: bytes
) -> tuple[float, float, int]:
    """Our import of the file for a new athlete, then the bare decode: seconds, and samples."""
    user = User(user_id, "Bench", None, Language.EN, Units.METRIC, "UTC", NOW)
    async with SqlUnitOfWork(sessions, lambda: NOW) as uow:
        await uow.users.save(user)
        await uow.commit()
    uow = SqlUnitOfWork(sessions, lambda: NOW)
    service = ImportService(uow, lambda: NOW, FileParser(), WorkoutService(uow, lambda: NOW))
    outcome: list[object] = []

    async def ours() -> None:
        outcome.append(await service.import_file(user, name, content))

    async def bare() -> None:
        await asyncio.to_thread(bare_decode, content)

    took_ours, took_bare = await _timed(ours), await _timed(bare)
    imported = outcome[0]
    assert isinstance(imported, Imported)
    return took_ours, took_bare, sum(len(item.samples) for item in imported.workouts)


async def measure(name: str, rounds: int, folder: Path) -> dict[str, Any]:
    content = (FIXTURES / name).read_bytes()
    engine = create_engine(f"sqlite+aiosqlite:///{folder / 'fit.sqlite3'}")
    await upgrade(engine)
    sessions = create_session_factory(engine)
    ours: list[float] = []
    bare: list[float] = []
    samples = 0
    for index in range(rounds + 1):  # the first round warms up
        took_ours, took_bare, samples = await one_round(sessions, 1000 + index, name, content)
        if index:
            ours.append(took_ours)
            bare.append(took_bare)
    await engine.dispose()
    hours = samples / 3600
    return {
        "file": name,
        "bytes": len(content),
        "samples": samples,
        "ours_s": statistics.median(ours),
        "bare_s": statistics.median(bare),
        "ours_s_per_hour": statistics.median(ours) / hours,
        "bare_s_per_hour": statistics.median(bare) / hours,
        "ratio": statistics.median(o / b for o, b in zip(ours, bare, strict=True)),
    }


async def run(rounds: int) -> list[dict[str, Any]]:
    results = []
    for name in FILES:
        with tempfile.TemporaryDirectory() as folder:
            results.append(await measure(name, rounds, Path(folder)))
    return results


def save(results: list[dict[str, Any]], rounds: int) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    command = f"python -m bench.fit_import --rounds {rounds}"
    RESULTS.write_text(json.dumps({"command": command, "results": results}, indent=1))


def table(found: dict[str, Any]) -> str:
    lines = [
        f"`{found['command']}`\n",
        "| file | samples (1 Hz) | ours s | bare decode s | ours s per hour "
        f"| bare s per hour | ours / bare | ≤ {TARGET_RATIO} |",
        "|---|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for r in found["results"]:
        verdict = "yes" if r["ratio"] <= TARGET_RATIO else "**no**"
        lines.append(
            f"| {r['file']} | {r['samples']:,} | {r['ours_s']:.2f} | {r['bare_s']:.2f} "
            f"| {r['ours_s_per_hour']:.2f} | {r['bare_s_per_hour']:.2f} | {r['ratio']:.2f} "
            f"| {verdict} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    results = asyncio.run(run(args.rounds))
    save(results, args.rounds)
    print(table(json.loads(RESULTS.read_text())))


if __name__ == "__main__":
    main()
