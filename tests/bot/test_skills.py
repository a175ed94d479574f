"""/progress and /lifts through the real Dispatcher."""

from __future__ import annotations

from bot.i18n import I18n
from domain.skills.progress import reached_by
from domain.users.models import Language, Units, User
from domain.workouts.models import Activity, Workout, WorkoutSource
from tests.bot.conftest import ANNA, NOW, Harness


async def test_progress_after_runs_shows_the_level_and_the_next_milestone(chat: Harness) -> None:
    await chat.send("/log run 3k 20:00")
    await chat.send("/log run 5k 27:40")
    card = await chat.send("/progress")
    text = card.text or ""
    assert "📈 Progress · 🏃 Run" in text
    assert "Level <b>4</b>" not in text, "rendered as HTML"
    assert "Level 4 · 4 of 19 milestones reached so far" in text
    assert "🎯 Next: 4 weeks in a row, 2+ sessions each" in text
    assert "▰▰▱▱▱▱▱▱▱▱ 25%\nBest: 1 wk → target 4 wk" in text
    assert "— Run 5 km under 30:00" in text
    assert "— Your first run" in text
    assert [label for row in card.reply_markup for label, _ in row] == ["✅ 🏃 Run"]


async def test_progress_in_russian(chat: Harness) -> None:
    chat.telegram.add_user(7201, "Ира", language_code="ru")
    chat.user_id = 7201
    await chat.send("/log бег 10 км 58:00")
    text = (await chat.send("/progress")).text or ""
    assert "📈 Прогресс · 🏃 Бег" in text
    assert "Уровень 6" in text
    assert "🎯 Дальше: Недель подряд, в каждой от 2 тренировок: 4" in text
    assert "Пробежать 10 km без остановки" not in text
    assert "Пробежать 10 км без остановки" in text


async def test_the_next_milestone_has_a_progress_bar(chat: Harness) -> None:
    await chat.send("/log ride 10 km 30 min")
    text = (await chat.send("/progress")).text or ""
    assert (
        "🎯 Next: Ride 20 km in one go\n▰▰▰▰▰▱▱▱▱▱ 50%\nBest: 10.00 km → target 20.00 km" in text
    )


async def test_progress_switches_sport_with_its_buttons(chat: Harness) -> None:
    await chat.send("/log run 5k 27:40")
    await chat.send("/log squat 5x5 100kg")
    card = await chat.send("/progress")
    assert [label for row in card.reply_markup for label, _ in row] == [
        "✅ 🏃 Run", "🏋️ Strength"
    ]  # fmt: skip
    strength = await chat.press("Strength")
    text = strength.text or ""
    assert strength.message_id == card.message_id, "the card is edited in place"
    assert "📈 Progress · 🏋️ Strength" in text
    assert "Milestones waiting for your body weight: 9. Add it in /profile" in text
    assert "🎯 Next: Push-up: 20 reps in one set" in text
    lifts = await chat.press("Lifts")
    assert "🏋️ Your lifts" in (lifts.text or "")


async def test_the_squat_milestones_are_multiples_of_body_weight(chat: Harness) -> None:
    await chat.send("/start")
    for _ in range(6):
        await chat.press("Skip")
    await chat.send("80")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.send("/log squat 5x5 100kg")
    await chat.send("/progress")
    text = (await chat.send("/progress")).text or ""
    assert "— Squat: est. 1RM 1 × body weight" in text
    assert "waiting for your body weight" not in text


async def test_lifts_show_the_best_estimate_and_the_history(chat: Harness) -> None:
    await chat.send("/log squat 5x5 100kg")
    await chat.send("/log squat 5x5 100kg")
    listing = await chat.send("/lifts")
    text = listing.text or ""
    assert "🏋️ Your lifts" in text
    # Epley (1985): 100 kg × (1 + 5/30) = 116.7 kg.
    assert "Squat: best est. 1RM 116.7 kg" in text
    assert "volume 5000 kg · sessions: 2" in text
    history = await chat.press("Squat")
    lines = (history.text or "").splitlines()
    assert "🏋️ Squat: history" in lines[0]
    assert (
        lines.count("📅 Tue 24 Nov, 08:00: 5×5 × 100 kg · est. 1RM ≈ 116.7 kg · Volume 2500 kg")
        == 2
    )
    assert "Page 1 of 1" in (history.text or "")
    back = await chat.press("All lifts")
    assert "Squat: best est. 1RM 116.7 kg" in (back.text or "")


async def test_lifts_follow_the_athletes_units(chat: Harness) -> None:
    await chat.send("/log bench 3x8 60kg")
    await chat.send("/settings")
    await chat.press("Imperial")
    text = (await chat.send("/lifts")).text or ""
    # Epley (1985): 60 kg × (1 + 8/30) = 76 kg = 168 lb.
    assert "Bench press: best est. 1RM 168 lb · last Tue 24 Nov, 08:00 · volume 3175 lb" in text


async def test_the_history_of_an_exercise_she_never_did_is_not_found(chat: Harness) -> None:
    chat.telegram.add_user(7202, "Mallory")
    chat.user_id = 7202
    await chat.send("/log deadlift 1x1 250kg")
    chat.user_id = ANNA
    await chat.send("/log squat 5x5 100kg")
    listing = await chat.send("/lifts")
    data = listing.button_data("Squat").replace("squat", "deadlift")
    chat.telegram.user_sends_callback_raw(ANNA, listing.message_id, data)
    await chat.deliver()
    assert chat.telegram.callback_answers[-1]["text"] == (
        "You have no sets of that exercise in your journal."
    )
    assert "250 kg" not in (chat.last().text or "")
    assert "Deadlift" not in (chat.last().text or "")


async def test_without_workouts_progress_and_lifts_explain_what_to_do(chat: Harness) -> None:
    progress = await chat.send("/progress")
    assert "Nothing to measure yet" in (progress.text or "")
    lifts = await chat.send("/lifts")
    assert "No strength sets yet" in (lifts.text or "")


def test_the_milestones_a_new_workout_reached_render_for_its_card() -> None:
    earlier = [Workout(1, ANNA, Activity.RUN, NOW, WorkoutSource.TEXT, 1200, 3000.0)]
    new = Workout(2, ANNA, Activity.RUN, NOW, WorkoutSource.TEXT, 24 * 60, 5000.0)
    reached = reached_by(new, earlier, None, "UTC")
    user = User(ANNA, "Anna", None, Language.RU, Units.METRIC, "UTC", NOW)
    text = I18n().texts(Language.RU).render("skills/reached.html", milestones=reached, user=user)
    assert text.splitlines() == [
        "🎖 Новая веха: Пробежать 5 км без остановки",
        "🎖 Новая веха: Пробежать 5 км быстрее 30:00",
        "🎖 Новая веха: Пробежать 5 км быстрее 25:00",
    ]


async def test_a_crafted_sport_shows_only_her_own_cards(chat: Harness) -> None:
    await chat.send("/log run 5k 27:40")
    card = await chat.send("/progress")
    chat.telegram.user_sends_callback_raw(ANNA, card.message_id, "sk:yoga")
    await chat.deliver()
    assert "📈 Progress · 🏃 Run" in (chat.last().text or "")


async def test_deleting_a_workout_takes_its_milestones_back(chat: Harness) -> None:
    await chat.send("/log run 3k 20:00")
    await chat.send("/log run 10k 58:00")
    await chat.press("Delete")
    await chat.press("Yes, delete")
    text = (await chat.send("/progress")).text or ""
    assert "Level 2 ·" in text
    assert "🎯 Next: Run 5 km without stopping" in text


async def test_the_log_card_announces_milestones_once(chat: Harness) -> None:
    first = await chat.send("/log run 5k 24:00")
    text = first.text or ""
    assert "🎖 New milestone" in text
    assert "5 km under 25:00" in text
    again = await chat.send("/log run 5k 24:30")  # began 30 s before the first one
    assert "🎖 New milestone" not in (again.text or ""), "reached already: not announced twice"
    ride = await chat.send("/log ride 30 km 1h")
    assert "🎖 New milestone" in (ride.text or ""), "the first ride is a milestone of its own"
