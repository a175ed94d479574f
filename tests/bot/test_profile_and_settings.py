"""/profile edits one field at a time; /settings: language, units, timezone, notifications."""

from __future__ import annotations

from domain.users.models import Language, Units
from tests.bot.conftest import Harness


async def onboarded(chat: Harness) -> None:
    await chat.send("/start")
    for _ in range(9):
        await chat.press("Skip")


async def test_a_field_is_edited_from_the_profile_card(chat: Harness) -> None:
    await onboarded(chat)
    card = await chat.send("/profile")
    assert "Anna's profile" in (card.text or "")
    question = await chat.press("Weight")
    assert question.message_id == card.message_id
    assert "Step" not in (question.text or ""), "an edit is not an onboarding step"
    updated = await chat.send("70")
    assert "⚖️ Weight: 70 kg" in (updated.text or "")
    await chat.press("Weight")
    cleared = await chat.press("Clear")
    assert "⚖️ Weight: not set" in (cleared.text or "")


async def test_going_back_from_an_edit_returns_to_the_card_unchanged(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/profile")
    await chat.press("Sports")
    await chat.press("Walking")
    card = await chat.press("Back")
    assert "🏅 Sports: 🚶 Walking" in (card.text or "")


async def test_language_switches_to_russian_and_back(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/settings")
    russian = await chat.press("Русский")
    assert "⚙️ Настройки" in (russian.text or "")
    assert "Язык: Русский" in (russian.text or "")
    scope = {"type": "chat", "chat_id": chat.user_id}
    menu = chat.telegram.state.commands[("chat:" + str(chat.user_id) + ":", "")]
    assert {"command": "log", "description": "Записать тренировку"} in menu
    assert "start" in chat.telegram.commands(scope=scope)
    assert (await chat.send("/help")).text is not None
    assert "Ваш тренер в Telegram" in (chat.last().text or "")
    await chat.send("/settings")
    back = await chat.press("English")
    assert "⚙️ Settings" in (back.text or "")
    user = await chat.user()
    assert user is not None
    assert user.language is Language.EN


async def test_units_change_how_weight_is_read_and_shown(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/settings")
    await chat.press("Imperial")
    await chat.send("/profile")
    await chat.press("Weight")
    card = await chat.send("154")
    assert "⚖️ Weight: 154 lb" in (card.text or "")
    user = await chat.user()
    assert user is not None
    assert user.units is Units.IMPERIAL
    assert user.profile.weight_kg == 69.9


async def test_timezone_from_the_list_by_name_and_by_location(chat: Harness) -> None:
    await onboarded(chat)
    await chat.send("/settings")
    await chat.press("Change timezone")
    card = await chat.press("Novosibirsk")
    assert "Timezone: Asia/Novosibirsk" in (card.text or "")
    await chat.press("Change timezone")
    refused = await chat.send("Mars/Olympus")
    assert "I don't know that timezone" in (refused.text or "")
    card = await chat.send("america/new york")
    assert "Timezone: America/New_York" in (card.text or "")
    await chat.press("Change timezone")
    card = await chat.share_location(55.75, 37.62)
    assert "Timezone: Europe/Moscow" in (card.text or "")
    user = await chat.user()
    assert user is not None
    assert user.profile.location is None, "a location sent for the timezone is not stored"


async def test_promotions_stay_off_until_the_user_opts_in(chat: Harness) -> None:
    await onboarded(chat)
    card = await chat.send("/settings")
    assert "News and offers: off" in (card.text or "")
    card = await chat.press("News and offers")
    assert "News and offers: on" in (card.text or "")
    card = await chat.press("Workout reminders")
    assert "Workout reminders: off" in (card.text or "")
    user = await chat.user()
    assert user is not None
    assert (user.notifications.promotions, user.notifications.reminders) == (True, False)
