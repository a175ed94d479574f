"""The benchmark code still runs: a tiny dataset seeded, measured and reported (no timings)."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from pathlib import Path

from bench import report
from bench.population import HEAVY_ID, NOW, athletes, spec, workouts
from bench.queries import BASELINE, measure
from bench.seed import ensure_sqlite
from db.engine import create_engine, create_session_factory
from db.uow import SqlUnitOfWork
from domain.workouts.service import WorkoutService

TINY = spec(400, 60, athletes=8, seed=7)


def test_the_population_is_the_same_on_every_run() -> None:
    first = [asdict(sample) for sample in workouts(TINY, athletes(TINY))]
    second = [asdict(sample) for sample in workouts(TINY, athletes(TINY))]
    assert first == second
    assert len(first) == TINY.workouts
    assert [s["started_at"] for s in first] == sorted(s["started_at"] for s in first)
    assert all(sample["started_at"] <= NOW for sample in first)
    assert sum(sample["user_id"] == HEAVY_ID for sample in first) == TINY.heavy


async def test_a_seeded_file_is_read_back_by_the_real_repositories(tmp_path: Path) -> None:
    url = await ensure_sqlite(TINY, tmp_path)
    assert await ensure_sqlite(TINY, tmp_path) == url  # the second run reuses the file
    engine = create_engine(url)
    try:
        sessions = create_session_factory(engine)
        page = await WorkoutService(SqlUnitOfWork(sessions, lambda: NOW), lambda: NOW).journal(
            HEAVY_ID, 0, None
        )
        assert page.pages == TINY.heavy // 5
        assert page.workouts[0].started_at.tzinfo is not None
        assert page.workouts[0].started_at >= page.workouts[-1].started_at
    finally:
        await engine.dispose()
    with sqlite3.connect(Path(url.split("///", 1)[1])) as connection:
        (count,) = connection.execute("SELECT count(*) FROM workouts").fetchone()
        (with_sets,) = connection.execute(
            "SELECT count(DISTINCT workout_id) FROM strength_sets"
        ).fetchone()
    assert count == TINY.workouts
    assert with_sets > 0


async def test_one_measurement_runs_every_case_and_renders(tmp_path: Path) -> None:
    engine = create_engine(await ensure_sqlite(TINY, tmp_path))
    try:
        rows, plans = await measure(engine, ("sqlite", TINY), 3, 1, "python -m bench.queries")
    finally:
        await engine.dispose()
    names = [row.case for row in rows]
    assert names[0] == BASELINE
    assert {"journal, first page", "journal, swims only", "stats year", "coach today"} < set(names)
    assert all(row.summary.count == 3 for row in rows[1:])
    assert all(statement.plan for plan in plans for statement in plan.statements)
    measured = {"backend": "sqlite", "dataset": TINY.key, "athletes": TINY.athletes,
                "command": "python -m bench.queries", "rows": [asdict(row) for row in rows],
                "plans": [asdict(plan) for plan in plans]}  # fmt: skip
    assert "journal, first page" in report.query_tables([measured])
    assert "stats year" in report.growth_table([measured])
    assert "ix_workouts_user_started" in report.plan_block([measured])
