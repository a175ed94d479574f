"""/start and onboarding, through the real Dispatcher, as an athlete would go through them."""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties

from bot.sandbox.session import InProcessSession
from domain.users.models import Goal, Language, Level, Sport, Weekday
from tests.bot.conftest import Harness, make_dispatcher


async def test_a_newcomer_goes_through_onboarding_with_buttons_and_answers(chat: Harness) -> None:
    await chat.send("/start")
    assert "Hi, Anna!" in chat.texts()[0]
    question = chat.last()
    assert "Step 1 of 9" in (question.text or "")
    await chat.press("Running")
    await chat.press("Cycling")
    card = await chat.press("Next")
    assert card.message_id == question.message_id, "the question is edited in place"
    await chat.press("Intermediate")
    await chat.press("Get faster")
    await chat.press("Tue")
    await chat.press("Sat")
    await chat.press("Next")
    await chat.send("Kazan")
    await chat.send("1991")
    await chat.send("64.5")
    await chat.send("52")
    done = await chat.send("186")
    assert "Your profile is ready" in (done.text or "")
    assert "Kazan" in (done.text or "")

    user = await chat.user()
    assert user is not None
    assert user.onboarded_at is not None
    profile = user.profile
    assert profile.sports == {Sport.RUNNING, Sport.CYCLING}
    assert (profile.level, profile.goal) == (Level.INTERMEDIATE, Goal.SPEED)
    assert profile.days == {Weekday.TUE, Weekday.SAT}
    assert (profile.city, profile.birth_year, profile.weight_kg) == ("Kazan", 1991, 64.5)
    assert (profile.resting_hr, profile.max_hr) == (52, 186)


async def test_every_step_can_be_skipped_and_gone_back(chat: Harness) -> None:
    await chat.send("/start")
    await chat.press("Skip")
    level = await chat.press("Beginner")
    assert "Step 3 of 9" in (level.text or "")
    back = await chat.press("Back")
    assert "Step 2 of 9" in (back.text or "")
    assert "✅ Beginner" in str(back.reply_markup), "the earlier answer is shown"
    for _ in range(8):
        await chat.press("Skip")
    assert "Your profile is ready" in (chat.last().text or "")
    user = await chat.user()
    assert user is not None
    assert user.profile.level is Level.BEGINNER
    assert user.profile.city is None


async def test_a_wrong_answer_is_explained_and_the_question_stays(chat: Harness) -> None:
    await chat.send("/start")
    for _ in range(5):
        await chat.press("Skip")
    reply = await chat.send("in the nineties")
    assert reply.text == "Please type a year as digits, e.g. 1990."
    reply = await chat.send("1890")
    assert "between 1926 and 2016" in (reply.text or "")
    nxt = await chat.send("1990")
    assert "What do you weigh?" in (nxt.text or "")
    user = await chat.user()
    assert user is not None
    assert user.profile.birth_year == 1990


async def test_a_shared_location_is_stored_coarse_and_sets_the_timezone(chat: Harness) -> None:
    await chat.send("/start")
    for _ in range(4):
        await chat.press("Skip")
    await chat.share_location(55.75583, 37.61730)
    assert any("Europe/Moscow" in text for text in chat.texts())
    user = await chat.user()
    assert user is not None
    assert user.profile.location is not None
    assert (user.profile.location.latitude, user.profile.location.longitude) == (55.8, 37.6)
    assert user.timezone == "Europe/Moscow"


async def test_cancel_leaves_the_flow_and_keeps_the_answers(chat: Harness) -> None:
    await chat.send("/start")
    await chat.press("Swimming")
    reply = await chat.send("/cancel")
    assert reply.text == "Stopped. Whatever you had answered is saved."
    hint = await chat.send("1990")
    assert "/help" in (hint.text or ""), "no flow is waiting for an answer any more"
    user = await chat.user()
    assert user is not None
    assert user.profile.sports == {Sport.SWIMMING}
    assert (
        await chat.send("/cancel")
    ).text == "There is nothing to cancel. /help shows what I can do."


async def test_onboarding_in_progress_survives_a_restart(chat: Harness) -> None:
    await chat.send("/start")
    await chat.press("Skip")
    await chat.press("Advanced")
    restarted = Harness(
        chat.telegram,
        make_dispatcher(chat.sessions),
        Bot(
            "42:TEST-in-process-token",
            session=InProcessSession(chat.telegram),
            default=DefaultBotProperties(parse_mode="HTML"),
        ),
        chat.sessions,
        _offset=chat._offset,
    )
    goal = await restarted.press("Get stronger")
    assert "Step 4 of 9" in (goal.text or "")
    user = await restarted.user()
    assert user is not None
    assert (user.profile.level, user.profile.goal) == (Level.ADVANCED, Goal.STRENGTH)
    await restarted.bot.session.close()


async def test_deep_links_are_remembered_for_later(chat: Harness) -> None:
    greeting = await chat.send("/start ref_friend42")
    assert any("A friend invited you" in text for text in chat.texts())
    assert greeting is not None
    user = await chat.user()
    assert user is not None
    assert user.start_link == "ref_friend42"


async def test_a_russian_client_is_greeted_in_russian(chat: Harness) -> None:
    chat.telegram.add_user(7002, "Иван", language_code="ru")
    chat.user_id = 7002
    await chat.send("/start")
    assert chat.texts()[0].startswith("Привет, Иван!")
    assert "Шаг 1 из 9" in (chat.last().text or "")
    user = await chat.user()
    assert user is not None
    assert user.language is Language.RU


async def test_a_returning_athlete_gets_their_profile(chat: Harness) -> None:
    await chat.send("/start")
    for _ in range(9):
        await chat.press("Skip")
    card = await chat.send("/start")
    assert "Anna's profile" in (card.text or "")
    assert any("Welcome back, Anna!" in text for text in chat.texts())


async def test_something_else_than_an_answer_gets_a_nudge(chat: Harness) -> None:
    await chat.send("/start")
    nudge = await chat.share_location(50.0, 30.0)
    assert nudge.text == "Please use the buttons above, or /cancel to stop."
    for _ in range(5):
        await chat.press("Skip")
    nudge = await chat.share_location(50.0, 30.0)
    assert nudge.text == "Please type your answer, use the buttons above, or /cancel to stop."
