"""`make bench`: every benchmark at its default sizes, then the tables in BENCHMARKS.md."""

from __future__ import annotations

import argparse
import asyncio
import json
import time

from bench import broadcast, challenges, fit_import, groups, partners, queries, report, webhook
from bench.seed import postgres_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parts = ("queries", "groups", "partners", "challenges", "webhook", "fit", "broadcast")
    parser.add_argument("--only", choices=parts, default=None)
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
    if args.only in (None, "partners"):
        counts = [int(size) for size in partners.DEFAULT_SIZES.split(",")]
        partners.save(asyncio.run(partners.run(counts, backends, args.iterations)))
    if args.only in (None, "groups"):
        group_sizes = groups.parse_sizes(groups.DEFAULT_SIZES, args.seed)
        groups.save(asyncio.run(groups.run(group_sizes, backends, args.iterations, warmup=20)))
    if args.only in (None, "challenges"):
        participants = [int(size) for size in challenges.DEFAULT_SIZES.split(",")]
        found = asyncio.run(
            challenges.run(participants, backends, args.iterations, warmup=20, seed=args.seed)
        )
        challenges.save(found)
    if args.only in (None, "webhook"):
        load = webhook.default_load()
        webhook.save(asyncio.run(webhook.run(load, backends, webhook.ROUNDS)), load)
    if args.only in (None, "fit"):
        fit_import.save(asyncio.run(fit_import.run(fit_import.ROUNDS)), fit_import.ROUNDS)
    if args.only in (None, "broadcast"):
        rates = (broadcast.RATE, broadcast.RECIPIENTS, broadcast.CEILING_RECIPIENTS)
        broadcast.save(asyncio.run(broadcast.run(*rates)))
    report.write()
    print(f"results written to {report.DOCUMENT} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
