"""`make bench`: every benchmark at its default sizes, then the tables in BENCHMARKS.md."""

from __future__ import annotations

import argparse
import asyncio
import json
import time

from bench import (
    broadcast,
    challenges,
    fit_import,
    groups,
    memory,
    partners,
    queries,
    report,
    webhook,
)  # fmt: skip
from bench.seed import postgres_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=report.PARTS, default=None)
    parser.add_argument("--sizes", default=queries.DEFAULT_SIZES, help="total:heavy,... workouts")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    backends = args.backends.split(",")
    version = asyncio.run(postgres_version()) if "postgresql" in backends else None

    def chosen(part: str) -> bool:
        """Whether the part runs; if so, the machine as it is when the part starts."""
        if args.only not in (None, part):
            return False
        print(f"{part} starts at {time.perf_counter() - started:.0f} s", flush=True)
        path = report.MACHINES[part]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report.machine(version), indent=1))
        return True

    if chosen("queries"):
        sizes = queries.parse_sizes(args.sizes, args.seed)
        queries.save(asyncio.run(queries.run(sizes, backends, args.iterations, warmup=20)))
    if chosen("partners"):
        counts = [int(size) for size in partners.DEFAULT_SIZES.split(",")]
        partners.save(asyncio.run(partners.run(counts, backends, args.iterations)))
    if chosen("groups"):
        group_sizes = groups.parse_sizes(groups.DEFAULT_SIZES, args.seed)
        groups.save(asyncio.run(groups.run(group_sizes, backends, args.iterations, warmup=20)))
    if chosen("challenges"):
        participants = [int(size) for size in challenges.DEFAULT_SIZES.split(",")]
        found = asyncio.run(
            challenges.run(participants, backends, args.iterations, warmup=20, seed=args.seed)
        )
        challenges.save(found)
    if chosen("webhook"):
        load = webhook.default_load()
        webhook.save(asyncio.run(webhook.run(load, backends, webhook.ROUNDS)), load)
    if chosen("memory"):
        found_memory = asyncio.run(memory.run(memory.USERS, backends, memory.LIMIT_S))
        memory.save(found_memory, memory.USERS, memory.LIMIT_S)
    if chosen("fit"):
        fit_import.save(asyncio.run(fit_import.run(fit_import.ROUNDS)), fit_import.ROUNDS)
    if args.only in (None, "broadcast"):
        rates = (broadcast.RATE, broadcast.RECIPIENTS, broadcast.CEILING_RECIPIENTS)
        broadcast.save(asyncio.run(broadcast.run(*rates)))
    report.write()
    print(f"results written to {report.DOCUMENT} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
