"""Memory with many active users: `python -m bench.memory --users 10000`.

The webhook load of bench/webhook.py on a dataset of `--users` athletes (100 000 workouts
between them), each of whom sends one update of the mix, so the bot meets every one of them
once: what grows per user (caches, sessions, FSM keys) shows in its peak RSS (`VmHWM`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import seed
from bench.population import athletes, spec
from bench.webhook import CONCURRENCY, WARMUP, Load, LoadResult, one_run

USERS, LIMIT_S, TARGET_MB = 10_000, 300.0, 250
RESULTS = seed.SQLITE_DIR / "memory.json"


async def run(users: int, backends: list[str], limit_s: float) -> list[LoadResult]:
    """One CoachBot process per database, each athlete of the dataset sending once."""
    if "postgresql" in backends and not await seed.postgres_reachable():
        backends = [name for name in backends if name != "postgresql"]
    dataset = spec(100_000, 1_000, users)
    load = Load(users, CONCURRENCY, limit_s, WARMUP, [a.id for a in athletes(dataset)][:users])
    results = []
    for backend in backends:
        result = await one_run("coachbot", backend, load, 1, dataset)
        print(
            f"{backend:10} {users} users: {result.ok}/{result.sent} in {result.seconds:.0f} s, "
            f"errors {result.errors}+{result.server_errors}, peak RSS {result.peak_rss_mb:.0f} MB",
            flush=True,
        )
        results.append(result)
    return results


def save(results: list[LoadResult], users: int, limit_s: float, path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    command = f"python -m bench.memory --users {users} --limit {limit_s:g}"
    body = {"command": command, "users": users, "results": [asdict(r) for r in results]}
    path.write_text(json.dumps(body, indent=1))


def table(found: dict[str, Any]) -> str:
    """The BENCHMARKS.md block."""
    lines = [
        f"`{found['command']}`\n",
        "| database | athletes sending | updates ok / sent | updates/s | errors (HTTP + logged) "
        f"| peak RSS MB | under {TARGET_MB} MB |",
        "|---|---:|---:|---:|---:|---:|:-:|",
    ]
    for r in found["results"]:
        verdict = "yes" if r["peak_rss_mb"] < TARGET_MB else "**no**"
        lines.append(
            f"| {r['backend']} | {found['users']:,} | {r['ok']} / {r['sent']} "
            f"| {r['updates_per_s']:.0f} | {r['errors']} + {r['server_errors']} "
            f"| {r['peak_rss_mb']:.0f} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--limit", type=float, default=LIMIT_S, help="seconds per run, at most")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    results = asyncio.run(run(args.users, args.backends.split(","), args.limit))
    save(results, args.users, args.limit)


if __name__ == "__main__":
    main()
