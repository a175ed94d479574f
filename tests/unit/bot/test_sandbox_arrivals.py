"""The sandbox shows what the scheduler sends without waiting for the user to type."""

from __future__ import annotations

import asyncio
import contextlib
import io

from bot.sandbox.telegram import FakeTelegram
from bot.sandbox.terminal import Sandbox, Screen, show_arrivals


async def test_a_reminder_sent_in_the_background_is_printed() -> None:
    fake = FakeTelegram()
    fake.add_user(1001, "Alex")
    out = io.StringIO()

    async def feed(update: object) -> None:
        return None

    sandbox = Sandbox(fake=fake, feed=feed, screen=Screen(out=out, color=False), user_id=1001)
    task = asyncio.create_task(show_arrivals(sandbox, every=0.01))
    await fake.call("sendMessage", {"chat_id": 1001, "text": "⏰ Time to train, Alex!"})
    for _ in range(100):
        if "Time to train" in out.getvalue():
            break
        await asyncio.sleep(0.01)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert "🤖 bot:\n⏰ Time to train, Alex!" in out.getvalue()
    assert out.getvalue().endswith("\n> ")
