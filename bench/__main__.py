"""`make bench`: every benchmark at its default sizes, then the tables in BENCHMARKS.md."""

from __future__ import annotations

import argparse
import asyncio
import json

from bench import queries, report
from bench.seed import postgres_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=queries.DEFAULT_SIZES, help="total:heavy,... workouts")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    backends = args.backends.split(",")
    version = asyncio.run(postgres_version()) if "postgresql" in backends else None
    report.MACHINE.parent.mkdir(parents=True, exist_ok=True)
    report.MACHINE.write_text(json.dumps(report.machine(version), indent=1))
    sizes = queries.parse_sizes(args.sizes, args.seed)
    found = asyncio.run(queries.run(sizes, backends, args.iterations, args.warmup))
    queries.save(found)
    report.write()
    print(f"results written to {report.DOCUMENT}")


if __name__ == "__main__":
    main()
