"""Webhook load: `python -m bench.webhook --updates 3000 --concurrency 16`.

The bot under test is the real `coachbot run` process in webhook mode on 127.0.0.1; its Bot
API calls go to a fast fake API (bench/fake_botapi.py) that this process serves on loopback.
This process also posts the updates, with bounded concurrency, a bounded count and a time
limit. The baseline, in the same run and under the same load, is a minimal aiogram echo bot
(bench/echo_bot.py) behind the same SimpleRequestHandler(handle_in_background=False).
On PostgreSQL, when Redis answers, a fourth case runs WORKERS `coachbot run` processes on
one database with REDIS_URL (Redis FSM storage and event isolation) and no scheduler; the
load generator posts to each worker's port in turn (no load balancer in between).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg  # type: ignore[import-untyped]

from bench import seed
from bench.fake_botapi import FakeBotApi
from bench.population import Spec, athletes, spec
from bench.processes import (
    REDIS_URL,
    SECRET,
    TOKEN,
    Server,
    clear_redis,
    environment,
    free_port,
    redis_reachable,
)
from bench.timing import summarize
from bench.updates import kind_of, update
from bot.settings import WEBHOOK_PATH

DATASET = spec(100_000, 1_000)
LOAD_DATABASE = "coachbot_bench_load"
BOTS = ("echo", "echo+uow", "coachbot")
WORKERS = 2
SCALED = f"coachbot ×{WORKERS}"
RESULTS = seed.SQLITE_DIR / "webhook.json"
UPDATES, CONCURRENCY, LIMIT_S, WARMUP, USERS, ROUNDS = 2000, 16, 60.0, 200, 320, 1


@dataclass(frozen=True, slots=True)
class LoadResult:
    bot: str
    backend: str
    round: int
    sent: int
    ok: int
    errors: int
    server_errors: int
    seconds: float
    updates_per_s: float
    p50: float
    p95: float
    p99: float
    peak_rss_mb: float
    api_calls: int
    p50_by_kind: dict[str, float]


@dataclass(frozen=True, slots=True)
class Load:
    updates: int
    concurrency: int
    limit_s: float
    warmup: int
    users: list[int]


async def post_all(
    urls: list[str], plan: list[list[dict[str, Any]]], limit_s: float
) -> dict[str, Any]:
    """Each worker posts its own athletes' updates one after the other, until the deadline;
    the posts go to the bot processes' URLs in turn."""
    latencies: list[tuple[str, float]] = []
    failures = posted = 0
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    deadline = time.monotonic() + limit_s
    connector = aiohttp.TCPConnector(limit=len(plan))
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker(payloads: list[dict[str, Any]]) -> None:
            nonlocal failures, posted
            for payload in payloads:
                if time.monotonic() > deadline:
                    return
                url, posted = urls[posted % len(urls)], posted + 1
                started = time.perf_counter()
                try:
                    async with session.post(url, json=payload, headers=headers) as response:
                        await response.read()
                        ok = response.status == 200
                except aiohttp.ClientError:
                    ok = False
                if ok:
                    latencies.append((kind_of(payload), (time.perf_counter() - started) * 1000))
                else:
                    failures += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(payloads) for payloads in plan))
        seconds = time.perf_counter() - started
    return {"latencies": latencies, "failures": failures, "seconds": seconds}


def plan_for(load: Load, first_id: int, count: int, salt: int) -> list[list[dict[str, Any]]]:
    """`count` updates split over the workers; worker w speaks for every w-th athlete."""
    rng = random.Random(salt)
    plan: list[list[dict[str, Any]]] = [[] for _ in range(load.concurrency)]
    for index in range(count):
        worker = index % load.concurrency
        mine = load.users[worker :: load.concurrency]
        plan[worker].append(
            update(rng, first_id + index, mine[(index // load.concurrency) % len(mine)])
        )
    return plan


async def database_for(backend: str, workdir: Path, dataset: Spec = DATASET) -> str:
    """A fresh copy of the seeded dataset: the load test writes (workouts, updates, states)."""
    if backend == "sqlite":
        source = Path((await seed.ensure_sqlite(dataset)).split("///", 1)[1])
        target = workdir / "load.sqlite3"
        shutil.copyfile(source, target)
        return f"sqlite+aiosqlite:///{target}"
    await seed.ensure_postgres(dataset)
    await drop_load_database()
    admin = await asyncpg.connect(f"{seed.POSTGRES_ADMIN_URL}/postgres")
    try:
        await admin.execute(
            f"CREATE DATABASE {LOAD_DATABASE} TEMPLATE {seed.postgres_database(dataset)}"
        )
    finally:
        await admin.close()
    return seed.postgres_url(LOAD_DATABASE)


async def drop_load_database() -> None:
    admin = await asyncpg.connect(f"{seed.POSTGRES_ADMIN_URL}/postgres")
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {LOAD_DATABASE}")
    finally:
        await admin.close()


def servers_for(bot: str, api_url: str, database: str, workdir: Path) -> list[Server]:
    if bot != SCALED:
        module = ["bot.cli", "run"] if bot == "coachbot" else ["bench.echo_bot"]
        env = environment(api_url, database)
        if bot == "echo+uow":
            env["BENCH_ECHO_DATABASE_URL"] = database
        return [Server(module, env, workdir)]
    servers = []
    for number in range(1, WORKERS + 1):
        env = {**environment(api_url, database), "REDIS_URL": REDIS_URL}
        env["RUN_SCHEDULER"] = "false"
        servers.append(Server(["bot.cli", "run"], env, workdir, f"worker{number}"))
    return servers


async def one_run(
    bot: str, backend: str, load: Load, round_: int, dataset: Spec = DATASET
) -> LoadResult:
    api = FakeBotApi(TOKEN)
    api_url = await api.start(free_port())
    with tempfile.TemporaryDirectory(prefix="coachbot-load-") as tmp:
        workdir = Path(tmp)
        database = "" if bot == "echo" else await database_for(backend, workdir, dataset)
        if bot == SCALED:
            await clear_redis()
        servers = servers_for(bot, api_url, database, workdir)
        try:
            async with aiohttp.ClientSession() as session:
                for server in servers:
                    await server.start(session)
            urls = [server.url + WEBHOOK_PATH for server in servers]
            await post_all(urls, plan_for(load, 1, load.warmup, salt=round_), load.limit_s)
            calls_before = sum(api.calls.values())
            found = await post_all(
                urls, plan_for(load, 10**6, load.updates, salt=100 + round_), load.limit_s
            )
            peak = max(server.peak_rss_mb() for server in servers)
        finally:
            server_errors = sum([await server.stop() for server in servers])
            await api.stop()
            if database.startswith("postgresql"):
                await drop_load_database()
    if bot == SCALED:
        backend += "+redis"
    return _result(
        bot, backend, round_, found, peak, server_errors, sum(api.calls.values()) - calls_before
    )


def _result(
    bot: str,
    backend: str,
    round_: int,
    found: dict[str, Any],
    peak: float,
    server_errors: int,
    calls: int,
) -> LoadResult:
    latencies = found["latencies"]
    overall = summarize([ms for _, ms in latencies])
    kinds = sorted({kind for kind, _ in latencies})
    by_kind = {k: summarize([ms for kind, ms in latencies if kind == k]).p50 for k in kinds}
    return LoadResult(
        bot=bot, backend="none" if bot == "echo" else backend, round=round_,
        sent=len(latencies) + found["failures"], ok=len(latencies), errors=found["failures"],
        server_errors=server_errors, seconds=found["seconds"],
        updates_per_s=len(latencies) / found["seconds"], p50=overall.p50, p95=overall.p95,
        p99=overall.p99, peak_rss_mb=peak, api_calls=calls, p50_by_kind=by_kind,
    )  # fmt: skip


async def run(load: Load, backends: list[str], rounds: int) -> list[LoadResult]:
    """The echo bots and CoachBot in turns, so that they all see the same machine load."""
    if "postgresql" in backends and not await seed.postgres_reachable():
        backends = [name for name in backends if name != "postgresql"]
    scaled = "postgresql" in backends and await redis_reachable()
    results = []
    for round_ in range(1, rounds + 1):
        for backend in backends:
            bots = (*BOTS, SCALED) if backend == "postgresql" and scaled else BOTS
            for bot in bots:
                result = await one_run(bot, backend, load, round_)
                print(
                    f"{bot:11} {result.backend:16} round {round_}: {result.updates_per_s:6.1f} "
                    f"updates/s  p50 {result.p50:6.1f}  p95 {result.p95:6.1f}  "
                    f"p99 {result.p99:6.1f} ms  errors {result.errors}+{result.server_errors}  "
                    f"rss {result.peak_rss_mb:.0f} MB",
                    flush=True,
                )
                results.append(result)
    return results


def users_of_dataset(count: int) -> list[int]:
    return [athlete.id for athlete in athletes(DATASET)[:count]]


def default_load() -> Load:
    return Load(UPDATES, CONCURRENCY, LIMIT_S, WARMUP, users_of_dataset(USERS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=UPDATES)
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument("--limit", type=float, default=LIMIT_S, help="seconds per run, at most")
    parser.add_argument("--warmup", type=int, default=WARMUP)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    load = Load(
        args.updates, args.concurrency, args.limit, args.warmup, users_of_dataset(args.users)
    )
    results = asyncio.run(run(load, args.backends.split(","), args.rounds))
    save(results, load, args.out)


def save(results: list[LoadResult], load: Load, path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    command = (
        f"python -m bench.webhook --updates {load.updates} --concurrency {load.concurrency} "
        f"--limit {load.limit_s:g} --warmup {load.warmup} --users {len(load.users)}"
    )
    body = {"command": command, "results": [asdict(result) for result in results]}
    path.write_text(json.dumps(body, indent=1))


if __name__ == "__main__":
    main()
