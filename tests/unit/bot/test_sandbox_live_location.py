"""`coachbot chat` can share a live location, move it and stop: a workout is recorded."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.sandbox.terminal import chat
from bot.settings import Settings

LINES = """/track run
:live 45.7720 14.3570 30
:move 45.7735 14.3570
:move 45.7750 14.3570
:stop
"""


async def test_a_live_run_in_the_terminal_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'sandbox.sqlite3'}", run_scheduler=False
    )
    out = io.StringIO()
    await chat(
        settings, user_id=1001, name="Alex", language="en", stdin=io.StringIO(LINES), stdout=out
    )
    text = out.getvalue()
    assert "Live run" in text
    assert "Run saved" in text
    assert "Recorded from your live location" in text
    assert "334 m" in text


async def test_moving_without_a_live_share_is_explained(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'sandbox.sqlite3'}", run_scheduler=False
    )
    out = io.StringIO()
    await chat(
        settings,
        user_id=1001,
        name="Alex",
        language="en",
        stdin=io.StringIO(":move 45.0 14.0\n"),
        stdout=out,
    )
    assert "no live location shared" in out.getvalue()
