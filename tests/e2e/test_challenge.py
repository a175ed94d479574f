"""Issue #6's "done when", end to end: a group challenge in the real process."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox.telegram import FakeTelegram, SentMessage
from tests.e2e.conftest import BotProcess, Person
from tests.support.botapi_server import BotApiServer

pytestmark = pytest.mark.e2e

GROUP = -100600
OLGA, BORIS, CARL, DINA = 601, 602, 603, 604


def gpx_run(start: datetime, points: int = 60) -> bytes:
    """A run: 111 m every 30 s (0.001° of latitude), heart rate 150."""
    body = "".join(
        f'<trkpt lat="{46.0 + i * 0.001}" lon="14.5"><time>'
        f"{(start + timedelta(seconds=30 * i)).isoformat()}</time><extensions>"
        "<gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension>"
        "</extensions></trkpt>"
        for i in range(points)
    )
    return (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><type>running</type><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


class Group:
    def __init__(self, api: BotApiServer) -> None:
        self.telegram = api.telegram

    async def say(self, user_id: int, text: str, expect: str) -> SentMessage:
        since = self.telegram.version
        self.telegram.user_sends_text(user_id, text, GROUP)
        return await self.expect(expect, since)

    async def press(self, user_id: int, message: SentMessage, label: str) -> int:
        since = self.telegram.version
        data = message.button_data(label)
        self.telegram.user_presses(user_id, message.message_id, data, chat_id=GROUP)
        return since

    async def expect(self, text: str, since: int, wait: float = 20) -> SentMessage:
        return await self.telegram.wait_for_message(
            GROUP,
            lambda m: (
                text in (m.text or "") or any(text in b for r in m.reply_markup for b, _ in r)
            ),
            timeout=wait,
            after=since,
        )

    async def tap(self, user_id: int, message: SentMessage, label: str) -> dict[str, object]:
        """Press a button and wait for the bot's answer to that press."""
        answers = self.telegram.state.callback_answers
        before = len(answers)
        await self.press(user_id, message, label)
        await self.telegram.wait_until(lambda: True if len(answers) > before else None, 20)
        return answers[before]

    def results(self) -> list[SentMessage]:
        return [
            m for m in self.telegram.messages(GROUP) if "is over. Final results" in (m.text or "")
        ]


def end_now(bot_process: BotProcess) -> None:
    """The month passes while the bot is down: the challenge's end is moved to a minute ago."""
    ended = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(bot_process.workdir / "coachbot.sqlite3") as connection:
        connection.execute("UPDATE challenges SET ends_at = ?", (ended,))


async def test_a_group_challenge_from_setup_to_results_posted_once(
    api: BotApiServer, bot_process: BotProcess
) -> None:
    telegram = api.telegram
    for user_id, name in ((OLGA, "Olga"), (BORIS, "Boris"), (CARL, "Carl"), (DINA, "Dina")):
        telegram.add_user(user_id, name, language_code="en")
    telegram.add_group(GROUP, "Runners", admins=[OLGA], members=[BORIS, CARL, DINA])
    await bot_process.start()
    for user_id in (OLGA, BORIS, CARL):
        await Person(telegram, user_id).send("/start", expect="Step 1 of 9")
    group = Group(api)

    refused = await group.say(BORIS, "/challenge Mine", expect="Only the chat's administrators")
    assert refused.text
    card = await group.say(OLGA, "/challenge Month run", expect="Setting up «Month run»")
    since = await group.press(OLGA, card, "This month")
    card = await group.expect("✅ This month", since)
    since = await group.press(OLGA, card, "Post")
    board = await group.expect("Tap the button to join", since)

    assert "You're in «Month run»!" in str((await group.tap(BORIS, board, "Join")).get("text"))
    assert "You're in" in str((await group.tap(CARL, board, "Join")).get("text"))
    link = str((await group.tap(DINA, board, "Join")).get("url"))
    assert "?start=c_" in link, "Dina has not started the bot yet"
    dina = Person(telegram, DINA)
    await dina.send(f"/start {link.split('start=')[1]}", expect="You're in «Month run»!")

    boris = Person(telegram, BORIS)
    await boris.send("/log run 10k 50:00", expect="Counts in the challenge «Month run»")
    carl = Person(telegram, CARL)
    since = telegram.version
    started = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=40)
    telegram.user_sends_document(CARL, "run.gpx", gpx_run(started), "application/gpx+xml")
    await carl.expect("Counts in the challenge «Month run»", since)
    await dina.send("/log run 3k 15:00", expect="Counts in the challenge «Month run»")

    top = await group.say(CARL, "/top", expect="🥇 Boris — 10.0 km")
    assert "🥈 Carl — 6.6 km" in (top.text or ""), "the imported run"
    assert "🥉 Dina — 3.0 km" in (top.text or "")

    def pinned_shows_dina() -> SentMessage | None:
        found = [m for m in telegram.messages(GROUP) if m.message_id == board.message_id]
        return found[0] if found and "🥉 Dina — 3.0 km" in (found[0].text or "") else None

    # The board is edited at most once a minute (BOARD_EVERY), by a tick every 15 s: if an edit
    # for Boris and Carl went out just before Dina's run, hers waits up to ~75 s.
    pinned = await telegram.wait_until(pinned_shows_dina, 90)
    assert pinned.edits >= 1, "the pinned leaderboard follows the totals"
    assert await bot_process.stop() == 0

    end_now(bot_process)
    since = telegram.version
    await bot_process.start()
    results = await group.expect("is over. Final results", since, wait=40)
    assert "🥇 Boris — 10.0 km" in (results.text or "")
    won = await boris.expect("You won the challenge «Month run»!", since)
    assert champion(telegram, BORIS) == [won], "the winner gets the achievement"
    assert await bot_process.stop() == 0
    await bot_process.start()
    await group.say(CARL, "/top", expect="This challenge is over")
    assert len(group.results()) == 1, "posted once, across the restart"
    await boris.send("/log run 5k 25:00", expect="XP")
    assert len(champion(telegram, BORIS)) == 1, "unlocked exactly once, across the restart"
    assert not champion(telegram, CARL), "only the winner"
    await boris.send("/achievements", expect="Champion")
    assert await bot_process.stop() == 0


def champion(telegram: FakeTelegram, user_id: int) -> list[SentMessage]:
    return [
        m
        for m in telegram.messages(user_id)
        if "Achievement unlocked" in (m.text or "") and "Champion" in (m.text or "")
    ]
