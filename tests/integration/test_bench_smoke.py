"""The benchmark code still runs: a tiny dataset seeded, measured and reported (no timings)."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from pathlib import Path

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message, Update

from bench import fit_import, memory, partners, report
from bench.fake_botapi import FakeBotApi
from bench.population import HEAVY_ID, NOW, athletes, spec, workouts
from bench.processes import REDIS_URL, TOKEN, free_port
from bench.queries import BASELINE, measure
from bench.seed import ensure_sqlite
from bench.updates import kind_of
from bench.webhook import SCALED, WORKERS, Load, plan_for, servers_for
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
        async with SqlUnitOfWork(sessions, lambda: NOW) as uow:
            heavy = await uow.users.get(HEAVY_ID)
        assert heavy is not None
        page = await WorkoutService(SqlUnitOfWork(sessions, lambda: NOW), lambda: NOW).journal(
            heavy, 0, None
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


def test_the_load_mix_is_made_of_valid_updates() -> None:
    load = Load(updates=40, concurrency=4, limit_s=1.0, warmup=0, users=[1, 2, 3, 4, 5, 6, 7, 8])
    plan = plan_for(load, 1, load.updates, salt=1)
    payloads = [payload for worker in plan for payload in worker]
    assert len(payloads) == 40
    assert len({payload["update_id"] for payload in payloads}) == 40
    for index, worker in enumerate(plan):  # a worker speaks only for its own athletes
        assert {_sender(Update.model_validate(p)) for p in worker} <= set(load.users[index::4])
    assert {kind_of(payload) for payload in payloads} == {
        "start",
        "journal",
        "journal_button",
        "log",
    }


async def test_the_fake_bot_api_answers_what_aiogram_expects() -> None:
    api = FakeBotApi(TOKEN)
    url = await api.start(free_port())
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(url)))
    try:
        sent = await bot.send_message(42, "hello")
        edited = await bot.edit_message_text("again", chat_id=42, message_id=sent.message_id)
        assert await bot.answer_callback_query("cq1")
    finally:
        await bot.session.close()
        await api.stop()
    assert sent.text == "hello"
    assert isinstance(edited, Message)
    assert edited.message_id == sent.message_id
    assert api.calls == {"sendMessage": 1, "editMessageText": 1, "answerCallbackQuery": 1}


def _sender(update: Update) -> int:
    event = update.message or update.callback_query
    assert event is not None
    assert event.from_user is not None
    return event.from_user.id


async def test_the_partner_benchmark_seeds_searches_and_reports(tmp_path: Path) -> None:
    url = await partners.ensure_sqlite(300, tmp_path)
    row = await partners.measure(url, "sqlite", 300, iterations=3)
    assert row.summary.count == 3
    table = partners.table([asdict(row)])
    assert "| sqlite | 300 |" in table
    assert "python -m bench.partners --sizes 300 --backends sqlite" in table


async def test_the_fit_import_bench_measures_and_reports(tmp_path: Path) -> None:
    found = await fit_import.measure("garmin-fenix-5-run.fit", 1, tmp_path)

    assert found["samples"] == 20
    assert found["ours_s"] > 0 and found["bare_s"] > 0
    table = fit_import.table({"command": "python -m bench.fit_import", "results": [found]})
    assert "| garmin-fenix-5-run.fit | 20 |" in table


def test_the_several_workers_run_is_reported_against_the_echo_run_before_it() -> None:
    row = {
        "round": 1, "sent": 10, "ok": 10, "errors": 0, "server_errors": 0, "seconds": 1.0,
        "p50": 1.0, "p95": 2.0, "p99": 3.0, "peak_rss_mb": 200.0, "api_calls": 10,
        "p50_by_kind": {"start": 1.0},
    }  # fmt: skip
    results = [
        {**row, "bot": "echo", "backend": "none", "updates_per_s": 100.0},
        {**row, "bot": "coachbot", "backend": "postgresql", "updates_per_s": 30.0},
        {**row, "bot": "coachbot ×2", "backend": "postgresql+redis", "updates_per_s": 70.0},
    ]
    block = report.webhook_block({"command": "python -m bench.webhook", "results": results})
    assert "| postgresql | 1 | 0.30 | ≥ 0.6 **no** |" in block
    assert "| postgresql+redis | 1 | 0.70 | ≥ 0.6 yes |" in block
    table = memory.table({"command": "python -m bench.memory", "users": 10_000, "results": [
        {**results[1], "peak_rss_mb": 240.0}, {**results[2], "peak_rss_mb": 260.0},
    ]})  # fmt: skip
    assert "| postgresql | 10,000 | 10 / 10 | 30 | 0 + 0 | 240 | yes |" in table
    assert "| 260 | **no** |" in table


def test_the_several_workers_share_redis_and_run_no_scheduler() -> None:
    servers = servers_for(SCALED, "http://api", "postgresql+asyncpg://db", Path("/tmp"))
    assert len(servers) == WORKERS
    assert len({server.url for server in servers}) == WORKERS
    assert {server.env["RUN_SCHEDULER"] for server in servers} == {"false"}
    assert {server.env["REDIS_URL"] for server in servers} == {REDIS_URL}
