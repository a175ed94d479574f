"""`make bench`: every benchmark at its default sizes, then the tables in BENCHMARKS.md."""

from __future__ import annotations

import argparse
import asyncio
import json
import time

from bench import challenges, queries, report, webhook
from bench.seed import postgres_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("queries", "webhook", "challenges"), default=None)
    parser.add_argument("--sizes", default=queries.DEFAULT_SIZES, help="total:heavy,... workouts")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    backends = args.backends.split(",")
    version = asyncio.run(postgres_version()) if "postgresql" in backends else None
    for part, path in report.MACHINES.items():
        if args.only in (None, part):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(report.machine(version), indent=1))
    if args.only in (None, "queries"):
        sizes = queries.parse_sizes(args.sizes, args.seed)
        queries.save(asyncio.run(queries.run(sizes, backends, args.iterations, warmup=20)))
    if args.only in (None, "challenges"):
        participants = [int(size) for size in challenges.DEFAULT_SIZES.split(",")]
        found = asyncio.run(
            challenges.run(participants, backends, args.iterations, warmup=20, seed=args.seed)
        )
        challenges.save(found)
    if args.only in (None, "webhook"):
        load = webhook.default_load()
        webhook.save(asyncio.run(webhook.run(load, backends, webhook.ROUNDS)), load)
    report.write()
    print(f"results written to {report.DOCUMENT} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
