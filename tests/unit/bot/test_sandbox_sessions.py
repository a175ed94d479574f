"""`coachbot chat` twice on the same database: the second session is answered too."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.sandbox.terminal import chat
from bot.settings import Settings


async def session(database: Path, lines: str) -> str:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{database}", run_scheduler=False)
    out = io.StringIO()
    await chat(settings, user_id=1001, name="Alex", language="en", stdin=io.StringIO(lines),
               stdout=out)  # fmt: skip
    return out.getvalue()


async def test_a_second_sandbox_session_is_not_taken_for_a_redelivery(tmp_path: Path) -> None:
    """Each session used to number its updates from the same id; the second session's were
    dropped as already handled (kept 48 h), so the bot stayed silent."""
    database = tmp_path / "sandbox.sqlite3"
    first = await session(database, "/log run 5k 25:00\n")
    assert "Logged to your journal" in first
    second = await session(database, "/journal\n")
    assert "Training journal" in second
    assert "5.00 km" in second


async def test_a_chart_is_saved_and_named_in_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = await session(tmp_path / "sandbox.sqlite3", "/log run 5k 25:00\n/stats week\n")
    assert "🖼 a picture (" in out
    assert saved_pictures(tmp_path) == [b"\x89PNG"]


def saved_pictures(root: Path) -> list[bytes]:
    return [path.read_bytes()[:4] for path in root.rglob("picture-1001-*.png")]
