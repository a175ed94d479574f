"""XP, levels, achievements and leagues through the real Dispatcher."""

from __future__ import annotations

from pathlib import Path

from tests.bot.conftest import Harness

RUN = Path(__file__).parents[1] / "data" / "activities" / "fit" / "activity-small-fenix2-run.fit"


async def test_a_logged_workout_shows_its_xp_and_an_unlock_once(chat: Harness) -> None:
    card = (await chat.send("/log run 5k 25:00")).text or ""
    assert "✨ +56 XP · level 1 ▰▰▰▰▰▱▱▱▱▱ 56/100" in card, "10 + a load of 46"
    assert "🏅 Achievement unlocked: First steps" in card
    again = (await chat.send("/log run 5k 26:00")).text or ""
    assert "First steps" not in again
    assert "⬆️ Level 2! Keep going." in again
    assert "✨ +58 XP · level 2" in again


async def test_the_day_caps_xp_so_it_cannot_be_farmed(chat: Harness) -> None:
    first = (await chat.send("/log ride 3h 90km rpe 8")).text or ""
    assert "✨ +300 XP" in first
    assert "🧢 Today's XP is capped at 300" in first
    second = (await chat.send("/log run 5k 25:00")).text or ""
    assert "✨ +0 XP" in second
    level = (await chat.send("/level")).text or ""
    assert "300 XP in total" in level


async def test_an_edit_replaces_the_xp_and_never_awards_twice(chat: Harness) -> None:
    card = (await chat.send("/log run 21.1k 1:50:00")).text or ""
    assert "🥉 Achievement unlocked: Half way" in card
    await chat.press("Edit")
    await chat.press("Distance")
    shorter = (await chat.send("15")).text or ""
    assert "✨ " in shorter and "XP for this workout now" in shorter
    view = (await chat.send("/achievements")).text or ""
    assert "Half way ·" not in view, "a run under the distance no longer holds it"
    await chat.press("Edit")
    await chat.press("Distance")
    longer = (await chat.send("22")).text or ""
    assert "Half way" not in longer, "announced once, ever"
    view = (await chat.send("/achievements")).text or ""
    assert "🥉 Half way ·" in view
    level = (await chat.send("/level")).text or ""
    assert level.count("XP in total") == 1


async def test_achievements_show_the_earned_and_the_progress_to_the_next(chat: Harness) -> None:
    await chat.send("/log run 10k 50:00")
    view = (await chat.send("/achievements")).text or ""
    assert view.startswith("🏅 Achievements")
    assert "Earned: 1 of 47" in view
    assert "🏅 First steps · Tue 24 Nov" in view
    assert "🥉 Road miles — Kilometres run in total" in view
    assert "10.00 km / 50.00 km" in view


async def test_deleting_a_workout_takes_back_its_xp_and_achievements(chat: Harness) -> None:
    await chat.send("/log run 5k 25:00")
    await chat.press("Delete")
    await chat.press("Yes, delete")
    level = (await chat.send("/level")).text or ""
    assert "Level 1 · 0 XP in total" in level
    view = (await chat.send("/achievements")).text or ""
    assert "None earned yet" in view
    card = (await chat.send("/log run 5k 25:00")).text or ""
    assert "✨ +56 XP" in card
    assert "First steps" not in card, "it was announced once already"


async def test_the_weekly_target_is_set_from_the_level_card(chat: Harness) -> None:
    await chat.send("/log run 5k 25:00")
    card = (await chat.send("/level")).text or ""
    assert "This week: 1 of 3 sessions." in card
    changed = (await chat.press("1")).text or ""
    assert "This week: 1 of 1 sessions." in changed
    assert "Weekly streak: 1 wk" in changed


async def test_the_league_shows_the_group_with_first_names_and_the_rank(chat: Harness) -> None:
    empty = (await chat.send("/league")).text or ""
    assert "Earn XP this week" in empty
    await chat.send("/log run 5k 25:00")
    chat.telegram.add_user(7102, "Boris", username="boris")
    chat.user_id = 7102
    await chat.send("/log ride 1h 30km rpe 6")
    table = (await chat.send("/league")).text or ""
    assert "🏆 Bronze league" in table
    assert "You are #1 of 2." in table
    assert "1. Boris — 96 XP" in table
    assert "2. Anna — 56 XP" in table
    assert "boris" not in table.replace("Boris", ""), "first names only"


async def test_a_russian_athlete_reads_it_all_in_russian(chat: Harness) -> None:
    chat.telegram.add_user(7101, "Ира", language_code="ru")
    chat.user_id = 7101
    card = (await chat.send("/log бег 5 км 25:00")).text or ""
    assert "🏅 Новое достижение: Первые шаги" in card
    view = (await chat.send("/achievements")).text or ""
    assert "🏅 Достижения" in view
    assert "Километры дорог — Всего километров бегом" in view


async def test_help_and_the_menu_list_the_commands(chat: Harness) -> None:
    help_text = (await chat.send("/help")).text or ""
    assert "/achievements — Achievements earned and the next ones" in help_text
    assert "/level — XP, level and streaks; your weekly target" in help_text
    assert "/league — This week's league table" in help_text


async def test_an_imported_file_earns_once_and_its_re_import_adds_nothing(chat: Harness) -> None:
    await chat.send("/start")
    chat.telegram.user_sends_document(chat.user_id, RUN.name, RUN.read_bytes())
    await chat.deliver()
    card = next(
        m.text for m in chat.telegram.messages(chat.user_id) if m.text and "✨ +" in m.text
    )
    assert "🥉 Achievement unlocked: Archivist" in card
    before = (await chat.send("/level")).text or ""
    chat.telegram.user_sends_document(chat.user_id, "copy.FIT", RUN.read_bytes())
    await chat.deliver()
    assert "already in your journal" in (chat.last().text or "")
    after = (await chat.send("/level")).text or ""
    assert before.splitlines()[1] == after.splitlines()[1], "the same XP in total"
