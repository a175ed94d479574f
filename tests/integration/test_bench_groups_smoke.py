"""The group-search benchmark still runs: a tiny population seeded, measured, rendered."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from bench.group_population import GroupSpec, group_rows
from bench.groups import BASELINE, CASES, Measured, ensure_sqlite, measure, table
from db.engine import create_engine

TINY = GroupSpec(groups=60, athletes=300, seed=3)


def test_the_group_population_is_the_same_on_every_run() -> None:
    assert list(group_rows(TINY)) == list(group_rows(TINY))


async def test_a_tiny_population_is_measured_through_the_real_search(tmp_path: Path) -> None:
    url = await ensure_sqlite(TINY, tmp_path)
    assert await ensure_sqlite(TINY, tmp_path) == url, "the second run reuses the file"
    engine = create_engine(url)
    try:
        rows = await measure(engine, TINY, 3, 1)
    finally:
        await engine.dispose()
    assert [row.case for row in rows] == list(CASES)
    assert all(row.summary.count == 3 for row in rows)
    measured = Measured("sqlite", TINY.groups, TINY.athletes, "python -m bench.groups", rows)
    rendered = table([asdict(measured)])
    assert "anywhere, sport only" in rendered
    assert BASELINE in rendered
