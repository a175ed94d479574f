"""/export hands the athlete their data; /delete_me erases it after a confirmation."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from db.tables import FsmStateRow
from tests.bot.conftest import Harness


async def test_export_sends_the_profile_as_a_json_document(chat: Harness) -> None:
    await chat.send("/start")
    await chat.press("Triathlon")
    document = await chat.send("/export")
    assert document.document_name == f"coachbot-export-{chat.user_id}.json"
    data = json.loads(document.document_bytes or b"")
    assert data["user"]["first_name"] == "Anna"
    assert data["user"]["profile"]["sports"] == ["triathlon"]
    assert document.text == "📦 Everything I store about you, as JSON."


async def test_delete_me_asks_first_and_keeps_data_when_declined(chat: Harness) -> None:
    await chat.send("/start")
    question = await chat.send("/delete_me")
    assert "cannot be undone" in (question.text or "")
    kept = await chat.press("No, keep")
    assert kept.text == "Nothing was erased. 👍"
    assert await chat.user() is not None


async def test_delete_me_erases_the_athlete_and_their_flow(chat: Harness) -> None:
    await chat.send("/start")
    await chat.press("Running")
    await chat.send("/delete_me")
    done = await chat.press("Yes, erase")
    assert "Your data has been erased" in (done.text or "")
    assert await chat.user() is None
    async with chat.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(FsmStateRow)) == 0
    again = await chat.send("/start")
    assert again.text is not None
    assert "Step 1 of 9" in again.text, "coming back starts from scratch"
    user = await chat.user()
    assert user is not None
    assert user.profile.sports == frozenset()
