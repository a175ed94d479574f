"""Live location workouts through the real Dispatcher: share, watch the status, stop or
finish, discard, a restart in the middle, redeliveries; and a plain location's area."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.sandbox.telegram import FakeTelegram, SentMessage
from db.uow import SqlUnitOfWork
from domain.tracks.models import Fix
from tests.bot.conftest import ANNA, NOW, Harness, make_dispatcher
from tests.unit.tracks.routes import path_length, real_fixes

START = NOW - timedelta(hours=2)
RUN = "fit/activity-small-fenix2-run.fit"


@pytest.fixture
def telegram() -> FakeTelegram:
    fake = FakeTelegram(clock=START.timestamp)
    fake.add_user(ANNA, "Anna", language_code="en", username="anna_runs")
    return fake


def run_fixes(count: int, every: int = 10) -> list[Fix]:
    """A real run's positions, a fix every `every` seconds (Telegram sends one every 5-30 s)."""
    return real_fixes(RUN, START, every=every)[:count]


async def share(chat: Harness, first: Fix) -> int:
    """Share a live location for two hours; the id of its message."""
    sent = chat.telegram.user_sends_location(
        chat.user_id, first.latitude, first.longitude, live_period=7200
    )
    await chat.deliver()
    message_id: int = sent["message"]["message_id"]
    return message_id


async def move(chat: Harness, message_id: int, fixes: list[Fix]) -> None:
    for fix in fixes:
        at = round(fix.at.timestamp())
        chat.telegram.user_moves(chat.user_id, message_id, fix.latitude, fix.longitude, at)
    await chat.deliver()


def status(chat: Harness) -> SentMessage:
    return next(m for m in chat.telegram.messages(chat.user_id) if "📏" in (m.text or ""))


async def journal_distances(chat: Harness) -> list[float | None]:
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        workouts = await uow.workouts.since(chat.user_id, START - timedelta(days=1))
    return [workout.distance_m for workout in workouts]


async def test_a_shared_live_run_is_saved_with_its_route_when_the_share_stops(
    chat: Harness,
) -> None:
    fixes = run_fixes(200, every=3)
    message_id = await share(chat, fixes[0])
    assert "Which sport" in (status(chat).text or "")
    await chat.press("Run")
    assert "Live run" in (status(chat).text or "")
    await move(chat, message_id, fixes[1:])
    shown = status(chat)
    assert "Live run" in (shown.text or "")
    assert "/km" in (shown.text or "")
    assert 1 < shown.edits < 120, "edited at most every 5 s, not on every position"

    chat.telegram.user_stops_sharing(
        chat.user_id, message_id, at=round(fixes[-1].at.timestamp()) + 5
    )
    await chat.deliver()

    assert "Run saved" in (status(chat).text or "")
    assert status(chat).reply_markup == []
    texts = chat.texts()
    card = next(text for text in texts if "Recorded from your live location" in text)
    assert "Run" in card
    assert chat.telegram.messages(chat.user_id)[-1].photo_bytes is not None
    [distance] = await journal_distances(chat)
    assert distance is not None
    assert distance == pytest.approx(path_length(fixes), rel=0.05)  # jitter smoothed away
    journal = await chat.send("/journal")
    assert "Run" in (journal.text or "")


async def test_track_first_then_the_share_and_the_finish_button(chat: Harness) -> None:
    armed = await chat.send("/track run")
    assert "live location" in (armed.text or "")
    fixes = run_fixes(30)
    message_id = await share(chat, fixes[0])
    assert "Live run" in (status(chat).text or "")
    await move(chat, message_id, fixes[1:])
    await chat.press("Finish")
    assert "Run saved" in (status(chat).text or "")
    assert len(await journal_distances(chat)) == 1
    await move(chat, message_id, [Fix(fixes[-1].at + timedelta(seconds=10), 45.0, 14.0)])
    assert len(await journal_distances(chat)) == 1, "a position after the finish adds nothing"


async def test_discard_asks_first_and_then_keeps_nothing(chat: Harness) -> None:
    await chat.send("/track ride")
    fixes = run_fixes(20)
    message_id = await share(chat, fixes[0])
    await move(chat, message_id, fixes[1:])
    await chat.press("Discard")
    assert [label for row in status(chat).reply_markup for label, _ in row] == [
        "🗑 Yes, discard it",
        "↩️ No, keep recording",
    ]
    await chat.press("No, keep")
    await chat.press("Discard")
    await chat.press("Yes, discard")
    assert "Discarded" in (status(chat).text or "")
    assert await journal_distances(chat) == []


async def test_a_restart_in_the_middle_keeps_the_track(chat: Harness) -> None:
    await chat.send("/track run")
    fixes = run_fixes(60)
    message_id = await share(chat, fixes[0])
    await move(chat, message_id, fixes[1:30])
    chat.dispatcher = make_dispatcher(chat.sessions)  # a new process over the same database
    await move(chat, message_id, fixes[30:])
    chat.telegram.user_stops_sharing(chat.user_id, message_id)
    await chat.deliver()
    [distance] = await journal_distances(chat)
    assert distance is not None
    assert distance > 1_500, "the positions from before the restart count too"


async def test_redelivered_and_replayed_edits_change_nothing(chat: Harness) -> None:
    await chat.send("/track run")
    fixes = run_fixes(20)
    message_id = await share(chat, fixes[0])
    await move(chat, message_id, fixes[1:])
    before, edits = status(chat).text, status(chat).edits
    last: dict[str, Any] = chat.fed[-1]
    await chat.dispatcher.feed_raw_update(chat.bot, last)  # the same update id again
    await move(chat, message_id, [fixes[-1], fixes[5]])  # new ids, old edit dates
    assert (status(chat).text, status(chat).edits) == (before, edits)


async def test_a_track_that_never_moved_saves_nothing_and_says_why(chat: Harness) -> None:
    await chat.send("/track walk")
    here = run_fixes(1)[0]
    message_id = await share(chat, here)
    still = [
        Fix(here.at + timedelta(seconds=15 * n), here.latitude, here.longitude) for n in (1, 2)
    ]
    await move(chat, message_id, still)
    chat.telegram.user_stops_sharing(chat.user_id, message_id)
    await chat.deliver()
    assert "didn't move far enough" in (status(chat).text or "")
    assert await journal_distances(chat) == []


async def test_a_plain_location_during_track_asks_for_a_live_one(chat: Harness) -> None:
    await chat.send("/track run")
    answer = await chat.share_location(45.77, 14.35)
    assert "live" in (answer.text or "")
    user = await chat.user()
    assert user is not None
    assert user.profile.location is None


async def test_a_plain_location_sets_the_area_and_timezone_and_can_be_undone(
    chat: Harness,
) -> None:
    await chat.send("/help")
    before = await chat.user()
    assert before is not None
    answer = await chat.share_location(55.75583, 37.61730)
    assert "Europe/Moscow" in (answer.text or "")
    assert "55.8, 37.6" in (answer.text or "")
    user = await chat.user()
    assert user is not None
    assert user.timezone == "Europe/Moscow"
    assert user.profile.location is not None
    assert (user.profile.location.latitude, user.profile.location.longitude) == (55.8, 37.6)
    undone = await chat.press("Undo")
    assert before.timezone in (undone.text or "")
    user = await chat.user()
    assert user is not None
    assert (user.timezone, user.profile.location) == (before.timezone, None)
