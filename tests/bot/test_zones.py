"""/zones through the real Dispatcher: zones shown, thresholds typed, checked and dated."""

from __future__ import annotations

import pytest

from db.uow import SqlUnitOfWork
from domain.coaching.thresholds import Threshold, ThresholdKind
from domain.units import METRES_PER_MILE
from tests.bot.conftest import NOW, Harness


async def stored(chat: Harness) -> list[Threshold]:
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        return await uow.thresholds.all(chat.user_id)


async def test_zones_show_heart_rate_zones_and_a_pace_estimate_from_the_best_run(
    chat: Harness,
) -> None:
    await chat.send("/profile")
    await chat.press("Resting HR")
    await chat.send("50")
    await chat.press("Max HR")
    await chat.send("190")
    await chat.send("/log run 10k 50:03")
    card = await chat.send("/zones")
    text = card.text or ""
    assert "Max heart rate: 190 bpm" in text
    assert "Z2 endurance: 134–148" in text, "Karvonen: 50 + 0.6 × 140 = 134"
    assert "Threshold heart rate: 169 bpm (estimated)" in text
    assert "an estimate from your best run" in text
    assert "P6 speed: faster than" in text
    assert "Set your threshold power (FTP) to see power zones." in text
    assert [label for row in card.reply_markup for label, _ in row] == [
        "⚡ Set threshold power (FTP)", "❤️ Set threshold heart rate", "🏃 Set threshold pace"
    ]  # fmt: skip
    for trademark in ("TSS", "CTL", "ATL", "TSB", "NP "):
        assert trademark not in text


async def test_setting_ftp_shows_power_zones(chat: Harness) -> None:
    await chat.send("/zones")
    ask = await chat.press("threshold power")
    assert "in watts" in (ask.text or "")
    card = await chat.send("250")
    text = card.text or ""
    assert text.startswith("✅ Threshold power saved.")
    assert "Threshold power (FTP): 250 W" in text
    assert "L4 threshold: 228–262 W" in text, "Coggan level 4: 91–105 % of FTP"
    assert "L7 sprint: above 378 W" in text
    midnight = NOW.replace(hour=0)  # the athlete's own midnight (UTC here)
    assert await stored(chat) == [Threshold(ThresholdKind.FTP, 250.0, midnight)]


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ("abc", "Please type watts as a whole number, e.g. 250."),
        ("5000", "A threshold power is between 30 and 700 W."),
    ],
)
async def test_a_bad_ftp_gets_a_clear_answer_and_stores_nothing(
    chat: Harness, answer: str, error: str
) -> None:
    await chat.send("/zones")
    await chat.press("threshold power")
    reply = await chat.send(answer)
    assert reply.text == error
    assert await stored(chat) == []
    card = await chat.send("260")
    assert "Threshold power (FTP): 260 W" in (card.text or ""), "still waiting for a value"


async def test_a_russian_athlete_gets_the_error_in_russian(chat: Harness) -> None:
    chat.telegram.add_user(7101, "Ира", language_code="ru")
    chat.user_id = 7101
    await chat.send("/zones")
    await chat.press("Пороговая мощность")
    reply = await chat.send("5000")
    assert reply.text == "Пороговая мощность — от 30 до 700 Вт."
    assert await stored(chat) == []


async def test_an_imperial_athlete_types_the_threshold_pace_per_mile(chat: Harness) -> None:
    await chat.send("/settings")
    await chat.press("Imperial")
    await chat.send("/zones")
    ask = await chat.press("threshold pace")
    assert "per mile" in (ask.text or "")
    card = await chat.send("7:15")
    assert "Threshold pace: 7:15 /mi" in (card.text or "")
    assert "an estimate" not in (card.text or "")
    [threshold] = await stored(chat)
    assert threshold.kind is ThresholdKind.THRESHOLD_SPEED
    assert threshold.value == pytest.approx(METRES_PER_MILE / 435)


async def test_a_threshold_set_today_weighs_the_workout_logged_next(chat: Harness) -> None:
    """The run logged now began an hour before the threshold pace was typed at 08:00; a
    threshold counts from the athlete's midnight, so the run is weighed by pace."""
    await chat.send("/zones")
    await chat.press("threshold pace")
    await chat.send("5:00")
    card = await chat.send("/log run 12k 60:00 hr 150")
    assert "Load: 100 (from pace)" in (card.text or ""), "an hour at threshold pace is 100"


async def test_the_coach_points_to_the_zones(chat: Harness) -> None:
    await chat.send("/profile")
    await chat.press("Max HR")
    await chat.send("185")
    report = await chat.send("/coach")
    assert "Pace and power zones and your thresholds: /zones" in (report.text or "")


async def test_crafted_button_data_for_another_threshold_changes_nothing(chat: Harness) -> None:
    card = await chat.send("/zones")
    chat.telegram.user_sends_callback_raw(chat.user_id, card.message_id, "zn:max_hr")
    await chat.deliver()
    answer = chat.telegram.callback_answers[-1]
    assert answer["text"] == "This button is outdated. Send /help to see what I can do."
    reply = await chat.send("190")
    assert "Threshold" not in (reply.text or "")
    assert await stored(chat) == []
