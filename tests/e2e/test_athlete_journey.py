"""The README's promise, end to end: the real process, the real aiogram HTTP session."""

from __future__ import annotations

import json

import pytest

from handlers.help import MENU_COMMANDS
from tests.e2e.conftest import BotProcess, Person
from tests.support.botapi_server import BotApiServer, free_port

pytestmark = pytest.mark.e2e


async def test_an_athlete_onboards_edits_switches_language_exports_and_leaves(
    api: BotApiServer, bot_process: BotProcess
) -> None:
    telegram = api.telegram
    telegram.add_user(501, "Maria", language_code="en")
    await bot_process.start()
    assert telegram.commands() == list(MENU_COMMANDS)
    assert "journal" in telegram.commands(language_code="ru")
    maria = Person(telegram, 501)

    await maria.send("/start", expect="Step 1 of 9")
    await maria.press("Running", expect="✅ 🏃 Running")
    await maria.press("Next", expect="Step 2 of 9")
    await maria.press("Beginner", expect="Step 3 of 9")
    await maria.press("Build endurance", expect="Step 4 of 9")
    await maria.press("Sun", expect="✅ Sun")
    await maria.press("Next", expect="Step 5 of 9")
    await maria.send("Riga", expect="Step 6 of 9")
    await maria.send("1994", expect="Step 7 of 9")
    await maria.send("58", expect="Step 8 of 9")
    await maria.press("Skip", expect="Step 9 of 9")
    done = await maria.press("Skip", expect="Your profile is ready")
    assert "📍 Area: Riga" in (done.text or "")

    await maria.send("/profile", expect="Maria's profile")
    await maria.press("Birth year", expect="What year were you born?")
    await maria.send("1995", expect="🎂 Born: 1995")

    await maria.send("/settings", expect="Settings")
    await maria.press("Русский", expect="Язык: Русский")
    await maria.send("/profile", expect="Профиль: Maria")
    await maria.send("/settings", expect="Настройки")
    await maria.press("English", expect="Language: English")

    export = await maria.send("/export", expect="Everything I store about you")
    data = json.loads(export.document_bytes or b"")
    assert data["user"]["profile"]["city"] == "Riga"
    assert data["user"]["profile"]["birth_year"] == 1995

    await maria.send("/delete_me", expect="cannot be undone")
    await maria.press("Yes, erase", expect="Your data has been erased")
    assert await bot_process.stop() == 0


async def test_a_flow_and_an_update_sent_while_down_survive_a_restart(
    api: BotApiServer, bot_process: BotProcess
) -> None:
    telegram = api.telegram
    telegram.add_user(502, "Олег", language_code="ru")
    oleg = Person(telegram, 502)
    await bot_process.start()
    await oleg.send("/start", expect="Шаг 1 из 9")
    await oleg.press("Пропустить", expect="Шаг 2 из 9")
    await oleg.press("Продвинутый", expect="Шаг 3 из 9")
    assert await bot_process.stop() == 0

    question = oleg.keyboard()
    telegram.user_presses(502, question.message_id, question.button_data("Стать быстрее"))
    since = telegram.version
    await bot_process.start()
    await oleg.expect("Шаг 4 из 9", since)
    answers = [m for m in telegram.messages(502) if "Шаг 4 из 9" in (m.text or "")]
    assert len(answers) == 1
    assert answers[0].edits == 3, "the one question message was edited, once per step"


async def test_webhook_mode_answers_updates_delivered_with_the_secret(
    api: BotApiServer, bot_process: BotProcess
) -> None:
    port = free_port()
    bot_process.extra_env.update(
        WEBHOOK_URL=f"http://127.0.0.1:{port}",
        WEBHOOK_SECRET="e2e-webhook-secret-0123456789",
        WEB_PORT=str(port),
    )
    telegram = api.telegram
    telegram.add_user(503, "Nina", language_code="en")
    await bot_process.start(ready=lambda: telegram.state.webhook is not None)
    assert telegram.state.webhook is not None
    assert telegram.state.webhook.url == f"http://127.0.0.1:{port}/telegram/webhook"
    nina = Person(telegram, 503)
    await nina.send("/start", expect="Step 1 of 9")
    await nina.press("Walking", expect="✅ 🚶 Walking")
    statuses = {status for _, status in api.webhook_deliveries}
    assert statuses == {200}
