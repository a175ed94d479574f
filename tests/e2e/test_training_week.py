"""Issue #3's promise, end to end: a week of mixed training typed in both languages, then
the journal, zones, form, records, a plan, daily advice and a chart, from the real process."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import BotProcess, Person
from tests.support.botapi_server import BotApiServer

pytestmark = pytest.mark.e2e

WEEK = (
    ("/log 6 days ago bike 1h15 42km hr 135", "🚴 Ride"),
    ("/log 5 дней назад бег 10 км за 52 минуты пульс 148", "🏃 Run"),
    ("/log 4 days ago strength 45 min rpe 7", "🏋️ Strength"),
    ("/log 3 days ago swim 1500m 31:20", "🏊 Swim"),
    ("/log позавчера присед 5х5 100", "🏋️ Strength"),
    ("/log yesterday run 5k 24:10 hr 160", "New milestone: Run 5 km under 25:00"),
    ("/log yoga 30m", "Yoga"),
)


async def test_a_week_of_training_reaches_the_journal_the_coach_and_the_charts(
    api: BotApiServer, bot_process: BotProcess
) -> None:
    telegram = api.telegram
    telegram.add_user(601, "Sasha", language_code="en")
    await bot_process.start()
    sasha = Person(telegram, 601)
    await sasha.send("/start", expect="Step 1 of 9")
    for step in range(2, 9):
        await sasha.press("Skip", expect=f"Step {step} of 9")
    await sasha.send("52", expect="Step 9 of 9")
    await sasha.send("188", expect="Your profile is ready")

    for line, shows in WEEK:
        card = await sasha.send(line, expect="Logged to your journal")
        assert shows in (card.text or ""), line
        if "yoga" not in line:
            assert ", 12:00" in (card.text or ""), f"an earlier day is placed at noon: {line}"
    squat = [m.text or "" for m in telegram.messages(601) if "Squat" in (m.text or "")]
    assert any("5×5 × 100 kg" in text for text in squat), "the Russian strength line was read"

    journal = await sasha.send("/journal", expect="Training journal")
    assert "Yesterday" in (journal.text or "")
    assert "Page 1 of 2" in (journal.text or ""), "seven workouts, five a page"
    await sasha.press("Older", expect="Page 2 of 2")

    zones = await sasha.send("/zones", expect="Your training zones")
    assert "Z2" in (zones.text or "")
    coach = await sasha.send("/coach", expect="Your coach for today")
    assert "Fitness" in (coach.text or "")
    records = await sasha.send("/records", expect="Fastest 5 km — 24:10")
    assert "Longest 🚴 Ride — 42.00 km" in (records.text or "")
    plan = await sasha.send("/plan 10k under 50:00 by 1 March", expect="Your plan")
    assert "10 km in 50:00" in (plan.text or "")

    since = telegram.version
    await sasha.send("/stats week", expect="This week")
    chart = await telegram.wait_for_message(
        601, lambda message: message.photo_bytes is not None, timeout=30, after=since
    )
    assert (chart.photo_bytes or b"").startswith(b"\x89PNG")
    assert await bot_process.stop() == 0
